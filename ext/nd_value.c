/* One item of a native format <-> one object, for ndview: the formats of
 * the core's native table in every release ('e', "Zf" and "Zd" too), read
 * as struct.unpack reads them and written with the struct module's
 * conversions, checks and messages. The conversion of an object for any
 * struct code lives here too: the Go path packs what it gives. */
#include "nd.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>

static const struct {
    char code;
    const char *format;
    unsigned char size;
} natives[] = {
#define X(code, format, at_format, kind, since, ctype, byte) {code, format, sizeof(ctype)},
    GOMV_NATIVE_TABLE(X)
#undef X
};

char
gomv_nd_code(const char *fmt, Py_ssize_t itemsize)
{
    size_t i;
    if (fmt == NULL)
        fmt = "B";
    if (fmt[0] == '@')
        fmt++;
    for (i = 0; i < sizeof natives / sizeof natives[0]; i++)
        if (strcmp(fmt, natives[i].format) == 0)
            return natives[i].size == itemsize ? natives[i].code : 0;
    return 0;
}

static int
native_size(char code)
{
    size_t i;
    for (i = 0; i < sizeof natives / sizeof natives[0]; i++)
        if (natives[i].code == code)
            return natives[i].size;
    return 0;
}

#define LOAD(T) T x; memcpy(&x, ptr, sizeof x)

PyObject *
gomv_nd_native_get(char code, const char *ptr)
{
    switch (code) {
    case 'B': return gomv_long_from_byte(*(const unsigned char *)ptr);
    case 'b': return PyLong_FromLong(*(const signed char *)ptr);
    case 'h': { LOAD(short); return PyLong_FromLong(x); }
    case 'H': { LOAD(unsigned short); return PyLong_FromLong(x); }
    case 'i': { LOAD(int); return PyLong_FromLong(x); }
    case 'I': { LOAD(unsigned int); return PyLong_FromUnsignedLong(x); }
    case 'l': { LOAD(long); return PyLong_FromLong(x); }
    case 'L': { LOAD(unsigned long); return PyLong_FromUnsignedLong(x); }
    case 'q': { LOAD(long long); return PyLong_FromLongLong(x); }
    case 'Q': { LOAD(unsigned long long); return PyLong_FromUnsignedLongLong(x); }
    case 'n': { LOAD(Py_ssize_t); return PyLong_FromSsize_t(x); }
    case 'N': { LOAD(size_t); return PyLong_FromSize_t(x); }
    case 'f': { LOAD(float); return PyFloat_FromDouble(x); }
    case 'd': { LOAD(double); return PyFloat_FromDouble(x); }
    case 'e': {
        double d = PyFloat_Unpack2(ptr, PY_LITTLE_ENDIAN);
        return d == -1.0 && PyErr_Occurred() ? NULL : PyFloat_FromDouble(d);
    }
    case '?': return PyBool_FromLong(*(const unsigned char *)ptr != 0);
    case 'c': return PyBytes_FromStringAndSize(ptr, 1);
    case 'P': { LOAD(void *); return PyLong_FromVoidPtr(x); }
    case 'F': { float x[2]; memcpy(x, ptr, sizeof x); return PyComplex_FromDoubles(x[0], x[1]); }
    case 'D': { double x[2]; memcpy(x, ptr, sizeof x); return PyComplex_FromDoubles(x[0], x[1]); }
    }
    PyErr_Format(PyExc_SystemError, "gomv: ndview has no native code %c", code);
    return NULL;
}

#undef LOAD

/* ---- conversion (struct's get_pylong, PyFloat_AsDouble, ...) ---- */

/* An int (already an int object) as int64, uint64, or beyond. */
static int
convert_long(PyObject *n, gomv_value *out)
{
    int overflow;
    long long i = PyLong_AsLongLongAndOverflow(n, &overflow);

    if (overflow == 0) {
        if (i == -1 && PyErr_Occurred())
            return -1;
        out->kind = GOMV_VALUE_INT;
        out->i = i;
        return 0;
    }
    if (overflow > 0) {
        out->u = PyLong_AsUnsignedLongLong(n);
        if (out->u != (unsigned long long)-1 || !PyErr_Occurred()) {
            out->kind = GOMV_VALUE_UINT;
            return 0;
        }
        PyErr_Clear();
    }
    out->kind = GOMV_VALUE_BIGINT;
    out->f = PyLong_AsDouble(n);
    if (out->f == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        out->f = overflow * Py_HUGE_VAL;
    }
    return 0;
}

/* An integer code's value: an int, or what __index__ gives. */
static int
convert_int(PyObject *obj, gomv_value *out)
{
    PyObject *n;
    int r;

    if (PyLong_Check(obj))
        return convert_long(obj, out);
    if (!PyIndex_Check(obj))
        return 0;   /* "required argument is not an integer", in order */
    if ((n = PyNumber_Index(obj)) == NULL)
        return -1;
    r = convert_long(n, out);
    Py_DECREF(n);
    return r;
}

/* bytes for 'c'; bytes or bytearray for 's' and 'p'. */
static void
convert_bytes(char code, PyObject *obj, gomv_value *out)
{
    if (PyBytes_Check(obj)) {
        out->p = PyBytes_AS_STRING(obj);
        out->n = PyBytes_GET_SIZE(obj);
        out->kind = GOMV_VALUE_BYTES;
    }
    else if (code != 'c' && PyByteArray_Check(obj)) {
        out->p = PyByteArray_AS_STRING(obj);
        out->n = PyByteArray_GET_SIZE(obj);
        out->kind = GOMV_VALUE_BYTES;
    }
}

/* A float or complex code's value: ints stay ints (the core and the
 * struct module report an int too large for the code in their own
 * words); anything else is what PyFloat_AsDouble or PyComplex_AsCComplex
 * gives, or kind 0 when they fail. */
static int
convert_number(char code, PyObject *obj, gomv_value *out)
{
    if (PyLong_Check(obj))
        return convert_long(obj, out);
    if (code == 'F' || code == 'D') {
        Py_complex z = PyComplex_AsCComplex(obj);
        if (z.real == -1.0 && PyErr_Occurred())
            PyErr_Clear();   /* "required argument is not a complex" */
        else {
            out->f = z.real;
            out->imag = z.imag;
            out->kind = GOMV_VALUE_COMPLEX;
        }
        return 0;
    }
    out->f = PyFloat_AsDouble(obj);
    if (out->f == -1.0 && PyErr_Occurred())
        PyErr_Clear();   /* "required argument is not a float" */
    else
        out->kind = GOMV_VALUE_FLOAT;
    return 0;
}

int
gomv_nd_convert(char code, PyObject *obj, gomv_value *out)
{
    int t;

    memset(out, 0, sizeof *out);
    switch (code) {
    case 'c': case 's': case 'p':
        convert_bytes(code, obj, out);
        return 0;
    case '?':
        if ((t = PyObject_IsTrue(obj)) < 0)
            return -1;
        out->i = out->u = (unsigned long long)t;
        out->kind = GOMV_VALUE_BOOL;
        return 0;
    case 'e': case 'f': case 'd': case 'F': case 'D':
        return convert_number(code, obj, out);
    }
    return convert_int(obj, out);
}

/* ---- checks and stores (struct's nu_* packers) ---- */

static PyObject *struct_error;

static int
raise_struct(const char *fmt, ...)
{
    va_list va;
    PyObject *msg;

    if (struct_error == NULL) {
        PyObject *mod = PyImport_ImportModule("struct");
        if (mod == NULL)
            return -1;
        struct_error = PyObject_GetAttrString(mod, "error");
        Py_DECREF(mod);
        if (struct_error == NULL)
            return -1;
    }
    va_start(va, fmt);
    msg = PyUnicode_FromFormatV(fmt, va);
    va_end(va);
    if (msg != NULL) {
        PyErr_SetObject(struct_error, msg);
        Py_DECREF(msg);
    }
    return -1;
}

static int
is_int_kind(int k)
{
    return k == GOMV_VALUE_INT || k == GOMV_VALUE_UINT || k == GOMV_VALUE_BOOL
           || k == GOMV_VALUE_BIGINT;
}

/* The integer range check of a native code of `size` bytes. */
static int
check_int(char code, int size, const gomv_value *v)
{
    int bits = 8 * size;
    int is_signed = strchr("bhilqn", code) != NULL;
    unsigned long long umax = bits == 64 ? ULLONG_MAX : (1ULL << bits) - 1;
    long long smin = bits == 64 ? LLONG_MIN : -(1LL << (bits - 1));
    long long smax = bits == 64 ? LLONG_MAX : (1LL << (bits - 1)) - 1;
    int ok;

    if (v->kind == GOMV_VALUE_BIGINT)
        ok = 0;
    else if (v->kind == GOMV_VALUE_UINT)
        ok = is_signed ? v->u <= (unsigned long long)smax : v->u <= umax;
    else if (is_signed || code == 'P')
        ok = v->i >= smin && (v->i < 0 || (unsigned long long)v->i <= (unsigned long long)smax);
    else
        ok = v->i >= 0 && (unsigned long long)v->i <= umax;
    if (ok || code == 'P')
        return ok ? 0 : raise_struct("int too large to convert");
    if (is_signed)
        return raise_struct("'%c' format requires %lld <= number <= %lld", code, smin, smax);
    return raise_struct("'%c' format requires 0 <= number <= %llu", code, umax);
}

/* The float value of a number value (int kinds too). */
static double
as_double(const gomv_value *v)
{
    switch (v->kind) {
    case GOMV_VALUE_INT: return (double)v->i;
    case GOMV_VALUE_UINT: return (double)v->u;
    case GOMV_VALUE_BOOL: return (double)(v->i != 0);
    }
    return v->f;   /* FLOAT, COMPLEX (its real part), BIGINT */
}

/* A value too large for a float code: struct's OverflowError, or for an
 * int its struct.error. */
static int
too_large(const gomv_value *v, char code)
{
    if (is_int_kind(v->kind))
        return raise_struct("int too large to convert");
    PyErr_Format(PyExc_OverflowError, "float too large to pack with %c format", code);
    return -1;
}

/* The checks of a float code ('f' refuses values rounding to infinity
 * from Python 3.14; earlier releases store the infinity). */
static int
check_float(char code, const gomv_value *v)
{
    double x = as_double(v);

    if (!is_int_kind(v->kind) && v->kind != GOMV_VALUE_FLOAT)
        return raise_struct("required argument is not a float");
    if (v->kind == GOMV_VALUE_BIGINT && isinf(x))
        return raise_struct("required argument is not a float");
#if PY_VERSION_HEX >= 0x030E0000
    if (code == 'f' && isfinite(x) && isinf((float)x))
        return too_large(v, code);
#endif
    (void)code;
    return 0;
}

/* The checks that are not integer ranges; 1 when v is an int for an
 * integer code (to be range checked). */
static int
check_kind(char code, const gomv_value *v)
{
    int k = v->kind;

    switch (code) {
    case '?':
        return 0;
    case 'c':
        if (k != GOMV_VALUE_BYTES || v->n != 1)
            return raise_struct("char format requires a bytes object of length 1");
        return 0;
    case 'F': case 'D':
        if ((k != GOMV_VALUE_COMPLEX && k != GOMV_VALUE_FLOAT && !is_int_kind(k))
            || (k == GOMV_VALUE_BIGINT && isinf(v->f)))
            return raise_struct("required argument is not a complex");
        return 0;
    case 'e': case 'f': case 'd':
        return check_float(code, v);
    }
    if (!is_int_kind(k))
        return raise_struct("required argument is not an integer");
    return 1;
}

#define STORE(T, val) do { T x_ = (T)(val); memcpy(ptr, &x_, sizeof x_); } while (0)

/* An integer code's value once in range: its two's complement bits. */
static void
store_int(char code, char *ptr, unsigned long long bits)
{
    switch (code) {
    case 'b': case 'B': *(unsigned char *)ptr = (unsigned char)bits; break;
    case 'h': case 'H': STORE(unsigned short, bits); break;
    case 'i': case 'I': STORE(unsigned int, bits); break;
    case 'l': case 'L': STORE(unsigned long, bits); break;
    case 'q': case 'Q': STORE(unsigned long long, bits); break;
    case 'n': case 'N': STORE(size_t, bits); break;
    case 'P': STORE(uintptr_t, bits); break;
    }
}

int
gomv_nd_native_store(char code, char *ptr, const gomv_value *v)
{
    int r = check_kind(code, v);

    if (r < 0)
        return -1;
    if (r == 1) {
        if (check_int(code, native_size(code), v) < 0)
            return -1;
        store_int(code, ptr, v->kind == GOMV_VALUE_UINT ? v->u : (unsigned long long)v->i);
        return 0;
    }
    switch (code) {
    case '?': *(unsigned char *)ptr = v->i != 0; return 0;
    case 'c': *ptr = v->p[0]; return 0;
    case 'f': STORE(float, as_double(v)); return 0;
    case 'd': STORE(double, as_double(v)); return 0;
    case 'e':
        if (PyFloat_Pack2(as_double(v), ptr, PY_LITTLE_ENDIAN) == 0)
            return 0;
        if (!PyErr_ExceptionMatches(PyExc_OverflowError))
            return -1;
        PyErr_Clear();
        return too_large(v, code);
    case 'F': {
        /* the host's order: parts too large become infinities */
        float x[2] = {(float)as_double(v), (float)v->imag};
        memcpy(ptr, x, sizeof x);
        return 0;
    }
    case 'D': {
        double x[2] = {as_double(v), v->imag};
        memcpy(ptr, x, sizeof x);
        return 0;
    }
    }
    PyErr_Format(PyExc_SystemError, "gomv: ndview has no native code %c", code);
    return -1;
}

#undef STORE
