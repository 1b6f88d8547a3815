/* tobytes, and the copy of a view's bytes in C or Fortran order behind it
 * (also used by hash and hex). */
#include "mv.h"

/* 'A' is Fortran order only for a view Fortran- but not C-contiguous (as
 * the built-in). */
static char
resolve_order(int flags, char order)
{
    if (order != 'A')
        return order;
    return (flags & GOMV_F) && !(flags & (GOMV_SCALAR | GOMV_C)) ? 'F' : 'C';
}

int
gomv_copy_out(gomv_mv *self, char *dst, char order)
{
    const Py_buffer *v = &self->view;
    int f = self->flags, rc;
    gomv_buf b;

    order = resolve_order(f, order);
    if (v->len == 0)
        return 0;
    if (gomv_fast && (f & (GOMV_SCALAR | (order == 'C' ? GOMV_C : GOMV_F)))
        && (v->len <= gomv_piece || gomv_forked)) {
        /* The memory already is in that order: one copy. */
        memcpy(dst, v->buf, v->len);
        return 0;
    }
    if (gomv_forked)
        return PyBuffer_ToContiguous(dst, (Py_buffer *)v, v->len, order);
    gomv_buf_of_mv(self, &b);
    GOMV_HOLD(self);
    rc = gomv_core_tobytes(&b, order, dst, v->len >= GOMV_NOGIL_MIN);
    GOMV_UNHOLD(self);
    return rc;
}

/* A lying layout (GOMV_BADLEN) is refused with the error its export gets;
 * a negative len with the error of the built-in's allocation of the copy. */
PyObject *
gomv_badlen_error(void)
{
    PyErr_SetString(PyExc_BufferError,
                    "memoryview: the exporter's len is not product(shape) * itemsize");
    return NULL;
}

PyObject *
gomv_negative_len_error(void)
{
#if PY_VERSION_HEX >= 0x030F0000
    PyErr_SetString(PyExc_ValueError, "size must be >= 0");
#else
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
#endif
    return NULL;
}

PyObject *
gomv_mv_tobytes(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"order", NULL};
    PyObject *a[1] = {NULL};
    const char *order = NULL;
    char ord = 'C';
    PyObject *bytes;

    if (gomv_parse_args("tobytes", kw, 0, 1, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (a[0] != NULL && a[0] != Py_None) {
        Py_ssize_t n;
        if (!PyUnicode_Check(a[0])) {
            gomv_bad_argument("tobytes", "argument 'order'", "str or None", a[0]);
            return NULL;
        }
        order = PyUnicode_AsUTF8AndSize(a[0], &n);
        if (order == NULL)
            return NULL;
        if ((size_t)n != strlen(order)) {
            PyErr_SetString(PyExc_ValueError, "embedded null character");
            return NULL;
        }
    }
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    if (order != NULL) {
        if (strcmp(order, "F") == 0)
            ord = 'F';
        else if (strcmp(order, "A") == 0)
            ord = 'A';
        else if (strcmp(order, "C") != 0) {
            PyErr_SetString(PyExc_ValueError, "order must be 'C', 'F' or 'A'");
            return NULL;
        }
    }
    /* The built-in sizes the copy by len and walks the shape: it overruns
     * the copy of a lying layout. */
    if (self->flags & GOMV_BADLEN)
        return gomv_badlen_error();
    if (self->view.len < 0)
        return gomv_negative_len_error();
    bytes = PyBytes_FromStringAndSize(NULL, self->view.len);
    if (bytes == NULL)
        return NULL;
    if (gomv_copy_out(self, PyBytes_AS_STRING(bytes), ord) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    return bytes;
}
