"""Tests of build/build.py's requirement checks (make buildtest, a few seconds).

Each case runs `build.py --check` with one requirement taken away (Go off
PATH, a Go older than go.mod, no C compiler, no or broken Python headers,
no pybindgen) and asserts the build fails with one line naming it; the
positive cases assert the checks pass, also for Debian's multiarch header
layout. The last case goes through `pip install` to show that the line
reaches the user. Run with any interpreter that has its headers:
    python build/test_build.py
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(HERE, "build.py")
GO = shutil.which("go")
VER = "%d.%d" % sys.version_info[:2]

# Runs build.py in this interpreter, optionally with other Python include
# directories and without pybindgen (a stand-in module when it is absent,
# so the header cases do not depend on it).
WRAPPER = textwrap.dedent("""
    import runpy, sys, sysconfig, types
    inc, pbg = sys.argv[1], sys.argv[2]
    if inc:
        real = sysconfig.get_paths
        sysconfig.get_paths = lambda *a, **k: dict(real(*a, **k), include=inc, platinclude=inc)
    if pbg == "none":
        sys.modules["pybindgen"] = None
    elif pbg == "stub":
        try:
            import pybindgen
        except ImportError:
            sys.modules["pybindgen"] = types.ModuleType("pybindgen")
    sys.argv = [sys.argv[3], "--check"]
    runpy.run_path(sys.argv[0], run_name="__main__")
""")


def check(path=None, include="", pybindgen="stub", env=None):
    e = dict(os.environ, **(env or {}))
    if path is not None:
        e["PATH"] = path
    return subprocess.run([sys.executable, "-c", WRAPPER, include, pybindgen, BUILD],
                          env=e, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


class BuildChecks(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="gomv-buildtest.")
        self.addCleanup(shutil.rmtree, self.tmp)

    def bindir(self, **tools):
        """A directory for PATH holding only the given tools (name -> target
        path to link, or shell script text)."""
        d = os.path.join(self.tmp, "bin")
        os.makedirs(d, exist_ok=True)
        for name, what in tools.items():
            p = os.path.join(d, name)
            if what.startswith("#!"):
                with open(p, "w") as fh:
                    fh.write(what)
                os.chmod(p, 0o755)
            else:
                os.symlink(what, p)
        return d

    def assertFails(self, p, *words):
        self.assertEqual(p.returncode, 1, p.stdout)
        last = p.stdout.strip().splitlines()[-1]
        self.assertTrue(last.startswith("gomv build: error: "), p.stdout)
        for w in words:
            self.assertIn(w, last)

    def test_all_there(self):
        p = check()
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertIn("gomv build: using go", p.stdout)

    def test_no_go(self):
        self.assertFails(check(path=self.bindir()), "Go is required", "not on PATH")

    def test_old_go(self):
        fake = "#!/bin/sh\necho 'go version go1.21.0 linux/amd64'\n"
        with open(os.path.join(ROOT, "go.mod")) as fh:
            want = [l.split()[1] for l in fh if l.startswith("go ")][0]
        self.assertFails(check(path=self.bindir(go=fake)),
                         "Go %s or newer is required" % want, "go1.21.0")

    def test_no_c_compiler(self):
        self.assertFails(check(path=self.bindir(go=GO), env={"CC": ""}),
                         "a C compiler is required", "gcc")

    def test_no_headers(self):
        self.assertFails(check(include=os.path.join(self.tmp, "no-such-dir")),
                         "Python %s headers are missing" % VER, "python%s-dev" % VER)

    def debian_layout(self, arch):
        """A copy of this interpreter's headers laid out like Debian's:
        pythonX.Y/pyconfig.h only includes <arch/pythonX.Y/pyconfig.h>,
        and the real one is there."""
        real = sysconfig.get_paths()["include"]
        top = os.path.join(self.tmp, "usr", "include")
        inc = os.path.join(top, "python" + VER)
        shutil.copytree(real, inc)
        os.makedirs(os.path.join(top, arch, "python" + VER))
        shutil.copy(os.path.join(real, "pyconfig.h"),
                    os.path.join(top, arch, "python" + VER, "pyconfig.h"))
        with open(os.path.join(inc, "pyconfig.h"), "w") as fh:
            fh.write("#include <%s/python%s/pyconfig.h>\n" % (arch, VER))
        return inc, top

    def test_debian_multiarch_headers(self):
        inc, top = self.debian_layout(sysconfig.get_config_var("MULTIARCH") or "x86_64-linux-gnu")
        p = check(include=inc)
        self.assertEqual(p.returncode, 0, p.stdout)
        self.assertIn("-I%s -I%s" % (inc, top), p.stdout)

    def test_broken_headers(self):
        # The wrapper names a directory the build cannot know to add.
        inc, _ = self.debian_layout("gomvtest-linux-gnu")
        self.assertFails(check(include=inc), "cannot compile #include <Python.h>")

    def test_no_pybindgen(self):
        self.assertFails(check(pybindgen="none"), "pybindgen is required", "pip install pybindgen")

    @unittest.skipUnless(sys.prefix != sys.base_prefix, "needs a venv (pip installs there)")
    def test_pip_install_without_go(self):
        """What a user sees from pip when Go is missing: build.py's line, then pip's failure."""
        try:
            import setuptools
            import pybindgen  # noqa: F401
        except ImportError:
            self.skipTest("needs setuptools and pybindgen in this venv")
        if int(setuptools.__version__.split(".")[0]) < 77:
            self.skipTest("needs setuptools>=77 (pyproject.toml) in this venv")
        env = dict(os.environ, PATH=self.bindir())
        p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-build-isolation",
                            "--no-deps", "-v", "-w", os.path.join(self.tmp, "wheels"), ROOT],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertNotEqual(p.returncode, 0, p.stdout)
        self.assertIn("gomv build: error: Go is required", p.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
