"""tobytes in every order and hex with separators."""

import pytest

from mvhelp import EXPORTERS, factory, same_view

ORDERS = [None, "C", "F", "A"]
BAD_ORDERS = ["c", "f", "a", "X", "", "CC", b"C", 1, "K"]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("name", list(EXPORTERS))
def test_tobytes(name, order):
    same_view(lambda m: m.tobytes(order), factory(name))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_tobytes_keyword(name):
    same_view(lambda m: m.tobytes(order="F"), factory(name))


@pytest.mark.parametrize("order", BAD_ORDERS)
def test_tobytes_bad_order(order):
    same_view(lambda m: m.tobytes(order), factory("nd_3d_slices"))
    same_view(lambda m: m.tobytes(order), factory("bytes"))


def test_tobytes_bad_args():
    same_view(lambda m: m.tobytes("C", "F"), factory("bytes"))
    same_view(lambda m: m.tobytes(foo="C"), factory("bytes"))


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_hex(name):
    same_view(lambda m: m.hex(), factory(name))


SEPS = [(":",), ("-", 1), (" ", 2), (" ", -2), ("_", 3), ("_", -3), (b"|", 4), (":", 0),
        (":", 100), (":", -100), (".", 2**31), (".", -2**31), (".", 2**63), (".", -(2**63) - 1),
        ("\u20ac",), ("ab",), ("",), (b"",), (1,), (":", "2"), (":", 1.0), (None,), (None, 2),
        (b"\xff",), ("\x7f",)]


@pytest.mark.parametrize("args", SEPS, ids=repr)
@pytest.mark.parametrize("name", ["bytes", "bytes_empty", "array_i", "nd_3d_slices", "nd_0d",
                                  "nd_pil", "np_f", "ct_struct", "mv_of_mv_slice"])
def test_hex_sep(name, args):
    same_view(lambda m: m.hex(*args), factory(name))


def test_hex_keywords():
    same_view(lambda m: m.hex(sep=":", bytes_per_sep=-3), factory("bytes"))
    same_view(lambda m: m.hex(bytes_per_sep=2), factory("bytes"))
    same_view(lambda m: m.hex(":", 2, 3), factory("bytes"))
    same_view(lambda m: m.hex(foo=1), factory("bytes"))


def test_hex_lengths_and_offsets():
    """Every length around the vector block sizes (16 and 32 bytes), at every
    offset into the buffer, every byte value, contiguous and strided, with
    and without a separator: the same text as the built-in's."""
    import gomv
    data = bytes(range(256)) * 2
    for off in range(34):
        for n in list(range(0, 100)) + [255, 256, 257, 300]:
            chunk = data[off:off + n]
            for mk in (lambda b: b, lambda b: bytearray(b)[::-1]):
                ref, m = memoryview(mk(chunk)), gomv.memoryview(mk(chunk))
                assert m.hex() == ref.hex(), (off, n)
                assert m.hex(":", 40) == ref.hex(":", 40), (off, n)
                assert m[::2].hex() == ref[::2].hex(), (off, n)
