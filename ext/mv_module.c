/* gomv._mv: creates the memoryview type (and its managed-buffer and
 * iterator types) and maps Go errors to Python exceptions. */
#include "mv.h"

int gomv_fast = 1;
PyTypeObject *gomv_iter_type;

void gomv_mv_type_ready(PyTypeObject *tp);
extern PyMethodDef gomv_debug_methods[];   /* mv_bulk.c: private test hooks */

static PyObject *struct_error;

PyObject *
gomv_raise(gomv_err *err)
{
    PyObject *exc;
    err->msg[GOMV_ERR_MSG - 1] = '\0';
    switch (err->kind) {
    case GOMV_E_VALUE: exc = PyExc_ValueError; break;
    case GOMV_E_TYPE: exc = PyExc_TypeError; break;
    case GOMV_E_INDEX: exc = PyExc_IndexError; break;
    case GOMV_E_NOTIMPL: exc = PyExc_NotImplementedError; break;
    case GOMV_E_BUFFER: exc = PyExc_BufferError; break;
    case GOMV_E_OVERFLOW: exc = PyExc_OverflowError; break;
    case GOMV_E_MEMORY:
        if (err->msg[0] == '\0')
            return PyErr_NoMemory();
        exc = PyExc_MemoryError;
        break;
    case GOMV_E_STRUCT:
        if (struct_error == NULL) {
            PyObject *mod = PyImport_ImportModule("struct");
            if (mod == NULL)
                return NULL;
            struct_error = PyObject_GetAttrString(mod, "error");
            Py_DECREF(mod);
            if (struct_error == NULL)
                return NULL;
        }
        exc = struct_error;
        break;
    default: exc = PyExc_SystemError; break;
    }
    PyErr_SetString(exc, err->msg);
    return NULL;
}

static struct PyModuleDef mv_module = {
    PyModuleDef_HEAD_INIT, "gomv._mv",
    "The memoryview type of gomv (C layer over the Go core).", -1, NULL,
};

/* A type whose tp_name is the spec's bare name (messages read as the
 * built-in's: "'memoryview' object ...") while __module__ is "gomv". The
 * type is made from a copy of the spec named module.name, since a bare
 * spec name leaves __module__ unset and warns (DeprecationWarning) at
 * creation; then tp_name is pointed back at the bare name, which lives in
 * static storage (the type's own name copy stays owned by the type). */
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

PyMODINIT_FUNC
PyInit__mv(void)
{
    PyObject *m;
    const char *env = getenv("GOMV_NO_FASTPATH");

    gomv_fast = !(env != NULL && env[0] != '\0' && strcmp(env, "0") != 0);
    if (gomv_fork_init() < 0)
        return PyErr_NoMemory();

    gomv_native_init();
    {
        /* Not returning before the Go runtime is up (mv_fork.c). It needs
         * no Python, so other threads may run while it starts. */
        Py_BEGIN_ALLOW_THREADS
        gomv_ready();
        gomv_fork_learn();
        Py_END_ALLOW_THREADS
    }
    m = PyModule_Create(&mv_module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddFunctions(m, gomv_debug_methods) < 0)
        goto error;
    if (gomv_mbuf_type == NULL) {
        gomv_mbuf_type = (PyTypeObject *)PyType_FromSpec(&gomv_mbuf_spec);
        if (gomv_mbuf_type == NULL)
            goto error;
    }
    if (gomv_iter_type == NULL) {
        /* __module__ "builtins", as the built-in's iterator (mv_iter.c). */
        gomv_iter_type = make_type(&gomv_iter_spec, "builtins.memory_iterator");
        if (gomv_iter_type == NULL)
            goto error;
    }
    if (gomv_mv_type == NULL) {
        PyTypeObject *tp = make_type(&gomv_mv_spec, "gomv.memoryview");
        if (tp == NULL)
            goto error;
        gomv_mv_type_ready(tp);
        PyType_Modified(tp);
        gomv_mv_type = tp;
    }
    Py_INCREF(gomv_mv_type);
    if (PyModule_AddObject(m, "memoryview", (PyObject *)gomv_mv_type) < 0) {
        Py_DECREF(gomv_mv_type);
        goto error;
    }
    if (PyModule_AddIntConstant(m, "fastpath", gomv_fast) < 0)
        goto error;
    return m;

error:
    Py_DECREF(m);
    return NULL;
}

