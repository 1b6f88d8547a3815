/* The managed buffer: one exporter's buffer shared by all the views made
 * from it (constructor, slices, casts, toreadonly, views of views).
 *
 * The exporter is asked for its buffer once and released once, when the
 * last registered view goes (dealloc or release()); a view registers in
 * gomv_mv_derive and unregisters when it is released. The object is
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
    mbuf->format = NULL;
    /* Until the exporter has filled master there is nothing to release. */
    mbuf->released = 1;
    memset(&mbuf->master, 0, sizeof(mbuf->master));
    if (PyObject_GetBuffer(exporter, &mbuf->master, flags) < 0) {
        Py_DECREF(mbuf);
        return NULL;
    }
    mbuf->released = 0;
    PyObject_GC_Track(mbuf);
    return mbuf;
}

/* The formats kept are a chain: each block holds the next block's address
 * and then the string. A format already kept is handed out again. */
const char *
gomv_mbuf_keep_format(gomv_mbuf *mbuf, const char *format)
{
    size_t n = strlen(format) + 1;
    char *block;

    for (block = mbuf->format; block != NULL; block = *(char **)block)
        if (strcmp(block + sizeof(char *), format) == 0)
            return block + sizeof(char *);
    block = PyMem_Malloc(sizeof(char *) + n);
    if (block == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *(char **)block = mbuf->format;
    memcpy(block + sizeof(char *), format, n);
    mbuf->format = block;
    return block + sizeof(char *);
}

static void
free_formats(gomv_mbuf *mbuf)
{
    while (mbuf->format != NULL) {
        char *next = *(char **)mbuf->format;
        PyMem_Free(mbuf->format);
        mbuf->format = next;
    }
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
    /* Released means untracked already (the release untracks; a buffer
     * never got is never tracked): no call into the interpreter to ask. */
    gomv_mbuf_release(self);
    free_formats(self);
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
