/* ndview objects made from layouts (sub-views, transposes, casts), and
 * the item at an address. */
#include "nd.h"

void
gomv_nd_buffer_of(gomv_mv *self, gomv_ndlayout *l, Py_buffer *out)
{
    const Py_buffer *v = &self->view;
    Py_ssize_t len = l->itemsize;
    int d;

    for (d = 0; d < l->ndim; d++)
        len *= l->shape[d];
    out->buf = l->buf;
    out->obj = NULL;
    out->len = len;
    out->itemsize = l->itemsize;
    out->readonly = v->readonly;
    out->ndim = l->ndim;
    out->format = v->format;
    out->shape = l->ndim ? l->shape : NULL;
    out->strides = l->ndim ? l->strides : NULL;
    out->suboffsets = l->ndim && l->has_suboffsets ? l->suboffsets : NULL;
    out->internal = NULL;
}

/* Filled in straight from the layout (no Py_buffer in between: sub-views
 * are the hot path). len is product(shape) * itemsize, so only contiguity
 * is left to find (by the Go twin without the fast paths). */
PyObject *
gomv_nd_from_layout(gomv_mv *self, const gomv_ndlayout *l, const char *fmt, char code)
{
    int d, nd = l->ndim;
    Py_ssize_t len = l->itemsize;
    gomv_mv *mv = gomv_view_alloc(gomv_nd_type, self->mbuf, nd);
    Py_buffer *v;

    if (mv == NULL)
        return NULL;
    v = &mv->view;
    for (d = 0; d < nd; d++) {
        v->shape[d] = l->shape[d];
        v->strides[d] = l->strides[d];
        len *= l->shape[d];
    }
    if (nd > 0 && l->has_suboffsets) {
        v->suboffsets = v->strides + nd;
        for (d = 0; d < nd; d++)
            v->suboffsets[d] = l->suboffsets[d];
    }
    v->buf = l->buf;
    v->len = len;
    v->itemsize = l->itemsize;
    v->readonly = self->view.readonly;
    v->format = fmt ? (char *)fmt : "B";
    mv->code = code;
    if (gomv_fast)
        mv->flags = gomv_layout_contiguity(v);
    else
        gomv_mv_init_flags(mv);
    PyObject_GC_Track(mv);
    return (PyObject *)mv;
}

PyObject *
gomv_nd_item_at(gomv_mv *self, char *ptr)
{
    gomv_buf b;
    nd_tree t;
    nd_vals vs;
    PyObject *res = NULL;

    if (gomv_fast && self->code)
        return gomv_nd_native_get(self->code, ptr);
    gomv_buf_of_mv(self, &b);
    b.buf = ptr;
    b.len = b.itemsize;
    b.ndim = 0;
    b.shape = b.strides = b.suboffsets = NULL;
    memset(&t, 0, sizeof t);
    gomv_nd_vals_init(&vs);
    if (gomv_nd_fetch(&b, &t, 0, 1, &vs) == 0)
        res = gomv_nd_build(&t, vs.v);
    gomv_nd_tree_clear(&t);
    gomv_nd_vals_clear(&vs);
    return res;
}

PyObject *
gomv_nd_subview(gomv_mv *self, Py_ssize_t i)
{
    gomv_ndlayout l;
    nd_keys k;

    memset(&k, 0, sizeof k);
    k.keys = k.small;
    k.n = 1;
    k.ints = 1;
    k.small[0].kind = GOMV_KEY_INT;
    k.small[0].index = i;
    if (gomv_nd_keys_apply(self, &k, &l) < 0)
        return NULL;
    return gomv_nd_from_layout(self, &l, self->view.format, self->code);
}
