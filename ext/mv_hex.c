/* hex(): the separator rules of bytes.hex, on the view's bytes in C order.
 * Small contiguous views are done here; the rest by Go, in pieces. */
#include "mv.h"
#include "mv_probe.h"

/* The two hex digits of every byte value: one table load and one 2-byte
 * store per byte. */
static char hex_pairs[256][2];

static void
hex_pairs_init(void)
{
    static const char digits[] = "0123456789abcdef";
    int b;
    for (b = 0; b < 256; b++) {
        hex_pairs[b][0] = digits[b >> 4];
        hex_pairs[b][1] = digits[b & 15];
    }
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* The text of whole 16-byte blocks with SSE2 (part of every x86-64 CPU),
 * as the core's hexEncodeBlocksSSE2 does: a nibble n becomes '0' + n, plus
 * 'a' - '0' - 10 where n > 9, and the unpack instructions interleave the
 * high and low digits. Each block is loaded before its text is stored, and
 * the text of block i ends before block i+1's bytes when src lies in the
 * tail of dst. Returns how many bytes it encoded. */
static Py_ssize_t
hex_blocks_sse2(const unsigned char *src, Py_ssize_t n, char *dst)
{
    const __m128i low = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9);
    const __m128i zero = _mm_set1_epi8('0'), gap = _mm_set1_epi8('a' - '0' - 10);
    Py_ssize_t i;

    for (i = 0; i + 16 <= n; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(src + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(x, 4), low);
        __m128i lo = _mm_and_si128(x, low);
        hi = _mm_add_epi8(_mm_add_epi8(hi, zero),
                          _mm_and_si128(_mm_cmpgt_epi8(hi, nine), gap));
        lo = _mm_add_epi8(_mm_add_epi8(lo, zero),
                          _mm_and_si128(_mm_cmpgt_epi8(lo, nine), gap));
        _mm_storeu_si128((__m128i *)(dst + 2 * i), _mm_unpacklo_epi8(hi, lo));
        _mm_storeu_si128((__m128i *)(dst + 2 * i + 16), _mm_unpackhi_epi8(hi, lo));
    }
    return i;
}

#if defined(__GNUC__) && !defined(__AVX2__)
#include <immintrin.h>
#define GOMV_HEX_AVX2 1

/* hex_blocks with 32-byte blocks where the CPU has AVX2 (asked once).
 * Unpacking works within each 128-bit lane, so the two results are
 * regrouped by lanes before they are stored. */
__attribute__((target("avx2"))) static Py_ssize_t
hex_blocks_avx2(const unsigned char *src, Py_ssize_t n, char *dst)
{
    const __m256i low = _mm256_set1_epi8(0x0f), nine = _mm256_set1_epi8(9);
    const __m256i zero = _mm256_set1_epi8('0');
    const __m256i gap = _mm256_set1_epi8('a' - '0' - 10);
    Py_ssize_t i;

    for (i = 0; i + 32 <= n; i += 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(src + i));
        __m256i hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), low);
        __m256i lo = _mm256_and_si256(x, low);
        hi = _mm256_add_epi8(_mm256_add_epi8(hi, zero),
                             _mm256_and_si256(_mm256_cmpgt_epi8(hi, nine), gap));
        lo = _mm256_add_epi8(_mm256_add_epi8(lo, zero),
                             _mm256_and_si256(_mm256_cmpgt_epi8(lo, nine), gap));
        __m256i a = _mm256_unpacklo_epi8(hi, lo), b = _mm256_unpackhi_epi8(hi, lo);
        _mm256_storeu_si256((__m256i *)(dst + 2 * i), _mm256_permute2x128_si256(a, b, 0x20));
        _mm256_storeu_si256((__m256i *)(dst + 2 * i + 32), _mm256_permute2x128_si256(a, b, 0x31));
    }
    return i;
}
#endif

static Py_ssize_t
hex_blocks(const unsigned char *src, Py_ssize_t n, char *dst)
{
    Py_ssize_t i = 0;
#ifdef GOMV_HEX_AVX2
    static int avx2 = -1;
    if (avx2 < 0)
        avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
    if (avx2)
        i = hex_blocks_avx2(src, n, dst);
#endif
    return i + hex_blocks_sse2(src + i, n - i, dst + 2 * i);
}
#else
static Py_ssize_t
hex_blocks(const unsigned char *src, Py_ssize_t n, char *dst)
{
    return 0;
}
#endif

/* bytes.hex on contiguous memory (the C twin of gomvgo_hex): groups of
 * |bps| bytes between separators, counted from the right when bps > 0 (so
 * the first group may be short) and from the left when bps < 0; bps == 0
 * writes no separator. Written front to back, each byte read before its
 * text is written: src may lie in the tail of dst (see hex_gathered). */
static void
hex_c(const unsigned char *src, Py_ssize_t n, char *dst, char sep, Py_ssize_t bps)
{
    Py_ssize_t i, left, group = bps < 0 ? -bps : bps;

    if (hex_pairs[0][0] == 0)
        hex_pairs_init();
    if (group == 0 || n <= group) {
        for (i = hex_blocks(src, n, dst); i < n; i++)
            memcpy(dst + 2 * i, hex_pairs[src[i]], 2);
        return;
    }
    left = bps > 0 ? n - ((n - 1) / group) * group : group;
    for (i = 0; i < n; i++) {
        if (left == 0) {
            *dst++ = sep;
            left = group;
        }
        memcpy(dst, hex_pairs[src[i]], 2);
        dst += 2;
        left--;
    }
}

/* The separator argument as bytes.hex checks it: its length (which may run
 * a str subclass's __len__), then str or bytes, then ASCII. */
static int
parse_sep(PyObject *sep, unsigned char *out)
{
    Py_ssize_t seplen = PyObject_Length(sep);
    Py_UCS4 ch;

    if (seplen < 0)
        return -1;
    if (seplen != 1) {
        PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
        return -1;
    }
    if (PyUnicode_Check(sep))
        ch = PyUnicode_READ_CHAR(sep, 0);
    else if (PyBytes_Check(sep))
        ch = (unsigned char)PyBytes_AS_STRING(sep)[0];
    else {
        PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
        return -1;
    }
    if (ch > 127) {
        PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
        return -1;
    }
    *out = (unsigned char)ch;
    return 0;
}

/* The hex text of a view that is not C-contiguous, in a fork() child:
 * the interpreter gathers the bytes into the tail of the text, which the
 * text, written front to back, reaches only after reading them. */
static int
hex_gathered(gomv_mv *self, char *dst, Py_ssize_t reslen, char sep, Py_ssize_t bps)
{
    const Py_buffer *v = &self->view;
    char *src = dst + reslen - v->len;
    if (PyBuffer_ToContiguous(src, (Py_buffer *)v, v->len, 'C') < 0)
        return -1;
    hex_c((const unsigned char *)src, v->len, dst, sep, bps);
    return 0;
}

/* Fill the text of the view's bytes (reslen characters). */
static int
hex_fill(gomv_mv *self, char *dst, Py_ssize_t reslen, char sep, Py_ssize_t bps)
{
    const Py_buffer *v = &self->view;
    int contiguous = (self->flags & (GOMV_SCALAR | GOMV_C)) != 0, rc;
    gomv_buf b;

    if (gomv_fast && contiguous && (v->len <= gomv_piece || gomv_forked)) {
        hex_c((const unsigned char *)v->buf, v->len, dst, sep, bps);
        return 0;
    }
    if (gomv_forked)
        return hex_gathered(self, dst, reslen, sep, bps);
    gomv_buf_of_mv(self, &b);
    GOMV_HOLD(self);
    rc = gomv_core_hex(&b, dst, reslen, sep, bps, v->len >= GOMV_NOGIL_MIN);
    GOMV_UNHOLD(self);
    return rc;
}

/* bytes_per_sep: a C int up to 3.14, a Py_ssize_t from 3.15. */
static int
parse_bytes_per_sep(PyObject *arg, Py_ssize_t *bps)
{
#if PY_VERSION_HEX >= 0x030F0000
    return gomv_as_ssize(arg, bps);
#else
    int v;
    if (gomv_as_int(arg, &v) < 0)
        return -1;
    *bps = v;
    return 0;
#endif
}

/* The separator and its group size (0: none). Checking it can run Python
 * code (a str subclass's __len__) that releases this view; where the
 * built-in holds the view meanwhile (a release() there raises
 * BufferError), so does this. */
static int
hex_separator(gomv_mv *self, PyObject *sep, Py_ssize_t bps, unsigned char *sep_char,
              size_t *group)
{
    int rc, pin;

    *group = 0;
    if (sep == NULL)
        return 0;
    pin = gomv_builtin_pins_hex_sep();
    if (pin)
        GOMV_HOLD(self);
    rc = parse_sep(sep, sep_char);
    if (pin)
        GOMV_UNHOLD(self);
    if (rc < 0)
        return -1;
    *group = bps < 0 ? (size_t)0 - (size_t)bps : (size_t)bps;
    return 0;
}

PyObject *
gomv_mv_hex(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"sep", "bytes_per_sep", NULL};
    PyObject *a[2] = {NULL, NULL}, *res;
    Py_ssize_t bps = 1, len, reslen;
    unsigned char sep_char = 0;
    size_t group;

    if (gomv_parse_args("hex", kw, 0, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (a[1] != NULL && parse_bytes_per_sep(a[1], &bps) < 0)
        return NULL;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    len = self->view.len;
    /* The built-in first copies the data into a bytes object, whose size
     * limit comes before any check of the separator. */
    if (len < 0)
        return gomv_negative_len_error();
    if (len > PY_SSIZE_T_MAX - (Py_ssize_t)(offsetof(PyBytesObject, ob_sval) + 1)) {
        PyErr_SetString(PyExc_OverflowError, "byte string is too large");
        return NULL;
    }
    if (hex_separator(self, a[0], bps, &sep_char, &group) < 0)
        return NULL;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    if (self->flags & GOMV_BADLEN)
        return gomv_badlen_error();
    /* A group as long as the data puts no separator anywhere. */
    if (group >= (size_t)len)
        group = 0;
    if (group == 0)
        bps = 0;
    if (len >= PY_SSIZE_T_MAX / 2 - (group ? (len - 1) / (Py_ssize_t)group : 0))
        return PyErr_NoMemory();
    reslen = 2 * len + (group && len > 0 ? (len - 1) / (Py_ssize_t)group : 0);
    res = PyUnicode_New(reslen, 127);
    if (res == NULL || reslen == 0)
        return res;
    if (hex_fill(self, (char *)PyUnicode_DATA(res), reslen, (char)sep_char, bps) < 0) {
        Py_DECREF(res);
        return NULL;
    }
    return res;
}
