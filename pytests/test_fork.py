"""gomv views in fork() children, and in spawn / forkserver workers.

The fork rule (ext/mv_fork.c): a child of fork() never enters Go. Go does
not support running after fork(), so the child's C paths serve what they
can and the rest is done by the interpreter on the same buffer; operations
that need Go and have no such stand-in raise RuntimeError naming 'spawn'
and 'forkserver'. Each scenario runs in its own interpreter under
subprocess timeouts that FAIL the test, with faulthandler armed in every
process that could hang. The children construct, index, slice, cast,
tobytes/tolist/hex/==, assign overlapping slices, on 64 MiB and in loops of
small non-contiguous, structured and indirect views, each checked against
the built-in memoryview doing the same work, after the parent has used the
Go core (bulk work on several goroutines).

Figures (per child task, fork round trips) are printed: run with -s.
GOMV_FORK_HEAVY=1 makes the loops ten times longer.
"""

import os
import subprocess
import sys
import textwrap

import pytest

import mvhelp

pytestmark = pytest.mark.skipif(mvhelp.TARGET != "gomv" or not hasattr(os, "fork"),
                                reason="fork checks need gomv and os.fork")

HEAVY = os.environ.get("GOMV_FORK_HEAVY") == "1"
NOFAST = os.environ.get("GOMV_NO_FASTPATH", "0") not in ("", "0")
# 10,000 forks (make test runs this on one interpreter; the others fork
# 1,000 times, also under load).
FULL_STRESS = os.environ.get("GOMV_FORK_STRESS") == "full"

SCRIPT = textwrap.dedent(r'''
    import faulthandler, os, sys, threading, time
    LIMIT = float(os.environ["FORK_LIMIT"])
    if __name__ == "__main__":
        # (3.14's forkserver imports __main__ too: a watchdog armed there
        # would be inherited, thread gone, by every worker it forks)
        faulthandler.dump_traceback_later(LIMIT, exit=True)
    import builtins
    import multiprocessing as mp
    import gomv

    MV, BMV = gomv.memoryview, builtins.memoryview
    BIG = 64 << 20
    LOOPS = int(os.environ["FORK_LOOPS"])

    def arm():
        # Children dump their stacks and exit before the parent gives up on them.
        faulthandler.dump_traceback_later(LIMIT * 0.6, exit=True)

    def check(what, got, want):
        if got != want:
            raise AssertionError("%s: gomv and the built-in differ" % what)

    def small(n):
        """n rounds of bulk calls on small non-contiguous views (Go's in
        the parent even with the C fast paths on)."""
        buf = bytearray(bytes(range(256)) * 4)
        ref = bytearray(buf)
        m, b = MV(buf), BMV(ref)
        s, bs = m[::3], b[::3]
        t, bt = m.cast("H")[::2], b.cast("H")[::2]
        g, bg = m.cast("B", (8, 128)), b.cast("B", (8, 128))
        for i in range(n):
            check("small tobytes", s.tobytes(), bs.tobytes())
            check("small hex", s.hex(":", 2), bs.hex(":", 2))
            check("small ==", (s == bs, t == bt, s == s, g == g, t == s), (True, True, True, True, False))
            check("small F", g.tobytes("F"), bg.tobytes("F"))
            check("small hash", hash(MV(bytes(buf))[::5]), hash(BMV(bytes(ref))[::5]))
            if i % 64 == 0:
                check("small tolist", t.tolist(), bt.tolist())
            # overlapping strided slice assignment
            m[0:200:2] = m[2:202:2]
            b[0:200:2] = b[2:202:2]
        check("small buffers after assignments", bytes(buf), bytes(ref))
        return n

    def structured(n):
        """n rounds on formats of more than one code, standard sizes,
        indirect (PIL) buffers, and errors."""
        import array, ctypes
        from _testbuffer import ndarray, ND_PIL
        pairs = ndarray([(i, -i) for i in range(64)], shape=[64], format="ih")
        le = ndarray(list(range(64)), shape=[64], format="<i")
        pil = ndarray(list(range(48)), shape=[6, 8], format="B", flags=ND_PIL)
        arr = array.array("d", [0.5 * i for i in range(64)] + [float("nan")])
        be = (ctypes.c_int32.__ctype_be__ * 16)(*range(16))
        objs = (pairs, le, pil, arr, be)
        views = [(MV(x), BMV(x)) for x in objs]
        for i in range(n):
            for m, b in views:
                check("structured ==", (m == m, m[::2] == b[::2], m == b), (b == b, b[::2] == b[::2], b == b))
            check("pil F", views[2][0].tobytes("F"), views[2][1].tobytes("F"))
            check("pil hex", views[2][0][::-1].hex("-"), views[2][1][::-1].hex("-"))
            for m, b in views:
                try:
                    m.cast("B", (3, 0))
                except (ValueError, TypeError) as e:
                    got = (type(e), str(e))
                try:
                    b.cast("B", (3, 0))
                except (ValueError, TypeError) as e:
                    check("cast error", got, (type(e), str(e)))
        check("structured tolist", views[2][0].tolist(), views[2][1].tolist())
        return n

    def big(size=BIG):
        """One round of every operation on size bytes (64 MiB). The
        built-in's slow strided paths are stood in for by bytearray slicing
        (the same bytes) to keep the test fast."""
        pat = bytes(range(251)) * (size // 251 + 1)
        buf = bytearray(pat[:size])
        ref = bytearray(buf)
        m, b = MV(buf), BMV(ref)
        check("construct len", (len(m), m.nbytes), (size, size))
        check("index", [m[i] for i in (0, 12345, size - 1, -7)], [b[i] for i in (0, 12345, size - 1, -7)])
        check("slice", m[1000:2000:7].tolist(), b[1000:2000:7].tolist())
        c, bc = m.cast("I"), b.cast("I")
        check("cast", (len(c), c[77], c[-1]), (len(bc), bc[77], bc[-1]))
        check("tobytes", m.tobytes() == ref, True)
        s, odd = m[1::2], ref[1::2]
        check("strided tobytes", s.tobytes() == odd, True)
        check("strided ==", (s == odd, s == s, m == b, s == m[::2]), (True, True, True, odd == ref[::2]))
        check("hex", m.hex() == ref.hex(), True)
        check("strided hex", s.hex(":", 4) == odd.hex(":", 4), True)
        check("tolist", c[::16].tolist(), bc[::16].tolist())
        q = min(size, 16 << 20)
        g, bg = m[:q].cast("Q", (512, q // 4096)), b[:q].cast("Q", (512, q // 4096))
        check("2-D tobytes F", g.tobytes("F") == bg.tobytes("F"), True)
        check("2-D ==", g == bg, True)
        # overlapping strided slice assignment of 32 MiB
        m[0:size - 2:2] = m[2::2]
        ref[0:size - 2:2] = ref[2::2]
        check("overlapping assignment", buf == ref, True)
        return size

    def needs_go():
        """The private hooks call Go directly: in a fork() child they must
        refuse, naming the start methods that work."""
        try:
            gomv._mv._debug_go_panic("x", -1)
        except RuntimeError as e:
            assert "'spawn'" in str(e) and "'forkserver'" in str(e), e
            return "refused"
        return "ran"

    def warm():
        """Use the Go core in this process, on several goroutines."""
        small(200)
        structured(20)
        big(16 << 20)

    def timed(fn, arg):
        t0 = time.perf_counter()
        fn(arg)
        return time.perf_counter() - t0

    TASKS = {"small": small, "big": big, "structured": structured}

    def task(spec):
        name, arg = spec
        return name, timed(TASKS[name], arg), os.getpid()

    def wait(pid, limit):
        t0 = time.perf_counter()
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if time.perf_counter() - t0 > limit:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                raise SystemExit("fork child hung")
            time.sleep(0.01)

    def in_child():
        """The child's work, and a grandchild's (os.fork in a child)."""
        arm()
        code = 1
        try:
            t1 = time.perf_counter()
            ts = [timed(small, LOOPS), timed(big, BIG), timed(structured, LOOPS // 10)]
            check("Go refused in the child", needs_go(), "refused")
            pid = os.fork()
            if pid == 0:
                small(50)
                structured(5)
                os._exit(0 if needs_go() == "refused" else 1)
            check("grandchild", wait(pid, LIMIT * 0.3), 0)
            print("child: small(%d) %.3f s, big %.3f s, structured(%d) %.3f s, grandchild ok"
                  % (LOOPS, ts[0], ts[1], LOOPS // 10, ts[2]), flush=True)
            code = 0
        finally:
            os._exit(code)

    def main(scenario):
        warm()
        check("Go runs in the parent", needs_go(), "ran")
        specs = [("small", LOOPS // 4)] * 4 + [("big", BIG), ("structured", LOOPS // 10)]
        if scenario == "os.fork":
            faulthandler.cancel_dump_traceback_later()  # its thread would not exist in the child
            # other threads in bulk Go work while the main thread forks
            stop = []
            def busy():
                x = MV(bytearray(8 << 20))
                while not stop:
                    x[::2].tobytes(); x[::3] == x[1::3]; x[::2].hex()
            ths = [threading.Thread(target=busy) for _ in range(2)]
            for t in ths:
                t.start()
            t0 = time.perf_counter()
            pid = os.fork()
            if pid == 0:
                in_child()
            stop.append(1)
            for t in ths:
                t.join()
            faulthandler.dump_traceback_later(LIMIT, exit=True)
            check("child", wait(pid, LIMIT * 0.8), 0)
            print("os.fork: child round trip %.3f s" % (time.perf_counter() - t0))
        else:
            ctx = mp.get_context(scenario)
            faulthandler.cancel_dump_traceback_later()
            t0 = time.perf_counter()
            with ctx.Pool(2, initializer=arm) as pool:
                t1 = time.perf_counter()
                faulthandler.dump_traceback_later(LIMIT, exit=True)
                # the first round trip includes starting the workers
                pool.apply_async(task, (("small", 1),)).get(timeout=LIMIT * 0.8)
                t2 = time.perf_counter()
                res = pool.map_async(task, specs, chunksize=1).get(timeout=LIMIT * 0.8)
                t3 = time.perf_counter()
            per = {}
            for name, dt, _ in res:
                per.setdefault(name, []).append(dt)
            print("%s: pool start %.1f ms, first task round trip %.1f ms, %d tasks in %.3f s; "
                  "small(%d) %s s, big %s s, structured %s s, workers %d"
                  % (scenario, (t1 - t0) * 1e3, (t2 - t1) * 1e3, len(specs), t3 - t2, LOOPS // 4,
                     "/".join("%.3f" % x for x in per["small"]),
                     "/".join("%.3f" % x for x in per["big"]),
                     "/".join("%.3f" % x for x in per["structured"]), len({p for _, _, p in res})))
        print("OK", flush=True)

    if __name__ == "__main__":
        main(sys.argv[1])
''')

# (scenario, fast paths): the fork cases in both modes; spawn and forkserver
# start clean interpreters, so one mode each is enough.
CASES = [("os.fork", True), ("os.fork", False), ("fork", True), ("fork", False),
         ("spawn", True), ("forkserver", True)]


def run_script(script, args, fast, limit, **extra):
    env = dict(os.environ, **extra)
    env.pop("PYTHONFAULTHANDLER", None)
    env.pop("GOMV_NO_FASTPATH", None)
    if not fast:
        env["GOMV_NO_FASTPATH"] = "1"
    try:
        return subprocess.run([sys.executable, "-c", script] + args, env=env,
                              capture_output=True, text=True, timeout=limit + 30)
    except subprocess.TimeoutExpired as e:
        pytest.fail("timed out; stderr tail:\n%s" % ((e.stderr or b"")[-3000:],))


@pytest.mark.parametrize("scenario,fast", CASES,
                         ids=["%s-%s" % (s, "fast" if f else "nofast") for s, f in CASES])
def test_children_agree(tmp_path, scenario, fast):
    # spawn and forkserver import the script's functions by module path
    script = tmp_path / "forkcheck.py"
    script.write_text(SCRIPT)
    limit = 240 if HEAVY else 90
    env = dict(os.environ, FORK_LIMIT=str(limit), FORK_LOOPS=str(20000 if HEAVY else 2000))
    env.pop("PYTHONFAULTHANDLER", None)
    env.pop("GOMV_NO_FASTPATH", None)
    if not fast:
        env["GOMV_NO_FASTPATH"] = "1"
    try:
        p = subprocess.run([sys.executable, str(script), scenario], env=env, cwd=str(tmp_path),
                           capture_output=True, text=True, timeout=limit + 30)
    except subprocess.TimeoutExpired as e:
        pytest.fail("%s timed out; stderr tail:\n%s" % (scenario, (e.stderr or b"")[-3000:]))
    out, err = p.stdout, p.stderr
    assert p.returncode == 0 and out.rstrip().endswith("OK"), \
        "rc=%d\nstdout:\n%s\nstderr tail:\n%s" % (p.returncode, out, err[-4000:])
    print("\n[%s, fast paths %s] %s" % (scenario, "on" if fast else "off", out.strip()))


FORK_AT_IMPORT = textwrap.dedent(r'''
    import os, sys, time
    import gomv
    pid = os.fork()   # no Go call yet
    if pid == 0:
        m = gomv.memoryview(bytearray(range(256)) * 64)
        ok = m[::3].tobytes() == bytes(m)[::3] and (m[::2] == m[1::2]) is False and m[::5].hex()
        os._exit(0 if ok else 1)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 20:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            sys.exit(os.waitstatus_to_exitcode(status))
        time.sleep(0.01)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    sys.exit("fork child hung")
''')


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "nofast"])
def test_fork_right_after_import(fast):
    """A fork() right after import gomv, before any Go call: the child works
    without Go. Five tries, each a fresh interpreter."""
    for _ in range(5):
        p = run_script(FORK_AT_IMPORT, [], fast, 30)
        assert p.returncode == 0, (p.returncode, p.stdout, p.stderr[-2000:])


FORK_STRESS = textwrap.dedent(r'''
    import os, sys, threading, time
    import gomv
    M = gomv.memoryview
    N, THREADS = int(sys.argv[1]), int(sys.argv[2])
    big = M(bytearray(8 << 20))
    m = M(bytearray(range(256)) * 256)   # 64 KiB; non-contiguous views of it need Go in the parent
    b = memoryview(bytearray(m))
    want = (b[::3].tobytes(), b[::2] == b[1::2], b[::5].hex(":"), b.cast("H")[::3].tolist()[:50])
    stop = False

    def work():
        # bulk Go work without the GIL, on several goroutines, while the
        # main thread forks
        while not stop:
            big[::2].tobytes(); big[::3] == big[1::3]; big[::2].hex()

    ts = [threading.Thread(target=work) for _ in range(THREADS)]
    for t in ts:
        t.start()
    hung = failed = 0
    t_start = time.perf_counter()
    for k in range(N):
        if k % 8 == 0:
            m[1::2].tobytes()   # the forking thread has just been in Go too
        pid = os.fork()
        if pid == 0:
            got = (m[::3].tobytes(), m[::2] == m[1::2], m[::5].hex(":"), m.cast("H")[::3].tolist()[:50])
            if k % 100 == 0:
                # a grandchild, and a thread of the child using gomv
                res = []
                t = threading.Thread(target=lambda: res.append(m[::7].tobytes() == b[::7].tobytes()))
                t.start()
                t.join()
                g = os.fork()
                if g == 0:
                    os._exit(0 if m[::3].tobytes() == want[0] else 1)
                res.append(os.waitpid(g, 0)[1] == 0)
                got = got if all(res) else None
            os._exit(0 if got == want else 1)
        t0 = time.perf_counter()
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                failed += os.waitstatus_to_exitcode(status) != 0
                break
            if time.perf_counter() - t0 > 10:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                hung += 1
                break
            time.sleep(0.0002)
    stop = True
    for t in ts:
        t.join()
    print("%d forks with %d threads in Go work: %d hung, %d failed, %.2f ms per fork round trip"
          % (N, THREADS, hung, failed, (time.perf_counter() - t_start) / N * 1e3))
    sys.exit(1 if hung or failed else 0)
''')


@pytest.mark.skipif(NOFAST, reason="the stress run is made once per interpreter, in the "
                                   "fast-path run (a fork child runs the fast paths either way)")
def test_fork_stress():
    """10,000 forks (GOMV_FORK_STRESS=full; else 1,000) under CPU load,
    some right after the forking thread's own Go call, with two other
    threads in bulk Go work throughout; each child checks non-contiguous tobytes, ==, hex and tolist against the
    built-in, and every hundredth also starts a thread and a grandchild.
    No child may hang or fail."""
    n = 100000 if HEAVY else 10000 if FULL_STRESS else 1000
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(min(len(os.sched_getaffinity(0)), 4))]
    try:
        p = run_script(FORK_STRESS, [str(n), "2"], True, 1200)
    finally:
        for h in hogs:
            h.kill()
            h.wait()
    print("\n" + p.stdout.strip())
    assert p.returncode == 0, (p.returncode, p.stdout, p.stderr[-2000:])
