/* Items of any struct format: Go unpacks them into flat values and sends
 * the tree of values an item holds (gomv.Format.Tree), and C builds the
 * objects; for writing, C flattens an object along the same tree, with
 * the struct module's errors for a wrong number of values, and Go packs.
 *
 * A tree is preorder: a record's children follow it up to its `next`;
 * an array is followed by the one subtree of its elements; a node stands
 * for `count` consecutive elements of its parent. */
#include "nd.h"

void
gomv_nd_tree_clear(nd_tree *t)
{
    if (t->nodes != NULL && t->nodes != t->small)
        PyMem_Free(t->nodes);
    t->nodes = NULL;
    t->nnodes = 0;
}

/* Room for n nodes, on the heap when the small storage is too small;
 * the tree stays unknown (nnodes 0) until filled. */
static int
tree_room(nd_tree *t, int n)
{
    gomv_nd_tree_clear(t);
    if (n <= (int)(sizeof t->small / sizeof t->small[0])) {
        t->nodes = t->small;
        return (int)(sizeof t->small / sizeof t->small[0]);
    }
    t->nodes = PyMem_Malloc((size_t)n * sizeof *t->nodes);
    if (t->nodes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return n;
}

void
gomv_nd_vals_clear(nd_vals *vs)
{
    if (vs->v != vs->small)
        PyMem_Free(vs->v);
    gomv_nd_vals_init(vs);
}

int
gomv_nd_vals_reserve(nd_vals *vs, Py_ssize_t n)
{
    gomv_nd_vals_clear(vs);
    if (n <= vs->cap)
        return 0;
    if ((size_t)n > PY_SSIZE_T_MAX / sizeof *vs->v || (vs->v = PyMem_Malloc(n * sizeof *vs->v)) == NULL) {
        vs->v = vs->small;
        PyErr_NoMemory();
        return -1;
    }
    vs->cap = n;
    return 0;
}

int
gomv_nd_fetch(gomv_buf *b, nd_tree *t, Py_ssize_t start, Py_ssize_t count, nd_vals *vs)
{
    gomv_nditems io;
    int want = t->nnodes == 0, cap = 0, rc;

    if (want && (cap = tree_room(t, 0)) < 0)
        return -1;
    for (;;) {
        memset(&io, 0, sizeof io);
        io.start = start;
        io.count = count;
        io.vals = vs->v;
        io.vals_cap = vs->cap;
        io.nodes = want ? t->nodes : NULL;
        io.nodes_cap = cap;
        if ((rc = gomv_core_nd_items(b, &io)) <= 0)
            break;
        /* GOMV_ND_GROW: more nodes, or more room for values */
        if (want && io.nnodes > cap)
            rc = cap = tree_room(t, io.nnodes);
        else
            rc = gomv_nd_vals_reserve(vs, count * io.nvalues);
        if (rc < 0)
            break;
    }
    if (rc < 0) {
        if (want)
            gomv_nd_tree_clear(t);
        return -1;
    }
    if (want)
        t->nnodes = io.nnodes;
    t->nvalues = io.nvalues;
    return 0;
}

int
gomv_nd_tree_of(gomv_buf *b, nd_tree *t)
{
    nd_vals vs;
    gomv_nd_vals_init(&vs);
    return t->nnodes ? 0 : gomv_nd_fetch(b, t, 0, 0, &vs);
}

/* ---- objects from values ---- */

static PyObject *
value_object(const gomv_value *v)
{
    switch (v->kind) {
    case GOMV_VALUE_INT: return PyLong_FromLongLong(v->i);
    case GOMV_VALUE_UINT: return PyLong_FromUnsignedLongLong(v->u);
    case GOMV_VALUE_FLOAT: return PyFloat_FromDouble(v->f);
    case GOMV_VALUE_BOOL: return PyBool_FromLong(v->i != 0);
    case GOMV_VALUE_BYTES: return PyBytes_FromStringAndSize(v->p, v->n);
    case GOMV_VALUE_COMPLEX: return PyComplex_FromDoubles(v->f, v->imag);
    }
    PyErr_Format(PyExc_SystemError, "gomv: value of kind %d", v->kind);
    return NULL;
}

static PyObject *build_element(const gomv_ndnode *nodes, int i, const gomv_value *vals,
                               Py_ssize_t *pos);

/* The tuple of the record nodes[i] (whose elements are its children,
 * each repeated count times), or the list of the array nodes[i]. */
static PyObject *
build_sequence(const gomv_ndnode *nodes, int i, const gomv_value *vals, Py_ssize_t *pos)
{
    int array = nodes[i].kind == GOMV_NODE_ARRAY;
    PyObject *seq = array ? PyList_New(nodes[i].len) : PyTuple_New(nodes[i].len);
    Py_ssize_t k = 0, r;
    int c;

    if (seq == NULL)
        return NULL;
    for (c = i + 1; c < nodes[i].next && k < nodes[i].len; c = nodes[c].next) {
        Py_ssize_t reps = array ? nodes[i].len : nodes[c].count;
        for (r = 0; r < reps; r++, k++) {
            PyObject *x = build_element(nodes, c, vals, pos);
            if (x == NULL) {
                Py_DECREF(seq);
                return NULL;
            }
            if (array)
                PyList_SET_ITEM(seq, k, x);
            else
                PyTuple_SET_ITEM(seq, k, x);
        }
        if (array)
            break;   /* an array has one child: its element */
    }
    return seq;
}

static PyObject *
build_element(const gomv_ndnode *nodes, int i, const gomv_value *vals, Py_ssize_t *pos)
{
    if (nodes[i].kind == GOMV_NODE_VALUE)
        return value_object(&vals[(*pos)++]);
    return build_sequence(nodes, i, vals, pos);
}

PyObject *
gomv_nd_build(const nd_tree *t, const gomv_value *vals)
{
    Py_ssize_t pos = 0;

    if (t->nodes[0].len == 1)
        return build_element(t->nodes, 1, vals, &pos);
    return build_sequence(t->nodes, 0, vals, &pos);
}

/* ---- values from objects ---- */

static PyObject *struct_error;

/* The struct module's error for a record or array of n elements given
 * got values. */
static int
wrong_count(Py_ssize_t n, Py_ssize_t got)
{
    if (struct_error == NULL) {
        PyObject *mod = PyImport_ImportModule("struct");
        if (mod == NULL)
            return -1;
        struct_error = PyObject_GetAttrString(mod, "error");
        Py_DECREF(mod);
        if (struct_error == NULL)
            return -1;
    }
    PyErr_Format(struct_error, "pack expected %zd items for packing (got %zd)", n, got);
    return -1;
}

/* obj kept alive in *keep (a new list when NULL); returns obj. */
static PyObject *
kept(PyObject **keep, PyObject *obj)
{
    if (obj == NULL)
        return NULL;
    if ((*keep == NULL && (*keep = PyList_New(0)) == NULL) || PyList_Append(*keep, obj) < 0) {
        Py_DECREF(obj);
        return NULL;
    }
    Py_DECREF(obj);
    return obj;
}

typedef struct {
    gomv_value *vals;
    Py_ssize_t pos;
    PyObject **keep;
} flat;

static int flatten_element(const gomv_ndnode *nodes, int i, PyObject *obj, flat *f);

/* The elements of a record or array: a tuple, or a list (copied into a
 * kept tuple, as converting values may run code that changes it). */
static int
flatten_sequence(const gomv_ndnode *nodes, int i, PyObject *obj, flat *f)
{
    int array = nodes[i].kind == GOMV_NODE_ARRAY;
    Py_ssize_t k = 0, r;
    int c;

    if (PyList_Check(obj) && (obj = kept(f->keep, PyList_AsTuple(obj))) == NULL)
        return -1;
    if (!PyTuple_Check(obj))
        return wrong_count(nodes[i].len, 1);
    if (PyTuple_GET_SIZE(obj) != nodes[i].len)
        return wrong_count(nodes[i].len, PyTuple_GET_SIZE(obj));
    for (c = i + 1; c < nodes[i].next && k < nodes[i].len; c = nodes[c].next) {
        Py_ssize_t reps = array ? nodes[i].len : nodes[c].count;
        for (r = 0; r < reps; r++, k++)
            if (flatten_element(nodes, c, PyTuple_GET_ITEM(obj, k), f) < 0)
                return -1;
        if (array)
            break;
    }
    return 0;
}

static int
flatten_element(const gomv_ndnode *nodes, int i, PyObject *obj, flat *f)
{
    char code = nodes[i].code;

    if (nodes[i].kind != GOMV_NODE_VALUE)
        return flatten_sequence(nodes, i, obj, f);
    /* a bytearray could be resized by a later conversion: copy it */
    if ((code == 's' || code == 'p') && PyByteArray_Check(obj)
        && (obj = kept(f->keep, PyBytes_FromObject(obj))) == NULL)
        return -1;
    return gomv_nd_convert(code, obj, &f->vals[f->pos++]);
}

int
gomv_nd_flatten(const nd_tree *t, PyObject *item, gomv_value *vals, PyObject **keep)
{
    flat f = {vals, 0, keep};

    if (t->nodes[0].len == 1)
        return flatten_element(t->nodes, 1, item, &f);
    return flatten_sequence(t->nodes, 0, item, &f);
}
