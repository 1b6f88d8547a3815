/* Bulk work in chunks (tobytes, hex, ==, the copy behind hash).
 *
 * A multi-second Go walk would hold off Ctrl-C until it returns and keep
 * every other Python thread waiting. So the C layer cuts bulk work into
 * chunks of about gomv_chunk bytes, checks for signals between chunks, and
 * on large buffers runs each chunk without the GIL. A chunk is a block of
 * the view that is contiguous in the output order: the indices of the
 * leading dimensions fixed and a range along the next one, so results are
 * the concatenation of the chunks' results, in order.
 */
#ifndef GOMV_MV_BULK_H
#define GOMV_MV_BULK_H

#include "mv.h"

/* Target bytes per chunk (1 MiB; the test suite shrinks it through
 * gomv._mv._debug_chunk to push small views through the chunked paths). */
extern Py_ssize_t gomv_chunk;
/* Work on at least this many bytes runs without the GIL. */
#define GOMV_NOGIL_MIN ((Py_ssize_t)1 << 20)

/* One layout cut into chunks: sub describes the current chunk. */
typedef struct {
    const gomv_layout *whole;
    gomv_layout sub;
    Py_ssize_t shape[GOMV_MAXDIM];   /* sub's shape; [0] changes per chunk */
    Py_ssize_t block;                /* bytes per index along the cut dimension */
} gomv_part;

/* Walks one layout, or two of the same shape in step (==). */
typedef struct {
    int nparts, d, done;
    Py_ssize_t idx[GOMV_MAXDIM];     /* indices of the dimensions before d */
    Py_ssize_t pos, step;            /* range [pos, pos+step) along d */
    gomv_part part[2];
} gomv_chunks;

/* Run stmt, without the GIL when nogil (stmt must not touch any Python
 * object then). */
#define GOMV_RUN(nogil, stmt)                                  \
    do {                                                       \
        if (nogil) {                                           \
            Py_BEGIN_ALLOW_THREADS stmt; Py_END_ALLOW_THREADS \
        }                                                      \
        else {                                                 \
            stmt;                                              \
        }                                                      \
    } while (0)

/* What follows one step of bulk work that returned rc: -1 with the error
 * raised (rc < 0, or a signal handler raised), 1 to stop early (rc > 0),
 * 0 to go on. Signals are checked between steps, so Ctrl-C is prompt. */
int gomv_step_done(int rc, gomv_err *err);

/* Set up chunks of about target bytes (of the larger itemsize) over a, and
 * b in step (b may be NULL). The layouts must have ndim >= 1 and no zero
 * in the shape, and must outlive the walk. */
void gomv_chunks_init(gomv_chunks *c, const gomv_layout *a, const gomv_layout *b,
                      Py_ssize_t target);
/* Fill the parts' sub layouts with the next chunk: 1, or 0 when done. */
int gomv_chunks_next(gomv_chunks *c);

/* Work on one chunk, run without the GIL when nogil: must not touch any
 * Python object. Returns 0 to go on, 1 to stop early (the walk returns
 * 1), -1 with *err filled. */
typedef int (*gomv_chunk_fn)(gomv_chunks *c, void *ctx, gomv_err *err);

/* Run fn over every chunk, checking signals after each. Returns 0, 1
 * (stopped early) or -1 with a Python exception set. */
int gomv_chunks_run(gomv_chunks *c, gomv_chunk_fn fn, void *ctx, int nogil);

/* The same for byte ranges of contiguous memory: fn(ctx, offset, n, err). */
typedef int (*gomv_range_fn)(void *ctx, Py_ssize_t off, Py_ssize_t n, gomv_err *err);
int gomv_ranges_run(Py_ssize_t total, Py_ssize_t target, gomv_range_fn fn, void *ctx,
                    int nogil);

/* Hold the view (and so its exporter) while the GIL is released: a
 * release() from another thread then raises BufferError, as with any
 * export, and the exporter stays locked against resizing. */
#define GOMV_HOLD(mv) ((mv)->exports++)
#define GOMV_UNHOLD(mv) ((mv)->exports--)

/* The private module functions (gomv._mv._debug_*), added at init. */
extern PyMethodDef gomv_debug_methods[];

#endif
