"""Benchmarks: gomv.memoryview against the built-in memoryview.

Run as ``python -m gomv.bench`` (``make bench``). Each operation is timed for
both types in the same process, interleaved: repeats alternate between gomv
and the built-in (alternating which goes first), each sample runs enough
inner iterations to last at least ~20 ms, the garbage collector is off while
timing, and the best sample of each side is reported in ns per operation.
Cheap statements are unrolled in the timing loop so the loop itself costs
little next to the operation.

The ratio gomv/built-in is printed next to the project's target: <= 1.0x
on every row against the built-in (ndview's rows: <= 1.2x of gomv's 1-D
m[1:-1], <= 1.0x of numpy). The noise column is how far the ratio of one pair of samples (taken
back to back) strayed from the reported ratio in this run. The bulk
operations gomv may spread over goroutines are timed at 1 worker, 2 and
GOMAXPROCS through gomv._mv._bulk_workers (once, marked, without it). The
header names the machine: CPUs usable, what sets GOMAXPROCS, the Python build.

Benchmarks report; they fail only as a regression guard: ``--check BASELINE``
(``make bench-check``) exits 1 when a row's ratio exceeds its recorded one by
more than the two runs' noise bands, twice in a row. ``--save-baseline``
(``make bench-baseline``) records them. ``--json FILE`` writes every row with
its samples; with matplotlib importable a bar chart goes to bench.svg.

GOMV_TARGET=builtin times the built-in against itself (a noise check, and a
way to run this while the extension is not built). This file imports nothing
from its package, so ``python python/gomv/bench.py`` works too.
"""

import argparse
import builtins
import gc
import json
import os
import platform
import sys
import time

BUILTIN = builtins.memoryview

KiB = 1 << 10
MiB = 1 << 20

# Target ratio gomv/built-in per kind of operation; the ndview rows compare
# with other references: "nd" rows with gomv.memoryview's m[1:-1], "numpy"
# rows with numpy's basic indexing of the same array.
TARGETS = {"item": 1.0, "view": 1.0, "bulk": 1.0, "nd": 1.2, "numpy": 1.0}

# Worker settings of the parallel rows (0: as many as GOMAXPROCS), and the
# mark of those rows when gomv has no _bulk_workers hook.
WORKER_SETTINGS = (1, 2, 0)
NO_HOOK = "no parallel hook"


def _workers_label(w):
    if w == 0:
        return "GOMAXPROCS"
    if w == NO_HOOK:
        return w
    return "%d worker%s" % (w, "" if w == 1 else "s")


def bulk_workers_hook():
    """gomv._mv._bulk_workers(n) -> previous n, or None: sets how many
    goroutines a bulk operation may use (0 = GOMAXPROCS)."""
    mod = sys.modules.get("gomv._mv")
    return getattr(mod, "_bulk_workers", None) if mod else None


def load_target():
    if os.environ.get("GOMV_TARGET", "").lower() == "builtin":
        return BUILTIN, "built-in memoryview (GOMV_TARGET=builtin)"
    import gomv

    fast = "off" if os.environ.get("GOMV_NO_FASTPATH") == "1" else "on"
    return gomv.memoryview, "gomv %s (C fast paths %s)" % (
        getattr(gomv, "__version__", "?"), fast)


def _size(n):
    if n >= MiB and n % MiB == 0:
        return "%d MiB" % (n // MiB)
    if n >= KiB and n % KiB == 0:
        return "%d KiB" % (n // KiB)
    for e in range(9, 2, -1):
        if n == 10 ** e:
            return "10^%d" % e
    return str(n)


class Bench:
    """One timed statement.

    data() builds the exporters once; both sides view the very same objects,
    so neither gets luckier memory (page placement, huge pages, cache).
    setup(mv, data) returns the names the statement uses (mv is the
    memoryview type under test); stmt is Python source run `unroll` times
    per loop turn. The other side runs stmt on the built-in memoryview,
    unless ref = (label, setup, stmt) names another reference (ndview's
    rows: gomv.memoryview, numpy).
    """

    def __init__(self, name, size, kind, data, setup, stmt, unroll=1,
                 workers=None, ref=None):
        self.name, self.size, self.kind = name, size, kind
        self.data, self.setup = data, setup
        self.stmt, self.unroll = stmt, unroll
        self.workers = workers  # None, a WORKER_SETTINGS entry or NO_HOOK
        self.ref = ref

    def key(self):
        """The row's name in JSON output and the baseline."""
        w = "" if self.workers is None else " [%s]" % _workers_label(self.workers)
        return "%s %s%s" % (self.name, self.size, w)

    def compile(self, mv, data, clock, reference=False):
        setup, stmt = (self.ref[1], self.ref[2]) if reference and self.ref else (self.setup, self.stmt)
        ns = setup(mv, data)
        names = sorted(ns)
        body = "\n".join("        " + line
                         for _ in range(self.unroll)
                         for line in stmt.splitlines())
        src = (
            "def _timer(_n, _clock, %s):\n"
            "    _t0 = _clock()\n"
            "    for _ in range(_n):\n"
            "%s\n"
            "    return _clock() - _t0\n" % (", ".join(names), body))
        code = {}
        exec(compile(src, "<bench %s>" % self.name, "exec"), code)
        timer = code["_timer"]
        args = [ns[k] for k in names]
        return lambda n: timer(n, clock, *args)


def _items(n):
    return bytearray(bytes(range(256)) * (n // 256) + bytes(range(n % 256)))


def _view(n, then=lambda m: m):
    """(data, setup) of a row on m = then(mv(bytearray of n bytes))."""
    return (lambda: _items(n)), (lambda mv, d: {"m": then(mv(d))})


def _pair(n, then=lambda m: m):
    """(data, setup) of a row on m and m2, two equal n-byte buffers."""
    return ((lambda: (_items(n), _items(n))),
            (lambda mv, d: {"m": then(mv(d[0])), "m2": then(mv(d[1]))}))


def _numpy():
    try:
        import numpy
    except Exception:  # absent, or built for another Python
        return None
    return numpy


# Bulk operations that gomv may split over goroutines: (name, size in bytes,
# data, setup, stmt). Each is timed at 1 worker, 2 and GOMAXPROCS through
# gomv._mv._bulk_workers.
def parallel_ops(quick):
    big = 4 * MiB if quick else 64 * MiB
    text = 1 * MiB if quick else 16 * MiB
    view, pair = _view, _pair

    def square(n):  # a C-contiguous n-byte 2-D view, as square as n allows
        rows = 1 << ((n.bit_length() - 1) // 2)
        return (lambda: _items(n)), (lambda mv, d: {"m": mv(d).cast("B", [rows, n // rows])})

    return [
        ("tobytes()", big, *view(big), "m.tobytes()"),
        ("m[::2].tobytes()", big, *view(2 * big, lambda m: m[::2]), "m.tobytes()"),
        ("hex()", text, *view(text), "m.hex()"),
        ("m == m2", big, *pair(big), "m == m2"),
        ("m[:] = m2", big, *pair(big), "m[:] = m2"),
        # copies through a gather and a scatter: 16 MiB, as each takes ~15x
        # a contiguous copy of its size
        ("m[::2] = m2[::2]", text, *pair(2 * text, lambda m: m[::2]), "m[:] = m2"),
        ("tobytes('F') 2-D", text, *square(text), "m.tobytes('F')"),
    ]


def nd_benchmarks(nd, mv):
    """ndview's rows (nd is gomv.ndview, mv gomv.memoryview): a sub-view
    v[i] and a 2-D slice v[a:b, c:d] of a 2-D ndview against gomv's 1-D
    m[1:-1], and item reads and view creation against numpy's basic
    indexing of the same array."""
    rows = []
    data = lambda: _items(64 * 64)   # noqa: E731
    v2d = lambda mv_, d: {"v": nd(d).cast("B", [64, 64])}   # noqa: E731
    slice_1d = ("gomv m[1:-1]", lambda mv_, d: {"m": mv(d)}, "m[1:-1]")
    rows.append(Bench("ndview v[5] / m[1:-1]", "64x64 B", "nd", data, v2d, "v[5]", 10,
                      ref=slice_1d))
    rows.append(Bench("ndview v[1:5, 2:9] / m[1:-1]", "64x64 B", "nd", data, v2d,
                      "v[1:5, 2:9]", 10, ref=slice_1d))
    # The same with the keys built beforehand: before 3.14 the interpreter
    # builds v[1:5, 2:9]'s tuple of two slices on every run (from 3.14 it
    # is a constant), which costs more than the subscript itself.
    rows.append(Bench("ndview v[k] / m[s], keys made", "64x64 B", "nd", data,
                      lambda mv_, d: {"v": nd(d).cast("B", [64, 64]), "k": (slice(1, 5), slice(2, 9))},
                      "v[k]", 10,
                      ref=("gomv m[s]", lambda mv_, d: {"m": mv(d), "s": slice(1, -1)}, "m[s]")))
    np = _numpy()
    if np is None:
        return rows
    arr = lambda: np.arange(64 * 64, dtype=np.int32).reshape(64, 64)   # noqa: E731
    for stmt in ("v[5]", "v[1:5, 2:9]", "v[5, 7]", "v[..., ::-1]", "v[None, 3]"):
        rows.append(Bench("ndview %s / numpy" % stmt, "64x64 i4", "numpy", arr,
                          lambda mv_, d: {"v": nd(d)}, stmt, 10,
                          ref=("numpy", lambda mv_, d: {"v": d}, stmt)))
    return rows


def benchmarks(quick, hook, nd=None, mv=None):
    """The rows, in order. hook is gomv's _bulk_workers or None: without it
    each parallel operation is one row, marked as such. nd and mv are
    gomv.ndview and gomv.memoryview, for ndview's rows (none without)."""
    many = 10 ** 5 if quick else 10 ** 6
    strided = 2 * MiB if quick else 16 * MiB
    B = []
    view = _view

    def add(name, size, kind, data, setup, stmt, unroll=1, workers=None):
        B.append(Bench(name, size, kind, data, setup, stmt, unroll, workers))

    add("m[i]", "1 item", "item", *view(KiB), "m[5]", 20)
    add("m[i] = x", "1 item", "item", *view(KiB), "m[5] = 7", 20)
    add("m[i] 'd'", "1 item", "item",
        *view(KiB, lambda m: m.cast("d")), "m[5]", 20)
    add("len(m)", "-", "item", *view(KiB), "len(m)", 20)
    add("iteration", _size(10 ** 5), "item", *view(10 ** 5),
        "for _x in m: pass")
    add("memoryview(bytearray)", "16 B", "view", lambda: bytearray(16),
        lambda mv, d: {"mv": mv, "ba": d}, "mv(ba)", 10)
    add("m[1:-1]", "1 KiB", "view", *view(KiB), "m[1:-1]", 10)
    add("cast('I')", "4 KiB", "view", *view(4 * KiB), "m.cast('I')", 10)
    # 2-D: a numpy array (strides from the exporter) and a cast to 2-D
    np = _numpy()
    if np is not None:
        add("memoryview(ndarray 2-D)", "64x64 i4", "view",
            lambda: np.arange(64 * 64, dtype=np.int32).reshape(64, 64),
            lambda mv, d: {"mv": mv, "a": d}, "mv(a)", 10)
        add("m[i, j] ndarray 2-D", "1 item", "item",
            lambda: np.arange(64 * 64, dtype=np.int32).reshape(64, 64),
            lambda mv, d: {"m": mv(d)}, "m[5, 7]", 20)
    add("cast('B', [64, 64])", "4 KiB", "view", *view(4 * KiB),
        "m.cast('B', [64, 64])", 10)
    add("m[i, j] cast 2-D", "1 item", "item",
        *view(4 * KiB, lambda m: m.cast("B", [64, 64])), "m[5, 7]", 20)
    for n in (KiB, MiB):  # the large size is among the parallel rows
        add("tobytes()", _size(n), "bulk", *view(n), "m.tobytes()",
            10 if n <= KiB else 1)
    for n in (10 ** 3, many):
        add("tolist()", _size(n), "bulk", *view(n), "m.tolist()")
    add("m == m2", _size(many), "bulk", *_pair(many), "m == m2")
    add("hex()", "1 MiB", "bulk", *view(MiB), "m.hex()")
    add("m[::2].tobytes()", _size(strided), "bulk",
        *view(strided, lambda m: m[::2]), "m.tobytes()")
    for name, n, data, setup, stmt in parallel_ops(quick):
        for w in (WORKER_SETTINGS if hook else (NO_HOOK,)):
            add(name, _size(n), "bulk", data, setup, stmt, workers=w)
    if nd is not None:
        B.extend(nd_benchmarks(nd, mv))
    return B


def _sample(run, n):
    gc.disable()
    try:
        return run(n) / n
    finally:
        gc.enable()


def _calibrate(run, min_ns):
    n = 1
    while True:
        gc.disable()
        try:
            t = run(n)
        finally:
            gc.enable()
        if t >= min_ns or n >= 1 << 30:
            return n
        # Aim a little past the minimum so one more round usually suffices.
        n = max(n * 2, int(n * 1.2 * min_ns / max(t, 1)))


def measure(bench, T, repeats, min_ns, clock=time.perf_counter_ns, hook=None):
    """(ns/op samples of T, of the built-in), in the order taken: sample i
    of each side ran back to back, alternating which went first."""
    data = bench.data()
    mine = bench.compile(T, data, clock)
    ref = bench.compile(BUILTIN, data, clock, reference=True)
    previous = None
    if hook is not None and bench.workers not in (None, NO_HOOK):
        previous = hook(bench.workers)
    try:
        n = _calibrate(ref, min_ns)
        n = max(n, _calibrate(mine, min_ns))
        a, b = [], []
        for r in range(repeats):
            order = ((mine, a), (ref, b)) if r % 2 == 0 else ((ref, b), (mine, a))
            for run, out in order:
                out.append(_sample(run, n) / bench.unroll)
    finally:
        if previous is not None:
            hook(previous)
    return a, b


def noise_band(a, b):
    """How far this run's ratio may be off, from its own samples: the
    ratio is min(a)/min(b); the pairs a[i]/b[i] (taken back to back) show
    how much one ratio moves between samples, so the band is the largest
    distance of a pair's ratio from the reported one."""
    ratio = min(a) / min(b)
    return max(abs(x / y - ratio) for x, y in zip(a, b))


def result(bench, a, b):
    ratio = min(a) / min(b)
    goal = TARGETS[bench.kind]
    return {
        "key": bench.key(), "operation": bench.name, "size": bench.size,
        "kind": bench.kind,
        "workers": None if bench.workers is None else _workers_label(bench.workers),
        "reference": bench.ref[0] if bench.ref else "built-in memoryview",
        "gomv_ns": min(a), "builtin_ns": min(b), "ratio": ratio,
        "band": noise_band(a, b), "target": goal,
        # judged on the ratio as printed: "1.00x MISS" would say more than
        # the measurement does
        "ok": round(ratio, 2) <= goal,
        "gomv_samples_ns": a, "builtin_samples_ns": b,
    }


def _fmt_ns(ns):
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    if ns >= 1e4:
        return "%.1f us" % (ns / 1e3)
    return "%.1f ns" % ns


# ------------------------------------------------------------- the machine


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def machine(hook):
    """What the numbers depend on: CPUs this process may use, what decides
    Go's GOMAXPROCS, the interpreter's version and build."""
    import sysconfig

    info = {"os": "%s %s %s" % (platform.system(), platform.release(),
                                platform.machine())}
    cpuinfo = _read("/proc/cpuinfo") or ""
    model = [l.split(":", 1)[1].strip() for l in cpuinfo.splitlines()
             if l.startswith("model name")]
    info["cpu_model"] = model[0] if model else platform.processor() or None
    info["cpus_online"] = os.cpu_count()
    if hasattr(os, "process_cpu_count"):  # 3.13: affinity, and -X cpu_count
        info["cpus_usable"] = os.process_cpu_count()
    elif hasattr(os, "sched_getaffinity"):
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    else:
        info["cpus_usable"] = os.cpu_count()
    # cgroup v2 "quota period" or "max period": Go's default GOMAXPROCS
    # (1.25+) also follows this limit
    info["cgroup_cpu_max"] = _read("/sys/fs/cgroup/cpu.max")
    info["GOMAXPROCS_env"] = os.environ.get("GOMAXPROCS")
    mod = sys.modules.get("gomv._mv")
    get = getattr(mod, "_gomaxprocs", None) if mod else None
    info["gomaxprocs"] = get() if get else None
    info["parallel_hook"] = hook is not None
    try:
        info["load"] = round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        info["load"] = None
    info["python"] = sys.version
    info["python_executable"] = sys.executable
    info["implementation"] = platform.python_implementation()
    info["python_debug"] = bool(sysconfig.get_config_var("Py_DEBUG"))
    info["free_threaded"] = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    return info


def _header(info, target, args, repeats, min_ns):
    build = ", ".join(x for x in (
        "debug build" if info["python_debug"] else "release build",
        "free-threaded" if info["free_threaded"] else None) if x)
    cpus = "%s CPUs usable by this process (%s online" % (
        info["cpus_usable"], info["cpus_online"])
    if info["cgroup_cpu_max"]:
        cpus += ", cgroup cpu.max %s" % info["cgroup_cpu_max"]
    cpus += ")"
    if info["gomaxprocs"] is not None:
        procs = "GOMAXPROCS %d (Go runtime)" % info["gomaxprocs"]
    else:
        procs = "GOMAXPROCS %s (not exposed by gomv; %s)" % (
            info["GOMAXPROCS_env"] or "env unset", "Go's default is the CPUs "
            "usable, within the cgroup limit")
    procs += "; parallel hook %s" % ("gomv._mv._bulk_workers" if
                                      info["parallel_hook"] else "absent")
    load = "" if info["load"] is None else ", load %.1f" % info["load"]
    return "\n".join([
        "Python %s [%s, %s] %s" % (" ".join(info["python"].split()), info["implementation"],
                                    build, info["python_executable"]),
        "%s, %s, %s%s" % (info["os"], info["cpu_model"], cpus, load),
        procs,
        "%s vs built-in; best of %d interleaved samples of >= %d ms each, "
        "%s clock%s" % (target, repeats, min_ns // 1e6, args.clock,
                        " (parallel rows: perf)" if args.clock != "perf" else ""),
    ])


# ----------------------------------------------------- baseline and chart


def load_baseline(path):
    """{key: {"ratio": r, "band": b}} for this interpreter's minor version
    from the baseline file, or None when it has no entry for it."""
    with open(path) as f:
        doc = json.load(f)
    entry = doc.get("pythons", {}).get("%d.%d" % sys.version_info[:2])
    return None if entry is None else entry["rows"]


def save_baseline(path, rows, info):
    """Records this run's ratios as this interpreter's baseline in path
    (other versions' entries are kept)."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except FileNotFoundError:
        doc = {}
    doc["about"] = ("gomv/built-in time ratios per benchmark row, per Python "
                    "minor version; make bench-check compares a run with "
                    "them, make bench-baseline rewrites the running "
                    "interpreter's entry")
    doc.setdefault("pythons", {})["%d.%d" % sys.version_info[:2]] = {
        "machine": {k: info[k] for k in (
            "python", "os", "cpu_model", "cpus_usable", "gomaxprocs",
            "GOMAXPROCS_env", "parallel_hook", "load")},
        "rows": {r["key"]: {"ratio": round(r["ratio"], 4),
                            "band": round(r["band"], 4)} for r in rows},
    }
    doc["pythons"] = dict(sorted(doc["pythons"].items()))
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")


def regressed(r, base):
    """Whether row r is worse than its baseline entry by more than the noise
    of both measurements (each run's band, measured from its own samples)."""
    return r["ratio"] - base["ratio"] > r["band"] + base["band"]


def write_svg(path, rows, title):
    """A bar chart of the ratio column (log scale, targets marked), or False
    when matplotlib is not importable."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception:
        return False
    matplotlib.rcParams["svg.fonttype"] = "none"   # text stays text
    matplotlib.rcParams["svg.hashsalt"] = "gomv"   # stable ids between runs
    labels = [r["key"] for r in rows]
    ratios = [r["ratio"] for r in rows]
    y = range(len(rows))
    fig, ax = plt.subplots(figsize=(8, 0.24 * len(rows) + 1.2))
    # the band's low end clipped above 0 (a log axis)
    low = [min(r["band"], 0.9 * r["ratio"]) for r in rows]
    ax.barh(y, ratios, xerr=[low, [r["band"] for r in rows]],
            color=["#4c72b0" if r["ok"] else "#dd8452" for r in rows],
            error_kw={"elinewidth": 0.8, "capsize": 2})
    ax.scatter([r["target"] for r in rows], y, marker="|", s=120,
               color="black", zorder=3, label="target")
    ax.axvline(1.0, color="grey", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_yticks(list(y), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("time ratio gomv / built-in (lower is faster; "
                  "orange: target missed; whiskers: noise band)", fontsize=8)
    ax.set_title(title, fontsize=8)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None},
                bbox_inches="tight")
    plt.close(fig)
    return True


# ------------------------------------------------------------------- main


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m gomv.bench",
        description="Time gomv.memoryview against the built-in memoryview.")
    p.add_argument("--quick", action="store_true",
                   help="smaller sizes and fewer repeats (CI smoke run)")
    p.add_argument("--markdown", action="store_true",
                   help="print a Markdown table")
    p.add_argument("--repeats", type=int, default=None,
                   help="samples per side (default 7, --quick 3)")
    p.add_argument("--clock", choices=("perf", "thread"), default="perf",
                   help="perf: time.perf_counter_ns (wall, default); thread: "
                   "time.thread_time_ns (CPU time of this thread, steadier "
                   "on a loaded machine; not for the parallel rows, whose "
                   "work runs on other threads: they always use perf)")
    p.add_argument("-k", dest="filter", default="",
                   help="only rows whose name contains this")
    p.add_argument("--json", metavar="FILE",
                   help="write the machine and every row (samples included) "
                   "as JSON to FILE")
    p.add_argument("--svg", metavar="FILE", default="bench.svg",
                   help="bar chart of the ratios, when matplotlib is "
                   "importable (default bench.svg; '' for none)")
    p.add_argument("--check", metavar="BASELINE",
                   help="exit 1 when a row's ratio is worse than in the "
                   "baseline file by more than both runs' noise bands "
                   "(a row that is, is measured once more first)")
    p.add_argument("--save-baseline", metavar="BASELINE",
                   help="record this run's ratios as the running Python "
                   "version's baseline in BASELINE")
    args = p.parse_args(argv)
    if args.quick and (args.check or args.save_baseline):
        p.error("--quick sizes are not the baseline's")
    if (args.check or args.save_baseline) and (args.repeats or 7) < 5:
        p.error("a baseline needs at least 5 samples a side to measure noise")

    T, target = load_target()
    hook = bulk_workers_hook() if T is not BUILTIN else None
    repeats = args.repeats or (3 if args.quick else 7)
    min_ns = 5e6 if args.quick else 20e6
    baseline = None
    if args.check:
        baseline = load_baseline(args.check)
        if baseline is None:
            print("%s has no baseline for Python %d.%d: record one with "
                  "make bench-baseline" % ((args.check,) + sys.version_info[:2]))
            return 2

    clock = time.thread_time_ns if args.clock == "thread" else time.perf_counter_ns
    info = machine(hook)
    header = _header(info, target, args, repeats, min_ns)
    cols = ("operation", "size", "workers", "gomv", "built-in", "ratio",
            "noise", "target", "")
    if args.markdown:
        print(header.replace("\n", "  \n") + "\n")
        print("| " + " | ".join(cols[:8]) + " | |" + (" baseline |" if baseline else ""))
        print("|" + "---|" * 3 + "---:|" * 4 + "---|---|" + ("---:|" if baseline else ""))
    else:
        print(header)
        fmt = "%-30s %-8s %-16s %10s %10s %6s %6s %6s  %-4s"
        print(fmt % cols + ("  baseline" if baseline else ""))
        print("-" * (107 + (20 if baseline else 0)))

    t0 = time.perf_counter()
    rows, regressions = [], []
    nd = getattr(sys.modules.get("gomv"), "ndview", None) if T is not BUILTIN else None
    for bench in benchmarks(args.quick, hook, nd, T):
        if args.filter and args.filter not in bench.name:
            continue
        c = clock if bench.workers is None else time.perf_counter_ns
        r = result(bench, *measure(bench, T, repeats, min_ns, c, hook))
        base = baseline.get(r["key"]) if baseline else None
        note = ""
        if base is not None and regressed(r, base):
            # once more before calling it: a burst of load on a shared
            # machine can hit one row
            r = result(bench, *measure(bench, T, repeats, min_ns, c, hook))
            if regressed(r, base):
                regressions.append((r, base))
                note = "REGRESSED"
            else:
                note = "ok (2nd run)"
        elif base is not None:
            note = "ok"
        elif baseline is not None:
            note = "no baseline"
        if base is not None:
            note = "%.2fx %s" % (base["ratio"], note)
        rows.append(r)
        cells = (r["operation"], r["size"], r["workers"] or "-",
                 _fmt_ns(r["gomv_ns"]), _fmt_ns(r["builtin_ns"]),
                 "%.2fx" % r["ratio"],
                 "±%.2f" % r["band"] if repeats > 1 else "-",
                 "<=%.1fx" % r["target"], "OK" if r["ok"] else "MISS")
        if args.markdown:
            print("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % cells
                  + (" %s |" % note if baseline else ""))
        else:
            print(fmt % cells + ("  " + note if baseline else ""))
        sys.stdout.flush()
    elapsed = time.perf_counter() - t0
    misses = sum(not r["ok"] for r in rows)
    if not args.markdown:
        print("-" * (107 + (20 if baseline else 0)))
    if _numpy() is None:
        print("numpy is not importable: the ndarray 2-D rows did not run")
    print("%s%d target(s) missed (%.1f s)" % (
        "\n" if args.markdown else "", misses, elapsed))

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "target": target, "clock": args.clock,
                       "repeats": repeats, "min_sample_ns": min_ns,
                       "quick": args.quick, "seconds": round(elapsed, 1),
                       "rows": rows}, f, indent=1)
            f.write("\n")
        print("wrote %s" % args.json)
    if args.svg and rows:
        title = "gomv vs built-in memoryview, Python %s, %s CPUs usable" % (
            sys.version.split()[0], info["cpus_usable"])
        if write_svg(args.svg, rows, title):
            print("wrote %s" % args.svg)
        else:
            print("no chart: matplotlib is not importable")
    if args.save_baseline:
        save_baseline(args.save_baseline, rows, info)
        print("recorded the Python %d.%d baseline in %s" % (
            sys.version_info[:2] + (args.save_baseline,)))
    if baseline is not None:
        for r, base in regressions:
            print("REGRESSED: %s: %.2fx, baseline %.2fx (noise bands ±%.2f "
                  "now, ±%.2f then)" % (r["key"], r["ratio"], base["ratio"],
                                        r["band"], base["band"]))
        print("bench-check: %d row(s) regressed against %s" % (
            len(regressions), args.check))
        return 1 if regressions else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
