/* count() and index() (Python 3.14+): items compared with == in order,
 * as the built-in does: count through iteration (so the errors of iter(m)),
 * index by position within start:stop, each item read anew (a comparison
 * may release the view in between). */
#include "mv_items.h"

#if PY_VERSION_HEX >= 0x030E0000

PyObject *
gomv_mv_count(gomv_mv *self, PyObject *value)
{
    PyObject *it = gomv_mv_iter(self), *item;
    Py_ssize_t n = 0;

    if (it == NULL)
        return NULL;
    while ((item = PyIter_Next(it)) != NULL) {
        int eq = item == value ? 1 : PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (eq < 0) {
            Py_DECREF(it);
            return NULL;
        }
        n += eq;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return NULL;
    return PyLong_FromSsize_t(n);
}

/* A start or stop argument: an index, clamped to Py_ssize_t. */
static int
slice_bound(PyObject *o, Py_ssize_t *out)
{
    if (!PyIndex_Check(o)) {
        PyErr_SetString(PyExc_TypeError,
                        "slice indices must be integers or have an __index__ method");
        return -1;
    }
    *out = PyNumber_AsSsize_t(o, NULL);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static PyObject *
index_scan(gomv_mv *self, PyObject *value, Py_ssize_t start, Py_ssize_t stop)
{
    Py_ssize_t n = self->view.shape[0], i;

    if (start < 0)
        start = start + n > 0 ? start + n : 0;
    if (stop < 0)
        stop = stop + n > 0 ? stop + n : 0;
    if (stop > n)
        stop = n;
    for (i = start; i < stop; i++) {
        PyObject *item = gomv_mv_item(self, i);
        int eq;
        if (item == NULL)
            return NULL;
        eq = item == value ? 1 : PyObject_RichCompareBool(item, value, Py_EQ);
        Py_DECREF(item);
        if (eq < 0)
            return NULL;
        if (eq)
            return PyLong_FromSsize_t(i);
    }
    PyErr_SetString(PyExc_ValueError, "memoryview.index(x): x not found");
    return NULL;
}

PyObject *
gomv_mv_index(gomv_mv *self, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX;

    if (nargs < 1 || nargs > 3) {
        PyErr_Format(PyExc_TypeError, "index expected at %s %d argument%s, got %zd",
                     nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3, nargs < 1 ? "" : "s",
                     nargs);
        return NULL;
    }
    if ((nargs > 1 && slice_bound(args[1], &start) < 0) ||
        (nargs > 2 && slice_bound(args[2], &stop) < 0))
        return NULL;
    if (gomv_mv_inaccessible(self) < 0)
        return NULL;
    if (self->view.ndim == 0) {
        PyErr_SetString(PyExc_TypeError, "invalid lookup on 0-dim memory");
        return NULL;
    }
    if (self->view.ndim != 1) {
        PyErr_SetString(PyExc_NotImplementedError,
                        "multi-dimensional lookup is not implemented");
        return NULL;
    }
    return index_scan(self, args[0], start, stop);
}

#endif
