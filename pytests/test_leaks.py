"""Leaks over many cycles: RSS within a fixed bound, tracemalloc flat, every
exporter buffer released exactly once.

Cycles: GOMV_LEAK_CYCLES (default 10**5; GOMV_SOAK=1 makes it 10**6) of
create / slice / cast / item / release, and a tenth as many cycles each
raising every one of ERRORS (11 * 10**4 exceptions by default, 11 * 10**5
under GOMV_SOAK=1). The figures (RSS at start and end, the
bound, traced growth, seconds) are printed (pytest -s) and recorded as
properties (--junitxml).
"""

import gc
import os
import sys
import time
import tracemalloc

import pytest

from mvhelp import BMV, MV, PY, TARGET, exports, rss_kib, tb

SOAK = os.environ.get("GOMV_SOAK") == "1"
CYCLES = int(os.environ.get("GOMV_LEAK_CYCLES", 10 ** 6 if SOAK else 10 ** 5))
RSS_BOUND_KIB = 8 * 1024        # growth allowed over the whole run, any cycle count
TRACED_BOUND = 64 * 1024        # bytes tracemalloc may see grow


def cycle(x, n):
    """The create/slice/cast/release cycle; x is a 1-D exporter of 64 bytes."""
    for i in range(n):
        m = MV(x)
        s = m[1::2]
        c = m.cast("B", [8, 8])
        t = s.toreadonly()
        _ = m[3], s[-1], c[1, 2], len(t)
        if i & 1:
            with m:
                pass
        else:
            m.release()
        c.release()
        del s, t  # dropped without release(): dealloc releases


ERRORS = [
    lambda m: m[100],
    lambda m: m.cast("X"),
    lambda m: m.__setitem__(0, 300),
    lambda m: m.__setitem__(0, "a"),
    lambda m: m.tobytes("Q"),
    lambda m: m.hex("::"),
    lambda m: m["a"],
    lambda m: m[1:2, 3],
    lambda m: m.cast("B", [3, 5]),
    lambda m: hash(m),
    lambda m: (m.release(), m[0]),
]


def raise_cycle(x, n):
    raised = 0
    for i in range(n):
        for f in ERRORS:
            m = MV(x)
            try:
                f(m)
            except (IndexError, ValueError, TypeError, NotImplementedError) as e:
                raised += 1
                del e
            m.release()
    return raised


def measure(record_property, label, run, n):
    run(max(n // 20, 1000))  # warm: arenas, caches, the Go heap
    gc.collect()
    rss0, t0 = rss_kib(), time.perf_counter()
    run(n)
    gc.collect()
    secs = time.perf_counter() - t0
    rss1 = rss_kib()
    # tracemalloc slows every allocation several times: a tenth of the cycles
    tracemalloc.start()
    s0 = tracemalloc.take_snapshot()
    run(max(n // 10, 1000))
    gc.collect()
    s1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    traced = sum(d.size_diff for d in s1.compare_to(s0, "filename"))
    figures = dict(cycles=n, seconds=round(secs, 2), rss_start_kib=rss0, rss_end_kib=rss1,
                   rss_bound_kib=rss0 + RSS_BOUND_KIB, traced_growth_bytes=traced)
    print("\n%s [%s, fastpath=%s]: %s" % (label, TARGET, os.environ.get("GOMV_NO_FASTPATH") != "1",
                                           figures))
    for k, v in figures.items():
        record_property("%s_%s" % (label, k), v)
    assert rss1 <= rss0 + RSS_BOUND_KIB, "RSS grew by %d KiB" % (rss1 - rss0)
    assert traced < TRACED_BOUND, "tracemalloc saw %d bytes more" % traced
    return figures


EXPORTERS = {
    "bytearray": lambda: bytearray(range(64)),
    "bytes": lambda: bytes(range(64)),
    "ndarray": lambda: tb.ndarray(list(range(64)), shape=[64], format="B", flags=tb.ND_WRITABLE),
}


@pytest.mark.parametrize("kind", list(EXPORTERS))
def test_cycles_do_not_leak(kind, record_property):
    x = EXPORTERS[kind]()
    base = sys.getrefcount(x)
    measure(record_property, "cycles_" + kind, lambda n: cycle(x, n), CYCLES)
    gc.collect()
    assert sys.getrefcount(x) == base
    if kind == "ndarray":
        assert exports(x) == 0
    if kind == "bytearray":
        x.append(0)  # BufferError if any export were left


def test_exceptions_do_not_leak(record_property):
    x = bytearray(range(64))
    base = sys.getrefcount(x)
    n = max(CYCLES // 10, 1000)
    count = []
    f = measure(record_property, "exceptions",
                lambda k: count.append(raise_cycle(x, k)), n)
    assert count[1] == n * len(ERRORS)  # every operation raised
    gc.collect()
    assert sys.getrefcount(x) == base
    x.append(0)
    assert f["cycles"] * len(ERRORS) >= 10 ** 4


@pytest.mark.skipif(PY < (3, 12), reason="Python-level __buffer__/__release_buffer__ need 3.12")
def test_python_exporter_released_exactly_once():
    class Counting:
        def __init__(self):
            self.data = bytearray(range(64))
            self.gets = self.rels = 0
            self.live = set()

        def __buffer__(self, flags):
            self.gets += 1
            v = BMV(self.data)
            self.live.add(id(v))
            return v

        def __release_buffer__(self, view):
            self.rels += 1
            self.live.discard(id(view))

    c = Counting()
    n = max(CYCLES // 10, 1000)
    cycle(c, n)
    gc.collect()
    # one buffer per MV(c): slices, casts and toreadonly share it
    assert (c.gets, c.rels) == (n, n)
    assert not c.live


def test_ndarray_export_count_exactly_once():
    """3.11 has no __buffer__: _testbuffer counts exports (push() refuses while any remain)."""
    x = tb.ndarray(list(range(64)), shape=[64], format="B", flags=tb.ND_WRITABLE)
    views = [MV(x) for _ in range(10)]
    derived = [v[::2] for v in views] + [v.cast("B", [8, 8]) for v in views]
    assert exports(x) == 10  # one per constructor call, none per derived view
    for v in views:
        v.release()
    assert exports(x) == 10  # derived views still hold theirs
    del derived
    gc.collect()
    assert exports(x) == 0
    base = sys.getrefcount(x)
    cycle(x, 1000)
    gc.collect()
    assert exports(x) == 0 and sys.getrefcount(x) == base
