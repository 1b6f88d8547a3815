/* The buffer protocol: what a view exports to consumers (bytes(m),
 * memoryview(m), numpy), with the built-in's checks of the request flags. */
#include "mv.h"

#define REQ(flags, f) (((flags) & (f)) == (f))

int
gomv_mv_getbuffer(gomv_mv *self, Py_buffer *view, int flags)
{
    const Py_buffer *base = &self->view;
    int bf = self->flags;
    const int c_ok = bf & (GOMV_SCALAR | GOMV_C);
    const int f_ok = bf & (GOMV_SCALAR | GOMV_F);

    if (GOMV_CHECK_RELEASED(self) < 0)
        return -1;
    *view = *base;
    view->obj = NULL;

    if (bf & GOMV_BADLEN) {
        PyErr_SetString(PyExc_BufferError,
                        "memoryview: the exporter's len is not product(shape) * itemsize");
        return -1;
    }

    if ((flags & PyBUF_WRITABLE) && base->readonly) {
        PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not writable");
        return -1;
    }
    if (!(flags & PyBUF_FORMAT))
        view->format = NULL;
    if (REQ(flags, PyBUF_C_CONTIGUOUS) && !c_ok) {
        PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
        return -1;
    }
    if (REQ(flags, PyBUF_F_CONTIGUOUS) && !f_ok) {
        PyErr_SetString(PyExc_BufferError,
                        "memoryview: underlying buffer is not Fortran contiguous");
        return -1;
    }
    if (REQ(flags, PyBUF_ANY_CONTIGUOUS) && !(c_ok || f_ok)) {
        PyErr_SetString(PyExc_BufferError, "memoryview: underlying buffer is not contiguous");
        return -1;
    }
    if (!REQ(flags, PyBUF_INDIRECT) && (bf & GOMV_PIL)) {
        PyErr_SetString(PyExc_BufferError,
                        "memoryview: underlying buffer requires suboffsets");
        return -1;
    }
    if (!REQ(flags, PyBUF_STRIDES)) {
        if (!c_ok) {
            PyErr_SetString(PyExc_BufferError,
                            "memoryview: underlying buffer is not C-contiguous");
            return -1;
        }
        view->strides = NULL;
    }
    if (!REQ(flags, PyBUF_ND)) {
        /* A plain byte request: the memory is C-contiguous here, seen as
         * len unsigned bytes; a format would contradict that. */
        if (view->format != NULL) {
            PyErr_SetString(PyExc_BufferError,
                            "memoryview: cannot cast to unsigned bytes if the format flag is present");
            return -1;
        }
        view->ndim = 1;
        view->shape = NULL;
    }
    Py_INCREF(self);
    view->obj = (PyObject *)self;
    self->exports++;
    return 0;
}

void
gomv_mv_releasebuffer(gomv_mv *self, Py_buffer *view)
{
    self->exports--;
}
