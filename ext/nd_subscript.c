/* v[key] and v[key] = value with numpy's basic indexing. Keys are
 * converted first (which may run Python code), then the value (more
 * Python code), and only then, once the view is known to be alive, are
 * the keys applied to the layout and the memory touched. */
#include "nd.h"

/* v[i] of a 1-D view of a native format, the common case, in C. */
static PyObject *
item_1d(gomv_mv *self, Py_ssize_t i)
{
    const Py_buffer *v = &self->view;
    Py_ssize_t n = v->shape[0], j = i < 0 ? i + n : i;
    char *p;

    if (j < 0 || j >= n) {
        PyErr_Format(PyExc_IndexError, "index %zd is out of bounds for axis 0 with size %zd", i, n);
        return NULL;
    }
    p = (char *)v->buf + v->strides[0] * j;
    if (v->suboffsets != NULL && v->suboffsets[0] >= 0)
        p = *(char **)p + v->suboffsets[0];
    return gomv_nd_native_get(self->code, p);
}

PyObject *
gomv_nd_subscript(gomv_mv *self, PyObject *key)
{
    nd_keys k;
    gomv_ndlayout l;
    PyObject *res = NULL;

    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if (gomv_fast && self->code && self->view.ndim == 1 && PyLong_CheckExact(key)) {
        Py_ssize_t i = PyLong_AsSsize_t(key);
        if (i != -1 || !PyErr_Occurred())
            return item_1d(self, i);
        PyErr_Clear();   /* beyond Py_ssize_t: the general path refuses it */
    }
    if (gomv_nd_plain_keys(self, key, &l, &k.ints)) {
        if (k.ints == self->view.ndim && l.ndim == 0)
            return gomv_nd_item_at(self, l.buf);
        return gomv_nd_from_layout(self, &l, self->view.format, self->code);
    }
    if (gomv_nd_keys_parse(key, &k) < 0)
        return NULL;
    if (gomv_mv_inaccessible(self) == 0 && gomv_nd_keys_apply(self, &k, &l) == 0) {
        if (gomv_nd_keys_item(&k, self->view.ndim))
            res = gomv_nd_item_at(self, l.buf);
        else
            res = gomv_nd_from_layout(self, &l, self->view.format, self->code);
    }
    gomv_nd_keys_clear(&k);
    return res;
}

/* ---- assignment ---- */

/* One item: the value converted (C for native formats, else flattened
 * along the tree Go sends and packed by Go), then stored at the item the
 * keys select. */
static int
set_item(gomv_mv *self, const nd_keys *k, PyObject *value)
{
    gomv_ndlayout l;
    gomv_value v;
    gomv_buf b;
    nd_tree t;
    nd_vals vs;
    PyObject *keep = NULL;
    int rc = -1;

    if (gomv_fast && self->code) {
        if (gomv_nd_convert(self->code, value, &v) < 0 || gomv_mv_inaccessible(self) < 0
            || gomv_nd_keys_apply(self, k, &l) < 0)
            return -1;
        return gomv_nd_native_store(self->code, l.buf, &v);
    }
    gomv_buf_of_mv(self, &b);
    memset(&t, 0, sizeof t);
    gomv_nd_vals_init(&vs);
    if (gomv_nd_tree_of(&b, &t) == 0 && gomv_nd_vals_reserve(&vs, t.nvalues) == 0
        && gomv_nd_flatten(&t, value, vs.v, &keep) == 0 && gomv_mv_inaccessible(self) == 0
        && gomv_nd_keys_apply(self, k, &l) == 0) {
        b.buf = l.buf;
        b.len = b.itemsize;
        b.ndim = 0;
        b.shape = b.strides = b.suboffsets = NULL;
        rc = gomv_core_nd_pack(&b, vs.v, t.nvalues);
    }
    Py_XDECREF(keep);
    gomv_nd_tree_clear(&t);
    gomv_nd_vals_clear(&vs);
    return rc;
}

/* A sub-view from an exporter of the same shape, values converted by Go
 * (gomv.Assign: as if the source were copied first). */
static int
set_view(gomv_mv *self, const nd_keys *k, Py_buffer *src)
{
    Py_ssize_t shape[GOMV_MAX_NDIM], strides[GOMV_MAX_NDIM];
    gomv_ndlayout l;
    Py_buffer dst;
    gomv_buf db, sb;
    int rc;

    if (src->ndim > GOMV_MAX_NDIM) {
        PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
        return -1;
    }
    if (gomv_mv_inaccessible(self) < 0 || gomv_nd_keys_apply(self, k, &l) < 0)
        return -1;
    gomv_nd_buffer_of(self, &l, &dst);
    gomv_buf_of(&dst, &db, NULL, NULL);
    gomv_buf_of(src, &sb, shape, strides);
    GOMV_HOLD(self);
    rc = gomv_core_nd_assign(&db, &sb, dst.len >= GOMV_NOGIL_MIN);
    GOMV_UNHOLD(self);
    return rc;
}

/* Keys that select one item, or a view of no dimensions given anything
 * but a buffer of no dimensions, take an item; other views a buffer. */
static int
assign(gomv_mv *self, const nd_keys *k, PyObject *value)
{
    Py_buffer src;
    /* the number of dimensions the keys leave (if they apply at all) */
    int rc, scalar = self->view.ndim - k->ints + k->newaxes == 0;

    if (gomv_nd_keys_item(k, self->view.ndim) || (scalar && !PyObject_CheckBuffer(value)))
        return set_item(self, k, value);
    if (PyObject_GetBuffer(value, &src, PyBUF_FULL_RO) < 0)
        return -1;
    if (scalar && src.ndim != 0) {
        PyBuffer_Release(&src);
        return set_item(self, k, value);
    }
    rc = set_view(self, k, &src);
    PyBuffer_Release(&src);
    return rc;
}

int
gomv_nd_ass_subscript(gomv_mv *self, PyObject *key, PyObject *value)
{
    nd_keys k;
    int rc;

    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if (self->view.readonly) {
        PyErr_SetString(PyExc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete memory");
        return -1;
    }
    if (gomv_nd_keys_parse(key, &k) < 0)
        return -1;
    rc = assign(self, &k, value);
    gomv_nd_keys_clear(&k);
    return rc;
}
