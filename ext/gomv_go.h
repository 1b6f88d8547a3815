/* The C <-> Go boundary of the extension.
 *
 * Everything crossing it lives in C memory owned by the caller: Go reads and
 * writes through these structs and never keeps a pointer after returning, so
 * no Go memory is ever exposed to C (unpinned Go memory moves or is reused).
 * Functions implemented in Go (glue.go, //export) start with gomv_go_.
 */
#ifndef GOMV_GO_H
#define GOMV_GO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Error filled by Go on failure. kind is a gomv.Kind (ValueError=0,
 * TypeError, IndexError, NotImplementedError, BufferError, OverflowError,
 * MemoryError, StructError; 100 = SystemError for a recovered Go panic). */
#define GOMV_ERR_MSG 512
typedef struct {
    int kind;
    char msg[GOMV_ERR_MSG];
} gomv_err;

enum {
    GOMV_E_VALUE = 0, GOMV_E_TYPE, GOMV_E_INDEX, GOMV_E_NOTIMPL,
    GOMV_E_BUFFER, GOMV_E_OVERFLOW, GOMV_E_MEMORY, GOMV_E_STRUCT,
    GOMV_E_SYSTEM = 100
};

/* A buffer as Go sees it: the fields of a Py_buffer, without Python.h. */
typedef struct {
    char *buf;                 /* address of the first item (index 0,...,0) */
    ssize_t len;               /* product(shape) * itemsize */
    ssize_t itemsize;
    int ndim;
    int readonly;
    const char *format;        /* NUL-terminated; never NULL here ("B" default) */
    const ssize_t *shape;      /* ndim entries (may be NULL when ndim == 0) */
    const ssize_t *strides;    /* ndim entries */
    const ssize_t *suboffsets; /* ndim entries or NULL */
} gomv_layout;

/* One unpacked native value. kind: 1 int, 2 uint, 3 float, 4 bool, 5 bytes
 * (p/n point into the buffer itself, never into Go memory). */
typedef struct {
    int kind;
    long long i;
    unsigned long long u;
    double f;
    const char *p;
    ssize_t n;
} gomv_value;

enum { GOMV_V_INT = 1, GOMV_V_UINT, GOMV_V_FLOAT, GOMV_V_BOOL, GOMV_V_BYTES };

/* Registers the atfork handlers (module init): 0, or -1 if it failed. */
int gomv_fork_init(void);
/* Finds Go's sysmon thread, which the prepare handler watches (module
 * init, after gomv_ready; without the GIL). */
void gomv_fork_learn(void);

/* Entry points implemented in Go (glue.go). Every one recovers Go panics
 * into *err (kind GOMV_E_SYSTEM) and returns -1 on failure with *err filled.
 * Prototypes are written exactly as cgo exports them (cgo drops const). */
/* Returns once the Go runtime is initialized (module init; see glue.go). */
extern int gomv_go_ready(void);
/* The runtime's state around fork() (mv_fork.c, glue.go). */
enum { GOMV_FORK_KEEP, GOMV_FORK_PREPARE, GOMV_FORK_PARENT, GOMV_FORK_CHILD, GOMV_FORK_SPARE_M };
enum { GOMV_CHILD_PROCS = 4 };
extern void gomv_go_fork(int step);
/* The test hook behind gomv._mv._debug_go_panic (see glue.go). */
extern int gomv_go_debug_panic(char *msg, long long after, gomv_err *err);
/* GOMV_C | GOMV_F bits of a layout (twin of the C computation). */
extern int gomv_go_contiguity(gomv_layout *l);
/* Address of the item at idx (nidx == ndim), negative indices from the end. */
extern int gomv_go_item(gomv_layout *l, ssize_t *idx, int nidx, char **ptr, gomv_err *err);
/* Native single-char unpack / pack (twins of the C fast paths). pack's
 * error is kind VALUE or TYPE; the C caller words the message. */
extern int gomv_go_unpack(char code, char *ptr, gomv_value *out, gomv_err *err);
extern int gomv_go_pack(char code, char *ptr, gomv_value *in, gomv_err *err);
/* Bulk work. dst is C memory sized by the caller (len bytes, or hex length). */
extern int gomv_go_tobytes(gomv_layout *l, char order, char *dst, gomv_err *err);
extern int gomv_go_hex(gomv_layout *l, char *dst, ssize_t dstlen, char sep, ssize_t bytes_per_sep, gomv_err *err);
/* 1 equal, 0 unequal, 2 formats not comparable (NotImplemented), -1 error. */
extern int gomv_go_equal(gomv_layout *a, gomv_layout *b, gomv_err *err);
/* memoryview.cast with CPython's rules and order of errors; ndim < 0 means
 * no shape given. out_shape/out_strides have room for 64 entries. */
extern int gomv_go_cast(gomv_layout *src, char *fmt, int ndim, ssize_t *shape,
                        ssize_t *out_itemsize, int *out_ndim,
                        ssize_t *out_shape, ssize_t *out_strides, gomv_err *err);
/* Slice assignment: copy src into dst (same shape), overlap-safe. */
extern int gomv_go_copy(gomv_layout *dst, gomv_layout *src, gomv_err *err);

/* The C layer calls Go only through these (mv_gocall.c), each the Go
 * function of the same name after gomv_go_: no fork() copies the process
 * while a thread is inside Go, and in a fork() child the calls of threads
 * other than the forking one run on one thread of gomv's (mv_fork.c). */
int gomv_ready(void);
int gomv_debug_panic(char *msg, long long after, gomv_err *err);
int gomv_contiguity(gomv_layout *l);
int gomv_item(gomv_layout *l, ssize_t *idx, int nidx, char **ptr, gomv_err *err);
int gomv_unpack(char code, char *ptr, gomv_value *out, gomv_err *err);
int gomv_pack(char code, char *ptr, gomv_value *in, gomv_err *err);
int gomv_tobytes(gomv_layout *l, char order, char *dst, gomv_err *err);
int gomv_hex(gomv_layout *l, char *dst, ssize_t dstlen, char sep, ssize_t bytes_per_sep,
             gomv_err *err);
int gomv_equal(gomv_layout *a, gomv_layout *b, gomv_err *err);
int gomv_cast(gomv_layout *src, char *fmt, int ndim, ssize_t *shape, ssize_t *out_itemsize,
              int *out_ndim, ssize_t *out_shape, ssize_t *out_strides, gomv_err *err);
int gomv_copy(gomv_layout *dst, gomv_layout *src, gomv_err *err);

/* One call into Go, as data (mv_gocall.c builds them, mv_fork.c runs them). */
typedef struct {
    int op;
    void *p[8];
    long long n[3];
} gomv_job;
enum {
    GOMV_OP_READY, GOMV_OP_DEBUG_PANIC, GOMV_OP_CONTIGUITY,
    GOMV_OP_ITEM, GOMV_OP_UNPACK, GOMV_OP_PACK, GOMV_OP_TOBYTES, GOMV_OP_HEX, GOMV_OP_EQUAL,
    GOMV_OP_CAST, GOMV_OP_COPY
};
/* Makes the call (mv_gocall.c). */
int gomv_job_exec(const gomv_job *j);
/* Runs the job where it may run (mv_fork.c) and returns its result. */
int gomv_job_run(const gomv_job *j);

#endif
