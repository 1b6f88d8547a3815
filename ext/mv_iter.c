/* iter(m): the built-in has a dedicated iterator type, memory_iterator,
 * that reads dimension 0 of a 1-D view directly; so does this one.
 */
#include "mv_items.h"

typedef struct {
    PyObject_HEAD
    gomv_mv *seq;        /* NULL once exhausted */
    Py_ssize_t index;
    Py_ssize_t length;   /* shape[0] when the iterator was made */
    char code;
} gomv_iter;

/* A spec name without a module part leaves __module__ unset (reading it
 * raises AttributeError); make it the built-in's, "builtins", once, before
 * the first instance exists, so that the type and the default repr
 * ("<memory_iterator object at 0x...>") read exactly as the built-in's. */
static int
iter_type_named(void)
{
    static int done;
    PyObject *name;
    int r;

    if (done)
        return 0;
    name = PyUnicode_FromString("builtins");
    if (name == NULL)
        return -1;
    r = PyDict_SetItemString(gomv_iter_type->tp_dict, "__module__", name);
    Py_DECREF(name);
    if (r < 0)
        return -1;
    PyType_Modified(gomv_iter_type);
    done = 1;
    return 0;
}

PyObject *
gomv_mv_iter(gomv_mv *self)
{
    gomv_iter *it;
    char code;

#if PY_VERSION_HEX >= 0x030E0000
    /* 3.14 checks the release first */
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
#endif
    if (self->view.ndim == 0) {
        PyErr_SetString(PyExc_TypeError, "invalid indexing of 0-dim memory");
        return NULL;
    }
    if (self->view.ndim != 1) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    /* The built-in checks nothing here and fails in a broken way on a
     * released view (3.11: SystemError; 3.12+: an iterator returned with
     * an exception still set), after reading the format, which may be
     * freed memory by then. Report the release instead, before the format
     * is looked at. */
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if ((code = gomv_item_code(self)) == 0)
        return NULL;

    if (iter_type_named() < 0)
        return NULL;
    it = PyObject_GC_New(gomv_iter, gomv_iter_type);
    if (it == NULL)
        return NULL;
    it->seq = (gomv_mv *)Py_NewRef(self);
    it->index = 0;
    it->length = self->view.shape[0];
    it->code = code;
    PyObject_GC_Track(it);
    return (PyObject *)it;
}

static PyObject *
iter_next(gomv_iter *it)
{
    gomv_mv *seq = it->seq;
    const Py_buffer *v;
    Py_ssize_t i;
    char *p;

    if (seq == NULL)
        return NULL;
    if (it->index >= it->length) {
        it->seq = NULL;
        Py_DECREF(seq);
        return NULL;
    }
    if (gomv_mv_inaccessible(seq) < 0)
        return NULL;
    i = it->index++;
    v = &seq->view;
    if (it->code == 'B' && gomv_fast && v->suboffsets == NULL)
        return gomv_long_from_byte(((const unsigned char *)v->buf)[v->strides[0] * i]);
    p = gomv_item_address(seq, &i, 1);
    return p ? gomv_value_get(it->code, p) : NULL;
}

static int
iter_traverse(gomv_iter *it, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(it));
    Py_VISIT(it->seq);
    return 0;
}

static int
iter_clear(gomv_iter *it)
{
    Py_CLEAR(it->seq);
    return 0;
}

static void
iter_dealloc(gomv_iter *it)
{
    PyTypeObject *tp = Py_TYPE(it);

    PyObject_GC_UnTrack(it);
    Py_CLEAR(it->seq);
    PyObject_GC_Del(it);
    Py_DECREF(tp);
}

/* The built-in, a static type, cannot be pickled or copied ("cannot
 * pickle 'memory_iterator' object", from copyreg); a heap type would get
 * object's default reduction, so refuse it here in the same words. */
static PyObject *
iter_reduce(PyObject *it, PyObject *unused)
{
    (void)unused;
    (void)it;
    PyErr_SetString(PyExc_TypeError,
                    "cannot pickle 'memory_iterator' object");
    return NULL;
}

static PyMethodDef iter_methods[] = {
    {"__reduce__", iter_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot iter_slots[] = {
    {Py_tp_methods, iter_methods},
    {Py_tp_dealloc, iter_dealloc},
    {Py_tp_traverse, iter_traverse},
    {Py_tp_clear, iter_clear},
    {Py_tp_iter, PyObject_SelfIter},
    {Py_tp_iternext, iter_next},
    {0, NULL},
};

/* No module part in the name, so that the type reads exactly as the
 * built-in's in reprs and messages ("cannot create 'memory_iterator'
 * instances"); like the built-in, it cannot be instantiated or modified
 * from Python. */
PyType_Spec gomv_iter_spec = {
    .name = "memory_iterator",
    .basicsize = sizeof(gomv_iter),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC |
             Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = iter_slots,
};
