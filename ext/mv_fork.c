/* The fork rule: a child of fork() never enters Go.
 *
 * Go does not support running after fork(): the child has one thread and
 * a copy of the runtime's memory, with the locks and processors other
 * threads held at that instant. So the only fork machinery is a child
 * handler that marks the process. In a child, mv_core.c refuses every
 * call into Go, the C fast paths are switched on, and what would call Go
 * is done by the interpreter on the same buffer (PyBuffer_ToContiguous and
 * the built-in memoryview), whose results are the ones gomv matches. The
 * parent does nothing at fork(), so fork() costs what it costs without
 * gomv. */
/* Python.h (through mv_core.h) before any system header, as it asks */
#include "mv_core.h"

#include <pthread.h>

int gomv_forked;

/* Runs in the child inside fork(): only async-signal-safe work. */
static void
mark_child(void)
{
    gomv_forked = 1;
    gomv_fast = 1;
}

int
gomv_fork_init(void)
{
    static int registered;
    if (!registered) {
        if (pthread_atfork(NULL, NULL, mark_child) != 0)
            return -1;
        registered = 1;
    }
    return 0;
}
