/* The managed buffer: one exporter's buffer shared by all the views made
 * from it (constructor, slices, casts, toreadonly, views of views).
 *
 * The exporter is asked for its buffer once and released once, when the
 * last registered view goes (dealloc or release()); a view registers in
 * gomv_mv_from_mbuf and unregisters when it is released. The object is
 * GC-tracked while it holds the exporter, so a cycle running through the
 * exporter (an object holding a view of itself) is collected. */
#include "mv.h"

PyTypeObject *gomv_mbuf_type;

gomv_mbuf *
gomv_mbuf_from_object(PyObject *exporter, int flags)
{
    gomv_mbuf *mbuf = PyObject_GC_New(gomv_mbuf, gomv_mbuf_type);
    if (mbuf == NULL)
        return NULL;
    mbuf->views = 0;
    mbuf->base = NULL;
    /* Until the exporter has filled master there is nothing to release. */
    mbuf->released = 1;
    memset(&mbuf->master, 0, sizeof(mbuf->master));
    if (PyObject_GetBuffer(exporter, &mbuf->master, flags) < 0) {
        Py_DECREF(mbuf);
        return NULL;
    }
    mbuf->released = 0;
    mbuf->base = NULL;
    if (PyMemoryView_Check(exporter)) {
        /* A built-in memoryview is only a view: like the built-in, report
         * the object it views. The buffer stays held through it, so it
         * cannot be released while this one lives. */
        PyObject *base = PyMemoryView_GET_BASE(exporter);
        /* ...and through a built-in view of one of ours, what ours
         * reports: in the built-in's world .obj of a view of views is the
         * bottom exporter, never a view (hash() hashes that object too). */
        if (base != NULL && gomv_mv_Check(base) && ((gomv_mv *)base)->mbuf != NULL)
            base = GOMV_MBUF_OBJ(((gomv_mv *)base)->mbuf);
        mbuf->base = base;
        Py_XINCREF(mbuf->base);
    }
    PyObject_GC_Track(mbuf);
    return mbuf;
}

void
gomv_mbuf_release(gomv_mbuf *mbuf)
{
    if (mbuf->released)
        return;
    mbuf->released = 1;
    /* Nothing left to traverse. */
    PyObject_GC_UnTrack(mbuf);
    Py_CLEAR(mbuf->base);
    PyBuffer_Release(&mbuf->master);
}

static void
mbuf_dealloc(gomv_mbuf *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    gomv_mbuf_release(self);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static int
mbuf_traverse(gomv_mbuf *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    if (!self->released) {
        Py_VISIT(self->master.obj);
        Py_VISIT(self->base);
    }
    return 0;
}

static int
mbuf_clear(gomv_mbuf *self)
{
    gomv_mbuf_release(self);
    return 0;
}

static PyType_Slot mbuf_slots[] = {
    {Py_tp_dealloc, mbuf_dealloc},
    {Py_tp_traverse, mbuf_traverse},
    {Py_tp_clear, mbuf_clear},
    {0, NULL},
};

PyType_Spec gomv_mbuf_spec = {
    .name = "gomv.managedbuffer",
    .basicsize = sizeof(gomv_mbuf),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = mbuf_slots,
};
