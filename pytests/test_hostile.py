"""Hostile exporters and hostile arguments.

Exporters with extreme or inconsistent metadata (64 dimensions and more,
zero and negative strides, suboffsets, formats the core refuses, shapes
whose product overflows Py_ssize_t, itemsize/format mismatches), and
arguments whose __index__ / __float__ / __bool__ / __len__ release the view
and resize the exporter in the middle of an operation (the CPython
gh-92888 class). The built-in memoryview is the reference wherever it
behaves; where it crashes or reads freed memory, gomv is held to an
exception or a safe value, run in a child process so a crash fails one test
instead of killing the run. Run this file under AddressSanitizer too (see
README.md): a read beyond the layout shows there even when the values agree.
"""

import ctypes
import gc
import os
import subprocess
import sys
import textwrap

import pytest

from mvhelp import BMV, MV, PY, TARGET, np, same, tb

W = tb.ND_WRITABLE
HERE = os.path.dirname(os.path.abspath(__file__))


def nd(items, shape, fmt="B", flags=W, **kw):
    return tb.ndarray(items, shape=shape, format=fmt, flags=flags, **kw)


def ct_deep(n, base=ctypes.c_ubyte):
    """A ctypes array nested n deep: a C exporter with ndim n (no 64 limit of its own)."""
    t = base
    for _ in range(n):
        t = t * 1
    return t()


class Packed(ctypes.Structure):
    # ctypes exports this as format "B" with itemsize 5: format and itemsize disagree
    _pack_ = 1
    _fields_ = [("a", ctypes.c_byte), ("b", ctypes.c_int)]


class Pair(ctypes.Structure):
    _fields_ = [("a", ctypes.c_short), ("b", ctypes.c_double)]


# ----------------------------------------------------------------------------
# exporters with extreme metadata

# name -> factory; "huge" ones have shapes too large to walk (only O(1) or
# failing-fast operations are run on them)
EXTREME = {
    "nd64": lambda: nd([7], [1] * 64),
    "nd64_2": lambda: nd([1, 2], [1] * 63 + [2], "h"),
    "nd64_ro": lambda: nd([7], [1] * 64, flags=0),
    "nd65": lambda: nd([7], [1] * 65),
    "ct_deep63": lambda: ct_deep(63),
    "ct_deep64": lambda: ct_deep(64),
    "ct_deep65": lambda: ct_deep(65),
    "ct_deep100": lambda: ct_deep(100, ctypes.c_int),
    "zero_stride_1d": lambda: nd([1, 2, 3], [5], "i", strides=[0]),
    "zero_stride_2d": lambda: nd([1, 2, 3], [4, 3], "B", strides=[0, 1]),
    "zero_stride_inner": lambda: nd([1, 2, 3], [3, 4], "h", strides=[2, 0]),
    "zero_stride_ro": lambda: nd([9], [6], "B", flags=0, strides=[0]),
    "neg_2d": lambda: nd(list(range(12)), [3, 4], "B", strides=[-4, -1], offset=11),
    "neg_zero": lambda: nd(list(range(4)), [3, 4], "B", strides=[0, -1], offset=3),
    "pil_neg": lambda: nd(list(range(24)), [2, 3, 4], "h", flags=W | tb.ND_PIL)[::-1, ::2],
    "pil_1d": lambda: nd(list(range(6)), [6], "i", flags=W | tb.ND_PIL),
    "pil_0d_like": lambda: nd(list(range(4)), [1, 1, 4], "B", flags=tb.ND_PIL),
    "fmt_struct2": lambda: nd([(1, 2), (3, 4)], [2], "ii"),
    "fmt_3s": lambda: nd([b"abc", b"x"], [2], "3s"),
    "fmt_pad": lambda: nd([1, 2], [2], "x B"),
    "fmt_be": lambda: nd([1, 2, 3], [3], ">q"),
    "fmt_e": lambda: nd([1.5, -0.0], [2], "e"),
    "ct_packed": lambda: Packed(1, 2),
    "ct_packed_arr": lambda: (Packed * 3)(Packed(1, 2), Packed(-1, 3), Packed(5, 6)),
    "ct_struct_arr": lambda: (Pair * 2)(Pair(1, 2.5), Pair(-1, 0.5)),
    "ct_2d": lambda: ((ctypes.c_int * 3) * 2)((1, 2, 3), (4, 5, 6)),
    "huge_wrap_zero": lambda: nd([1], [2 ** 40, 2 ** 40], strides=[0, 0]),
    "huge_1d": lambda: nd([1], [2 ** 62], strides=[0]),
    "huge_1d_ro": lambda: nd([3], [2 ** 63 - 1], strides=[0], flags=0),
    "huge_negative_len": lambda: nd([1, 2, 3, 4], [2 ** 62, 3], strides=[0, 1]),
    "huge_minus_two": lambda: nd([1, 2], [2 ** 63 - 1, 2], strides=[0, 1]),
    "huge_wrap_neg": lambda: nd([1, 2, 3, 4], [2 ** 62, 3], strides=[0, -1], offset=2),
}
if np is not None:
    EXTREME.update({
        "np_unicode": lambda: np.array(["ab", "c"], dtype="U3"),
        "np_void": lambda: np.zeros(3, dtype="V3"),
        "np_padded": lambda: np.zeros(2, dtype=np.dtype({"names": ["a"], "formats": ["<i4"],
                                                          "itemsize": 8})),
        "np_zero_stride": lambda: np.lib.stride_tricks.as_strided(
            np.arange(3, dtype=np.int32), shape=(4, 3), strides=(0, 4)),
        "np_neg_zero": lambda: np.lib.stride_tricks.as_strided(
            np.arange(4, dtype=np.uint8)[::-1], shape=(3, 4), strides=(0, -1)),
        "np_huge_wrap": lambda: np.lib.stride_tricks.as_strided(
            np.zeros(1, np.uint8), shape=(2 ** 31, 2 ** 31), strides=(0, 0)),
    })
    if int(np.__version__.split(".")[0]) >= 2:  # numpy 2 has 64 dimensions
        EXTREME["np_64d"] = lambda: np.arange(2, dtype=np.int16).reshape((1,) * 63 + (2,))

HUGE = {n for n in EXTREME if "huge" in n}

# Operations that are O(1) or fail before walking: safe on the huge shapes.
SAFE_OPS = {
    "attrs": lambda m: [getattr(m, a) for a in (
        "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides", "suboffsets",
        "c_contiguous", "f_contiguous", "contiguous")],
    "len": len,
    "first": lambda m: m[(0,) * m.ndim] if m.ndim != 1 else m[0],
    "last": lambda m: m[(-1,) * m.ndim] if m.ndim != 1 else m[-1],
    "past_end": lambda m: m[m.shape[0]] if m.ndim == 1 else m[(0,) * (m.ndim - 1) + (m.shape[-1],)],
    "tolist_1d_huge": lambda m: m.tolist() if m.nbytes <= 0 or m.shape[0] > 2 ** 40 else "skip",
    "tobytes": lambda m: m.tobytes(),
    "tobytes_F": lambda m: m.tobytes("F"),
    "tobytes_A": lambda m: m.tobytes("A"),
    "hex": lambda m: m.hex(),
    "hex_sep": lambda m: m.hex(":", -3),
    "slice_step": lambda m: m[:: 2 ** 20],
    "slice_neg": lambda m: m[-3::-(2 ** 30)],
    "slice_empty": lambda m: m[5:5],
    "cast_B": lambda m: m.cast("B"),
    "cast_shape": lambda m: m.cast("B", [1, m.nbytes]),
    "cast_i": lambda m: m.cast("i"),
    "toreadonly": lambda m: m.toreadonly().nbytes,
    "hash_ro": lambda m: hash(m.toreadonly()),
    "eq_other": lambda m: m == b"x",
    "next_iter": lambda m: next(iter(m)),
    "setitem_first": lambda m: m.__setitem__((0,) * m.ndim if m.ndim != 1 else 0, 1),
    "builtin_of": lambda m: BMV(m).shape,
    "nd_of": lambda m: tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO).shape,
    "release_twice": lambda m: (m.release(), m.release()),
}

# Operations that walk the whole view: only on the non-huge exporters.
WALK_OPS = {
    "tolist": lambda m: m.tolist(),
    "list": list,
    "eq_self": lambda m: m == m,
    "eq_copy": lambda m: m == MV(m),
    "eq_builtin": lambda m: m == BMV(m),
    "ne_bytes": lambda m: m != m.tobytes(),
    "hash_ro_all": lambda m: hash(m.toreadonly()),
    "bytes": bytes,
    "slice_assign": lambda m: m.__setitem__(slice(None, None, -1), m[::-1].tobytes()),
    "slice_assign_self": lambda m: m.__setitem__(slice(None, None, -1), m),
    "cast_back": lambda m: m.cast("B").cast(m.format, m.shape).tolist(),
    "struct_unpack": lambda m: __import__("struct").unpack_from(m.format, m) if m.ndim else None,
    "numpy": (lambda m: np.asarray(m).tolist()) if np is not None else (lambda m: None),
}

# Sizes that are lies (len wraps to 4 while the shape says 2**64+4 items):
# the built-in overflows its own result buffer there (segfault in tobytes and
# hex), so only gomv is run, in a child, and must raise instead.
LYING = {
    "wrap_to_4": "nd([1, 2, 3, 4], [2 ** 62 + 1, 4], strides=[0, 1])",
    "wrap_to_4_F": "nd([1, 2, 3, 4], [4, 2 ** 62 + 1], strides=[1, 0])",
    "wrap_to_8_i": "nd([1, 2], [2 ** 61 + 1, 2], 'i', strides=[0, 4])",
}
LYING_OPS = ["m.tobytes()", "m.tobytes('F')", "m.tobytes('A')", "m.hex()", "m.hex(':', 2)",
             "bytes(m)", "hash(m.toreadonly())", "m.tolist()", "m[::2].tobytes()",
             "m.cast('B')", "tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO).tobytes()", "BMV(m)",
             "m[-1, -1]", "m[::-1].nbytes"]


def _cases():
    for ex in EXTREME:
        for op in SAFE_OPS:
            yield ex, op
        if ex not in HUGE:
            for op in WALK_OPS:
                # numpy special-cases a built-in view of a ctypes object (it reads
                # the ctypes type), which no other memoryview type can match
                if not (op == "numpy" and ex.startswith("ct_")):
                    yield ex, op


# Divergences whose fix belongs to another file's owner (reported): strict, so
# the fix turns them into failures until this list is trimmed.
KNOWN = set()


def _known(cases):
    return [pytest.param(*c, marks=pytest.mark.xfail(
        strict=True, reason="owned elsewhere, see KNOWN")) if c in KNOWN and TARGET != "builtin"
        else c for c in cases]


@pytest.mark.parametrize("ex,op", _known(list(_cases())))
def test_extreme_metadata(ex, op):
    """Same outcome as the built-in (value, or exception type and message)."""
    mk, fn = EXTREME[ex], {**SAFE_OPS, **WALK_OPS}[op]
    if ex in HUGE:
        # a view made from a huge one is described by its attributes only:
        # reading all of it (tolist, tobytes) could take terabytes
        same(lambda M, x: _shallow(fn(M(x))), lambda M: mk())
    else:
        same(lambda M, x: fn(M(x)), lambda M: mk())


def _shallow(r):
    if isinstance(r, (BMV, MV)):
        return SAFE_OPS["attrs"](r)
    return r


def test_ndim_limit_messages():
    for n in (65, 100):
        with pytest.raises(ValueError, match="number of dimensions must not exceed 64"):
            MV(ct_deep(n))
    m = MV(nd([7], [1] * 64))
    assert m.ndim == 64 and m.shape == (1,) * 64
    lst = m.tolist()
    for _ in range(63):
        lst = lst[0]
    assert lst == [7]
    assert m.cast("B").cast("B", [1] * 64).shape == (1,) * 64
    with pytest.raises(ValueError, match="must not exceed 64"):
        m.cast("B").cast("B", [1] * 65)


def _child(code, timeout=60):
    """Run code in a child with the same gomv; return (rc, stdout, stderr)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [HERE] + sys.path if p)
    p = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                       text=True, timeout=timeout, env=env, cwd=HERE)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.skipif(TARGET == "builtin", reason="the built-in segfaults here")
@pytest.mark.parametrize("lie", list(LYING))
def test_lying_length_never_overruns(lie):
    """len smaller than the shape claims: every op raises or returns, no crash."""
    code = """
        import _testbuffer as tb
        from mvhelp import MV, BMV
        def nd(items, shape, fmt="B", flags=tb.ND_WRITABLE, **kw):
            return tb.ndarray(items, shape=shape, format=fmt, flags=flags, **kw)
        x = %s
        for op in %r:
            m = MV(x)
            try:
                r = eval(op)
                print(op, "->", type(r).__name__, len(r) if hasattr(r, "__len__") else r)
            except Exception as e:
                print(op, "->", type(e).__name__, e)
            m.release()
        print("done")
    """ % (LYING[lie], LYING_OPS)
    rc, out, err = _child(code)
    assert rc == 0 and out.rstrip().endswith("done"), (rc, out, err[-3000:])
    lines = out.splitlines()[:-1]
    for line in lines:
        # whatever comes back may never be longer than the memory the view claims
        assert "-> bytes" not in line or line.endswith(" 4") or line.endswith(" 8"), line
    # a lying layout is never exported: CPython's consumers size by len and walk the shape
    # (nor copied: tobytes and hex would have to walk it; the built-in segfaults there)
    for op in ("bytes(m)", "BMV(m)", "tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO).tobytes()",
               "m.tobytes()", "m.tobytes('F')", "m.tobytes('A')", "m.hex()", "m.hex(':', 2)"):
        assert any(ln.startswith("%s -> BufferError" % op) for ln in lines), out


# ----------------------------------------------------------------------------
# hostile arguments: user code that releases the view and moves the memory
# in the middle of an operation (gh-92888)

class Hook:
    """Runs the side's sabotage the first time Python asks it for a number."""

    def __init__(self, box, value):
        self.box, self.value = box, value

    def _fire(self):
        sabotage(self.box)
        return self.value

    def __index__(self):
        return self._fire()

    def __float__(self):
        return float(self._fire())

    def __bool__(self):
        return bool(self._fire())


class HookStr(str):
    """A str whose len() sabotages (hex's sep is measured with len())."""

    box = None

    def __len__(self):
        sabotage(self.box)
        return str.__len__(self)


def sabotage(box):
    """Release every view in box, then reallocate the bytearray they viewed."""
    for v in box["views"]:
        v.release()
    ba = box["ba"]
    n = len(ba)
    ba.clear()  # frees the old memory: a stale pointer now reads freed memory
    ba.extend(b"\xee" * (n + 4096))


def _hostile_case(fmt, body):
    """op(M, ba) for same(): views of ba in fmt, a box the hooks sabotage."""
    def op(M, ba):
        base = M(ba)
        m = base.cast(fmt) if fmt != "B" else base
        box = {"views": [m, base], "ba": ba}
        try:
            return body(M, m, box)
        finally:
            for v in box["views"]:
                try:
                    v.release()
                except Exception:
                    pass
    return op


def _two_d(M, m, box):
    m2 = m.cast("B", [4, 4])
    box["views"].insert(0, m2)
    return m2


HOSTILE = {
    "setitem_value_B": ("B", lambda M, m, box: m.__setitem__(0, Hook(box, 7))),
    "setitem_value_i": ("i", lambda M, m, box: m.__setitem__(1, Hook(box, 7))),
    "setitem_value_q": ("q", lambda M, m, box: m.__setitem__(-1, Hook(box, -7))),
    "setitem_value_d": ("d", lambda M, m, box: m.__setitem__(0, Hook(box, 2))),
    "setitem_value_f": ("f", lambda M, m, box: m.__setitem__(0, Hook(box, 2))),
    "setitem_value_bool": ("?", lambda M, m, box: m.__setitem__(3, Hook(box, 1))),
    "setitem_value_P": ("P", lambda M, m, box: m.__setitem__(0, Hook(box, 1))),
    "setitem_key": ("B", lambda M, m, box: m.__setitem__(Hook(box, 2), 5)),
    "setitem_key_2d": ("B", lambda M, m, box: _two_d(M, m, box).__setitem__((1, Hook(box, 2)), 5)),
    "setitem_key_2d_first": ("B", lambda M, m, box: _two_d(M, m, box).__setitem__((Hook(box, 1), 2), 5)),
    "setitem_value_2d": ("B", lambda M, m, box: _two_d(M, m, box).__setitem__((1, 2), Hook(box, 5))),
    "getitem_key": ("B", lambda M, m, box: m[Hook(box, 2)]),
    "getitem_key_i": ("i", lambda M, m, box: m[Hook(box, -1)]),
    "getitem_key_2d": ("B", lambda M, m, box: _two_d(M, m, box)[1, Hook(box, 3)]),
    "getitem_slice": ("B", lambda M, m, box: m[Hook(box, 1):Hook(box, 9):Hook(box, 2)].tolist()),
    "getitem_slice_stop": ("h", lambda M, m, box: m[1:Hook(box, 5)].tobytes()),
    "setslice_bounds": ("B", lambda M, m, box: m.__setitem__(slice(0, Hook(box, 3)), b"xyz")),
    "setslice_bounds_i": ("i", lambda M, m, box: m.__setitem__(
        slice(Hook(box, 0), 2), BMV(bytearray(8)).cast("i"))),
    "hex_bytes_per_sep": ("B", lambda M, m, box: m.hex(":", Hook(box, 2))),
    "tobytes_order": ("B", lambda M, m, box: m.tobytes(_hookstr("F", box))),
    "cast_shape_item": ("B", lambda M, m, box: m.cast("B", [_HookInt(4)]).tolist()),
    "iter_live_release": ("B", lambda M, m, box: _iter_release(m, box)),
    "tolist_after": ("B", lambda M, m, box: (m.__setitem__(0, Hook(box, 1)), m.tolist())),
    "slice_survives": ("B", lambda M, m, box: _slice_survives(m, box)),
}


class _HookInt(int):
    # cast reads shape items as exact ints: __index__ must never run
    def __index__(self):
        raise AssertionError("cast called __index__ on a shape element")


def _hookstr(s, box):
    h = HookStr(s)
    h.box = box
    return h


def _iter_release(m, box):
    it = iter(m)
    got = [next(it), next(it)]
    sabotage(box)
    try:
        next(it)
    except ValueError as e:
        got.append(str(e))
    return got


def _slice_survives(m, box):
    # a slice made before the release keeps the exporter alive and readable
    s = m[2:6]
    try:
        sabotage(box)
    except BufferError as e:
        return ("BufferError", str(e), s.tolist())
    return s.tolist()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_arguments(name):
    fmt, body = HOSTILE[name]
    same(_hostile_case(fmt, body), lambda M: bytearray(range(16)))


# Cases where the built-in itself reads freed memory: gomv must report the
# release (or compare nothing) instead. Run in a child (a crash is a failure).
UAF_CASES = {
    # hex measures sep with len(): a str subclass's __len__ releases the view
    # and reallocates the bytearray (the built-in hexes the freed memory)
    "hex_sep_len": """
        ba = bytearray(b"q" * 4096)
        m = MV(ba)
        class S(str):
            def __len__(self):
                m.release()
                ba.clear()
                ba.extend(b"z" * 8192)
                return 1
        try:
            print("value", m.hex(S(":"), 2)[:8])
        except (ValueError, BufferError) as e:
            print(type(e).__name__, e)
    """,
    # __hash__ of the exporter releases the last view, freeing the exporter
    "hash_exporter_releases": """
        class B(bytes):
            def __hash__(self):
                m.release()
                return 1
        m = MV(B(b"abcdefgh" * 512))
        try:
            print("value", hash(m))
        except (ValueError, BufferError) as e:
            print(type(e).__name__, e)
    """,
}
if PY >= (3, 12):
    UAF_CASES["eq_buffer_releases_left"] = """
        ba = bytearray(b"q" * 4096)
        m = MV(ba)
        class E:
            def __buffer__(self, flags):
                m.release()
                ba.clear()
                ba.extend(b"z" * 8192)
                return BMV(bytearray(b"q" * 4096))
        print("value", m == E())
    """


UAF_PENDING = {}


@pytest.mark.skipif(TARGET == "builtin", reason="the built-in reads freed memory here")
@pytest.mark.parametrize("name", [
    # not strict: reading freed memory may give the right answer by luck
    # (AddressSanitizer is what proves these)
    pytest.param(n, marks=pytest.mark.xfail(strict=False, reason=UAF_PENDING[n]))
    if n in UAF_PENDING else n for n in UAF_CASES])
def test_release_inside_callback_is_reported(name):
    code = "from mvhelp import MV, BMV\n" + textwrap.dedent(UAF_CASES[name])
    rc, out, err = _child(code)
    assert rc == 0, (rc, out, err[-3000:])
    if name in PINNING_PROBES and _builtin_pins(PINNING_PROBES[name]):
        # this interpreter's built-in holds the view during the callback
        assert out.startswith("BufferError memoryview has 1 exported buffer"), out
    else:
        assert out.startswith("ValueError operation forbidden on released memoryview object") or \
            out.startswith("value False"), out


# Whether the running interpreter's built-in holds the view during a
# callback (CPython fixed its reads of released memory so, in patch
# releases: gh-142664, gh-143195): probed on bytes, whose memory stays
# valid whatever happens.
PINNING_PROBES = {
    "hash_exporter_releases": """
class B(bytes):
    def __hash__(self):
        m.release()
        return 1
m = memoryview(B(b"ab"))
hash(m)
""",
    "hex_sep_len": """
class S(str):
    def __len__(self):
        m.release()
        return 1
m = memoryview(b"ab")
m.hex(S(":"))
""",
}


def _builtin_pins(code):
    try:
        exec(code, {})
    except BufferError:
        return True
    return False


# ----------------------------------------------------------------------------
# exporters that resize, and Python-level exporters (__buffer__, 3.12+)

def test_bytearray_resize_while_exported():
    def op(M, ba):
        m = M(ba)
        s = m[1:3]
        c = m.cast("h")
        res = []
        for f in (lambda: ba.append(1), lambda: ba.extend(b"ab"), lambda: ba.pop(),
                  lambda: ba.__delitem__(0), lambda: ba.__setitem__(slice(0, 2), b"xyz"),
                  lambda: ba.__iadd__(b"x"), lambda: ba.__imul__(2), lambda: ba.clear()):
            try:
                f()
                res.append("ok")
            except BufferError as e:
                res.append(str(e))
        m.release()
        try:
            ba.append(1)
        except BufferError as e:
            res.append(("after m.release", str(e)))
        s.release()
        try:
            ba.append(1)
        except BufferError as e:
            res.append(("after s.release", str(e)))
        c.release()
        ba.append(2)
        res.append(len(ba))
        return res
    same(op, lambda M: bytearray(range(16)))


pytestmark_312 = pytest.mark.skipif(PY < (3, 12), reason="__buffer__ is 3.12+")


def _py_exporter(kind):
    class X:
        def __init__(self, M):
            self.M = M
            self.data = bytearray(b"0123456789abcdef")
            self.log = []

        def __buffer__(self, flags):
            self.log.append("get")
            if kind == "released":
                v = BMV(self.data)
                v.release()
                return v
            if kind == "bytes":
                return b"not a view"
            if kind == "none":
                return None
            if kind == "raises":
                raise KeyError("no buffer")
            if kind == "ours":  # the side's own memoryview type
                return self.M(self.data)
            if kind == "cast":
                return BMV(self.data).cast("i", [2, 2])
            if kind == "readonly":
                return BMV(bytes(self.data))
            if kind == "self":
                return BMV(self)
            if kind == "release_raises":
                return BMV(self.data)
            return BMV(self.data)

        def __release_buffer__(self, view):
            self.log.append("rel")
            if kind == "release_raises":
                raise RuntimeError("release refused")
            view.release()
    return X


PY_KINDS = ["plain", "released", "bytes", "none", "raises", "cast", "readonly", "self",
            "release_raises"]


@pytestmark_312
@pytest.mark.parametrize("kind", PY_KINDS)
def test_python_exporter(kind):
    def op(M, x):
        import sys as _s
        seen = []
        hook = _s.unraisablehook
        _s.unraisablehook = lambda u: seen.append((type(u.exc_value).__name__, str(u.exc_value)))
        try:
            m = M(x)
            res = [m.format, m.shape, m.tolist(), m[1:3].tobytes(), m.cast("B").nbytes]
            m.release()
            gc.collect()
            return res, x.log, seen
        finally:
            _s.unraisablehook = hook
    try:
        same(op, lambda M: _py_exporter(kind)(M))
    except RecursionError:
        pytest.fail("RecursionError escaped the comparison")


@pytestmark_312
def test_python_exporter_returning_gomv_view():
    """CPython's __buffer__ slot accepts only a built-in memoryview: a gomv view
    returned from __buffer__ is refused by CPython itself, before gomv runs."""
    X = _py_exporter("ours")
    # 3.12-3.14: "__buffer__ returned non-memoryview object"; 3.15 names the
    # types: "X.__buffer__() must return a memoryview, not gomv.memoryview"
    refused = r"__buffer__ returned non-memoryview object|__buffer__\(\) must return a memoryview"
    with pytest.raises(TypeError, match=refused):
        BMV(X(MV if TARGET != "builtin" else _NotBuiltin))
    with pytest.raises(TypeError, match=refused):
        MV(X(MV if TARGET != "builtin" else _NotBuiltin))


def _NotBuiltin(data):
    return bytearray(data)
