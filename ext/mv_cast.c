/* cast(format[, shape]): the built-in's rules and order of checks, on
 * native formats only (the only ones cast accepts). The view checks and
 * the argument conversions are here; the format and shape rules run in C
 * (cast_native) or, without fast paths, in Go. */
#include "mv.h"

static int
zero_in_shape(const Py_buffer *v)
{
    int i;
    for (i = 0; i < v->ndim; i++)
        if (v->shape[i] == 0)
            return 1;
    return 0;
}

/* The shape of a cast result with ndim elements of itemsize bytes from a
 * view of len bytes: CPython's checks in its order, then C-order strides.
 * Returns 0, -1 raised, or 2 on reaching an element marked PY_SSIZE_T_MIN
 * (one that did not convert; nothing raised). */
static int
cast_shape(Py_ssize_t len, Py_ssize_t itemsize, int ndim, const Py_ssize_t *shape,
           Py_ssize_t *out_shape, Py_ssize_t *out_strides)
{
    Py_ssize_t prod = itemsize, sd = itemsize;
    int i;

    for (i = 0; i < ndim; i++) {
        Py_ssize_t x = shape[i];
        if (x == PY_SSIZE_T_MIN)
            return 2;
        if (x <= 0) {
            PyErr_SetString(PyExc_ValueError,
                            "memoryview.cast(): elements of shape must be integers > 0");
            return -1;
        }
        if (x > PY_SSIZE_T_MAX / prod) {
            PyErr_SetString(PyExc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
            return -1;
        }
        prod *= x;
        out_shape[i] = x;
    }
    if (prod != len) {
        PyErr_SetString(PyExc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
        return -1;
    }
    for (i = ndim - 1; i >= 0; i--) {
        out_strides[i] = sd;
        sd *= out_shape[i];
    }
    return 0;
}

/* The format and shape rules (the C twin of gomvgo_cast), for the
 * destination format of code dest (0: not native): 0, -1 raised, or 2 as
 * cast_shape. */
static int
cast_native(gomv_mv *self, char dest, int ndim, const Py_ssize_t *shape,
            Py_ssize_t *out_itemsize, int *out_ndim, Py_ssize_t *out_shape,
            Py_ssize_t *out_strides)
{
    Py_ssize_t itemsize, len = self->view.len;

    if (dest == 0) {
        PyErr_SetString(PyExc_ValueError, GOMV_CAST_FORMAT_MSG);
        return -1;
    }
    if (!gomv_native_is_byte(self->code) && !gomv_native_is_byte(dest)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: cannot cast between two non-byte formats");
        return -1;
    }
    /* Native items are 1, 2, 4, 8 or 16 bytes: a mask and a shift instead
     * of two 64-bit divisions, which were a fifth of a cast's time. */
    itemsize = gomv_native_size(dest);
    if (len & (itemsize - 1)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: length is not a multiple of itemsize");
        return -1;
    }
    *out_itemsize = itemsize;
    if (ndim < 0) {
        *out_ndim = 1;
        out_shape[0] = len >> __builtin_ctzll((unsigned long long)itemsize);
        out_strides[0] = itemsize;
        return 0;
    }
    *out_ndim = ndim;
    return cast_shape(len, itemsize, ndim, shape, out_shape, out_strides);
}

/* The checks on the view and the shape argument that come before the
 * format: returns the number of dimensions asked for (-1: no shape), or
 * -2 with an exception set. */
static Py_ssize_t
cast_check_view(gomv_mv *self, PyObject *shape)
{
    Py_ssize_t ndim;

    if (!(self->flags & (GOMV_SCALAR | GOMV_C))) {
        PyErr_SetString(PyExc_TypeError, "memoryview: casts are restricted to C-contiguous views");
        return -2;
    }
    if ((shape != NULL || self->view.ndim != 1) && zero_in_shape(&self->view)) {
        PyErr_SetString(PyExc_TypeError,
                        "memoryview: cannot cast view with zeros in shape or strides");
        return -2;
    }
    if (shape == NULL)
        return -1;
    if (!PyList_Check(shape) && !PyTuple_Check(shape)) {
        PyErr_SetString(PyExc_TypeError, "shape must be a list or a tuple");
        return -2;
    }
    ndim = PySequence_Fast_GET_SIZE(shape);
    if (ndim > GOMV_MAX_NDIM) {
        PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
        return -2;
    }
    if (self->view.ndim != 1 && ndim != 1) {
        PyErr_SetString(PyExc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
        return -2;
    }
    return ndim;
}

/* A raised exception, taken out of the thread state to raise later. */
typedef struct {
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *exc;
#else
    PyObject *type, *value, *tb;
#endif
} saved_error;

static void
save_error(saved_error *s)
{
#if PY_VERSION_HEX >= 0x030C0000
    s->exc = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&s->type, &s->value, &s->tb);
#endif
}

/* Raise the saved exception (SystemError if there is none); -1. */
static int
restore_error(saved_error *s)
{
#if PY_VERSION_HEX >= 0x030C0000
    if (s->exc != NULL) {
        PyErr_SetRaisedException(s->exc);
        s->exc = NULL;
        return -1;
    }
#else
    if (s->type != NULL) {
        PyErr_Restore(s->type, s->value, s->tb);
        s->type = s->value = s->tb = NULL;
        return -1;
    }
#endif
    PyErr_SetString(PyExc_SystemError, "memoryview.cast(): bad shape element");
    return -1;
}

static void
drop_error(saved_error *s)
{
#if PY_VERSION_HEX >= 0x030C0000
    Py_CLEAR(s->exc);
#else
    Py_CLEAR(s->type);
    Py_CLEAR(s->value);
    Py_CLEAR(s->tb);
#endif
}

/* Convert the shape's elements in order into shp. The built-in converts
 * each only when its checks reach it, after the format rules: an element
 * that does not convert is marked PY_SSIZE_T_MIN (the rest 1) and its
 * error saved for when the rules reach it. */
static void
cast_shape_args(PyObject *shape, Py_ssize_t ndim, Py_ssize_t *shp, saved_error *saved)
{
    Py_ssize_t i;

    memset(saved, 0, sizeof *saved);
    for (i = 0; i < ndim; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(shape, i);
#if PY_VERSION_HEX >= 0x030C0000
        /* a small int read inline: no call into the interpreter */
        if (PyLong_CheckExact(item) && PyUnstable_Long_IsCompact((PyLongObject *)item)) {
            shp[i] = PyUnstable_Long_CompactValue((PyLongObject *)item);
            continue;
        }
#endif
        if (!PyLong_Check(item))
            PyErr_SetString(PyExc_TypeError,
                            "memoryview.cast(): elements of shape must be integers");
        else if ((shp[i] = PyLong_AsSsize_t(item)) != -1 || !PyErr_Occurred())
            continue;
        save_error(saved);
        shp[i] = PY_SSIZE_T_MIN;
        for (i++; i < ndim; i++)
            shp[i] = 1;
    }
}

/* The new view of a successful cast to the native format static_fmt:
 * C-contiguous with len == product(shape) * itemsize, filled in directly. */
static PyObject *
cast_result(gomv_mv *self, const char *static_fmt, char code, Py_ssize_t itemsize, int ndim,
            const Py_ssize_t *shape, const Py_ssize_t *strides)
{
    gomv_mv *mv;
    Py_buffer *v;
    int d;

    if (static_fmt == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "memoryview: internal error");
        return NULL;
    }
    if ((mv = gomv_view_alloc(gomv_mv_type, self->mbuf, ndim)) == NULL)
        return NULL;
    v = &mv->view;
    v->buf = self->view.buf;
    v->len = self->view.len;
    v->readonly = self->view.readonly;
    v->format = (char *)static_fmt;
    v->itemsize = itemsize;
    for (d = 0; d < ndim; d++) {   /* a loop: memcpy would be a call */
        v->shape[d] = shape[d];
        v->strides[d] = strides[d];
    }
    mv->code = code;
    if (gomv_fast) {
        /* C order by construction, len == product(shape) * itemsize: the
         * contiguity rule for a buffer without strides is the answer */
        v->strides = NULL;
        mv->flags = gomv_layout_contiguity(v);
        v->strides = ndim > 0 ? mv->arr + ndim : NULL;
    }
    else {
        gomv_mv_init_flags(mv);
    }
    PyObject_GC_Track(mv);
    return (PyObject *)mv;
}

PyObject *
gomv_mv_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"format", "shape", NULL};
    PyObject *a[2] = {NULL, NULL}, *ascii = NULL, *res = NULL;
    saved_error saved;
    const char *fmt, *static_fmt;
    char code;
    Py_ssize_t ndim, shp[GOMV_MAX_NDIM], out_itemsize = 0;
    Py_ssize_t out_shape[GOMV_MAX_NDIM], out_strides[GOMV_MAX_NDIM];
    int out_ndim = 0, rc;
    gomv_buf b;

    if (gomv_parse_args("cast", kw, 1, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (!PyUnicode_Check(a[0])) {
        gomv_bad_argument("cast", "argument 'format'", "str", a[0]);
        return NULL;
    }
    if (GOMV_CHECK_RELEASED(self) < 0 || (ndim = cast_check_view(self, a[1])) == -2)
        return NULL;
    if (PyUnicode_IS_ASCII(a[0]))
        fmt = (const char *)PyUnicode_DATA(a[0]);   /* NUL-terminated: no copy */
    else if ((ascii = PyUnicode_AsASCIIString(a[0])) == NULL)
        return NULL;   /* the built-in's UnicodeEncodeError */
    else
        fmt = PyBytes_AS_STRING(ascii);
    static_fmt = gomv_native_lookup(fmt, &code);
    cast_shape_args(a[1], ndim, shp, &saved);
    if (gomv_fast) {
        rc = cast_native(self, code, (int)ndim, shp, &out_itemsize, &out_ndim, out_shape,
                         out_strides);
    }
    else {
        gomv_buf_of_mv(self, &b);
        rc = gomv_core_cast(&b, fmt, (int)ndim, ndim >= 0 ? shp : NULL, &out_itemsize,
                            &out_ndim, out_shape, out_strides);
    }
    if (rc == 2)   /* reached the element that did not convert */
        restore_error(&saved);
    else if (rc == 0)
        res = cast_result(self, static_fmt, code, out_itemsize, out_ndim, out_shape, out_strides);
    drop_error(&saved);
    Py_XDECREF(ascii);
    return res;
}
