"""Shared machinery of the conformance suite.

The suite is differential: every operation runs once on the built-in
memoryview and once on the memoryview under test (``MV``), each time on a
FRESH exporter from the same factory, and the outcomes must be equal.  An
outcome is either ("ok", normalised value) or ("exc", exception type,
message), followed by the bytes of each exporter after the operation, so a
write that lands in the wrong place is caught too.

``GOMV_TEST_TARGET=builtin`` makes ``MV`` the built-in memoryview: the
differential tests then pass by construction and the absolute ones (numpy
export, release counts, leaks) check that the tests themselves are right.
"""

import array
import builtins
import ctypes
import math
import mmap
import os
import re
import struct
import sys

import _testbuffer as tb

BMV = builtins.memoryview
TARGET = os.environ.get("GOMV_TEST_TARGET", "gomv")

if TARGET == "builtin":
    MV = BMV
elif TARGET == "gomv":
    import gomv  # GOMV_NO_FASTPATH must be in the environment before this line

    MV = gomv.memoryview
else:
    raise RuntimeError("GOMV_TEST_TARGET must be 'gomv' or 'builtin', not %r" % TARGET)

try:
    import numpy as np
except ImportError:  # numpy is in requirements.txt, but the suite runs without it
    np = None

PY = sys.version_info[:2]
# The run through the Go twins (GOMV_NO_FASTPATH=1) repeats the whole suite
# to prove the C fast paths and Go agree; files that exercise neither (the
# stubs, the benchmark's logic, the Go core through gopy) run once, in the
# fast-path run.
NOFAST = os.environ.get("GOMV_NO_FASTPATH", "0") not in ("", "0")
ONCE_PER_INTERPRETER = "independent of the C fast paths: runs in the fast-path run only"
ATTRS = ("obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape",
         "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous")


# ----------------------------------------------------------------------------
# normalisation and outcomes

def _is_mv(v):
    return isinstance(v, (BMV, MV))


def norm(v, depth=0):
    """A comparable, hashable-free description of a value.

    Types are part of the description (1 != True != 1.0, b'a' != 97), floats
    compare by repr (so NaN equals NaN and -0.0 differs from 0.0), and
    memoryviews of either implementation are described by what they show.
    """
    if _is_mv(v):
        return norm_mv(v, depth)
    t = type(v)
    if t is float or t is complex:
        return (t.__name__, repr(v))
    if t in (int, bool, str, bytes, bytearray, type(None)):
        return (t.__name__, v)
    if t in (list, tuple):
        return (t.__name__, [norm(x, depth) for x in v])
    if v is BMV or v is MV:
        return ("type", "memoryview")
    if isinstance(v, BaseException):
        return ("exc-value", type(v), str(v))
    return (t.__name__, repr(v))


def norm_mv(m, depth=0):
    if depth > 3:
        return ("mv", "...")
    d = []
    for a in ATTRS:
        if a == "obj":
            d.append(("obj", outcome(lambda: _objdesc(m.obj))))
        else:
            d.append((a, outcome(lambda a=a: getattr(m, a), depth + 1)))
    d.append(("len", outcome(lambda: len(m))))
    d.append(("tolist", outcome(m.tolist, depth + 1)))
    d.append(("tobytes", outcome(m.tobytes)))
    return ("mv", d)


def _objdesc(o):
    if _is_mv(o):
        return "memoryview"
    return type(o).__name__


def outcome(fn, depth=0):
    try:
        v = fn()
    except BaseException as e:  # noqa: B902 - the outcome is what is compared
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return ("exc", type(e), str(e))
    return ("ok", norm(v, depth))


def snapshot(o):
    """The bytes an exporter holds (by the built-in memoryview)."""
    def get():
        with BMV(o) as m:
            return m.tobytes()
    return outcome(get)


def run_side(M, op, factories):
    objs = [f(M) for f in factories]
    res = outcome(lambda: op(M, *objs))
    return (res, [snapshot(o) for o in objs])


def same(op, *factories):
    """Run op(M, *exporters) with the built-in and with MV; outcomes must match.

    Each factory is called with the memoryview class of the side (most ignore
    it) and must return a fresh exporter, since op may write to it.  Returns
    the built-in side's outcome so a test can also assert on it.
    """
    ref = run_side(BMV, op, factories)
    got = run_side(MV, op, factories)
    if got != ref:
        raise AssertionError(
            "gomv differs from the built-in memoryview\n  built-in: %s\n  gomv:     %s"
            % (_show(ref), _show(got)))
    return ref[0]


def same_many(cases):
    """Run same() over (label, op, factories) cases; report every mismatch at once."""
    bad = []
    for label, op, facs in cases:
        try:
            same(op, *facs)
        except AssertionError as e:
            bad.append("%s: %s" % (label, e))
    if bad:
        raise AssertionError("%d of %d cases differ:\n%s" % (
            len(bad), len(cases), "\n".join(bad[:8])))


def same_view(fn, factory):
    """same() for the common case: fn(m) where m = M(exporter)."""
    return same(lambda M, x: fn(M(x)), factory)


def _show(side):
    s = repr(side)
    return s if len(s) < 4000 else s[:4000] + "...(cut)"


ADDR = re.compile(r"0x[0-9a-fA-F]+")


def unaddr(s):
    return ADDR.sub("0xADDR", s)


# ----------------------------------------------------------------------------
# exporters: name -> factory(M) -> fresh object

EXPORTERS = {}
TAGS = {}


def reg(name, tags=""):
    def deco(f):
        EXPORTERS[name] = f
        TAGS[name] = set(tags.split())
        return f
    return deco


def names(*need, exclude=()):
    """Exporter names carrying every tag in need and none in exclude."""
    return [n for n in EXPORTERS
            if all(t in TAGS[n] for t in need) and not any(t in TAGS[n] for t in exclude)]


def factory(name):
    return EXPORTERS[name]


reg("bytes", "ro 1d bytefmt")(lambda M: b"abc\x00\xff\x7fxyz")
reg("bytes_empty", "ro 1d bytefmt empty")(lambda M: b"")
reg("bytearray", "rw 1d bytefmt")(lambda M: bytearray(b"abc\x00\xff\x7fxyz"))
reg("bytearray_empty", "rw 1d bytefmt empty")(lambda M: bytearray())

ARRAY_VALUES = {
    "b": [-128, -1, 0, 1, 127], "B": [0, 1, 128, 255, 7],
    "h": [-32768, -1, 0, 32767, 5], "H": [0, 65535, 1, 2, 3],
    "i": [-2**31, -1, 0, 2**31 - 1, 9], "I": [0, 2**32 - 1, 1, 2, 3],
    "l": [-2**63, -1, 0, 2**63 - 1, 4], "L": [0, 2**64 - 1, 5, 6, 7],
    "q": [-2**63, -1, 0, 2**63 - 1, 8], "Q": [0, 2**64 - 1, 1, 2, 3],
    "f": [1.5, -0.0, float("inf"), float("nan"), 3.25],
    "d": [1e300, -0.0, float("-inf"), float("nan"), 1 / 3],
    "u": "abc\u20ac\U0001f600", "w": "abc\u20ac\U0001f600",
    # 3.15's array: half floats and complex numbers
    "e": [1.5, -0.0, float("inf"), float("nan"), 65504.0],
    "Zf": [1 + 2j, -0.0j, complex(float("inf"), -1), complex(float("nan"), 0), 3.25 - 1j],
    "Zd": [1e300 + 1j, -0.0j, complex(float("-inf"), 2), complex(0, float("nan")), 1 / 3 + 0j],
}
for _tc in array.typecodes:
    if _tc in ARRAY_VALUES:
        reg("array_" + _tc, "rw 1d array")(lambda M, _tc=_tc: array.array(_tc, ARRAY_VALUES[_tc]))
reg("array_empty_d", "rw 1d array empty")(lambda M: array.array("d"))


def _mmap(M):
    mm = mmap.mmap(-1, 16)
    mm.write(bytes(range(16)))
    return mm


reg("mmap", "rw 1d bytefmt")(_mmap)


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double)]


reg("ct_int4", "rw 1d ctypes")(lambda M: (ctypes.c_int * 4)(1, -2, 3, 2**31 - 1))
reg("ct_double3", "rw 1d ctypes")(lambda M: (ctypes.c_double * 3)(1.5, -0.0, float("nan")))
reg("ct_int_2d", "rw ctypes")(lambda M: ((ctypes.c_int * 3) * 2)((1, 2, 3), (4, 5, 6)))
reg("ct_char4", "rw 1d ctypes")(lambda M: (ctypes.c_char * 4)(b"a", b"b", b"\x00", b"\xff"))
reg("ct_bool3", "rw 1d ctypes")(lambda M: (ctypes.c_bool * 3)(True, False, True))
reg("ct_ubyte4", "rw 1d ctypes")(lambda M: (ctypes.c_ubyte * 4)(0, 1, 254, 255))
reg("ct_struct", "rw ctypes struct")(lambda M: Point(1, 2.5))
reg("ct_struct_arr", "rw 1d ctypes struct")(lambda M: (Point * 2)(Point(1, 2.5), Point(-1, 0.5)))

if np is not None:
    def _npro(a):
        a.setflags(write=False)
        return a

    reg("np_c", "rw numpy")(lambda M: np.arange(12, dtype=np.int32).reshape(3, 4))
    reg("np_f", "rw numpy")(lambda M: np.asfortranarray(np.arange(12, dtype=np.int16).reshape(3, 4)))
    reg("np_strided", "rw 1d numpy")(lambda M: np.arange(10, dtype=np.float64)[::2])
    reg("np_neg", "rw 1d numpy")(lambda M: np.arange(6, dtype=np.int64)[::-1])
    reg("np_0d", "rw numpy zerod")(lambda M: np.array(5))
    reg("np_0d_f", "rw numpy zerod")(lambda M: np.array(float("nan")))
    reg("np_T", "rw numpy")(lambda M: np.arange(6, dtype=np.uint8).reshape(2, 3).T)
    reg("np_3d_neg", "rw numpy")(
        lambda M: np.arange(24, dtype=np.int16).reshape(2, 3, 4)[::-1, ::2, ::-1])
    reg("np_struct", "rw 1d numpy struct")(
        lambda M: np.array([(1, 2.5), (-3, float("nan"))], dtype=[("a", "<i4"), ("b", "<f8")]))
    reg("np_bool", "rw 1d numpy")(lambda M: np.array([True, False, True]))
    reg("np_f16", "rw 1d numpy")(
        lambda M: np.array([1.5, -0.0, float("nan"), float("inf"), 65504], dtype=np.float16))
    reg("np_f32", "rw 1d numpy")(lambda M: np.array([1.5, float("nan"), -0.0], dtype=np.float32))
    reg("np_complex", "rw 1d numpy")(lambda M: np.array([1 + 2j, -0.0 - 1j], dtype=np.complex128))
    reg("np_u8", "rw 1d numpy bytefmt")(lambda M: np.arange(8, dtype=np.uint8))
    reg("np_ro", "ro numpy")(lambda M: _npro(np.arange(6, dtype=np.int32).reshape(2, 3)))

W = tb.ND_WRITABLE


def nd(items, shape, fmt, flags=W, **kw):
    return tb.ndarray(items, shape=shape, format=fmt, flags=flags, **kw)


ND_VALUES = {
    "b": [-128, 0, 127, -1], "B": [0, 255, 1, 2], "h": [-32768, 32767, 0, 1],
    "H": [0, 65535, 3, 4], "i": [-2**31, 2**31 - 1, 0, 1], "I": [0, 2**32 - 1, 5, 6],
    "l": [-2**63, 2**63 - 1, 0, 1], "L": [0, 2**64 - 1, 1, 2],
    "q": [-2**63, 2**63 - 1, 0, 1], "Q": [0, 2**64 - 1, 7, 8],
    "n": [-2**63, 2**63 - 1, 0, 1], "N": [0, 2**64 - 1, 0, 1],
    "f": [1.5, float("nan"), -0.0, float("inf")], "d": [1e300, float("nan"), -0.0, 0.1],
    "e": [1.5, float("nan"), -0.0, 65504.0], "?": [True, False, True, False],
    "c": [b"a", b"\x00", b"\xff", b"z"], "P": [0, 1, 2**64 - 1, 12345],
    "@i": [1, 2, 3, 4], "<i": [1, -2, 3, -4], ">h": [1, -2, 300, -400], "=q": [1, 2, 3, 4],
    "!I": [1, 2, 3, 4], "ii": [(1, 2), (3, 4), (5, 6), (7, 8)], "2h": [(1, 2), (3, 4), (5, 6), (7, 8)],
    "3s": [b"abc", b"de\x00", b"", b"x"], "@B": [1, 2, 3, 4], "<B": [5, 6, 7, 8], "x B": [1, 2, 3, 4],
}
for _f, _v in ND_VALUES.items():
    reg("nd_" + _f.replace(" ", "_"), "rw 1d nd fmt")(
        lambda M, _f=_f, _v=_v: nd(_v, [4], _f))
reg("nd_ro_B", "ro 1d nd bytefmt")(lambda M: nd([1, 2, 3, 4], [4], "B", flags=0))
reg("nd_3d", "rw nd")(lambda M: nd(list(range(24)), [2, 3, 4], "i"))
reg("nd_3d_slices", "rw nd")(lambda M: nd(list(range(24)), [2, 3, 4], "h")[::-1, ::2, 1::2])
reg("nd_neg_1d", "rw 1d nd")(lambda M: nd(list(range(12)), [12], "i")[::-3])
reg("nd_offset_neg", "ro 1d nd")(
    lambda M: tb.ndarray(list(range(12)), shape=[3], strides=[-4], offset=8, format="i"))
reg("nd_pil", "ro nd pil")(lambda M: nd(list(range(12)), [3, 4], "B", flags=tb.ND_PIL))
reg("nd_pil_rw", "rw nd pil")(lambda M: nd(list(range(24)), [2, 3, 4], "h", flags=tb.ND_PIL | W))
reg("nd_0d", "rw nd zerod")(lambda M: nd(7, [], "q"))
reg("nd_0d_ro_B", "ro nd zerod")(lambda M: nd(7, [], "B", flags=0))
reg("nd_0d_f", "rw nd zerod")(lambda M: nd(-0.0, [], "d"))
reg("nd_fortran", "rw nd")(lambda M: nd(list(range(12)), [3, 4], "i", flags=tb.ND_FORTRAN | W))
reg("nd_fortran_B", "rw nd")(lambda M: nd(list(range(12)), [3, 4], "B", flags=tb.ND_FORTRAN | W))
reg("nd_2d_B", "rw nd bytefmt2d")(lambda M: nd(list(range(12)), [3, 4], "B"))
reg("nd_empty_2d", "ro nd empty")(lambda M: nd(list(range(12)), [3, 4], "i", flags=0)[:, 0:0])
reg("nd_empty_1d", "ro 1d nd empty")(lambda M: nd(list(range(12)), [12], "i", flags=0)[5:5])
reg("nd_5d", "rw nd")(lambda M: nd(list(range(32)), [2, 2, 2, 2, 2], "b"))

# memoryview of memoryview, in all three mixes
reg("mv_of_mv", "rw 1d mv")(lambda M: M(bytearray(b"hello world")))
reg("mv_of_bmv", "rw 1d mv")(lambda M: BMV(bytearray(b"hello world")))
reg("bmv_of_mv", "rw 1d mv")(lambda M: BMV(M(bytearray(b"hello world"))))
reg("mv_of_mv_2d", "rw mv")(lambda M: M(bytearray(range(12))).cast("B", (3, 4)))
reg("mv_of_mv_cast_i", "rw 1d mv")(lambda M: M(bytearray(range(16))).cast("i"))
reg("mv_of_mv_slice", "rw 1d mv")(lambda M: M(bytearray(range(16)))[::-3])


def is_float_fmt(fmt):
    return fmt.lstrip("@=<>!") in ("f", "d", "e")


# ---- process and exporter state (lifetime and leak tests)

def exports(a):
    """How many buffers the _testbuffer.ndarray a has exported right now
    (ndarray.push refuses while any are, and says how many)."""
    try:
        a.push([1], shape=[1], format="B")
    except BufferError as e:
        return int(re.search(r"(\d+) exported buffer", str(e)).group(1))
    a.pop()
    return 0


def rss_kib():
    """Resident set size of this process in KiB (peak RSS where /proc is
    missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
