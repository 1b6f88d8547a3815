"""The running interpreter's own test_memoryview.py and test_buffer.py, with
gomv.memoryview (``MV``) in place of the built-in memoryview.

The two modules are imported from the interpreter's ``test`` package when
this file is collected (the project holds no copy of them), so 3.11 runs
3.11's tests and 3.15 runs 3.15's.  Every CPython test case is one pytest
item, ``test_buffer::TestBufferProtocol::test_memoryview_cast`` and so on;
a failure shows unittest's own report of every failing subTest.

Substitution: both modules look ``memoryview`` up as a builtin, so a module
global of that name, set for the duration of one test, replaces it for the
test and for the module's helper functions (test_buffer's ``verify`` and the
rest).  Views that CPython's C API makes (``get_contiguous``,
``memoryview_from_buffer``, ``bytes.__buffer__``) stay built-in views: those
tests then check gomv against the built-in and as a consumer of its exports.
The few tests where that is not the whole story are in ``POLICY`` below,
each with its reason.

test_buffer draws random formats, shapes and slices; every test is seeded
from its name (``GOMV_CPYTEST_SEED`` adds to the seed) so a failure repeats.
``GOMV_TEST_TARGET=builtin`` runs the same items on the built-in type: then
everything must pass, which checks the substitution itself.
"""

import importlib
import os
import random
import sys
import unittest

import pytest

from mvhelp import BMV, MV, np

MODULES = ("test_memoryview", "test_buffer")


# ----------------------------------------------------------------------------
# what replaces the name `memoryview` in a test

class _ExporterGetsBuiltin(type):
    """The name `memoryview` for tests that define Python-level exporters.

    CPython's slot for a Python ``__buffer__`` method refuses any return
    value that is not a built-in memoryview ("__buffer__ returned
    non-memoryview object"), so calls made inside a ``__buffer__`` method
    (exporter code) get the built-in type; every other call, attribute
    (``_from_flags``) and isinstance check is gomv's.
    """

    def __call__(cls, *args, **kwargs):
        if sys._getframe(1).f_code.co_name == "__buffer__":
            return BMV(*args, **kwargs)
        return MV(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return isinstance(obj, MV)

    def __getattr__(cls, name):
        return getattr(MV, name)


class ExporterGetsBuiltin(metaclass=_ExporterGetsBuiltin):
    pass


class _EitherView(type):
    """The name `memoryview` for test_buffer's TestBufferProtocol: calls and
    attributes are gomv's, and ``isinstance`` accepts built-in views too.

    Its ``verify()`` finds a result's exporter with ``result.obj if
    isinstance(result, memoryview) else result``; for the built-in views
    that ``memoryview_from_buffer()`` makes (``.obj`` None), that check
    must say yes, as it does in CPython's own run, for ``verify`` to expect
    what the built-in does of a view of such a view (``.obj`` None).
    """

    def __call__(cls, *args, **kwargs):
        return MV(*args, **kwargs)

    def __instancecheck__(cls, obj):
        return isinstance(obj, (MV, BMV))

    def __getattr__(cls, name):
        return getattr(MV, name)


class EitherView(metaclass=_EitherView):
    pass


def _numpy_has_tostring():
    return np is not None and hasattr(np.ndarray, "tostring")


# How a test runs, by "module::Class::method" (Class "*" matches any class).
#   ("skip", reason)     : cannot apply to a type that is not the built-in
#   ("name", obj, why)   : the test's `memoryview` is obj instead of MV
#   ("patch", {module: {name: value}}, why): further globals for that test
# Everything not listed runs with `memoryview` = MV and must pass.
POLICY = {
    "test_buffer::TestBufferProtocol::test_memoryview_sizeof": (
        "skip", "expects sys.getsizeof of the built-in's C struct (PyMemoryViewObject layout), "
                "not behaviour"),
    "test_buffer::TestPythonBufferProtocol::test_c_buffer": (
        "skip", "the view is made by _testcapi.testBuf.__buffer__, which CPython always builds "
                "as a built-in memoryview; no gomv code runs"),
    "test_buffer::TestBufferProtocol::*": (
        "name", EitherView, "verify() tells views from exporters with isinstance(x, memoryview), "
                            "and views made by memoryview_from_buffer() are built-in ones"),
    "test_buffer::TestPythonBufferProtocol::*": (
        "name", ExporterGetsBuiltin, "__buffer__ must return a built-in memoryview "
                                     "(CPython's slot checks the type); consumers are gomv"),
    "test_memoryview::RacingTest::test_racing_getbuf_and_releasebuf": (
        "patch", {"multiprocessing.shared_memory": {"memoryview": "MV"}},
        "the racing views are ShareableList's shm.buf, made in multiprocessing.shared_memory"),
}
if sys.version_info[:2] == (3, 11) and np is not None and not _numpy_has_tostring():
    POLICY["test_buffer::TestBufferProtocol::test_py_buffer_to_contiguous"] = (
        "patch", {"test.test_buffer": {"numpy_array": None}},
        "3.11's test calls numpy's ndarray.tostring(), gone in numpy 2: its numpy "
        "cross-check is off, the rest runs")


def policy_for(item_id):
    mod, cls, meth = item_id.split("::")
    return POLICY.get(item_id) or POLICY.get("%s::%s::*" % (mod, cls))


# ----------------------------------------------------------------------------
# collection

def _load():
    cases, problems = [], []
    for name in MODULES:
        try:
            mod = importlib.import_module("test." + name)
        except ImportError as e:
            problems.append("test.%s: %s: %s" % (name, type(e).__name__, e))
            continue
        suite = unittest.defaultTestLoader.loadTestsFromModule(mod)
        for case in _flatten(suite):
            cls = type(case).__name__
            cases.append(("%s::%s::%s" % (name, cls, case._testMethodName), mod, case))
    return cases, problems


def _flatten(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from _flatten(t)
        else:
            yield t


CASES, LOAD_PROBLEMS = _load()
BY_ID = {cid: (mod, case) for cid, mod, case in CASES}


def test_cpython_modules_loaded():
    """Both CPython modules were found and yielded tests (a missing test
    package would otherwise make this file pass with nothing run)."""
    assert not LOAD_PROBLEMS, LOAD_PROBLEMS
    for name in MODULES:
        assert any(cid.startswith(name + "::") for cid in BY_ID), name


def test_policy_names_exist():
    """A POLICY entry whose class this interpreter has must name one of its
    tests, so a renamed test cannot silently leave its exception behind
    (classes only some versions have, like RacingTest, are checked there)."""
    classes = {cid.rsplit("::", 1)[0] for cid in BY_ID}
    for key in POLICY:
        mod, cls, meth = key.split("::")
        assert mod in MODULES, key
        if "%s::%s" % (mod, cls) in classes and meth != "*":
            assert key in BY_ID, key


# ----------------------------------------------------------------------------
# running one case

class _Patched:
    """Sets module globals for one test and puts back what was there."""

    _MISSING = object()

    def __init__(self, patches):
        self.patches = patches  # [(module, name, value)]
        self.saved = []

    def __enter__(self):
        for mod, name, value in self.patches:
            self.saved.append((mod, name, mod.__dict__.get(name, self._MISSING)))
            setattr(mod, name, value)
        return self

    def __exit__(self, *exc):
        for mod, name, old in reversed(self.saved):
            if old is self._MISSING:
                delattr(mod, name)
            else:
                setattr(mod, name, old)


def _resolve(value):
    return MV if value == "MV" else value


def _patches_for(item_id, mod):
    patches = [(mod, "memoryview", MV)]
    pol = policy_for(item_id)
    if pol is None:
        return patches, None
    kind = pol[0]
    if kind == "skip":
        return None, pol[1]
    if kind == "name":
        patches = [(mod, "memoryview", pol[1])]
    elif kind == "patch":
        for modname, names in pol[1].items():
            target = importlib.import_module(modname)
            for name, value in names.items():
                patches.append((target, name, _resolve(value)))
    else:
        raise AssertionError("unknown policy %r for %s" % (kind, item_id))
    return patches, None


def _seed(item_id):
    return "%s|%s" % (os.environ.get("GOMV_CPYTEST_SEED", ""), item_id)


def _report(result, seed):
    parts = []
    for kind, entries in (("ERROR", result.errors), ("FAIL", result.failures)):
        for test, tb in entries:
            parts.append("%s: %s\n%s" % (kind, test, tb))
    for test in result.unexpectedSuccesses:
        parts.append("UNEXPECTED SUCCESS: %s" % test)
    parts.append("(random seed: %r)" % seed)
    return "\n".join(parts)


@pytest.mark.parametrize("item_id", list(BY_ID))
def test_cpython(item_id):
    mod, case = BY_ID[item_id]
    patches, skip_reason = _patches_for(item_id, mod)
    if skip_reason is not None:
        pytest.skip("not applicable to a third-party type: " + skip_reason)
    seed = _seed(item_id)
    random.seed(seed)
    result = unittest.TestResult()
    with _Patched(patches):
        case.run(result)
    if result.errors or result.failures or result.unexpectedSuccesses:
        pytest.fail(_report(result, seed), pytrace=False)
    whole = sorted({reason for test, reason in result.skipped if test is case})
    if whole:  # the test skipped itself (skips of single subTests are not reported)
        pytest.skip("CPython's test skips itself: " + "; ".join(whole))
