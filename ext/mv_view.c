/* Views: construction on a managed buffer, layout flags, release and the
 * object's lifetime (GC, weakrefs). */
#include "mv.h"

PyTypeObject *gomv_mv_type;

int
gomv_mv_check_released(gomv_mv *self)
{
    return (self->flags & GOMV_RELEASED) ? gomv_mv_check_released_memory() : 0;
}

int
gomv_mv_check_released_memory(void)
{
    PyErr_SetString(PyExc_ValueError, "operation forbidden on released memoryview object");
    return -1;
}

void
gomv_buf_of_mv(gomv_mv *mv, gomv_buf *out)
{
    /* a view always has its shape and strides: no scratch needed */
    gomv_buf_of(&mv->view, out, NULL, NULL);
}

void
gomv_mv_init_flags(gomv_mv *mv)
{
    int f = gomv_layout_flags(&mv->view);
    if (!gomv_fast && !(f & (GOMV_SCALAR | GOMV_PIL))) {
        gomv_buf b;
        int c;
        gomv_buf_of_mv(mv, &b);
        c = gomv_core_contiguity(&b);
        f = (f & ~(GOMV_C | GOMV_F)) | (c > 0 ? c & (GOMV_C | GOMV_F) : 0);
    }
    mv->flags = (mv->flags & GOMV_RELEASED) | f;
}

/* Copy src's shape, strides and suboffsets into v (whose arrays are set). */
static void
copy_dims(Py_buffer *v, const Py_buffer *src)
{
    int i, nd = v->ndim;
    if (nd == 1) {
        /* A 1-D exporter may leave out shape and strides (PyBUF_SIMPLE). */
        v->shape[0] = src->shape ? src->shape[0]
                                 : (src->itemsize ? src->len / src->itemsize : 0);
        v->strides[0] = src->strides ? src->strides[0] : src->itemsize;
    }
    else if (nd > 1) {
        Py_ssize_t sd = src->itemsize;
        for (i = 0; i < nd; i++)
            v->shape[i] = src->shape[i];
        for (i = nd - 1; i >= 0; i--) {
            v->strides[i] = src->strides ? src->strides[i] : sd;
            sd *= v->shape[i];
        }
    }
    if (src->suboffsets && nd > 0) {
        v->suboffsets = v->strides + nd;
        for (i = 0; i < nd; i++)
            v->suboffsets[i] = src->suboffsets[i];
    }
}

gomv_mv *
gomv_view_alloc(PyTypeObject *tp, gomv_mbuf *mbuf, int nd)
{
    gomv_mv *mv = PyObject_GC_NewVar(gomv_mv, tp, 3 * nd);
    Py_buffer *v;

    if (mv == NULL)
        return NULL;
    mv->hash = -1;
    mv->flags = 0;
    mv->exports = 0;
    mv->weakreflist = NULL;
    v = &mv->view;
    v->obj = NULL;
    v->internal = NULL;
    v->ndim = nd;
    /* A 0-d view has no shape or strides at all, as built-in: consumers
     * (e.g. _testbuffer) treat a non-NULL shape as something to index. */
    v->shape = nd > 0 ? mv->arr : NULL;
    v->strides = nd > 0 ? mv->arr + nd : NULL;
    v->suboffsets = NULL;
    Py_INCREF(mbuf);
    mv->mbuf = mbuf;
    mbuf->views++;
    return mv;
}

gomv_mv *
gomv_view_derive(PyTypeObject *tp, gomv_mbuf *mbuf, const Py_buffer *src, char code, int flags)
{
    int nd = src->ndim;
    gomv_mv *mv;
    Py_buffer *v;

    if (nd > GOMV_MAX_NDIM) {
        PyErr_SetString(PyExc_ValueError, "memoryview: number of dimensions must not exceed 64");
        return NULL;
    }
    if (nd < 0) {
        PyErr_SetString(PyExc_ValueError, "memoryview: negative number of dimensions");
        return NULL;
    }
    mv = gomv_view_alloc(tp, mbuf, nd);
    if (mv == NULL)
        return NULL;
    v = &mv->view;
    v->buf = src->buf;
    v->len = src->len;
    v->itemsize = src->itemsize;
    v->readonly = src->readonly;
    v->format = src->format ? src->format : "B";
    copy_dims(v, src);
    mv->code = code;
    if (flags >= 0)
        mv->flags = flags;
    else if (gomv_fast)
        mv->flags = gomv_layout_flags(v);   /* gomv_mv_init_flags' answer */
    else
        gomv_mv_init_flags(mv);
    PyObject_GC_Track(mv);
    return mv;
}

gomv_mv *
gomv_mv_derive(gomv_mbuf *mbuf, const Py_buffer *src, char code, int flags)
{
    return gomv_view_derive(gomv_mv_type, mbuf, src, code, flags);
}

/* A view of type tp with code and flags computed (an ndview's code is
 * set again by its constructor). */
/* Inlined into its callers: a call chain of five functions was a tenth
 * of what gomv.memoryview(x) executes. */
static inline __attribute__((always_inline)) gomv_mv *
from_mbuf(PyTypeObject *tp, gomv_mbuf *mbuf, const Py_buffer *src)
{
    return gomv_view_derive(tp, mbuf, src, gomv_native_code(src->format ? src->format : "B"), -1);
}

gomv_mv *
gomv_mv_from_mbuf(gomv_mbuf *mbuf, const Py_buffer *src)
{
    return from_mbuf(gomv_mv_type, mbuf, src);
}

/* A view of type tp of the exporter's buffer, got with flags. */
static inline __attribute__((always_inline)) PyObject *
from_exporter(PyTypeObject *tp, PyObject *obj, int flags)
{
    gomv_mbuf *mbuf = gomv_mbuf_from_object(obj, flags);
    gomv_mv *mv;
    if (mbuf == NULL)
        return NULL;
    mv = from_mbuf(tp, mbuf, &mbuf->master);
    /* The view holds the buffer now; on failure this releases it. */
    Py_DECREF(mbuf);
    return (PyObject *)mv;
}

/* A view with the layout of b (a built-in memoryview's, read through an
 * export of it) on what b views, base: the buffer of one of ours is
 * shared (a built-in view stands for one of ours here, so .obj is what ours
 * reports, as a view of views reports the bottom exporter); any other
 * exporter is asked for its buffer again, and b's format copied unless
 * that buffer has the same. */
static PyObject *
share_base(PyTypeObject *tp, PyObject *base, Py_buffer *b)
{
    gomv_mbuf *mbuf;
    gomv_mv *mv;
    const char *fmt = b->format ? b->format : "B";

    if (gomv_mv_Check(base) || Py_IS_TYPE(base, tp))
        return (PyObject *)from_mbuf(tp, ((gomv_mv *)base)->mbuf, b);
    mbuf = gomv_mbuf_from_object(base, PyBUF_FULL_RO);
    if (mbuf == NULL)
        return NULL;
    if (mbuf->master.format != NULL && strcmp(mbuf->master.format, fmt) == 0)
        b->format = mbuf->master.format;
    else if ((b->format = (char *)gomv_mbuf_keep_format(mbuf, fmt)) == NULL) {
        Py_DECREF(mbuf);
        return NULL;
    }
    mv = from_mbuf(tp, mbuf, b);
    Py_DECREF(mbuf);
    return (PyObject *)mv;
}

/* memoryview(b) of a built-in memoryview b: like the built-in's, it views
 * what b views rather than holding an export of b, so b can be released
 * and .obj is the exporter. (An export held on b would also put b in
 * gh-77894's crash on 3.11 and 3.12 < 3.12.7 when both end in a cycle.)
 * A view made by PyMemoryView_FromMemory has no exporter: then b itself
 * is held, and .obj is None as with the built-in. */
static PyObject *
from_builtin_view(PyTypeObject *tp, PyObject *bv, int flags)
{
    Py_buffer b;
    PyObject *base = PyMemoryView_GET_BASE(bv), *res;

    if (base == NULL) {
        res = from_exporter(tp, bv, flags);
        if (res != NULL) {
            gomv_mbuf *mbuf = ((gomv_mv *)res)->mbuf;
            mbuf->base = Py_NewRef(Py_None);
        }
        return res;
    }
    /* Raises the built-in's ValueError if bv is released. */
    if (PyObject_GetBuffer(bv, &b, PyBUF_FULL_RO) < 0)
        return NULL;
    Py_INCREF(base);
    res = share_base(tp, base, &b);
    Py_DECREF(base);
    PyBuffer_Release(&b);
    return res;
}

PyObject *
gomv_view_from_object(PyTypeObject *tp, PyObject *obj, int flags)
{
    if (gomv_mv_Check(obj) || Py_IS_TYPE(obj, tp)) {
        /* A view of one of ours shares its managed buffer: .obj stays the
         * original exporter. The request flags do not apply (as built-in). */
        gomv_mv *src = (gomv_mv *)obj;
        if (GOMV_CHECK_RELEASED(src) < 0)
            return NULL;
        return (PyObject *)gomv_view_derive(tp, src->mbuf, &src->view, src->code,
                                            src->flags & ~GOMV_RELEASED);
    }
    if (PyMemoryView_Check(obj))
        return from_builtin_view(tp, obj, flags);
    /* PyObject_CheckBuffer's test, read from the type: no call */
    if (Py_TYPE(obj)->tp_as_buffer == NULL || Py_TYPE(obj)->tp_as_buffer->bf_getbuffer == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "memoryview: a bytes-like object is required, not '%.200s'",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return from_exporter(tp, obj, flags);
}

PyObject *
gomv_mv_from_object(PyObject *obj, int flags)
{
    return gomv_view_from_object(gomv_mv_type, obj, flags);
}

/* ---- release and lifetime ---- */

int
gomv_mv_release(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED)
        return 0;
    if (self->exports == 0) {
        self->flags |= GOMV_RELEASED;
        if (self->mbuf != NULL && --self->mbuf->views == 0)
            gomv_mbuf_release(self->mbuf);
        return 0;
    }
    if (self->exports > 0) {
        PyErr_Format(PyExc_BufferError, "memoryview has %zd exported buffer%s",
                     self->exports, self->exports == 1 ? "" : "s");
        return -1;
    }
    PyErr_SetString(PyExc_SystemError, "_memory_release(): negative export count");
    return -1;
}

void
gomv_mv_dealloc(gomv_mv *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    if (gomv_mv_release(self) < 0)
        PyErr_WriteUnraisable((PyObject *)self);
    Py_CLEAR(self->mbuf);
    if (self->weakreflist != NULL)
        PyObject_ClearWeakRefs((PyObject *)self);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

int
gomv_mv_traverse(gomv_mv *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->mbuf);
    return 0;
}

int
gomv_mv_clear(gomv_mv *self)
{
    if (gomv_mv_release(self) < 0)
        PyErr_Clear();
    Py_CLEAR(self->mbuf);
    return 0;
}
