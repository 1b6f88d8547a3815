"""Differential fuzzing of operation SEQUENCES: gomv vs the built-in memoryview.

Each example builds two equal fresh exporters (bytes, bytearray, array.array,
_testbuffer.ndarray incl. PIL, numpy, views of views) and applies one random
sequence of operations in lockstep to a built-in side and a gomv side: views
are derived (slices, casts, toreadonly, memoryview(m)), written through,
compared, hashed, exported to consumers, released, dropped, iterated, used as
context managers.  After every step the outcome (value, or exception type and
message) and the exporter's bytes must be equal, so state that goes wrong
several steps before it shows is caught where it shows.

GOMV_FUZZ_EXAMPLES sets the number of sequences (default 200; `make fuzz-py`
runs 100,000).  The arguments of each step are drawn from the built-in side's
state, which equals the gomv side's as long as no difference was found.
"""

import array
import faulthandler
import math
import os
import struct
import sys

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import settings, given, strategies as st  # noqa: E402

from mvhelp import BMV, MV, np, norm, outcome, snapshot, tb, unaddr  # noqa: E402
from test_random import INT_RANGES, layouts, build as nd_build, value_st  # noqa: E402

EXAMPLES = int(os.environ.get("GOMV_FUZZ_EXAMPLES", "200"))
MAX_OPS = int(os.environ.get("GOMV_FUZZ_MAX_OPS", "12"))
# one sequence takes milliseconds; a hang (a lock, a Go deadlock) must fail the run, not stall it
TIMEOUT = float(os.environ.get("GOMV_FUZZ_TIMEOUT", "120"))
RELEASED_MSG = "operation forbidden on released memoryview object"


# ----------------------------------------------------------------------------
# exporters: recipes are plain data, build(recipe, M) makes a fresh object

def _array_values(tc, n):
    if tc in "uw":
        return st.text(min_size=n, max_size=n)
    if tc in ("e", "f", "d"):  # 'e': 3.15's array
        return st.lists(st.floats(width={"e": 16, "f": 32, "d": 64}[tc]), min_size=n, max_size=n)
    if tc in ("Zf", "Zd"):  # 3.15's array has complex typecodes
        return st.lists(st.complex_numbers(width=64 if tc == "Zf" else 128), min_size=n, max_size=n)
    lo, hi = INT_RANGES[{"b": "b", "B": "B", "h": "h", "H": "H", "i": "i", "I": "I", "l": "l",
                         "L": "L", "q": "q", "Q": "Q"}[tc]]
    return st.lists(st.integers(lo, hi), min_size=n, max_size=n)


@st.composite
def array_recipes(draw):
    tc = draw(st.sampled_from(array.typecodes))
    return ("array", tc, draw(st.integers(0, 8).flatmap(lambda n: _array_values(tc, n))))


NP_DTYPES = ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8", "?", "c16"]


@st.composite
def np_recipes(draw):
    dtype = draw(st.sampled_from(NP_DTYPES))
    ndim = draw(st.integers(0, 3))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=ndim, max_size=ndim)))
    slices = tuple(slice(draw(st.none() | st.integers(-5, 5)), draw(st.none() | st.integers(-5, 5)),
                         draw(st.sampled_from([None, 1, 2, -1, -2])))
                   if draw(st.booleans()) else slice(None) for _ in range(ndim))
    return ("np", dtype, shape, slices, draw(st.booleans()), draw(st.booleans()), draw(st.integers(0, 99)))


def exporter_recipes():
    base = st.one_of(
        st.tuples(st.sampled_from(["bytes", "bytearray"]), st.binary(max_size=12)),
        array_recipes(),
        st.tuples(st.just("nd"), layouts()),
    )
    if np is not None:
        base = base | np_recipes()
    # a view of a view as the exporter: gomv over gomv, or the built-in over gomv
    chain = st.tuples(st.sampled_from(["mv", "bmv"]),
                      st.tuples(st.sampled_from(["bytes", "bytearray"]), st.binary(min_size=1, max_size=12)),
                      st.builds(slice, st.none() | st.integers(-4, 4), st.none() | st.integers(-4, 4),
                                st.sampled_from([None, 1, 2, -1])))
    return st.one_of(base, chain)


def build(recipe, M):
    kind = recipe[0]
    if kind == "bytes":
        return bytes(recipe[1])
    if kind == "bytearray":
        return bytearray(recipe[1])
    if kind == "array":
        return array.array(recipe[1], recipe[2])
    if kind == "nd":
        return nd_build(recipe[1])
    if kind == "np":
        _, dtype, shape, slices, transpose, readonly, seed = recipe
        n = math.prod(shape)
        a = ((np.arange(n, dtype=np.int64) * 37 + seed) % 251 - 120).astype(dtype).reshape(shape)
        if slices:
            a = a[slices]
        if transpose:
            a = a.T
        if readonly:
            a.setflags(write=False)
        return a
    if kind in ("mv", "bmv"):
        inner = M(build(recipe[1], M))[recipe[2]]
        return inner if kind == "mv" else BMV(inner)
    raise ValueError(recipe)


# ----------------------------------------------------------------------------
# one side of the lockstep run

class Side:
    def __init__(self, M, recipe):
        self.M = M
        self.x = build(recipe, M)
        self.views = []
        self.ndims = {}  # id(view) -> ndim, still known once the view is released
        self.push(M(self.x))
        self.holders = []  # consumers holding a buffer of one of the views

    def view(self, i):
        return self.views[i % len(self.views)]

    def push(self, v):
        if isinstance(v, (BMV, MV)):
            self.views.append(v)
            try:
                self.ndims[id(v)] = v.ndim
            except ValueError:
                self.ndims[id(v)] = None
        return v


def describe(side, v):
    """norm() plus whether a derived view has this side's type (gomv must not leak built-ins)."""
    if isinstance(v, (BMV, MV)):
        return ("view", type(v) is side.M, norm(v))
    return norm(v)


def step(side, fn):
    try:
        v = fn(side)
    except BaseException as e:  # noqa: B902 - the outcome is what is compared
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return ("exc", type(e), unaddr(str(e)))
    return ("ok", describe(side, v))


def state_of(m):
    try:
        return m.ndim, m.shape, m.format, m.nbytes, m.readonly
    except ValueError:
        return 1, (3,), "B", 3, False


def is_released(m):
    try:
        m.ndim
    except ValueError:
        return True
    return False


# ----------------------------------------------------------------------------
# argument strategies (drawn from the built-in side's state)

JUNK = st.sampled_from([None, "a", 1.5, [0], b"", (), 2**64, -1, 1j, True])
SLICES = st.builds(slice, st.none() | st.integers(-6, 6), st.none() | st.integers(-6, 6),
                   st.sampled_from([None, 1, 2, 3, -1, -2, -3, 0]))


def key_st(ndim, shape):
    n = shape[0] if shape else 3
    opts = [st.integers(-n - 2, n + 1), SLICES, st.just(Ellipsis), st.just(()),
            st.lists(st.integers(-3, 3), min_size=max(ndim, 1), max_size=max(ndim, 1)).map(tuple),
            st.lists(st.integers(-3, 3), max_size=4).map(tuple),
            st.lists(SLICES, min_size=1, max_size=3).map(tuple),
            st.tuples(st.integers(0, 2), SLICES), JUNK]
    if np is not None:
        opts.append(st.integers(-n, n).map(np.intp))
    return st.one_of(*opts)


def item_value_st(fmt):
    try:
        good = value_st(fmt)
    except ValueError:
        good = st.integers(-300, 300) | st.binary(max_size=3)
    return st.one_of(good, good, st.integers(-2**70, 2**70), st.floats(), st.binary(max_size=2), JUNK)


CAST_FMTS = list("BbcHhIiLlQqNnfd?eP") + ["<i", "@B", "x", "2B", "ii", "Zd", "u"]


@st.composite
def source_st(draw, nviews):
    """The right-hand side of a slice assignment; ('view', j, s) is a view of the same side."""
    kind = draw(st.sampled_from(["view", "view", "view", "exporter", "bytes", "bytearray", "bmv",
                                 "array", "junk"]))
    if kind == "view":
        return ("view", draw(st.integers(0, nviews - 1)), draw(st.none() | SLICES))
    if kind in ("bytes", "bytearray", "bmv"):
        return (kind, draw(st.binary(max_size=10)))
    if kind == "array":
        return (kind, draw(st.sampled_from("bBhid")), draw(st.integers(0, 6)))
    if kind == "junk":
        return (kind, draw(JUNK))
    return (kind,)


def make_source(side, src):
    kind = src[0]
    if kind == "view":
        v = side.view(src[1])
        return v if src[2] is None else v[src[2]]
    if kind == "exporter":
        return side.x
    if kind == "bytes":
        return bytes(src[1])
    if kind == "bytearray":
        return bytearray(src[1])
    if kind == "bmv":
        return BMV(bytes(src[1]))
    if kind == "array":
        return array.array(src[1], range(src[2]))
    return src[1]


# ----------------------------------------------------------------------------
# the operations: draw(data, ref_side) -> (label, fn(side))

SIMPLE = {
    "tolist": lambda m: m.tolist(),
    "tobytes": lambda m: m.tobytes(),
    "len": len,
    "attrs": lambda m: m,
    "release": lambda m: m.release(),
    "bytes": bytes,
    "hash": hash,
}


def op_getitem(data, ref):
    i = data.draw(st.integers(0, 99))
    nd, shape = state_of(ref.view(i))[:2]
    k = data.draw(key_st(nd, shape))
    return "m%d[%r]" % (i, k), lambda s: s.push(s.view(i)[k])


def op_setitem(data, ref):
    i = data.draw(st.integers(0, 99))
    nd, shape, fmt = state_of(ref.view(i))[:3]
    k = data.draw(key_st(nd, shape))
    v = data.draw(item_value_st(fmt))

    def fn(s):
        m = s.view(i)
        m[k] = v
        return m.tolist()
    return "m%d[%r] = %r" % (i, k, v), fn


def op_slice_assign(data, ref):
    i = data.draw(st.integers(0, 99))
    k = data.draw(SLICES | st.lists(SLICES, min_size=1, max_size=2).map(tuple))
    src = data.draw(source_st(len(ref.views)))

    def fn(s):
        m = s.view(i)
        m[k] = make_source(s, src)
        return m.tolist()
    return "m%d[%r] = %r" % (i, k, src), fn


def op_delitem(data, ref):
    i = data.draw(st.integers(0, 99))
    k = data.draw(st.integers(-2, 2) | SLICES)

    def fn(s):
        del s.view(i)[k]
    return "del m%d[%r]" % (i, k), fn


def op_cast(data, ref):
    i = data.draw(st.integers(0, 99))
    nbytes = state_of(ref.view(i))[3]
    fmt = data.draw(st.sampled_from(CAST_FMTS))
    try:
        n = nbytes // struct.calcsize(fmt)
    except struct.error:
        n = 1
    shape = data.draw(st.one_of(st.none(), st.just([n]), st.just((1, n)), st.just([n, 1]),
                                st.lists(st.integers(0, 6), max_size=4), st.just([n // 2, 2])))
    first = data.draw(st.sampled_from([None, None, "B", "c", "b"]))

    def fn(s):
        m = s.view(i)
        if first:
            m = s.push(m.cast(first))
        return s.push(m.cast(fmt) if shape is None else m.cast(fmt, shape))
    return "m%d.cast(%r, %r) after %r" % (i, fmt, shape, first), fn


def op_tobytes(data, ref):
    i = data.draw(st.integers(0, 99))
    order = data.draw(st.sampled_from([None, "C", "F", "A", "X", "c"]))
    return "m%d.tobytes(%r)" % (i, order), lambda s: s.view(i).tobytes(order)


def op_hex(data, ref):
    i = data.draw(st.integers(0, 99))
    args = data.draw(st.one_of(st.just(()), st.tuples(st.sampled_from([":", b"-", "ab", "", "\u20ac", 1])),
                               st.tuples(st.sampled_from([":", b"-"]), st.integers(-5, 5))))
    return "m%d.hex%r" % (i, args), lambda s: s.view(i).hex(*args)


def op_simple(data, ref):
    i = data.draw(st.integers(0, 99))
    name = data.draw(st.sampled_from(sorted(SIMPLE)))
    return "%s(m%d)" % (name, i), lambda s: SIMPLE[name](s.view(i))


def op_compare(data, ref):
    i = data.draw(st.integers(0, 99))
    other = data.draw(st.one_of(st.integers(0, 99).map(lambda j: ("view", j)),
                                st.just(("exporter",)), st.binary(max_size=8).map(lambda b: ("bytes", b)),
                                JUNK.map(lambda v: ("junk", v))))
    ne = data.draw(st.booleans())

    def fn(s):
        m = s.view(i)
        o = (s.view(other[1]) if other[0] == "view" else s.x if other[0] == "exporter" else other[1])
        r = (m != o) if ne else (m == o)
        return r if isinstance(r, bool) else repr(r)
    return "m%d %s %r" % (i, "!=" if ne else "==", other), fn


def op_reexport(data, ref):
    i = data.draw(st.integers(0, 99))
    how = data.draw(st.sampled_from(["memoryview", "toreadonly", "bytearray", "bmv", "contiguous"]))

    def fn(s):
        m = s.view(i)
        if how == "memoryview":
            return s.push(s.M(m))
        if how == "toreadonly":
            return s.push(m.toreadonly())
        if how == "bytearray":
            return bytearray(m)
        if how == "bmv":
            # the built-in consuming the view: used and dropped, since BMV(gomv view)
            # holds an export of it where BMV(built-in view) does not
            with BMV(m) as b:
                return b.tolist(), b.format, b.shape, b.readonly
        return tb.get_contiguous(m, tb.PyBUF_READ, "C").tobytes()
    return "%s(m%d)" % (how, i), fn


FLAG_SETS = [tb.PyBUF_SIMPLE, tb.PyBUF_FULL_RO, tb.PyBUF_FULL, tb.PyBUF_CONTIG, tb.PyBUF_STRIDED_RO,
             tb.PyBUF_RECORDS, tb.PyBUF_INDIRECT]


def op_hold(data, ref):
    """A consumer keeps a buffer of view i (release() must then fail), or lets one go."""
    if ref.holders and data.draw(st.booleans()):
        j = data.draw(st.integers(0, len(ref.holders) - 1))

        def drop(s):
            del s.holders[j]
        return "drop holder %d" % j, drop
    i = data.draw(st.integers(0, 99))
    flags = data.draw(st.sampled_from(FLAG_SETS))

    def hold(s):
        h = tb.ndarray(s.view(i), getbuf=flags)
        s.holders.append(h)
        return h.tolist(), h.format, h.shape, h.readonly
    return "hold m%d getbuf=%#x" % (i, flags), hold


def op_drop(data, ref):
    i = data.draw(st.integers(0, 99))

    def fn(s):
        if len(s.views) > 1:
            del s.views[i % len(s.views)]
    return "drop m%d" % i, fn


def op_iter(data, ref):
    i = data.draw(st.integers(0, 99))
    k = data.draw(st.integers(0, 4))
    release_mid = data.draw(st.booleans())

    def fn(s):
        m = s.view(i)
        if s.M is BMV and s.ndims[id(m)] == 1 and is_released(m):
            # CPython's iter() of a released 1-D view reads its freed format (the ndim
            # checks come first and are sane); gomv is held to the usual ValueError
            raise ValueError(RELEASED_MSG)
        it = iter(m)
        got = [next(it) for _ in range(k)]
        if release_mid:
            m.release()
        got.extend(it)
        return got
    return "iter m%d %d then %s" % (i, k, "release" if release_mid else "rest"), fn


def op_with(data, ref):
    i = data.draw(st.integers(0, 99))
    inner = data.draw(st.sampled_from(sorted(SIMPLE)))

    def fn(s):
        m = s.view(i)
        with m as v:
            r = (v is m, outcome(lambda: SIMPLE[inner](v)))
        return r, outcome(lambda: m.tobytes())
    return "with m%d: %s" % (i, inner), fn


def op_resize(data, ref):
    """A resizable exporter grows: only allowed while nothing holds its buffer."""
    def fn(s):
        if isinstance(s.x, bytearray):
            s.x.append(7)
        elif isinstance(s.x, array.array):
            s.x.append(s.x[0] if len(s.x) else s.x.typecode in "uw" and "a" or 0)
        else:
            return "fixed"
        return len(s.x)
    return "resize exporter", fn


OPS = [(op_getitem, 4), (op_setitem, 3), (op_slice_assign, 3), (op_delitem, 1), (op_cast, 3),
       (op_tobytes, 2), (op_hex, 1), (op_simple, 4), (op_compare, 2), (op_reexport, 2),
       (op_hold, 2), (op_drop, 1), (op_iter, 1), (op_with, 1), (op_resize, 1)]
OP_CHOICES = [op for op, w in OPS for _ in range(w)]


@settings(max_examples=EXAMPLES)
@given(exporter_recipes(), st.data())
def test_op_sequence(recipe, data):
    # sys.__stderr__: under --capture=sys, sys.stderr has no fileno (the dump is
    # visible with -s or --capture=sys; under fd capture the run still fails)
    faulthandler.dump_traceback_later(TIMEOUT, exit=True, file=sys.__stderr__)
    try:
        run_sequence(recipe, data)
    finally:
        faulthandler.cancel_dump_traceback_later()


def run_sequence(recipe, data):
    made = [outcome(lambda M=M: Side(M, recipe)) for M in (BMV, MV)]
    if made[0][0] != "ok" or made[1][0] != "ok":  # an exporter or first view refused: alike
        assert made[0] == made[1], made
        return
    sides = [Side(M, recipe) for M in (BMV, MV)]
    ref, got = sides
    log = ["recipe %r" % (recipe,)]
    nops = data.draw(st.integers(1, MAX_OPS), label="nops")
    for _ in range(nops):
        op = data.draw(st.sampled_from(OP_CHOICES), label="op")
        label, fn = op(data, ref)
        log.append(label)
        a = (step(ref, fn), snapshot(ref.x))
        b = (step(got, fn), snapshot(got.x))
        if a != b:
            raise AssertionError("gomv differs from the built-in after:\n  %s\n  built-in: %r\n  gomv:     %r"
                                 % ("\n  ".join(log), a, b))
    # Everything let go (refcounting frees views at once; gc.collect() costs ~0.1 s here):
    # the exporter must be free again, a leaked export shows here.
    for s in sides:
        s.holders.clear()
        s.views.clear()
    a = (step(ref, op_resize(data, ref)[1]), snapshot(ref.x))
    b = (step(got, op_resize(data, got)[1]), snapshot(got.x))
    assert a == b, "after dropping everything:\n  %s\n  built-in: %r\n  gomv:     %r" % ("\n  ".join(log), a, b)
