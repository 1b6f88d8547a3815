/* Chunked bulk work (see mv_bulk.h) and the private debug functions. */
#include "mv_bulk.h"

Py_ssize_t gomv_chunk = (Py_ssize_t)1 << 20;

void
gomv_chunks_init(gomv_chunks *c, const gomv_layout *a, const gomv_layout *b, Py_ssize_t target)
{
    Py_ssize_t size = a->itemsize, bb;
    int nd = a->ndim, d, k, p;

    if (b != NULL && b->itemsize > size)
        size = b->itemsize;
    if (target < 1)
        target = 1;
    /* Cut along the outermost dimension d whose single index spans at most
     * target bytes; the dimensions before d are stepped one by one. */
    bb = size;
    d = nd - 1;
    while (d > 0 && bb * a->shape[d] <= target) {
        bb *= a->shape[d];
        d--;
    }
    c->d = d;
    c->done = 0;
    c->pos = 0;
    c->step = target / bb;
    if (c->step < 1)
        c->step = 1;
    if (c->step > a->shape[d])
        c->step = a->shape[d];
    for (k = 0; k < d; k++)
        c->idx[k] = 0;
    c->nparts = b != NULL ? 2 : 1;
    for (p = 0; p < c->nparts; p++) {
        gomv_part *pt = &c->part[p];
        const gomv_layout *l = p == 0 ? a : b;
        pt->whole = l;
        pt->sub = *l;
        pt->sub.ndim = nd - d;
        pt->sub.shape = pt->shape;
        pt->sub.strides = l->strides + d;
        pt->sub.suboffsets = l->suboffsets ? l->suboffsets + d : NULL;
        pt->block = l->itemsize;
        for (k = nd - 1; k > d; k--) {
            pt->shape[k - d] = l->shape[k];
            pt->block *= l->shape[k];
        }
    }
}

int
gomv_chunks_next(gomv_chunks *c)
{
    int d = c->d, p, k;
    Py_ssize_t n;

    if (c->done)
        return 0;
    n = c->part[0].whole->shape[d] - c->pos;
    if (n > c->step)
        n = c->step;
    for (p = 0; p < c->nparts; p++) {
        gomv_part *pt = &c->part[p];
        const gomv_layout *l = pt->whole;
        char *ptr = l->buf;
        /* CPython's pointer walk: step, then follow an indirect dimension. */
        for (k = 0; k < d; k++) {
            ptr += c->idx[k] * l->strides[k];
            if (l->suboffsets != NULL && l->suboffsets[k] >= 0)
                ptr = *(char **)ptr + l->suboffsets[k];
        }
        pt->sub.buf = ptr + c->pos * l->strides[d];
        pt->shape[0] = n;
        pt->sub.len = n * pt->block;
    }
    c->pos += n;
    if (c->pos == c->part[0].whole->shape[d]) {
        c->pos = 0;
        for (k = d - 1; k >= 0; k--) {
            if (++c->idx[k] < c->part[0].whole->shape[k])
                break;
            c->idx[k] = 0;
        }
        if (k < 0)
            c->done = 1;
    }
    return 1;
}

int
gomv_step_done(int rc, gomv_err *err)
{
    if (rc < 0) {
        gomv_raise(err);
        return -1;
    }
    if (rc > 0)
        return 1;
    return PyErr_CheckSignals() < 0 ? -1 : 0;
}

int
gomv_chunks_run(gomv_chunks *c, gomv_chunk_fn fn, void *ctx, int nogil)
{
    gomv_err err;
    int rc;

    while (gomv_chunks_next(c)) {
        GOMV_RUN(nogil, rc = fn(c, ctx, &err));
        if ((rc = gomv_step_done(rc, &err)) != 0)
            return rc;
    }
    return 0;
}

int
gomv_ranges_run(Py_ssize_t total, Py_ssize_t target, gomv_range_fn fn, void *ctx, int nogil)
{
    Py_ssize_t off, n;
    gomv_err err;
    int rc;

    if (target < 1)
        target = 1;
    for (off = 0; off < total; off += n) {
        n = total - off < target ? total - off : target;
        GOMV_RUN(nogil, rc = fn(ctx, off, n, &err));
        if ((rc = gomv_step_done(rc, &err)) != 0)
            return rc;
    }
    return 0;
}

/* ---- private debug functions (gomv._mv._debug_*) ----
 * For the tests only; not part of the API. */

/* _debug_go_panic(msg, after=0): after == 0 makes a Go entry point panic
 * with msg right away, through the same recover path as any other (so the
 * call raises SystemError "gomv: internal error in Go: msg"); after > 0
 * arms Go so that the after-th bulk Go call from now (a chunk of tobytes,
 * hex, == or slice assignment) panics instead; after < 0 disarms. */
static PyObject *
debug_go_panic(PyObject *mod, PyObject *args)
{
    const char *msg;
    long long after = 0;
    gomv_err err;

    if (!PyArg_ParseTuple(args, "s|L:_debug_go_panic", &msg, &after))
        return NULL;
    if (gomv_debug_panic((char *)msg, after, &err) < 0)
        return gomv_raise(&err);
    Py_RETURN_NONE;
}

/* _debug_chunk(nbytes): set the chunk size of bulk work; returns the old
 * one. Tiny chunks push small views through the chunked paths. */
static PyObject *
debug_chunk(PyObject *mod, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg), old = gomv_chunk;
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ValueError, "chunk size must be >= 1");
        return NULL;
    }
    gomv_chunk = n;
    return PyLong_FromSsize_t(old);
}

PyMethodDef gomv_debug_methods[] = {
    {"_debug_go_panic", debug_go_panic, METH_VARARGS, NULL},
    {"_debug_chunk", debug_chunk, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
