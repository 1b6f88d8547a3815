/* The Go core as the C layer calls it (mv_core.c): every call into Go goes
 * through these functions, which refuse in a fork() child (mv_fork.c),
 * turn Go's errors into Python exceptions, and run bulk work with the GIL
 * released when asked. Each returns 0 (or a result >= 0) or -1 with a
 * Python exception set, except where noted. */
#ifndef GOMV_MV_CORE_H
#define GOMV_MV_CORE_H

#include "mv_layout.h"

/* Set in a fork() child (mv_fork.c): nothing may call Go there. */
extern int gomv_forked;
/* Registers the fork handler (module init): 0, or -1 if it failed. */
int gomv_fork_init(void);

/* Bulk work settings (the test suite and the benchmark change them through
 * gomv._mv._debug_chunk and _bulk_workers): bytes per piece, and the most
 * goroutines (0: GOMAXPROCS). Work on at least GOMV_NOGIL_MIN bytes runs
 * without the GIL. */
extern Py_ssize_t gomv_piece;
extern int gomv_workers;
#define GOMV_NOGIL_MIN ((Py_ssize_t)1 << 20)

/* Set the Python exception for a Go error; returns NULL. */
PyObject *gomv_raise(gomv_err *err);

int gomv_core_contiguity(gomv_buf *b);   /* GOMV_C | GOMV_F bits, -1 on error */
char *gomv_core_item(gomv_buf *b, Py_ssize_t *idx, int nidx);   /* NULL on error */
/* Native item codec twins: these return -1 with *err filled (not raised):
 * the caller words pack errors itself; -2 with an exception in a child. */
int gomv_core_unpack(char code, char *ptr, gomv_value *out, gomv_err *err);
int gomv_core_pack(char code, char *ptr, gomv_value *in, gomv_err *err);
/* cast: 2 when the checks reach a shape element marked PY_SSIZE_T_MIN
 * (nothing raised). */
int gomv_core_cast(gomv_buf *src, const char *fmt, int ndim, Py_ssize_t *shape,
                   Py_ssize_t *out_itemsize, int *out_ndim, Py_ssize_t *out_shape,
                   Py_ssize_t *out_strides);
/* Bulk work, without the GIL when nogil (the caller holds its views). */
int gomv_core_tobytes(gomv_buf *b, char order, char *dst, int nogil);
int gomv_core_hex(gomv_buf *b, char *dst, Py_ssize_t dstlen, char sep, Py_ssize_t bps,
                  int nogil);
int gomv_core_equal(gomv_buf *a, gomv_buf *b, int nogil);   /* 1 equal, 0 unequal */
int gomv_core_copy(gomv_buf *dst, gomv_buf *src, int nogil);
int gomv_core_debug_panic(const char *msg, long long after);
int gomv_core_gomaxprocs(void);   /* runtime.GOMAXPROCS(0) */

/* gomv.ndview (nd_glue.go): views the core makes (subscripts in the Go
 * twin, transpose with naxes < 0 reversing, reshape, cast with nshape < 0
 * for no shape); the values and tree of items (0, GOMV_ND_GROW, or -1);
 * packing one item; assignment with conversion; ==. */
int gomv_core_nd_key(gomv_buf *b, gomv_ndkey *keys, int nkeys, gomv_ndlayout *out);
int gomv_core_nd_transpose(gomv_buf *b, Py_ssize_t *axes, int naxes, gomv_ndlayout *out);
int gomv_core_nd_reshape(gomv_buf *b, Py_ssize_t *shape, int nshape, gomv_ndlayout *out);
int gomv_core_nd_cast(gomv_buf *b, const char *fmt, Py_ssize_t *shape, int nshape,
                      gomv_ndlayout *out);
int gomv_core_nd_items(gomv_buf *b, gomv_nditems *io);
int gomv_core_nd_pack(gomv_buf *b, gomv_value *vals, Py_ssize_t n);
int gomv_core_nd_assign(gomv_buf *dst, gomv_buf *src, int nogil);
int gomv_core_nd_equal(gomv_buf *a, gomv_buf *b, int nogil);   /* 1 equal, 0 unequal */

#endif
