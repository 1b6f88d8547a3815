/* The C <-> Go boundary of the extension: what glue.go exports (gomvgo_*)
 * and the one C function Go calls back (gomv_between).
 *
 * Everything crossing it lives in C memory owned by the caller: Go reads
 * and writes through these structs and keeps no pointer after returning.
 * Only mv_core.c includes this header: it is the one file that calls Go,
 * and it refuses to in a fork() child (see mv_fork.c). No Python.h here:
 * cgo compiles glue.go's preamble without the interpreter's headers.
 */
#ifndef GOMV_GO_H
#define GOMV_GO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "gomv_tables.h"   /* error and value kinds, from the core */

/* Error filled by Go on failure. kind is a GOMV_ERROR_* (gomv.Kind), or
 * GOMV_ERROR_SYSTEM for a recovered Go panic (boundary.KindSystem). */
#define GOMV_ERR_MSG 512
typedef struct {
    int kind;
    char msg[GOMV_ERR_MSG];
} gomv_err;

#define GOMV_ERROR_SYSTEM 100

/* Return codes of the entry points: 0 (or a result >= 0), GOMV_GO_ERR with
 * *err filled, GOMV_GO_RAISED when gomv_between stopped the work with a
 * Python exception already set. */
enum { GOMV_GO_ERR = -1, GOMV_GO_RAISED = -2 };

/* A buffer as Go sees it (boundary.Buf): the fields of a Py_buffer. */
typedef struct {
    char *buf;                 /* address of the first item (index 0,...,0) */
    ssize_t len;               /* the exporter's len */
    ssize_t itemsize;
    int ndim;
    int readonly;
    const char *format;        /* NUL-terminated; never NULL here ("B" default) */
    const ssize_t *shape;      /* ndim entries (may be NULL when ndim == 0) */
    const ssize_t *strides;    /* ndim entries */
    const ssize_t *suboffsets; /* ndim entries or NULL */
} gomv_buf;

/* One native value, for the Go twins of item reads and writes. kind is a
 * GOMV_VALUE_* (f and imag for a complex; p/n for bytes point into the
 * buffer or a bytes object, never into Go memory). */
typedef struct {
    int kind;
    long long i;
    unsigned long long u;
    double f, imag;
    const char *p;
    ssize_t n;
} gomv_value;

/* How bulk work runs: Go cuts it into pieces of `piece` bytes, on up to
 * `workers` goroutines (0: GOMAXPROCS), and calls gomv_between(b) on the
 * calling thread between its pieces. */
typedef struct {
    ssize_t piece;
    int workers;
    void *tstate;              /* the caller's PyThreadState while it runs without the GIL */
} gomv_bulk;

/* Implemented in C (mv_core.c): handles pending signals, taking the GIL
 * for it when the work runs without; 0 to go on, -1 to stop (exception set). */
int gomv_between(gomv_bulk *b);

/* Entry points implemented in Go (glue.go). Each recovers a Go panic into
 * *err (kind GOMV_ERROR_SYSTEM). Prototypes are as cgo writes them (no const). */
/* GOMV_C | GOMV_F bits of a layout (Go twin of the C computation). */
extern int gomvgo_contiguity(gomv_buf *b);
/* Address of the item at idx (nidx == ndim), negative indices from the end. */
extern int gomvgo_item(gomv_buf *b, ssize_t *idx, int nidx, char **ptr, gomv_err *err);
/* Native single-char unpack / pack (Go twins of the C item codec). pack's
 * error is kind VALUE or TYPE; the C caller words the message. */
extern int gomvgo_unpack(char code, char *ptr, gomv_value *out, gomv_err *err);
extern int gomvgo_pack(char code, char *ptr, gomv_value *in, gomv_err *err);
/* memoryview.cast with CPython's rules and order of errors; ndim < 0 means
 * no shape given. out_shape/out_strides have room for 64 entries. Returns
 * 2 when the checks reach a shape element marked PY_SSIZE_T_MIN. */
extern int gomvgo_cast(gomv_buf *src, char *fmt, int ndim, ssize_t *shape,
                       ssize_t *out_itemsize, int *out_ndim,
                       ssize_t *out_shape, ssize_t *out_strides, gomv_err *err);
/* Bulk work. dst is C memory sized by the caller. */
extern int gomvgo_tobytes(gomv_buf *b, char order, char *dst, gomv_bulk *bulk, gomv_err *err);
extern int gomvgo_hex(gomv_buf *b, char *dst, ssize_t dstlen, char sep, ssize_t bytes_per_sep,
                      gomv_bulk *bulk, gomv_err *err);
/* 1 equal, 0 unequal. */
extern int gomvgo_equal(gomv_buf *a, gomv_buf *b, gomv_bulk *bulk, gomv_err *err);
/* Slice assignment: copy src into dst (same shape), overlap-safe. */
extern int gomvgo_copy(gomv_buf *dst, gomv_buf *src, gomv_bulk *bulk, gomv_err *err);
/* runtime.GOMAXPROCS(0). */
extern int gomvgo_gomaxprocs(void);
/* The test hook behind gomv._mv._debug_go_panic (see glue.go). */
extern int gomvgo_debug_panic(char *msg, long long after, gomv_err *err);

#endif
