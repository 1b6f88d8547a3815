"""gomv.memoryview of a built-in memoryview, as the built-in's view of one.

The built-in's memoryview(v) of a memoryview v shares v's managed buffer:
it holds no export of v (v can be released), it reports v's exporter as
.obj, and it keeps that exporter exported. gomv's view of a built-in view
does the same through public API: it asks v's exporter for its buffer
again and takes v's layout (slices, casts, readonly). Holding an export of
v instead would also reach CPython's gh-77894, a crash in gc.collect() on
3.11.x and 3.12.x < 3.12.7 when the two views end up in a garbage cycle.
"""

import array
import ctypes
import gc
import subprocess
import sys
import textwrap

import pytest

from mvhelp import BMV, MV, TARGET, same

pytestmark = pytest.mark.skipif(TARGET != "gomv", reason="checks gomv against the built-in")

# (label, built-in view of a fresh exporter)
SOURCES = [
    ("bytearray", lambda: BMV(bytearray(b"0123456789abcdef"))),
    ("bytes", lambda: BMV(b"0123456789abcdef")),
    ("slice", lambda: BMV(bytearray(range(32)))[3:29:3]),
    ("reversed", lambda: BMV(bytearray(range(32)))[::-1]),
    ("cast", lambda: BMV(bytearray(range(32))).cast("H")),
    ("cast 2-D", lambda: BMV(bytearray(range(24))).cast("B", (4, 6))),
    ("readonly", lambda: BMV(bytearray(range(8))).toreadonly()),
    ("array", lambda: BMV(array.array("d", [1.5, -2.0, 3.25]))),
    ("view of view", lambda: BMV(BMV(bytearray(range(10)))[2:])),
]


@pytest.mark.parametrize("label,make", SOURCES, ids=[s[0] for s in SOURCES])
def test_same_as_builtin(label, make):
    """Every attribute, the items and the bytes of MV(v) equal those of the
    built-in's memoryview(v), and v can be released afterwards either way."""
    def op(M, _):
        v = make()
        m = M(v)
        v.release()
        ndim_items = m.tolist()
        return (m.obj is v, type(m.obj).__name__, m.format, m.itemsize, m.shape, m.strides,
                m.readonly, m.nbytes, m.c_contiguous, ndim_items, m.tobytes(), m.tobytes("F"))
    same(op, lambda M: None)


def test_builtin_view_of_gomv_view():
    """A built-in view of one of ours stands for one of ours: the view of it
    shares our buffer and reports our exporter, as MV(MV(x)[1:-1]) does."""
    ba = bytearray(range(12))
    g = MV(ba)
    v = BMV(g)[1:-1]
    m = MV(v)
    v.release()
    g.release()   # m holds no export of v, and v none of g any more
    assert m.obj is ba and m.tolist() == list(range(1, 11))


def test_exporter_stays_exported():
    ba = bytearray(b"abcdef")
    v = BMV(ba)
    m = MV(v)
    v.release()
    with pytest.raises(BufferError):
        ba.append(1)   # still exported, through m
    assert m.obj is ba and m[1:3].tobytes() == b"bc"
    m.release()
    ba.append(1)       # now free to resize


def test_writes_go_through():
    ba = bytearray(8)
    v = BMV(ba)[2:6]
    m = MV(v)
    v.release()
    m[0] = 7
    m[1:3] = b"xy"
    assert ba == bytearray(b"\x00\x00\x07xy\x00\x00\x00")


def test_released_builtin_view():
    v = BMV(b"abc")
    v.release()
    same(lambda M, x: M(x), lambda M: v)


def test_view_from_memory_has_no_obj():
    """A view made by PyMemoryView_FromMemory has no exporter: .obj is None
    as with the built-in (gomv then holds the view itself)."""
    buf = ctypes.create_string_buffer(b"hello", 8)
    from_memory = ctypes.pythonapi.PyMemoryView_FromMemory
    from_memory.restype = ctypes.py_object
    from_memory.argtypes = [ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_int]
    v = from_memory(ctypes.addressof(buf), 8, 0x200)  # PyBUF_WRITE
    assert v.obj is None
    m, b = MV(v), BMV(v)
    assert (m.obj, m.tobytes(), m.readonly) == (b.obj, b.tobytes(), b.readonly)
    m[0] = ord("J")
    assert buf.value == b"Jello"


@pytest.mark.skipif(sys.version_info < (3, 12), reason="_from_flags is 3.12+")
def test_from_flags_ignores_flags_for_views():
    import inspect
    v = BMV(bytearray(range(6))).cast("B", (2, 3))
    flags = inspect.BufferFlags.SIMPLE
    m, b = MV._from_flags(v, flags), BMV._from_flags(v, flags)
    assert (m.shape, m.strides, m.format) == (b.shape, b.strides, b.format)


CYCLE = textwrap.dedent("""
    import gc, gomv
    for _ in range(300):
        g = gomv.memoryview(memoryview(bytearray(b"abc")))
        cycle = [g]
        cycle.append(cycle)
        del g, cycle
        gc.collect()
    print("ok")
""")


def test_gh77894_cycle_does_not_crash():
    """A view of a built-in view, in a garbage cycle: on 3.11 and 3.12 <
    3.12.7 an export held on the built-in view crashed gc.collect() (the
    design before this one segfaulted here on 3.12.1). (A cycle through
    io.BytesIO().getbuffer() itself crashes those versions with the
    built-in alone, so it is not the case to test.)"""
    r = subprocess.run([sys.executable, "-c", CYCLE], capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stdout.strip()) == (0, "ok"), r.stderr[-2000:]


def test_builtin_view_collected():
    """Views of built-in views are collected without leaking the exporter."""
    import weakref

    class Exp(bytearray):
        pass
    e = Exp(b"abc")
    r = weakref.ref(e)
    m = MV(BMV(e))
    del e, m
    gc.collect()
    assert r() is None
