/* Methods doing bulk work: tobytes, hex, cast; and the argument unpacking
 * shared by every method taking arguments. The C side decodes arguments
 * and runs the contiguous fast path; Go does the walks and the rules. */
#include "mv_bulk.h"

/* ---- arguments ---- */

/* Find the keyword argument called name; borrowed, NULL if absent. */
static PyObject *
find_kw(const char *name, PyObject *const *kwvals, PyObject *kwnames, PyObject *kwdict)
{
    Py_ssize_t i, n;
    if (kwdict != NULL) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwdict, &pos, &key, &value))
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, name) == 0)
                return value;
        return NULL;
    }
    if (kwnames == NULL)
        return NULL;
    n = PyTuple_GET_SIZE(kwnames);
    for (i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        if (PyUnicode_CompareWithASCIIString(key, name) == 0)
            return kwvals[i];
    }
    return NULL;
}

static int
is_param(PyObject *key, const char *const *kwlist)
{
    for (; *kwlist; kwlist++)
        if (PyUnicode_CompareWithASCIIString(key, *kwlist) == 0)
            return 1;
    return 0;
}

/* The clinic's unpacking order: too many arguments, then each parameter
 * in turn (a missing required one stops), then a parameter given both ways,
 * then an unknown keyword. */
int
gomv_unpack_args(const char *fname, const char *const *kwlist, int nreq, int nmax,
                 PyObject *const *args, Py_ssize_t nargs,
                 PyObject *kwnames, PyObject *kwdict, PyObject **out)
{
    Py_ssize_t nkw = 0, i;
    PyObject *const *kwvals = args + nargs;

    if (kwnames == NULL && kwdict == NULL && nargs >= nreq && nargs <= nmax) {
        /* Positional arguments only, as many as allowed: the common call. */
        for (i = 0; i < nargs; i++)
            out[i] = args[i];
        return 0;
    }
    if (kwdict != NULL)
        nkw = PyDict_GET_SIZE(kwdict);
    else if (kwnames != NULL)
        nkw = PyTuple_GET_SIZE(kwnames);

    if (nargs + nkw > nmax) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d %sargument%s (%zd given)",
                     fname, nmax, nargs == 0 ? "keyword " : "", nmax == 1 ? "" : "s",
                     nargs + nkw);
        return -1;
    }
    for (i = 0; i < nargs; i++)
        out[i] = args[i];
    for (i = nargs; i < nmax; i++) {
        PyObject *v = NULL;
        if (nkw > 0) {
            v = find_kw(kwlist[i], kwvals, kwnames, kwdict);
        }
        else if (i >= nreq) {
            break;
        }
        out[i] = v;
        if (v != NULL) {
            nkw--;
        }
        else if (i < nreq) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)",
                         fname, kwlist[i], i + 1);
            return -1;
        }
    }
    if (nkw > 0) {
        Py_ssize_t n;
        for (i = 0; i < nargs; i++) {
            if (find_kw(kwlist[i], kwvals, kwnames, kwdict) != NULL) {
                PyErr_Format(PyExc_TypeError,
                             "argument for %s() given by name ('%s') and position (%zd)",
                             fname, kwlist[i], i + 1);
                return -1;
            }
        }
        /* The first keyword that names no parameter. */
        if (kwdict != NULL) {
            PyObject *key, *value;
            Py_ssize_t pos = 0;
            while (PyDict_Next(kwdict, &pos, &key, &value)) {
                if (!PyUnicode_Check(key)) {
                    PyErr_SetString(PyExc_TypeError, "keywords must be strings");
                    return -1;
                }
                if (!is_param(key, kwlist))
                    goto unexpected_dict;
            }
            return 0;
        unexpected_dict:
#if PY_VERSION_HEX >= 0x030D0000
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'",
                         fname, key);
#else
            PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()",
                         key, fname);
#endif
            return -1;
        }
        n = PyTuple_GET_SIZE(kwnames);
        for (i = 0; i < n; i++) {
            PyObject *key = PyTuple_GET_ITEM(kwnames, i);
            if (!is_param(key, kwlist)) {
#if PY_VERSION_HEX >= 0x030D0000
                PyErr_Format(PyExc_TypeError,
                             "%s() got an unexpected keyword argument '%S'", fname, key);
#else
                PyErr_Format(PyExc_TypeError,
                             "'%S' is an invalid keyword argument for %s()", key, fname);
#endif
                return -1;
            }
        }
    }
    return 0;
}

int
gomv_as_int(PyObject *o, int *out)
{
    int overflow;
    long v = PyLong_AsLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static void
bad_argument(const char *fname, const char *what, const char *expected, PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "%s() %s must be %s, not %.50s", fname, what, expected,
                 arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}

/* ---- tobytes ---- */

/* A lying layout (GOMV_BADLEN) is refused with the error its export gets. */
static PyObject *
badlen_error(void)
{
    PyErr_SetString(PyExc_BufferError,
                    "memoryview: the exporter's len is not product(shape) * itemsize");
    return NULL;
}

PyObject *
gomv_mv_tobytes(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"order", NULL};
    PyObject *a[1] = {NULL};
    const char *order = NULL;
    char ord = 'C';
    PyObject *bytes;

    if (gomv_unpack_args("tobytes", kw, 0, 1, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (a[0] != NULL && a[0] != Py_None) {
        Py_ssize_t n;
        if (!PyUnicode_Check(a[0])) {
            bad_argument("tobytes", "argument 'order'", "str or None", a[0]);
            return NULL;
        }
        order = PyUnicode_AsUTF8AndSize(a[0], &n);
        if (order == NULL)
            return NULL;
        if ((size_t)n != strlen(order)) {
            PyErr_SetString(PyExc_ValueError, "embedded null character");
            return NULL;
        }
    }
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    if (order != NULL) {
        if (strcmp(order, "F") == 0)
            ord = 'F';
        else if (strcmp(order, "A") == 0)
            ord = 'A';
        else if (strcmp(order, "C") != 0) {
            PyErr_SetString(PyExc_ValueError, "order must be 'C', 'F' or 'A'");
            return NULL;
        }
    }
    /* The built-in sizes the copy by len and walks the shape: it overruns
     * the copy of a lying layout. */
    if (self->flags & GOMV_BADLEN)
        return badlen_error();
    bytes = PyBytes_FromStringAndSize(NULL, self->view.len);
    if (bytes == NULL)
        return NULL;
    if (gomv_copy_to_contiguous(self, PyBytes_AS_STRING(bytes), ord) < 0) {
        Py_DECREF(bytes);
        return NULL;
    }
    return bytes;
}

/* ---- hex ---- */

/* bytes.hex on contiguous memory (the C twin of gomv_go_hex): groups of
 * |bps| bytes between separators, counted from the right when bps > 0 (so
 * the first group may be short) and from the left when bps < 0; bps == 0
 * writes no separator. Written front to back, each byte read before its
 * text is written: src may lie in the tail of dst (see hex_chunked). */
static void
hex_c(const unsigned char *src, Py_ssize_t n, char *dst, char sep, Py_ssize_t bps)
{
    static const char digits[] = "0123456789abcdef";
    Py_ssize_t i, j, left, group = bps < 0 ? -bps : bps;

    if (group == 0 || n <= group) {
        for (i = 0, j = 0; i < n; i++) {
            unsigned char b = src[i];
            dst[j++] = digits[b >> 4];
            dst[j++] = digits[b & 15];
        }
        return;
    }
    left = bps > 0 ? n - ((n - 1) / group) * group : group;
    for (i = 0, j = 0; i < n; i++) {
        unsigned char b = src[i];
        if (left == 0) {
            dst[j++] = sep;
            left = group;
        }
        dst[j++] = digits[b >> 4];
        dst[j++] = digits[b & 15];
        left--;
    }
}

/* The hex text of n contiguous bytes in chunks. The text of a chunk
 * depends on where the separators fall, so chunks start and end on
 * separator positions (groups up to a chunk long), or hold none inside
 * (longer groups), and each chunk's text is then bytes.hex of the chunk
 * alone, preceded by the separator at its start. */
struct hex_job {
    const unsigned char *src;
    char *dst;
    Py_ssize_t n, group, first;  /* first: separator positions are first + k*group */
    char sep;
    int bps;
};

/* Separator positions p with 0 < p <= a. */
static Py_ssize_t
hex_seps_upto(const struct hex_job *h, Py_ssize_t a)
{
    if (h->group == 0)
        return 0;
    if (h->first == 0)
        return a / h->group;
    return a >= h->first ? (a - h->first) / h->group + 1 : 0;
}

static int
hex_is_sep(const struct hex_job *h, Py_ssize_t a)
{
    return h->group != 0 && a > 0 && a >= h->first && (a - h->first) % h->group == 0;
}

/* The first separator position after a. */
static Py_ssize_t
hex_next_sep(const struct hex_job *h, Py_ssize_t a)
{
    if (a < h->first)
        return h->first;
    return h->first + ((a - h->first) / h->group + 1) * h->group;
}

static int
hex_piece(const struct hex_job *h, Py_ssize_t a, Py_ssize_t b, Py_ssize_t bps, gomv_err *err)
{
    Py_ssize_t len = b - a, pos = 2 * a + hex_seps_upto(h, a);
    Py_ssize_t g = bps < 0 ? -bps : bps;
    Py_ssize_t textlen = 2 * len + (g ? (len - 1) / g : 0);
    Py_ssize_t shape = len, stride = 1;
    gomv_layout l;

    if (hex_is_sep(h, a))
        h->dst[pos - 1] = h->sep;
    if (gomv_fast) {
        hex_c(h->src + a, len, h->dst + pos, h->sep, bps);
        return 0;
    }
    l.buf = (char *)h->src + a;
    l.len = len;
    l.itemsize = 1;
    l.ndim = 1;
    l.readonly = 1;
    l.format = "B";
    l.shape = &shape;
    l.strides = &stride;
    l.suboffsets = NULL;
    return gomv_hex(&l, h->dst + pos, textlen, h->sep, bps, err);
}

static int
hex_chunked(struct hex_job *h, int nogil)
{
    Py_ssize_t a = 0, b, m, bps, T = gomv_chunk, g = h->group;
    gomv_err err;
    int rc;

    h->first = h->bps > 0 ? h->n % g : 0;
    while (a < h->n) {
        m = a + T;
        if (g == 0 || g > T) {
            b = m < h->n ? m : h->n;
            if (g != 0 && hex_next_sep(h, a) < b)
                b = hex_next_sep(h, a);
            bps = 0;
        }
        else {
            b = m >= h->n ? h->n : (hex_is_sep(h, m) ? m : hex_next_sep(h, m));
            if (b > h->n)
                b = h->n;
            bps = b - a > g ? h->bps : 0;
        }
        GOMV_RUN(nogil, rc = hex_piece(h, a, b, bps, &err));
        if (gomv_step_done(rc < 0 ? rc : 0, &err) < 0)
            return -1;
        a = b;
    }
    return 0;
}

PyObject *
gomv_mv_hex(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"sep", "bytes_per_sep", NULL};
    PyObject *a[2] = {NULL, NULL};
    PyObject *sep, *res;
    int bps = 1;
    unsigned char sep_char = 0;
    Py_ssize_t len, group, reslen;
    gomv_layout l;
    gomv_err err;

    if (gomv_unpack_args("hex", kw, 0, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    sep = a[0];
    if (a[1] != NULL && gomv_as_int(a[1], &bps) < 0)
        return NULL;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    len = self->view.len;
    /* The built-in first copies the data into a bytes object, whose size
     * limit comes before any check of the separator. */
    if (len < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        return NULL;
    }
    if (len > PY_SSIZE_T_MAX - (Py_ssize_t)(offsetof(PyBytesObject, ob_sval) + 1)) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too large");
        return NULL;
    }

    /* The separator is checked after the size, as bytes.hex does on the
     * copy the built-in makes. Measuring it can run Python code (a str
     * subclass's __len__) that releases this view and frees the memory, so
     * the release is checked again below, before any read. */
    if (sep != NULL) {
        Py_ssize_t seplen = PyObject_Length(sep);
        if (seplen < 0)
            return NULL;
        if (seplen != 1) {
            PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
            return NULL;
        }
        if (PyUnicode_Check(sep)) {
            Py_UCS4 ch = PyUnicode_READ_CHAR(sep, 0);
            if (ch > 127) {
                PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
                return NULL;
            }
            sep_char = (unsigned char)ch;
        }
        else if (PyBytes_Check(sep)) {
            sep_char = (unsigned char)PyBytes_AS_STRING(sep)[0];
            if (sep_char > 127) {
                PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
                return NULL;
            }
        }
        else {
            PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
        group = bps < 0 ? -(Py_ssize_t)bps : (Py_ssize_t)bps;
    }
    else {
        group = 0;
    }
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    if (self->flags & GOMV_BADLEN)
        return badlen_error();
    /* A group as long as the data puts no separator anywhere. */
    if (group >= len) {
        group = 0;
        bps = 0;
    }
    if (group == 0)
        bps = 0;
    if (len >= PY_SSIZE_T_MAX / 2 - (group ? (len - 1) / group : 0))
        return PyErr_NoMemory();
    reslen = 2 * len + (group && len > 0 ? (len - 1) / group : 0);
    res = PyUnicode_New(reslen, 127);
    if (res == NULL)
        return NULL;
    if (reslen == 0)
        return res;
    if (len > gomv_chunk) {
        struct hex_job h;
        int rc = 0;
        h.dst = (char *)PyUnicode_DATA(res);
        h.n = len;
        h.group = group;
        h.sep = (char)sep_char;
        h.bps = bps;
        GOMV_HOLD(self);
        if (self->flags & (GOMV_SCALAR | GOMV_C)) {
            h.src = (const unsigned char *)self->view.buf;
        }
        else {
            /* Gathered into the tail of the text, which the text written
             * front to back reaches only after reading it, as in Go's
             * boundary.Hex. */
            h.src = (const unsigned char *)h.dst + reslen - len;
            rc = gomv_copy_to_contiguous(self, (char *)h.src, 'C');
        }
        if (rc == 0)
            rc = hex_chunked(&h, len >= GOMV_NOGIL_MIN);
        GOMV_UNHOLD(self);
        if (rc < 0) {
            Py_DECREF(res);
            return NULL;
        }
        return res;
    }
    if (gomv_fast && (self->flags & (GOMV_SCALAR | GOMV_C))) {
        hex_c((const unsigned char *)self->view.buf, len, (char *)PyUnicode_DATA(res),
              (char)sep_char, bps);
        return res;
    }
    gomv_layout_of(self, &l);
    if (gomv_hex(&l, (char *)PyUnicode_DATA(res), reslen, (char)sep_char, bps, &err) < 0) {
        Py_DECREF(res);
        return gomv_raise(&err);
    }
    return res;
}

/* ---- cast ---- */

static int
zero_in_shape(const Py_buffer *v)
{
    int i;
    for (i = 0; i < v->ndim; i++)
        if (v->shape[i] == 0)
            return 1;
    return 0;
}

/* The size of a native item, by code: a power of two on every platform
 * CPython supports (checked at compile time below). */
static Py_ssize_t
native_size(char code)
{
    switch (code) {
    case 'c': case 'b': case 'B': return 1;
    case '?': return sizeof(_Bool);
    case 'h': case 'H': return sizeof(short);
    case 'i': case 'I': return sizeof(int);
    case 'l': case 'L': return sizeof(long);
    case 'q': case 'Q': return sizeof(long long);
    case 'n': case 'N': return sizeof(size_t);
    case 'f': return sizeof(float);
    case 'd': return sizeof(double);
    case 'P': return sizeof(void *);
    case 'e': return 2;
    }
    return 0;
}

#define POW2(n) (((n) & ((n) - 1)) == 0)
_Static_assert(POW2(sizeof(_Bool)) && POW2(sizeof(short)) && POW2(sizeof(int)) &&
               POW2(sizeof(long)) && POW2(sizeof(long long)) && POW2(sizeof(size_t)) &&
               POW2(sizeof(float)) && POW2(sizeof(double)) && POW2(sizeof(void *)),
               "cast_native needs native item sizes that are powers of two");

#define IS_BYTE_CODE(c) ((c) == 'B' || (c) == 'b' || (c) == 'c')

/* The rules of cast after the view checks, in the built-in's order, on
 * native formats only (the only ones cast accepts): the C twin of
 * gomv_go_cast, with its return codes (0, -1 raised, 2 = reached the
 * element marked PY_SSIZE_T_MIN, nothing raised). */
static int
cast_native(gomv_mv *self, const char *fmt, int ndim, const Py_ssize_t *shape,
            Py_ssize_t *out_itemsize, int *out_ndim, Py_ssize_t *out_shape,
            Py_ssize_t *out_strides)
{
    char dest = gomv_native_code(fmt);
    Py_ssize_t itemsize, len = self->view.len, prod;
    int i, shift;

    if (dest == 0) {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview: destination format must be a native single character "
                        "format prefixed with an optional '@'");
        return -1;
    }
    if (!IS_BYTE_CODE(self->code) && !IS_BYTE_CODE(dest)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: cannot cast between two non-byte formats");
        return -1;
    }
    itemsize = native_size(dest);
    /* Native items are 1, 2, 4 or 8 bytes: a mask and a shift instead of
     * two 64-bit divisions, which were a fifth of a cast's time. */
    shift = __builtin_ctzll((unsigned long long)itemsize);
    if (len & (itemsize - 1)) {
        PyErr_SetString(PyExc_TypeError, "memoryview: length is not a multiple of itemsize");
        return -1;
    }
    *out_itemsize = itemsize;
    if (ndim < 0) {
        *out_ndim = 1;
        out_shape[0] = len >> shift;
        out_strides[0] = itemsize;
        return 0;
    }
    prod = itemsize;
    for (i = 0; i < ndim; i++) {
        Py_ssize_t x = shape[i];
        if (x == PY_SSIZE_T_MIN)
            return 2;
        if (x <= 0) {
            PyErr_SetString(PyExc_ValueError,
                            "memoryview.cast(): elements of shape must be integers > 0");
            return -1;
        }
        if (x > PY_SSIZE_T_MAX / prod) {
            PyErr_SetString(PyExc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
            return -1;
        }
        prod *= x;
        out_shape[i] = x;
    }
    if (prod != len) {
        PyErr_SetString(PyExc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
        return -1;
    }
    *out_ndim = ndim;
    if (ndim > 0) {
        Py_ssize_t sd = itemsize;
        for (i = ndim - 1; i >= 0; i--) {
            out_strides[i] = sd;
            sd *= out_shape[i];
        }
    }
    return 0;
}

PyObject *
gomv_mv_cast(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"format", "shape", NULL};
    PyObject *a[2] = {NULL, NULL};
    PyObject *format, *shape, *ascii = NULL, *saved_t = NULL, *saved_v = NULL, *saved_tb = NULL;
    const char *fmt, *static_fmt;
    Py_ssize_t ndim = -1, shp[GOMV_MAXDIM], i, bad = -1;
    Py_ssize_t out_itemsize = 0, out_shape[GOMV_MAXDIM], out_strides[GOMV_MAXDIM];
    int out_ndim = 0, rc;
    gomv_layout l;
    gomv_err err;
    Py_buffer dst;
    gomv_mv *mv;

    if (gomv_unpack_args("cast", kw, 1, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    format = a[0];
    shape = a[1];
    if (!PyUnicode_Check(format)) {
        bad_argument("cast", "argument 'format'", "str", format);
        return NULL;
    }
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    if (!(self->flags & (GOMV_SCALAR | GOMV_C))) {
        PyErr_SetString(PyExc_TypeError, "memoryview: casts are restricted to C-contiguous views");
        return NULL;
    }
    if ((shape != NULL || self->view.ndim != 1) && zero_in_shape(&self->view)) {
        PyErr_SetString(PyExc_TypeError,
                        "memoryview: cannot cast view with zeros in shape or strides");
        return NULL;
    }
    if (shape != NULL) {
        if (!PyList_Check(shape) && !PyTuple_Check(shape)) {
            PyErr_SetString(PyExc_TypeError, "shape must be a list or a tuple");
            return NULL;
        }
        ndim = PySequence_Fast_GET_SIZE(shape);
        if (ndim > GOMV_MAXDIM) {
            PyErr_SetString(PyExc_ValueError,
                            "memoryview: number of dimensions must not exceed 64");
            return NULL;
        }
        if (self->view.ndim != 1 && ndim != 1) {
            PyErr_SetString(PyExc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
            return NULL;
        }
    }
    if (PyUnicode_IS_ASCII(format)) {
        /* An ASCII str holds its text NUL-terminated: no bytes copy. */
        fmt = (const char *)PyUnicode_DATA(format);
    }
    else {
        /* Raises the built-in's UnicodeEncodeError. */
        ascii = PyUnicode_AsASCIIString(format);
        if (ascii == NULL)
            return NULL;
        fmt = PyBytes_AS_STRING(ascii);
    }
    static_fmt = gomv_native_fmtstr(fmt);
    /* Shape items are converted in order; an element that does not
     * convert is marked for Go, whose checks stop there (after the format
     * rules and the earlier elements) so the conversion error is raised
     * exactly where the built-in raises it. */
    for (i = 0; i < (ndim > 0 ? ndim : 0); i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(shape, i);
        if (!PyLong_Check(item)) {
            PyErr_SetString(PyExc_TypeError,
                            "memoryview.cast(): elements of shape must be integers");
            bad = i;
            break;
        }
        shp[i] = PyLong_AsSsize_t(item);
        if (shp[i] == -1 && PyErr_Occurred()) {
            bad = i;
            break;
        }
    }
    if (bad >= 0) {
        PyErr_Fetch(&saved_t, &saved_v, &saved_tb);
        shp[bad] = PY_SSIZE_T_MIN;
        for (i = bad + 1; i < ndim; i++)
            shp[i] = 1;
    }
    if (gomv_fast) {
        rc = cast_native(self, fmt, (int)ndim, shp, &out_itemsize, &out_ndim, out_shape,
                         out_strides);
    }
    else {
        gomv_layout_of(self, &l);
        rc = gomv_cast(&l, (char *)fmt, (int)ndim, ndim >= 0 ? shp : NULL, &out_itemsize,
                          &out_ndim, out_shape, out_strides, &err);
        if (rc == -1)
            gomv_raise(&err);
    }
    if (rc == 2) {
        /* Reached the element that did not convert. */
        if (saved_t == NULL)
            PyErr_SetString(PyExc_SystemError, "memoryview.cast(): bad shape element");
        else
            PyErr_Restore(saved_t, saved_v, saved_tb);
        goto error;
    }
    Py_XDECREF(saved_t);
    Py_XDECREF(saved_v);
    Py_XDECREF(saved_tb);
    if (rc < 0)
        goto error;
    if (static_fmt == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "memoryview: internal error");
        goto error;
    }
    dst = self->view;
    dst.format = (char *)static_fmt;
    dst.itemsize = out_itemsize;
    dst.ndim = out_ndim;
    dst.shape = out_shape;
    dst.strides = out_strides;
    dst.suboffsets = NULL;
    /* A cast is C-contiguous with len == product(shape) * itemsize; in
     * one dimension that is all there is to know. */
    mv = gomv_mv_derive(self->mbuf, &dst, gomv_native_code(static_fmt),
                        gomv_fast && out_ndim == 1 ? GOMV_C | GOMV_F : -1);
    Py_XDECREF(ascii);
    return (PyObject *)mv;

error:
    Py_XDECREF(ascii);
    return NULL;
}
