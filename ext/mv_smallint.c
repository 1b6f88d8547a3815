/* The interpreter's cached ints 0..255, held here so that a byte item
 * becomes its object without a call into the interpreter (the call goes
 * through the PLT and is most of what m[i] and iteration cost on bytes).
 * Only ints the interpreter itself shares are held: where PyLong_FromLong
 * makes a new object each time the slot stays NULL and the call is made,
 * so item identity is always what the built-in gives. */
#include "mv.h"

PyObject *gomv_byte_ints[256];

int
gomv_byte_ints_init(void)
{
    int i;

    for (i = 0; i < 256; i++) {
        PyObject *a = PyLong_FromLong(i), *b;
        if (a == NULL)
            return -1;
        b = PyLong_FromLong(i);
        if (b == NULL) {
            Py_DECREF(a);
            return -1;
        }
        Py_DECREF(b);
        if (a == b)
            gomv_byte_ints[i] = a;   /* kept for the process's lifetime */
        else
            Py_DECREF(a);
    }
    return 0;
}
