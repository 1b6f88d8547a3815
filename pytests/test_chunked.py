"""Bulk work in chunks gives the built-in's results.

Large tobytes/hex/== run in chunks (so Ctrl-C and other threads get a turn,
see test_signals.py). Here the chunk size is shrunk to a few bytes through
the private hook gomv._mv._debug_chunk, so the suite's small layouts (PIL,
negative strides, Fortran order, separators across chunk boundaries) go
through the chunked paths and are compared with the built-in again.
"""

import random

import pytest

import mvhelp
from mvhelp import BMV, MV, TARGET

# The differential tests, collected again here under the small chunk sizes.
from test_compare import (test_eq_all_pairs, test_eq_self_and_others,  # noqa: F401
                          test_hash, test_nan_and_formats)
from test_tobytes_hex import test_hex, test_hex_sep, test_tobytes  # noqa: F401

try:
    from test_random import test_random_eq, test_random_view  # noqa: F401
except pytest.skip.Exception:  # no hypothesis
    pass


def _mv_module():
    import gomv
    return gomv._mv


@pytest.fixture(scope="module", autouse=True, params=[1, 5])
def chunk(request):
    if TARGET == "builtin":
        yield request.param
        return
    mod = _mv_module()
    old = mod._debug_chunk(request.param)
    try:
        yield request.param
    finally:
        mod._debug_chunk(old)


def test_chunk_hook_is_set(chunk):
    if TARGET == "builtin":
        pytest.skip("the built-in has no chunks")
    mod = _mv_module()
    assert mod._debug_chunk(chunk) == chunk
    with pytest.raises(ValueError):
        mod._debug_chunk(0)


@pytest.mark.parametrize("seed", range(40))
def test_hex_separators_across_chunks(seed, chunk):
    """Every group size and direction, around the chunk size, on contiguous
    and strided views (strided ones are gathered into the text's tail)."""
    rnd = random.Random(seed)
    n = rnd.choice([1, 2, 3, 7, 8, 9, 31, 64, 100])
    data = bytes(rnd.randrange(256) for _ in range(2 * n))
    for view in (lambda M: M(data)[:n], lambda M: M(data)[::2], lambda M: M(data)[::-2]):
        for bps in (1, 2, 3, 4, 5, 6, 7, 9, n - 1, n, n + 1, 2**31 - 1):
            for sign in (1, -1):
                for sep in (":", b"\x00"):
                    want = view(BMV).hex(sep, sign * bps)
                    got = view(MV).hex(sep, sign * bps)
                    assert got == want, (n, sign * bps, sep)
        assert view(MV).hex() == view(BMV).hex()


@pytest.mark.parametrize("order", ["C", "F", "A"])
@pytest.mark.parametrize("shape", [(7,), (3, 5), (2, 3, 4), (4, 1, 3), (1, 6)])
@pytest.mark.parametrize("flags", ["C", "F", "PIL", "PIL_F"])
def test_tobytes_layouts(order, shape, flags, chunk):
    tb = mvhelp.tb
    f = {"C": tb.ND_WRITABLE, "F": tb.ND_WRITABLE | tb.ND_FORTRAN,
         "PIL": tb.ND_WRITABLE | tb.ND_PIL, "PIL_F": tb.ND_WRITABLE | tb.ND_PIL | tb.ND_FORTRAN}[flags]
    n = 1
    for s in shape:
        n *= s
    for fmt, items in (("B", [i % 256 for i in range(n)]), ("d", [i / 3 for i in range(n)])):
        x = tb.ndarray(items, shape=shape, format=fmt, flags=f)
        for key in [slice(None), slice(None, None, -1), slice(1, None, 2)]:
            if shape[0] == 1 and key.step is not None and key.start == 1:
                continue
            want = BMV(x)[key]
            got = MV(x)[key]
            assert got.tobytes(order) == want.tobytes(order)
            assert got.hex("-", 3) == want.hex("-", 3)
            assert (got == want) is True
            assert (got == x) == (want == x)


@pytest.mark.parametrize("seed", range(60))
def test_tobytes_fortran_indirect(seed, chunk):
    """Fortran order through suboffsets: random PIL arrays of 1 to 4
    dimensions, sliced by _testbuffer along every axis (negative steps
    too, which move the offsets into the suboffset), in F and A order."""
    tb = mvhelp.tb
    rnd = random.Random(seed)
    nd = rnd.randint(1, 4)
    shape = [rnd.randint(1, 5) for _ in range(nd)]
    n = 1
    for s in shape:
        n *= s
    fmt = rnd.choice(["B", "h", "d", "3s"])
    items = {"B": lambda i: i % 256, "h": lambda i: i - 300, "d": lambda i: i / 7,
             "3s": lambda i: bytes([i % 256, 7, i // 256])}[fmt]
    flags = tb.ND_WRITABLE | tb.ND_PIL | (tb.ND_FORTRAN if rnd.random() < 0.3 else 0)
    x = tb.ndarray([items(i) for i in range(n)], shape=shape, format=fmt, flags=flags)
    for _ in range(4):
        key = []
        for s in shape:
            step = rnd.choice([1, 1, 2, -1, -2, 3])
            start = rnd.randrange(s) if rnd.random() < 0.4 else None
            key.append(slice(start, None, step))
        y = x[tuple(key)] if nd > 1 else x[key[0]]
        want = BMV(y)
        got = MV(y)
        assert got.suboffsets == want.suboffsets
        for order in ("F", "A", "C"):
            assert got.tobytes(order) == want.tobytes(order), (shape, key, order)
