/* v.tolist(): nested lists of the items, one level per dimension (the item
 * itself for 0-d). Items of a native format are read in C with the fast
 * paths on; the others come from Go in blocks of values, in C order. */
#include "nd.h"

/* Ctrl-C is looked at every 2^13 items, as in memoryview's tolist. */
static unsigned int ticks;
#define SIGNALS() (++ticks % 8192 == 0 && PyErr_CheckSignals() < 0)

/* What fills the innermost lists: C reads at addresses (native), or the
 * reader's items one after the other (next: the index of the next one). */
typedef struct {
    gomv_mv *self;
    nd_reader *reader;
    Py_ssize_t next;
} source;

static PyObject *
leaf(source *s, char *ptr)
{
    if (s->reader == NULL)
        return gomv_nd_native_get(s->self->code, ptr);
    return gomv_nd_reader_item(s->reader, s->next++);
}

static PyObject *
tolist_dim(source *s, char *ptr, int dim)
{
    const Py_buffer *v = &s->self->view;
    Py_ssize_t i, n = v->shape[dim];
    int last = dim == v->ndim - 1;
    PyObject *lst = PyList_New(n), *item;

    if (lst == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        /* addresses only where C reads: the reader walks on its own */
        char *p = NULL;
        if (s->reader == NULL) {
            p = ptr + i * v->strides[dim];
            if (v->suboffsets != NULL && v->suboffsets[dim] >= 0)
                p = *(char **)p + v->suboffsets[dim];
        }
        item = last ? leaf(s, p) : tolist_dim(s, p, dim + 1);
        if (item == NULL || (last && SIGNALS())) {
            Py_XDECREF(item);
            Py_SET_SIZE(lst, i);   /* the rest is NULL: not walked when freed */
            Py_DECREF(lst);
            return NULL;
        }
        PyList_SET_ITEM(lst, i, item);
    }
    return lst;
}

PyObject *
gomv_nd_tolist(gomv_mv *self, PyObject *unused)
{
    nd_reader r;
    source s = {self, NULL, 0};
    PyObject *res;

    (void)unused;
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if (self->view.ndim == 0)
        return gomv_nd_item_at(self, self->view.buf);
    if (gomv_fast && self->code)
        return tolist_dim(&s, self->view.buf, 0);
    gomv_nd_reader_init(&r, self, 0);
    r.block = 1 << 20;   /* no loop stops early here */
    s.reader = &r;
    res = tolist_dim(&s, NULL, 0);
    gomv_nd_reader_clear(&r);
    return res;
}
