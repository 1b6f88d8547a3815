/* Subscripts with numpy's basic indexing: Python keys are converted to
 * gomv_ndkey (in C in both modes: only C can run Python code), then
 * applied to the view's layout in C, or, without the fast paths, by the
 * core's View.Key (gomvgo_nd_key). The C application mirrors the core
 * rule for rule, errors and their order included:
 *   - a second Ellipsis, more int and slice keys than dimensions, and a
 *     result of more than 64 dimensions are refused first;
 *   - then keys apply left to right: an int drops its dimension (an index
 *     out of range names the axis of the original view), a slice keeps it
 *     (step 0 is refused where it stands), Ellipsis stands for full
 *     slices, None inserts a dimension of length 1 and stride 0;
 *   - suboffsets: a start offset goes to the nearest indirect dimension
 *     before the one indexed (else to buf); an int on an indirect
 *     dimension follows its pointer now (dimension 0) or moves its
 *     suboffset to the dimension before; an empty view moves nothing. */
#include "nd.h"
#include "mv_slice.h"

static const char invalid_key_msg[] =
    "only integers, slices (`:`), ellipsis (`...`) and numpy.newaxis (`None`) "
    "are valid indices";

void
gomv_nd_keys_clear(nd_keys *k)
{
    if (k->keys != NULL && k->keys != k->small)
        PyMem_Free(k->keys);
    k->keys = NULL;
}

/* An int key: numpy refuses bools (boolean indexing), and any index it
 * cannot convert (an __index__ that raises, or more than 64 bits) with the
 * same IndexError as other objects. */
static int
parse_int(PyObject *o, gomv_ndkey *k)
{
    Py_ssize_t i;

    if (PyBool_Check(o))
        return -1;
    i = PyNumber_AsSsize_t(o, PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    k->kind = GOMV_KEY_INT;
    k->index = i;
    return 0;
}

/* A slice key, with step 0 kept for the application to refuse in order
 * (PySlice_Unpack refuses it before converting start and stop). Slices of
 * ints and None, the usual ones, skip PySlice_Unpack's conversions. */
static int
parse_slice(PyObject *o, gomv_ndkey *k)
{
    PyObject *step = ((PySliceObject *)o)->step;

    k->kind = GOMV_KEY_SLICE;
    if (gomv_slice_plain(o, &k->start, &k->stop, &k->step))
        return 0;
    if (PySlice_Unpack(o, &k->start, &k->stop, &k->step) == 0)
        return 0;
    if (!PyErr_ExceptionMatches(PyExc_ValueError) || step == Py_None)
        return -2;   /* the slice's own error (a bound that is not an index) */
    PyErr_Clear();
    if (PyNumber_AsSsize_t(step, NULL) == 0 && !PyErr_Occurred()) {
        k->start = k->stop = k->step = 0;
        return 0;
    }
    PyErr_Clear();
    PySlice_Unpack(o, &k->start, &k->stop, &k->step);   /* its error again */
    return -2;
}

/* One key into *k and the counts; -1 for an invalid key (not raised),
 * -2 with an exception raised. */
static int
parse_one(PyObject *o, gomv_ndkey *k, nd_keys *ks)
{
    if (PyLong_CheckExact(o)) {   /* the usual int, without __index__ */
        k->kind = GOMV_KEY_INT;
        k->index = PyLong_AsSsize_t(o);
        if (k->index == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return -1;   /* beyond Py_ssize_t: invalid, as numpy says */
        }
        ks->ints++;
        return 0;
    }
    if (o == Py_None) {
        k->kind = GOMV_KEY_NEWAXIS;
        ks->newaxes++;
    }
    else if (o == Py_Ellipsis) {
        k->kind = GOMV_KEY_ELLIPSIS;
        ks->ellipses++;
    }
    else if (PySlice_Check(o)) {
        int r = parse_slice(o, k);
        if (r < 0)
            return r;
        ks->slices++;
    }
    else if (PyIndex_Check(o)) {
        if (parse_int(o, k) < 0)
            return -1;
        ks->ints++;
    }
    else
        return -1;
    return 0;
}

int
gomv_nd_keys_parse(PyObject *key, nd_keys *k)
{
    Py_ssize_t n = PyTuple_Check(key) ? PyTuple_GET_SIZE(key) : 1, i;
    int r = 0;

    k->n = 0;
    k->ints = k->slices = k->ellipses = k->newaxes = 0;
    k->keys = k->small;
    if (n > (Py_ssize_t)(sizeof k->small / sizeof k->small[0])) {
        if (n > INT_MAX / 2 || (k->keys = PyMem_Malloc(n * sizeof *k->keys)) == NULL) {
            k->keys = NULL;
            PyErr_NoMemory();
            return -1;
        }
    }
    /* numpy looks at every key before applying any: an invalid one wins
     * over errors of the others. */
    for (i = 0; i < n && r >= 0; i++)
        r = parse_one(PyTuple_Check(key) ? PyTuple_GET_ITEM(key, i) : key, &k->keys[i], k);
    k->n = (int)i;
    if (r == -1)
        PyErr_SetString(PyExc_IndexError, invalid_key_msg);
    if (r < 0) {
        gomv_nd_keys_clear(k);
        return -1;
    }
    return 0;
}

/* ---- applying keys in C ---- */

/* Move the items along dimension d by delta bytes: at the nearest
 * indirect dimension before d, or the whole view. */
static void
shift(gomv_ndlayout *l, int d, Py_ssize_t delta)
{
    if (!l->has_suboffsets) {
        l->buf += delta;
        return;
    }
    while (--d >= 0) {
        if (l->has_suboffsets && l->suboffsets[d] >= 0) {
            l->suboffsets[d] += delta;
            return;
        }
    }
    l->buf += delta;
}

static void
remove_dim(gomv_ndlayout *l, int d)
{
    int n = l->ndim - d - 1;
    memmove(l->shape + d, l->shape + d + 1, n * sizeof *l->shape);
    memmove(l->strides + d, l->strides + d + 1, n * sizeof *l->strides);
    memmove(l->suboffsets + d, l->suboffsets + d + 1, n * sizeof *l->suboffsets);
    l->ndim--;
}

static void
insert_axis(gomv_ndlayout *l, int d)
{
    int n = l->ndim - d;
    memmove(l->shape + d + 1, l->shape + d, n * sizeof *l->shape);
    memmove(l->strides + d + 1, l->strides + d, n * sizeof *l->strides);
    memmove(l->suboffsets + d + 1, l->suboffsets + d, n * sizeof *l->suboffsets);
    l->shape[d] = 1;
    l->strides[d] = 0;
    l->suboffsets[d] = -1;
    l->ndim++;
}

/* Index i (in range) of dimension d. *twice is set when the result would
 * follow two pointers in a row (the caller refuses it at the end). */
static void
take_index(gomv_ndlayout *l, int d, Py_ssize_t i, int empty, int *twice)
{
    Py_ssize_t sub = l->has_suboffsets ? l->suboffsets[d] : -1;

    if (!empty)
        shift(l, d, i * l->strides[d]);
    remove_dim(l, d);
    if (sub < 0 || empty)
        return;
    if (d == 0)
        l->buf = *(char **)l->buf + sub;
    else {
        *twice |= l->suboffsets[d - 1] >= 0;
        l->suboffsets[d - 1] = sub;
    }
}

/* The checks made before any key applies: the number of dimensions an
 * Ellipsis spans, or -1 raised. */
static int
check_counts(const nd_keys *k, int ndim)
{
    int slices = k->slices;

    if (k->ellipses > 1) {
        PyErr_SetString(PyExc_IndexError, "an index can only have a single ellipsis ('...')");
        return -1;
    }
    if (k->ints + slices > ndim) {
        PyErr_Format(PyExc_IndexError,
                     "too many indices for array: array is %d-dimensional, but %d were indexed",
                     ndim, k->ints + slices);
        return -1;
    }
    if (ndim - k->ints + k->newaxes > GOMV_MAX_NDIM) {
        PyErr_Format(PyExc_IndexError,
                     "number of dimensions must be within [0, %d], indexing result would have %d",
                     GOMV_MAX_NDIM, ndim - k->ints + k->newaxes);
        return -1;
    }
    return ndim - k->ints - slices;
}

/* The layout of v, to apply keys to. */
static int
layout_of(const Py_buffer *v, gomv_ndlayout *l)
{
    int d, empty = 0;

    l->buf = v->buf;
    l->itemsize = v->itemsize;
    l->ndim = v->ndim;
    l->has_suboffsets = v->suboffsets != NULL;
    for (d = 0; d < v->ndim; d++) {
        l->shape[d] = v->shape[d];
        l->strides[d] = v->strides[d];
        l->suboffsets[d] = v->suboffsets ? v->suboffsets[d] : -1;
        empty |= v->shape[d] == 0;
    }
    return empty;
}

/* A slice key on dimension d: 1 when the result is empty. */
static int
take_slice(gomv_ndlayout *l, int d, const gomv_ndkey *key, int empty)
{
    Py_ssize_t start = key->start, stop = key->stop;
    Py_ssize_t n = PySlice_AdjustIndices(l->shape[d], &start, &stop, key->step);

    if (n > 0 && !empty)
        shift(l, d, start * l->strides[d]);
    l->shape[d] = n;
    l->strides[d] *= key->step;
    return n == 0;
}

static int
apply_c(const Py_buffer *v, const nd_keys *k, gomv_ndlayout *l)
{
    int i, d = 0, axis = 0, twice = 0, span = check_counts(k, v->ndim);
    int empty = layout_of(v, l);

    if (span < 0)
        return -1;
    for (i = 0; i < k->n; i++) {
        const gomv_ndkey *key = &k->keys[i];
        Py_ssize_t n = d < l->ndim ? l->shape[d] : 0, j = key->index;
        switch (key->kind) {
        case GOMV_KEY_INT:
            if (j < 0)
                j += n;
            if (j < 0 || j >= n) {
                PyErr_Format(PyExc_IndexError, "index %zd is out of bounds for axis %d with size %zd",
                             key->index, axis, n);
                return -1;
            }
            take_index(l, d, j, empty, &twice);
            axis++;
            break;
        case GOMV_KEY_SLICE:
            if (key->step == 0) {
                PyErr_SetString(PyExc_ValueError, "slice step cannot be zero");
                return -1;
            }
            empty |= take_slice(l, d++, key, empty);
            axis++;
            break;
        case GOMV_KEY_ELLIPSIS:
            d += span;
            axis += span;
            break;
        default:
            insert_axis(l, d++);
        }
    }
    return twice ? -2 : 0;
}

/* No entry >= 0: no suboffsets at all. */
static void
drop_suboffsets(gomv_ndlayout *l)
{
    int d;
    for (d = 0; d < l->ndim && l->has_suboffsets; d++)
        if (l->suboffsets[d] >= 0)
            return;
    l->has_suboffsets = 0;
}

int
gomv_nd_keys_apply(gomv_mv *self, const nd_keys *k, gomv_ndlayout *out)
{
    int r;

    if (!gomv_fast) {
        gomv_buf b;
        gomv_buf_of_mv(self, &b);
        return gomv_core_nd_key(&b, k->keys, k->n, out);
    }
    r = apply_c(&self->view, k, out);
    if (r == -2)
        PyErr_SetString(PyExc_NotImplementedError,
                        "gomv: cannot index a dimension with suboffsets that follows another "
                        "dimension with suboffsets (the result would follow two pointers in a row)");
    if (r < 0)
        return -1;
    drop_suboffsets(out);
    return 0;
}

/* ---- the plain path ---- */

/* Ellipsis at items[i] of n: the full dimensions it stands for (from *d
 * on) copied to out; 0 when the rest does not fit (another Ellipsis, too
 * many keys, too many dimensions). */
static int
plain_ellipsis(const Py_buffer *v, PyObject *const *items, Py_ssize_t i, Py_ssize_t n,
               int *d, int *nd, gomv_ndlayout *out)
{
    Py_ssize_t used = 0, span;

    while (++i < n) {
        if (items[i] == Py_Ellipsis)
            return 0;
        used += items[i] != Py_None;
    }
    span = v->ndim - *d - used;
    if (span < 0 || *nd + span > GOMV_MAX_NDIM)
        return 0;
    for (; span > 0; span--) {
        out->shape[*nd] = v->shape[*d];
        out->strides[(*nd)++] = v->strides[(*d)++];
    }
    return 1;
}

/* No dimension of length 0, whatever an exporter's len says (a len that
 * matches the shape and is not 0 says it all). */
static int
has_items(const gomv_mv *self)
{
    const Py_buffer *v = &self->view;
    int d;
    if (v->len != 0 && !(self->flags & GOMV_BADLEN))
        return 1;
    for (d = 0; d < v->ndim; d++)
        if (v->shape[d] == 0)
            return 0;
    return 1;
}

int
gomv_nd_plain_keys(const gomv_mv *self, PyObject *key, gomv_ndlayout *out, int *ints)
{
    const Py_buffer *v = &self->view;
    PyObject *const *items = &key;
    Py_ssize_t n = 1, i, len, j;
    char *buf = v->buf;
    int d = 0, nd = 0, empty = 0, nints = 0;
    gomv_ndkey k;

    if (!gomv_fast || v->suboffsets != NULL || !has_items(self))
        return 0;
    if (PyTuple_Check(key)) {
        items = &PyTuple_GET_ITEM(key, 0);
        n = PyTuple_GET_SIZE(key);
    }
    for (i = 0; i < n; i++) {
        PyObject *o = items[i];
        if (o == Py_None && nd < GOMV_MAX_NDIM) {
            out->shape[nd] = 1;
            out->strides[nd++] = 0;
            continue;
        }
        if (o == Py_Ellipsis) {
            if (!plain_ellipsis(v, items, i, n, &d, &nd, out))
                return 0;
            nints = -1 - n;   /* a view, whatever the ints: see the header */
            continue;
        }
        if (d == v->ndim)
            return 0;
        len = v->shape[d];
        if (PyLong_CheckExact(o) && gomv_slice_bound(o, 0, &j)) {
            if ((j < 0 ? (j += len) : j) < 0 || j >= len)
                return 0;   /* numpy's IndexError, from the general path */
            if (!empty)
                buf += v->strides[d] * j;
            d++;
            nints++;
            continue;
        }
        if (!PySlice_Check(o) || !gomv_slice_plain(o, &k.start, &k.stop, &k.step) || nd == GOMV_MAX_NDIM)
            return 0;
        len = gomv_slice_adjust(len, &k.start, &k.stop, k.step);
        if (len > 0 && !empty)
            buf += v->strides[d] * k.start;
        empty |= len == 0;
        out->shape[nd] = len;
        out->strides[nd++] = v->strides[d++] * k.step;
    }
    if (nd + v->ndim - d > GOMV_MAX_NDIM)
        return 0;
    for (; d < v->ndim; d++) {
        out->shape[nd] = v->shape[d];
        out->strides[nd++] = v->strides[d];
    }
    out->buf = buf;
    out->itemsize = v->itemsize;
    out->ndim = nd;
    out->has_suboffsets = 0;
    *ints = nints < 0 ? -1 : nints;
    return 1;
}
