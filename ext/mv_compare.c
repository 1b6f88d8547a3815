/* == / != and hash.
 *
 * Equality compares item values as the struct module unpacks them, never
 * raw bytes, except where the two are the same: identical native integer
 * or char formats on C-contiguous memory (floats differ for NaN and -0.0,
 * '?' for non-canonical bools). Everything else is one Go call. */
#include "mv_bulk.h"


static int
c_contig_buffer(const Py_buffer *b)
{
    Py_ssize_t sd;
    int i;
    if (b->suboffsets != NULL)
        return 0;
    if (b->len == 0 || b->strides == NULL || b->ndim == 0)
        return 1;
    sd = b->itemsize;
    for (i = b->ndim - 1; i >= 0; i--) {
        Py_ssize_t dim = b->shape ? b->shape[i] : b->len / (b->itemsize ? b->itemsize : 1);
        if (dim > 1 && b->strides[i] != sd)
            return 0;
        sd *= dim;
    }
    return 1;
}

/* Same ndim and shape, the comparison stopping at the first zero extent
 * (empty arrays of that shape prefix are all equal). */
static int
equiv_shape(const gomv_layout *a, const gomv_layout *b)
{
    int i;
    if (a->ndim != b->ndim)
        return 0;
    for (i = 0; i < a->ndim; i++) {
        if (a->shape[i] != b->shape[i])
            return 0;
        if (a->shape[i] == 0)
            break;
    }
    return 1;
}

static int
memcmp_ok(char code)
{
    return code != 0 && code != 'f' && code != 'd' && code != 'e' && code != '?';
}

/* Large comparisons go in chunks (mv_bulk.h): memcmp over byte ranges
 * or Go over blocks of both views in step. Stopping at the first unequal
 * chunk matches the built-in, which stops at the first unequal item (an
 * item that would fail to unpack later is then never read). */
struct cmp_job {
    const char *a, *b;
};

static int
memcmp_range(void *ctx, Py_ssize_t off, Py_ssize_t n, gomv_err *err)
{
    struct cmp_job *j = ctx;
    return memcmp(j->a + off, j->b + off, n) != 0;
}

static int
equal_chunk(gomv_chunks *c, void *ctx, gomv_err *err)
{
    int rc = gomv_equal(&c->part[0].sub, &c->part[1].sub, err);
    if (rc < 0)
        return -1;
    return rc == 0;
}

/* 1 equal, 0 unequal, -1 with an exception set; la and lb have the same
 * shape. ha and hb are the gomv views to hold while the GIL is released
 * (NULL for a buffer held by the caller's Py_buffer). */
static int
equal_bulk(const gomv_layout *la, const gomv_layout *lb, int raw, gomv_mv *ha, gomv_mv *hb)
{
    Py_ssize_t big = la->len > lb->len ? la->len : lb->len;
    int nogil = big >= GOMV_NOGIL_MIN, rc;

    if (ha != NULL)
        GOMV_HOLD(ha);
    if (hb != NULL)
        GOMV_HOLD(hb);
    if (raw) {
        struct cmp_job j = {la->buf, lb->buf};
        rc = gomv_ranges_run(la->len, gomv_chunk, memcmp_range, &j, nogil);
    }
    else {
        /* Items compare slower than bytes copy: smaller chunks. */
        gomv_chunks c;
        gomv_chunks_init(&c, la, lb, gomv_chunk / 4);
        rc = gomv_chunks_run(&c, equal_chunk, NULL, nogil);
    }
    if (ha != NULL)
        GOMV_UNHOLD(ha);
    if (hb != NULL)
        GOMV_UNHOLD(hb);
    return rc < 0 ? -1 : rc == 0;
}

PyObject *
gomv_mv_richcompare(PyObject *v, PyObject *w, int op)
{
    gomv_mv *a = (gomv_mv *)v;
    Py_buffer wbuf;
    Py_buffer *wb;
    gomv_layout la, lb;
    Py_ssize_t sshape[GOMV_MAXDIM], sstrides[GOMV_MAXDIM];
    int have_wbuf = 0, equal, a_c, b_c;
    gomv_mv *hb = NULL;
    char acode, bcode;
    gomv_err err;
    PyObject *res;

    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if (a->flags & GOMV_RELEASED) {
        equal = v == w;
        goto result;
    }
    if (gomv_mv_Check(w)) {
        gomv_mv *b = (gomv_mv *)w;
        if (b->flags & GOMV_RELEASED) {
            equal = v == w;
            goto result;
        }
        wb = &b->view;
        hb = b;
        gomv_layout_of(b, &lb);
        bcode = b->code;
        b_c = (b->flags & (GOMV_SCALAR | GOMV_C)) != 0;
    }
    else {
        if (PyObject_GetBuffer(w, &wbuf, PyBUF_FULL_RO) < 0) {
            /* Not a buffer (or one that refuses): let the other side try. */
            PyErr_Clear();
            Py_RETURN_NOTIMPLEMENTED;
        }
        have_wbuf = 1;
        wb = &wbuf;
        /* A Python __buffer__ (3.12+) can release this view and free its
         * memory: then a is a released operand, as if it had been from the
         * start. */
        if (a->flags & GOMV_RELEASED) {
            equal = v == w;
            goto result;
        }
        if (wb->ndim > GOMV_MAXDIM) {
            PyBuffer_Release(&wbuf);
            Py_RETURN_NOTIMPLEMENTED;
        }
        gomv_layout_from_buffer(wb, &lb, sshape, sstrides);
        bcode = gomv_native_code(lb.format);
        b_c = c_contig_buffer(wb);
    }
    gomv_layout_of(a, &la);
    if (!equiv_shape(&la, &lb)) {
        equal = 0;
        goto result;
    }
    acode = a->code;
    a_c = (a->flags & (GOMV_SCALAR | GOMV_C)) != 0;
    if (gomv_fast && acode == bcode && memcmp_ok(acode) && a_c && b_c
        && la.itemsize == lb.itemsize && la.len == lb.len) {
        if (la.len > gomv_chunk)
            equal = equal_bulk(&la, &lb, 1, a, hb);
        else
            equal = la.len == 0 || memcmp(la.buf, lb.buf, la.len) == 0;
        if (equal < 0)
            goto error;
        goto result;
    }
    if (la.ndim > 0 && la.len > 0 && lb.len > 0
        && (la.len > gomv_chunk / 4 || lb.len > gomv_chunk / 4)) {
        equal = equal_bulk(&la, &lb, 0, a, hb);
        if (equal < 0)
            goto error;
        goto result;
    }
    equal = gomv_equal(&la, &lb, &err);
    if (equal < 0) {
        gomv_raise(&err);
        if (have_wbuf)
            PyBuffer_Release(&wbuf);
        return NULL;
    }
    if (equal == 2) {
        if (have_wbuf)
            PyBuffer_Release(&wbuf);
        Py_RETURN_NOTIMPLEMENTED;
    }

result:
    if (have_wbuf)
        PyBuffer_Release(&wbuf);
    res = ((equal != 0) == (op == Py_EQ)) ? Py_True : Py_False;
    Py_INCREF(res);
    return res;

error:
    if (have_wbuf)
        PyBuffer_Release(&wbuf);
    return NULL;
}

/* hash(bytes) of the view's bytes in C order, through public API only:
 * Py_HashBuffer from 3.14; before, the hash of a bytes object holding
 * them (the view is copied into it either way when not contiguous). */
static Py_hash_t
hash_view_bytes(gomv_mv *self)
{
    const Py_buffer *v = &self->view;
    PyObject *b;
    Py_hash_t h;
    int contiguous = (self->flags & (GOMV_SCALAR | GOMV_C)) != 0;

#if PY_VERSION_HEX >= 0x030E0000
    if (contiguous)
        return Py_HashBuffer(v->buf, v->len);
#endif
    b = PyBytes_FromStringAndSize(contiguous ? v->buf : NULL, v->len);
    if (b == NULL)
        return -1;
    if (!contiguous && gomv_copy_to_contiguous(self, PyBytes_AS_STRING(b), 'C') < 0) {
        Py_DECREF(b);
        return -1;
    }
    h = PyObject_Hash(b);
    Py_DECREF(b);
    return h;
}

Py_hash_t
gomv_mv_hash(gomv_mv *self)
{
    const Py_buffer *v = &self->view;
    char c;
    PyObject *obj;

    /* A hash computed before release() stays available, as built-in. */
    if (self->hash != -1)
        return self->hash;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return -1;
    if (!v->readonly) {
        PyErr_SetString(PyExc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    c = self->code;
    if (c != 'B' && c != 'b' && c != 'c') {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    /* An unhashable exporter makes the view unhashable, with its error. */
    obj = self->mbuf ? GOMV_MBUF_OBJ(self->mbuf) : NULL;
    if (obj != NULL) {
        /* The exporter's __hash__ may release this view, dropping the last
         * other reference to the exporter and freeing the memory: keep it
         * alive for the call and look at the release state after it. */
        Py_hash_t h;
        Py_INCREF(obj);
        h = PyObject_Hash(obj);
        Py_DECREF(obj);
        if (h == -1)
            return -1;
        if (GOMV_CHECK_RELEASED(self) < 0)
            return -1;
    }
    self->hash = hash_view_bytes(self);
    return self->hash;
}
