/* The buffer protocol: what a view exports to consumers (bytes(m),
 * memoryview(m), numpy), with the built-in's checks of the request flags. */
#include "mv.h"

#define REQ(flags, f) (((flags) & (f)) == (f))

/* BufferError with msg; -1. */
static int
refuse(const char *msg)
{
    PyErr_SetString(PyExc_BufferError, msg);
    return -1;
}

/* The checks of what the request asks of the layout (flags bf), in the
 * built-in's order. */
static int
check_request(int bf, int readonly, int flags)
{
    const int c_ok = bf & (GOMV_SCALAR | GOMV_C);
    const int f_ok = bf & (GOMV_SCALAR | GOMV_F);

    if (bf & GOMV_BADLEN)
        return refuse("memoryview: the exporter's len is not product(shape) * itemsize");
    if ((flags & PyBUF_WRITABLE) && readonly)
        return refuse("memoryview: underlying buffer is not writable");
    if (REQ(flags, PyBUF_C_CONTIGUOUS) && !c_ok)
        return refuse("memoryview: underlying buffer is not C-contiguous");
    if (REQ(flags, PyBUF_F_CONTIGUOUS) && !f_ok)
        return refuse("memoryview: underlying buffer is not Fortran contiguous");
    if (REQ(flags, PyBUF_ANY_CONTIGUOUS) && !(c_ok || f_ok))
        return refuse("memoryview: underlying buffer is not contiguous");
    if (!REQ(flags, PyBUF_INDIRECT) && (bf & GOMV_PIL))
        return refuse("memoryview: underlying buffer requires suboffsets");
    if (!REQ(flags, PyBUF_STRIDES) && !c_ok)
        return refuse("memoryview: underlying buffer is not C-contiguous");
    /* A plain byte request: the memory is C-contiguous here, seen as len
     * unsigned bytes; a format would contradict that. */
    if (!REQ(flags, PyBUF_ND) && (flags & PyBUF_FORMAT))
        return refuse("memoryview: cannot cast to unsigned bytes if the format flag is present");
    return 0;
}

int
gomv_mv_getbuffer(gomv_mv *self, Py_buffer *view, int flags)
{
    view->obj = NULL;
    if (GOMV_CHECK_RELEASED(self) < 0 ||
        check_request(self->flags, self->view.readonly, flags) < 0)
        return -1;
    *view = self->view;
    if (!(flags & PyBUF_FORMAT))
        view->format = NULL;
    if (!REQ(flags, PyBUF_STRIDES))
        view->strides = NULL;
    if (!REQ(flags, PyBUF_ND)) {
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
