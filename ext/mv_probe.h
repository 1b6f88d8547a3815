/* Behaviours of the running interpreter's built-in memoryview that differ
 * between patch releases of one minor version (mv_probe.c). Each is asked
 * once, with the GIL held; 1 for the newer behaviour. */
#ifndef GOMV_MV_PROBE_H
#define GOMV_MV_PROBE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

int gomv_builtin_pins_hash(void);
int gomv_builtin_pins_hex_sep(void);
int gomv_builtin_bool_by_truth(void);

#endif
