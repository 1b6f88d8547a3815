/* tobytes into C memory in any order, the copy behind tobytes, hash and
 * == of non-contiguous views: one memcpy (in chunks) when the memory is in
 * order already, else Go's walk in chunks of the output (see mv_bulk.h). */
#include "mv_bulk.h"

struct copy_job {
    char *dst;
    const char *src;
    Py_ssize_t off;
};

static int
memcpy_range(void *ctx, Py_ssize_t off, Py_ssize_t n, gomv_err *err)
{
    struct copy_job *j = ctx;
    memcpy(j->dst + off, j->src + off, n);
    return 0;
}

/* Chunks come in output order, each a block contiguous in the output. */
static int
tobytes_chunk(gomv_chunks *c, void *ctx, gomv_err *err)
{
    struct copy_job *j = ctx;
    const gomv_layout *s = &c->part[0].sub;
    if (gomv_tobytes((gomv_layout *)s, 'C', j->dst + j->off, err) < 0)
        return -1;
    j->off += s->len;
    return 0;
}

static int
tobytes_whole(gomv_layout *l, char order, char *dst, int nogil)
{
    gomv_err err;
    int rc;
    GOMV_RUN(nogil, rc = gomv_tobytes(l, order, dst, &err));
    if (rc < 0) {
        gomv_raise(&err);
        return -1;
    }
    return 0;
}

/* Fortran order through indirect dimensions. Reversing the axes, as for
 * direct layouts, would follow the pointers in the wrong order, so a chunk
 * here fixes the indices of the dimensions after e and takes a range along
 * e: a block of the F-order output. Its layout keeps all ndim dimensions
 * (the fixed ones with extent 1), so every pointer is still followed in
 * dimension order, and the fixed indices' byte offsets move back to the
 * nearest indirect dimension before them (added to its suboffset, which
 * applies right after that dereference) or, with none, to buf: the direct
 * steps in between are additions, which commute. A suboffset that could
 * turn negative (negative strides) would read as "direct": such layouts
 * return 1 untouched, for one whole call. Returns 0, 1 or -1. */
static int
tobytes_f_indirect(const gomv_layout *l, char *dst, int nogil)
{
    int nd = l->ndim, e = 0, k, j;
    Py_ssize_t bb = l->itemsize, step, pos = 0, off = 0;
    Py_ssize_t idx[GOMV_MAXDIM], shape[GOMV_MAXDIM], subofs[GOMV_MAXDIM], low[GOMV_MAXDIM];
    gomv_layout sub = *l;

    while (e < nd - 1 && bb * l->shape[e] <= gomv_chunk) {
        bb *= l->shape[e];
        e++;
    }
    step = gomv_chunk / bb;
    if (step < 1)
        step = 1;
    if (step > l->shape[e])
        step = l->shape[e];
    for (k = 0; k < nd; k++)
        low[k] = 0;
    for (k = e; k < nd; k++) {
        Py_ssize_t reach = (l->shape[k] - 1) * l->strides[k];
        for (j = k - 1; j >= 0 && l->suboffsets[j] < 0; j--)
            ;
        if (j >= 0 && reach < 0)
            low[j] += reach;
    }
    for (k = 0; k < nd; k++) {
        if (l->suboffsets[k] >= 0 && l->suboffsets[k] + low[k] < 0)
            return 1;
        idx[k] = 0;
        shape[k] = k < e ? l->shape[k] : 1;
    }
    sub.shape = shape;
    sub.suboffsets = subofs;
    for (;;) {
        Py_ssize_t n = l->shape[e] - pos;
        char *buf = l->buf;
        if (n > step)
            n = step;
        memcpy(subofs, l->suboffsets, nd * sizeof(Py_ssize_t));
        for (k = e; k < nd; k++) {
            Py_ssize_t add = (k == e ? pos : idx[k]) * l->strides[k];
            for (j = k - 1; j >= 0 && l->suboffsets[j] < 0; j--)
                ;
            if (j >= 0)
                subofs[j] += add;
            else
                buf += add;
        }
        shape[e] = n;
        sub.buf = buf;
        sub.len = n * bb;
        if (tobytes_whole(&sub, 'F', dst + off, nogil) < 0)
            return -1;
        off += sub.len;
        if (PyErr_CheckSignals() < 0)
            return -1;
        pos += n;
        if (pos < l->shape[e])
            continue;
        pos = 0;
        for (k = e + 1; k < nd; k++) {
            if (++idx[k] < l->shape[k])
                break;
            idx[k] = 0;
        }
        if (k == nd)
            return 0;
    }
}

int
gomv_copy_to_contiguous(gomv_mv *self, char *dst, char order)
{
    const Py_buffer *v = &self->view;
    int f = self->flags, rc, i, nd = v->ndim;
    int nogil = v->len >= GOMV_NOGIL_MIN;
    Py_ssize_t rshape[GOMV_MAXDIM], rstrides[GOMV_MAXDIM];
    struct copy_job job = {dst, v->buf, 0};
    gomv_layout l;
    gomv_chunks c;

    /* 'A' is Fortran order only for a view Fortran- but not C-contiguous
     * (as the built-in): resolved here because chunks lose contiguity. */
    if (order == 'A')
        order = (f & GOMV_F) && !(f & (GOMV_SCALAR | GOMV_C)) ? 'F' : 'C';
    if (v->len == 0)
        return 0;
    if (gomv_fast && (f & (GOMV_SCALAR | (order == 'C' ? GOMV_C : GOMV_F)))) {
        /* The memory already is the requested order: one copy. Go's copy
         * would be no faster, and a C->Go crossing costs a small copy. */
        if (v->len <= gomv_chunk) {
            memcpy(dst, v->buf, v->len);
            return 0;
        }
        GOMV_HOLD(self);
        rc = gomv_ranges_run(v->len, gomv_chunk, memcpy_range, &job, nogil);
        GOMV_UNHOLD(self);
        return rc < 0 ? -1 : 0;
    }
    gomv_layout_of(self, &l);
    if (order == 'F' && v->suboffsets != NULL && nd > 0 && v->len > gomv_chunk) {
        GOMV_HOLD(self);
        rc = tobytes_f_indirect(&l, dst, nogil);
        GOMV_UNHOLD(self);
        if (rc != 1)
            return rc;
    }
    if (nd == 0 || v->len <= gomv_chunk || (order == 'F' && v->suboffsets != NULL)) {
        if (nogil)
            GOMV_HOLD(self);
        rc = tobytes_whole(&l, order, dst, nogil);
        if (nogil)
            GOMV_UNHOLD(self);
        return rc;
    }
    if (order == 'F') {
        /* Fortran order is C order of the view with its axes reversed. */
        for (i = 0; i < nd; i++) {
            rshape[i] = v->shape[nd - 1 - i];
            rstrides[i] = v->strides[nd - 1 - i];
        }
        l.shape = rshape;
        l.strides = rstrides;
    }
    gomv_chunks_init(&c, &l, NULL, gomv_chunk);
    GOMV_HOLD(self);
    rc = gomv_chunks_run(&c, tobytes_chunk, &job, nogil);
    GOMV_UNHOLD(self);
    return rc < 0 ? -1 : 0;
}
