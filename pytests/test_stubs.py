"""gomv's type stubs (python/gomv/__init__.pyi) against the module, and the
README's Python examples against the stubs.

mypy's stubtest imports gomv on this interpreter and compares every name and
signature with the stub, as read for this interpreter's version; the only
exceptions are the allowlists in pytests/stubtest/, each entry explained
there (stubtest fails on an entry it did not need, too).
"""

import os
import re
import site
import subprocess
import sys

import pytest

import mvhelp

HERE = os.path.dirname(os.path.abspath(__file__))
STUBTEST = os.path.join(HERE, "stubtest")
README = os.path.join(HERE, os.pardir, "README.md")

pytestmark = [
    pytest.mark.skipif(mvhelp.NOFAST, reason=mvhelp.ONCE_PER_INTERPRETER),
    pytest.mark.skipif(mvhelp.TARGET == "builtin", reason="the stubs describe gomv, not the built-in"),
]


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    """One mypy cache for this module's runs (a cold one costs seconds each)."""
    return tmp_path_factory.mktemp("mypy-cache")


def _mypy_env(cache):
    """Environment that makes mypy read gomv (stub and submodules) from where
    this process imports it: an installed package is found by itself, an
    in-tree one (PYTHONPATH) through MYPYPATH."""
    import gomv

    root = os.path.dirname(os.path.dirname(os.path.abspath(gomv.__file__)))
    env = dict(os.environ, MYPY_CACHE_DIR=str(cache))
    installed = {os.path.realpath(p) for p in site.getsitepackages() + [site.getusersitepackages()]}
    if os.path.realpath(root) not in installed:
        env["MYPYPATH"] = root
    return env


def _allowlists():
    """The allowlists for this interpreter: allowlist.txt (every version) and
    allowlist-3.X.txt, where they exist."""
    names = ["allowlist.txt", "allowlist-%d.%d.txt" % sys.version_info[:2]]
    return [os.path.join(STUBTEST, n) for n in names if os.path.exists(os.path.join(STUBTEST, n))]


def test_stubtest(tmp_path, mypy_cache):
    cmd = [sys.executable, "-m", "mypy.stubtest", "gomv", "--concise",
           "--mypy-config-file", os.path.join(STUBTEST, "mypy.ini")]
    for a in _allowlists():
        cmd += ["--allowlist", a]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=str(tmp_path),
                       env=_mypy_env(mypy_cache), timeout=600)
    assert p.returncode == 0, "stubtest on Python %s:\n%s%s" % (
        sys.version.split()[0], p.stdout, p.stderr)


def test_stubtest_notices_a_wrong_stub(tmp_path):
    """The check above can fail: a stub copy with one method renamed is refused."""
    import gomv

    pkg = tmp_path / "stubs" / "gomv"
    pkg.mkdir(parents=True)
    src = open(os.path.join(os.path.dirname(gomv.__file__), "__init__.pyi")).read()
    assert "    def tolist(self)" in src
    (pkg / "__init__.pyi").write_text(src.replace("    def tolist(self)", "    def to_list(self)"))
    env = _mypy_env(tmp_path / "mypy-cache")  # its own: the stub differs
    env["MYPYPATH"] = str(tmp_path / "stubs")  # the copy, ahead of the package's own
    p = subprocess.run([sys.executable, "-m", "mypy.stubtest", "gomv", "--concise",
                        "--ignore-unused-allowlist"],
                       capture_output=True, text=True, cwd=str(tmp_path), env=env, timeout=600)
    assert p.returncode == 1
    assert "gomv.memoryview.to_list is not present at runtime" in p.stdout
    assert "gomv.memoryview.tolist is not present in stub" in p.stdout


def readme_python_blocks():
    text = open(README, encoding="utf-8").read()
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


def test_readme_has_python_examples():
    assert readme_python_blocks()


# numpy's stubs declare ndarray.__buffer__ from 3.12 only, so on 3.11 no type
# checker takes an ndarray as a buffer (built-in memoryview(a) fails there too):
# the examples are checked as 3.12 code on 3.11.
README_PYTHON_VERSION = "%d.%d" % max(sys.version_info[:2], (3, 12))


@pytest.mark.parametrize("i", range(len(readme_python_blocks())))
def test_readme_example_type_checks(i, tmp_path, mypy_cache):
    path = tmp_path / ("readme_example_%d.py" % i)
    path.write_text(readme_python_blocks()[i])
    p = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                        "--python-version", README_PYTHON_VERSION, str(path)],
                       capture_output=True, text=True, cwd=str(tmp_path),
                       env=_mypy_env(mypy_cache), timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.mark.parametrize("i", range(len(readme_python_blocks())))
def test_readme_example_runs(i):
    """What the README shows also runs as shown."""
    if mvhelp.np is None and "import numpy" in readme_python_blocks()[i]:
        pytest.skip("numpy absent")
    exec(compile(readme_python_blocks()[i], "README.md python block %d" % i, "exec"), {})
