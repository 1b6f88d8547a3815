"""Exporter lifetime: each buffer released exactly once, references restored, no leaks."""

import gc
import sys
import tracemalloc

import pytest

from mvhelp import BMV, MV, PY, exports, nd, np, rss_kib, tb


def fresh():
    return nd(list(range(24)), [2, 3, 4], "h")


SCENARIOS = {
    "create": lambda m: None,
    "slice": lambda m: m[::-1],
    "cast": lambda m: m.cast("B").cast("h", [24]),
    "toreadonly": lambda m: m.toreadonly(),
    "tolist": lambda m: m.tolist(),
    "tobytes": lambda m: m.tobytes("F"),
    "hex": lambda m: m.hex(":"),
    "view_of_view": lambda m: MV(m),
    "builtin_of_view": lambda m: BMV(m),
    "export": lambda m: tb.ndarray(m, getbuf=tb.PyBUF_FULL_RO),
    "eq": lambda m: m == m,
    "bad_cast": lambda m: m.cast("X"),
    "bad_index": lambda m: m[99],
    "context": lambda m: m.__enter__(),
    "iter_1d": lambda m: list(m.cast("B")),
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_exports_released(scenario):
    a = fresh()
    base = sys.getrefcount(a)
    m = MV(a)
    assert exports(a) == 1
    try:
        keep = SCENARIOS[scenario](m)
    except Exception:
        keep = None
    assert exports(a) == 1          # derived views share the one export
    del keep
    m.release()
    assert exports(a) == 0
    del m
    gc.collect()
    assert exports(a) == 0
    assert sys.getrefcount(a) == base


def test_release_waits_for_derived_views():
    a = fresh()
    m = MV(a)
    s = m[1:]
    c = s.cast("B")
    m.release()
    assert exports(a) == 1
    del s
    assert exports(a) == 1
    c.release()
    assert exports(a) == 0


def test_failed_constructor_takes_nothing():
    a = fresh()
    base = sys.getrefcount(a)
    for _ in range(3):
        with pytest.raises(TypeError):
            MV(a, 1)
    assert exports(a) == 0 and sys.getrefcount(a) == base


def test_refcount_restored_many_views():
    for make in (lambda: bytearray(b"x" * 64), lambda: b"y" * 64, fresh):
        x = make()
        base = sys.getrefcount(x)
        views = [MV(x) for _ in range(50)] + [MV(x)[1:] for _ in range(50)]
        assert sys.getrefcount(x) > base
        del views
        gc.collect()
        assert sys.getrefcount(x) == base


@pytest.mark.skipif(PY < (3, 12), reason="Python-level __buffer__/__release_buffer__ need 3.12")
def test_counting_exporter():
    class Counting:
        def __init__(self):
            self.data = bytearray(range(16))
            self.gets = self.rels = 0

        def __buffer__(self, flags):
            self.gets += 1
            return BMV(self.data)

        def __release_buffer__(self, view):
            self.rels += 1

    for name, fn in SCENARIOS.items():
        c = Counting()
        m = MV(c)
        try:
            keep = fn(m.cast("h", [2, 4]))
        except Exception:
            keep = None
        assert (c.gets, c.rels) == (1, 0), name
        del keep
        m.release()
        gc.collect()
        assert (c.gets, c.rels) == (1, 1), name
        m.release()
        del m
        gc.collect()
        assert (c.gets, c.rels) == (1, 1), name

    c = Counting()
    m = MV(c)
    del m
    gc.collect()
    assert (c.gets, c.rels) == (1, 1)

    class Bad:
        def __buffer__(self, flags):
            return b"not a view"

        def __release_buffer__(self, view):
            raise AssertionError("never exported")

    with pytest.raises(TypeError):
        MV(Bad())

    class Raises:
        def __buffer__(self, flags):
            raise KeyError("no buffer")
    with pytest.raises(KeyError):
        MV(Raises())


def _cycle(x, n):
    for i in range(n):
        m = MV(x)
        s = m[1::2]
        c = s.cast("B") if s.c_contiguous else m.cast("B")
        _ = (s[0], m[-1]) if m.ndim == 1 else s.tolist(), len(c)
        if i % 3 == 0:
            with m:
                pass
        else:
            m.release()
        s.release()
        c.release()


@pytest.mark.parametrize("make", [lambda: bytearray(range(64)), lambda: bytes(range(64)), fresh],
                         ids=["bytearray", "bytes", "ndarray"])
def test_no_leak(make):
    x = make()
    base = sys.getrefcount(x)
    _cycle(x, 10_000)  # warm caches and arenas
    gc.collect()
    rss0 = rss_kib()
    tracemalloc.start()
    t0 = tracemalloc.take_snapshot()
    _cycle(x, 100_000)
    gc.collect()
    t1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    rss1 = rss_kib()
    grown = sum(s.size_diff for s in t1.compare_to(t0, "filename"))
    assert grown < 64 * 1024, "traced memory grew by %d bytes over 10^5 cycles" % grown
    assert rss1 - rss0 < 8 * 1024, "RSS grew by %d KiB over 10^5 cycles" % (rss1 - rss0)
    assert sys.getrefcount(x) == base
    if isinstance(x, bytearray):
        x.append(0)


def test_no_leak_on_errors():
    x = bytearray(64)
    bad = [lambda m: m.cast("X"), lambda m: m[100], lambda m: m.__setitem__(0, 300),
           lambda m: m.tobytes("Q"), lambda m: m.hex(1), lambda m: m["a"]]
    for f in bad:  # warm
        for _ in range(1000):
            m = MV(x)
            try:
                f(m)
            except Exception:
                pass
    gc.collect()
    rss0 = rss_kib()
    for f in bad:
        for _ in range(20_000):
            m = MV(x)
            try:
                f(m)
            except Exception:
                pass
            m.release()
    gc.collect()
    assert rss_kib() - rss0 < 8 * 1024
    x.append(1)


@pytest.mark.skipif(np is None, reason="numpy is not installed")
def test_numpy_export_lifetime():
    a = fresh()
    m = MV(a)
    arr = np.asarray(m)
    m2 = MV(a)
    del m
    gc.collect()
    assert exports(a) == 2
    del arr, m2
    gc.collect()
    assert exports(a) == 0
