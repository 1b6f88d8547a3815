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

/* Maximum number of dimensions (CPython's PyBUF_MAX_NDIM). */
#define GOMV_MAXDIM 64

/* The types are heap types created by PyInit__mv (PyType_FromSpec), so these
 * are pointers, set once at module init. Instances hold a reference to their
 * type (heap-type rule): tp_alloc takes it, tp_dealloc drops it. */
extern PyTypeObject *gomv_mv_type;
extern PyTypeObject *gomv_mbuf_type;
extern PyTypeObject *gomv_iter_type;   /* created in PyInit__mv from gomv_iter_spec */
#define gomv_mv_Check(op) Py_IS_TYPE((PyObject *)(op), gomv_mv_type)

/* The iterator's spec, provided by mv_iter.c (items helper); the module
 * init creates gomv_iter_type from it (spec name "memory_iterator"). */
extern PyType_Spec gomv_iter_spec;

/* ---- provided by the object core (mv_object.c, mv_module.c) ---- */

/* Raises ValueError "operation forbidden on released memoryview object"
 * and returns -1 when self is released; returns 0 otherwise. */
int gomv_mv_check_released(gomv_mv *self);
#define GOMV_CHECK_RELEASED(mv) \
    (((mv)->flags & GOMV_RELEASED) ? gomv_mv_check_released(mv) : 0)
#define GOMV_CHECK_RELEASED_NULL(mv) \
    do { if (GOMV_CHECK_RELEASED(mv) < 0) return NULL; } while (0)
#define GOMV_CHECK_RELEASED_INT(mv) \
    do { if (GOMV_CHECK_RELEASED(mv) < 0) return -1; } while (0)

/* New view registered on mbuf, with a copy of src's layout (buf, len,
 * itemsize, readonly, ndim <= GOMV_MAXDIM, format, shape, strides,
 * suboffsets; src->obj is ignored). The format pointer is copied as is: it
 * must live as long as mbuf (the exporter's format, or static storage).
 * Flags and code are computed. Returns NULL with an exception set. */
gomv_mv *gomv_mv_from_mbuf(gomv_mbuf *mbuf, Py_buffer *src);

/* Recompute GOMV_C/F/SCALAR/PIL from mv->view (C fast path; the Go twin
 * gomv_go_contiguity when !gomv_fast). Keeps GOMV_RELEASED. */
void gomv_mv_init_flags(gomv_mv *mv);

/* Fill the boundary struct from mv->view (pointers into mv). */
void gomv_layout_of(gomv_mv *mv, gomv_layout *out);

/* Set the Python exception for a Go error; returns NULL. */
PyObject *gomv_raise(gomv_err *err);

/* Native single-character code of a format string ("B", "@i", ...), or 0
 * if the format is not a native single-item format. */
char gomv_native_code(const char *fmt);

/* ---- provided by the items helper (mv_item.c, mv_pack.c, mv_iter.c,
 * mv_tolist.c) and used by the type object ---- */
PyObject *gomv_mv_subscript(gomv_mv *self, PyObject *key);
int gomv_mv_ass_subscript(gomv_mv *self, PyObject *key, PyObject *value);
Py_ssize_t gomv_mv_length(gomv_mv *self);
PyObject *gomv_mv_item(gomv_mv *self, Py_ssize_t i);        /* sq_item, for `in` and old-style iteration */
PyObject *gomv_mv_iter(gomv_mv *self);                       /* tp_iter */
PyObject *gomv_mv_tolist(gomv_mv *self, PyObject *unused);   /* method */
PyObject *gomv_unpack_native(char code, const char *ptr);    /* one item -> Python object */
int gomv_pack_native(char code, char *ptr, PyObject *v, const char *fmt); /* with CPython's checks */

/* 1 when the C fast paths are on (default); GOMV_NO_FASTPATH=1 in the
 * environment at import turns them off so every operation goes through
 * its Go twin, which the test suite uses to prove they agree. */
extern int gomv_fast;

#endif
