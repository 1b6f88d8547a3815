/* An ndview as a sequence along its first dimension, as numpy arrays are:
 * len, iteration (items of a 1-D view, sub-views of N-1 dimensions
 * otherwise), `in`, count and index. Items of a native format are read
 * in C; others come from Go a block at a time through a watching reader,
 * so that Python code running between items sees current memory. */
#include "nd.h"

PyTypeObject *gomv_nd_iter_type;

static int
zero_dim(void)
{
    PyErr_SetString(PyExc_TypeError, "iteration over a 0-d array");
    return -1;
}

Py_ssize_t
gomv_nd_length(gomv_mv *self)
{
    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if (self->view.ndim == 0) {
        PyErr_SetString(PyExc_TypeError, "len() of unsized object");
        return -1;
    }
    return self->view.shape[0];
}

/* Element i of dimension 0, i in range: a sub-view, or an item read in C
 * (native formats) or through the reader. */
static PyObject *
element(gomv_mv *self, nd_reader *r, Py_ssize_t i)
{
    const Py_buffer *v = &self->view;

    if (v->ndim > 1)
        return gomv_nd_subview(self, i);
    if (gomv_fast && self->code) {
        char *p = (char *)v->buf + v->strides[0] * i;
        if (v->suboffsets != NULL && v->suboffsets[0] >= 0)
            p = *(char **)p + v->suboffsets[0];
        return gomv_nd_native_get(self->code, p);
    }
    return gomv_nd_reader_item(r, i);
}

/* The first index in [start, stop) whose element equals x (stop when
 * none does, count the number that do), or -1 raised. */
static Py_ssize_t
search(gomv_mv *self, PyObject *x, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t *count)
{
    nd_reader r;
    Py_ssize_t i;

    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if (self->view.ndim == 0)
        return zero_dim();
    gomv_nd_reader_init(&r, self, 1);
    stop = Py_MIN(stop, self->view.shape[0]);
    for (i = start; i < stop; i++) {
        PyObject *e;
        int eq;
        /* an __eq__ may release the view */
        if (gomv_mv_inaccessible(self) < 0 || (e = element(self, &r, i)) == NULL)
            break;
        eq = PyObject_RichCompareBool(e, x, Py_EQ);
        Py_DECREF(e);
        if (eq < 0 || (eq > 0 && count == NULL))
            break;
        if (eq > 0)
            (*count)++;
    }
    gomv_nd_reader_clear(&r);
    return PyErr_Occurred() ? -1 : i;
}

int
gomv_nd_contains(gomv_mv *self, PyObject *x)
{
    Py_ssize_t i = search(self, x, 0, PY_SSIZE_T_MAX, NULL);
    return i < 0 ? -1 : i < self->view.shape[0];
}

PyObject *
gomv_nd_count(gomv_mv *self, PyObject *x)
{
    Py_ssize_t count = 0;

    if (search(self, x, 0, PY_SSIZE_T_MAX, &count) < 0)
        return NULL;
    return PyLong_FromSsize_t(count);
}

/* A start or stop argument of index(), clamped as slice bounds are. */
static int
bound(PyObject *o, Py_ssize_t *out)
{
    if (!PyIndex_Check(o)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or have an __index__ method");
        return -1;
    }
    *out = PyNumber_AsSsize_t(o, NULL);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

PyObject *
gomv_nd_index(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX, n, i;

    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "index expected at %s %d argument%s, got %zd",
                     nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s", nargs);
        return NULL;
    }
    if ((nargs > 1 && bound(args[1], &start) < 0) || (nargs > 2 && bound(args[2], &stop) < 0))
        return NULL;
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if (self->view.ndim == 0) {
        zero_dim();
        return NULL;
    }
    n = self->view.shape[0];
    if (start < 0)
        start = Py_MAX(start + n, 0);
    if (stop < 0)
        stop = Py_MAX(stop + n, 0);
    if ((i = search(self, args[0], start, stop, NULL)) < 0)
        return NULL;
    if (i < Py_MIN(stop, n))
        return PyLong_FromSsize_t(i);
    PyErr_SetString(PyExc_ValueError, "ndview.index(x): x not found");
    return NULL;
}

/* ---- the iterator ---- */

typedef struct {
    PyObject_HEAD
    gomv_mv *seq;        /* NULL once exhausted */
    Py_ssize_t index;
    Py_ssize_t length;   /* shape[0] when the iterator was made */
    nd_reader reader;
} nd_iter;

PyObject *
gomv_nd_iter(gomv_mv *self)
{
    nd_iter *it;

    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if (self->view.ndim == 0) {
        zero_dim();
        return NULL;
    }
    it = PyObject_GC_New(nd_iter, gomv_nd_iter_type);
    if (it == NULL)
        return NULL;
    it->seq = (gomv_mv *)Py_NewRef(self);
    it->index = 0;
    it->length = self->view.shape[0];
    gomv_nd_reader_init(&it->reader, self, 1);
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static void
iter_exhaust(nd_iter *it)
{
    gomv_nd_reader_clear(&it->reader);
    Py_CLEAR(it->seq);
}

static PyObject *
iter_next(nd_iter *it)
{
    if (it->seq == NULL)
        return NULL;
    if (it->index >= it->length) {
        iter_exhaust(it);
        return NULL;
    }
    if (gomv_mv_inaccessible(it->seq) < 0)
        return NULL;
    return element(it->seq, &it->reader, it->index++);
}

static int
iter_traverse(nd_iter *it, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(it));
    Py_VISIT(it->seq);
    return 0;
}

static int
iter_clear(nd_iter *it)
{
    iter_exhaust(it);
    return 0;
}

static void
iter_dealloc(nd_iter *it)
{
    PyTypeObject *tp = Py_TYPE(it);

    PyObject_GC_UnTrack(it);
    iter_exhaust(it);
    PyObject_GC_Del(it);
    Py_DECREF(tp);
}

static PyType_Slot iter_slots[] = {
    {Py_tp_dealloc, iter_dealloc},
    {Py_tp_traverse, iter_traverse},
    {Py_tp_clear, iter_clear},
    {Py_tp_iter, PyObject_SelfIter},
    {Py_tp_iternext, iter_next},
    {0, NULL},
};

PyType_Spec gomv_nd_iter_spec = {
    .name = "gomv.ndview_iterator",
    .basicsize = sizeof(nd_iter),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = iter_slots,
};
