"""Builds gomv's wheel by running the Go build (build/build.py).

The extension is one shared library produced by `go build -buildmode=c-shared`,
not by setuptools' compiler, so build_ext is replaced: it runs build/build.py
with the interpreter doing the build and puts the library (and gopy's Python
wrappers) where setuptools expects the extension.
"""

import os
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CompileError

HERE = os.path.dirname(os.path.abspath(__file__))


class GoBuildExt(build_ext):
    def build_extension(self, ext):
        target = self.get_ext_fullpath(ext.name)
        out = os.path.dirname(os.path.abspath(target))
        script = os.path.join(HERE, "build", "build.py")
        if subprocess.call([sys.executable, script, "--out", out]) != 0:
            # build.py has printed what is missing or which step failed.
            raise CompileError("gomv: the Go build failed (see 'gomv build: error:' above)")
        if not os.path.exists(target):
            raise CompileError("gomv: the Go build did not produce " + target)


setup(
    # The declared sources are only what a change should rebuild for;
    # GoBuildExt compiles them with Go.
    ext_modules=[Extension("gomv.core._core", sources=[])],
    cmdclass={"build_ext": GoBuildExt},
    # setuptools' scratch space, away from build/'s scripts (an sdist
    # leaves out everything under build_base, and build/build.py must go in).
    options={"build": {"build_base": "build/_setuptools"}},
)
