/* The one file that calls Go (see mv_core.h). */
#include "mv_core.h"

Py_ssize_t gomv_piece = (Py_ssize_t)1 << 20;
int gomv_workers;

static PyObject *struct_error;

PyObject *
gomv_raise(gomv_err *err)
{
    PyObject *exc;
    err->msg[GOMV_ERR_MSG - 1] = '\0';
    switch (err->kind) {
    case GOMV_ERROR_VALUE_ERROR: exc = PyExc_ValueError; break;
    case GOMV_ERROR_TYPE_ERROR: exc = PyExc_TypeError; break;
    case GOMV_ERROR_INDEX_ERROR: exc = PyExc_IndexError; break;
    case GOMV_ERROR_NOT_IMPLEMENTED_ERROR: exc = PyExc_NotImplementedError; break;
    case GOMV_ERROR_BUFFER_ERROR: exc = PyExc_BufferError; break;
    case GOMV_ERROR_OVERFLOW_ERROR: exc = PyExc_OverflowError; break;
    case GOMV_ERROR_MEMORY_ERROR:
        if (err->msg[0] == '\0')
            return PyErr_NoMemory();
        exc = PyExc_MemoryError;
        break;
    case GOMV_ERROR_STRUCT_ERROR:
        if (struct_error == NULL) {
            PyObject *mod = PyImport_ImportModule("struct");
            if (mod == NULL)
                return NULL;
            struct_error = PyObject_GetAttrString(mod, "error");
            Py_DECREF(mod);
            if (struct_error == NULL)
                return NULL;
        }
        exc = struct_error;
        break;
    default: exc = PyExc_SystemError; break;
    }
    PyErr_SetString(exc, err->msg);
    return NULL;
}

/* -1 with RuntimeError in a fork() child, where nothing may run Go. */
static int
refuse_in_child(void)
{
    if (!gomv_forked)
        return 0;
    PyErr_SetString(PyExc_RuntimeError,
                    "gomv: this operation needs the Go runtime, which cannot run in a child "
                    "created by fork(); start child processes with the 'spawn' or "
                    "'forkserver' method (multiprocessing.set_start_method)");
    return -1;
}

/* The result of an entry point that returned rc. */
static int
finish(int rc, gomv_err *err)
{
    if (rc == GOMV_GO_ERR) {
        gomv_raise(err);
        return -1;
    }
    return rc == GOMV_GO_RAISED ? -1 : rc;
}

int
gomv_between(gomv_bulk *b)
{
    int rc;
    if (b->tstate != NULL)
        PyEval_RestoreThread((PyThreadState *)b->tstate);
    rc = PyErr_CheckSignals();
    if (b->tstate != NULL)
        b->tstate = PyEval_SaveThread();
    return rc;
}

/* Settings of one bulk call; the GIL is released here when nogil. */
static void
bulk_begin(gomv_bulk *b, int nogil)
{
    b->piece = gomv_piece;
    b->workers = gomv_workers;
    b->tstate = nogil ? PyEval_SaveThread() : NULL;
}

static void
bulk_end(gomv_bulk *b)
{
    if (b->tstate != NULL)
        PyEval_RestoreThread((PyThreadState *)b->tstate);
}

/* The body of a bulk wrapper: call (which names bulk and err) runs with the
 * GIL released when nogil, and its result becomes the wrapper's. */
#define RUN_BULK(nogil, call)            \
    gomv_bulk bulk;                      \
    gomv_err err;                        \
    int rc;                              \
    if (refuse_in_child() < 0)           \
        return -1;                       \
    bulk_begin(&bulk, (nogil));          \
    rc = (call);                         \
    bulk_end(&bulk);                     \
    return finish(rc, &err)

int
gomv_core_contiguity(gomv_buf *b)
{
    if (refuse_in_child() < 0)
        return -1;
    return gomvgo_contiguity(b);
}

char *
gomv_core_item(gomv_buf *b, Py_ssize_t *idx, int nidx)
{
    gomv_err err;
    char *p = NULL;
    if (refuse_in_child() < 0)
        return NULL;
    if (finish(gomvgo_item(b, (ssize_t *)idx, nidx, &p, &err), &err) < 0)
        return NULL;
    return p;
}

int
gomv_core_unpack(char code, char *ptr, gomv_value *out, gomv_err *err)
{
    if (refuse_in_child() < 0)
        return -2;
    return gomvgo_unpack(code, ptr, out, err);
}

int
gomv_core_pack(char code, char *ptr, gomv_value *in, gomv_err *err)
{
    if (refuse_in_child() < 0)
        return -2;
    return gomvgo_pack(code, ptr, in, err);
}

int
gomv_core_cast(gomv_buf *src, const char *fmt, int ndim, Py_ssize_t *shape,
               Py_ssize_t *out_itemsize, int *out_ndim, Py_ssize_t *out_shape,
               Py_ssize_t *out_strides)
{
    gomv_err err;
    int rc;
    if (refuse_in_child() < 0)
        return -1;
    rc = gomvgo_cast(src, (char *)fmt, ndim, (ssize_t *)shape, (ssize_t *)out_itemsize,
                     out_ndim, (ssize_t *)out_shape, (ssize_t *)out_strides, &err);
    return finish(rc, &err);
}

int
gomv_core_tobytes(gomv_buf *b, char order, char *dst, int nogil)
{
    RUN_BULK(nogil, gomvgo_tobytes(b, order, dst, &bulk, &err));
}

int
gomv_core_hex(gomv_buf *b, char *dst, Py_ssize_t dstlen, char sep, Py_ssize_t bps, int nogil)
{
    RUN_BULK(nogil, gomvgo_hex(b, dst, dstlen, sep, bps, &bulk, &err));
}

int
gomv_core_equal(gomv_buf *a, gomv_buf *b, int nogil)
{
    RUN_BULK(nogil, gomvgo_equal(a, b, &bulk, &err));
}

int
gomv_core_copy(gomv_buf *dst, gomv_buf *src, int nogil)
{
    RUN_BULK(nogil, gomvgo_copy(dst, src, &bulk, &err));
}

int
gomv_core_gomaxprocs(void)
{
    if (refuse_in_child() < 0)
        return -1;
    return gomvgo_gomaxprocs();
}

int
gomv_core_debug_panic(const char *msg, long long after)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_debug_panic((char *)msg, after, &err), &err);
}

/* ---- gomv.ndview (nd_glue.go) ---- */

int
gomv_core_nd_key(gomv_buf *b, gomv_ndkey *keys, int nkeys, gomv_ndlayout *out)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_key(b, keys, nkeys, out, &err), &err);
}

int
gomv_core_nd_transpose(gomv_buf *b, Py_ssize_t *axes, int naxes, gomv_ndlayout *out)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_transpose(b, (ssize_t *)axes, naxes, out, &err), &err);
}

int
gomv_core_nd_reshape(gomv_buf *b, Py_ssize_t *shape, int nshape, gomv_ndlayout *out)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_reshape(b, (ssize_t *)shape, nshape, out, &err), &err);
}

int
gomv_core_nd_cast(gomv_buf *b, const char *fmt, Py_ssize_t *shape, int nshape,
                  gomv_ndlayout *out)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_cast(b, (char *)fmt, (ssize_t *)shape, nshape, out, &err), &err);
}

int
gomv_core_nd_items(gomv_buf *b, gomv_nditems *io)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_items(b, io, &err), &err);
}

int
gomv_core_nd_pack(gomv_buf *b, gomv_value *vals, Py_ssize_t n)
{
    gomv_err err;
    if (refuse_in_child() < 0)
        return -1;
    return finish(gomvgo_nd_pack(b, vals, n, &err), &err);
}

int
gomv_core_nd_assign(gomv_buf *dst, gomv_buf *src, int nogil)
{
    RUN_BULK(nogil, gomvgo_nd_assign(dst, src, &err));
}

int
gomv_core_nd_equal(gomv_buf *a, gomv_buf *b, int nogil)
{
    RUN_BULK(nogil, gomvgo_nd_equal(a, b, &bulk, &err));
}
