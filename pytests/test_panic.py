"""A Go panic becomes SystemError and leaves the interpreter, the view and
the exporter usable.

Every Go entry point recovers panics into its error result (kind 100, raised
as SystemError "gomv: internal error in Go: ..."). No real panic is known,
so the private hook gomv._mv._debug_go_panic forces one through the real
path: _debug_go_panic(msg) panics in a Go entry point right away, and
_debug_go_panic(msg, n) makes the n-th bulk step from now panic (the entry
of a tobytes/hex/==/slice assignment into Go, or a point between its
pieces, run without the GIL on large views while other goroutines work on
other pieces); _debug_go_panic(msg, -1) disarms. Each case runs in a child process:
an unrecovered panic would kill the interpreter (exit 2 or 134).
"""

import os
import subprocess
import sys
import textwrap

import pytest

from mvhelp import TARGET

pytestmark = pytest.mark.skipif(TARGET == "builtin", reason="gomv's Go hook")

PREFIX = "gomv: internal error in Go: "


def run(code, fastpath=True):
    env = dict(os.environ)
    env.pop("GOMV_NO_FASTPATH", None)
    if not fastpath:
        env["GOMV_NO_FASTPATH"] = "1"
    code = "import gomv\nM = gomv.memoryview\nhook = gomv._mv._debug_go_panic\n" + textwrap.dedent(code)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
    return r.stdout


def test_panic_now_is_system_error():
    out = run("""
        for msg in ("boom", "ünïcode ☃", "x" * 2000):
            try:
                hook(msg)
            except SystemError as e:
                print(repr(str(e)))
            else:
                raise AssertionError("no panic")
        # the interpreter and gomv go on
        m = M(bytearray(b"abcdef"))[::2]
        assert m.tobytes() == b"ace" and m.hex() == "616365" and m == b"ace"
        print("alive")
    """)
    lines = out.splitlines()
    assert lines[0] == repr(PREFIX + "boom")
    assert lines[1] == repr(PREFIX + "ünïcode ☃")
    # long messages are cut to the error buffer (511 bytes), on a character
    assert eval(lines[2]).startswith(PREFIX + "xxx") and len(eval(lines[2]).encode()) <= 511
    assert lines[3] == "alive"


def test_hook_arguments():
    run("""
        hook("armed", 5)
        hook("", -1)          # disarmed: nothing panics
        assert M(bytearray(100))[::2].tobytes() == bytes(50)
        for bad in ((), (1,), ("a", "b")):
            try:
                hook(*bad)
            except TypeError:
                pass
            else:
                raise AssertionError(bad)
    """)


# Each op on a view of `ba` (16 MiB, big enough for pieces run without the
# GIL, in parallel) or of `small` (one piece, with the GIL).
BULK = """
import array
ba = bytearray(range(256)) * (1 << 16)
small = bytearray(range(256)) * 4
for case, after in CASES:
    for src in (ba, small):
        m = M(src)
        want = {
            "tobytes": lambda v: v[::2].tobytes(),
            "tobytesF": lambda v: v.cast('B', (len(v) // 256, 256)).tobytes('F'),
            "hex": lambda v: v[::2].hex(':', 3),
            "eq": lambda v: v.cast('d')[::2] == v.cast('d')[::2],
            "setitem": None,
        }
        op = want[case]
        if case == "setitem":
            def op(v):
                v[::2] = v[1::2]
                return None
        expect = op(memoryview(bytearray(src))) if case != "setitem" else None
        before = bytes(src)
        hook("bulk " + case, after if src is ba else 1)
        try:
            op(m)
        except SystemError as e:
            assert str(e) == "gomv: internal error in Go: bulk " + case, e
        else:
            if case != "setitem":
                raise AssertionError((case, len(src), "no panic"))
        hook("", -1)
        # the view works, gives the right answer, and releases cleanly
        if case != "setitem":
            assert op(m) == expect, case
            assert bytes(src) == before, case
        m.release()
        # the exporter is unharmed: its export is gone, so it resizes
        src.append(0)
        src.pop()
        print(case, len(src), "ok")
"""


@pytest.mark.parametrize("fastpath", [True, False], ids=["fast", "nofast"])
def test_panic_inside_bulk_operation(fastpath):
    # the n-th step (entry, then between pieces) panics on large views; small ones take one (and
    # slice assignment, which is one call at any size, may not reach Go)
    cases = [("tobytes", 3), ("tobytesF", 3), ("hex", 2), ("eq", 3), ("setitem", 1)]
    out = run("CASES = %r\n" % cases + BULK, fastpath)
    assert out.count(" ok") == 2 * len(cases), out


def test_panic_in_other_thread():
    """A panic between pieces running without the GIL, in a non-main thread."""
    out = run("""
        import threading
        ba = bytearray(32 << 20)
        res = []
        def work():
            m = M(ba)[::2]
            hook("in thread", 4)
            try:
                m.tobytes()
            except SystemError as e:
                res.append(str(e))
            res.append(m.tobytes() == bytes(16 << 20))
            m.release()
        th = threading.Thread(target=work)
        th.start()
        th.join(60)
        print(res)
        ba.append(1)
    """)
    assert out.strip() == repr([PREFIX + "in thread", True])


@pytest.mark.parametrize("fastpath", [True, False], ids=["fast", "nofast"])
def test_panic_inside_fortran_tobytes_of_indirect_view(fastpath):
    """Fortran order through suboffsets goes in pieces too: with 64-byte
    pieces the third step of one tobytes('F') panics (one whole-view call
    would not reach it), and the view then gives the built-in's bytes."""
    run("""
        from _testbuffer import ndarray, ND_PIL, ND_WRITABLE
        gomv._mv._debug_chunk(64)
        x = ndarray([i % 251 for i in range(4096)], shape=[16, 16, 16], format="B",
                    flags=ND_PIL | ND_WRITABLE)
        for key in ((slice(None),) * 3, (slice(None, None, -1), slice(1, None), slice(None, None, -3))):
            y = x[key]
            m, b = M(y), memoryview(y)
            assert m.suboffsets and m.suboffsets[0] >= 0
            hook("pil F", 3)
            try:
                m.tobytes("F")
            except SystemError as e:
                assert str(e) == "gomv: internal error in Go: pil F", e
            else:
                raise AssertionError("tobytes('F') of a PIL view took fewer than 3 steps")
            hook("", -1)
            assert m.tobytes("F") == b.tobytes("F")
    """, fastpath)
