"""gomv.ndview: the cases the random tests (test_nd_random.py) reach seldom
or not at all: the issue's examples, every kind of invalid key, 0-d views,
each struct format family against the struct module, ctypes and numpy
structs, casts, transposes and reshapes and their errors, the buffer
export, lifetimes, and what ndview shares with gomv.memoryview."""

import ctypes
import gc
import struct
import sys

import pytest

from mvhelp import BMV, PY, TARGET, np, tb

if TARGET != "gomv":
    pytest.skip("ndview has no built-in counterpart", allow_module_level=True)

import gomv  # noqa: E402

ND = gomv.ndview
needs_numpy = pytest.mark.skipif(np is None, reason="numpy is not installed")


def view_of(fmt, values, shape=None):
    """An ndview of fmt over struct-packed values (a writable bytearray)."""
    raw = bytearray(b"".join(struct.pack(fmt, *(v if isinstance(v, tuple) else (v,)))
                             for v in values))
    v = ND(raw).cast(fmt)
    return v if shape is None else v.cast("B").cast(fmt, shape)


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the outcome is compared
        return type(e), str(e)
    return None


# ---- the issue's examples

@needs_numpy
def test_issue_examples():
    a = np.arange(24, dtype=np.int32).reshape(4, 6)
    v = ND(a)
    assert isinstance(v[1], ND) and v[1].ndim == 1 and v[1].tolist() == a[1].tolist()
    for key in [(slice(None), 2), (Ellipsis, slice(None, None, -1)), (slice(1, 3), slice(None, None, 2)),
                (None, 1), (1, None, slice(None, None, -2)), (Ellipsis, None)]:
        w = v[key]
        assert isinstance(w, ND)
        assert w.shape == a[key].shape and w.tolist() == a[key].tolist(), key
        assert np.shares_memory(np.asarray(w), a)
    assert v[1, 2] == 8 and v[-1, -1] == 23 and type(v[1, 2]) is int


def test_memoryview_is_unchanged():
    """ndview is a sibling: gomv.memoryview keeps the built-in's behaviour."""
    m = gomv.memoryview(bytearray(range(12))).cast("B", [3, 4])
    with pytest.raises(NotImplementedError, match="multi-dimensional sub-views are not implemented"):
        m[1]
    assert not isinstance(ND(b"ab"), gomv.memoryview) and not isinstance(m, ND)
    assert type(m[1:]) is gomv.memoryview and type(m.toreadonly()) is gomv.memoryview
    assert type(ND(b"ab").toreadonly()) is ND and type(ND(b"abcd")[1:]) is ND


def test_views_of_views():
    x = bytearray(range(12))
    for src in (gomv.memoryview(x), BMV(x), ND(x), gomv.memoryview(x)[::2], ND(x)[::-1]):
        v = ND(src)
        assert v.obj is x and v.tolist() == BMV(src).tolist()
    v = ND(x)
    assert gomv.memoryview(v).obj is v and BMV(v).obj is v
    assert BMV(v[::3]).tolist() == list(x[::3])


# ---- keys and their errors

INVALID = "only integers, slices (`:`), ellipsis (`...`) and numpy.newaxis (`None`) are valid indices"


class BadIndex:
    def __index__(self):
        raise RuntimeError("boom")


@pytest.mark.parametrize("key", [1.5, "a", [0, 1], True, {}, 2**70, -2**70, BadIndex(), (0, 1.5),
                                 (None, [1])])
def test_invalid_keys(key):
    v = ND(bytearray(12)).cast("B", [3, 4])
    assert err(lambda: v[key]) == (IndexError, INVALID)
    assert err(lambda: v.__setitem__(key, 0)) == (IndexError, INVALID)


@needs_numpy
@pytest.mark.parametrize("key", [(1, 2, 3), (Ellipsis, Ellipsis), (None,) * 64, (5,), (1, -5),
                                 (slice(None, None, 0),), (5, slice(None, None, 0)),
                                 (slice(None, None, 0), 5), (slice("a", 2),), (0, 0, Ellipsis, Ellipsis)])
def test_key_errors_as_numpy(key):
    a = np.zeros((3, 4), dtype=np.uint8)
    want = err(lambda: a[key])
    assert want is not None
    # numpy's AxisError and others are subclasses of what ndview raises
    got = err(lambda: ND(a)[key])
    assert issubclass(want[0], got[0]) and got[1] == want[1]


@needs_numpy
def test_numpy_integer_keys():
    a = np.arange(12).reshape(3, 4)
    v = ND(a)
    assert v[np.int64(1), np.array(2)] == 6
    assert v[np.int8(-1)].tolist() == [8, 9, 10, 11]


def test_zero_dim():
    v = ND(bytearray(struct.pack("d", 2.5))).cast("d", [])
    assert v.ndim == 0 and v.shape == () and v[()] == 2.5 and v.tolist() == 2.5
    assert isinstance(v[...], ND) and v[...].ndim == 0
    assert v[None].shape == (1,) and v[None].tolist() == [2.5]
    assert err(lambda: len(v)) == (TypeError, "len() of unsized object")
    assert err(lambda: iter(v)) == (TypeError, "iteration over a 0-d array")
    assert err(lambda: v[0]) == (IndexError, "too many indices for array: array is 0-dimensional, "
                                             "but 1 were indexed")
    v[()] = 1.25
    assert v[()] == 1.25
    v[...] = 3      # a 0-d view takes an item too, as numpy's
    assert v.tolist() == 3.0


def test_many_new_axes():
    v = ND(bytearray(6)).cast("B", [2, 3])
    assert v[(None,) * 62].shape == (1,) * 62 + (2, 3)
    assert err(lambda: v[(None,) * 63]) == (
        IndexError, "number of dimensions must be within [0, 64], indexing result would have 65")


# ---- items of every format against the struct module

FORMATS = [
    ("<i", [1, -2, 2**31 - 1]), (">d", [1.5, -0.0, float("inf")]), ("!H", [0, 65535, 7]),
    ("=q", [-2**63, 2**63 - 1, 0]), ("3h", [(1, 2, 3), (-4, 5, -6)]), ("hhl", [(1, 2, 3), (4, 5, -6)]),
    ("5s", [b"abcde", b"ab\x00\x00\x00"]), ("xi", [7, -8]), ("ixh", [(1, 2), (3, 4)]),
    ("?", [True, False]), ("e", [1.5, 65504.0, -0.0]), (">e", [0.5, -2.0]), ("2e", [(1.0, 2.0)]),
    ("c", [b"a", b"\xff"]), ("b", [-128, 127]), ("P", [0, 2**64 - 1]), ("3p", [b"ab", b""]),
    ("<Q", [0, 2**64 - 1]), ("i?xd", [(1, True, 2.5)]), ("2x", [()]),
]


@pytest.mark.parametrize("fmt,values", FORMATS, ids=[f for f, _ in FORMATS])
def test_items_as_struct(fmt, values):
    v = view_of(fmt, values)
    items = [struct.unpack(fmt, struct.pack(fmt, *(x if isinstance(x, tuple) else (x,))))
             for x in values]
    want = [i[0] if len(i) == 1 else i for i in items]
    assert v.tolist() == want and list(v) == want and [v[k] for k in range(len(values))] == want
    assert v.itemsize == struct.calcsize(fmt) and v.format == fmt
    for k, x in enumerate(want):
        assert x in v and v.count(x) == want.count(x) and v.index(x) == want.index(x)
    v[0] = want[-1]
    assert v[0] == want[-1]


COMPLEX = [("Zf", "", "f"), ("Zd", "", "d"), ("<Zd", "<", "d"), (">Zf", ">", "f")]


@pytest.mark.parametrize("fmt,order,part", COMPLEX)
def test_complex(fmt, order, part):
    raw = bytearray(struct.pack(order + "4" + part, 1.5, -2.0, 0.0, 3.0))
    v = ND(raw).cast(fmt)
    assert v.tolist() == [1.5 - 2j, 3j] and v[1] == 3j and 3j in v
    v[0] = 2 + 0.5j
    v[1] = 7           # ints and floats are complex numbers too
    assert struct.unpack(order + "4" + part, bytes(raw)) == (2.0, 0.5, 7.0, 0.0)
    assert err(lambda: v.__setitem__(0, "x")) == (struct.error, "required argument is not a complex")


# values that do not pack: ndview raises what struct.pack raises
PACK_ERRORS = [
    ("b", 128), ("b", -2**70), ("B", -1), ("B", 2**64), ("h", 1.5), ("i", "x"), ("I", None), ("q", 2**63),
    ("Q", -1), ("Q", 2**64), ("n", 2**70), ("N", -1), ("P", 2**64), ("P", -2**70), ("<h", 40000),
    (">Q", 2**70), ("d", "x"), ("d", 10**400), ("e", 1e6), ("e", 65520), ("<e", 2**70), ("f", 1e300),
    ("<f", 1e300), ("<f", 2**200), ("c", b"ab"), ("c", "a"), ("c", bytearray(b"a")), ("3s", "abc"),
    ("3s", 1), ("?", None), ("hh", (1,)), ("hh", (1, 2, 3)), ("hh", 5), ("hh", (1, "x")),
    ("hh", (70000, "x")),
]


@pytest.mark.parametrize("fmt,value", PACK_ERRORS)
def test_pack_errors_as_struct(fmt, value):
    size = struct.calcsize(fmt)
    v = ND(bytearray(size)).cast(fmt)
    several = len(struct.unpack(fmt, bytes(size))) > 1
    args = value if several and isinstance(value, tuple) else (value,)
    want = err(lambda: struct.pack(fmt, *args))
    got = err(lambda: v.__setitem__(0, value))
    if want is None:   # struct packs it: so must ndview
        assert got is None and v.tobytes() == struct.pack(fmt, *args)
        return
    assert got is not None and got[0] is want[0], (got, want)
    if PY >= (3, 12) or want[0] is not struct.error:
        assert got[1] == want[1]   # 3.11's struct words range errors otherwise
    assert v.tobytes() == bytes(size)


def test_pack_keeps_values_alive():
    """Bytes for 's' come from lists and bytearrays whose contents later
    conversions could change: they are copied first."""
    class Evil:
        def __init__(self, victim):
            self.victim = victim

        def __index__(self):
            self.victim.clear()
            return 1

    v = view_of("3sh", [(b"abc", 0)])
    ba = bytearray(b"xyz")
    v[0] = (ba, Evil(ba))
    assert v[0] == (b"xyz", 1)
    lst = [b"pqr", 0]
    lst[1] = Evil(lst)
    v[0] = lst
    assert v[0] == (b"pqr", 1)


def test_pad_bytes_are_zeroed():
    v = view_of("bxh", [(1, 2)])
    raw = v.obj
    raw[1] = 0xEE
    v[0] = (3, 4)
    assert bytes(raw) == struct.pack("bxh", 3, 4)


# ---- structs: ctypes and numpy

class Inner(ctypes.Structure):
    _fields_ = [("a", ctypes.c_short), ("b", ctypes.c_short)]


class Outer(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("inner", Inner), ("y", ctypes.c_double * 2)]


def test_ctypes_structs():
    arr = (Outer * 2)(Outer(1, Inner(2, 3), (4.5, 5.5)), Outer(-1, Inner(-2, -3), (0.5, 1.0)))
    v = ND(arr)
    assert v.format == BMV(arr).format and v.itemsize == ctypes.sizeof(Outer)
    assert v.tolist() == [(1, (2, 3), [4.5, 5.5]), (-1, (-2, -3), [0.5, 1.0])]
    assert v[1] == (-1, (-2, -3), [0.5, 1.0]) and (1, (2, 3), [4.5, 5.5]) in v
    v[0] = (10, (20, 30), (40.0, 50.0))
    assert (arr[0].x, arr[0].inner.a, arr[0].inner.b, list(arr[0].y)) == (10, 20, 30, [40.0, 50.0])
    assert err(lambda: v.__setitem__(0, (1, (2,), (3.0, 4.0)))) == (
        struct.error, "pack expected 2 items for packing (got 1)")
    assert err(lambda: v.__setitem__(0, (1, (2, 3), (3.0, 4.0, 5.0)))) == (
        struct.error, "pack expected 2 items for packing (got 3)")
    assert err(lambda: v.__setitem__(0, (1, (2, 99999), (3.0, 4.0))))[0] is struct.error
    assert arr[0].x == 10
    assert ND(Outer(7))[()] == (7, (0, 0), [0.0, 0.0])


class Padded(ctypes.Structure):
    _fields_ = [("a", ctypes.c_short), ("b", ctypes.c_byte)]


class HoldsPadded(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("p", Padded), ("y", ctypes.c_double)]


def test_ctypes_format_without_padding():
    """ctypes (some releases) leaves padding out of the format of a struct
    that holds a padded struct: the format then describes fewer bytes than
    the itemsize, and items are refused rather than misread."""
    v = ND(HoldsPadded(1, Padded(2, 3), 4.5))
    assert v.tobytes() == bytes(HoldsPadded(1, Padded(2, 3), 4.5))
    try:
        item = v[()]
    except ValueError as e:
        assert "describes items of" in str(e) and "the buffer's items have 16" in str(e)
    else:
        assert item == (1, (2, 3), 4.5)


@needs_numpy
def test_numpy_structured():
    dt = np.dtype([("id", "<u2"), ("pos", ">f4", (2,)), ("tag", "S3"),
                   ("sub", [("ok", "?"), ("z", "<c8")])])
    a = np.zeros(3, dtype=dt)
    a[1] = (7, (1.5, -2.0), b"ab", (True, 1 + 2j))
    v = ND(a)
    assert v[1] == (7, [1.5, -2.0], b"ab\x00", (True, 1 + 2j))
    v[2] = (9, [0.25, 0.5], b"xyz", (False, 3j))
    assert a[2]["id"] == 9 and a[2]["tag"] == b"xyz" and a[2]["sub"]["z"] == 3j
    assert np.asarray(v).dtype == a.dtype and np.shares_memory(np.asarray(v), a)
    # == compares items by value for any struct format (memoryview: False)
    assert v == ND(a.copy()) and BMV(a) != BMV(a)


@needs_numpy
def test_numpy_unreadable_struct_format():
    """numpy exports packed nested structs with a format whose items are
    larger than its itemsize (its own reader refuses it too): views work,
    items raise a clear ValueError."""
    a = np.zeros(2, dtype=[("f0", [("a", "<i2"), ("b", "i1")])])
    fmt = BMV(a).format
    v = ND(a)
    assert v.shape == (2,) and v.tobytes() == a.tobytes() and v[::-1].shape == (2,)
    if "=" not in fmt:   # numpy writes '=' only when the array is unaligned
        with pytest.raises(ValueError, match="describes items of 4 bytes, but the buffer's items have 3"):
            v[0]


@needs_numpy
def test_numpy_dtypes():
    """Every dtype numpy exports makes an ndview; the ones struct reads
    give numpy's values."""
    for code in "?bBhHiIlLqQefdFDSUVgGO":
        dt = np.dtype(code if code not in "SUV" else code + "3")
        a = np.zeros(3, dtype=dt) if code != "O" else np.array([None] * 3)
        try:
            fmt = BMV(a).format
        except (ValueError, BufferError):
            with pytest.raises((ValueError, BufferError)):
                ND(a)
            continue
        v = ND(a)
        assert v.format == fmt and v.shape == (3,) and v.tobytes() == a.tobytes()
        if code in "gGUO":   # long doubles, UCS4 strings, objects: no struct code
            with pytest.raises(struct.error):
                v[0]
        elif code == "S":    # struct keeps the NULs numpy strips
            assert v.tolist() == [b"\x00" * 3] * 3
        elif code == "V":    # pad bytes: items of no values
            assert v.tolist() == [()] * 3
        else:
            assert v.tolist() == a.tolist()


# ---- cast, T, transpose, reshape

def test_cast_any_formats():
    raw = bytearray(struct.pack("<4h", 1, -2, 3, -4))
    v = ND(raw)
    assert v.cast("<h").tolist() == [1, -2, 3, -4]
    assert v.cast("<hh").tolist() == [(1, -2), (3, -4)]
    assert v.cast("<h").cast("<i").tolist() == list(struct.unpack("<2i", bytes(raw)))
    assert v.cast(">H", [2, 2]).tolist() == [[256, 65279], [768, 64767]]
    assert v.cast("e", (4,))[0] == struct.unpack("e", bytes(raw[:2]))[0]
    assert v.cast("d", []).shape == ()
    assert repr(v.cast("Zf", ()).tolist()) == repr(complex(*struct.unpack("<2f", bytes(raw))))
    assert err(lambda: v.cast("3s")) == (TypeError, "memoryview: length is not a multiple of itemsize")
    assert err(lambda: v.cast("h", [3]))[0] is TypeError
    assert err(lambda: v.cast("h", "4")) == (TypeError, "shape must be a list or a tuple")
    assert err(lambda: v.cast(1)) == (TypeError, "cast() argument 'format' must be str, not int")
    assert err(lambda: v.cast("k"))[0] is struct.error
    assert err(lambda: v[::2].cast("B"))[0] is TypeError   # not contiguous


def test_cast_format_outlives_views():
    raw = bytearray(range(16))
    v = ND(raw)
    casts = [v.cast(f) for f in ("<hh", ">i", "<hh", "4B", "<q")]
    del v
    gc.collect()
    assert [c.format for c in casts] == ["<hh", ">i", "<hh", "4B", "<q"]
    assert casts[0].tolist()[0] == (256, 770) and casts[4].tolist() == list(struct.unpack("<2q", raw))
    assert BMV(casts[1]).format == ">i"


@needs_numpy
def test_transpose_and_reshape():
    a = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
    v = ND(a)
    assert v.T.tolist() == a.T.tolist() and v.T.strides == a.T.strides
    for axes in [(0, 2, 1), (2, 0, 1), (-1, 0, 1), [1, 0, 2]]:
        assert v.transpose(axes).tolist() == a.transpose(axes).tolist()
    assert v.transpose(2, 1, 0).tolist() == a.transpose(2, 1, 0).tolist()
    assert v.transpose(None).shape == (4, 3, 2)
    for axes in [(0, 0, 1), (0, 1), (0, 1, 5), ()]:
        want, got = err(lambda: a.transpose(axes)), err(lambda: v.transpose(axes))
        assert issubclass(want[0], got[0]) and got[1] == want[1]
    assert v.reshape(6, 4).tolist() == a.reshape(6, 4).tolist()
    assert v.reshape((4, -1)).tolist() == a.reshape(4, -1).tolist()
    assert v[:, :, ::2].reshape(-1).tolist() == a[:, :, ::2].reshape(-1).tolist()
    for shape in [(5, 5), (-1, -1), (7,)]:
        want, got = err(lambda: a.reshape(shape)), err(lambda: v.reshape(shape))
        assert got == want
    with pytest.raises(ValueError, match="without copying"):
        v.T.reshape(24)
    with pytest.raises(ValueError, match="without copying"):
        v[:, ::2].reshape(-1)      # numpy copies there
    with pytest.raises(TypeError):
        v.reshape()


def test_pil_layouts():
    pil = tb.ndarray(list(range(24)), shape=[2, 3, 4], format="h", flags=tb.ND_PIL | tb.ND_WRITABLE)
    v = ND(pil)
    assert v.suboffsets == (0, -1, -1)
    assert v[1].tolist() == pil.tolist()[1] and v[1].suboffsets == ()
    assert v[:, 2].tolist() == [r[2] for r in pil.tolist()]
    assert v[:, 2].suboffsets[0] >= 0 and v[:, 2].suboffsets[1] == -1
    assert v[None, 1, ::-1].tolist() == [pil.tolist()[1][::-1]]
    v[1, 2, 3] = -5
    v[0, 1] = ND(bytearray(struct.pack("4h", 9, 8, 7, 6))).cast("h")
    assert pil.tolist()[1][2][3] == -5 and pil.tolist()[0][1] == [9, 8, 7, 6]
    with pytest.raises(NotImplementedError):
        v.T
    with pytest.raises(NotImplementedError):
        v.reshape(24)


# ---- assignment of views

@needs_numpy
def test_assign_views():
    a = np.arange(12, dtype=np.int32).reshape(3, 4)
    v = ND(a)
    v[1:] = v[:-1]            # overlapping: as if the source were copied first
    assert a.tolist() == [[0, 1, 2, 3], [0, 1, 2, 3], [4, 5, 6, 7]]
    v[:, 0] = np.array([7, 8, 9], dtype=">i8")       # converting formats
    v[0, 1:] = b"\x01\x02\x03"                      # any exporter
    assert a[:, 0].tolist() == [7, 8, 9] and a[0].tolist() == [7, 1, 2, 3]
    assert err(lambda: v.__setitem__(0, np.zeros(3))) == (
        ValueError, "could not broadcast input array from shape (3,) into shape (4,)")
    assert err(lambda: v.__setitem__(slice(None), 5)) == (
        TypeError, "a bytes-like object is required, not 'int'")
    assert err(lambda: v.__setitem__(0, np.array([1.5] * 4)))[0] is struct.error
    assert err(lambda: v.__setitem__(0, np.array([2**40] * 4))) == (
        struct.error, "'i' format requires -2147483648 <= number <= 2147483647")
    assert a[0].tolist() == [7, 1, 2, 3]
    assert err(lambda: v.__delitem__(0)) == (TypeError, "cannot delete memory")
    ro = ND(bytes(4))
    assert err(lambda: ro.__setitem__(0, 1)) == (TypeError, "cannot modify read-only memory")


# ---- buffer export, lifetime, release, hash, repr

@needs_numpy
def test_export():
    a = np.arange(24, dtype="<f8").reshape(2, 3, 4)
    for key in [(1,), (slice(None), 2), (Ellipsis, slice(None, None, -2)), (None, 0, None)]:
        w = ND(a)[key]
        b = np.asarray(w)
        assert b.shape == a[key].shape and (b == a[key]).all() and np.shares_memory(b, a)
        m = BMV(w)
        assert (m.format, m.shape, m.strides) == (w.format, w.shape, w.strides)


def test_lifetime_and_release():
    x = bytearray(range(12))
    v = ND(x).cast("B", [3, 4])
    row = v[1]
    v.release()
    assert row.tolist() == [4, 5, 6, 7]     # sub-views keep the buffer
    with pytest.raises(ValueError, match="released"):
        v[0]
    with ND(x) as w:
        m = BMV(w)
        with pytest.raises(BufferError, match="1 exported buffer"):
            w.release()
        m.release()
    with pytest.raises(ValueError):
        w.tolist()
    assert "released ndview" in repr(w) and repr(row).startswith("<ndview at ")


def test_hash_and_eq():
    assert hash(ND(b"abc")) == hash(b"abc")
    with pytest.raises(ValueError, match="cannot hash writable"):
        hash(ND(bytearray(3)))
    v = view_of("<i", [1, 2, 3])
    assert v == view_of("<i", [1, 2, 3]) and v == view_of(">q", [1, 2, 3]) and v != view_of("<i", [1, 2])
    assert (v == [1, 2, 3]) is False
    assert v.__eq__(5) is NotImplemented
    n = view_of("d", [float("nan")])
    assert n != n


# ---- fork and threads

def test_fork_child():
    import os
    if not hasattr(os, "fork"):
        pytest.skip("no fork")
    x = bytearray(struct.pack("<6i", *range(6)))
    v = ND(x).cast("i", [2, 3])
    w = ND(x).cast("<i")
    pid = os.fork()
    if pid == 0:
        ok = v[1].tolist() == [3, 4, 5] and v[1, 2] == 5 and [r.tolist() for r in v] == [[0, 1, 2], [3, 4, 5]]
        v[0, 0] = 9
        ok = ok and x[0] == 9
        try:
            w[0]
            ok = False
        except RuntimeError as e:
            ok = ok and "fork()" in str(e)
        try:
            v.cast("h")
            ok = False
        except RuntimeError:
            pass
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_threads():
    import threading
    x = bytearray(8 * 64)
    v = ND(x).cast("<q", [8, 8])
    errors = []

    def work(k):
        try:
            for i in range(300):
                v[k, i % 8] = i
                row = v[k]
                assert len(row.tolist()) == 8 and v[k, i % 8] == i
                v[k][::2] = v[k][1::2]
                v.T[0].tolist()
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors


# ---- leaks and hostile code

def nd_cycle(x, n):
    """Every family of ndview operations, on x (a 64-byte exporter), n times:
    native and struct formats, through C and through Go, and their errors."""
    for i in range(n):
        v = ND(x).cast("B", [8, 8])
        row, col = v[3], v[:, 2]
        _ = v[1, 2], v[None, ..., ::-2], v.T[0], v.reshape(64)[5::3]
        s = ND(x).cast("<hh")
        _ = s[3], s.tolist(), list(s[:4]), (1, 2) in s, s.count((0, 0))
        s[1] = (i % 100, -1)
        v[0] = v[1]
        _ = v == v, s == s
        for bad in (lambda: v[9], lambda: s.__setitem__(0, (1,)), lambda: v[1.5], lambda: s.cast("3s"),
                    lambda: v.reshape(7), lambda: s.__setitem__(0, (2**70, 0))):
            try:
                bad()
            except (IndexError, ValueError, TypeError, struct.error):
                pass
        if i & 1:
            v.release()
        del row, col, s


def test_cycles_do_not_leak():
    import tracemalloc

    from mvhelp import exports, rss_kib
    x = tb.ndarray(list(range(64)), shape=[64], format="B", flags=tb.ND_WRITABLE)
    base = sys.getrefcount(x)
    nd_cycle(x, 2000)   # warm
    gc.collect()
    rss0 = rss_kib()
    nd_cycle(x, 20000)
    gc.collect()
    rss1 = rss_kib()
    tracemalloc.start()
    s0 = tracemalloc.take_snapshot()
    nd_cycle(x, 2000)
    gc.collect()
    s1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    traced = sum(d.size_diff for d in s1.compare_to(s0, "filename"))
    assert rss1 - rss0 <= 8 * 1024, "RSS grew by %d KiB" % (rss1 - rss0)
    assert traced < 64 * 1024, traced
    assert exports(x) == 0 and sys.getrefcount(x) == base


class Releasing:
    """An index whose __index__ releases the view it indexes."""
    def __init__(self, value):
        self.value, self.view = value, None

    def __index__(self):
        self.view.release()
        return self.value


def test_release_from_user_code():
    x = bytearray(16)
    for op in (lambda v, k: v[k],                      # a sub-view
               lambda v, k: v[k, 1],                   # an item
               lambda v, k: v.__setitem__((k, 0), 5),  # the key releases
               lambda v, k: v.__setitem__((0, 0), k),  # the value does
               lambda v, k: v.__setitem__(k, b"abcd")):

        v = ND(x).cast("B", [4, 4])
        k = Releasing(1)
        k.view = v
        with pytest.raises(ValueError, match="released"):
            op(v, k)
    # a struct format: the value is converted by C before Go packs it
    v = ND(x).cast("<hh")
    k = Releasing(7)
    k.view = v
    with pytest.raises(ValueError, match="released"):
        v[0] = (k, 1)
    # a sub-view made before the release stays usable
    v = ND(x).cast("B", [4, 4])
    row = v[1]
    v.release()
    row[0] = 9
    assert x[4] == 9


def test_iteration_sees_writes():
    """Items read from Go a block at a time are read again when the memory
    under them changed (the loop body runs Python code)."""
    v = ND(bytearray(struct.pack("<8h", *range(8)))).cast("<h")
    seen = []
    for i, x in enumerate(v):
        seen.append(x)
        if i + 1 < len(v):
            v[i + 1] = -x - 100
    assert seen == [0, -100, 0, -100, 0, -100, 0, -100]


def test_type_protocols():
    import collections.abc
    import copy
    import pickle
    import weakref
    v = ND(bytearray(b"abcd"))
    for op in (pickle.dumps, copy.copy, copy.deepcopy):
        with pytest.raises(TypeError):
            op(v)
    assert weakref.ref(v)() is v and isinstance(v, collections.abc.Sequence)
    with pytest.raises(TypeError):
        type("Sub", (ND,), {})
    assert ND.__module__ == "gomv" and ND(object=b"x").tolist() == [120]
    with pytest.raises(TypeError):
        ND(b"x", b"y")
    with pytest.raises(TypeError, match="a bytes-like object is required, not 'str'"):
        ND("abc")
