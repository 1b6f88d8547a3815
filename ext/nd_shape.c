/* cast, T, transpose and reshape: the core makes the layout (one call into
 * Go), which becomes an ndview of the same managed buffer. Nothing is
 * copied; a cast's format is kept by the managed buffer. */
#include "nd.h"

/* The new view; fmt is self's format or one that lives as long as the
 * managed buffer. */
static PyObject *
view_of(gomv_mv *self, const gomv_ndlayout *l, const char *fmt)
{
    char code = fmt == self->view.format ? self->code : gomv_nd_code(fmt, l->itemsize);
    return gomv_nd_from_layout(self, l, fmt, code);
}

/* Integers given as arguments or as one tuple or list: n, or -1 raised.
 * *out is small (GOMV_MAX_NDIM entries) or, for more, PyMem the caller
 * frees. */
static Py_ssize_t
ints_of(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t *small, Py_ssize_t **out)
{
    PyObject *tup = NULL, *const *items = args;
    Py_ssize_t i, n = nargs;

    *out = small;
    if (nargs == 1 && (PyTuple_Check(args[0]) || PyList_Check(args[0]))) {
        /* a tuple copy: __index__ below could change a list */
        if ((tup = PySequence_Tuple(args[0])) == NULL)
            return -1;
        items = &PyTuple_GET_ITEM(tup, 0);
        n = PyTuple_GET_SIZE(tup);
    }
    if (n > GOMV_MAX_NDIM && (*out = PyMem_Malloc(n * sizeof **out)) == NULL) {
        Py_XDECREF(tup);
        *out = small;
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < n; i++) {
        (*out)[i] = PyNumber_AsSsize_t(items[i], PyExc_OverflowError);
        if ((*out)[i] == -1 && PyErr_Occurred())
            break;
    }
    Py_XDECREF(tup);
    return i < n ? -1 : n;
}

static void
ints_free(Py_ssize_t *small, Py_ssize_t *p)
{
    if (p != small)
        PyMem_Free(p);
}

/* transpose with naxes < 0: the dimensions reversed. */
static PyObject *
transposed(gomv_mv *self, Py_ssize_t *axes, Py_ssize_t naxes)
{
    gomv_ndlayout l;
    gomv_buf b;

    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    gomv_buf_of_mv(self, &b);
    if (gomv_core_nd_transpose(&b, axes, naxes > INT_MAX ? INT_MAX : (int)naxes, &l) < 0)
        return NULL;
    return view_of(self, &l, self->view.format);
}

PyObject *
gomv_nd_get_T(gomv_mv *self, void *closure)
{
    (void)closure;
    return transposed(self, NULL, -1);
}

PyObject *
gomv_nd_transpose(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t small[GOMV_MAX_NDIM], *axes, n;
    PyObject *res;

    /* numpy: no axes or None reverse the dimensions; an empty sequence is
     * axes that match only a 0-d view */
    if (nargs == 0 || (nargs == 1 && args[0] == Py_None))
        return transposed(self, NULL, -1);
    if ((n = ints_of(args, nargs, small, &axes)) < 0)
        res = NULL;
    else
        res = transposed(self, axes, n);
    ints_free(small, axes);
    return res;
}

PyObject *
gomv_nd_reshape(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t small[GOMV_MAX_NDIM], *shape, n;
    gomv_ndlayout l;
    gomv_buf b;
    PyObject *res = NULL;

    if (nargs == 0) {
        PyErr_SetString(PyExc_TypeError, "reshape() takes at least 1 argument (0 given)");
        return NULL;
    }
    n = ints_of(args, nargs, small, &shape);
    if (n >= 0 && gomv_mv_inaccessible(self) == 0) {
        gomv_buf_of_mv(self, &b);
        if (gomv_core_nd_reshape(&b, shape, n > INT_MAX ? INT_MAX : (int)n, &l) == 0)
            res = view_of(self, &l, self->view.format);
    }
    ints_free(small, shape);
    return res;
}

/* The format of a cast result: self's own, a static native one, or a copy
 * the managed buffer keeps. */
static const char *
kept_format(gomv_mv *self, const char *fmt)
{
    const char *f;

    if (strcmp(fmt, self->view.format) == 0)
        return self->view.format;
    if ((f = gomv_native_fmtstr(fmt)) != NULL)
        return f;
    return gomv_mbuf_keep_format(self->mbuf, fmt);
}

/* cast(format, shape=None): any formats whose sizes divide the bytes
 * (gomv.View.Cast). */
PyObject *
gomv_nd_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"format", "shape", NULL};
    PyObject *a[2] = {NULL, NULL}, *res = NULL;
    Py_ssize_t small[GOMV_MAX_NDIM], *shape = small, n = -1, len;
    const char *fmt;
    gomv_ndlayout l;
    gomv_buf b;

    if (gomv_parse_args("cast", kw, 1, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (!PyUnicode_Check(a[0])) {
        gomv_bad_argument("cast", "argument 'format'", "str", a[0]);
        return NULL;
    }
    if ((fmt = PyUnicode_AsUTF8AndSize(a[0], &len)) == NULL)
        return NULL;
    if ((size_t)len != strlen(fmt)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return NULL;
    }
    if (a[1] != NULL && a[1] != Py_None) {
        if (!PyList_Check(a[1]) && !PyTuple_Check(a[1])) {
            PyErr_SetString(PyExc_TypeError, "shape must be a list or a tuple");
            return NULL;
        }
        if ((n = ints_of(&a[1], 1, small, &shape)) < 0)
            goto done;
    }
    if (gomv_mv_inaccessible(self) < 0)
        goto done;
    gomv_buf_of_mv(self, &b);
    if (gomv_core_nd_cast(&b, fmt, shape, n > INT_MAX ? INT_MAX : (int)n, &l) == 0
        && (fmt = kept_format(self, fmt)) != NULL)
        res = view_of(self, &l, fmt);
done:
    ints_free(small, shape);
    return res;
}
