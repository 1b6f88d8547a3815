"""Hypothesis-driven differential tests over random _testbuffer layouts.

Random shapes (ndim 0-4), formats, flags (C, Fortran, PIL), and per-dimension
slices with negative steps make the layouts; the ops are drawn on top.  The
number of examples comes from the hypothesis profile (HYPOTHESIS_PROFILE):
'dev' is small, 'ci' runs RANDOM_TESTS * 1500 >= 10,000 examples (a third of that
through the Go twins, GOMV_NO_FASTPATH=1).
"""

import math
import os
import struct

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import assume, given, settings, strategies as st  # noqa: E402

from mvhelp import BMV, PY, same, tb  # noqa: E402

INT_RANGES = {f: (-(1 << (8 * struct.calcsize(f) - 1)), (1 << (8 * struct.calcsize(f) - 1)) - 1)
              for f in "bhilqn"}
INT_RANGES.update({f: (0, (1 << (8 * struct.calcsize(f))) - 1) for f in "BHILQNP"})
FORMATS = sorted(INT_RANGES) + ["f", "d", "e", "?", "c"]


def value_st(fmt):
    f = fmt.lstrip("@<>=!")
    if f in INT_RANGES:
        lo, hi = INT_RANGES[f]
        return st.one_of(st.integers(lo, hi), st.sampled_from([lo, hi, 0]))
    if f == "f":
        return st.floats(width=32)
    if f == "e":
        return st.floats(width=16)
    if f == "d":
        return st.floats()
    if f == "?":
        return st.booleans()
    if f == "c":
        return st.binary(min_size=1, max_size=1)
    raise ValueError(fmt)


@st.composite
def layouts(draw, formats=FORMATS, max_ndim=4, allow_pil=True):
    fmt = draw(st.sampled_from(formats))
    ndim = draw(st.integers(0, max_ndim))
    sizes = [1, 2, 3, 4, 2, 3, 4] + ([0] if ndim > 1 else [])  # empty views now and then
    shape = draw(st.lists(st.sampled_from(sizes), min_size=ndim, max_size=ndim))
    n = math.prod(shape) if ndim else 1
    if n == 0:  # ndarray wants a non-empty initializer: build a bigger one and slice it empty
        base_shape = [s if s else 2 for s in shape]
        empty_dims = [i for i, s in enumerate(shape) if s == 0]
    else:
        base_shape, empty_dims = shape, []
    nb = math.prod(base_shape) if ndim else 1
    items = draw(st.lists(value_st(fmt), min_size=nb, max_size=nb))
    flags = tb.ND_WRITABLE
    kind = draw(st.sampled_from(["C", "F", "PIL"] if allow_pil and ndim else ["C", "F"]))
    if kind == "F":
        flags |= tb.ND_FORTRAN
    elif kind == "PIL":
        flags |= tb.ND_PIL
    slices = []
    if ndim:
        for i, s in enumerate(base_shape):
            if i in empty_dims:
                slices.append(slice(0, 0))
            elif draw(st.booleans()):
                slices.append(slice(draw(st.none() | st.integers(-s - 1, s + 1)),
                                    draw(st.none() | st.none() | st.integers(-s - 1, s + 1)),
                                    draw(st.sampled_from([None, 1, 2, -1, -2, 3, -3]))))
            else:
                slices.append(slice(None))
    recipe = (tuple(items) if ndim else items[0], tuple(base_shape), fmt, flags, tuple(slices))
    try:
        build(recipe)
    except (ValueError, TypeError, struct.error, BufferError, OverflowError):
        assume(False)
    return recipe


def build(recipe):
    items, shape, fmt, flags, slices = recipe
    a = tb.ndarray(list(items) if shape else items, shape=list(shape), format=fmt, flags=flags)
    if slices and any(s != slice(None) for s in slices):
        a = a[tuple(slices)]
    return a


def fac(recipe):
    return lambda M: build(recipe)


def outcome_ok(r):
    return r[0] == "ok"


RANDOM_TESTS = 8
if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    # 12,000 in the fast-path run, 4,000 more through the Go twins
    assert RANDOM_TESTS * settings.default.max_examples >= (
        4_000 if os.environ.get("GOMV_NO_FASTPATH", "0") not in ("", "0") else 10_000)


@given(layouts())
def test_random_view(recipe):
    same(lambda M, x: (M(x), M(x).tobytes("F"), M(x).tobytes("A"), M(x).hex(":", -3)), fac(recipe))


@given(layouts(), st.data())
def test_random_index(recipe, data):
    nd_ = len(recipe[1])
    key = data.draw(st.one_of(
        st.integers(-6, 6),
        st.tuples(*[st.integers(-5, 5)] * nd_) if nd_ else st.just(()),
        st.lists(st.integers(-5, 5), max_size=5).map(tuple),
        st.just(Ellipsis),
        st.builds(slice, st.integers(-6, 6) | st.none(), st.integers(-6, 6) | st.none(),
                  st.sampled_from([None, 1, 2, -1, -2, 5, -5, 0]))))
    same(lambda M, x: M(x)[key], fac(recipe))


@given(layouts(), st.lists(st.builds(slice, st.integers(-6, 6) | st.none(), st.integers(-6, 6) | st.none(),
                                     st.sampled_from([None, 1, 2, -1, -2, 3, -3])), min_size=1, max_size=4))
def test_random_slice_chain(recipe, chain):
    def op(M, x):
        m = M(x)
        out = []
        for s in chain:
            m = m[s]
            out.append(m)
        return out
    same(op, fac(recipe))


CAST_FMTS = FORMATS + ["<i", "x", "2B"]


@given(layouts(max_ndim=3), st.sampled_from(CAST_FMTS), st.data())
def test_random_cast(recipe, fmt, data):
    ref = BMV(build(recipe))
    try:
        n = ref.nbytes // struct.calcsize(fmt)
    except struct.error:
        n = 1
    shape = data.draw(st.one_of(st.none(), st.just([n]), st.just([1, n]),
                                st.lists(st.integers(0, 6), max_size=3)))
    first = data.draw(st.sampled_from(["B", "c", "b", None]))

    def op(M, x):
        m = M(x)
        if first:
            m = m.cast(first)
        return m.cast(fmt) if shape is None else m.cast(fmt, shape)
    same(op, fac(recipe))


@given(layouts(max_ndim=2), st.data())
def test_random_setitem(recipe, data):
    fmt, nd_ = recipe[2], len(recipe[1])
    value = data.draw(st.one_of(value_st(fmt), st.integers(-2**70, 2**70), st.floats(),
                                st.binary(max_size=2), st.booleans(), st.none()))
    key = data.draw(st.one_of(st.integers(-5, 5), st.tuples(*[st.integers(-4, 4)] * nd_) if nd_ else st.just(()),
                              st.just(Ellipsis)))

    def op(M, x):
        m = M(x)
        m[key] = value
        return m.tolist()
    same(op, fac(recipe))


@given(layouts(max_ndim=2), layouts(max_ndim=2))
def test_random_eq(r1, r2):
    same(lambda M, x, y: (M(x) == M(y), M(y) != M(x), M(x) == y, M(x) == M(x)), fac(r1), fac(r2))


@given(layouts(formats=["B", "h", "i", "d"], max_ndim=2), st.data())
def test_random_slice_assign(recipe, data):
    """m[s] = (another view of the same shape and format, maybe overlapping)."""
    n = len(recipe[1])
    assume(n == 1)
    s1 = data.draw(st.builds(slice, st.integers(-5, 5) | st.none(), st.integers(-5, 5) | st.none(),
                             st.sampled_from([None, 1, 2, -1, -2])))
    s2 = data.draw(st.builds(slice, st.integers(-5, 5) | st.none(), st.integers(-5, 5) | st.none(),
                             st.sampled_from([None, 1, 2, -1, -2])))
    self_src = data.draw(st.booleans())

    def op(M, x):
        m = M(x)
        src = m if self_src else M(build(recipe))
        m[s1] = src[s2]
        return m.tolist()
    same(op, fac(recipe))


FLAG_SETS = [tb.PyBUF_SIMPLE, tb.PyBUF_FULL_RO, tb.PyBUF_FULL, tb.PyBUF_CONTIG_RO, tb.PyBUF_STRIDED_RO,
             tb.PyBUF_RECORDS_RO, tb.PyBUF_ND, tb.PyBUF_F_CONTIGUOUS, tb.PyBUF_ANY_CONTIGUOUS,
             tb.PyBUF_INDIRECT]


@given(layouts(), st.sampled_from(FLAG_SETS), st.sampled_from("CFA"))
def test_random_export(recipe, flags, order):
    from test_export import describe_nd, describe_view

    def op(M, x):
        m = M(x)
        return (describe_nd(tb.ndarray(m, getbuf=flags)),
                describe_view(tb.get_contiguous(m, tb.PyBUF_READ, order)),
                m.tolist() if m.format != "e" or PY >= (3, 12) else None)
    same(op, fac(recipe))
