"""Byte items are the interpreter's own int objects, as with the built-in:
the same identities through every read path (gomv keeps the interpreter's
shared ints 0..255 to hand them out without a call), and no reference
counts drift on interpreters whose small ints are not immortal."""

import sys

import pytest

from mvhelp import MV, TARGET

BM = memoryview
DATA = bytearray(range(256))


def reads(make):
    m = make(DATA)
    return {
        "index": [m[i] for i in range(256)],
        "iteration": list(m),
        "tolist": m.tolist(),
        "2-D index": [m.cast("B", [16, 16])[i // 16, i % 16] for i in range(256)],
    }


@pytest.mark.parametrize("path", ["index", "iteration", "tolist", "2-D index"])
def test_identities_match_builtin(path):
    ours, theirs = reads(MV)[path], reads(BM)[path]
    assert ours == theirs
    assert [a is b for a, b in zip(ours, theirs)] == [b is c for b, c in zip(theirs, reads(BM)[path])]


@pytest.mark.skipif(TARGET != "gomv", reason="gomv.ndview only")
def test_ndview_identities_match_builtin():
    import gomv
    v, b = gomv.ndview(DATA), BM(DATA)
    assert [v[i] is b[i] for i in range(256)] == [b[i] is b[i] for i in range(256)]
    assert ([x is y for x, y in zip(v.tolist(), b.tolist())]
            == [x is y for x, y in zip(b.tolist(), b.tolist())])


def test_refcounts_do_not_drift():
    m = MV(DATA)
    before = [sys.getrefcount(i) for i in (0, 7, 200, 255)]
    for _ in range(1000):
        m[0], m[7], m[200], m[255]
        list(m[:8])
        m.tolist()
    after = [sys.getrefcount(i) for i in (0, 7, 200, 255)]
    assert after == before
