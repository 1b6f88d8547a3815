/* Slices of exact ints and None read without calls into the interpreter:
 * PySlice_Unpack's and PySlice_AdjustIndices's results, inline, for the
 * slices subscripts nearly always get. Anything else (bounds with
 * __index__, step 0) is left to PySlice_Unpack and its errors. Shared by
 * memoryview's m[a:b] (mv_item.c) and ndview's keys (nd_key.c). */
#ifndef GOMV_MV_SLICE_H
#define GOMV_MV_SLICE_H

#include "mv.h"

/* A bound of a slice that is None (none is then its value) or an exact
 * int, as PySlice_Unpack reads it (clamped to Py_ssize_t); 0 if it is
 * something else. */
static inline int
gomv_slice_bound(PyObject *o, Py_ssize_t none, Py_ssize_t *out)
{
    if (o == Py_None) {
        *out = none;
        return 1;
    }
    if (!PyLong_CheckExact(o))
        return 0;
#if PY_VERSION_HEX >= 0x030C0000
    if (PyUnstable_Long_IsCompact((PyLongObject *)o)) {
        *out = PyUnstable_Long_CompactValue((PyLongObject *)o);
        return 1;
    }
#endif
    *out = PyLong_AsSsize_t(o);
    if (*out == -1 && PyErr_Occurred()) {
        /* beyond Py_ssize_t: clamped by its sign */
        PyErr_Clear();
        *out = PyLong_AsDouble(o) < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    }
    return 1;
}

/* start, stop, step of the slice o whose bounds are None or exact ints,
 * as PySlice_Unpack gives them; 0 for any other slice (and step 0). */
static inline int
gomv_slice_plain(PyObject *o, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step)
{
    PySliceObject *sl = (PySliceObject *)o;

    if (!gomv_slice_bound(sl->step, 1, step) || *step == 0)
        return 0;
    if (*step < -PY_SSIZE_T_MAX)
        *step = -PY_SSIZE_T_MAX;
    return gomv_slice_bound(sl->start, *step < 0 ? PY_SSIZE_T_MAX : 0, start)
           && gomv_slice_bound(sl->stop, *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX, stop);
}

/* One bound of a slice as PySlice_AdjustIndices clamps it. */
static inline Py_ssize_t
gomv_slice_clamp(Py_ssize_t b, Py_ssize_t length, Py_ssize_t step)
{
    if (b < 0) {
        b += length;
        return b < 0 ? (step < 0 ? -1 : 0) : b;
    }
    return b >= length ? (step < 0 ? length - 1 : length) : b;
}

/* PySlice_AdjustIndices inline, without its division for step 1 (the
 * usual slices: a 64-bit division costs more than the rest of them). */
static inline Py_ssize_t
gomv_slice_adjust(Py_ssize_t length, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t step)
{
    *start = gomv_slice_clamp(*start, length, step);
    *stop = gomv_slice_clamp(*stop, length, step);
    if (step == 1)
        return *start < *stop ? *stop - *start : 0;
    if (step < 0)
        return *stop < *start ? (*start - *stop - 1) / -step + 1 : 0;
    return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
}

#endif
