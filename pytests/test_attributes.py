"""The 12 attributes one by one, len, repr."""

import re

import pytest

from mvhelp import ATTRS, EXPORTERS, MV, factory, same_view, same, unaddr


@pytest.mark.parametrize("attr", [a for a in ATTRS if a != "obj"])
@pytest.mark.parametrize("name", list(EXPORTERS))
def test_attribute(name, attr):
    same_view(lambda m: getattr(m, attr), factory(name))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_len(name):
    same_view(len, factory(name))


@pytest.mark.parametrize("name", ["bytes", "nd_0d", "nd_3d_slices", "np_0d"])
def test_attribute_types(name):
    """Tuples are tuples (not lists), ints are ints, bools are bools."""
    same_view(lambda m: [type(getattr(m, a)).__name__ for a in ATTRS], factory(name))


@pytest.mark.parametrize("attr", ATTRS)
def test_attributes_read_only(attr):
    same_view(lambda m: setattr(m, attr, getattr(m, attr)), factory("bytearray"))
    same_view(lambda m: delattr(m, attr), factory("bytearray"))


REPR = re.compile(r"^<memory at 0x[0-9a-f]+>$")
RELEASED = re.compile(r"^<released memory at 0x[0-9a-f]+>$")


@pytest.mark.parametrize("name", ["bytes", "nd_3d_slices", "nd_0d", "mv_of_mv"])
def test_repr(name):
    x = factory(name)(MV)
    m = MV(x)
    r = repr(m)
    assert REPR.match(r), r
    assert r == "<memory at 0x%x>" % id(m)
    assert str(m) == r
    m.release()
    r = repr(m)
    assert RELEASED.match(r), r
    assert r == "<released memory at 0x%x>" % id(m)
    same_view(lambda m: unaddr(repr(m)), factory(name))
