/* gomv.ndview: the N-dimensional sibling of gomv.memoryview. An ndview is
 * a gomv_mv object of another type: it shares memoryview's managed
 * buffer, attributes, tobytes, hex, export, release, hash and lifetime,
 * and adds numpy's basic indexing, items of any struct format, cast
 * between any formats, transpose and reshape.
 *
 * Layers, bottom up (a file calls only files of lower layers, and the
 * memoryview files below them, see mv.h):
 *   nd_value.c    one item of a native format <-> one object, with the
 *                 struct module's checks
 *   nd_tree.c     items of any format: their tree (from Go), objects built
 *                 from values, values flattened from objects
 *   nd_key.c      subscripts: Python keys -> gomv_ndkey, applied in C (or
 *                 by the Go twin) to a layout
 *   nd_view.c     ndview objects made from layouts; items at an address
 *   nd_read.c     bulk reading of items in C order, for tolist, iteration
 *                 and search
 *   nd_subscript.c  v[key], v[key] = value
 *   nd_seq.c      len, iteration, in, count, index
 *   nd_tolist.c, nd_shape.c (cast, T, transpose, reshape), nd_compare.c
 *   nd_type.c     the type object and its constructor
 *
 * Names: Python slots and methods gomv_nd_*; helpers private to a file
 * are static. */
#ifndef GOMV_ND_H
#define GOMV_ND_H

#include "mv.h"

extern PyTypeObject *gomv_nd_type;
extern PyTypeObject *gomv_nd_iter_type;
#define gomv_nd_Check(op) Py_IS_TYPE((PyObject *)(op), gomv_nd_type)

extern PyType_Spec gomv_nd_spec;        /* nd_type.c */
extern PyType_Spec gomv_nd_iter_spec;   /* nd_seq.c */
/* Module init: the spec's getset (memoryview's and T) before the type is
 * made, and its vectorcall once it exists. */
int gomv_nd_spec_ready(void);
int gomv_nd_type_ready(PyTypeObject *tp);

/* ---- one native item (nd_value.c) ---- */

/* The code of a format ndview reads and writes in C: a native format of
 * any release ('e', "Zf", "Zd" included) whose size is itemsize; 0 for
 * any other (those go through Go). */
char gomv_nd_code(const char *fmt, Py_ssize_t itemsize);
/* The object of the native item at ptr. */
PyObject *gomv_nd_native_get(char code, const char *ptr);
/* obj as a value of struct code `code` (any code, any byte order), as the
 * struct module converts it: kind 0 for an object it refuses (it raises
 * later, in its order); ints stay ints for every number code (struct
 * words overflows of ints its own way), GOMV_VALUE_BIGINT beyond 64 bits;
 * -1 when the conversion raised (__index__, __bool__). Bytes values point
 * into obj. */
int gomv_nd_convert(char code, PyObject *obj, gomv_value *out);
/* Store a converted value in a native item, with struct's checks and
 * errors (the C twin of gomvgo_nd_pack). */
int gomv_nd_native_store(char code, char *ptr, const gomv_value *v);

/* ---- items of any format (nd_tree.c) ---- */

/* An item's tree (gomv.Format.Tree) and its number of values. */
typedef struct {
    gomv_ndnode *nodes;
    int nnodes;
    Py_ssize_t nvalues;
    gomv_ndnode small[16];
} nd_tree;

/* Room for values: the small storage or the heap. */
typedef struct {
    gomv_value *v;
    Py_ssize_t cap;
    gomv_value small[16];
} nd_vals;

static inline void
gomv_nd_vals_init(nd_vals *vs)
{
    vs->v = vs->small;
    vs->cap = sizeof vs->small / sizeof vs->small[0];
}

void gomv_nd_vals_clear(nd_vals *vs);
/* Room for n values (the old ones are dropped). */
int gomv_nd_vals_reserve(nd_vals *vs, Py_ssize_t n);

/* The values of the items start .. start+count-1 of b (C order) into vs,
 * grown as needed, and the tree of b's items into t if t has none yet:
 * one call into Go (two when the storage must grow). */
int gomv_nd_fetch(gomv_buf *b, nd_tree *t, Py_ssize_t start, Py_ssize_t count, nd_vals *vs);
/* Only the tree (no values). */
int gomv_nd_tree_of(gomv_buf *b, nd_tree *t);
void gomv_nd_tree_clear(nd_tree *t);
/* The object of one item from its values. */
PyObject *gomv_nd_build(const nd_tree *t, const gomv_value *vals);
/* The values of item (an object shaped as gomv_nd_build makes them) into
 * vals (t->nvalues entries), with the struct module's errors for a wrong
 * number of values; objects that bytes values point into are kept alive
 * by *keep (a list, created when needed; the caller releases it). */
int gomv_nd_flatten(const nd_tree *t, PyObject *item, gomv_value *vals, PyObject **keep);

/* ---- subscripts (nd_key.c) ---- */

typedef struct {
    gomv_ndkey *keys;
    int n;
    int ints, slices, ellipses, newaxes;   /* keys of each kind */
    gomv_ndkey small[8];
} nd_keys;

/* Convert a subscript (one key or a tuple of keys); -1 with numpy's
 * IndexError for a key of no basic kind. May run user code. */
int gomv_nd_keys_parse(PyObject *key, nd_keys *k);
void gomv_nd_keys_clear(nd_keys *k);
/* The keys select one item: only ints, one per dimension. */
static inline int
gomv_nd_keys_item(const nd_keys *k, int ndim)
{
    return k->n == k->ints && k->ints == ndim;
}
/* Apply the keys to self's layout into *out: in C, or through the Go
 * twin when gomv_fast is 0. numpy's errors. No user code runs. */
int gomv_nd_keys_apply(gomv_mv *self, const nd_keys *k, gomv_ndlayout *out);
/* The usual subscripts straight from the key objects, in C with the fast
 * paths on: exact ints, slices of ints and None, None and one Ellipsis,
 * one int or slice per dimension at most, on a view without suboffsets
 * and with items. 1 with *out the result and *ints the int keys; 0 (nothing
 * raised) for any other key or an index out of range: the general path
 * then answers. An Ellipsis key never selects an item: *ints is then -1. */
int gomv_nd_plain_keys(const gomv_mv *self, PyObject *key, gomv_ndlayout *out, int *ints);

/* ---- views and items (nd_view.c) ---- */

/* A new ndview of self's managed buffer with layout l and format fmt
 * (which must live as long as the buffer), code its gomv_nd_code. */
PyObject *gomv_nd_from_layout(gomv_mv *self, const gomv_ndlayout *l, const char *fmt,
                              char code);
/* A Py_buffer of layout l with self's format and flags (arrays point into
 * l; obj NULL), for handing to Go. */
void gomv_nd_buffer_of(gomv_mv *self, gomv_ndlayout *l, Py_buffer *out);
/* The object of the item at ptr (self's format): C for native codes when
 * the fast paths are on, else one call into Go. */
PyObject *gomv_nd_item_at(gomv_mv *self, char *ptr);
/* v[i] of a view of two or more dimensions: the sub-view of index i
 * (in range) of dimension 0. */
PyObject *gomv_nd_subview(gomv_mv *self, Py_ssize_t i);

/* ---- bulk reading (nd_read.c) ---- */

/* Items of a view in C order, read from Go a block at a time. With
 * `watch` (1-D views only), an item whose bytes changed since its block
 * was read is read again: consumers that run Python code between items
 * (iteration, in, count, index) see the memory as it is. */
typedef struct {
    gomv_mv *view;            /* borrowed */
    nd_tree tree;
    nd_vals vals;
    Py_ssize_t start, count;  /* the block: items start .. start+count-1 */
    Py_ssize_t block;         /* items in the next block (doubles) */
    int watch;
    char *raw;                /* watch: the block's bytes when read */
} nd_reader;

void gomv_nd_reader_init(nd_reader *r, gomv_mv *view, int watch);
void gomv_nd_reader_clear(nd_reader *r);
/* The object of item k (C order). */
PyObject *gomv_nd_reader_item(nd_reader *r, Py_ssize_t k);

/* ---- the families, assembled by nd_type.c ---- */

PyObject *gomv_nd_subscript(gomv_mv *self, PyObject *key);
int gomv_nd_ass_subscript(gomv_mv *self, PyObject *key, PyObject *value);
Py_ssize_t gomv_nd_length(gomv_mv *self);
PyObject *gomv_nd_iter(gomv_mv *self);
int gomv_nd_contains(gomv_mv *self, PyObject *x);
PyObject *gomv_nd_count(gomv_mv *self, PyObject *x);
PyObject *gomv_nd_index(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *gomv_nd_tolist(gomv_mv *self, PyObject *unused);
PyObject *gomv_nd_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames);
PyObject *gomv_nd_transpose(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *gomv_nd_get_T(gomv_mv *self, void *closure);
PyObject *gomv_nd_reshape(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs);
PyObject *gomv_nd_richcompare(PyObject *v, PyObject *w, int op);

#endif
