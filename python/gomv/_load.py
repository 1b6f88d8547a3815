"""Loads gomv._mv, the C memoryview type, from the one shared library.

gopy's generated library (gomv/core/_core*.so) also carries the hand-written
C type, so both modules share one Go runtime. Python finds a module's init
function by the module's name, so _mv is loaded from that same file under
its own name rather than from a second copy of the library (a second copy
would start a second Go runtime).
"""

import glob
import importlib.machinery
import importlib.util
import os
import sys


def load_mv():
    name = __package__ + "._mv"
    if name in sys.modules:
        return sys.modules[name]
    from .core import _core  # the library, loaded the ordinary way first

    path = _core.__file__
    loader = importlib.machinery.ExtensionFileLoader(name, path)
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    sys.modules[name] = mod
    return mod


def library_path():
    """Path of the shared library (for diagnostics)."""
    here = os.path.join(os.path.dirname(__file__), "core")
    found = glob.glob(os.path.join(here, "_core*.so"))
    return found[0] if found else None
