/* The leaf of the C layer: the native format table, the contiguity rules
 * and the buffer descriptor handed to Go. It calls nothing else of the
 * extension; every other file may use it. */
#ifndef GOMV_MV_LAYOUT_H
#define GOMV_MV_LAYOUT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "gomv_go.h"
#include "gomv_tables.h"

/* Layout flags of a view (gomv_mv.flags). */
#define GOMV_RELEASED  0x01
#define GOMV_C         0x02  /* C-contiguous */
#define GOMV_F         0x04  /* Fortran-contiguous */
#define GOMV_SCALAR    0x08  /* ndim == 0 */
#define GOMV_PIL       0x10  /* has suboffsets */
#define GOMV_BADLEN    0x20  /* len > 0 but not product(shape) * itemsize: a lying
                                exporter; never exported (consumers trust len) */

/* 1 when the C fast paths are on (default); GOMV_NO_FASTPATH=1 in the
 * environment at import turns them off so every operation goes through
 * its Go twin, which the test suite uses to prove they agree. A fork()
 * child turns them back on (it never calls Go). */
extern int gomv_fast;

/* Fills the tables below (module init): 0, or -1 with SystemError if the
 * core's table has a format this layer has no code for. */
int gomv_native_init(void);

/* The C codes of the two-character native formats (3.15's "Zf", "Zd"):
 * bytes no format character is. */
#define GOMV_CODE_ZF '\x01'
#define GOMV_CODE_ZD '\x02' 

/* The code of a native format string ("B", "@i", "Zd" -> GOMV_CODE_ZD), or 0
 * if the format is not one the running interpreter's memoryview handles
 * natively ('e' from 3.12, "Zf"/"Zd" from 3.15). Also the codes items can
 * be read and written with. */
char gomv_native_code_any(const char *fmt);
/* Filled by gomv_native_init from the same table: c for each native
 * one-character format "c", else 0. */
extern char gomv_native_char[256];
static inline char
gomv_native_code(const char *fmt)
{
    /* the usual one-character format without a call */
    if (fmt != NULL && fmt[0] != '\0' && fmt[1] == '\0')
        return gomv_native_char[(unsigned char)fmt[0]];
    return gomv_native_code_any(fmt);
}
/* slot[c] is 1 + the index of code c in the native table, 0 if c is not
 * native (filled by gomv_native_init). */
extern unsigned char gomv_native_slot[256];

/* Whether a single code character is native. */
static inline int
gomv_native_ok(char code)
{
    return gomv_native_slot[(unsigned char)code] != 0;
}
/* By code, filled by gomv_native_init from the same table: item sizes
 * and format strings (without '@'); 0 and NULL for codes not native. */
extern unsigned char gomv_native_size_of[256];
extern const char *gomv_native_name_of[256];
/* Bytes of one item of a native code (0 if not native). */
static inline Py_ssize_t
gomv_native_size(char code)
{
    return gomv_native_size_of[(unsigned char)code];
}
/* One of the byte formats (casts go from or to one; only they hash). */
static inline int
gomv_native_is_byte(char code)
{
    /* a loop over the constant the compiler unrolls: strchr is a call */
    const char *c;
    for (c = GOMV_BYTE_CODES; *c != '\0'; c++)
        if (*c == code)
            return 1;
    return 0;
}

/* The struct code the Go core knows a native code by ('F' for
 * GOMV_CODE_ZF, ...); 0 if not native. */
char gomv_native_struct_code(char code);

/* The GOMV_VALUE_* kind of a native code's items (0 if not native). */
int gomv_native_kind(char code);
/* The format string of a native code, for messages ("B", "Zd" for GOMV_CODE_ZD);
 * NULL if not native. */
static inline const char *
gomv_native_name(char code)
{
    return gomv_native_name_of[(unsigned char)code];
}
/* Static storage for a native format string ("B", "@B", ...): the format
 * of cast results; NULL if fmt is not native. */
const char *gomv_native_fmtstr(const char *fmt);
/* Both at once: the static format string (NULL if not native) and, in
 * *code, the code (0 if not native). A one-character format is answered
 * from the tables without a call. */
const char *gomv_native_lookup_any(const char *fmt, char *code);
static inline const char *
gomv_native_lookup(const char *fmt, char *code)
{
    if (fmt != NULL && fmt[0] != '\0' && fmt[1] == '\0') {
        *code = gomv_native_char[(unsigned char)fmt[0]];
        return gomv_native_name_of[(unsigned char)*code];
    }
    return gomv_native_lookup_any(fmt, code);
}

/* GOMV_C | GOMV_F | GOMV_SCALAR | GOMV_PIL | GOMV_BADLEN for v, as the
 * built-in memoryview's flags define contiguity (1-D: stride == itemsize
 * or a single item; N-D: empty views are contiguous). A NULL shape (1-D
 * PyBUF_SIMPLE) or NULL strides (C order) are allowed. The C twin of
 * gomvgo_contiguity. */
int gomv_layout_flags(const Py_buffer *v);
/* The same without GOMV_BADLEN, for a layout whose len is known to be
 * product(shape) * itemsize. */
int gomv_layout_contiguity(const Py_buffer *v);

/* The descriptor of v for Go (format NULL reads as "B"). A missing shape
 * or strides is filled in C order into scratch_shape/scratch_strides
 * (GOMV_MAX_NDIM entries each; may be NULL when v has both). */
void gomv_buf_of(const Py_buffer *v, gomv_buf *out,
                 Py_ssize_t *scratch_shape, Py_ssize_t *scratch_strides);

#endif
