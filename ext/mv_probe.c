/* What the running interpreter's built-in memoryview does where CPython's
 * patch releases differ, learned by asking it once: the built-in is the
 * reference, and a wheel built against one 3.X runs on every 3.X.Y. */
#include "mv_probe.h"

/* Run code (which sets `result`) in a fresh namespace: 1 or 0, or -1 with
 * the probe's own error cleared (then the newer behaviour is assumed). */
static int
probe(const char *code)
{
    PyObject *ns = PyDict_New(), *r = NULL, *res;
    int v = -1;

    if (ns != NULL && PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) == 0)
        r = PyRun_String(code, Py_file_input, ns, ns);
    if (r != NULL && (res = PyDict_GetItemString(ns, "result")) != NULL)
        v = PyObject_IsTrue(res);
    Py_XDECREF(r);
    Py_XDECREF(ns);
    if (v < 0) {
        PyErr_Clear();
        v = 1;
    }
    return v;
}

/* gh-142664 (3.13.12, 3.14.3 on): hash() holds the view while the
 * exporter's __hash__ runs, so a release() there raises BufferError. */
int
gomv_builtin_pins_hash(void)
{
    static int known = -1;
    if (known < 0)
        known = probe("class B(bytes):\n"
                      "    def __hash__(self):\n"
                      "        m.release()\n"
                      "        return 1\n"
                      "m = memoryview(B(b'ab'))\n"
                      "try:\n"
                      "    hash(m)\n"
                      "    result = False\n"
                      "except BufferError:\n"
                      "    result = True\n");
    return known;
}

/* gh-143195: hex(sep) holds the view while len(sep) runs. */
int
gomv_builtin_pins_hex_sep(void)
{
    static int known = -1;
    if (known < 0)
        known = probe("class S(str):\n"
                      "    def __len__(self):\n"
                      "        m.release()\n"
                      "        return 1\n"
                      "m = memoryview(b'ab')\n"
                      "try:\n"
                      "    m.hex(S(':'))\n"
                      "    result = False\n"
                      "except BufferError:\n"
                      "    result = True\n");
    return known;
}

/* gh-148390: '?' items are true for any non-zero byte, and two views of
 * '?' compare by that truth (before, the bytes decided). */
int
gomv_builtin_bool_by_truth(void)
{
    static int known = -1;
    if (known < 0)
        known = probe("a = memoryview(b'\\x01').cast('?')\n"
                      "b = memoryview(b'\\x02').cast('?')\n"
                      "result = a == b\n");
    return known;
}
