"""gomv views shared by many Python threads.

Eight threads hammer views of one shared buffer for a bounded time: reading,
slicing, casting, tobytes/hex/tolist/==, re-exporting through memoryview(),
bytes() and numpy, releasing their own sub-views, and writing (items,
slices, overlapping strided slices) to a region of the buffer that is
theirs.  Every operation is done on the built-in memoryview over a twin
buffer as well, and the two outcomes must be equal; so must the buffers at
the end.  The run is in a subprocess with a timeout that fails, and
faulthandler dumps the stacks of a hang.  The number of OS threads
(/proc/self/task) may grow by at most 2 (Go's own) across the run.  The cost
of the first call into Go from a new thread is measured too.

Figures are printed: run with -s.  GOMV_THREADS_SECONDS sets the hammering
time (default 2).
"""

import os
import subprocess
import sys
import textwrap

import pytest

import mvhelp

pytestmark = pytest.mark.skipif(mvhelp.TARGET != "gomv" or not os.path.isdir("/proc/self/task"),
                                reason="thread checks need gomv and /proc")

SECONDS = float(os.environ.get("GOMV_THREADS_SECONDS", "2"))

SCRIPT = textwrap.dedent(r'''
    import builtins, faulthandler, os, sys, threading, time
    SECONDS = float(sys.argv[1])
    faulthandler.dump_traceback_later(SECONDS * 10 + 30, exit=True)
    import gomv
    try:
        import numpy as np
    except ImportError:
        np = None

    MV, BMV = gomv.memoryview, builtins.memoryview
    NT, R, RO = 8, 4096, 1 << 16   # threads, bytes of each thread's region, read-only bytes

    def tasks():
        return len(os.listdir("/proc/self/task"))

    def outcome(fn, *a):
        try:
            return ("ok", fn(*a))
        except Exception as e:
            return ("exc", type(e).__name__, str(e))

    class Twin:
        """The same operation on gomv's view and on the built-in's."""
        def __init__(self, g, b):
            self.g, self.b, self.n = g, b, 0
        def __call__(self, what, fn):
            self.n += 1
            got, want = outcome(fn, self.g), outcome(fn, self.b)
            if got != want:
                raise AssertionError("%s: gomv %r != built-in %r" % (what, got[:3], want[:3]))
            return got

    def make():
        data = bytearray((i * 131 + (i >> 8)) & 255 for i in range(RO + NT * R))
        return data, bytearray(data)

    def hammer(i, shared, deadline, counts, errors):
        g_all, b_all = shared
        ro = Twin(g_all[:RO], b_all[:RO])
        lo = RO + i * R
        mine = Twin(g_all[lo:lo + R], b_all[lo:lo + R])
        k = 0
        try:
            while time.perf_counter() < deadline:
                k += 1
                s = (k * 7 + i) % 61 + 1
                # reads of the shared part
                ro("strided tobytes", lambda v: v[i::s].tobytes())
                ro("hex", lambda v: v[k % 1000:k % 1000 + 300:3].hex(":", 2))
                ro("==", lambda v: (v[::s] == v[::s], v[1::2] == v[:-1:2], v[k % 100] == v[k % 100]))
                ro("cast tolist", lambda v: v.cast("I")[k % 50::s].tolist())
                ro("2-D", lambda v: v.cast("H", (128, 256)).tobytes("F")[:64])
                ro("index", lambda v: (v[k % RO], v[-1 - k % RO], len(v[::s])))
                ro("re-export", lambda v: (bytes(v[s:s + 40]), BMV(v)[k % 500:k % 500 + 20].tolist()))
                if np is not None:
                    ro("numpy", lambda v: int(np.frombuffer(v, dtype=np.uint8)[::s].sum()))
                def released(v):
                    w = v[s:s * 3]
                    with BMV(w) as e:
                        r = e.tobytes()
                    w.release()
                    return r, repr(w).startswith("<released")
                ro("release", released)
                # writes to this thread's own region
                mine("setitem", lambda v: v.__setitem__(k % R, (k * 13 + i) & 255))
                mine("setslice", lambda v: v.__setitem__(slice(s, s + 8), bytes([i, k & 255] * 4)))
                mine("overlap", lambda v: v.__setitem__(slice(0, R - 2, 2), v[2::2]))
                mine("cast write", lambda v: v.cast("H").__setitem__(k % (R // 2), (k * 977) & 0xFFFF))
                mine("read back", lambda v: (v.tobytes(), v[::s].hex(), v == v))
            counts[i] = (k, ro.n + mine.n)
        except BaseException as e:
            errors.append("thread %d: %s: %s" % (i, type(e).__name__, e))

    def first_call_cost(factory, n=40):
        """Median time of the first and of the second call of a Go-backed
        operation (strided tobytes) in a new thread."""
        def one(out):
            v = factory()
            t0 = time.perf_counter(); v[::2].tobytes(); t1 = time.perf_counter()
            v[::2].tobytes(); t2 = time.perf_counter()
            out.append((t1 - t0, t2 - t1))
        res = []
        for _ in range(n):
            t = threading.Thread(target=one, args=(res,)); t.start(); t.join()
        firsts = sorted(a for a, _ in res); seconds = sorted(b for _, b in res)
        return firsts[n // 2] * 1e6, seconds[n // 2] * 1e6

    def main():
        bg, bb = make()
        g, b = MV(bg), BMV(bb)
        g[::3].tobytes(); g.hex(); g == g  # this thread has called into Go
        before = tasks()
        deadline = time.perf_counter() + SECONDS
        counts, errors = [None] * NT, []
        ts = [threading.Thread(target=hammer, args=(i, (g, b), deadline, counts, errors)) for i in range(NT)]
        t0 = time.perf_counter()
        for t in ts:
            t.start()
        during = tasks()
        for t in ts:
            t.join(SECONDS * 5 + 10)
            if t.is_alive():
                raise SystemExit("a thread is stuck")
        elapsed = time.perf_counter() - t0
        after = tasks()
        if errors:
            raise SystemExit("\n".join(errors))
        if bg != bb:
            raise SystemExit("the buffers differ after the run")
        g.release()
        iters = sum(c[0] for c in counts); ops = sum(c[1] for c in counts)
        print("threads: %d x %.1f s: %d iterations, %d twin operations (%.0f/s); OS threads %d before, %d during, %d after"
              % (NT, elapsed, iters, ops, ops / elapsed, before, during, after))
        if after > before + 2:
            raise SystemExit("OS threads grew from %d to %d" % (before, after))
        data = bytes(range(256)) * 16
        gf, gs = first_call_cost(lambda: MV(data))
        bf, bs_ = first_call_cost(lambda: BMV(data))
        print("first call from a new thread (strided tobytes of 2 KiB, median of 40): gomv %.1f us first, %.1f us next; "
              "built-in %.1f us first, %.1f us next; OS threads at the end %d" % (gf, gs, bf, bs_, tasks()))
        print("OK", flush=True)

    main()
''')


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "nofast"])
def test_threads_hammer_shared_views(fast):
    env = dict(os.environ)
    if fast:
        env.pop("GOMV_NO_FASTPATH", None)
    else:
        env["GOMV_NO_FASTPATH"] = "1"
    limit = SECONDS * 10 + 60
    try:
        p = subprocess.run([sys.executable, "-c", SCRIPT, str(SECONDS)], env=env,
                           capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired as e:
        pytest.fail("timed out; stderr tail:\n%s" % (e.stderr or b"")[-3000:])
    assert p.returncode == 0 and p.stdout.rstrip().endswith("OK"), \
        "rc=%d\nstdout:\n%s\nstderr tail:\n%s" % (p.returncode, p.stdout, p.stderr[-4000:])
    print("\n[fast paths %s] %s" % ("on" if fast else "off", p.stdout.strip()))
