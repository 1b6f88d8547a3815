"""Every exporter: the view's full description (all attributes, len, tolist,
tobytes) matches the built-in's; constructor argument handling."""

import pytest

from mvhelp import EXPORTERS, MV, BMV, factory, same, same_view, names


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_view_of_exporter(name):
    same_view(lambda m: m, factory(name))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_view_of_view(name):
    same(lambda M, x: M(M(x)), factory(name))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_obj_is_exporter(name):
    x = factory(name)(MV)
    m = MV(x)
    want = x
    while isinstance(want, (BMV, MV)):  # a view of a view shares the exporter behind it
        want = want.obj
    assert m.obj is want


@pytest.mark.parametrize("arg", [1, 1.5, "str", None, [1, 2], (1,), object(), 10**30, int])
def test_not_a_buffer(arg):
    same(lambda M: M(arg))


def test_constructor_signatures():
    same(lambda M: M())
    same(lambda M: M(b"ab", b"cd"))
    same(lambda M: M(object=b"ab"))
    same(lambda M: M(obj=b"ab"))
    same(lambda M: M(b"ab", foo=1))
    same(lambda M: M(*[b"x"], **{}))


def test_type_identity():
    assert MV.__name__ == "memoryview"
    assert MV.__qualname__ == "memoryview"
    m = MV(b"ab")
    assert type(m) is MV
    assert type(m[:1]) is MV
    assert type(m.cast("c")) is MV
    assert type(m.toreadonly()) is MV
    with m as e:
        assert e is m
    assert type(MV(BMV(b"ab"))) is MV
    assert type(BMV(MV(b"ab"))) is BMV


def test_type_name_in_messages():
    same(lambda M: M(b"a") < M(b"b"))
    same(lambda M: M(b"a") + M(b"b"))
    same(lambda M: M(b"a").foo)
    same(lambda M: setattr(M(b"a"), "foo", 1))
    same(lambda M: setattr(M(b"a"), "format", "B"))
    same(lambda M: M.tobytes(b"ab"))
    same(lambda M: M.tolist(1))


def test_module_attribute():
    """The type's module is the built-in's, "builtins": CPython names a type
    with its module in messages (3.14's "cannot use 'memoryview' as a dict
    key", %T formats), which read as the built-in's only so. It stays a
    type of its own, as gomv.memoryview."""
    import gomv
    assert MV.__module__ == "builtins"
    assert repr(MV) == "<class 'memoryview'>"
    if MV is not BMV:
        assert gomv.memoryview is MV and MV is not BMV


def test_import_without_warnings():
    """`python -W error -c 'import gomv'` works (no DeprecationWarning at import)."""
    import os
    import subprocess
    import sys
    if MV is BMV:
        pytest.skip("target is the built-in")
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-W", "error", "-c", "import gomv; gomv.memoryview(b'x')"],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
