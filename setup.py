"""Builds gomv's wheel by running the Go build (build/build.py).

The extension is one shared library produced by gopy and `go build
-buildmode=c-shared`, not by setuptools' compiler, so build_ext is replaced:
it runs build/build.py for the interpreter doing the build and puts the
library (and gopy's Python wrappers) where setuptools expects the extension.
"""

import os
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


class GoBuildExt(build_ext):
    def build_extension(self, ext):
        target = self.get_ext_fullpath(ext.name)
        out = os.path.dirname(os.path.abspath(target))
        subprocess.check_call([sys.executable, os.path.join(HERE, "build", "build.py"), "--out", out])
        if not os.path.exists(target):
            raise RuntimeError("gomv: the Go build did not produce " + target)


setup(
    # The declared sources are only what a change should rebuild for;
    # GoBuildExt compiles them through gopy.
    ext_modules=[Extension("gomv.core._core", sources=[])],
    cmdclass={"build_ext": GoBuildExt},
)
