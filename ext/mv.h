/* The view object and the managed buffer, and the entry points of each
 * operation family that the type (mv_type.c) assembles.
 *
 * Layers, bottom up (a file calls only files of lower layers):
 *   mv_layout.c, mv_fork.c, mv_args.c   leaves: tables and rules, the fork
 *                                        flag, argument parsing
 *   mv_core.c                            the only calls into Go
 *   mv_mbuf.c, mv_view.c                 managed buffer; view construction
 *   mv_value.c                           one native item <-> one object
 *   mv_tobytes.c, mv_cast.c, mv_attrs.c,
 *   mv_export.c                          operation families
 *   mv_hex.c, mv_compare.c (use tobytes), mv_item.c, mv_iter.c,
 *   mv_tolist.c (use value)              operation families
 *   mv_type.c                            the type object
 *   mv_module.c                          module init, test hooks
 */
#ifndef GOMV_MV_H
#define GOMV_MV_H

#include "mv_core.h"

/* The exporter's buffer, shared by every view made from it (slices, casts,
 * views of views): the exporter is released exactly once, when the last view
 * referencing it goes. A GC-tracked object so cycles through the exporter are
 * collected. */
typedef struct {
    PyObject_HEAD
    Py_buffer master;     /* as the exporter filled it; master.obj owns the exporter */
    Py_ssize_t views;     /* live views registered on this buffer */
    int released;         /* master has been released */
    PyObject *base;       /* what .obj reports, when not master.obj (see mv_view.c) */
    char *format;         /* copies of formats the exporter does not keep (a chain,
                             see gomv_mbuf_keep_format), or NULL */
} gomv_mbuf;

/* The object a view on mbuf reports as .obj (borrowed; NULL for None). */
#define GOMV_MBUF_OBJ(mb) ((mb)->base != NULL ? (mb)->base : (mb)->master.obj)

typedef struct {
    PyObject_VAR_HEAD         /* ob_size: 3 * ndim slots in arr */
    gomv_mbuf *mbuf;
    Py_hash_t hash;           /* -1 until computed */
    int flags;                /* GOMV_* of mv_layout.h */
    Py_ssize_t exports;       /* buffers exported by this view, not yet released */
    Py_buffer view;           /* shape/strides/suboffsets point into arr (all NULL
                                 when ndim == 0); view.obj is NULL */
    char code;                /* native single-char format code, or 0 */
    PyObject *weakreflist;
    Py_ssize_t arr[1];
} gomv_mv;

/* The types are heap types created by the module init, so these are
 * pointers, set once. Instances hold a reference to their type. */
extern PyTypeObject *gomv_mv_type;
extern PyTypeObject *gomv_mbuf_type;
extern PyTypeObject *gomv_iter_type;
#define gomv_mv_Check(op) Py_IS_TYPE((PyObject *)(op), gomv_mv_type)

extern PyType_Spec gomv_mv_spec;     /* mv_type.c */
extern PyType_Spec gomv_mbuf_spec;   /* mv_mbuf.c */
extern PyType_Spec gomv_iter_spec;   /* mv_iter.c: "memory_iterator" */

/* ---- argument parsing (mv_args.c) ---- */

/* Argument Clinic's unpacking and messages of the running version. kwlist
 * names all parameters (positional-or-keyword), nreq of them required.
 * Either kwnames (vectorcall) or kwdict (tp_new) may be given. out[]
 * receives borrowed references, NULL for absent. */
int gomv_parse_args_full(const char *fname, const char *const *kwlist, int nreq, int nmax,
                         PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames, PyObject *kwdict, PyObject **out);

/* Positional arguments only, as many as allowed: the common call, inline. */
static inline int
gomv_parse_args(const char *fname, const char *const *kwlist, int nreq, int nmax,
                PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames, PyObject *kwdict, PyObject **out)
{
    Py_ssize_t i;
    if (kwnames != NULL || kwdict != NULL || nargs < nreq || nargs > nmax)
        return gomv_parse_args_full(fname, kwlist, nreq, nmax, args, nargs, kwnames, kwdict,
                                    out);
    for (i = 0; i < nargs; i++)
        out[i] = args[i];
    return 0;
}
/* Clinic's C int converter (PyLong_AsInt): 0 or -1 with an exception. */
int gomv_as_int(PyObject *o, int *out);
/* Clinic's Py_ssize_t converter (__index__, then PyLong_AsSsize_t). */
int gomv_as_ssize(PyObject *o, Py_ssize_t *out);
/* TypeError "fname() what must be expected, not <type>". */
void gomv_bad_argument(const char *fname, const char *what, const char *expected,
                       PyObject *arg);

/* ---- managed buffer (mv_mbuf.c) ---- */

/* New managed buffer holding the exporter's buffer got with flags (no
 * view registered yet). */
gomv_mbuf *gomv_mbuf_from_object(PyObject *exporter, int flags);
/* A copy of format owned by mbuf, alive as long as mbuf (for views whose
 * format comes from a buffer mbuf does not hold, or from a cast); one copy
 * per distinct format. NULL with MemoryError. */
const char *gomv_mbuf_keep_format(gomv_mbuf *mbuf, const char *format);
/* Release the exporter's buffer (once). */
void gomv_mbuf_release(gomv_mbuf *mbuf);

/* ---- views (mv_view.c) ---- */

/* ValueError "operation forbidden on released memoryview object" and -1
 * when self is released; 0 otherwise. */
int gomv_mv_check_released(gomv_mv *self);
/* Raises that ValueError unconditionally; -1. */
int gomv_mv_check_released_memory(void);
#define GOMV_CHECK_RELEASED(mv) \
    (((mv)->flags & GOMV_RELEASED) ? gomv_mv_check_released(mv) : 0)

/* Released, or its managed buffer is: any access to the memory is
 * forbidden (CPython's BASE_INACCESSIBLE). ValueError and -1. */
static inline int
gomv_mv_inaccessible(gomv_mv *self)
{
    if (!(self->flags & GOMV_RELEASED) && self->mbuf != NULL && !self->mbuf->released)
        return 0;
    return gomv_mv_check_released_memory();
}

/* New view registered on mbuf, with a copy of src's layout (buf, len,
 * itemsize, readonly, ndim <= GOMV_MAX_NDIM, format, shape, strides,
 * suboffsets; src->obj is ignored). The format pointer is copied as is: it
 * must live as long as mbuf. code is src's native code (gomv_native_code
 * of its format) and flags, if >= 0, its flags: slices and casts skip the
 * lookups they already made. Returns NULL with an exception set. */
gomv_mv *gomv_mv_derive(gomv_mbuf *mbuf, const Py_buffer *src, char code, int flags);
/* The same for a view of type tp (gomv.memoryview or gomv.ndview: both
 * are gomv_mv objects). */
gomv_mv *gomv_view_derive(PyTypeObject *tp, gomv_mbuf *mbuf, const Py_buffer *src, char code,
                          int flags);
/* Its first step: a view of type tp registered on mbuf with nd (0..64)
 * dimensions, not yet tracked by the GC; the caller sets buf, len,
 * itemsize, readonly, format, the arrays, code and flags, then tracks it. */
gomv_mv *gomv_view_alloc(PyTypeObject *tp, gomv_mbuf *mbuf, int nd);
/* The same with code and flags computed. */
gomv_mv *gomv_mv_from_mbuf(gomv_mbuf *mbuf, const Py_buffer *src);
/* memoryview(obj) with buffer request flags (constructor, _from_flags). */
PyObject *gomv_mv_from_object(PyObject *obj, int flags);
/* The same for type tp: views of tp or gomv.memoryview share their managed
 * buffer. */
PyObject *gomv_view_from_object(PyTypeObject *tp, PyObject *obj, int flags);
/* Recompute the layout flags from mv->view (C, or the Go twin of the
 * contiguity when !gomv_fast). Keeps GOMV_RELEASED. */
void gomv_mv_init_flags(gomv_mv *mv);
/* Unregister from the managed buffer (release()); refused while buffers
 * exported by this view are alive. */
int gomv_mv_release(gomv_mv *self);
/* Hold the view (and so its exporter) while the GIL is released: a
 * release() from another thread then raises BufferError, as with any
 * export, and the exporter stays locked against resizing. */
#define GOMV_HOLD(mv) ((mv)->exports++)
#define GOMV_UNHOLD(mv) ((mv)->exports--)

/* The object's lifetime slots. */
void gomv_mv_dealloc(gomv_mv *self);
int gomv_mv_traverse(gomv_mv *self, visitproc visit, void *arg);
int gomv_mv_clear(gomv_mv *self);

/* The descriptor of mv's buffer for Go. */
void gomv_buf_of_mv(gomv_mv *mv, gomv_buf *out);

/* ---- operation families, assembled by mv_type.c ---- */

/* mv_tobytes.c */
PyObject *gomv_mv_tobytes(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames);
/* Copy the view's bytes in order 'C', 'F' or 'A' into dst (view.len
 * bytes): memcpy when the memory is in that order, else Go, or in a fork()
 * child the interpreter's PyBuffer_ToContiguous. */
int gomv_copy_out(gomv_mv *self, char *dst, char order);
/* BufferError for a view whose exporter's len lies (GOMV_BADLEN); NULL. */
PyObject *gomv_badlen_error(void);
/* The error of the built-in's copy of a view whose len is negative; NULL. */
PyObject *gomv_negative_len_error(void);

/* mv_hex.c, mv_cast.c, mv_compare.c */
PyObject *gomv_mv_hex(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames);
PyObject *gomv_mv_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames);
PyObject *gomv_mv_richcompare(PyObject *v, PyObject *w, int op);
Py_hash_t gomv_mv_hash(gomv_mv *self);

/* mv_item.c, mv_iter.c, mv_tolist.c */
PyObject *gomv_mv_subscript(gomv_mv *self, PyObject *key);
int gomv_mv_ass_subscript(gomv_mv *self, PyObject *key, PyObject *value);
Py_ssize_t gomv_mv_length(gomv_mv *self);
PyObject *gomv_mv_item(gomv_mv *self, Py_ssize_t i);   /* sq_item */
PyObject *gomv_mv_iter(gomv_mv *self);
PyObject *gomv_mv_tolist(gomv_mv *self, PyObject *unused);

/* mv_search.c (3.14+) */
PyObject *gomv_mv_count(gomv_mv *self, PyObject *value);
PyObject *gomv_mv_index(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs);

/* mv_export.c */
int gomv_mv_getbuffer(gomv_mv *self, Py_buffer *view, int flags);
void gomv_mv_releasebuffer(gomv_mv *self, Py_buffer *view);

/* mv_attrs.c: attributes, repr, release/context manager, toreadonly */
extern PyGetSetDef gomv_mv_getset[];
PyObject *gomv_mv_repr(gomv_mv *self);
PyObject *gomv_mv_release_method(gomv_mv *self, PyObject *unused);
PyObject *gomv_mv_enter(gomv_mv *self, PyObject *unused);
PyObject *gomv_mv_exit(gomv_mv *self, PyObject *args);
PyObject *gomv_mv_toreadonly(gomv_mv *self, PyObject *unused);

/* mv_type.c: called by the module init once the type exists (the type's
 * vectorcall makes gomv.memoryview(x) skip the tuple/dict of tp_new). */
void gomv_mv_type_ready(PyTypeObject *tp);

/* mv_smallint.c: byte values as the interpreter's shared int objects. */
extern PyObject *gomv_byte_ints[256];
int gomv_byte_ints_init(void);

/* PyLong_FromLong(b) for a byte, without a call when the interpreter
 * shares that int. */
static inline PyObject *
gomv_long_from_byte(unsigned char b)
{
    PyObject *o = gomv_byte_ints[b];
    if (o != NULL)
        return Py_NewRef(o);
    return PyLong_FromLong(b);
}

/* PyLong_CheckExact(o) || PyIndex_Check(o), the second read from the
 * type as PyIndex_Check does, without its call: subscripts test every
 * key with it. */
static inline int
gomv_is_index(PyObject *o)
{
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    return PyLong_CheckExact(o) || (nb != NULL && nb->nb_index != NULL);
}

#endif
