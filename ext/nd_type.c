/* The ndview type: its constructor, and the slots and methods of the
 * ndview families and of memoryview's that it shares. */
#include "nd.h"
#include <structmember.h>

PyTypeObject *gomv_nd_type;

/* ndview(obj): a view of obj's buffer; a gomv view's managed buffer is
 * shared. The code is ndview's (any native format of any release). */
static PyObject *
nd_from_object(PyObject *obj)
{
    gomv_mv *v = (gomv_mv *)gomv_view_from_object(gomv_nd_type, obj, PyBUF_FULL_RO);
    if (v != NULL)
        v->code = gomv_nd_code(v->view.format, v->view.itemsize);
    return (PyObject *)v;
}

static PyObject *
nd_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (gomv_parse_args("ndview", kw, 1, 1, &PyTuple_GET_ITEM(args, 0),
                         PyTuple_GET_SIZE(args), NULL, kwargs, a) < 0)
        return NULL;
    return nd_from_object(a[0]);
}

static PyObject *
nd_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (gomv_parse_args("ndview", kw, 1, 1, args, PyVectorcall_NARGS(nargsf), kwnames, NULL,
                         a) < 0)
        return NULL;
    return nd_from_object(a[0]);
}

static PyObject *
nd_repr(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED)
        return PyUnicode_FromFormat("<released ndview at %p>", self);
    return PyUnicode_FromFormat("<ndview at %p>", self);
}

static PyMethodDef nd_methods[] = {
    {"release", (PyCFunction)gomv_mv_release_method, METH_NOARGS,
     "release($self, /)\n--\n\nRelease the underlying buffer exposed by the ndview."},
    {"tobytes", (PyCFunction)(void (*)(void))gomv_mv_tobytes, METH_FASTCALL | METH_KEYWORDS,
     "tobytes($self, /, order='C')\n--\n\n"
     "Return the data in the buffer as a byte string, in order 'C', 'F' or 'A'."},
    {"hex", (PyCFunction)(void (*)(void))gomv_mv_hex, METH_FASTCALL | METH_KEYWORDS,
     "hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
     "Return the data in the buffer as a str of hexadecimal numbers."},
    {"tolist", (PyCFunction)gomv_nd_tolist, METH_NOARGS,
     "tolist($self, /)\n--\n\n"
     "Return the items as nested lists, one level per dimension (the item for 0-d)."},
    {"cast", (PyCFunction)(void (*)(void))gomv_nd_cast, METH_FASTCALL | METH_KEYWORDS,
     "cast($self, /, format, shape=None)\n--\n\n"
     "A view of the same bytes with another struct format and shape."},
    {"toreadonly", (PyCFunction)gomv_mv_toreadonly, METH_NOARGS,
     "toreadonly($self, /)\n--\n\nReturn a readonly version of the ndview."},
    {"count", (PyCFunction)gomv_nd_count, METH_O,
     "count($self, value, /)\n--\n\n"
     "Count the elements along the first dimension equal to value."},
    {"index", (PyCFunction)(void (*)(void))gomv_nd_index, METH_FASTCALL,
     "index($self, value, start=0, stop=sys.maxsize, /)\n--\n\n"
     "Return the first index along the first dimension of an element equal to value."},
    {"transpose", (PyCFunction)(void (*)(void))gomv_nd_transpose, METH_FASTCALL,
     "transpose($self, /, *axes)\n--\n\n"
     "A view with the dimensions permuted (reversed without axes), as numpy's."},
    {"reshape", (PyCFunction)(void (*)(void))gomv_nd_reshape, METH_FASTCALL,
     "reshape($self, /, *shape)\n--\n\n"
     "A view of the items in C order with another shape, without copying."},
    {"__enter__", (PyCFunction)gomv_mv_enter, METH_NOARGS, "__enter__($self, /)\n--\n\n"},
    {"__exit__", (PyCFunction)gomv_mv_exit, METH_VARARGS,
     "__exit__($self, /, *exc_info)\n--\n\nRelease the underlying buffer."},
    {NULL},
};

static PyMemberDef nd_members[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(gomv_mv, weakreflist), READONLY},
    {NULL},
};

static PyType_Slot nd_slots[] = {
    {Py_tp_doc, "ndview(object)\n--\n\n"
                "An N-dimensional view of object's buffer: memoryview with numpy's basic\n"
                "indexing, items of any struct format, cast, transpose and reshape."},
    {Py_tp_new, nd_new},
    {Py_tp_dealloc, gomv_mv_dealloc},
    {Py_tp_traverse, gomv_mv_traverse},
    {Py_tp_clear, gomv_mv_clear},
    {Py_tp_repr, nd_repr},
    {Py_tp_hash, gomv_mv_hash},
    {Py_tp_richcompare, gomv_nd_richcompare},
    {Py_tp_iter, gomv_nd_iter},
    {Py_tp_methods, nd_methods},
    {Py_tp_members, nd_members},
    {Py_tp_getset, NULL},   /* memoryview's and T, set by gomv_nd_type_spec_ready */
    {Py_mp_length, gomv_nd_length},
    {Py_mp_subscript, gomv_nd_subscript},
    {Py_mp_ass_subscript, gomv_nd_ass_subscript},
    {Py_sq_length, gomv_nd_length},
    {Py_sq_contains, gomv_nd_contains},
    {Py_bf_getbuffer, gomv_mv_getbuffer},
    {Py_bf_releasebuffer, gomv_mv_releasebuffer},
    {0, NULL},
};

PyType_Spec gomv_nd_spec = {
    .name = "gomv.ndview",
    .basicsize = sizeof(gomv_mv),
    .itemsize = sizeof(Py_ssize_t),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_SEQUENCE,
    .slots = nd_slots,
};

/* memoryview's attributes and T, in one table (memoryview's is defined
 * elsewhere, so it is copied once, at module init). */
static PyGetSetDef *nd_getset;

int
gomv_nd_spec_ready(void)
{
    PyType_Slot *s;
    size_t n = 0;

    if (nd_getset != NULL)
        return 0;
    while (gomv_mv_getset[n].name != NULL)
        n++;
    nd_getset = PyMem_Calloc(n + 2, sizeof *nd_getset);
    if (nd_getset == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(nd_getset, gomv_mv_getset, n * sizeof *nd_getset);
    nd_getset[n].name = "T";
    nd_getset[n].get = (getter)gomv_nd_get_T;
    nd_getset[n].doc = "The view with its dimensions reversed (transpose()).";
    for (s = nd_slots; s->slot != 0; s++)
        if (s->slot == Py_tp_getset)
            s->pfunc = nd_getset;
    return 0;
}

int
gomv_nd_type_ready(PyTypeObject *tp)
{
    tp->tp_vectorcall = nd_vectorcall;
    return 0;
}
