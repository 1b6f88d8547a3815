/* Declarations shared by the item-access files: the item codec
 * (mv_value.c) and its users (mv_item.c, mv_iter.c, mv_tolist.c). */
#ifndef GOMV_MV_ITEMS_H
#define GOMV_MV_ITEMS_H

#include "mv.h"

/* The item format CPython's memoryview indexes with: the view's format
 * without a leading '@', one character (from 3.15 also 'Z' and one more,
 * the complex formats). Longer formats are refused here, before any index
 * is looked at, exactly where the built-in refuses them; a short one the
 * view cannot unpack is only refused when an item is actually read or
 * written (a native format's code is in self->code). An unsupported "Zx"
 * is returned as GOMV_CODE_Z(x), so that the refusal can name it. Returns
 * the code, or 0 with NotImplementedError set. */
#define GOMV_CODE_Z(x) ((char)(0x80 | (x)))

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
#if PY_VERSION_HEX >= 0x030F0000
    if (f[0] == 'Z' && f[1] > 0 && f[1] < 0x80 && f[2] == '\0')
        return GOMV_CODE_Z(f[1]);
#endif
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

/* The codes whose item is one C value turned into an object by one call,
 * as X(code, C type, constructor): the single definition the item codec
 * (mv_value.c) and tolist's rows (mv_tolist.c) both expand. */
#define GOMV_SIMPLE_CODES(X) \
    X('B', unsigned char, gomv_long_from_byte) \
    X('b', signed char, PyLong_FromLong) \
    X('h', short, PyLong_FromLong) \
    X('H', unsigned short, PyLong_FromLong) \
    X('i', int, PyLong_FromLong) \
    X('I', unsigned int, PyLong_FromUnsignedLong) \
    X('l', long, PyLong_FromLong) \
    X('L', unsigned long, PyLong_FromUnsignedLong) \
    X('q', long long, PyLong_FromLongLong) \
    X('Q', unsigned long long, PyLong_FromUnsignedLongLong) \
    X('n', Py_ssize_t, PyLong_FromSsize_t) \
    X('N', size_t, PyLong_FromSize_t) \
    X('f', float, PyFloat_FromDouble) \
    X('d', double, PyFloat_FromDouble) \
    X('P', void *, PyLong_FromVoidPtr) /* pointers read back unsigned */

/* One item -> a new Python object, with the built-in's checks; codes the
 * running interpreter cannot read give NotImplementedError. */
PyObject *gomv_value_get(char code, const char *ptr);

/* gomv_value_get with the byte case inlined at the call site: the hot
 * loops (iteration, m[i] on bytes) then make no call but the int's. */
static inline PyObject *
gomv_value_get_inline(char code, const char *ptr)
{
    if (code == 'B' && gomv_fast)
        return gomv_long_from_byte(*(const unsigned char *)ptr);
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
