/* Attributes, repr, release() and the context manager, toreadonly(). */
#include "mv.h"

PyObject *
gomv_mv_release_method(gomv_mv *self, PyObject *unused)
{
    if (gomv_mv_release(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *
gomv_mv_enter(gomv_mv *self, PyObject *unused)
{
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

PyObject *
gomv_mv_exit(gomv_mv *self, PyObject *args)
{
    return gomv_mv_release_method(self, NULL);
}

static PyObject *
ssize_tuple(int n, const Py_ssize_t *vals)
{
    PyObject *t;
    int i;
    if (vals == NULL)
        return PyTuple_New(0);
    t = PyTuple_New(n);
    if (t == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *x = PyLong_FromSsize_t(vals[i]);
        if (x == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, x);
    }
    return t;
}

#define GET_CHECKED(self) \
    do { if (GOMV_CHECK_RELEASED(self) < 0) return NULL; } while (0)

static PyObject *
get_obj(gomv_mv *self, void *c)
{
    PyObject *o;
    GET_CHECKED(self);
    o = (self->mbuf && !self->mbuf->released) ? GOMV_MBUF_OBJ(self->mbuf) : NULL;
    if (o == NULL)
        Py_RETURN_NONE;
    Py_INCREF(o);
    return o;
}

static PyObject *
get_nbytes(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyLong_FromSsize_t(self->view.len);
}

static PyObject *
get_readonly(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyBool_FromLong(self->view.readonly);
}

static PyObject *
get_itemsize(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyLong_FromSsize_t(self->view.itemsize);
}

static PyObject *
get_format(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyUnicode_FromString(self->view.format);
}

static PyObject *
get_ndim(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyLong_FromLong(self->view.ndim);
}

static PyObject *
get_shape(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return ssize_tuple(self->view.ndim, self->view.shape);
}

static PyObject *
get_strides(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return ssize_tuple(self->view.ndim, self->view.strides);
}

static PyObject *
get_suboffsets(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return ssize_tuple(self->view.ndim, self->view.suboffsets);
}

static PyObject *
get_c_contiguous(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyBool_FromLong((self->flags & (GOMV_SCALAR | GOMV_C)) != 0);
}

static PyObject *
get_f_contiguous(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyBool_FromLong((self->flags & (GOMV_SCALAR | GOMV_F)) != 0);
}

static PyObject *
get_contiguous(gomv_mv *self, void *c)
{
    GET_CHECKED(self);
    return PyBool_FromLong((self->flags & (GOMV_SCALAR | GOMV_C | GOMV_F)) != 0);
}

PyGetSetDef gomv_mv_getset[] = {
    {"obj", (getter)get_obj, NULL, "The underlying object of the memoryview.", NULL},
    {"nbytes", (getter)get_nbytes, NULL,
     "The amount of space in bytes that the array would use in\n"
     " a contiguous representation.", NULL},
    {"readonly", (getter)get_readonly, NULL,
     "A bool indicating whether the memory is read only.", NULL},
    {"itemsize", (getter)get_itemsize, NULL,
     "The size in bytes of each element of the memoryview.", NULL},
    {"format", (getter)get_format, NULL,
     "A string containing the format (in struct module style)\n"
     " for each element in the view.", NULL},
    {"ndim", (getter)get_ndim, NULL,
     "An integer indicating how many dimensions of a multi-dimensional\n"
     " array the memory represents.", NULL},
    {"shape", (getter)get_shape, NULL,
     "A tuple of ndim integers giving the shape of the memory\n"
     " as an N-dimensional array.", NULL},
    {"strides", (getter)get_strides, NULL,
     "A tuple of ndim integers giving the size in bytes to access\n"
     " each element for each dimension of the array.", NULL},
    {"suboffsets", (getter)get_suboffsets, NULL,
     "A tuple of integers used internally for PIL-style arrays.", NULL},
    {"c_contiguous", (getter)get_c_contiguous, NULL,
     "A bool indicating whether the memory is C contiguous.", NULL},
    {"f_contiguous", (getter)get_f_contiguous, NULL,
     "A bool indicating whether the memory is Fortran contiguous.", NULL},
    {"contiguous", (getter)get_contiguous, NULL,
     "A bool indicating whether the memory is contiguous.", NULL},
    {NULL},
};

/* ---- repr, toreadonly ---- */

PyObject *
gomv_mv_repr(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED)
        return PyUnicode_FromFormat("<released memory at %p>", self);
    return PyUnicode_FromFormat("<memory at %p>", self);
}

PyObject *
gomv_mv_toreadonly(gomv_mv *self, PyObject *unused)
{
    gomv_mv *mv;
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    mv = gomv_mv_derive(self->mbuf, &self->view, self->code, self->flags & ~GOMV_RELEASED);
    if (mv == NULL)
        return NULL;
    mv->view.readonly = 1;
    return (PyObject *)mv;
}
