/* Argument parsing with the running version's Argument Clinic messages
 * (see mv.h). */
#include "mv.h"

/* Find the keyword argument called name; borrowed, NULL if absent. */
static PyObject *
find_kw(const char *name, PyObject *const *kwvals, PyObject *kwnames, PyObject *kwdict)
{
    Py_ssize_t i, n;
    if (kwdict != NULL) {
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwdict, &pos, &key, &value))
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, name) == 0)
                return value;
        return NULL;
    }
    if (kwnames == NULL)
        return NULL;
    n = PyTuple_GET_SIZE(kwnames);
    for (i = 0; i < n; i++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, i);
        if (PyUnicode_CompareWithASCIIString(key, name) == 0)
            return kwvals[i];
    }
    return NULL;
}

static int
is_param(PyObject *key, const char *const *kwlist)
{
    for (; *kwlist; kwlist++)
        if (PyUnicode_CompareWithASCIIString(key, *kwlist) == 0)
            return 1;
    return 0;
}

/* TypeError for a keyword that names no parameter, worded as the running
 * version's clinic words it. */
static int
unexpected_keyword(const char *fname, PyObject *key)
{
#if PY_VERSION_HEX >= 0x030D0000
    PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
#else
    PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %s()", key, fname);
#endif
    return -1;
}

/* After the parameters are filled and nkw keywords are left unmatched:
 * a parameter given by name and position, else the first keyword that
 * names no parameter. */
static int
leftover_keywords(const char *fname, const char *const *kwlist, Py_ssize_t nargs,
                  PyObject *const *kwvals, PyObject *kwnames, PyObject *kwdict)
{
    PyObject *key, *value;
    Py_ssize_t i, pos = 0;

    for (i = 0; i < nargs; i++) {
        if (find_kw(kwlist[i], kwvals, kwnames, kwdict) != NULL) {
            PyErr_Format(PyExc_TypeError,
                         "argument for %s() given by name ('%s') and position (%zd)",
                         fname, kwlist[i], i + 1);
            return -1;
        }
    }
    if (kwdict != NULL) {
        while (PyDict_Next(kwdict, &pos, &key, &value)) {
            if (!PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "keywords must be strings");
                return -1;
            }
            if (!is_param(key, kwlist))
                return unexpected_keyword(fname, key);
        }
        return 0;
    }
    for (i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
        key = PyTuple_GET_ITEM(kwnames, i);
        if (!is_param(key, kwlist))
            return unexpected_keyword(fname, key);
    }
    return 0;
}

/* The clinic's unpacking order: too many arguments, then each parameter
 * in turn (a missing required one stops), then a parameter given both ways,
 * then an unknown keyword. */
int
gomv_parse_args_full(const char *fname, const char *const *kwlist, int nreq, int nmax,
                     PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames, PyObject *kwdict, PyObject **out)
{
    Py_ssize_t nkw = 0, i;
    PyObject *const *kwvals = args + nargs;

    if (kwdict != NULL)
        nkw = PyDict_GET_SIZE(kwdict);
    else if (kwnames != NULL)
        nkw = PyTuple_GET_SIZE(kwnames);

    if (nargs + nkw > nmax) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d %sargument%s (%zd given)",
                     fname, nmax, nargs == 0 ? "keyword " : "", nmax == 1 ? "" : "s",
                     nargs + nkw);
        return -1;
    }
    for (i = 0; i < nargs; i++)
        out[i] = args[i];
    for (i = nargs; i < nmax; i++) {
        PyObject *v = NULL;
        if (nkw > 0)
            v = find_kw(kwlist[i], kwvals, kwnames, kwdict);
        else if (i >= nreq)
            break;
        out[i] = v;
        if (v != NULL) {
            nkw--;
        }
        else if (i < nreq) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)",
                         fname, kwlist[i], i + 1);
            return -1;
        }
    }
    if (nkw > 0)
        return leftover_keywords(fname, kwlist, nargs, kwvals, kwnames, kwdict);
    return 0;
}

int
gomv_as_int(PyObject *o, int *out)
{
    int overflow;
    long v = PyLong_AsLongAndOverflow(o, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (overflow || v > INT_MAX || v < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = (int)v;
    return 0;
}

int
gomv_as_ssize(PyObject *o, Py_ssize_t *out)
{
    PyObject *i = PyNumber_Index(o);
    Py_ssize_t v;
    if (i == NULL)
        return -1;
    v = PyLong_AsSsize_t(i);
    Py_DECREF(i);
    if (v == -1 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

void
gomv_bad_argument(const char *fname, const char *what, const char *expected, PyObject *arg)
{
    PyErr_Format(PyExc_TypeError, "%s() %s must be %s, not %.50s", fname, what, expected,
                 arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}
