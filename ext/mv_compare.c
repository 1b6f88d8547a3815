/* == / != and hash.
 *
 * Equality compares item values as the struct module unpacks them, never
 * raw bytes, except where the two are the same: identical native integer
 * or char formats on C-contiguous memory (floats differ for NaN and -0.0,
 * '?' for non-canonical bools). Everything else is one Go call, or in a
 * fork() child the built-in memoryview's ==. */
#include "mv.h"
#include "mv_probe.h"

/* Same ndim and shape, the comparison stopping at the first zero extent
 * (empty arrays of that shape prefix are all equal). */
static int
equiv_shape(const gomv_buf *a, const gomv_buf *b)
{
    int i;
    if (a->ndim != b->ndim)
        return 0;
    for (i = 0; i < a->ndim; i++) {
        if (a->shape[i] != b->shape[i])
            return 0;
        if (a->shape[i] == 0)
            break;
    }
    return 1;
}

/* Items of this code are equal exactly when their bytes are: integers
 * and chars (not floats or complex numbers: NaN and -0.0; not '?': two
 * true bytes may differ). */
static int
memcmp_ok(char code)
{
    int k = gomv_native_kind(code);
    return k == GOMV_VALUE_INT || k == GOMV_VALUE_UINT || k == GOMV_VALUE_BYTES;
}

/* The other operand of ==: one of ours, or any exporter's buffer. */
typedef struct {
    gomv_buf buf;
    gomv_mv *mv;             /* when it is one of ours, else NULL */
    Py_buffer pybuf;         /* the exporter's buffer, when held */
    int held;
    char code;
    int c_contiguous;
    Py_ssize_t shape[GOMV_MAX_NDIM], strides[GOMV_MAX_NDIM];
} operand;

/* Fill o from w: 1, or 0 when w is not a buffer (NotImplemented), -1. */
static int
operand_of(PyObject *w, operand *o)
{
    o->held = 0;
    o->mv = NULL;
    if (gomv_mv_Check(w)) {
        o->mv = (gomv_mv *)w;
        gomv_buf_of_mv(o->mv, &o->buf);
        o->code = o->mv->code;
        o->c_contiguous = (o->mv->flags & (GOMV_SCALAR | GOMV_C)) != 0;
        return 1;
    }
    if (PyObject_GetBuffer(w, &o->pybuf, PyBUF_FULL_RO) < 0) {
        /* Not a buffer (or one that refuses): let the other side try. */
        PyErr_Clear();
        return 0;
    }
    o->held = 1;
    if (o->pybuf.ndim > GOMV_MAX_NDIM)
        return 0;
    gomv_buf_of(&o->pybuf, &o->buf, o->shape, o->strides);
    o->code = gomv_native_code(o->buf.format);
    o->c_contiguous = (gomv_layout_flags(&o->pybuf) & (GOMV_SCALAR | GOMV_C)) != 0;
    return 1;
}

static void
operand_done(operand *o)
{
    if (o->held)
        PyBuffer_Release(&o->pybuf);
}

/* a == w by the built-in memoryview (a fork() child's way): w is made a
 * built-in view too, as the built-in's comparison of a raw exporter
 * crashes on some formats (ctypes arrays of one non-native code). */
static int
equal_builtin(gomv_mv *a, PyObject *w)
{
    PyObject *x = PyMemoryView_FromObject((PyObject *)a), *y = NULL;
    int eq = -1;
    if (x != NULL && (y = PyMemoryView_FromObject(w)) != NULL)
        eq = PyObject_RichCompareBool(x, y, Py_EQ);
    Py_XDECREF(y);
    Py_XDECREF(x);
    return eq;
}

/* 1 equal, 0 unequal, -1 raised: a and o have the same shape. */
static int
equal_items(gomv_mv *a, operand *o, PyObject *w)
{
    gomv_buf la;
    Py_ssize_t big;
    char ca = a->code, cb = o->code;
    int eq;

    gomv_buf_of_mv(a, &la);
    if (ca == '?' && cb == '?' && !gomv_builtin_bool_by_truth()) {
        /* This interpreter compares two '?' views by their bytes. */
        la.format = o->buf.format = "B";
        ca = cb = 'B';
    }
    big = la.len > o->buf.len ? la.len : o->buf.len;
    if (gomv_fast && ca == cb && memcmp_ok(ca) && o->c_contiguous
        && (a->flags & (GOMV_SCALAR | GOMV_C)) && la.itemsize == o->buf.itemsize
        && la.len == o->buf.len && (la.len <= gomv_piece || gomv_forked))
        return la.len == 0 || memcmp(la.buf, o->buf.buf, la.len) == 0;
    if (gomv_forked)
        return equal_builtin(a, w);
    GOMV_HOLD(a);
    if (o->mv != NULL)
        GOMV_HOLD(o->mv);
    eq = gomv_core_equal(&la, &o->buf, big >= GOMV_NOGIL_MIN);
    if (o->mv != NULL)
        GOMV_UNHOLD(o->mv);
    GOMV_UNHOLD(a);
    return eq;
}

PyObject *
gomv_mv_richcompare(PyObject *v, PyObject *w, int op)
{
    gomv_mv *a = (gomv_mv *)v;
    operand o;
    gomv_buf la;
    int equal, r;

    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if ((a->flags & GOMV_RELEASED) ||
        (gomv_mv_Check(w) && (((gomv_mv *)w)->flags & GOMV_RELEASED))) {
        equal = v == w;
        goto result;
    }
    r = operand_of(w, &o);
    if (r <= 0) {
        operand_done(&o);
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* A Python __buffer__ (3.12+) can release this view and free its
     * memory: then a is a released operand, as if it had been from the
     * start. */
    if (a->flags & GOMV_RELEASED)
        equal = v == w;
    else {
        gomv_buf_of_mv(a, &la);
        equal = equiv_shape(&la, &o.buf) ? equal_items(a, &o, w) : 0;
    }
    operand_done(&o);
    if (equal < 0)
        return NULL;
result:
    return PyBool_FromLong((equal != 0) == (op == Py_EQ));
}

/* hash(bytes) of the view's bytes in C order, through public API only:
 * Py_HashBuffer from 3.14; before, the hash of a bytes object holding
 * them (the view is copied into it either way when not contiguous). */
static Py_hash_t
hash_view_bytes(gomv_mv *self)
{
    const Py_buffer *v = &self->view;
    PyObject *b;
    Py_hash_t h;
    int contiguous = (self->flags & (GOMV_SCALAR | GOMV_C)) != 0;

#if PY_VERSION_HEX >= 0x030E0000
    if (contiguous)
        return Py_HashBuffer(v->buf, v->len);
#endif
    b = PyBytes_FromStringAndSize(contiguous ? v->buf : NULL, v->len);
    if (b == NULL)
        return -1;
    if (!contiguous && gomv_copy_out(self, PyBytes_AS_STRING(b), 'C') < 0) {
        Py_DECREF(b);
        return -1;
    }
    h = PyObject_Hash(b);
    Py_DECREF(b);
    return h;
}

Py_hash_t
gomv_mv_hash(gomv_mv *self)
{
    char c;
    PyObject *obj;

    /* A hash computed before release() stays available, as built-in. */
    if (self->hash != -1)
        return self->hash;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return -1;
    if (!self->view.readonly) {
        PyErr_SetString(PyExc_ValueError, "cannot hash writable memoryview object");
        return -1;
    }
    c = self->code;
    if (!gomv_native_is_byte(c)) {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    /* An unhashable exporter makes the view unhashable, with its error. */
    obj = self->mbuf ? GOMV_MBUF_OBJ(self->mbuf) : NULL;
    if (obj != NULL) {
        /* The exporter's __hash__ may release this view, dropping the last
         * other reference to the exporter and freeing the memory: keep it
         * alive for the call and look at the release state after it. */
        Py_hash_t h;
        int pin = gomv_builtin_pins_hash();
        Py_INCREF(obj);
        if (pin)   /* a release() inside raises BufferError, as built-in */
            GOMV_HOLD(self);
        h = PyObject_Hash(obj);
        if (pin)
            GOMV_UNHOLD(self);
        Py_DECREF(obj);
        if (h == -1)
            return -1;
        if (GOMV_CHECK_RELEASED(self) < 0)
            return -1;
    }
    self->hash = hash_view_bytes(self);
    return self->hash;
}
