/* The memoryview type object: construction, lifetime (GC, weakrefs,
 * release, context manager), attributes, repr, toreadonly and the buffer
 * export. Bulk methods live in mv_methods.c, ==/hash in mv_compare.c, item
 * access in the items files. Every behaviour and message follows the
 * running interpreter's built-in memoryview. */
#include "mv.h"
#include <structmember.h>

PyTypeObject *gomv_mv_type;

static const char released_msg[] = "operation forbidden on released memoryview object";

int
gomv_mv_check_released(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED) {
        PyErr_SetString(PyExc_ValueError, released_msg);
        return -1;
    }
    return 0;
}

/* ---- native formats ---- */

/* The codes the running interpreter's memoryview handles natively; 'e'
 * joined in 3.12. */
#if PY_VERSION_HEX >= 0x030C0000
static const char native_codes[] = "cbB?hHiIlLqQnNfdPe";
#else
static const char native_codes[] = "cbB?hHiIlLqQnNfdP";
#endif

/* Format strings for cast results, one "X" and one "@X" per code, so that
 * a view's format never points into Python or Go memory. */
static const char fmt_plain[][2] = {
    "c", "b", "B", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "f", "d", "P", "e"};
static const char fmt_at[][3] = {
    "@c", "@b", "@B", "@?", "@h", "@H", "@i", "@I", "@l", "@L", "@q", "@Q", "@n", "@N", "@f",
    "@d", "@P", "@e"};

/* native_slot[c] is 1 + the index of code c in native_codes (0: not a
 * native code): every constructor, slice and cast looks its format up,
 * so a table beats a strchr. Filled at module init. */
static unsigned char native_slot[256];

void
gomv_native_init(void)
{
    int i;
    for (i = 0; native_codes[i] != '\0'; i++)
        native_slot[(unsigned char)native_codes[i]] = (unsigned char)(i + 1);
}

static int
native_index(const char *fmt, int *at)
{
    *at = 0;
    if (fmt == NULL)
        return -1;
    if (fmt[0] == '@') {
        *at = 1;
        fmt++;
    }
    if (fmt[0] == '\0' || fmt[1] != '\0')
        return -1;
    return (int)native_slot[(unsigned char)fmt[0]] - 1;
}

char
gomv_native_code(const char *fmt)
{
    int at, i = native_index(fmt, &at);
    return i < 0 ? 0 : native_codes[i];
}

const char *
gomv_native_fmtstr(const char *fmt)
{
    int at, i = native_index(fmt, &at);
    if (i < 0)
        return NULL;
    return at ? fmt_at[i] : fmt_plain[i];
}

/* ---- layout ---- */

void
gomv_layout_of(gomv_mv *mv, gomv_layout *out)
{
    gomv_layout_of_buffer(&mv->view, out);
}

void
gomv_layout_of_buffer(const Py_buffer *v, gomv_layout *out)
{
    out->buf = v->buf;
    out->len = v->len;
    out->itemsize = v->itemsize;
    out->ndim = v->ndim;
    out->readonly = v->readonly;
    out->format = v->format ? v->format : "B";
    out->shape = v->shape;
    out->strides = v->strides;
    out->suboffsets = v->suboffsets;
}

void
gomv_layout_from_buffer(const Py_buffer *b, gomv_layout *out,
                        Py_ssize_t *scratch_shape, Py_ssize_t *scratch_strides)
{
    int i, nd = b->ndim;
    out->buf = b->buf;
    out->len = b->len;
    out->itemsize = b->itemsize;
    out->ndim = nd;
    out->readonly = b->readonly;
    out->format = b->format ? b->format : "B";
    out->shape = b->shape;
    out->strides = b->strides;
    out->suboffsets = b->suboffsets;
    if (nd <= 0 || nd > GOMV_MAXDIM)
        return;
    if (b->shape == NULL) {
        /* Only a 1-D buffer can omit its shape (PyBUF_SIMPLE style). */
        scratch_shape[0] = b->itemsize ? b->len / b->itemsize : 0;
        for (i = 1; i < nd; i++)
            scratch_shape[i] = 1;
        out->shape = scratch_shape;
    }
    if (b->strides == NULL) {
        Py_ssize_t sd = b->itemsize;
        for (i = nd - 1; i >= 0; i--) {
            scratch_strides[i] = sd;
            sd *= out->shape[i];
        }
        out->strides = scratch_strides;
    }
}

static int
c_contiguous(const Py_buffer *v)
{
    Py_ssize_t sd = v->itemsize;
    int i;
    if (v->len == 0 || v->strides == NULL)
        return 1;
    for (i = v->ndim - 1; i >= 0; i--) {
        Py_ssize_t dim = v->shape[i];
        if (dim > 1 && v->strides[i] != sd)
            return 0;
        sd *= dim;
    }
    return 1;
}

static int
f_contiguous(const Py_buffer *v)
{
    Py_ssize_t sd = v->itemsize;
    int i;
    if (v->len == 0)
        return 1;
    if (v->strides == NULL) {
        /* C order by definition: Fortran too only if at most one dim > 1. */
        int big = 0;
        for (i = 0; i < v->ndim; i++)
            if (v->shape[i] > 1)
                big++;
        return big <= 1;
    }
    for (i = 0; i < v->ndim; i++) {
        Py_ssize_t dim = v->shape[i];
        if (dim > 1 && v->strides[i] != sd)
            return 0;
        sd *= dim;
    }
    return 1;
}

/* len == product(shape) * itemsize without overflow. An exporter may claim
 * a shape whose product wraps to a small len (_testbuffer with zero strides
 * does): CPython's copy routines (bytes(), PyBuffer_ToContiguous) size their
 * destination by len and walk the shape, and overrun it. */
static int
len_matches_shape(const Py_buffer *v)
{
    Py_ssize_t n = v->itemsize;
    int i;
    for (i = 0; i < v->ndim; i++) {
        if (v->shape[i] == 0)
            return v->len == 0;
        if (v->shape[i] < 0 || __builtin_mul_overflow(n, v->shape[i], &n))
            return 0;
    }
    return n == v->len;
}

void
gomv_mv_init_flags(gomv_mv *mv)
{
    const Py_buffer *v = &mv->view;
    int f = mv->flags & GOMV_RELEASED;

    if (v->ndim == 0) {
        f |= GOMV_SCALAR | GOMV_C | GOMV_F;
    }
    else if (!gomv_fast) {
        gomv_layout l;
        gomv_layout_of(mv, &l);
        f |= gomv_contiguity(&l) & (GOMV_C | GOMV_F);
    }
    else if (v->ndim == 1) {
        if (v->shape[0] == 1 || v->strides[0] == v->itemsize)
            f |= GOMV_C | GOMV_F;
    }
    else {
        if (c_contiguous(v))
            f |= GOMV_C;
        if (f_contiguous(v))
            f |= GOMV_F;
    }
    if (v->suboffsets != NULL) {
        f |= GOMV_PIL;
        f &= ~(GOMV_C | GOMV_F);
    }
    if (v->len > 0 && !len_matches_shape(v))
        f |= GOMV_BADLEN;
    mv->flags = f;
}

/* ---- construction ---- */

gomv_mv *
gomv_mv_from_mbuf(gomv_mbuf *mbuf, Py_buffer *src)
{
    return gomv_mv_derive(mbuf, src, gomv_native_code(src->format ? src->format : "B"), -1);
}

gomv_mv *
gomv_mv_derive(gomv_mbuf *mbuf, Py_buffer *src, char code, int flags)
{
    int i, nd = src->ndim;
    gomv_mv *mv;
    Py_buffer *v;

    if (nd > GOMV_MAXDIM) {
        PyErr_SetString(PyExc_ValueError,
                        "memoryview: number of dimensions must not exceed 64");
        return NULL;
    }
    if (nd < 0) {
        PyErr_SetString(PyExc_ValueError, "memoryview: negative number of dimensions");
        return NULL;
    }
    mv = PyObject_GC_NewVar(gomv_mv, gomv_mv_type, 3 * nd);
    if (mv == NULL)
        return NULL;
    mv->mbuf = NULL;
    mv->hash = -1;
    mv->flags = 0;
    mv->exports = 0;
    mv->weakreflist = NULL;

    v = &mv->view;
    v->buf = src->buf;
    v->obj = NULL;
    v->len = src->len;
    v->itemsize = src->itemsize;
    v->readonly = src->readonly;
    v->ndim = nd;
    v->format = src->format ? src->format : "B";
    /* A 0-d view has no shape or strides at all, as built-in: consumers
     * (e.g. _testbuffer) treat a non-NULL shape as something to index. */
    v->shape = nd > 0 ? mv->arr : NULL;
    v->strides = nd > 0 ? mv->arr + nd : NULL;
    v->suboffsets = NULL;
    v->internal = NULL;

    if (nd == 1) {
        /* A 1-D exporter may leave out shape and strides (PyBUF_SIMPLE). */
        v->shape[0] = src->shape ? src->shape[0]
                                 : (src->itemsize ? src->len / src->itemsize : 0);
        v->strides[0] = src->strides ? src->strides[0] : src->itemsize;
    }
    else if (nd > 1) {
        for (i = 0; i < nd; i++)
            v->shape[i] = src->shape[i];
        if (src->strides) {
            for (i = 0; i < nd; i++)
                v->strides[i] = src->strides[i];
        }
        else {
            Py_ssize_t sd = src->itemsize;
            for (i = nd - 1; i >= 0; i--) {
                v->strides[i] = sd;
                sd *= v->shape[i];
            }
        }
    }
    if (src->suboffsets && nd > 0) {
        v->suboffsets = mv->arr + 2 * nd;
        for (i = 0; i < nd; i++)
            v->suboffsets[i] = src->suboffsets[i];
    }
    mv->code = code;
    if (flags < 0)
        gomv_mv_init_flags(mv);
    else
        mv->flags = flags;

    Py_INCREF(mbuf);
    mv->mbuf = mbuf;
    mbuf->views++;
    PyObject_GC_Track(mv);
    return mv;
}

PyObject *
gomv_mv_from_object(PyObject *obj, int flags)
{
    gomv_mbuf *mbuf;
    gomv_mv *mv;

    if (gomv_mv_Check(obj)) {
        /* A view of one of ours shares its managed buffer: .obj stays the
         * original exporter. The request flags do not apply (as built-in). */
        gomv_mv *src = (gomv_mv *)obj;
        if (GOMV_CHECK_RELEASED(src) < 0)
            return NULL;
        return (PyObject *)gomv_mv_from_mbuf(src->mbuf, &src->view);
    }
    if (!PyObject_CheckBuffer(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "memoryview: a bytes-like object is required, not '%.200s'",
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    mbuf = gomv_mbuf_from_object(obj, flags);
    if (mbuf == NULL)
        return NULL;
    mv = gomv_mv_from_mbuf(mbuf, &mbuf->master);
    /* The view holds the buffer now; on failure this releases it. */
    Py_DECREF(mbuf);
    return (PyObject *)mv;
}

static PyObject *
mv_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (gomv_unpack_args("memoryview", kw, 1, 1, &PyTuple_GET_ITEM(args, 0),
                         PyTuple_GET_SIZE(args), NULL, kwargs, a) < 0)
        return NULL;
    return gomv_mv_from_object(a[0], PyBUF_FULL_RO);
}

static PyObject *
mv_vectorcall(PyObject *type, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    static const char *const kw[] = {"object", NULL};
    PyObject *a[1] = {NULL};
    if (gomv_unpack_args("memoryview", kw, 1, 1, args, PyVectorcall_NARGS(nargsf),
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
    if (gomv_unpack_args("_from_flags", kw, 2, 2, args, nargs, kwnames, NULL, a) < 0)
        return NULL;
    if (gomv_as_int(a[1], &flags) < 0)
        return NULL;
    return gomv_mv_from_object(a[0], flags);
}
#endif

/* ---- release and lifetime ---- */

/* Unregister from the managed buffer; the last view releases the
 * exporter. Refused while buffers exported by this view are alive. */
static int
mv_release_internal(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED)
        return 0;
    if (self->exports == 0) {
        self->flags |= GOMV_RELEASED;
        if (self->mbuf != NULL && --self->mbuf->views == 0)
            gomv_mbuf_release(self->mbuf);
        return 0;
    }
    if (self->exports > 0) {
        PyErr_Format(PyExc_BufferError, "memoryview has %zd exported buffer%s",
                     self->exports, self->exports == 1 ? "" : "s");
        return -1;
    }
    PyErr_SetString(PyExc_SystemError, "_memory_release(): negative export count");
    return -1;
}

static PyObject *
mv_release(gomv_mv *self, PyObject *unused)
{
    if (mv_release_internal(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *
mv_enter(gomv_mv *self, PyObject *unused)
{
    if (GOMV_CHECK_RELEASED(self) < 0)
        return NULL;
    Py_INCREF(self);
    return (PyObject *)self;
}

static PyObject *
mv_exit(gomv_mv *self, PyObject *args)
{
    return mv_release(self, NULL);
}

static void
mv_dealloc(gomv_mv *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    if (mv_release_internal(self) < 0)
        PyErr_WriteUnraisable((PyObject *)self);
    Py_CLEAR(self->mbuf);
    if (self->weakreflist != NULL)
        PyObject_ClearWeakRefs((PyObject *)self);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static int
mv_traverse(gomv_mv *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(self->mbuf);
    return 0;
}

static int
mv_clear(gomv_mv *self)
{
    if (mv_release_internal(self) < 0)
        PyErr_Clear();
    Py_CLEAR(self->mbuf);
    return 0;
}

/* ---- buffer export ---- */

#define REQ(flags, f) (((flags) & (f)) == (f))

static int
mv_getbuffer(gomv_mv *self, Py_buffer *view, int flags)
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

static void
mv_releasebuffer(gomv_mv *self, Py_buffer *view)
{
    self->exports--;
}

/* ---- attributes ---- */

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

static PyGetSetDef mv_getset[] = {
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

static PyObject *
mv_repr(gomv_mv *self)
{
    if (self->flags & GOMV_RELEASED)
        return PyUnicode_FromFormat("<released memory at %p>", self);
    return PyUnicode_FromFormat("<memory at %p>", self);
}

static PyObject *
mv_toreadonly(gomv_mv *self, PyObject *unused)
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

/* ---- the type ---- */

static PyMethodDef mv_methods[] = {
    {"release", (PyCFunction)mv_release, METH_NOARGS,
     "release($self, /)\n--\n\n"
     "Release the underlying buffer exposed by the memoryview object."},
    {"tobytes", (PyCFunction)(void (*)(void))gomv_mv_tobytes, METH_FASTCALL | METH_KEYWORDS,
     "tobytes($self, /, order='C')\n--\n\n"
     "Return the data in the buffer as a byte string.\n\n"
     "Order can be {'C', 'F', 'A'}. When order is 'C' or 'F', the data of the\n"
     "original array is converted to C or Fortran order. For contiguous views,\n"
     "'A' returns an exact copy of the physical memory. In particular, in-memory\n"
     "Fortran order is preserved. For non-contiguous views, the data is converted\n"
     "to C first. order=None is the same as order='C'."},
    {"hex", (PyCFunction)(void (*)(void))gomv_mv_hex, METH_FASTCALL | METH_KEYWORDS,
     "hex($self, /, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
     "Return the data in the buffer as a str of hexadecimal numbers.\n\n"
     "  sep\n"
     "    An optional single character or byte to separate hex bytes.\n"
     "  bytes_per_sep\n"
     "    How many bytes between separators.  Positive values count from the\n"
     "    right, negative values count from the left.\n\n"
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
    {"toreadonly", (PyCFunction)mv_toreadonly, METH_NOARGS,
     "toreadonly($self, /)\n--\n\n"
     "Return a readonly version of the memoryview."},
#if PY_VERSION_HEX >= 0x030C0000
    {"_from_flags", (PyCFunction)(void (*)(void))mv_from_flags,
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "_from_flags($type, /, object, flags)\n--\n\n"
     "Create a new memoryview object which references the given object."},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    {"__enter__", (PyCFunction)mv_enter, METH_NOARGS, "__enter__($self, /)\n--\n\n"},
    {"__exit__", (PyCFunction)mv_exit, METH_VARARGS,
     "__exit__($self, /, *exc_info)\n--\n\n"
     "Release the underlying buffer exposed by the memoryview object."},
#else
    {"__enter__", (PyCFunction)mv_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)mv_exit, METH_VARARGS, NULL},
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
    {Py_tp_dealloc, mv_dealloc},
    {Py_tp_traverse, mv_traverse},
    {Py_tp_clear, mv_clear},
    {Py_tp_repr, mv_repr},
    {Py_tp_hash, gomv_mv_hash},
    {Py_tp_richcompare, gomv_mv_richcompare},
    {Py_tp_iter, gomv_mv_iter},
    {Py_tp_getset, mv_getset},
    {Py_tp_methods, mv_methods},
    {Py_tp_members, mv_members},
    {Py_mp_length, gomv_mv_length},
    {Py_mp_subscript, gomv_mv_subscript},
    {Py_mp_ass_subscript, gomv_mv_ass_subscript},
    {Py_sq_length, gomv_mv_length},
    {Py_sq_item, gomv_mv_item},
    {Py_bf_getbuffer, mv_getbuffer},
    {Py_bf_releasebuffer, mv_releasebuffer},
    {0, NULL},
};

PyType_Spec gomv_mv_spec = {
    /* No dot: tp_name reads "memoryview" in every message, as built-in;
     * the module init creates the type as "gomv.memoryview" so that
     * __module__ is "gomv" (see make_type in mv_module.c). */
    .name = "memoryview",
    .basicsize = sizeof(gomv_mv),
    .itemsize = sizeof(Py_ssize_t),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE
             | Py_TPFLAGS_SEQUENCE,
    .slots = mv_slots,
};

/* Called by the module init once the type exists: the type's vectorcall
 * makes gomv.memoryview(x) skip the tuple/dict of tp_new. */
void gomv_mv_type_ready(PyTypeObject *tp);
void
gomv_mv_type_ready(PyTypeObject *tp)
{
    tp->tp_vectorcall = mv_vectorcall;
}
