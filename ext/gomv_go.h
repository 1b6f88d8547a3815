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

/* ---- gomv.ndview (nd_glue.go) ---- */

/* One key of a subscript (gomv.Key): kind is a GOMV_KEY_*; a slice's
 * bounds are PySlice_Unpack's (omitted ones as its extremes; step 0 is
 * left for the core to refuse). */
typedef struct {
    int kind;
    ssize_t index;
    ssize_t start, stop, step;
} gomv_ndkey;

/* A view made by the core: the address of its first item and its arrays
 * (suboffsets only when has_suboffsets). */
typedef struct {
    char *buf;
    ssize_t itemsize;
    int ndim;
    int has_suboffsets;
    ssize_t shape[GOMV_MAX_NDIM], strides[GOMV_MAX_NDIM], suboffsets[GOMV_MAX_NDIM];
} gomv_ndlayout;

/* One node of an item's tree of values (gomv.ItemNode): kind is a
 * GOMV_NODE_*; code the struct code of a value. */
typedef struct {
    int kind;
    int count;
    ssize_t len;
    int next;
    char code;
} gomv_ndnode;

/* Values of items, for gomvgo_nd_items: the values of the items start ..
 * start+count-1 (C order), nvalues per item, go into vals; the item's
 * tree into nodes unless nodes is NULL. When vals or nodes is too small
 * the entry point returns GOMV_ND_GROW with nnodes and nvalues set. */
typedef struct {
    ssize_t start, count;
    gomv_value *vals;
    ssize_t vals_cap;
    gomv_ndnode *nodes;
    int nodes_cap;
    int nnodes;                /* out */
    ssize_t nvalues;           /* out */
} gomv_nditems;
#define GOMV_ND_GROW 1

/* A value kind only C sends to gomvgo_nd_pack: a Python int beyond 64
 * bits, f its float value (+-inf beyond a double's range; boundary.VBigInt).
 * Kind 0 is a value C could not convert for its code (the core words the
 * struct module's error). */
#define GOMV_VALUE_BIGINT 64

/* Subscript (View.Key), transpose (naxes < 0: reversed), reshape and
 * cast (nshape < 0: no shape) of b, into *out. */
extern int gomvgo_nd_key(gomv_buf *b, gomv_ndkey *keys, int nkeys, gomv_ndlayout *out,
                         gomv_err *err);
extern int gomvgo_nd_transpose(gomv_buf *b, ssize_t *axes, int naxes, gomv_ndlayout *out,
                               gomv_err *err);
extern int gomvgo_nd_reshape(gomv_buf *b, ssize_t *shape, int nshape, gomv_ndlayout *out,
                             gomv_err *err);
extern int gomvgo_nd_cast(gomv_buf *b, char *fmt, ssize_t *shape, int nshape,
                          gomv_ndlayout *out, gomv_err *err);
/* Items' values and tree (see gomv_nditems); 0, GOMV_ND_GROW or -1. */
extern int gomvgo_nd_items(gomv_buf *b, gomv_nditems *io, gomv_err *err);
/* Pack n values into the item b (ndim 0), as the struct module does. */
extern int gomvgo_nd_pack(gomv_buf *b, gomv_value *vals, ssize_t n, gomv_err *err);
/* dst[...] = src, converting values (gomv.Assign). */
extern int gomvgo_nd_assign(gomv_buf *dst, gomv_buf *src, gomv_err *err);
/* ndview's ==, for any formats the core reads: 1 equal, 0 unequal. */
extern int gomvgo_nd_equal(gomv_buf *a, gomv_buf *b, gomv_bulk *bulk, gomv_err *err);

#endif
