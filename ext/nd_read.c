/* Reading many items of any format in C order, a block at a time (one
 * call into Go per block), for tolist, iteration and search. Blocks start
 * small and double, up to a few thousand values, so that a loop that
 * stops early reads little. */
#include "nd.h"

#define BLOCK_VALUES 4096

void
gomv_nd_reader_init(nd_reader *r, gomv_mv *view, int watch)
{
    memset(r, 0, sizeof *r);
    r->view = view;
    r->watch = watch;
    r->block = 16;
    gomv_nd_vals_init(&r->vals);
}

void
gomv_nd_reader_clear(nd_reader *r)
{
    gomv_nd_tree_clear(&r->tree);
    gomv_nd_vals_clear(&r->vals);
    PyMem_Free(r->raw);
    r->raw = NULL;
    r->count = 0;
}

/* Address of item k of a 1-D view. */
static char *
address_1d(const Py_buffer *v, Py_ssize_t k)
{
    char *p = (char *)v->buf + v->strides[0] * k;
    if (v->suboffsets != NULL && v->suboffsets[0] >= 0)
        p = *(char **)p + v->suboffsets[0];
    return p;
}

/* Keep the bytes of the block's items, to notice later writes. */
static int
remember_bytes(nd_reader *r)
{
    const Py_buffer *v = &r->view->view;
    Py_ssize_t j, size = v->itemsize;
    char *raw = PyMem_Realloc(r->raw, r->count * size + 1);

    if (raw == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    r->raw = raw;
    for (j = 0; j < r->count; j++)
        memcpy(raw + j * size, address_1d(v, r->start + j), size);
    return 0;
}

/* Read the block of items from k on. */
static int
refill(nd_reader *r, Py_ssize_t k)
{
    gomv_buf b;
    Py_ssize_t total = 1, n, per;
    int d;

    gomv_buf_of_mv(r->view, &b);
    for (d = 0; d < b.ndim; d++)
        total *= b.shape[d];
    r->count = 0;
    if (gomv_nd_tree_of(&b, &r->tree) < 0)
        return -1;
    per = BLOCK_VALUES / (r->tree.nvalues > 0 ? r->tree.nvalues : 1);
    n = Py_MIN(Py_MIN(r->block, per > 0 ? per : 1), total - k);
    if (r->block < BLOCK_VALUES)
        r->block *= 2;
    if (gomv_nd_fetch(&b, &r->tree, k, n, &r->vals) < 0)
        return -1;
    r->start = k;
    r->count = n;
    return r->watch ? remember_bytes(r) : 0;
}

PyObject *
gomv_nd_reader_item(nd_reader *r, Py_ssize_t k)
{
    Py_ssize_t j = k - r->start, size = r->view->view.itemsize;
    int stale = j < 0 || j >= r->count;

    if (!stale && r->watch)
        stale = memcmp(address_1d(&r->view->view, k), r->raw + j * size, size) != 0;
    if (stale) {
        if (refill(r, k) < 0)
            return NULL;
        j = 0;
    }
    return gomv_nd_build(&r->tree, r->vals.v + j * r->tree.nvalues);
}
