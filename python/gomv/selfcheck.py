"""Self-check: gomv.memoryview against the built-in memoryview, side by side.

Run as ``python -m gomv``. Every operation is run on a fresh exporter once
with ``gomv.memoryview`` and once with the built-in ``memoryview``; the
outcomes (a value summary, or the exception's exact type and message) must
be identical. The exit status is 1 when anything differs, 2 when the check
could not run completely (gomv not importable, an exporter not buildable).

With GOMV_TARGET=builtin the built-in stands in for gomv.memoryview (every
row must then be "same"); this checks the checker itself and lets it run
while the extension is not built. This file imports nothing from its
package, so ``python python/gomv/selfcheck.py`` also works when ``import
gomv`` does not.
"""

import argparse
import array
import builtins
import collections.abc
import json
import mmap
import os
import platform
import re
import struct
import sys
import pickle
import time
import warnings
import weakref

BUILTIN = builtins.memoryview


# --------------------------------------------------------------- the target


def load_target():
    """(type under test, description). Raises if gomv cannot be imported."""
    if os.environ.get("GOMV_TARGET", "").lower() == "builtin":
        return BUILTIN, "built-in memoryview (GOMV_TARGET=builtin)"
    import gomv

    fast = "off" if os.environ.get("GOMV_NO_FASTPATH") == "1" else "on"
    return gomv.memoryview, "gomv %s (C fast paths %s)" % (
        getattr(gomv, "__version__", "?"), fast)


# ---------------------------------------------------------------- exporters
#
# Each exporter is (name, factory); the factory builds a fresh object per
# run, so operations that write or resize never leak into the next one.
# exporters() tags each with its family (the summary counts per family).


def _ctypes_exporters():
    try:
        import ctypes
    except ImportError:
        return []

    # Made with type(): mypy names a class statement inside a function
    # "Pair@<line>" at module level, which stubtest then reports as missing.
    Pair = type("Pair", (ctypes.Structure,), {
        "_fields_": [("a", ctypes.c_int), ("b", ctypes.c_double)]})

    def int_array():
        return (ctypes.c_int * 4)(1, -2, 3, -4)

    def double_array():
        return (ctypes.c_double * 3)(0.5, -1.25, float("inf"))

    def array_2d():
        a = (ctypes.c_short * 3 * 2)()
        for i in range(2):
            for j in range(3):
                a[i][j] = i * 10 + j
        return a

    return [
        ("ctypes c_int*4", int_array),
        ("ctypes c_double*3", double_array),
        ("ctypes c_short*3*2", array_2d),
        ("ctypes Structure", lambda: Pair(7, 2.5)),
        ("ctypes c_uint8 scalar", lambda: ctypes.c_uint8(200)),
    ]


def _testbuffer_exporters():
    try:
        import _testbuffer as tb  # type: ignore[import-not-found]
    except ImportError:
        return []
    nd, W = tb.ndarray, tb.ND_WRITABLE

    def strided():
        return nd(list(range(24)), shape=[4, 6], format="h", flags=W)[::2, 1::2]

    return [
        ("ndarray 3x4 i", lambda: nd(list(range(12)), shape=[3, 4], format="i")),
        ("ndarray 2x3x2 B rw",
         lambda: nd(list(range(12)), shape=[2, 3, 2], format="B", flags=W)),
        ("ndarray 3x4 i F-order",
         lambda: nd(list(range(12)), shape=[3, 4], format="i",
                    flags=tb.ND_FORTRAN)),
        ("ndarray strided 2x3 h rw", strided),
        ("ndarray 1-D step -2 B",
         lambda: nd(list(range(10)), shape=[10], format="B", flags=W)[::-2]),
        ("ndarray 0-d i", lambda: nd(7, shape=[], format="i", flags=W)),
        ("ndarray 0-d B", lambda: nd(5, shape=[], format="B")),
        ("ndarray PIL 3x4 B",
         lambda: nd(list(range(12)), shape=[3, 4], format="B",
                    flags=tb.ND_PIL | W)),
        ("ndarray 0x3 B", lambda: nd([0], shape=[0, 3], format="B")),
        ("ndarray <i rw",
         lambda: nd([1, -2, 3], shape=[3], format="<i", flags=W)),
        ("ndarray >H", lambda: nd([1, 2, 3], shape=[3], format=">H")),
        ("ndarray ? rw",
         lambda: nd([True, False, True], shape=[3], format="?", flags=W)),
        ("ndarray c rw",
         lambda: nd([b"x", b"y", b"z"], shape=[3], format="c", flags=W)),
        ("ndarray e", lambda: nd([1.5, -2.0, 0.25], shape=[3], format="e")),
        ("ndarray 2i", lambda: nd([(1, 2), (3, 4)], shape=[2], format="2i")),
        ("ndarray Q rw",
         lambda: nd([0, 2**64 - 1], shape=[2], format="Q", flags=W)),
    ]


def _numpy_exporters():
    try:
        import numpy as np
    except Exception:  # ImportError, or a numpy built for another Python
        return []
    return [
        ("numpy 2x3 int32 C",
         lambda: np.arange(6, dtype=np.int32).reshape(2, 3)),
        ("numpy 2x3 float64 F",
         lambda: np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))),
        ("numpy strided [::2,::-1]",
         lambda: np.arange(24, dtype=np.int16).reshape(4, 6)[::2, ::-1]),
        ("numpy 0-d float64", lambda: np.array(2.5)),
        ("numpy bool", lambda: np.array([True, False, True])),
        ("numpy float16", lambda: np.array([1.0, -0.5], dtype=np.float16)),
        ("numpy readonly uint8",
         lambda: np.frombuffer(b"\x00\x01\xfe\xff", dtype=np.uint8)),
    ]


def _mmap_exporter():
    m = mmap.mmap(-1, 16)
    m.write(bytes(range(16)))
    return m


def _array_u():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return array.array("u", "héllo")


def _bytes_exporters():
    return [
        ("bytes", lambda: b"abcdefgh"),
        ("bytes empty", lambda: b""),
        ("bytearray", lambda: bytearray(b"hello world!")),
        ("bytearray empty", lambda: bytearray()),
    ]


def _array_exporters():
    return [
        ("array b", lambda: array.array("b", [-128, -1, 0, 1, 127])),
        ("array B", lambda: array.array("B", [0, 1, 128, 255])),
        ("array h", lambda: array.array("h", [-32768, 0, 32767])),
        ("array i", lambda: array.array("i", [1, -2, 3, -4, 5, -6])),
        ("array L", lambda: array.array("L", [0, 1, 2**32 - 1])),
        ("array q", lambda: array.array("q", [-(2**63), 2**63 - 1])),
        ("array f", lambda: array.array("f", [1.5, -0.0, float("nan")])),
        ("array d", lambda: array.array("d", [0.1, float("-inf"), 1e300])),
        ("array u", _array_u),
    ]


EXPORTER_FAMILIES = [
    ("bytes/bytearray", _bytes_exporters),
    ("array", _array_exporters),
    ("mmap", lambda: [("mmap 16", _mmap_exporter)]),
    ("ctypes", _ctypes_exporters),
    ("_testbuffer", _testbuffer_exporters),
    ("numpy", _numpy_exporters),
]


def exporters():
    """[(family, name, factory)] of every exporter this interpreter has."""
    return [(family, name, factory)
            for family, group in EXPORTER_FAMILIES
            for name, factory in group()]


# --------------------------------------------------------------- operations
#
# An operation is f(T, obj) -> value, T being the memoryview type under test.
# A value wrapped in Foreign is expected to be a *built-in* memoryview on
# both sides (e.g. built-in memoryview(gomv view)).


class Foreign:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def _state(obj):
    """The exporter's current bytes, read through the built-in."""
    with BUILTIN(obj) as v:
        return v.tobytes()


def _idx0(m):
    return (0,) * m.ndim if m.ndim > 1 else 0


def _idx_last(m):
    return (-1,) * m.ndim if m.ndim > 1 else -1


def _two_rows(n):
    return [2, n // 2] if n % 2 == 0 else [1, n]


def _set_item(T, o):
    m = T(o)
    m[0] = m[-1]
    return _state(o)


def _set_multi(T, o):
    m = T(o)
    m[_idx0(m)] = m[_idx_last(m)]
    return _state(o)


def _set_slice(T, o):
    m = T(o)
    m[1:3] = m[0:2]
    return _state(o)


def _set_all_bytes(T, o):
    m = T(o)
    m[:] = bytes(m.nbytes)
    return _state(o)


def _set_strided(T, o):
    m = T(o)
    m[::2] = m[1::2][: len(m[::2])]
    return _state(o)


def _norm_repr(v):
    return re.sub(r"0x[0-9a-fA-F]+", "0x?", repr(v))


def _consumer(T):
    """A function holding a real buffer export of a view (so that release()
    must refuse), or None. memoryview(m) does not count: it shares m's
    managed buffer instead of exporting from m."""
    try:
        import _testbuffer as tb  # type: ignore[import-not-found]
    except ImportError:
        return None
    return lambda m: tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO)


def _release_exported(T, o):
    m = T(o)
    hold = _consumer(T)
    e = hold(m) if hold else BUILTIN(m)
    try:
        m.release()
    except BufferError as exc:
        first = "BufferError: %s" % exc
    else:
        first = "released"
    del e
    m.release()
    return first, _norm_repr(m)


def _context(T, o):
    with T(o) as m:
        inside = len(m) if m.ndim else m.nbytes
    return inside, m.tobytes()


def _hash_release_hash(T, o):
    m = T(o)
    h = hash(m)
    m.release()
    return h == hash(m)


def _resize_while_viewed(T, o):
    m = T(o)
    try:
        o.append(0)
    except BufferError as exc:
        held = "BufferError: %s" % exc
    else:
        held = "resized"
    m.release()
    o.append(0)
    return held, len(o)


def _dir(T, o):
    # A heap type carries __module__ ('gomv') in its dict; the static
    # built-in has none. That one name is by design; the rest must match.
    return sorted(set(dir(T(o))) - {"__module__"})


def _numpy_view(T, o):
    import numpy as np

    a = np.asarray(T(o))
    return a.dtype.str, a.shape, a.strides, a.tolist()


def _dunder_buffer(T, o):
    return Foreign(T(o).__buffer__(0))


def _attr(name):
    return lambda T, o: getattr(T(o), name)


def _family(name, ops):
    return [(op_name, name, op) for op_name, op in ops]


# (operation, family, f). Every operation runs on every exporter.
OPS = _family("construction", [
    ("construct", lambda T, o: T(o)),
    ("construct(obj=)", lambda T, o: T(object=o)),
    ("obj is exporter", lambda T, o: T(o).obj is o),
    ("T(m)", lambda T, o: T(T(o))),
    ("T(m).obj is obj", lambda T, o: T(T(o)).obj is o),
    ("T(builtin(obj))", lambda T, o: T(BUILTIN(o))),
    ("release; T(m)", lambda T, o: (lambda m: (m.release(), T(m)))(T(o))),
]) + _family("attributes", [("." + a, _attr(a)) for a in (
    "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides",
    "suboffsets", "c_contiguous", "f_contiguous", "contiguous")] + [
    ("repr", lambda T, o: _norm_repr(T(o))),
    ("str", lambda T, o: _norm_repr(str(T(o)))),
    ("len", lambda T, o: len(T(o))),
    ("bool", lambda T, o: bool(T(o))),
]) + _family("indexing", [
    ("m[0]", lambda T, o: T(o)[0]),
    ("m[-1]", lambda T, o: T(o)[-1]),
    ("m[len(m)]", lambda T, o: T(o)[len(T(o))]),
    ("m[-len(m)-1]", lambda T, o: (lambda m: m[-len(m) - 1])(T(o))),
    ("m[0,..,0]", lambda T, o: T(o)[(0,) * max(T(o).ndim, 2)]),
    ("m[-1,..,-1]", lambda T, o: (lambda m: m[_idx_last(m)])(T(o))),
    ("m[()]", lambda T, o: T(o)[()]),
    ("m[...]", lambda T, o: T(o)[...]),
    ("m['a']", lambda T, o: T(o)["a"]),
    ("m[2**63]", lambda T, o: T(o)[2 ** 63]),
    ("m[1.0]", lambda T, o: T(o)[1.0]),
    ("m[True]", lambda T, o: T(o)[True]),
]) + _family("slicing", [
    ("m[1:-1]", lambda T, o: T(o)[1:-1]),
    ("m[::2]", lambda T, o: T(o)[::2]),
    ("m[::-1]", lambda T, o: T(o)[::-1]),
    ("m[5:2]", lambda T, o: T(o)[5:2]),
    ("m[:, :]", lambda T, o: T(o)[:, :]),
    ("m[::2].tolist()", lambda T, o: T(o)[::2].tolist()),
    ("m[::-1].tobytes()", lambda T, o: T(o)[::-1].tobytes()),
    ("m[::2].hex()", lambda T, o: T(o)[::2].hex()),
    ("m[::2].cast('B')", lambda T, o: T(o)[::2].cast("B")),
]) + _family("assignment", [
    ("m[0]=m[-1]", _set_item),
    ("m[0,..]=m[-1,..]", _set_multi),
    ("m[0]=256", lambda T, o: T(o).__setitem__(0, 256)),
    ("m[0]='x'", lambda T, o: T(o).__setitem__(0, "x")),
    ("m[1:3]=m[0:2]", _set_slice),
    ("m[0:2]=m[0:1]", lambda T, o: (lambda m: m.__setitem__(
        slice(0, 2), m[0:1]))(T(o))),
    ("m[:]=bytes", _set_all_bytes),
    ("m[::2]=m[1::2]", _set_strided),
    ("del m[0]", lambda T, o: T(o).__delitem__(0)),
    ("toreadonly m[0]=", lambda T, o: T(o).toreadonly().__setitem__(0, 0)),
]) + _family("tobytes/hex/tolist", [
    ("tobytes()", lambda T, o: T(o).tobytes()),
    ("tobytes('C')", lambda T, o: T(o).tobytes("C")),
    ("tobytes('F')", lambda T, o: T(o).tobytes(order="F")),
    ("tobytes('A')", lambda T, o: T(o).tobytes("A")),
    ("tobytes('X')", lambda T, o: T(o).tobytes("X")),
    ("tobytes(None)", lambda T, o: T(o).tobytes(None)),
    ("hex()", lambda T, o: T(o).hex()),
    ("hex(':')", lambda T, o: T(o).hex(":")),
    ("hex('-', 2)", lambda T, o: T(o).hex("-", 2)),
    ("hex(b'|', -3)", lambda T, o: T(o).hex(b"|", bytes_per_sep=-3)),
    ("hex('ab')", lambda T, o: T(o).hex("ab")),
    ("hex('\u00e9')", lambda T, o: T(o).hex("\u00e9")),
    ("hex(':', 0)", lambda T, o: T(o).hex(":", 0)),
    ("tolist", lambda T, o: T(o).tolist()),
    ("toreadonly", lambda T, o: T(o).toreadonly()),
]) + _family("cast", [
    ("cast('B')", lambda T, o: T(o).cast("B")),
    ("cast('@B')", lambda T, o: T(o).cast("@B")),
    ("cast('c')", lambda T, o: T(o).cast("c")),
    ("cast('B').cast('I')", lambda T, o: T(o).cast("B").cast("I")),
    ("cast('B',[2,n/2])",
     lambda T, o: (lambda m: m.cast("B", _two_rows(m.nbytes)))(T(o))),
    ("cast(fmt,[2,n/2])",
     lambda T, o: (lambda m: m.cast(m.format, _two_rows(len(m))))(T(o))),
    ("cast('B').cast('d')", lambda T, o: T(o).cast("B").cast("d")),
    ("cast('B').cast('e')", lambda T, o: T(o).cast("B").cast("e")),
    ("cast('Z')", lambda T, o: T(o).cast("Z")),
    ("cast('B',[n+1])",
     lambda T, o: (lambda m: m.cast("B", [m.nbytes + 1]))(T(o))),
    ("cast('B').cast('B',[])",
     lambda T, o: T(o).cast("B").cast("B", [])),
    ("cast('B',(0,))", lambda T, o: T(o).cast("B", (0,))),
]) + _family("compare/hash", [
    ("== self", lambda T, o: (lambda m: m == m)(T(o))),
    ("== T(obj)", lambda T, o: T(o) == T(o)),
    ("== obj", lambda T, o: T(o) == o),
    ("== builtin(obj)", lambda T, o: T(o) == BUILTIN(o)),
    ("builtin(obj) ==", lambda T, o: BUILTIN(o) == T(o)),
    ("!= tolist()", lambda T, o: T(o) != T(o).tolist()),
    ("== bytes", lambda T, o: T(o) == _state(o)),
    ("== cast('B')", lambda T, o: (lambda m: m == m.cast("B"))(T(o))),
    ("== m[::-1]", lambda T, o: (lambda m: m == m[::-1])(T(o))),
    ("< self", lambda T, o: (lambda m: m < m)(T(o))),
    ("hash", lambda T, o: hash(T(o))),
    ("hash == hash(bytes)", lambda T, o: hash(T(o)) == hash(T(o).tobytes())),
]) + _family("iteration", [
    ("list(iter)", lambda T, o: list(T(o))),
    ("reversed", lambda T, o: list(reversed(T(o)))),
    ("m[0] in m", lambda T, o: (lambda m: m[0] in m)(T(o))),
]) + _family("release/lifetime", [
    ("release; len", lambda T, o: (lambda m: (m.release(), len(m)))(T(o))),
    ("release; m[0]", lambda T, o: (lambda m: (m.release(), m[0]))(T(o))),
    ("release; tobytes",
     lambda T, o: (lambda m: (m.release(), m.tobytes()))(T(o))),
    ("release; .format",
     lambda T, o: (lambda m: (m.release(), m.format))(T(o))),
    ("release; .obj", lambda T, o: (lambda m: (m.release(), m.obj))(T(o))),
    ("release; repr", lambda T, o: (lambda m: (m.release(), _norm_repr(m)))(T(o))),
    ("release; == self", lambda T, o: (lambda m: (m.release(), m == m))(T(o))),
    ("release; == other",
     lambda T, o: (lambda m: (m.release(), m == T(o)))(T(o))),
    ("release twice",
     lambda T, o: (lambda m: (m.release(), m.release(), "ok"))(T(o))),
    ("release exported", _release_exported),
    ("with; use after", _context),
    ("hash; release; hash", _hash_release_hash),
]) + _family("protocols", [
    ("abc.Sequence", lambda T, o: isinstance(T(o), collections.abc.Sequence)),
    ("pickle.dumps", lambda T, o: pickle.dumps(T(o))),
    ("weakref", lambda T, o: (lambda m: weakref.ref(m)() is m)(T(o))),
]) + _family("buffer export", [
    ("bytes(m)", lambda T, o: bytes(T(o))),
    ("bytearray(m)", lambda T, o: bytearray(T(o))),
    ("builtin(m)", lambda T, o: Foreign(BUILTIN(T(o)))),
    ("struct.unpack_from", lambda T, o: struct.unpack_from("B", T(o))),
])
if sys.version_info >= (3, 12):
    OPS.append(("m.__buffer__(0)", "buffer export", _dunder_buffer))


def _have_numpy():
    try:
        import numpy  # noqa: F401
    except Exception:
        return False
    return True


if _have_numpy():
    OPS.append(("numpy.asarray(m)", "buffer export", _numpy_view))


def _getbuf(flag_name):
    def op(T, o):
        import _testbuffer as tb  # type: ignore[import-not-found]

        nd = tb.ndarray(T(o), getbuf=getattr(tb, flag_name))
        return (nd.format, nd.itemsize, nd.shape, nd.strides, nd.suboffsets,
                nd.readonly, nd.tobytes())
    return op


try:
    import _testbuffer  # type: ignore[import-not-found]  # noqa: F401
except ImportError:
    pass
else:
    # The real buffer export, per request: _testbuffer.ndarray(m, getbuf=F)
    # calls the view's getbuffer with flags F and keeps what it returns.
    OPS += [("getbuffer(%s)" % f[6:], "buffer export", _getbuf(f)) for f in (
        "PyBUF_SIMPLE", "PyBUF_WRITABLE", "PyBUF_ND", "PyBUF_STRIDES",
        "PyBUF_C_CONTIGUOUS", "PyBUF_F_CONTIGUOUS", "PyBUF_ANY_CONTIGUOUS",
        "PyBUF_INDIRECT", "PyBUF_CONTIG_RO", "PyBUF_RECORDS_RO",
        "PyBUF_FULL_RO", "PyBUF_FULL")]

# (operation, exporter prefix, why) combinations not run; listed at the end.
SKIP = [
    ("== obj", "ctypes",
     "CPython's memoryview == <ctypes array> reads the strides ctypes leaves "
     "NULL (segfault on 3.11-3.13)"),
    ("numpy.asarray(m)", "ctypes Structure",
     "numpy repairs ctypes' struct itemsize only for a built-in memoryview "
     "whose base is ctypes; through any other exporter it raises"),
]


def _skipped(op_name, ex_name):
    return any(op_name == o and ex_name.startswith(e) for o, e, _ in SKIP)


# Operations that only make sense for one exporter: (exporter, operation,
# family, f).
SPECIAL = [
    ("bytearray", "resize while viewed", "release/lifetime", _resize_while_viewed),
    ("bytes", "dir(m)", "attributes", _dir),
]


# ------------------------------------------------------------------ outcomes

_MAX_DATA = 48


def _short_bytes(b):
    s = b.hex()
    if len(s) > _MAX_DATA:
        return "%s..(%d bytes)" % (s[:_MAX_DATA], len(b))
    return s


def _describe_view(v, expected):
    kind = "view" if type(v) is expected else "view!%s.%s" % (
        type(v).__module__, type(v).__qualname__)
    try:
        fields = [
            v.format, v.itemsize, v.shape, v.strides, v.suboffsets,
            "ro" if v.readonly else "rw", v.nbytes,
            "".join(f for f, on in (("C", v.c_contiguous),
                                    ("F", v.f_contiguous),
                                    ("A", v.contiguous)) if on) or "-",
        ]
    except Exception as exc:  # released
        return "%s(%s)" % (kind, _exc_text(exc))
    try:
        data = _short_bytes(v.tobytes())
    except Exception as exc:
        data = _exc_text(exc)
    return "%s(fmt=%r isz=%d shape=%s strides=%s subo=%s %s nbytes=%d %s %s)" % (
        (kind,) + tuple(fields) + (data,))


def _summ(v, expected):
    if isinstance(v, Foreign):
        return _summ(v.v, BUILTIN)
    if type(v) is expected or type(v) is BUILTIN:
        return _describe_view(v, expected)
    if type(v) is tuple:
        return "(" + ", ".join(_summ(x, expected) for x in v) + (
            ",)" if len(v) == 1 else ")")
    if isinstance(v, (bytes, bytearray)) and len(v) > _MAX_DATA // 2:
        return "%s(%s)" % (type(v).__name__, _short_bytes(v))
    return repr(v)


def _exc_text(exc):
    t = type(exc)
    name = t.__qualname__ if t.__module__ == "builtins" else (
        t.__module__ + "." + t.__qualname__)
    return "%s: %s" % (name, exc)


def outcome(T, op, factory):
    try:
        obj = factory()
    except Exception as exc:
        return "exporter failed: " + _exc_text(exc)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _summ(op(T, obj), T)
    except Exception as exc:
        return "!" + _exc_text(exc)


# --------------------------------------------------------------------- main


def run(T):
    """(rows, broken): one row per (exporter, operation) with names, families
    and both outcomes; and [(exporter, error)] for exporters that could not
    be built here (none of their operations ran)."""
    rows, broken = [], []
    special = {}
    for ex_name, op_name, op_family, op in SPECIAL:
        special.setdefault(ex_name, []).append((op_name, op_family, op))
    for ex_family, ex_name, factory in exporters():
        try:
            factory()
        except Exception as exc:
            broken.append((ex_name, _exc_text(exc)))
            continue
        for op_name, op_family, op in OPS + special.get(ex_name, []):
            if _skipped(op_name, ex_name):
                continue
            mine = outcome(T, op, factory)
            ref = outcome(BUILTIN, op, factory)
            rows.append({"op": op_name, "op_family": op_family,
                         "exporter": ex_name, "exporter_family": ex_family,
                         "gomv": mine, "builtin": ref, "same": mine == ref})
    return rows, broken


def tally(rows, key):
    """{family: {"operations": n, "different": d}}, families in run order;
    key is "exporter_family" or "op_family"."""
    counts = {}
    for r in rows:
        c = counts.setdefault(r[key], {"operations": 0, "different": 0})
        c["operations"] += 1
        c["different"] += not r["same"]
    return counts


def _clip(s, n):
    return s if len(s) <= n else s[: n - 2] + ".."


def _print_table(rows, width):
    w_op = max(len(r["op"]) for r in rows)
    w_ex = max(len(r["exporter"]) for r in rows)
    print("%-*s  %-*s  %-*s  %s" % (w_op, "operation", w_ex, "exporter",
                                    width, "outcome", "result"))
    print("-" * (w_op + w_ex + width + 15))
    for r in rows:
        print("%-*s  %-*s  %-*s  %s" % (
            w_op, r["op"], w_ex, r["exporter"], width,
            _clip(r["builtin" if r["same"] else "gomv"], width),
            "same" if r["same"] else "DIFFERENT"))
    print()


def _print_tallies(rows):
    tables = [("exporter family", tally(rows, "exporter_family")),
              ("operation family", tally(rows, "op_family"))]
    w = max(len(k) for title, t in tables for k in list(t) + [title])
    for title, t in tables:
        print("%-*s  %10s  %9s" % (w, title, "operations", "different"))
        for k, c in t.items():
            print("%-*s  %10d  %9d" % (w, k, c["operations"], c["different"]))
        print()


def group_differences(rows):
    """[(op, op family, built-in outcome, gomv outcome, [exporters])]: the
    differing rows, one entry per distinct difference, in run order."""
    groups = {}
    for r in rows:
        if not r["same"]:
            key = (r["op"], r["op_family"], r["builtin"], r["gomv"])
            groups.setdefault(key, []).append(r["exporter"])
    return [k + (v,) for k, v in groups.items()]


def _print_differences(rows):
    groups = group_differences(rows)
    if not groups:
        return
    n = sum(len(g[4]) for g in groups)
    print("%d difference%s%s:" % (n, "" if n == 1 else "s", "" if n == len(groups)
                                  else " (%d distinct)" % len(groups)))
    for op, family, ref, mine, where in groups:
        print("%s on %d exporter%s [%s]: %s" % (
            op, len(where), "" if len(where) == 1 else "s", family,
            "; ".join(where)))
        print("    built-in: %s" % ref)
        print("    gomv:     %s" % mine)
    print()


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m gomv",
        description="Compare gomv.memoryview with the built-in memoryview. "
        "Prints how many operations ran and differed per exporter family and "
        "per operation family, every difference in full, and a verdict; the "
        "exit status is 1 when anything differs.")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="also print the outcome of every operation on every "
                   "exporter, first")
    p.add_argument("--quiet", action="store_true",
                   help="print only the differences and the verdict")
    p.add_argument("--json", action="store_true",
                   help="print the results as JSON (with --quiet: only the "
                   "rows that differ)")
    p.add_argument("--width", type=int, default=70,
                   help="outcome column width of --verbose (default 70)")
    args = p.parse_args(argv)

    t0 = time.perf_counter()
    try:
        T, target = load_target()
    except Exception as exc:
        msg = "cannot import gomv.memoryview: %s" % _exc_text(exc)
        if args.json:
            print(json.dumps({"error": msg, "python": sys.version}))
        else:
            print(msg, file=sys.stderr)
        return 2
    rows, broken = run(T)
    elapsed = time.perf_counter() - t0
    n = len(rows)
    nsame = sum(r["same"] for r in rows)
    # 2: the check itself is incomplete, whatever it found
    status = 2 if broken else 0 if nsame == n else 1

    if args.json:
        print(json.dumps({
            "python": sys.version, "implementation": platform.python_implementation(),
            "target": target, "seconds": round(elapsed, 3), "rows": [
                r for r in rows if not (args.quiet and r["same"])],
            "operations": n, "same": nsame, "different": n - nsame,
            "exporter_families": tally(rows, "exporter_family"),
            "operation_families": tally(rows, "op_family"),
            "not_run": [{"op": o, "exporter": e, "why": why}
                        for o, e, why in SKIP],
            "exporters_failed": [{"exporter": e, "error": err}
                                 for e, err in broken],
        }, indent=1))
        return status

    print("Python %s (%s)" % (sys.version.split()[0], sys.executable))
    print("under test: %s; reference: built-in memoryview" % target)
    print()
    if args.verbose:
        _print_table(rows, args.width)
    if not args.quiet:
        _print_tallies(rows)
    _print_differences(rows)
    if not args.quiet:
        for o, e, why in SKIP:
            print("not run: %s on %s*: %s" % (o, e, why))
    for e, err in broken:
        print("NOT RUN: exporter %r could not be built: %s" % (e, err))
    print("%s: %d operations, %d same, %d different%s (%.2f s)" % (
        "OK" if status == 0 else "FAILED", n, nsame, n - nsame,
        ", %d exporter(s) broken" % len(broken) if broken else "", elapsed))
    return status


if __name__ == "__main__":
    sys.exit(main())
