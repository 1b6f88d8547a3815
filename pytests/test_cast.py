"""cast: every native format, with and without shapes, and every error."""

import struct

import pytest

from mvhelp import factory, same_view

NATIVE = list("bBhHiIlLqQnNfdePc?")
ODD = ["@B", "@i", "=B", "<i", ">h", "!B", "x", "s", "2B", "BB", "T{B}", "", "X", "Zd", "@",
       "@e", "w", "u", "0B", "B ", " B", "\x00", "\u20ac", b"B", 1, None]
SOURCES = ["bytes", "bytes_empty", "bytearray", "array_i", "array_d", "array_u", "nd_3d",
           "nd_3d_slices", "nd_fortran_B", "nd_fortran", "nd_0d", "nd_0d_ro_B", "nd_2d_B", "nd_pil",
           "nd_ro_B", "nd_c", "nd_?", "nd_e", "nd_<i", "nd_ii", "nd_empty_1d", "nd_empty_2d",
           "ct_struct", "ct_int_2d", "ct_char4", "mmap", "mv_of_mv_2d", "mv_of_mv_slice",
           "np_c", "np_f", "np_0d", "np_f16", "np_complex"]
SOURCES = [s for s in SOURCES if s in __import__("mvhelp").EXPORTERS]


def _n(m, fmt):
    try:
        return m.nbytes // struct.calcsize(fmt)
    except Exception:
        return 1


SHAPES = {
    "none": lambda m, f: None,
    "flat": lambda m, f: [_n(m, f)],
    "tuple": lambda m, f: (_n(m, f),),
    "row": lambda m, f: [1, _n(m, f)],
    "col": lambda m, f: (_n(m, f), 1),
    "halves": lambda m, f: [2, _n(m, f) // 2],
    "3d": lambda m, f: [1, 2, _n(m, f) // 2],
    "zerod": lambda m, f: [],
    "zerod_tuple": lambda m, f: (),
    "toomany": lambda m, f: [_n(m, f) + 1],
    "zero": lambda m, f: [0],
    "zero2": lambda m, f: [_n(m, f), 0],
    "neg": lambda m, f: [-1],
    "neg2": lambda m, f: [-2, -_n(m, f) // 2],
    "float": lambda m, f: [float(_n(m, f))],
    "str": lambda m, f: "ab",
    "int": lambda m, f: _n(m, f),
    "huge": lambda m, f: [2**64],
    "huge2": lambda m, f: [2**62, 2**62],
    "dims64": lambda m, f: [1] * 63 + [_n(m, f)],
    "dims65": lambda m, f: [1] * 64 + [_n(m, f)],
    "none_item": lambda m, f: [None],
    "bool_item": lambda m, f: [True] * 1,
}


@pytest.mark.parametrize("fmt", NATIVE + ODD, ids=repr)
@pytest.mark.parametrize("src", SOURCES)
def test_cast_format(src, fmt):
    same_view(lambda m: m.cast(fmt), factory(src))


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("fmt", ["B", "c", "b", "h", "i", "Q", "d", "f", "e", "?", "P"])
@pytest.mark.parametrize("src", ["bytes", "bytearray", "nd_3d", "nd_2d_B", "nd_3d_slices",
                                 "nd_0d_ro_B", "mv_of_mv_2d", "bytes_empty"])
def test_cast_shape(src, fmt, shape):
    same_view(lambda m: m.cast(fmt, SHAPES[shape](m, fmt)), factory(src))


CHAINS = [
    ("B", "i"), ("i", "B"), ("B", "h", "B", "d"), ("c", "B"), ("B", "c"), ("b", "B"),
    ("i", "h"), ("d", "B", "q"), ("B", ("i", [2, 2])), (("B", [4, 4]), "B"), (("B", [4, 4]), "i"),
    (("i", [2, 2]), "B"), (("i", [2, 2]), ("B", [16])), ("e", "B"), ("B", "e"), ("?", "B"),
    ("B", ("B", [])), (("B", [2, 8]), ("c", [16])), ("B", ("i", [])),
]


@pytest.mark.parametrize("chain", CHAINS, ids=repr)
@pytest.mark.parametrize("src", ["bytearray16", "nd_i16"])
def test_cast_chain(src, chain):
    from mvhelp import nd

    def make(M):
        return bytearray(range(16)) if src == "bytearray16" else nd(list(range(4)), [4], "i")

    def op(m):
        out = []
        for step in chain:
            m = m.cast(step) if isinstance(step, str) else m.cast(*step)
            out.append(m)
        return out
    same_view(op, make)


def test_cast_keywords_and_arity():
    f = factory("bytearray")
    same_view(lambda m: m.cast(format="B"), f)
    same_view(lambda m: m.cast("B", shape=[9]), f)
    same_view(lambda m: m.cast(format="B", shape=(3, 3)), f)
    same_view(lambda m: m.cast(), f)
    same_view(lambda m: m.cast("B", [9], 1), f)
    same_view(lambda m: m.cast(fmt="B"), f)
    same_view(lambda m: m.cast("c", None), f)


def test_cast_keeps_obj_and_readonly():
    same_view(lambda m: (m.cast("B").obj is m.obj, m.cast("B").readonly), factory("bytes"))
    same_view(lambda m: (m.cast("c").obj is m.obj, m.cast("c").readonly), factory("bytearray"))


def test_cast_result_writes_through():
    def op(m):
        c = m.cast("i")
        c[1] = -1
        return m.tolist(), c.tolist()
    same_view(op, lambda M: bytearray(range(16)))
