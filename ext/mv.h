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
    PyObject *base;       /* what .obj reports, when not master.obj: the
                             exporter behind a built-in memoryview given to
                             the constructor (as the built-in reports it) */
} gomv_mbuf;

/* The object a view on mbuf reports as .obj (borrowed; NULL for None). */
#define GOMV_MBUF_OBJ(mb) ((mb)->base != NULL ? (mb)->base : (mb)->master.obj)

/* view flags */
#define GOMV_RELEASED  0x01
#define GOMV_C         0x02  /* C-contiguous */
#define GOMV_F         0x04  /* Fortran-contiguous */
#define GOMV_SCALAR    0x08  /* ndim == 0 */
#define GOMV_PIL       0x10  /* has suboffsets */
#define GOMV_BADLEN    0x20  /* len > 0 but not product(shape) * itemsize: a lying
                                exporter; never exported (consumers trust len) */

typedef struct {
    PyObject_VAR_HEAD         /* ob_size: 3 * ndim slots in arr */
    gomv_mbuf *mbuf;
    Py_hash_t hash;           /* -1 until computed */
    int flags;
    Py_ssize_t exports;       /* buffers exported by this view, not yet released */
    Py_buffer view;           /* shape/strides/suboffsets point into arr (all NULL
                                 when ndim == 0); view.obj is NULL */
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
/* The same when the caller knows src's native code (gomv_native_code of
 * its format) and, if flags >= 0, its flags: slices and casts skip the
 * format lookup and the layout checks they already made. */
gomv_mv *gomv_mv_derive(gomv_mbuf *mbuf, Py_buffer *src, char code, int flags);

/* Recompute GOMV_C/F/SCALAR/PIL from mv->view (C fast path; the Go twin
 * gomv_go_contiguity when !gomv_fast). Keeps GOMV_RELEASED. */
void gomv_mv_init_flags(gomv_mv *mv);   /* view.len must be current (len 0 is contiguous) */

/* Fill the boundary struct from mv->view (pointers into mv). */
void gomv_layout_of(gomv_mv *mv, gomv_layout *out);

/* Set the Python exception for a Go error; returns NULL. */
PyObject *gomv_raise(gomv_err *err);

/* Fill a boundary struct from any Py_buffer (another exporter): format
 * NULL reads as "B"; a missing shape/strides is filled in C order into the
 * caller's scratch arrays (GOMV_MAXDIM entries each). */
/* the boundary struct of any Py_buffer (format NULL reads as "B") */
void gomv_layout_of_buffer(const Py_buffer *v, gomv_layout *out);
void gomv_layout_from_buffer(const Py_buffer *b, gomv_layout *out,
                             Py_ssize_t *scratch_shape, Py_ssize_t *scratch_strides);

/* Native single-character code of a format string ("B", "@i", ...), or 0
 * if the format is not a native single-item format. Mirrors what the
 * running interpreter's memoryview treats as native: 'e' only from 3.12.
 * mv->code holds this for mv->view.format. */
char gomv_native_code(const char *fmt);
/* Fills the table behind gomv_native_code (module init). */
void gomv_native_init(void);

/* Static storage for a native format string ("B", "@B", ...): the format
 * of cast results; NULL if fmt is not native (see gomv_native_code). */
const char *gomv_native_fmtstr(const char *fmt);

/* ---- object core internals (mv_module.c, mv_mbuf.c, mv_object.c,
 * mv_methods.c, mv_compare.c) ---- */
extern PyType_Spec gomv_mv_spec;
extern PyType_Spec gomv_mbuf_spec;

/* New managed buffer holding the exporter's buffer got with flags (no
 * view registered yet: the first gomv_mv_from_mbuf registers one). */
gomv_mbuf *gomv_mbuf_from_object(PyObject *exporter, int flags);
/* Release the exporter's buffer (once). */
void gomv_mbuf_release(gomv_mbuf *mbuf);

/* memoryview(obj) with buffer request flags (constructor, _from_flags). */
PyObject *gomv_mv_from_object(PyObject *obj, int flags);

/* Argument unpacking with the messages of Argument Clinic of the running
 * version. kwlist names all parameters (positional-or-keyword), nreq of
 * them required. Either kwnames (vectorcall) or kwdict (tp_new) may be
 * given. out[] receives borrowed references, NULL for absent. */
int gomv_unpack_args(const char *fname, const char *const *kwlist, int nreq, int nmax,
                     PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames, PyObject *kwdict, PyObject **out);
/* Clinic's C int converter (PyLong_AsInt): 0 or -1 with an exception. */
int gomv_as_int(PyObject *o, int *out);

PyObject *gomv_mv_tobytes(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
PyObject *gomv_mv_hex(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
PyObject *gomv_mv_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
PyObject *gomv_mv_richcompare(PyObject *v, PyObject *w, int op);
Py_hash_t gomv_mv_hash(gomv_mv *self);
/* Copy the view's bytes in order 'C', 'F' or 'A' into dst (view.len
 * bytes): memcpy when contiguous in that order (fast path), else Go. */
int gomv_copy_to_contiguous(gomv_mv *self, char *dst, char order);

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
