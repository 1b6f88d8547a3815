/* m.tolist(): nested lists of the items (the item itself for 0-d), read
 * with the same per-item unpacking as m[i]. Like the built-in, a view
 * whose format is a single unsupported character gives its error only when
 * an item is read, so an empty one still gives [].
 */
#include "mv_items.h"

/* tolist makes Python objects, so it keeps the GIL throughout; Ctrl-C is
 * checked every 2^13 items (well under 1 ms with the fast paths, a few ms
 * through the Go twins) so a 10^7-item list stops promptly. */
static unsigned int tolist_ticks;
#define TOLIST_SIGNALS() (++tolist_ticks % 8192 == 0 && PyErr_CheckSignals() < 0)

/* Store item i of the list being built; on NULL, or when a signal handler
 * raises, the list is dropped (its unset tail is NULL, not walked). */
#define ROW_STORE(item)                                   \
    do {                                                  \
        PyObject *it_ = (item);                           \
        if (it_ == NULL || (PyList_SET_ITEM(lst, i, it_), TOLIST_SIGNALS())) { \
            Py_SET_SIZE(lst, it_ == NULL ? i : i + 1);    \
            Py_DECREF(lst);                               \
            return NULL;                                  \
        }                                                 \
    } while (0)

/* The items of a direct row (n items, stride s from ptr) of a simple code,
 * the conversion chosen once for the row (the C fast path; the Go twin
 * reads every item through gomv_value_get). */
static PyObject *
tolist_row(char code, const char *ptr, Py_ssize_t n, Py_ssize_t s)
{
    PyObject *lst = PyList_New(n);
    Py_ssize_t i;

    if (lst == NULL)
        return NULL;
    switch (code) {
#define ROW_SIMPLE(C, T, MAKE)                                        \
    case C:                                                           \
        for (i = 0; i < n; i++) {                                     \
            T x;                                                      \
            memcpy(&x, ptr + i * s, sizeof x);                        \
            ROW_STORE(MAKE(x));                                       \
        }                                                             \
        return lst;
    GOMV_SIMPLE_CODES(ROW_SIMPLE)
#undef ROW_SIMPLE
    }
    for (i = 0; i < n; i++)
        ROW_STORE(gomv_value_get(code, ptr + i * s));
    return lst;
}

static PyObject *
tolist_dim(gomv_mv *self, char code, char *ptr, int dim, Py_ssize_t *idx)
{
    const Py_buffer *v = &self->view;
    Py_ssize_t i, n = v->shape[dim];
    int last = (dim == v->ndim - 1);
    PyObject *lst, *item;

    if (last && gomv_fast && (v->suboffsets == NULL || v->suboffsets[dim] < 0))
        return tolist_row(code, ptr, n, v->strides[dim]);
    if ((lst = PyList_New(n)) == NULL)
        return NULL;
    /* Addresses are computed per item, never stepped past the last one: a
     * huge stride would overflow the pointer after the final item (UBSan). */
    for (i = 0; i < n; i++) {
        char *p = gomv_adjust_ptr(v, dim, ptr + i * v->strides[dim]);
        idx[dim] = i;
        if (!last)
            item = tolist_dim(self, code, p, dim + 1, idx);
        else if (gomv_fast)
            item = gomv_value_get(code, p);
        else {
            /* the Go twin locates each item from its indices */
            char *q = gomv_item_address(self, idx, v->ndim);
            item = q ? gomv_value_get(code, q) : NULL;
        }
        if (item == NULL) {
            Py_DECREF(lst);
            return NULL;
        }
        PyList_SET_ITEM(lst, i, item);
        if (last && TOLIST_SIGNALS()) {
            Py_SET_SIZE(lst, i + 1);   /* the rest is NULL: not walked when freed */
            Py_DECREF(lst);
            return NULL;
        }
    }
    return lst;
}

PyObject *
gomv_mv_tolist(gomv_mv *self, PyObject *unused)
{
    Py_ssize_t idx[GOMV_MAX_NDIM];
    const Py_buffer *v = &self->view;
    char code;

    (void)unused;
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if ((code = gomv_item_code(self)) == 0)
        return NULL;
    if (v->ndim == 0) {
        char *p = gomv_item_address(self, idx, 0);
        return p ? gomv_value_get(code, p) : NULL;
    }
    return tolist_dim(self, code, (char *)v->buf, 0, idx);
}
