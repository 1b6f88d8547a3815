/* Every call from C into Go, as a job: the wrappers declared in gomv_go.h
 * pack their arguments, gomv_job_run (mv_fork.c) decides on which thread
 * the call is made, and gomv_job_exec makes it. */
#include "gomv_go.h"

int
gomv_job_exec(const gomv_job *j)
{
    void *const *p = j->p;
    const long long *n = j->n;

    switch (j->op) {
    case GOMV_OP_READY:
        return gomv_go_ready();
    case GOMV_OP_DEBUG_PANIC:
        return gomv_go_debug_panic(p[0], n[0], p[1]);
    case GOMV_OP_CONTIGUITY:
        return gomv_go_contiguity(p[0]);
    case GOMV_OP_ITEM:
        return gomv_go_item(p[0], p[1], (int)n[0], p[2], p[3]);
    case GOMV_OP_UNPACK:
        return gomv_go_unpack((char)n[0], p[0], p[1], p[2]);
    case GOMV_OP_PACK:
        return gomv_go_pack((char)n[0], p[0], p[1], p[2]);
    case GOMV_OP_TOBYTES:
        return gomv_go_tobytes(p[0], (char)n[0], p[1], p[2]);
    case GOMV_OP_HEX:
        return gomv_go_hex(p[0], p[1], (ssize_t)n[0], (char)n[1], (ssize_t)n[2], p[2]);
    case GOMV_OP_EQUAL:
        return gomv_go_equal(p[0], p[1], p[2]);
    case GOMV_OP_CAST:
        return gomv_go_cast(p[0], p[1], (int)n[0], p[2], p[3], p[4], p[5], p[6], p[7]);
    case GOMV_OP_COPY:
        return gomv_go_copy(p[0], p[1], p[2]);
    }
    return -1;
}

int
gomv_ready(void)
{
    gomv_job j = {GOMV_OP_READY, {0}, {0}};
    return gomv_job_run(&j);
}

int
gomv_debug_panic(char *msg, long long after, gomv_err *err)
{
    gomv_job j = {GOMV_OP_DEBUG_PANIC, {msg, err}, {after}};
    return gomv_job_run(&j);
}

int
gomv_contiguity(gomv_layout *l)
{
    gomv_job j = {GOMV_OP_CONTIGUITY, {l}, {0}};
    return gomv_job_run(&j);
}

int
gomv_item(gomv_layout *l, ssize_t *idx, int nidx, char **ptr, gomv_err *err)
{
    gomv_job j = {GOMV_OP_ITEM, {l, idx, ptr, err}, {nidx}};
    return gomv_job_run(&j);
}

int
gomv_unpack(char code, char *ptr, gomv_value *out, gomv_err *err)
{
    gomv_job j = {GOMV_OP_UNPACK, {ptr, out, err}, {code}};
    return gomv_job_run(&j);
}

int
gomv_pack(char code, char *ptr, gomv_value *in, gomv_err *err)
{
    gomv_job j = {GOMV_OP_PACK, {ptr, in, err}, {code}};
    return gomv_job_run(&j);
}

int
gomv_tobytes(gomv_layout *l, char order, char *dst, gomv_err *err)
{
    gomv_job j = {GOMV_OP_TOBYTES, {l, dst, err}, {order}};
    return gomv_job_run(&j);
}

int
gomv_hex(gomv_layout *l, char *dst, ssize_t dstlen, char sep, ssize_t bytes_per_sep,
         gomv_err *err)
{
    gomv_job j = {GOMV_OP_HEX, {l, dst, err}, {dstlen, sep, bytes_per_sep}};
    return gomv_job_run(&j);
}

int
gomv_equal(gomv_layout *a, gomv_layout *b, gomv_err *err)
{
    gomv_job j = {GOMV_OP_EQUAL, {a, b, err}, {0}};
    return gomv_job_run(&j);
}

int
gomv_cast(gomv_layout *src, char *fmt, int ndim, ssize_t *shape, ssize_t *out_itemsize,
          int *out_ndim, ssize_t *out_shape, ssize_t *out_strides, gomv_err *err)
{
    gomv_job j = {GOMV_OP_CAST,
                  {src, fmt, shape, out_itemsize, out_ndim, out_shape, out_strides, err},
                  {ndim}};
    return gomv_job_run(&j);
}

int
gomv_copy(gomv_layout *dst, gomv_layout *src, gomv_err *err)
{
    gomv_job j = {GOMV_OP_COPY, {dst, src, err}, {0}};
    return gomv_job_run(&j);
}
