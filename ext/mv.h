/* Shared declarations of the hand-written C layer of gomv.memoryview.
 *
 * The layer decodes arguments, runs the measured O(1) fast paths on native
 * single-character formats, calls the Go core for everything else
 * (gomv_go.h), and builds Python objects. Nothing else lives in C.
 */
#ifndef GOMV_MV_H
#define GOMV_MV_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "gomv_go.h"

/* The exporter's buffer, shared by every view made from it (slices, casts,
 * views of views): the exporter is released exactly once, when the last view
 * referencing it goes. A GC-tracked object so cycles through the exporter are
 * collected. */
typedef struct {
    PyObject_HEAD
    Py_buffer master;     /* as the exporter filled it; master.obj owns the exporter */
    Py_ssize_t views;     /* live views registered on this buffer */
    int released;         /* master has been released */
} gomv_mbuf;

/* view flags */
#define GOMV_RELEASED  0x01
#define GOMV_C         0x02  /* C-contiguous */
#define GOMV_F         0x04  /* Fortran-contiguous */
#define GOMV_SCALAR    0x08  /* ndim == 0 */
#define GOMV_PIL       0x10  /* has suboffsets */

typedef struct {
    PyObject_VAR_HEAD         /* ob_size: 3 * ndim slots in arr */
    gomv_mbuf *mbuf;
    Py_hash_t hash;           /* -1 until computed */
    int flags;
    Py_ssize_t exports;       /* buffers exported by this view, not yet released */
    Py_buffer view;           /* shape/strides/suboffsets point into arr; view.obj is NULL */
    char code;                /* native single-char format code, or 0 */
    PyObject *weakreflist;
    Py_ssize_t arr[1];
} gomv_mv;

extern PyTypeObject gomv_mv_type;
extern PyTypeObject gomv_mbuf_type;
extern PyTypeObject gomv_iter_type;

/* 1 when the C fast paths are on (default); GOMV_NO_FASTPATH=1 in the
 * environment at import turns them off so every operation goes through
 * its Go twin, which the test suite uses to prove they agree. */
extern int gomv_fast;

#endif
