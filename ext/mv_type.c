/* The memoryview type: construction from Python, and the slots and
 * methods each operation family provides. */
#include "mv.h"
#include <structmember.h>

static PyObject *
mv_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (gomv_parse_args("memoryview", kw, 1, 1, &PyTuple_GET_ITEM(args, 0),
                         PyTuple_GET_SIZE(args), NULL, kwargs, a) < 0)
        return NULL;
    return gomv_mv_from_object(a[0], PyBUF_FULL_RO);
}

static PyObject *
mv_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (kwnames == NULL && PyVectorcall_NARGS(nargsf) == 1)   /* the usual call */
        return gomv_view_from_object(gomv_mv_type, args[0], PyBUF_FULL_RO);
    if (gomv_parse_args("memoryview", kw, 1, 1, args, PyVectorcall_NARGS(nargsf),
                         kwnames, NULL, a) < 0)
        return NULL;
    return gomv_mv_from_object(a[0], PyBUF_FULL_RO);
}

#if PY_VERSION_HEX >= 0x030C0000
static PyObject *
mv_from_flags(PyObject *type, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    static const char *const kw[] = {"object", "flags", NULL};
    PyObject *a[2] = {NULL, NULL};
    int flags;
    if (gomv_parse_args("_from_flags", kw, 2, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (gomv_as_int(a[1], &flags) < 0)
        return NULL;
    return gomv_mv_from_object(a[0], flags);
}
#endif

/* The docstrings as the running version words them (3.14 re-wrapped
 * these two). */
#if PY_VERSION_HEX >= 0x030E0000
#define TOBYTES_DOC \
    "Return the data in the buffer as a byte string.\n\n" \
    "Order can be {'C', 'F', 'A'}.  When order is 'C' or 'F', the data of\n" \
    "the original array is converted to C or Fortran order.  For\n" \
    "contiguous views, 'A' returns an exact copy of the physical memory.\n" \
    "In particular, in-memory Fortran order is preserved.  For\n" \
    "non-contiguous views, the data is converted to C first.  order=None\n" \
    "is the same as order='C'."
#define HEX_BPS_DOC \
    "    How many bytes between separators.  Positive values count from\n" \
    "    the right, negative values count from the left.\n\n"
#else
#define TOBYTES_DOC \
    "Return the data in the buffer as a byte string.\n\n" \
    "Order can be {'C', 'F', 'A'}. When order is 'C' or 'F', the data of the\n" \
    "original array is converted to C or Fortran order. For contiguous views,\n" \
    "'A' returns an exact copy of the physical memory. In particular, in-memory\n" \
    "Fortran order is preserved. For non-contiguous views, the data is converted\n" \
    "to C first. order=None is the same as order='C'."
#define HEX_BPS_DOC \
    "    How many bytes between separators.  Positive values count from the\n" \
    "    right, negative values count from the left.\n\n"
#endif

static PyMethodDef mv_methods[] = {
    {"release", (PyCFunction)gomv_mv_release_method, METH_NOARGS,
     "release($self, /)\n--\n\n"
     "Release the underlying buffer exposed by the memoryview object."},
    {"tobytes", (PyCFunction)(void (*)(void))gomv_mv_tobytes, METH_FASTCALL | METH_KEYWORDS,
     "tobytes($self, /, order='C')\n--\n\n" TOBYTES_DOC},
    {"hex", (PyCFunction)(void (*)(void))gomv_mv_hex, METH_FASTCALL | METH_KEYWORDS,
     "hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
     "Return the data in the buffer as a str of hexadecimal numbers.\n\n"
     "  sep\n"
     "    An optional single character or byte to separate hex bytes.\n"
     "  bytes_per_sep\n" HEX_BPS_DOC
     "Example:\n"
     ">>> value = memoryview(b'\\xb9\\x01\\xef')\n"
     ">>> value.hex()\n"
     "'b901ef'\n"
     ">>> value.hex(':')\n"
     "'b9:01:ef'\n"
     ">>> value.hex(':', 2)\n"
     "'b9:01ef'\n"
     ">>> value.hex(':', -2)\n"
     "'b901:ef'"},
    {"tolist", (PyCFunction)gomv_mv_tolist, METH_NOARGS,
     "tolist($self, /)\n--\n\n"
     "Return the data in the buffer as a list of elements."},
    {"cast", (PyCFunction)(void (*)(void))gomv_mv_cast, METH_FASTCALL | METH_KEYWORDS,
     "cast($self, /, format, shape=<unrepresentable>)\n--\n\n"
     "Cast a memoryview to a new format or shape."},
    {"toreadonly", (PyCFunction)gomv_mv_toreadonly, METH_NOARGS,
     "toreadonly($self, /)\n--\n\n"
     "Return a readonly version of the memoryview."},
#if PY_VERSION_HEX >= 0x030E0000
    {"count", (PyCFunction)gomv_mv_count, METH_O,
     "count($self, value, /)\n--\n\nCount the number of occurrences of a value."},
    {"index", (PyCFunction)(void (*)(void))gomv_mv_index, METH_FASTCALL,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\n"
     "Return the index of the first occurrence of a value.\n\n"
     "Raises ValueError if the value is not present."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "memoryviews are generic over the type of their underlying data"},
#endif
#if PY_VERSION_HEX >= 0x030C0000
    {"_from_flags", (PyCFunction)(void (*)(void))mv_from_flags,
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "_from_flags($type, /, object, flags)\n--\n\n"
     "Create a new memoryview object which references the given object."},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {"__enter__", (PyCFunction)gomv_mv_enter, METH_NOARGS, "__enter__($self, /)\n--\n\n"},
    {"__exit__", (PyCFunction)gomv_mv_exit, METH_VARARGS,
     "__exit__($self, /, *exc_info)\n--\n\n"
     "Release the underlying buffer exposed by the memoryview object."},
#else
    {"__enter__", (PyCFunction)gomv_mv_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)gomv_mv_exit, METH_VARARGS, NULL},
#endif
    {NULL},
};

static PyMemberDef mv_members[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(gomv_mv, weakreflist), READONLY},
    {NULL},
};

static PyType_Slot mv_slots[] = {
    {Py_tp_doc, "memoryview(object)\n--\n\n"
                "Create a new memoryview object which references the given object."},
    {Py_tp_new, mv_new},
    {Py_tp_dealloc, gomv_mv_dealloc},
    {Py_tp_traverse, gomv_mv_traverse},
    {Py_tp_clear, gomv_mv_clear},
    {Py_tp_repr, gomv_mv_repr},
    {Py_tp_hash, gomv_mv_hash},
    {Py_tp_richcompare, gomv_mv_richcompare},
    {Py_tp_iter, gomv_mv_iter},
    {Py_tp_getset, gomv_mv_getset},
    {Py_tp_methods, mv_methods},
    {Py_tp_members, mv_members},
    {Py_mp_length, gomv_mv_length},
    {Py_mp_subscript, gomv_mv_subscript},
    {Py_mp_ass_subscript, gomv_mv_ass_subscript},
    {Py_sq_length, gomv_mv_length},
    {Py_sq_item, gomv_mv_item},
    {Py_bf_getbuffer, gomv_mv_getbuffer},
    {Py_bf_releasebuffer, gomv_mv_releasebuffer},
    {0, NULL},
};

PyType_Spec gomv_mv_spec = {
    /* No dot: tp_name reads "memoryview" in every message, as built-in;
     * the module init creates the type as "builtins.memoryview" so that
     * __module__ is the built-in's too: CPython names types with their
     * module in some messages (see make_type in mv_module.c). */
    .name = "memoryview",
    .basicsize = sizeof(gomv_mv),
    .itemsize = sizeof(Py_ssize_t),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_SEQUENCE,
    .slots = mv_slots,
};

void
gomv_mv_type_ready(PyTypeObject *tp)
{
    tp->tp_vectorcall = mv_vectorcall;
}
