/* ndview == other: the same shape and equal items, compared by value for
 * any pair of struct formats (T{...} included), where memoryview calls
 * views of formats struct refuses unequal. Identical native integer or
 * char formats on C-contiguous memory compare with memcmp; the rest is
 * one call into Go. */
#include "nd.h"

/* Integers and chars are equal exactly when their bytes are (floats are
 * not: NaN and -0.0; nor '?': two true bytes may differ). */
static int
bytes_decide(char code)
{
    return code != 0 && strchr("bBhHiIlLqQnNcP", code) != NULL;
}

static int
same_shape(const Py_buffer *a, const gomv_buf *b)
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

/* 1 equal, 0 unequal, -1 raised: self and the other's buffer o (its
 * native code ocode, C-contiguous or not) have the same shape. */
static int
equal_items(gomv_mv *self, gomv_buf *o, char ocode, int o_c)
{
    gomv_buf a;
    int eq;

    gomv_buf_of_mv(self, &a);
    if (gomv_fast && self->code == ocode && bytes_decide(ocode) && o_c
        && (self->flags & (GOMV_SCALAR | GOMV_C)) && a.len == o->len)
        return a.len == 0 || memcmp(a.buf, o->buf, a.len) == 0;
    GOMV_HOLD(self);
    eq = gomv_core_nd_equal(&a, o, Py_MAX(a.len, o->len) >= GOMV_NOGIL_MIN);
    GOMV_UNHOLD(self);
    return eq;
}

PyObject *
gomv_nd_richcompare(PyObject *v, PyObject *w, int op)
{
    gomv_mv *self = (gomv_mv *)v;
    Py_ssize_t shape[GOMV_MAX_NDIM], strides[GOMV_MAX_NDIM];
    Py_buffer pb;
    gomv_buf ob;
    int eq = 0;

    if (op != Py_EQ && op != Py_NE)
        Py_RETURN_NOTIMPLEMENTED;
    if (self->flags & GOMV_RELEASED) {
        eq = v == w;
        return PyBool_FromLong(eq == (op == Py_EQ));
    }
    if (PyObject_GetBuffer(w, &pb, PyBUF_FULL_RO) < 0) {
        /* a released view of ours raises here too: unequal unless w is v */
        PyErr_Clear();
        if (gomv_mv_Check(w) || gomv_nd_Check(w))
            return PyBool_FromLong((v == w) == (op == Py_EQ));
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (pb.ndim > GOMV_MAX_NDIM) {
        PyBuffer_Release(&pb);
        Py_RETURN_NOTIMPLEMENTED;
    }
    gomv_buf_of(&pb, &ob, shape, strides);
    /* a __buffer__ may have released self */
    if (self->flags & GOMV_RELEASED)
        eq = v == w;
    else if (same_shape(&self->view, &ob))
        eq = equal_items(self, &ob, gomv_nd_code(ob.format, ob.itemsize),
                         (gomv_layout_flags(&pb) & (GOMV_SCALAR | GOMV_C)) != 0);
    PyBuffer_Release(&pb);
    if (eq < 0)
        return NULL;
    return PyBool_FromLong((eq != 0) == (op == Py_EQ));
}
