/* One native item <-> one Python object (the item codec), with the checks and messages of
 * the built-in memoryview's item access.
 *
 * Reads and writes go through memcpy: exporters may hand out unaligned
 * items (a slice of a packed struct array, a cast at an odd offset).
 */
#include "mv_items.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

static int
not_supported(char code)
{
    if ((unsigned char)code & 0x80)   /* GOMV_CODE_Z(x): "Zx" */
        PyErr_Format(PyExc_NotImplementedError,
                     "memoryview: format Z%c not supported", code & 0x7f);
    else
        PyErr_Format(PyExc_NotImplementedError,
                     "memoryview: format %c not supported", code);
    return -1;
}

/* The built-in names the format in these messages: "'B'", "'Zd'". */
static int
bad_type(char code)
{
    PyErr_Format(PyExc_TypeError,
                 "memoryview: invalid type for format '%s'", gomv_native_name(code));
    return -1;
}

static int
bad_value(char code)
{
    PyErr_Format(PyExc_ValueError,
                 "memoryview: invalid value for format '%s'", gomv_native_name(code));
    return -1;
}

/* The built-in rewords a failed conversion by its class only: TypeError
 * becomes "invalid type", OverflowError and ValueError (also when raised
 * by a user's __index__) "invalid value"; anything else, such as a
 * RuntimeError from __index__ or a MemoryError, goes through untouched. */
static int
conversion_failed(char code)
{
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        return bad_type(code);
    }
    if (PyErr_ExceptionMatches(PyExc_OverflowError) ||
        PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        return bad_value(code);
    }
    return -1;
}

/* ---- unpack ---- */

static PyObject *
unpack_c(char code, const char *ptr)
{
#define UNPACK_SIMPLE(C, T, MAKE) \
    case C: { T x; memcpy(&x, ptr, sizeof x); return MAKE(x); }
    switch (code) {
    GOMV_SIMPLE_CODES(UNPACK_SIMPLE)
#undef UNPACK_SIMPLE
#if PY_VERSION_HEX >= 0x030C0000
    case 'e': {
        double d = PyFloat_Unpack2(ptr, 1);
        if (d == -1.0 && PyErr_Occurred())
            return NULL;
        return PyFloat_FromDouble(d);
    }
#endif
    /* Any nonzero byte reads as True, as it does with the built-in. */
    case '?': return PyBool_FromLong(*(const unsigned char *)ptr != 0);
    case 'c': return PyBytes_FromStringAndSize(ptr, 1);
#if GOMV_PY_RELEASE >= 0x030F
    case GOMV_CODE_ZF: { float x[2]; memcpy(x, ptr, sizeof x); return PyComplex_FromDoubles(x[0], x[1]); }
    case GOMV_CODE_ZD: { double x[2]; memcpy(x, ptr, sizeof x); return PyComplex_FromDoubles(x[0], x[1]); }
#endif
    }
    not_supported(code);
    return NULL;
}

static PyObject *
unpack_go(char code, const char *ptr)
{
    gomv_value v;
    gomv_err err;
    int rc = gomv_core_unpack(gomv_native_struct_code(code), (char *)ptr, &v, &err);

    if (rc < 0)
        return rc == -1 ? gomv_raise(&err) : NULL;
    switch (v.kind) {
    case GOMV_VALUE_INT: return PyLong_FromLongLong(v.i);
    case GOMV_VALUE_UINT: return PyLong_FromUnsignedLongLong(v.u);
    case GOMV_VALUE_FLOAT: return PyFloat_FromDouble(v.f);
    case GOMV_VALUE_BOOL: return PyBool_FromLong(v.i != 0 || v.u != 0);
    case GOMV_VALUE_BYTES: return PyBytes_FromStringAndSize(v.p, v.n);
    case GOMV_VALUE_COMPLEX: return PyComplex_FromDoubles(v.f, v.imag);
    }
    PyErr_Format(PyExc_SystemError,
                 "gomv: unpack of format %c gave value kind %d", code, v.kind);
    return NULL;
}

PyObject *
gomv_value_get(char code, const char *ptr)
{
    if (gomv_fast)
        return unpack_c(code, ptr);  /* refuses unsupported codes itself */
    if (!gomv_native_ok(code)) {
        not_supported(code);
        return NULL;
    }
    return unpack_go(code, ptr);
}

/* ---- pack ---- */

/* A signed integer code's value: what __index__ gives (exact ints skip
 * the round trip for the codes that fit a long). */
static int
convert_signed(char code, PyObject *item, gomv_value *out)
{
    PyObject *tmp;
#if PY_VERSION_HEX >= 0x030C0000
    /* small exact ints read inline (any signed code holds their value
     * until the range check): no call into the interpreter */
    if (PyLong_CheckExact(item) && PyUnstable_Long_IsCompact((PyLongObject *)item)) {
        out->i = PyUnstable_Long_CompactValue((PyLongObject *)item);
        out->kind = GOMV_VALUE_INT;
        return 0;
    }
#endif
    if (PyLong_CheckExact(item) && code != 'q' && code != 'n') {
        out->i = PyLong_AsLong(item);
    }
    else {
        if ((tmp = PyNumber_Index(item)) == NULL)
            return conversion_failed(code);
        if (code == 'q')
            out->i = PyLong_AsLongLong(tmp);
        else if (code == 'n')
            out->i = PyLong_AsSsize_t(tmp);
        else
            out->i = PyLong_AsLong(tmp);
        Py_DECREF(tmp);
    }
    if (out->i == -1 && PyErr_Occurred())
        return conversion_failed(code);
    out->kind = GOMV_VALUE_INT;
    return 0;
}

static int
convert_unsigned(char code, PyObject *item, gomv_value *out)
{
    PyObject *tmp;
#if PY_VERSION_HEX >= 0x030C0000
    /* small non-negative exact ints read inline; negative ones take the
     * path below, which raises what the built-in raises */
    if (PyLong_CheckExact(item) && PyUnstable_Long_IsCompact((PyLongObject *)item)) {
        Py_ssize_t v = PyUnstable_Long_CompactValue((PyLongObject *)item);
        if (v >= 0) {
            out->u = (unsigned long long)v;
            out->kind = GOMV_VALUE_UINT;
            return 0;
        }
    }
#endif
    if (PyLong_CheckExact(item) && code != 'Q' && code != 'N') {
        out->u = PyLong_AsUnsignedLong(item);
        if (out->u == (unsigned long)-1 && PyErr_Occurred())
            return conversion_failed(code);
    }
    else {
        if ((tmp = PyNumber_Index(item)) == NULL)
            return conversion_failed(code);
        if (code == 'Q')
            out->u = PyLong_AsUnsignedLongLong(tmp);
        else if (code == 'N')
            out->u = PyLong_AsSize_t(tmp);
        else
            out->u = PyLong_AsUnsignedLong(tmp);
        Py_DECREF(tmp);
        if (out->u == (unsigned long long)-1 && PyErr_Occurred())
            return conversion_failed(code);
    }
    out->kind = GOMV_VALUE_UINT;
    return 0;
}

/* A complex code's value: whatever complex() takes without a string
 * (__complex__, __float__, __index__). */
static int
convert_complex(char code, PyObject *item, gomv_value *out)
{
    Py_complex c = PyComplex_AsCComplex(item);
    if (c.real == -1.0 && PyErr_Occurred())
        return conversion_failed(code);
    out->f = c.real;
    out->imag = c.imag;
    out->kind = GOMV_VALUE_COMPLEX;
    return 0;
}

/* The built-in's conversions: integer codes take what __index__ gives
 * (no float truncation), 'P' only true ints (PyLong_AsVoidPtr, either
 * sign), float codes whatever PyFloat_AsDouble takes (__float__, then
 * __index__), '?' any object's truth, 'c' a bytes object (its length is
 * a range check, made by the store). */
int
gomv_value_convert(char code, PyObject *item, gomv_value *out)
{
    void *p;
    int t;

    if (!gomv_fast)
        memset(out, 0, sizeof *out);  /* the Go twin gets a fully defined value */
    if (!gomv_native_ok(code))
        return not_supported(code);
    switch (code) {
    case 'b': case 'h': case 'i': case 'l': case 'q': case 'n':
        return convert_signed(code, item, out);
    case 'B': case 'H': case 'I': case 'L': case 'Q': case 'N':
        return convert_unsigned(code, item, out);
    case 'P':
        p = PyLong_AsVoidPtr(item);
        if (p == NULL && PyErr_Occurred())
            return conversion_failed(code);
        out->u = (unsigned long long)(uintptr_t)p;
        out->kind = GOMV_VALUE_UINT;
        return 0;
    case '?':
        if ((t = PyObject_IsTrue(item)) < 0)
            return -1;  /* the built-in keeps __bool__'s own error */
        out->i = t;
        out->u = (unsigned long long)t;
        out->kind = GOMV_VALUE_BOOL;
        return 0;
    case 'c':
        if (!PyBytes_Check(item))
            return bad_type(code);
        out->p = PyBytes_AS_STRING(item);
        out->n = PyBytes_GET_SIZE(item);
        out->kind = GOMV_VALUE_BYTES;
        return 0;
    }
    if (code == GOMV_CODE_ZF || code == GOMV_CODE_ZD)
        return convert_complex(code, item, out);
    /* the float codes */
    out->f = PyFloat_CheckExact(item) ? PyFloat_AS_DOUBLE(item) : PyFloat_AsDouble(item);
    if (out->f == -1.0 && PyErr_Occurred())
        return conversion_failed(code);
    out->kind = GOMV_VALUE_FLOAT;
    return 0;
}

#define STORE(T, val) do { T x = (T)(val); memcpy(ptr, &x, sizeof x); } while (0)

static int
store_c(char code, char *ptr, const gomv_value *v)
{
    switch (code) {
    case 'b':
        if (v->i < SCHAR_MIN || v->i > SCHAR_MAX)
            return bad_value(code);
        *(signed char *)ptr = (signed char)v->i;
        return 0;
    case 'h':
        if (v->i < SHRT_MIN || v->i > SHRT_MAX)
            return bad_value(code);
        STORE(short, v->i);
        return 0;
    case 'i':
        if (v->i < INT_MIN || v->i > INT_MAX)
            return bad_value(code);
        STORE(int, v->i);
        return 0;
    case 'l': STORE(long, v->i); return 0;
    case 'q': STORE(long long, v->i); return 0;
    case 'n': STORE(Py_ssize_t, v->i); return 0;
    case 'B':
        if (v->u > UCHAR_MAX)
            return bad_value(code);
        *(unsigned char *)ptr = (unsigned char)v->u;
        return 0;
    case 'H':
        if (v->u > USHRT_MAX)
            return bad_value(code);
        STORE(unsigned short, v->u);
        return 0;
    case 'I':
        if (v->u > UINT_MAX)
            return bad_value(code);
        STORE(unsigned int, v->u);
        return 0;
    case 'L': STORE(unsigned long, v->u); return 0;
    case 'Q': STORE(unsigned long long, v->u); return 0;
    case 'N': STORE(size_t, v->u); return 0;
    case 'P': STORE(void *, (uintptr_t)v->u); return 0;
    /* Beyond float range the conversion gives +-inf (IEEE, as the built-in's
     * own cast does); 'e' refuses such values instead. */
    case 'f': STORE(float, v->f); return 0;
    case 'd': STORE(double, v->f); return 0;
#if PY_VERSION_HEX >= 0x030C0000
    case 'e':
        if (PyFloat_Pack2(v->f, ptr, 1) < 0)
            return conversion_failed(code);
        return 0;
#endif
    case '?': *(unsigned char *)ptr = (v->i != 0); return 0;
    /* Beyond float range the parts become +-inf, as with 'f'. */
    case GOMV_CODE_ZF: { float x[2] = {(float)v->f, (float)v->imag}; memcpy(ptr, x, sizeof x); return 0; }
    case GOMV_CODE_ZD: { double x[2] = {v->f, v->imag}; memcpy(ptr, x, sizeof x); return 0; }
    case 'c':
        if (v->n != 1)
            return bad_value(code);
        *ptr = v->p[0];
        return 0;
    }
    return not_supported(code);
}

#undef STORE

static int
store_go(char code, char *ptr, gomv_value *v)
{
    gomv_err err;
    int rc = gomv_core_pack(gomv_native_struct_code(code), ptr, v, &err);

    if (rc == 0)
        return 0;
    if (rc == -2)
        return -1;
    /* Go words its errors with the bare code, as the built-in does. */
    if (err.kind == GOMV_ERROR_VALUE_ERROR)
        return bad_value(code);
    if (err.kind == GOMV_ERROR_TYPE_ERROR)
        return bad_type(code);
    gomv_raise(&err);
    return -1;
}

int
gomv_value_store(char code, char *ptr, gomv_value *v)
{
    if (gomv_fast)
        return store_c(code, ptr, v);
    return store_go(code, ptr, v);
}
