#include "mv.h"

static struct PyModuleDef mv_module = {PyModuleDef_HEAD_INIT, "gomv._mv", NULL, -1, NULL};

PyMODINIT_FUNC PyInit__mv(void) { return PyModule_Create(&mv_module); }
