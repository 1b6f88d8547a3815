/* len(m), m[key], m[key] = value, del m[key] and sq_item, with the
 * built-in memoryview's order of checks: every error a key can cause is
 * raised in the same order as the built-in's, and index conversions
 * (which run user code) never touch the memory; the item's address is
 * computed only after the last conversion and the released check that
 * follows it.
 */
#include "mv_items.h"
#include "mv_slice.h"

static const char zero_dim_msg[] = "invalid indexing of 0-dim memory";

Py_ssize_t
gomv_mv_length(gomv_mv *self)
{
    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if (self->view.ndim == 0) {
#if PY_VERSION_HEX >= 0x030C0000
        PyErr_SetString(PyExc_TypeError, "0-dim memory has no length");
        return -1;
#else
        return 1;
#endif
    }
    return self->view.shape[0];
}

/* Index i of dimension dim from the end when negative, or -1 with the
 * built-in's IndexError when out of range. */
static inline Py_ssize_t
check_index(const Py_buffer *v, int dim, Py_ssize_t i)
{
    Py_ssize_t n = v->shape[dim];

    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        PyErr_Format(PyExc_IndexError,
                     "index out of bounds on dimension %d", dim + 1);
        return -1;
    }
    return i;
}

char *
gomv_item_address_go(gomv_mv *self, Py_ssize_t *idx, int n)
{
    gomv_buf b;

    gomv_buf_of_mv(self, &b);
    return gomv_core_item(&b, idx, n);
}

/* An int key as Py_ssize_t; too large ones are IndexError, as with
 * PyNumber_AsSsize_t(key, PyExc_IndexError). Exact ints skip __index__. */
static inline Py_ssize_t
key_as_ssize(PyObject *key)
{
    if (PyLong_CheckExact(key)) {
#if PY_VERSION_HEX >= 0x030C0000
        /* small ints read inline: no call into the interpreter */
        if (PyUnstable_Long_IsCompact((PyLongObject *)key))
            return PyUnstable_Long_CompactValue((PyLongObject *)key);
#endif
        Py_ssize_t i = PyLong_AsSsize_t(key);
        if (i != -1 || !PyErr_Occurred())
            return i;
        PyErr_Clear();
    }
    return PyNumber_AsSsize_t(key, PyExc_IndexError);
}

/* Every item is an index (true for the empty tuple, as with the
 * built-in), or every item is a slice. */
static int
all_indices(PyObject *tup)
{
    Py_ssize_t i, n = PyTuple_GET_SIZE(tup);

    for (i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(tup, i);
        if (!gomv_is_index(key))
            return 0;
    }
    return 1;
}

static int
all_slices(PyObject *tup)
{
    Py_ssize_t i, n = PyTuple_GET_SIZE(tup);

    for (i = 0; i < n; i++)
        if (!PySlice_Check(PyTuple_GET_ITEM(tup, i)))
            return 0;
    return 1;
}

/* Convert and bounds-check a full index tuple (len == ndim, checked by the
 * caller after the too-short case) into idx, one dimension at a time as
 * the built-in does, so that an out-of-range index wins over a failing
 * __index__ further right. */
static int
tuple_indices(gomv_mv *self, PyObject *tup, Py_ssize_t *idx)
{
    const Py_buffer *v = &self->view;
    Py_ssize_t n = PyTuple_GET_SIZE(tup);
    int d;

    if (n > v->ndim) {
        PyErr_Format(PyExc_TypeError,
                     "cannot index %d-dimension view with %zd-element tuple",
                     v->ndim, n);
        return -1;
    }
    for (d = 0; d < n; d++) {
        Py_ssize_t i = key_as_ssize(PyTuple_GET_ITEM(tup, d));
        if (i == -1 && PyErr_Occurred())
            return -1;
        if ((idx[d] = check_index(v, d, i)) < 0)
            return -1;
    }
    return 0;
}

/* ---- reading ---- */

PyObject *
gomv_mv_item(gomv_mv *self, Py_ssize_t index)
{
    Py_buffer *v = &self->view;
    char code;

    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if ((code = gomv_item_code(self)) == 0)
        return NULL;
    if (v->ndim != 1) {
        if (v->ndim == 0)
            PyErr_SetString(PyExc_TypeError, zero_dim_msg);
        else
            PyErr_SetString(PyExc_NotImplementedError,
                            "multi-dimensional sub-views are not implemented");
        return NULL;
    }
    if ((index = check_index(v, 0, index)) < 0)
        return NULL;
    if (gomv_fast)
        return gomv_value_get_inline(
            code, gomv_adjust_ptr(v, 0, (char *)v->buf + v->strides[0] * index));
    else {
        char *p = gomv_item_address(self, &index, 1);
        return p ? gomv_value_get(code, p) : NULL;
    }
}

static PyObject *
item_multi(gomv_mv *self, PyObject *tup)
{
    Py_ssize_t idx[GOMV_MAX_NDIM];
    char code, *p;

    if ((code = gomv_item_code(self)) == 0)
        return NULL;
    if (PyTuple_GET_SIZE(tup) < self->view.ndim) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "sub-views are not implemented");
        return NULL;
    }
    if (tuple_indices(self, tup, idx) < 0)
        return NULL;
    /* an __index__ above may have released the view */
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if ((p = gomv_item_address(self, idx, self->view.ndim)) == NULL)
        return NULL;
    return gomv_value_get_inline(code, p);
}

/* A new view of the same managed buffer; only dimension 0 is sliced (the
 * others, if any, are kept whole, as the built-in does). */
static PyObject *
slice_view(gomv_mv *self, PyObject *key)
{
    Py_ssize_t start, stop, step, len;
    gomv_mv *sl;
    Py_buffer *v;
    int d;

    /* Registered on the buffer before the slice's __index__ methods run:
     * releasing self from one of them leaves the new view usable. */
    sl = gomv_mv_derive(self->mbuf, &self->view, self->code, self->flags & ~GOMV_RELEASED);
    if (sl == NULL)
        return NULL;
    if (!gomv_slice_plain(key, &start, &stop, &step)
        && PySlice_Unpack(key, &start, &stop, &step) < 0) {
        Py_DECREF(sl);
        return NULL;
    }
    v = &sl->view;
    v->shape[0] = gomv_slice_adjust(v->shape[0], &start, &stop, step);
    /* With a suboffset on dimension 0, buf is the array of pointers, and
     * moving along it is what slicing means; same arithmetic. */
    v->buf = (char *)v->buf + v->strides[0] * start;
    v->strides[0] *= step;
    len = v->itemsize;
    for (d = 0; d < v->ndim; d++)
        len *= v->shape[d];
    v->len = len;
    if (gomv_fast && v->ndim == 1 && v->suboffsets == NULL) {
        /* gomv_mv_init_flags' answer for a direct 1-D view whose len is
         * its shape times itemsize, without the call. */
        sl->flags = v->shape[0] == 1 || v->strides[0] == v->itemsize ? GOMV_C | GOMV_F : 0;
    }
    else {
        gomv_mv_init_flags(sl);
    }
    return (PyObject *)sl;
}

PyObject *
gomv_mv_subscript(gomv_mv *self, PyObject *key)
{
    Py_buffer *v = &self->view;

    if (gomv_mv_inaccessible(self) < 0)
        return NULL;

    if (v->ndim == 0) {
        if (PyTuple_Check(key) && PyTuple_GET_SIZE(key) == 0) {
            char code = gomv_item_code(self), *p;
            if (code == 0)
                return NULL;
            if ((p = gomv_item_address(self, NULL, 0)) == NULL)
                return NULL;
            return gomv_value_get(code, p);
        }
        if (key == Py_Ellipsis)
            return Py_NewRef(self);
        PyErr_SetString(PyExc_TypeError, zero_dim_msg);
        return NULL;
    }

    if (gomv_is_index(key)) {
        Py_ssize_t i = key_as_ssize(key);
        if (i == -1 && PyErr_Occurred())
            return NULL;
        return gomv_mv_item(self, i);
    }
    if (PySlice_Check(key))
        return slice_view(self, key);
    if (PyTuple_Check(key)) {
        if (all_indices(key))
            return item_multi(self, key);
        if (all_slices(key)) {
            PyErr_SetString(PyExc_NotImplementedError,
                            "multi-dimensional slicing is not implemented");
            return NULL;
        }
    }
    PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
    return NULL;
}

/* ---- writing ---- */

/* Convert, re-check, then compute the address and store: the conversion
 * runs user code that may release the view and let the exporter free or
 * move its memory (gh-92888), which the built-in reports as released. */
static inline int
set_item(gomv_mv *self, char code, Py_ssize_t *idx, int n, PyObject *value)
{
    gomv_value val;
    char *p;

    if (gomv_value_convert(code, value, &val) < 0)
        return -1;
    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if ((p = gomv_item_address(self, idx, n)) == NULL)
        return -1;
    return gomv_value_store(code, p, &val);
}

static int
same_format(const char *a, const char *b)
{
    if (a == NULL)
        a = "B";
    if (b == NULL)
        b = "B";
    if (a[0] == '@')
        a++;
    if (b[0] == '@')
        b++;
    return strcmp(a, b) == 0;
}

/* The last dimension's items are adjacent and direct. */
static int
last_dim_contiguous(const Py_buffer *b)
{
    int last = b->ndim - 1;

    if (b->suboffsets != NULL && b->suboffsets[last] >= 0)
        return 0;
    return b->strides == NULL || b->strides[last] == b->itemsize;
}

/* Copy src into dest (same structure): memmove when the rows are
 * contiguous and it is small (large copies go to Go, in pieces on several
 * goroutines), else Go, or in a fork() child memmove or the interpreter's
 * own copies through a contiguous temporary. */
static int
copy_items(gomv_mv *self, Py_buffer *dest, Py_buffer *src)
{
    gomv_buf db, sb;
    Py_ssize_t sshape[GOMV_MAX_NDIM], sstrides[GOMV_MAX_NDIM];
    int rc, nogil = dest->len >= GOMV_NOGIL_MIN;

    if (gomv_fast && last_dim_contiguous(dest) && last_dim_contiguous(src)
        && (dest->len <= gomv_piece || gomv_forked)) {
        memmove(dest->buf, src->buf, dest->shape[0] * dest->itemsize);
        return 0;
    }
    if (gomv_forked) {
        char *tmp = PyMem_Malloc(dest->len ? dest->len : 1);
        if (tmp == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        rc = PyBuffer_ToContiguous(tmp, src, dest->len, 'C');
        if (rc == 0)
            rc = PyBuffer_FromContiguous(dest, tmp, dest->len, 'C');
        PyMem_Free(tmp);
        return rc;
    }
    gomv_buf_of(dest, &db, NULL, NULL);
    gomv_buf_of(src, &sb, sshape, sstrides);
    GOMV_HOLD(self);
    rc = gomv_core_copy(&db, &sb, nogil);
    GOMV_UNHOLD(self);
    return rc;
}

/* m[a:b:c] = buffer on a 1-D view. dest is a private copy of the view's
 * layout with dimension 0 sliced. */
static int
set_slice(gomv_mv *self, PyObject *key, PyObject *value)
{
    Py_buffer src, dest;
    Py_ssize_t shape, stride, subo, start, stop, step;
    int ret = -1, d;

    if (PyObject_GetBuffer(value, &src, PyBUF_FULL_RO) < 0)
        return -1;

    dest = self->view;
    shape = dest.shape[0];
    stride = dest.strides[0];
    dest.shape = &shape;
    dest.strides = &stride;
    if (dest.suboffsets != NULL) {
        subo = dest.suboffsets[0];
        dest.suboffsets = &subo;
    }
    if (!gomv_slice_plain(key, &start, &stop, &step)
        && PySlice_Unpack(key, &start, &stop, &step) < 0)
        goto done;
    shape = gomv_slice_adjust(shape, &start, &stop, step);
    dest.buf = (char *)dest.buf + stride * start;
    stride *= step;
    dest.len = shape * dest.itemsize;

    /* getting the rvalue's buffer or the slice's __index__ may have
     * released the view */
    if (gomv_mv_inaccessible(self) < 0)
        goto done;

    if (!same_format(dest.format, src.format) ||
        dest.itemsize != src.itemsize || dest.ndim != src.ndim) {
        goto mismatch;
    }
    for (d = 0; d < dest.ndim; d++) {
        if (dest.shape[d] != src.shape[d])
            goto mismatch;
        if (dest.shape[d] == 0)
            break;
    }
    ret = copy_items(self, &dest, &src);
    goto done;

mismatch:
    PyErr_SetString(PyExc_ValueError,
                    "memoryview assignment: lvalue and rvalue have different "
                    "structures");
done:
    PyBuffer_Release(&src);
    return ret;
}

/* m[key] = value for keys other than one index: a 0-d view's () or ...,
 * slices, tuples. */
static int
ass_other(gomv_mv *self, char code, PyObject *key, PyObject *value)
{
    Py_buffer *v = &self->view;
    Py_ssize_t idx[GOMV_MAX_NDIM];

    if (v->ndim == 0) {
        if (key == Py_Ellipsis || (PyTuple_Check(key) && PyTuple_GET_SIZE(key) == 0))
            return set_item(self, code, idx, 0, value);
        PyErr_SetString(PyExc_TypeError, zero_dim_msg);
        return -1;
    }
    if (PySlice_Check(key) && v->ndim == 1)
        return set_slice(self, key, value);
    if (PyTuple_Check(key) && all_indices(key)) {
        if (PyTuple_GET_SIZE(key) < v->ndim) {
            PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
            return -1;
        }
        if (tuple_indices(self, key, idx) < 0)
            return -1;
        return set_item(self, code, idx, v->ndim, value);
    }
    if (PySlice_Check(key) || (PyTuple_Check(key) && all_slices(key))) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    PyErr_SetString(PyExc_TypeError, "memoryview: invalid slice key");
    return -1;
}

int
gomv_mv_ass_subscript(gomv_mv *self, PyObject *key, PyObject *value)
{
    Py_buffer *v = &self->view;
    Py_ssize_t i;
    char code;

    if (gomv_mv_inaccessible(self) < 0)
        return -1;
    if ((code = gomv_item_code(self)) == 0)
        return -1;
    if (v->readonly) {
        PyErr_SetString(PyExc_TypeError, "cannot modify read-only memory");
        return -1;
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete memory");
        return -1;
    }
    if (v->ndim == 0 || !gomv_is_index(key))
        return ass_other(self, code, key, value);
    if (v->ndim > 1) {
        PyErr_SetString(PyExc_NotImplementedError, "sub-views are not implemented");
        return -1;
    }
    i = key_as_ssize(key);
    if (i == -1 && PyErr_Occurred())
        return -1;
    if ((i = check_index(v, 0, i)) < 0)
        return -1;
    return set_item(self, code, &i, 1, value);
}
