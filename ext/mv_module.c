/* gomv._mv: creates the memoryview type (and its managed-buffer and
 * iterator types), the ndview type (and its iterator), and the private
 * functions the tests and the benchmark use (gomv._mv._debug_*,
 * _bulk_workers). */
#include "nd.h"

PyTypeObject *gomv_iter_type;

/* _debug_go_panic(msg, after=0): after == 0 makes a Go entry point panic
 * with msg right away, through the same recover path as any other (so the
 * call raises SystemError "gomv: internal error in Go: msg"); after > 0
 * arms Go so that the after-th bulk Go call from now (tobytes, hex, == or
 * slice assignment) panics instead; after < 0 disarms. */
static PyObject *
debug_go_panic(PyObject *mod, PyObject *args)
{
    const char *msg;
    long long after = 0;

    if (!PyArg_ParseTuple(args, "s|L:_debug_go_panic", &msg, &after))
        return NULL;
    if (gomv_core_debug_panic(msg, after) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* _debug_chunk(nbytes): set the size of the pieces bulk work is cut into
 * (also the most a C fast path copies in one go); returns the old one.
 * Tiny pieces push small views through the piecewise paths. */
static PyObject *
debug_chunk(PyObject *mod, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg), old = gomv_piece;
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 1) {
        PyErr_SetString(PyExc_ValueError, "chunk size must be >= 1");
        return NULL;
    }
    gomv_piece = n;
    return PyLong_FromSsize_t(old);
}

/* _bulk_workers(n): the most goroutines bulk work uses (0: GOMAXPROCS);
 * returns the old setting. */
static PyObject *
bulk_workers(PyObject *mod, PyObject *arg)
{
    int n, old = gomv_workers;
    if (gomv_as_int(arg, &n) < 0)
        return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "workers must be >= 0");
        return NULL;
    }
    gomv_workers = n;
    return PyLong_FromLong(old);
}

/* _gomaxprocs(): the Go runtime's GOMAXPROCS (the benchmark's header). */
static PyObject *
gomaxprocs(PyObject *mod, PyObject *unused)
{
    int n = gomv_core_gomaxprocs();
    return n < 0 ? NULL : PyLong_FromLong(n);
}

static PyMethodDef module_methods[] = {
    {"_debug_go_panic", debug_go_panic, METH_VARARGS, NULL},
    {"_debug_chunk", debug_chunk, METH_O, NULL},
    {"_bulk_workers", bulk_workers, METH_O, NULL},
    {"_gomaxprocs", gomaxprocs, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef mv_module = {
    PyModuleDef_HEAD_INIT, "gomv._mv",
    "The memoryview type of gomv (C layer over the Go core).", -1, module_methods,
};

/* A type whose tp_name is the spec's bare name (messages read as the
 * built-in's: "'memoryview' object ...") while __module__ is the given
 * module. The type is made from a copy of the spec named module.name,
 * since a bare spec name leaves __module__ unset and warns
 * (DeprecationWarning) at creation; then tp_name is pointed back at the
 * bare name, which lives in static storage. */
static PyTypeObject *
make_type(PyType_Spec *spec, const char *qualified)
{
    PyType_Spec s = *spec;
    PyTypeObject *tp;

    s.name = qualified;
    tp = (PyTypeObject *)PyType_FromSpec(&s);
    if (tp == NULL)
        return NULL;
    if (strchr(spec->name, '.') == NULL)
        tp->tp_name = spec->name;
    PyType_Modified(tp);
    return tp;
}

static int
make_nd_types(void)
{
    if (gomv_nd_iter_type == NULL) {
        gomv_nd_iter_type = (PyTypeObject *)PyType_FromSpec(&gomv_nd_iter_spec);
        if (gomv_nd_iter_type == NULL)
            return -1;
    }
    if (gomv_nd_type == NULL) {
        PyTypeObject *tp;
        if (gomv_nd_spec_ready() < 0)
            return -1;
        if ((tp = (PyTypeObject *)PyType_FromSpec(&gomv_nd_spec)) == NULL)
            return -1;
        gomv_nd_type_ready(tp);
        PyType_Modified(tp);
        gomv_nd_type = tp;
    }
    return 0;
}

static int
make_types(void)
{
    if (gomv_mbuf_type == NULL) {
        gomv_mbuf_type = (PyTypeObject *)PyType_FromSpec(&gomv_mbuf_spec);
        if (gomv_mbuf_type == NULL)
            return -1;
    }
    if (gomv_iter_type == NULL) {
        /* __module__ "builtins", as the built-in's iterator (mv_iter.c). */
        gomv_iter_type = make_type(&gomv_iter_spec, "builtins.memory_iterator");
        if (gomv_iter_type == NULL)
            return -1;
    }
    if (gomv_mv_type == NULL) {
        PyTypeObject *tp = make_type(&gomv_mv_spec, "builtins.memoryview");
        if (tp == NULL)
            return -1;
        gomv_mv_type_ready(tp);
        PyType_Modified(tp);
        gomv_mv_type = tp;
    }
    return make_nd_types();
}

PyMODINIT_FUNC
PyInit__mv(void)
{
    PyObject *m;
    const char *env = getenv("GOMV_NO_FASTPATH");

    gomv_fast = !(env != NULL && env[0] != '\0' && strcmp(env, "0") != 0);
    if (gomv_forked)
        gomv_fast = 1;
    if (gomv_fork_init() < 0)
        return PyErr_NoMemory();
    if (gomv_native_init() < 0 || gomv_byte_ints_init() < 0)
        return NULL;
    if (make_types() < 0)
        return NULL;
    m = PyModule_Create(&mv_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddObjectRef(m, "memoryview", (PyObject *)gomv_mv_type) < 0 ||
        PyModule_AddObjectRef(m, "ndview", (PyObject *)gomv_nd_type) < 0 ||
        PyModule_AddIntConstant(m, "fastpath", gomv_fast) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
