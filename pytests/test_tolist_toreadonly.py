"""tolist and toreadonly; the public surface (dir)."""

import pytest

from mvhelp import BMV, EXPORTERS, MV, PY, factory, same, same_view


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_tolist(name):
    same_view(lambda m: m.tolist(), factory(name))


def test_tolist_args():
    same_view(lambda m: m.tolist(1), factory("bytes"))
    same_view(lambda m: m.tolist(x=1), factory("bytes"))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_toreadonly(name):
    def op(m):
        r = m.toreadonly()
        return r, r.readonly, m.readonly, r.obj is m.obj, r == m
    same_view(op, factory(name))


@pytest.mark.parametrize("name", ["bytearray", "nd_3d_slices", "array_d", "nd_0d"])
def test_toreadonly_refuses_writes(name):
    def op(m):
        r = m.toreadonly()
        if m.ndim == 0:
            r[()] = m[()]
        else:
            r[0] = m[0]
    same_view(op, factory(name))


def test_toreadonly_args():
    same_view(lambda m: m.toreadonly(1), factory("bytes"))


def test_public_names():
    assert [a for a in dir(MV(b"")) if not a.startswith("__")] == \
           [a for a in dir(BMV(b"")) if not a.startswith("__")]


def test_dunder_names():
    want = {a for a in dir(BMV(b"")) if a.startswith("__")}
    got = {a for a in dir(MV(b"")) if a.startswith("__")}
    # __module__ and __doc__ may be present either way; the protocol slots must match
    missing = want - got
    assert not missing, missing


@pytest.mark.skipif(PY < (3, 12), reason="__buffer__ and _from_flags appeared in 3.12")
def test_buffer_dunder():
    same_view(lambda m: BMV(m.__buffer__(0)).tolist(), factory("bytearray"))
    same_view(lambda m: m.__buffer__(), factory("bytearray"))
    same_view(lambda m: m.__buffer__("x"), factory("bytearray"))
    same_view(lambda m: m.__buffer__(1).readonly, factory("bytes"))  # PyBUF_WRITABLE on bytes
    same(lambda M, x: M._from_flags(x, 0).readonly, factory("bytearray"))
