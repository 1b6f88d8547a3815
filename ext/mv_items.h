/* Declarations shared by the item-access files: the item codec
 * (mv_value.c) and its users (mv_item.c, mv_iter.c, mv_tolist.c). */
#ifndef GOMV_MV_ITEMS_H
#define GOMV_MV_ITEMS_H

#include "mv.h"

/* The one-character item format CPython's memoryview indexes with: the
 * view's format without a leading '@'. Formats longer than one character
 * are refused here, before any index is looked at, exactly where the
 * built-in refuses them; a single character the view cannot unpack is only
 * refused when an item is actually read or written. Returns the code, or 0
 * with NotImplementedError set. */
static inline char
gomv_item_code(gomv_mv *self)
{
    const char *f;

    if (self->code)
        return self->code;
    f = self->view.format;
    if (f == NULL)
        return 'B';
    if (f[0] == '@')
        f++;
    if (f[0] != '\0' && f[1] == '\0')
        return f[0];
    PyErr_Format(PyExc_NotImplementedError,
                 "memoryview: unsupported format %s", self->view.format);
    return 0;
}

/* Follow the suboffset of dimension dim, if that dimension has one. */
static inline char *
gomv_adjust_ptr(const Py_buffer *v, int dim, char *ptr)
{
    if (v->suboffsets != NULL && v->suboffsets[dim] >= 0)
        return *(char **)ptr + v->suboffsets[dim];
    return ptr;
}

/* One item -> a new Python object, with the built-in's checks; codes the
 * running interpreter cannot read give NotImplementedError. */
PyObject *gomv_value_get(char code, const char *ptr);

/* gomv_value_get with the byte case inlined at the call site: the hot
 * loops (iteration, m[i] on bytes) then make no call but the int's. */
static inline PyObject *
gomv_value_get_inline(char code, const char *ptr)
{
    if (code == 'B' && gomv_fast)
        return PyLong_FromLong(*(const unsigned char *)ptr);
    return gomv_value_get(code, ptr);
}

/* Item assignment in two steps, so that the caller can check, between
 * them, that converting the value (which may run __index__, __float__ or
 * __bool__, and those may release the view: gh-92888) has not made the
 * address invalid. gomv_value_convert applies CPython's type checks and
 * wording ("memoryview: invalid type/value for format 'B'") and refuses
 * codes the running interpreter cannot assign; gomv_value_store makes the
 * range checks and writes, through C or, when gomv_fast is 0, the Go twin.
 * A 'c' value points into the bytes object, which the caller keeps alive. */
int gomv_value_convert(char code, PyObject *item, gomv_value *out);
int gomv_value_store(char code, char *ptr, gomv_value *v);

/* The Go twin of gomv_item_address. */
char *gomv_item_address_go(gomv_mv *self, Py_ssize_t *idx, int n);

/* Address of the item at the already bounds-checked, non-negative indices
 * idx[0..n-1], n == ndim (C, or the Go twin when gomv_fast is 0). The view
 * must not be released. Returns NULL with an exception set on a Go error. */
static inline char *
gomv_item_address(gomv_mv *self, Py_ssize_t *idx, int n)
{
    const Py_buffer *v = &self->view;
    char *p = (char *)v->buf;
    int d;

    if (!gomv_fast)
        return gomv_item_address_go(self, idx, n);
    for (d = 0; d < n; d++)
        p = gomv_adjust_ptr(v, d, p + v->strides[d] * idx[d]);
    return p;
}

#endif
