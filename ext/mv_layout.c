/* The native format table and the contiguity rules (see mv_layout.h). */
#include "mv_layout.h"

int gomv_fast = 1;

/* The native formats of the running interpreter's memoryview, from the
 * core's table (gomv_tables.h): struct code ('F' and 'D' stand for "Zf"
 * and "Zd"), format string with and without '@', item size and kind. */
static const char native_struct_codes[] = GOMV_NATIVE_CODES;
static const char *const native_formats[] = GOMV_NATIVE_FORMATS;
static const char *const native_at_formats[] = GOMV_NATIVE_AT_FORMATS;
static const unsigned char native_sizes[] = GOMV_NATIVE_SIZES;
static const unsigned char native_kinds[] = GOMV_NATIVE_KINDS;

/* The C layer's code of each: the format's character for one-character
 * formats; GOMV_CODE_ZF/ZD for "Zf"/"Zd", so that a view whose format is
 * a lone "F" or "D" (not native) is never taken for one of them. */
static char native_codes[GOMV_NATIVE_COUNT];

/* Every constructor and cast looks its format up: a table beats a
 * search. gomv_native_slot[c] is 1 + the index of the format of code c. */
unsigned char gomv_native_slot[256];
/* gomv_native_char[c] is c when "c" is a native format, else 0. */
char gomv_native_char[256];
/* By code: the item size and the format string (without '@'). */
unsigned char gomv_native_size_of[256];
const char *gomv_native_name_of[256];

int
gomv_native_init(void)
{
    int i;
    for (i = 0; i < GOMV_NATIVE_COUNT; i++) {
        const char *f = native_formats[i];
        if (f[1] == '\0')
            native_codes[i] = gomv_native_char[(unsigned char)f[0]] = f[0];
        else if (strcmp(f, "Zf") == 0)
            native_codes[i] = GOMV_CODE_ZF;
        else if (strcmp(f, "Zd") == 0)
            native_codes[i] = GOMV_CODE_ZD;
        else {
            PyErr_Format(PyExc_SystemError, "gomv: no C code for native format %s", f);
            return -1;
        }
        gomv_native_slot[(unsigned char)native_codes[i]] = (unsigned char)(i + 1);
        gomv_native_size_of[(unsigned char)native_codes[i]] = native_sizes[i];
        gomv_native_name_of[(unsigned char)native_codes[i]] = native_formats[i];
    }
    return 0;
}

/* Index of fmt among the native formats, -1 if not native; *at: fmt has a
 * '@'. A one-character format is its code; longer ones ("Zd") are few and
 * looked for in the table. */
static inline __attribute__((always_inline)) int
native_index(const char *fmt, int *at)
{
    int i;
    *at = 0;
    if (fmt == NULL)
        return -1;
    if (fmt[0] == '@') {
        *at = 1;
        fmt++;
    }
    if (fmt[0] == '\0')
        return -1;
    if (fmt[1] == '\0') {
        i = (int)gomv_native_slot[(unsigned char)fmt[0]] - 1;
        return i >= 0 && native_formats[i][0] == fmt[0] ? i : -1;
    }
    for (i = 0; i < GOMV_NATIVE_COUNT; i++)
        if (native_formats[i][1] != '\0' && strcmp(fmt, native_formats[i]) == 0)
            return i;
    return -1;
}

char
gomv_native_code_any(const char *fmt)
{
    int at, i = native_index(fmt, &at);
    return i < 0 ? 0 : native_codes[i];
}


int
gomv_native_kind(char code)
{
    int i = (int)gomv_native_slot[(unsigned char)code] - 1;
    return i < 0 ? 0 : native_kinds[i];
}


char
gomv_native_struct_code(char code)
{
    int i = (int)gomv_native_slot[(unsigned char)code] - 1;
    return i < 0 ? 0 : native_struct_codes[i];
}

const char *
gomv_native_fmtstr(const char *fmt)
{
    char code;
    return gomv_native_lookup(fmt, &code);
}

const char *
gomv_native_lookup_any(const char *fmt, char *code)
{
    int at, i = native_index(fmt, &at);
    if (i < 0) {
        *code = 0;
        return NULL;
    }
    *code = native_codes[i];
    return at ? native_at_formats[i] : native_formats[i];
}

/* ---- contiguity ---- */

/* Extent of dimension i (a NULL shape is 1-D: len / itemsize). */
static Py_ssize_t
dim_of(const Py_buffer *v, int i)
{
    if (v->shape != NULL)
        return v->shape[i];
    return v->itemsize ? v->len / v->itemsize : 0;
}

/* Contiguous in C order (c_order) or Fortran order: every dimension of
 * extent > 1 steps by the product of the faster ones. Only for two or more
 * dimensions, which always have a shape. */
static int
packed(const Py_buffer *v, int c_order)
{
    const Py_ssize_t *shape = v->shape, *strides = v->strides;
    Py_ssize_t sd = v->itemsize;
    int k, nd = v->ndim;

    for (k = 0; k < nd; k++) {
        int i = c_order ? nd - 1 - k : k;
        if (shape[i] > 1 && strides[i] != sd)
            return 0;
        sd *= shape[i];
    }
    return 1;
}

/* len == product(shape) * itemsize without overflow. An exporter may claim
 * a shape whose product wraps to a small len (_testbuffer with zero strides
 * does): CPython's copy routines (bytes(), PyBuffer_ToContiguous) size their
 * destination by len and walk the shape, and overrun it. */
static int
len_matches_shape(const Py_buffer *v)
{
    Py_ssize_t n = v->itemsize;
    int i;
    for (i = 0; i < v->ndim; i++) {
        Py_ssize_t dim = dim_of(v, i);
        if (dim == 0)
            return v->len == 0;
        if (dim < 0 || __builtin_mul_overflow(n, dim, &n))
            return 0;
    }
    return n == v->len;
}

/* C and F bits of a direct N-D layout with strides. */
static int
strided_contiguity(const Py_buffer *v)
{
    int f = 0;
    if (v->ndim == 1) {
        /* memoryview's own 1-D rule: even an empty view needs the stride */
        if (dim_of(v, 0) == 1 || v->strides[0] == v->itemsize)
            f = GOMV_C | GOMV_F;
        return f;
    }
    if (v->len == 0)
        return GOMV_C | GOMV_F;
    if (packed(v, 1))
        f |= GOMV_C;
    if (packed(v, 0))
        f |= GOMV_F;
    return f;
}

int
gomv_layout_flags(const Py_buffer *v)
{
    int f;
    if (v->ndim == 1 && v->shape != NULL && v->strides != NULL && v->suboffsets == NULL) {
        /* what every constructor of a 1-D exporter asks: the rules below
         * for one dimension, in a few instructions */
        Py_ssize_t n = v->shape[0], len;
        f = n == 1 || v->strides[0] == v->itemsize ? GOMV_C | GOMV_F : 0;
        if (v->len > 0 && (n <= 0 || __builtin_mul_overflow(n, v->itemsize, &len) || len != v->len))
            f |= GOMV_BADLEN;
        return f;
    }
    f = gomv_layout_contiguity(v);
    if (v->len > 0 && !len_matches_shape(v))
        f |= GOMV_BADLEN;
    return f;
}

int
gomv_layout_contiguity(const Py_buffer *v)
{
    int f;
    if (v->ndim == 0)
        f = GOMV_SCALAR | GOMV_C | GOMV_F;
    else if (v->suboffsets != NULL)
        f = GOMV_PIL;
    else if (v->strides != NULL)
        f = strided_contiguity(v);
    else {
        /* C order by definition; Fortran too if at most one dim > 1 */
        int i, big = 0;
        for (i = 0; i < v->ndim; i++)
            big += dim_of(v, i) > 1;
        f = GOMV_C | (big <= 1 || v->len == 0 ? GOMV_F : 0);
    }
    return f;
}

void
gomv_buf_of(const Py_buffer *v, gomv_buf *out,
            Py_ssize_t *scratch_shape, Py_ssize_t *scratch_strides)
{
    int i, nd = v->ndim;
    out->buf = v->buf;
    out->len = v->len;
    out->itemsize = v->itemsize;
    out->ndim = nd;
    out->readonly = v->readonly;
    out->format = v->format ? v->format : "B";
    out->shape = v->shape;
    out->strides = v->strides;
    out->suboffsets = v->suboffsets;
    if (nd <= 0 || nd > GOMV_MAX_NDIM)
        return;
    if (v->shape == NULL) {
        /* Only a 1-D buffer can omit its shape (PyBUF_SIMPLE style). */
        scratch_shape[0] = dim_of(v, 0);
        for (i = 1; i < nd; i++)
            scratch_shape[i] = 1;
        out->shape = scratch_shape;
    }
    if (v->strides == NULL) {
        Py_ssize_t sd = v->itemsize;
        for (i = nd - 1; i >= 0; i--) {
            scratch_strides[i] = sd;
            sd *= out->shape[i];
        }
        out->strides = scratch_strides;
    }
}
