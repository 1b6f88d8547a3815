"""The Go core through its gopy bindings (gomv.core.pycore) against struct.

Contract of the bindings (pycore/pycore.go):
  Calcsize(fmt) -> int; Structable(fmt) -> bool; Native(fmt) -> str
  StructableIn(fmt, major, minor) -> bool; NativeIn(fmt, major, minor) -> str
  Unpack(fmt, hexdata) -> str, a Python tuple literal (nan/inf as bare names,
    complex numbers as complex(re, im))
  Pack(fmt, typed) -> hex str, typed = "i:-1,u:2,f:0x1p-1,b:1,y:6869,z:1.5:-0x1p3"
  PackIn(fmt, typed, major, minor) -> hex str, as that release's struct packs
  Contiguous(itemsize, "shape,...", "strides,...", order) -> bool
  errors: RuntimeError carrying struct's message.
With GOMV_TEST_TARGET=builtin a reference written over struct stands in,
so the tests themselves are checked.
"""

import math
import random
import struct

import pytest

import re
import sys

from mvhelp import BMV, NOFAST, ONCE_PER_INTERPRETER, TARGET, nd, norm, tb

pytestmark = pytest.mark.skipif(NOFAST, reason=ONCE_PER_INTERPRETER)

NAMES = ("Calcsize", "Unpack", "Pack", "PackIn", "Structable", "StructableIn", "NativeIn")


class RefPycore:
    """struct-based reference of the bindings' contract (self-check only)."""

    @staticmethod
    def _err(e):
        return RuntimeError(str(e))

    def Calcsize(self, fmt):
        try:
            return struct.calcsize(fmt)
        except struct.error as e:
            raise self._err(e)

    def Structable(self, fmt):
        try:
            struct.calcsize(fmt)
            return True
        except struct.error:
            return False

    def StructableIn(self, fmt, major, minor):
        assert (major, minor) == sys.version_info[:2]
        return self.Structable(fmt)

    def Unpack(self, fmt, data):
        try:
            vals = struct.unpack(fmt, bytes.fromhex(data))
        except struct.error as e:
            raise self._err(e)
        lit = ["complex(%r, %r)" % (v.real, v.imag) if type(v) is complex else repr(v) for v in vals]
        return "(" + ", ".join(lit) + ("," if len(lit) == 1 else "") + ")"

    def Pack(self, fmt, typed):
        vals = []
        for tok in typed.split(",") if typed else []:
            k, v = tok.split(":", 1)
            vals.append({"i": int, "u": int, "f": _float, "z": lambda s: complex(*map(_float, s.split(":"))),
                         "b": lambda s: s not in ("0", ""), "y": bytes.fromhex}[k](v))
        try:
            return struct.pack(fmt, *vals).hex()
        except struct.error as e:
            raise self._err(e)

    def PackIn(self, fmt, typed, major, minor):
        assert (major, minor) == sys.version_info[:2]
        return self.Pack(fmt, typed)


def _float(s):
    return float.fromhex(s) if "x" in s else float(s)


if TARGET == "builtin":
    pycore = RefPycore()
else:
    try:
        from gomv.core import pycore
    except ImportError as e:  # pragma: no cover
        pytest.skip("gomv.core.pycore is not importable: %s" % e, allow_module_level=True)
    missing = [n for n in NAMES if not hasattr(pycore, n)]
    if missing:
        pytest.skip("gomv.core.pycore lacks %s" % ", ".join(missing), allow_module_level=True)

# The complex codes: struct accepts 'F' and 'D' from 3.14, "Zf" and "Zd" from 3.15.
CODES = list("xcbB?hHiIlLqQnNefdspP") + ["F", "D", "Zf", "Zd"]
ORDERS = ["", "@", "=", "<", ">", "!"]
PY = sys.version_info[:2]


def parse(fmt):
    """[(code, count)] of a struct format (only for formats struct accepts);
    "Zf" and "Zd" give the codes 'F' and 'D'."""
    i = 0
    if fmt and fmt[0] in "@=<>!":
        i = 1
    out = []
    while i < len(fmt):
        if fmt[i].isspace():
            i += 1
            continue
        j = i
        while fmt[j].isdigit():
            j += 1
        n = int(fmt[i:j]) if j > i else 1
        if fmt[j] == "Z":
            j += 1
            out.append((fmt[j].upper(), n))
        else:
            out.append((fmt[j], n))
        i = j + 1
    return out


def _formats():
    fs = []
    for o in ORDERS:
        for c in CODES:
            for n in ("", "0", "1", "2", "3"):
                fs.append(o + n + c)
    rnd = random.Random(1234)
    for _ in range(400):
        o = rnd.choice(ORDERS)
        parts = []
        for _ in range(rnd.randint(1, 6)):
            c = rnd.choice(CODES if o in ("", "@") else [c for c in CODES if c not in "nNP"])
            n = rnd.choice(["", "", "", "2", "3", "0", "5"])
            parts.append(n + c)
        fs.append(o + rnd.choice(["", " "]).join(parts))
    fs += ["X", "<<i", "i<", "3", "(i)", "99999999999999999999i", "-1i", "T{i}", "Zd", "i i",
           " i", "i ", "@", "<", "2 i", "i2", "{", "ii}", "s#", "%", "4294967296s", "ii\t",
           "=e", ">?", "!q", "<Q", "0x", "10x", "xi", "ix", "ci", "bi", "hi", "hq", "bq", "=bq",
           "Z", "Zg", "Zq", "Z2f", "ZZd", "Z f", "bF", "bD", "bZf", "<bZd", "G", "<G", "T{Zd}", "(2)Zf"]
    out, seen = [], set()
    for f in fs:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


FORMATS = _formats()
assert len(FORMATS) >= 500


def struct_ok(fmt):
    try:
        struct.calcsize(fmt)
        return True
    except (struct.error, OverflowError, ValueError):
        return False


def small(fmt):
    """struct accepts fmt and its items are small enough to sample.

    '0p' is left out: struct.unpack('0p', b'') raises SystemError (3.11-3.13) and
    struct.pack writes a length byte into the next field (3.11, 3.12)."""
    return struct_ok(fmt) and struct.calcsize(fmt) <= 4096 and not re.search(r"(?<!\d)0p", fmt)


OLD_RANGE = re.compile(r"^((u?byte|u?short) format requires .*|argument out of range)$")
NEW_RANGE = re.compile(r"^'.' format requires -?\d+ <= number <= \d+$")


def same_result(got, want):
    """Equal, except that on 3.11 struct's older range messages may be given in
    3.12's wording: the core is shared by every interpreter version."""
    if got == want:
        return True
    return (sys.version_info < (3, 12) and got[0] == want[0] == "err"
            and OLD_RANGE.match(want[1]) is not None and NEW_RANGE.match(got[1]) is not None)


def run(fn, *args):
    try:
        return ("ok", fn(*args))
    except (struct.error, RuntimeError, OverflowError, ValueError) as e:
        return ("err", str(e))


def _eval_tuple(s):
    return eval(s, {"__builtins__": {}}, {"nan": float("nan"), "inf": float("inf"), "complex": complex})


def sample_values(fmt, rnd, nan=False):
    vals, typed = [], []
    for code, n in parse(fmt):
        if code == "x":
            continue
        if code in "sp":
            b = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, n + 1)))
            vals.append(b)
            typed.append("y:" + b.hex())
            continue
        for _ in range(n):
            if code == "c":
                b = bytes([rnd.randrange(256)])
                vals.append(b)
                typed.append("y:" + b.hex())
            elif code == "?":
                v = rnd.random() < 0.5
                vals.append(v)
                typed.append("b:%d" % v)
            elif code in "efd":
                v = rnd.choice([0.5, -0.0, 1.0, 3.25, -1024.0, float("inf"), float("-inf"), 0.1, 1e-5])
                if code == "d":
                    v = rnd.choice([v, rnd.uniform(-1e300, 1e300), 5e-324])
                if nan:
                    v = float("nan")
                vals.append(v)
                typed.append("f:" + v.hex())
            elif code in "FD":
                parts = [0.5, -0.0, 1.0, -1024.0, float("inf"), float("-inf"), 0.1, 1e-5, 1e300, 5e-324]
                re, im = rnd.choice(parts), rnd.choice(parts)
                if nan:
                    re, im = rnd.choice([(float("nan"), im), (re, float("nan"))])
                k = rnd.random()
                if k < 0.2:  # complex codes take floats and ints too
                    vals.append(re)
                    typed.append("f:" + re.hex())
                elif k < 0.3:
                    vals.append(-7)
                    typed.append("i:-7")
                else:
                    vals.append(complex(re, im))
                    typed.append("z:%s:%s" % (re.hex(), im.hex()))
            else:
                size = struct.calcsize(("@" if fmt[:1] not in "=<>!" else fmt[0]) + code)
                signed = code in "bhilqn"
                bits = 8 * size
                lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
                v = rnd.choice([lo, hi, 0, 1, rnd.randint(lo, hi)])
                vals.append(v)
                typed.append(("i:%d" if v < 0 else "u:%d") % v)
    return vals, ",".join(typed)


@pytest.mark.parametrize("fmt", FORMATS, ids=repr)
def test_calcsize_and_structable(fmt):
    ok = struct_ok(fmt)
    assert pycore.StructableIn(fmt, *PY) == ok
    want = run(struct.calcsize, fmt)
    got = run(pycore.Calcsize, fmt)
    if ok:
        assert got == want
    elif got[0] == "err":
        assert got == want, "error message differs"
    # else: the core's grammar is PEP 3118's, wider than struct's ('T{...}', '<<i', 'Zd'):
    # it may size what struct refuses, as long as Structable says no (checked above)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if small(f)], ids=repr)
def test_unpack(fmt):
    rnd = random.Random(fmt)
    size = struct.calcsize(fmt)
    for _ in range(3):
        data = bytes(rnd.randrange(256) for _ in range(size))
        want = struct.unpack(fmt, data)
        got = pycore.Unpack(fmt, data.hex())
        assert norm(_eval_tuple(got)) == norm(want), (data.hex(), got, want)
    for bad in (size + 1, max(size - 1, 0)):
        if bad != size:
            assert run(pycore.Unpack, fmt, "00" * bad) == run(struct.unpack, fmt, b"\0" * bad)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if small(f)], ids=repr)
def test_pack(fmt):
    rnd = random.Random("pack" + fmt)
    for _ in range(3):
        vals, typed = sample_values(fmt, rnd)
        want = run(lambda: struct.pack(fmt, *vals).hex())
        got = run(pycore.PackIn, fmt, typed, *PY)
        assert same_result(got, want), (typed, vals, got, want)


@pytest.mark.parametrize("fmt", [o + c for o in ("", "<", ">") for c in ["e", "f", "d", "F", "D", "Zf", "Zd"]
                                 if struct_ok(o + c)], ids=repr)
def test_pack_nan(fmt):
    """NaN packs like CPython (Python's NaN, not Go's NaN with a low payload bit)."""
    vals, typed = sample_values(fmt, random.Random(0), nan=True)
    assert run(pycore.PackIn, fmt, typed, *PY) == run(lambda: struct.pack(fmt, *vals).hex())


PACK_ERRORS = [
    ("b", "i:128"), ("b", "i:-129"), ("B", "i:-1"), ("B", "u:256"), ("h", "u:32768"), ("H", "i:-1"),
    ("i", "u:2147483648"), ("I", "u:4294967296"), ("q", "u:9223372036854775808"), ("<b", "u:200"),
    (">H", "u:70000"), ("<i", "i:-2147483649"), ("=Q", "i:-1"), ("n", "u:9223372036854775808"),
    ("N", "i:-1"), ("P", "i:-1"), ("ii", "i:1"), ("i", "i:1,i:2"), ("", "i:1"), ("c", "y:6162"),
    ("c", "y:"), ("c", "i:1"), ("i", "f:0x1p0"), ("i", "y:61"), ("3s", "i:1"), ("d", "y:61"),
    ("e", "f:0x1p16"), ("<e", "f:-0x1p17"), ("f", "f:0x1p200"), (">f", "f:-0x1.fffffffffffffp1023"),
    ("?", "y:"), ("x", "i:1"), ("2x", ""), ("", ""), ("s", "y:6162"), ("p", "y:"), ("5p", "y:616263646566"),
    ("d", "z:0:1"), ("i", "z:1:0"), ("e", "z:0:0"), ("c", "z:0:0"), ("s", "z:0:0"), ("?", "z:0:-0.0"), ("?", "z:nan:0"),
] + [(f, t) for f, t in [
    ("F", "y:61"), ("<D", "y:"), ("F", "z:1:2,z:3:4"), ("F", ""), ("<F", "z:1e300:-1e300"), ("=F", "f:1e300"),
    ("D", "u:18446744073709551615"), ("Zf", "b:1"), ("!Zd", "i:-9223372036854775808"), ("2Zd", "z:1:2"),
] if struct_ok(f)]


@pytest.mark.parametrize("fmt,typed", PACK_ERRORS, ids=repr)
def test_pack_errors_and_edges(fmt, typed):
    ref = RefPycore()
    got, want = run(pycore.PackIn, fmt, typed, *PY), run(ref.Pack, fmt, typed)
    assert same_result(got, want), (got, want)


def _mv_native(fmt):
    """The code the running memoryview handles fmt with natively, "" if none:
    whether cast accepts it ('F'/'D' stand for "Zf"/"Zd")."""
    try:
        memoryview(bytes(16)).cast(fmt)
    except ValueError:
        return ""
    except TypeError:  # a native format, but not a byte format: never here
        raise
    f = fmt.lstrip("@")
    return {"Zf": "F", "Zd": "D"}.get(f, f)


def test_native():
    if not hasattr(pycore, "Native"):
        pytest.skip("gomv.core.pycore lacks Native")
    for c in "cbB?hHiIlLqQnNfdP":
        assert pycore.Native(c) == c and pycore.Native("@" + c) == c
    assert pycore.Native("Zf") == "F" and pycore.Native("@Zd") == "D"
    for f in ["<i", "=i", ">i", "!i", "2i", "ii", "x", "s", "T{i}", "", "@@i", "i ", "F", "D", "<Zd", "2Zf", "Z"]:
        assert pycore.Native(f) == "", f


def test_native_in_running_version():
    """NativeIn(fmt, running version) agrees with what this memoryview casts to."""
    if TARGET == "builtin":
        pytest.skip("no reference for NativeIn")
    fmts = [p + c for p in ("", "@", "<", "=") for c in CODES] + ["@@B", "Z", "Zg", "G"]
    bad = [(f, pycore.NativeIn(f, *PY), _mv_native(f)) for f in fmts
           if pycore.NativeIn(f, *PY) != _mv_native(f)]
    assert not bad, bad


def _layouts(n):
    rnd = random.Random(99)
    out = []
    while len(out) < n:
        ndim = rnd.randint(0, 4)
        shape = [rnd.randint(0 if rnd.random() < 0.1 else 1, 4) for _ in range(ndim)]
        items = max(1, math.prod(shape)) if ndim else 1
        fmt = rnd.choice("Bhid")
        flags = rnd.choice([0, tb.ND_FORTRAN])
        try:
            if ndim and 0 in shape:
                a = nd(list(range(24)), [2, 3, 4], "B")[:, 0:0]
            else:
                a = nd(list(range(items)) if ndim else 1, shape, fmt, flags=flags | tb.ND_WRITABLE)
                if ndim:
                    a = a[tuple(slice(None, None, rnd.choice([1, 1, 2, -1, -2])) for _ in shape)]
        except (ValueError, TypeError):
            continue
        out.append(BMV(a))
    return out


def test_contiguous_layouts():
    if not hasattr(pycore, "Contiguous"):
        pytest.skip("gomv.core.pycore lacks Contiguous")
    bad = []
    for m in _layouts(400):
        for order, want in (("C", m.c_contiguous), ("F", m.f_contiguous), ("A", m.contiguous)):
            got = pycore.Contiguous(m.itemsize, ",".join(map(str, m.shape)),
                                    ",".join(map(str, m.strides)), order)
            if got != want:
                bad.append((m.shape, m.strides, m.itemsize, order, want, got))
    assert not bad, bad[:10]


if TARGET == "builtin":
    def _ref_contiguous(itemsize, shape, strides, order):
        s = tuple(int(x) for x in shape.split(",")) if shape else ()
        st = tuple(int(x) for x in strides.split(",")) if strides else ()
        ar = tb.ndarray(list(range(1)), shape=[1], format="B")  # noqa: F841 (placeholder)
        # reference from the built-in: a view with exactly this layout
        def c(sh, stv):
            exp = itemsize
            for n, x in zip(reversed(sh), reversed(stv)):
                if n == 0:
                    return True
            for n, x in zip(reversed(sh), reversed(stv)):
                if n > 1 and x != exp:
                    return False
                exp *= n
            return True
        if order == "C":
            return c(s, st)
        if order == "F":
            return c(s[::-1], st[::-1])
        return c(s, st) or c(s[::-1], st[::-1])
    RefPycore.Contiguous = staticmethod(_ref_contiguous)


# ---- ndview's core against numpy: basic indexing, transpose, reshape ----

def _np():
    try:
        import numpy
    except ImportError:  # pragma: no cover
        pytest.skip("numpy is not installed")
    if not hasattr(pycore, "NdResult"):
        pytest.skip("gomv.core.pycore lacks NdResult")
    return numpy


def _key_spec(key):
    out = []
    for k in key:
        if k is Ellipsis:
            out.append("e")
        elif k is None:
            out.append("n")
        elif isinstance(k, slice):
            out.append("s:" + ",".join("" if x is None else str(x) for x in (k.start, k.stop, k.step)))
        else:
            out.append("i:%d" % k)
    return ";".join(out)


def _np_result(np, a, fn):
    """What NdResult reports, computed with numpy."""
    try:
        r = fn(a)
    except (IndexError, ValueError) as e:
        return ("ValueError" if type(e).__name__ == "AxisError" else type(e).__name__), str(e)
    r = np.asarray(r)
    return r.shape, r.strides, r.tolist(), r


def _compare(np, shape, key, op, want):
    """NdResult against numpy's outcome: the same error (kind and message),
    or the same shape, items and strides (of dimensions longer than one;
    numpy's strides of empty arrays are arbitrary)."""
    got = pycore.NdResult(",".join(map(str, shape)), _key_spec(key), op)
    parts = got.split("|")
    if len(want) == 2:
        return got == "%s|%s" % want, (got, want)
    if len(parts) != 3:
        return False, (got, want[:3])
    gshape = tuple(int(x) for x in parts[0].split(",")) if parts[0] else ()
    gstrides = tuple(int(x) for x in parts[1].split(",")) if parts[1] else ()
    ok = gshape == want[0] and parts[2] == str(want[2]).replace(" ", "")
    if ok and 0 not in gshape:
        ok = all(g == w for g, w, n in zip(gstrides, want[1], gshape) if n > 1)
    return ok, (got, want[:3])


def _random_key(rnd, ndim):
    key = []
    for _ in range(rnd.randint(0, ndim + 2)):
        r = rnd.random()
        if r < 0.35:
            key.append(rnd.randint(-5, 5))
        elif r < 0.75:
            pick = lambda lo, hi: None if rnd.random() < 0.3 else rnd.randint(lo, hi)
            step = pick(-3, 3)
            key.append(slice(pick(-6, 6), pick(-6, 6), step))
        elif r < 0.87:
            key.append(Ellipsis)
        else:
            key.append(None)
    return tuple(key)


def _random_shape(rnd):
    return tuple(rnd.randint(0 if rnd.random() < 0.1 else 1, 4) for _ in range(rnd.randint(0, 4)))


def test_nd_key_like_numpy():
    np = _np()
    rnd = random.Random(3118)
    bad = []
    for _ in range(3000):
        shape = _random_shape(rnd)
        a = (np.arange(int(np.prod(shape)), dtype=np.uint64) % 256).astype(np.uint8).reshape(shape)
        key = _random_key(rnd, len(shape))
        want = _np_result(np, a, lambda a: a[key])
        ok, info = _compare(np, shape, key, "", want)
        if not ok:
            bad.append((shape, key, info))
    assert not bad, bad[:5]


def test_nd_transpose_like_numpy():
    np = _np()
    rnd = random.Random(7)
    bad = []
    for _ in range(1500):
        shape = _random_shape(rnd)
        a = (np.arange(int(np.prod(shape)), dtype=np.uint64) % 256).astype(np.uint8).reshape(shape)
        key = _random_key(rnd, len(shape))
        try:
            v = a[key]
        except (IndexError, ValueError):
            continue
        v = np.asarray(v)
        if rnd.random() < 0.3:
            op, fn = "T", (lambda x: x[key].T)
        else:
            axes = list(range(v.ndim))
            rnd.shuffle(axes)
            axes = [x - v.ndim if rnd.random() < 0.3 else x for x in axes]
            r = rnd.random()
            if r < 0.1 and axes:
                axes[0] = axes[-1]
            elif r < 0.2:
                axes.append(rnd.randint(-5, 5))
            elif r < 0.25 and axes:
                axes[0] = v.ndim + 2
            op, fn = "t:" + ",".join(map(str, axes)), (lambda x, axes=tuple(axes): np.asarray(x[key]).transpose(axes))
        ok, info = _compare(np, shape, key, op, _np_result(np, a, fn))
        if not ok:
            bad.append((shape, key, op, info))
    assert not bad, bad[:5]


def test_nd_reshape_like_numpy():
    """Reshape succeeds exactly where numpy reshapes without copying, with numpy's strides."""
    np = _np()
    rnd = random.Random(11)
    bad = []
    for i in range(4000):
        if i % 2:
            shape = _random_shape(rnd)
            key = _random_key(rnd, len(shape))
        else:  # strided views: slices with steps, maybe transposed
            shape = tuple(rnd.randint(1, 5) for _ in range(rnd.randint(1, 4)))
            key = tuple(slice(None, None, rnd.choice([None, 1, 2, -1, -2])) if rnd.random() < 0.7
                        else slice(rnd.randint(0, 1), None) for _ in shape)
        base = (np.arange(int(np.prod(shape)), dtype=np.uint64) % 256).astype(np.uint8).reshape(shape)
        try:
            v = base[key]
        except (IndexError, ValueError):
            continue
        if not isinstance(v, np.ndarray):
            continue  # a numpy scalar, not a view: its reshape copies
        pre = ""
        if i % 2 == 0 and rnd.random() < 0.4:
            v, pre = v.T, "T/"
        n = v.size
        new = []
        m = n
        while m > 1 and len(new) < 4:
            d = rnd.randint(1, m)
            while m % d:
                d -= 1
            new.append(d)
            m //= d
            if rnd.random() < 0.2:
                new.append(1)
        if m != 1 or rnd.random() < 0.3:
            new.append(m)
        if new and rnd.random() < 0.3:
            new[rnd.randrange(len(new))] = -1
        if rnd.random() < 0.1:
            new.append(2)  # usually the wrong size
        op = pre + "r:" + ",".join(map(str, new))
        try:
            r = v.reshape(new)
            copied = n > 0 and not np.shares_memory(r, base)
        except ValueError as e:
            got = pycore.NdResult(",".join(map(str, shape)), _key_spec(key), op)
            if got != "ValueError|" + str(e):
                bad.append((shape, key, new, got, str(e)))
            continue
        got = pycore.NdResult(",".join(map(str, shape)), _key_spec(key), op)
        if copied:
            if not (got.startswith("ValueError|") and "without copying" in got):
                bad.append((shape, key, new, got, "numpy copies"))
            continue
        ok, info = _compare(np, shape, key, op, (r.shape, r.strides, r.tolist(), r))
        if not ok:
            bad.append((shape, key, new, info))
    assert not bad, bad[:5]


# ---- items of any struct format as trees, against struct ----

@pytest.mark.parametrize("fmt", [f for f in FORMATS if small(f)], ids=repr)
def test_unpack_item(fmt):
    """An item is struct.unpack's values: the value itself when there is one
    top-level element, else the tuple (the formats struct accepts have no
    nested structs or sub-arrays)."""
    if not hasattr(pycore, "UnpackItem"):
        pytest.skip("gomv.core.pycore lacks UnpackItem")
    rnd = random.Random("item" + fmt)
    data = bytes(rnd.randrange(256) for _ in range(struct.calcsize(fmt)))
    want = struct.unpack(fmt, data)
    if len(want) == 1:
        want = want[0]
    got = _eval_tuple(pycore.UnpackItem(fmt, data.hex()))
    assert norm(got) == norm(want), (data.hex(), got, want)
