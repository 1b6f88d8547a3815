"""What changed in memoryview from 3.11 to 3.15, differentially.

One test serves every interpreter: the running built-in decides what is
right, so on 3.13 ``m.count`` must raise AttributeError and on 3.14 it must
count.  The changes covered here (the CPython test suites are run as they
are by test_cpython_suite.py):

* count() and index()                                    (3.14)
* '?' items compared by truth, not by stored byte        (3.14)
* memoryview[int], a types.GenericAlias                  (3.14)
* hex(sep, bytes_per_sep) on reversed and strided views; bytes_per_sep is a
  C ssize_t, no longer a C int                           (3.15)
* a view cannot be released while hash() or hex(sep) is using it: the
  release raises BufferError                             (3.14)
* exports counted right when threads get and release buffers at once (3.14)
* complex items 'Zf' and 'Zd' in casts, items, tolist, setitem, comparisons;
  struct's 'F'/'D' (3.14) and 'Zf'/'Zd' (3.15) in struct-unpacked
  comparisons; cast's "native format" message           (3.15)
* m == m for every format                                (3.15)
* the exported pointer is the exporter's (the alignment rules of 3.15's
  test_buffer)

Exporters: bytes, bytearray, array.array, numpy (complex dtypes too),
ctypes (complex types where the interpreter has them), _testbuffer.ndarray
with suboffsets.  Raw ctypes arrays are never the right-hand side of ==
(the built-in segfaults on ``memoryview(a) == b`` for non-native ctypes
formats, up to 3.15).
"""

import array
import ctypes
import struct
import sys
import threading
import typing

import pytest

from mvhelp import BMV, EXPORTERS, MV, TAGS, Point, factory, nd, np, outcome, same, tb

NAN = float("nan")
INF = float("inf")


def _struct_knows(fmt):
    try:
        struct.calcsize(fmt)
        return True
    except struct.error:
        return False


def _nd_makes(fmt):
    """Whether _testbuffer can build an ndarray of this format here."""
    try:
        tb.ndarray([1j], shape=[1], format=fmt)
        return True
    except (ValueError, TypeError, struct.error):
        return False


# ----------------------------------------------------------------------------
# count() and index()

EXTRA_VALUES = [0, 1, -1, 97, 255, 97.0, 1.5, True, False, b"a", b"\x00", "a", None, NAN,
                2**64, -(2**63), 1 + 2j, 0j, (1, 2)]


def _flat(x, out, limit=6):
    if isinstance(x, list):
        for y in x:
            _flat(y, out, limit)
    elif len(out) < limit and all(type(x) is not type(o) or x != o for o in out):
        out.append(x)
    return out


def candidates(x):
    """Values worth counting in exporter x: a few of its own items (read by
    the built-in, so both sides count the same values) and EXTRA_VALUES."""
    try:
        with BMV(x) as m:
            own = _flat(m.tolist(), [])
    except (NotImplementedError, ValueError, TypeError):
        own = []
    return own + EXTRA_VALUES


def count_op(M, x):
    vals = candidates(x)
    m = M(x)
    return [outcome(lambda v=v: m.count(v)) for v in vals]


def _length(x):
    try:
        with BMV(x) as m:
            return len(m)
    except (TypeError, ValueError):
        return 3


def index_op(M, x):
    vals = candidates(x)
    n = _length(x)
    m = M(x)
    bounds = sorted({-n - 2, -n, -2, -1, 0, 1, 2, n - 1, n, n + 3})
    res = [outcome(lambda v=v: m.index(v)) for v in vals]
    for v in vals[:4] + [vals[-1]]:
        for start in bounds:
            res.append(outcome(lambda: m.index(v, start)))
            for stop in bounds:
                res.append(outcome(lambda: m.index(v, start, stop)))
    return res


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_count(name):
    same(count_op, factory(name))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_index(name):
    same(index_op, factory(name))


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


COUNT_INDEX_CALLS = {
    "count()": lambda m: m.count(),
    "count(a, b)": lambda m: m.count(97, 98),
    "count(value=)": lambda m: m.count(value=97),
    "count(x=)": lambda m: m.count(x=97),
    "index()": lambda m: m.index(),
    "index(v, 1, 3, 4)": lambda m: m.index(97, 1, 3, 4),
    "index(value=)": lambda m: m.index(value=97),
    "index(v, start=)": lambda m: m.index(97, start=1),
    "index(v, 'a')": lambda m: m.index(97, "a"),
    "index(v, 1.0)": lambda m: m.index(97, 1.0),
    "index(v, None)": lambda m: m.index(97, None),
    "index(v, 0, None)": lambda m: m.index(97, 0, None),
    "index(v, Idx)": lambda m: m.index(97, Idx(1)),
    "index(v, 0, Idx)": lambda m: m.index(97, 0, Idx(4)),
    "index(v, True)": lambda m: m.index(97, True),
    "index(v, 2**100)": lambda m: m.index(97, 2**100),
    "index(v, -2**100)": lambda m: m.index(97, -2**100),
    "index(v, 0, 2**100)": lambda m: m.index(97, 0, 2**100),
    "index(v, 0, -2**100)": lambda m: m.index(97, 0, -2**100),
    "index(v, 2**63)": lambda m: m.index(97, 2**63),
    "index(v, -2**63-1)": lambda m: m.index(97, -2**63 - 1),
    "index(v, sys.maxsize)": lambda m: m.index(97, sys.maxsize),
    "index missing": lambda m: m.index(100),
    "index NaN": lambda m: m.index(NAN),
    "unbound count": lambda m: type(m).count(m, 97),
    "unbound count bytes": lambda m: type(m).count(b"abc", 97),
    "unbound index bytes": lambda m: type(m).index(b"abc", 97),
    "count is method": lambda m: callable(m.count),
}


@pytest.mark.parametrize("call", list(COUNT_INDEX_CALLS))
@pytest.mark.parametrize("name", [n for n in ["bytes", "bytes_empty", "nd_2d_B", "nd_0d", "nd_ii",
                                               "nd_pil", "array_w", "array_u", "nd_neg_1d",
                                               "mv_of_mv_slice", "np_f"] if n in EXPORTERS])
def test_count_index_arguments(name, call):
    f = COUNT_INDEX_CALLS[call]
    same(lambda M, x: f(M(x)), factory(name))


def test_count_index_released():
    def op(M, x):
        m = M(x)
        m.release()
        return [outcome(lambda: m.count(97)), outcome(lambda: m.index(97)),
                outcome(lambda: m.index(97, 0, 1))]
    same(op, factory("bytes"))
    same(op, factory("bytes_empty"))


def test_count_index_descriptors():
    def op(M):
        return [outcome(lambda: (getattr(M, n).__name__, getattr(M, n).__qualname__,
                                 getattr(M, n).__text_signature__, getattr(M, n).__doc__))
                for n in ("count", "index")]
    same(op)


# __eq__ of the value runs Python code in the middle of the scan: it may
# release the view, raise, or compare equal late.
class ReleasesView:
    def __init__(self, box):
        self.box = box

    def __eq__(self, other):
        self.box[0].release()
        return False


class Raises:
    def __eq__(self, other):
        raise KeyError("eq")


class EqualsThird:
    def __init__(self):
        self.calls = 0

    def __eq__(self, other):
        self.calls += 1
        return self.calls == 3


def test_count_index_reentrant():
    def op(M, x):
        res = []
        for meth in ("count", "index"):
            box = [M(x)]
            res.append(outcome(lambda: getattr(box[0], meth)(ReleasesView(box))))
            res.append(outcome(lambda: getattr(M(x), meth)(Raises())))
            e = EqualsThird()
            res.append((outcome(lambda: getattr(M(x), meth)(e)), e.calls))
        return res
    # bytes: the memory stays valid after a release, so the built-in is a
    # reference even where it reads on after the release
    same(op, factory("bytes"))
    same(op, lambda M: nd(list(range(8)), [8], "i"))


# ----------------------------------------------------------------------------
# '?': items read any non-zero byte as True; comparisons go by truth too

BOOL_RAWS = [b"\x00\x01\x02\xff", b"\x00\x02\x01\x80", b"\x00\x01\x01\x01", b"\x01\x00\x00\x00",
             b"\x02\x04\x06\x08", b"\x01\x03\x05\x07", b"\x00\x00\x00\x00", b"\x00\xff\x10\x00"]


def bool_views(M, raw):
    """The same raw bytes as '?' items, from several exporters and paths
    (native '?' fast path and the struct-unpacked '<?' of ctypes)."""
    n = len(raw)
    views = {
        "bytes": M(bytes(raw)).cast("?"),
        "bytearray": M(bytearray(raw)).cast("?"),
        "nd_B": M(nd(list(raw), [n], "B")).cast("?"),
        "reversed": M(bytes(raw[::-1])).cast("?")[::-1],
        "ctypes": M((ctypes.c_bool * n).from_buffer_copy(raw)),
    }
    if n % 2 == 0:
        views["2d"] = M(bytes(raw)).cast("?", [2, n // 2])
    if np is not None:
        views["numpy"] = M(np.frombuffer(bytearray(raw), dtype=np.bool_))
    return views


def bool_op(M, raw1, raw2):
    a, b = bool_views(M, raw1), bool_views(M, raw2)
    res = []
    for ka, va in a.items():
        res.append((ka, outcome(va.tolist), outcome(lambda: list(va) if va.ndim == 1 else None),
                    outcome(lambda: va[0] if va.ndim == 1 else va[0, 1]),
                    outcome(lambda: va.count(True)), outcome(lambda: va.index(True)),
                    outcome(lambda: True in va), outcome(lambda: va == va),
                    outcome(lambda: va == M(bytes(raw1))),
                    outcome(lambda: hash(va.toreadonly()))))
        for kb, vb in b.items():
            res.append((ka, kb, outcome(lambda: va == vb), outcome(lambda: va != vb)))
    return res


@pytest.mark.parametrize("i", range(len(BOOL_RAWS)))
def test_bool_items_and_compare(i):
    raw1 = BOOL_RAWS[i]
    raw2 = BOOL_RAWS[(i + 1) % len(BOOL_RAWS)]
    same(lambda M: bool_op(M, raw1, raw2))
    same(lambda M: bool_op(M, raw1, bytes(1 if c else 0 for c in raw1)))


def test_bool_setitem_normalises():
    def op(M, ba):
        m = M(ba).cast("?")
        out = []
        for i, v in enumerate([5, 0, "x", [], 2.5]):
            out.append(outcome(lambda: m.__setitem__(i % len(m), v)))
        out.append(bytes(ba))
        out.append(m == M(b"\x01\x00\x01\x00").cast("?"))
        return out
    same(op, lambda M: bytearray(b"\x07\x07\x07\x07"))


# ----------------------------------------------------------------------------
# memoryview[int]

def alias_desc(a):
    """A GenericAlias described by its parts: its repr names the origin by
    module ("gomv.memoryview[int]"), which is not what is compared."""
    if isinstance(a, type(list[int])):
        return ("alias", a.__origin__ in (BMV, MV), a.__args__, a.__parameters__,
                typing.get_origin(a) in (BMV, MV), typing.get_args(a))
    return a


CLASS_GETITEM = {
    "M[int]": lambda M: alias_desc(M[int]),
    "M[int, str]": lambda M: alias_desc(M[int, str]),
    "M[()]": lambda M: alias_desc(M[()]),
    "M[T]": lambda M: alias_desc(M[typing.TypeVar("T")]),
    "M[int](b)": lambda M: M[int](b"ab").tolist(),
    "M[int] is not M": lambda M: M[int] is not M and M[int] == M[int],
    "isinstance(m, M[int])": lambda M: isinstance(M(b""), M[int]),
    "__class_getitem__ doc": lambda M: M.__class_getitem__.__doc__,
    "__class_getitem__ bound": lambda M: alias_desc(M.__class_getitem__(bytes)),
    "m[int]": lambda M: M(b"ab")[int],
    "list[M]": lambda M: list[M].__args__[0] is M,
    "M | None": lambda M: (M | None).__args__ == (M, type(None)),
    "type hint": lambda M: typing.get_type_hints(_hinted(M))["x"] == M[bytes],
}


def _hinted(M):
    def f(x: M[bytes]):
        pass
    return f


@pytest.mark.parametrize("case", list(CLASS_GETITEM))
def test_class_getitem(case):
    fn = CLASS_GETITEM[case]
    same(lambda M: fn(M))


# ----------------------------------------------------------------------------
# hex(sep, bytes_per_sep) on reversed and strided views

BIG_SEPS = [2**31 - 1, -(2**31 - 1), 2**31, -(2**31), sys.maxsize, -sys.maxsize,
            sys.maxsize + 1, -sys.maxsize - 1, 2**64, 2**1000, -(2**1000)]
HEX_KEYS = {"rev": slice(None, None, -1), "rev2": slice(None, None, -2), "mid": slice(1, -1),
            "step3": slice(None, None, 3), "rev_mid": slice(-2, 0, -1)}
HEX_NAMES = [n for n in EXPORTERS
             if "1d" in TAGS[n] and "empty" not in TAGS[n] and "struct" not in TAGS[n]]


def hex_op(M, x, key):
    m = M(x)[key]
    n = m.nbytes
    args = [(":",), (b"-",), (":", 1), (":", 2), (":", -2), (":", 3), (":", -3), ("_", n),
            ("_", -n), ("_", n + 1), ("_", -(n + 1)), ("", 2), ("ab", 2), ("\u20ac", 2),
            (":", 0), (":", True), (":", 1.0), (":", "2")] + [(":", b) for b in BIG_SEPS]
    res = [outcome(lambda a=a: m.hex(*a)) for a in args]
    res.append(outcome(lambda: m.hex(sep=":", bytes_per_sep=sys.maxsize)))
    res.append(outcome(lambda: m.hex(bytes_per_sep=-sys.maxsize)))
    return res


@pytest.mark.parametrize("key", list(HEX_KEYS))
@pytest.mark.parametrize("name", HEX_NAMES)
def test_hex_sep_strided(name, key):
    same(lambda M, x: hex_op(M, x, HEX_KEYS[key]), factory(name))


@pytest.mark.parametrize("name", [n for n in ["nd_3d_slices", "nd_pil", "nd_pil_rw", "nd_fortran",
                                               "np_3d_neg", "np_T", "nd_0d", "mv_of_mv_2d"]
                                  if n in EXPORTERS])
def test_hex_sep_multidim(name):
    same(lambda M, x: hex_op(M, x, Ellipsis) if M(x).ndim == 0 else
         [hex_op(M, x, slice(None, None, -1)), hex_op(M, x, slice(None))], factory(name))


# ----------------------------------------------------------------------------
# A view cannot be released while hash() or hex(sep) is using it

def _builtin_pins_view():
    """Whether this interpreter's built-in holds the view during the
    callbacks of hash() (the exporter's __hash__) and hex(sep) (len(sep)).
    Probed on bytes, whose memory stays valid whatever happens."""
    class B(bytes):
        def __hash__(self):
            m.release()
            return 1
    m = BMV(B(b"ab"))
    try:
        hash(m)
    except BufferError:
        return True
    return False


PINS = _builtin_pins_view()
UNPINNED = ("this interpreter's built-in releases the view inside the callback and reads the "
            "released buffer on (fixed upstream, gh-142664 and gh-143195: 3.14.10 and 3.15.2 here hold "
            "the view), so it is no reference; "
            "test_hostile.py::test_release_inside_callback_is_reported covers gomv there")


class BytesReleasingHash(bytes):
    view = None

    def __hash__(self):
        type(self).view.release()
        return 123


def hash_release_op(M):
    BytesReleasingHash.view = m = M(BytesReleasingHash(b"abcdef" * 100))
    first = outcome(lambda: hash(m))
    again = outcome(lambda: m.__hash__())
    return first, again, outcome(m.tobytes), outcome(lambda: len(m)), outcome(m.release)


def hash_release_clear_op(M):
    class E(array.array):
        def __hash__(self):
            mv.release()
            self.clear()
            return 123
    v = E("B", b"A" * 4096)
    mv = M(v).toreadonly()
    return (outcome(lambda: hash(mv)), outcome(lambda: mv.__hash__()), len(v),
            outcome(lambda: mv[0]))


def hash_release_slice_op(M):
    """The callback releases a different view of the same exporter."""
    base = M(BytesReleasingHash(b"xy" * 50))
    BytesReleasingHash.view = base
    view = base[::-1]
    return outcome(lambda: hash(view)), outcome(lambda: base.tobytes()[:4]), outcome(view.tobytes)


def hex_release_op(M, kind):
    ba = bytearray(b"A" * 1024)
    mv = M(ba)

    class SB(bytes):
        def __len__(self):
            mv.release()
            if kind == "clear":
                ba.clear()
            return 1

    class SS(str):
        def __len__(self):
            mv.release()
            return 1
    sep = SS(":") if kind == "str" else SB(b":")
    return (outcome(lambda: mv.hex(sep)), outcome(lambda: mv.hex(sep, 2)), len(ba),
            outcome(lambda: mv.hex()[:8]), outcome(mv.release))


def hex_sep_len_raises_op(M):
    class S(str):
        def __len__(self):
            raise KeyError("len")
    m = M(b"abc")
    return outcome(lambda: m.hex(S(":"))), outcome(m.hex)


def hash_exporter_raises_op(M):
    class E(bytes):
        def __hash__(self):
            raise KeyError("hash")
    m = M(E(b"abc"))
    return outcome(lambda: hash(m)), outcome(lambda: hash(m)), outcome(m.release)


@pytest.mark.parametrize("op", [hash_release_op, hash_release_clear_op, hash_release_slice_op,
                                lambda M: hex_release_op(M, "bytes"),
                                lambda M: hex_release_op(M, "clear"),
                                lambda M: hex_release_op(M, "str")],
                         ids=["hash", "hash_clear", "hash_other_view", "hex_bytes_sep",
                              "hex_bytes_sep_clear", "hex_str_sep"])
def test_release_inside_hash_or_hex(op):
    if not PINS:
        pytest.skip(UNPINNED)
    same(op)


def test_hash_and_hex_callbacks_raising():
    same(hex_sep_len_raises_op)
    same(hash_exporter_raises_op)


# ----------------------------------------------------------------------------
# Threads getting and releasing buffers of one view at once

def racing_op(M, big):
    ba = bytearray(range(256)) * (1024 if big else 16)
    m = M(ba)
    errors = []
    start = threading.Barrier(6)

    def work(k):
        start.wait()
        try:
            for i in range(150):
                struct.unpack_from("q", m, (i * 8) % 256)
                with M(m) as v:
                    v[k]
                x = tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO)
                del x
                BMV(m).release()
                if big and i % 25 == 0:
                    m.tobytes()  # long enough to run without the GIL in gomv
                bytes(m[: 64])
        except Exception as e:  # noqa: BLE001 - reported through the outcome
            errors.append("%s: %s" % (type(e).__name__, e))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    held = tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO)
    with_export = outcome(m.release)
    del held
    return (sorted(set(errors)), with_export, outcome(m.release), outcome(lambda: ba.append(1)),
            len(ba))


@pytest.mark.parametrize("big", [False, True], ids=["4KiB", "256KiB"])
def test_racing_getbuf_and_release(big):
    same(lambda M: racing_op(M, big))


# ----------------------------------------------------------------------------
# Complex items: 'Zf'/'Zd' (3.15), struct's 'F'/'D' (3.14)

CPX = [1 + 2j, -0.0 - 1.5j, complex(NAN, 1), complex(INF, -INF), 3.25 + 0j, 0j]
CPX_FMTS = ["Zd", "Zf", "@Zd", "@Zf", "=Zd", "<Zd", ">Zf", "!Zd", "D", "F", "=D", "<F", "2Zd"]
CAST_FMTS = ["Zd", "Zf", "@Zd", "@Zf", "=Zd", "<Zd", ">Zf", "!Zd", "Z", "Zg", "ZZ", "Zdd", "D", "F",
             "=D", "2Zd", "Ze", "Zb", "Zi", "dZ", "Z d", " Zd", "Zd ", "zd", "@"]


def packed(n=4, fmt="d"):
    vals = []
    for c in CPX[:n]:
        vals += [c.real, c.imag]
    return struct.pack("%d%s" % (len(vals), fmt), *vals)


def cpx_exporters():
    """name -> factory(M) of exporters holding complex items (factories may
    raise where this interpreter cannot build them: that is an outcome)."""
    ex = {
        "bytes_Zd": lambda M: M(packed()).cast("Zd"),
        "bytes_Zf": lambda M: M(packed(fmt="f")).cast("Zf"),
        "bytearray_Zd_2d": lambda M: M(bytearray(packed())).cast("Zd", [2, 2]),
        "bytes_Zd_rev": lambda M: M(packed()).cast("Zd")[::-1],
        "bytes_@Zf_step": lambda M: M(packed(fmt="f")).cast("@Zf")[::2],
    }
    for fmt in CPX_FMTS:
        ex["nd_" + fmt] = lambda M, fmt=fmt: M(nd(CPX[:4], [4], fmt))
    ex["nd_Zd_pil"] = lambda M: M(nd(CPX[:4] * 2, [2, 4], "Zd", flags=tb.ND_PIL | tb.ND_WRITABLE))
    ex["nd_Zd_pil_rev"] = lambda M: M(nd(CPX[:4] * 2, [2, 4], "Zd",
                                         flags=tb.ND_PIL | tb.ND_WRITABLE)[::-1, ::-2])
    ex["nd_Zf_0d"] = lambda M: M(nd(1 - 1j, [], "Zf"))
    ex["nd_Zd_fortran"] = lambda M: M(nd(CPX[:4], [2, 2], "Zd", flags=tb.ND_FORTRAN | tb.ND_WRITABLE))
    for tc in ("Zf", "Zd"):
        ex["array_" + tc] = lambda M, tc=tc: M(array.array(tc, CPX[:4]))
    for nm in ("c_float_complex", "c_double_complex"):
        ex["ctypes_" + nm] = lambda M, nm=nm: M((getattr(ctypes, nm) * 3)(*CPX[:3]))
    # long double items leave padding bytes undefined: these two are all zero
    ex["ctypes_c_longdouble_complex"] = lambda M: M(
        (ctypes.c_longdouble_complex * 3).from_buffer_copy(bytes(3 * 32)))
    if np is not None:
        for dt in ("complex64", "complex128"):
            ex["np_" + dt] = lambda M, dt=dt: M(np.array(CPX[:4], dtype=dt))
        ex["np_clongdouble"] = lambda M: M(np.frombuffer(bytearray(64), dtype=np.clongdouble))
        ex["np_c128_2d_rev"] = lambda M: M(np.array(CPX[:4], dtype="complex128").reshape(2, 2)[::-1])
        ex["np_c64_F"] = lambda M: M(np.asfortranarray(np.array(CPX[:6], dtype="complex64")
                                                       .reshape(2, 3)))
    return ex


CPX_EX = cpx_exporters()


class Cx:
    def __complex__(self):
        return 2 - 3j


class Fl:
    def __float__(self):
        return 2.5


class BadCx:
    def __complex__(self):
        return "no"


class RaiseCx:
    def __complex__(self):
        raise KeyError("cx")


SET_VALUES = [5 - 6j, 1.5, 7, True, NAN, complex(NAN, NAN), INF, 1e300j, 2**1024, -(2**64), "x",
              None, b"ab", Cx(), Fl(), Idx(3), BadCx(), RaiseCx(), [1j], (1, 2)]


def _first_key(m):
    return () if m.ndim == 0 else (0,) * m.ndim


def cpx_op(M, make):
    m = make(M)
    key = _first_key(m)
    res = [m, outcome(lambda: m[key]), outcome(lambda: m[-1] if m.ndim == 1 else None),
           outcome(lambda: list(m)), outcome(lambda: m == m), outcome(lambda: m != m),
           outcome(lambda: m == make(M)), outcome(lambda: m == make(BMV)),
           outcome(lambda: make(BMV) == m), outcome(lambda: m.count(1 + 2j)),
           outcome(lambda: m.index(1 + 2j)), outcome(lambda: m.index(3.25)),
           outcome(lambda: hash(m.toreadonly())), outcome(lambda: m.hex(":", 4)),
           outcome(lambda: m.tobytes("F")), outcome(lambda: m.cast("B")),
           outcome(lambda: m.cast("B").cast(m.format)), outcome(lambda: m.cast("c").cast("Zd")),
           outcome(lambda: m.cast("B").cast("Zf", [1, m.nbytes // 8]))]
    for v in SET_VALUES:
        def setone(v=v):
            w = make(M)
            w[_first_key(w)] = v
            return w.tolist()
        res.append(outcome(setone))
    return res


@pytest.mark.parametrize("name", list(CPX_EX))
def test_complex_items(name):
    make = CPX_EX[name]
    same(lambda M: cpx_op(M, make))


def test_complex_compare_across_formats():
    names = list(CPX_EX)

    def op(M):
        views = {}
        for n in names:
            try:
                views[n] = CPX_EX[n](M)
            except Exception as e:  # noqa: BLE001 - a view this interpreter cannot build
                views[n] = e
        res = []
        for a in names:
            for b in names:
                va, vb = views[a], views[b]
                if isinstance(va, Exception) or isinstance(vb, Exception):
                    res.append((a, b, None))
                    continue
                res.append((a, b, outcome(lambda: va == vb), outcome(lambda: va != vb)))
        return res
    same(op)


@pytest.mark.parametrize("fmt", CAST_FMTS, ids=repr)
def test_complex_cast_formats(fmt):
    def op(M):
        res = []
        for src in (lambda: M(packed()), lambda: M(bytearray(packed())).cast("B", [4, 16]),
                    lambda: M(packed()).cast("c"), lambda: M(b""), lambda: M(packed(3)),
                    lambda: M(packed()).cast("d"), lambda: M(nd(list(range(8)), [8], "<i"))):
            res.append(outcome(lambda: src().cast(fmt)))
            res.append(outcome(lambda: src().cast(fmt, [2, 1])))
            res.append(outcome(lambda: src().cast(fmt, [])))
        return res
    same(op)


def test_complex_setitem_releasing():
    def op(M):
        ba = bytearray(packed())
        m = M(ba).cast("Zd")

        class R:
            def __complex__(self):
                m.release()
                return 1j
        return outcome(lambda: m.__setitem__(0, R())), bytes(ba)
    same(op)


def test_complex_struct_unpack_compare():
    """'F'/'D' (3.14) and 'Zf'/'Zd' (3.15) in formats only the struct module
    reads: non-native byte orders and mixed records."""
    fmts = ["<D", ">F", "=Zd", "<Zf", "dD", "Zdi", "2F", "D", "F", "Zd"]

    def view(M, f):
        n = struct.calcsize(f)
        raw = bytes(range(1, 2 * n + 1))
        items = [struct.unpack(f, raw[:n]), struct.unpack(f, raw[n:])]
        if len(items[0]) == 1:
            items = [t[0] for t in items]
        return M(tb.ndarray(items, shape=[2], format=f))

    def op(M):
        res = []
        for f in fmts:
            if not _struct_knows(f):
                res.append((f, "struct lacks it"))
                continue
            res.append((f, outcome(lambda: view(M, f) == view(M, f)),
                        outcome(lambda: view(M, f) != view(BMV, f)),
                        outcome(lambda: (lambda v: v == v)(view(M, f))),
                        outcome(lambda: view(M, f).tolist()),
                        outcome(lambda: view(M, f).cast("B").tolist())))
        return res
    same(op)


# ----------------------------------------------------------------------------
# m == m (3.15 answers without comparing values, except for floats)

def selfeq_op(M, make):
    m = make(M)
    return (outcome(lambda: m == m), outcome(lambda: m != m), outcome(lambda: M(m) == m),
            outcome(lambda: m == M(m)), outcome(lambda: m[::-1] == m[::-1]),
            outcome(lambda: m.toreadonly() == m))


SELF_EQ = {
    "u": lambda M: M(array.array("u", "ab")),
    "w": lambda M: M(array.array("w", "ab")),
    "nan_d": lambda M: M(array.array("d", [1.0, NAN])),
    "nan_f": lambda M: M(array.array("f", [NAN])),
    "nan_e": lambda M: M(nd([NAN, 1.0], [2], "e")),
    "nan_<d": lambda M: M(nd([NAN], [1], "<d")),
    "nan_dd": lambda M: M(nd([(1.0, NAN)], [1], "dd")),
    "nan_id": lambda M: M(nd([(1, NAN)], [1], "id")),
    "nan_0d": lambda M: M(nd(NAN, [], "d")),
    "nan_empty": lambda M: M(nd([NAN], [1], "d"))[0:0],
    "nan_pil": lambda M: M(nd([NAN, 1.0, 2.0, NAN], [2, 2], "d", flags=tb.ND_PIL)),
    "neg_zero": lambda M: M(array.array("d", [-0.0, 0.0])),
    "bool_raw": lambda M: M(b"\x00\x02\x05").cast("?"),
    "ints": lambda M: M(array.array("q", [1, 2, 3])),
    "c": lambda M: M(b"ab").cast("c"),
    "P": lambda M: M(nd([0, 1], [2], "P")),
    "ii": lambda M: M(nd([(1, 2)], [1], "ii")),
    "3s": lambda M: M(nd([b"abc"], [1], "3s")),
    "T{}": lambda M: M(Point(1, 2.5)),
    "released": lambda M: (lambda m: (m.release(), m)[1])(M(b"ab")),
}
if np is not None:
    SELF_EQ["np_f16_nan"] = lambda M: M(np.array([NAN], dtype=np.float16))
    SELF_EQ["np_c128_nan"] = lambda M: M(np.array([complex(NAN, 0)]))
    SELF_EQ["np_c64"] = lambda M: M(np.array([1j], dtype=np.complex64))


@pytest.mark.parametrize("name", list(SELF_EQ))
def test_self_compare(name):
    make = SELF_EQ[name]
    if name in ("u", "w") and name not in array.typecodes:
        pytest.skip("array has no %r typecode here" % name)
    same(lambda M: selfeq_op(M, make))


# ----------------------------------------------------------------------------
# The exported pointer is the exporter's (alignment included)

try:
    import _testcapi
except ImportError:
    _testcapi = None


def pointer(view):
    """The buf pointer a consumer gets from view (a memoryview of either kind)."""
    if _testcapi is not None and hasattr(_testcapi, "buffer_pointer_as_int"):
        try:
            return _testcapi.buffer_pointer_as_int(view)
        except BufferError:  # it asks for a C-contiguous buffer
            pass
    if np is None:
        pytest.skip("needs _testcapi.buffer_pointer_as_int (3.15) or numpy")
    a = np.asarray(view)
    if a.size == 0:
        pytest.skip("numpy reports its own pointer for empty buffers")
    return a.__array_interface__["data"][0]


POINTER_SOURCES = {
    "bytearray_empty": lambda: bytearray(),
    "bytearray_1": lambda: bytearray(1),
    "bytearray_16": lambda: bytearray(b"0123456789abcdef"),
    "bytes": lambda: b"abcdefgh",
    "array_d_empty": lambda: array.array("d"),
    "array_d": lambda: array.array("d", [1.0, 2.0, 3.0]),
    "array_b": lambda: array.array("b", [1, 2]),
    "nd_3d": lambda: nd(list(range(24)), [2, 3, 4], "i"),
}
if np is not None:
    POINTER_SOURCES["np_strided"] = lambda: np.arange(10.0)[::-2]
    POINTER_SOURCES["np_2d_T"] = lambda: np.arange(12, dtype=np.int16).reshape(3, 4).T

DERIVED = {
    "view": lambda M, x: M(x),
    "view_of_view": lambda M, x: M(M(x)),
    "toreadonly": lambda M, x: M(x).toreadonly(),
    "from_1": lambda M, x: M(x)[1:],
    "reversed": lambda M, x: M(x)[::-1],
    "cast_B": lambda M, x: M(x).cast("B"),
}


@pytest.mark.parametrize("src", list(POINTER_SOURCES))
def test_exported_pointer_is_exporters(src):
    """Same exporter object for both: the pointer each view exports must be
    the one the built-in view exports (so the exporter's alignment holds)."""
    x = POINTER_SOURCES[src]()
    res = {}
    for k, derive in DERIVED.items():
        got = {}
        for side, M in (("builtin", BMV), ("gomv", MV)):
            try:
                got[side] = ("ok", pointer(derive(M, x)))
            except (TypeError, ValueError, NotImplementedError, BufferError) as e:
                got[side] = ("exc", type(e).__name__, str(e))
        res[k] = got
    bad = {k: v for k, v in res.items() if v["builtin"] != v["gomv"]}
    assert not bad, bad
    align = struct.calcsize("N")
    want = res["view"]["builtin"]
    assert want[0] != "ok" or pointer(MV(x)) % align == want[1] % align


# ----------------------------------------------------------------------------
# random cases (hypothesis; the number of examples comes from the profile)

try:
    from hypothesis import given, strategies as st
except ImportError:  # pytests/requirements.txt has it; the tests above run without
    given = None

if given is not None:
    from test_random import build, layouts, value_st

    START_STOP = st.one_of(st.integers(-12, 12), st.sampled_from([2**63 - 1, -(2**63), 2**70]))

    @given(layouts(), st.data())
    def test_random_count_index(recipe, data):
        fmt = recipe[2]
        value = data.draw(value_st(fmt) | st.sampled_from([0, 1, 1.0, True, b"a", None]))
        start, stop = data.draw(START_STOP), data.draw(START_STOP)

        def op(M, x):
            m = M(x)
            return (outcome(lambda: m.count(value)), outcome(lambda: m.index(value)),
                    outcome(lambda: m.index(value, start)),
                    outcome(lambda: m.index(value, start, stop)))
        same(op, lambda M: build(recipe))

    @st.composite
    def bool_pairs(draw):
        """Two byte strings of one truth pattern (different non-zero bytes), or
        now and then of two independent patterns."""
        n = draw(st.integers(1, 8))
        truth = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        nonzero = st.integers(1, 255)
        raw1 = bytes(draw(nonzero) if t else 0 for t in truth)
        raw2 = bytes(draw(nonzero) if t else 0 for t in truth)
        if draw(st.integers(0, 3)) == 0:
            raw2 = draw(st.binary(min_size=n, max_size=n))
        return raw1, raw2

    @given(bool_pairs())
    def test_random_bool_compare(pair):
        raw1, raw2 = pair
        same(lambda M: bool_op(M, raw1, raw2))

    @given(st.binary(min_size=1, max_size=40), st.sampled_from(list(HEX_KEYS.values())),
           st.sampled_from([":", b"-", "", "ab"]),
           st.one_of(st.integers(-45, 45), st.sampled_from(BIG_SEPS)),
           st.sampled_from(["bytes", "bytearray", "array_h", "nd_B_pil"]))
    def test_random_hex_sep(raw, key, sep, per, kind):
        def make(M):
            if kind == "bytes":
                return M(raw)
            if kind == "bytearray":
                return M(bytearray(raw))
            if kind == "array_h":
                return M(array.array("h", raw[: len(raw) // 2 * 2] or b"\0\0")).cast("B")
            return M(nd(list(raw), [len(raw)], "B", flags=tb.ND_PIL))
        same(lambda M: outcome(lambda: make(M)[key].hex(sep, per)))

    if _struct_knows("Zd") and _nd_makes("Zd"):
        CPX_ST = st.complex_numbers(allow_nan=True, allow_infinity=True)

        @given(st.sampled_from(["Zf", "Zd", "@Zd", "<Zd", "D", "=F"]),
               st.lists(CPX_ST, min_size=1, max_size=12), st.data())
        def test_random_complex(fmt, items, data):
            key = data.draw(st.builds(slice, st.integers(-13, 13) | st.none(),
                                      st.integers(-13, 13) | st.none(),
                                      st.sampled_from([None, 1, 2, -1, -3])))
            value = data.draw(CPX_ST | st.floats() | st.integers(-2**70, 2**70))
            flags = data.draw(st.sampled_from([tb.ND_WRITABLE, tb.ND_WRITABLE | tb.ND_PIL]))

            def op(M):
                m = M(nd(items, [len(items)], fmt, flags=flags))[key]
                out = [m, outcome(lambda: m == m), outcome(lambda: m.count(items[0]))]
                if len(m):
                    out.append(outcome(lambda: m.__setitem__(-1, value)))
                    out.append(outcome(m.tolist))
                return out
            same(op)
