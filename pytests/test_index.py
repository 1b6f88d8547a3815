"""Indexing (ints, negative, tuples, Ellipsis, bad keys, 0-d) and slicing."""

import pytest

from mvhelp import EXPORTERS, factory, np, same_many, same_view


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class BadIdx:
    def __index__(self):
        raise ZeroDivisionError("from __index__")


class IdxStr:
    def __index__(self):
        return "1"


KEYS = [0, 1, 2, -1, -2, 3, 4, 5, 8, 9, -9, -10, 11, -12, 12, 100, -100, 2**31, 2**63 - 1, -2**63,
        2**63, -2**63 - 1, 2**64, 10**30, -10**30, True, False, Idx(1), Idx(-1), Idx(2**70),
        BadIdx(), IdxStr(), 1.0, "0", b"0", None, [0], {0: 0}, 1j,
        (), (0,), (1,), (-1,), (0, 0), (1, 2), (-1, -1), (0, 1, 2), (0, 0, 0), (0, 0, 0, 0, 0),
        (9, 0), (0, 9), (0, -9), (1.0,), (0, "a"), (Idx(1), Idx(1)), ((0,),), ([0],),
        Ellipsis, (Ellipsis,), (Ellipsis, 0), (0, Ellipsis), (Ellipsis, Ellipsis),
        slice(None), (slice(None),), (slice(None), slice(None)), (0, slice(None)), (slice(None), 0),
        (slice(1, 2), 0, 0), (slice(None),) * 3]
if np is not None:
    KEYS += [np.int64(1), np.int8(-1), np.uint64(2**64 - 1), (np.intp(1), np.intp(0)), np.float64(1)]

SRC = ["bytes", "bytes_empty", "bytearray", "array_i", "array_d", "array_u", "array_Q", "nd_?",
       "nd_c", "nd_e", "nd_<i", "nd_>h", "nd_ii", "nd_3s", "nd_P", "nd_n", "nd_neg_1d",
       "nd_offset_neg", "nd_3d", "nd_3d_slices", "nd_pil", "nd_pil_rw", "nd_0d", "nd_0d_f",
       "nd_fortran", "nd_2d_B", "nd_empty_1d", "nd_empty_2d", "nd_5d", "ct_struct", "ct_struct_arr",
       "ct_int_2d", "ct_char4", "ct_bool3", "np_0d", "np_f16", "np_complex", "np_struct", "np_T",
       "mv_of_mv_slice", "mv_of_mv_2d", "bmv_of_mv", "mmap"]
SRC = [s for s in SRC if s in EXPORTERS]


@pytest.mark.parametrize("src", SRC)
def test_getitem(src):
    f = factory(src)
    same_many([(repr(k), lambda M, x, k=k: M(x)[k], [f]) for k in KEYS])


BOUNDS = [None, 0, 1, 2, -1, -2, 3, -3, 9, 100, -100, 2**63, -2**64]
STEPS = [None, 1, 2, 3, -1, -2, -3, 100, -100, 0, 2**63, -2**63 - 1]


@pytest.mark.parametrize("src", ["bytes", "bytes_empty", "array_i", "nd_neg_1d", "nd_3d_slices",
                                 "nd_pil", "nd_fortran", "nd_0d", "nd_empty_2d", "mv_of_mv_slice",
                                 "nd_ii", "ct_struct_arr"])
def test_slices(src):
    f = factory(src)
    cases = []
    for a in BOUNDS:
        for b in BOUNDS:
            for c in STEPS:
                s = slice(a, b, c)
                cases.append((repr(s), lambda M, x, s=s: M(x)[s], [f]))
    same_many(cases)


@pytest.mark.parametrize("key", [slice("a"), slice(None, "b"), slice(0, 1, "c"), slice(1.0, 2),
                                 slice(Idx(1), Idx(3)), slice(BadIdx()), slice(0, 3, Idx(-1))],
                         ids=repr)
def test_slice_bad_parts(key):
    same_view(lambda m: m[key], factory("bytes"))


@pytest.mark.parametrize("src", ["bytes", "nd_3d", "nd_3d_slices", "nd_pil"])
def test_slice_of_slice(src):
    same_view(lambda m: [m[1:][::-1], m[::-1][::2], m[::2][1::-1], m[5:][1:1], m[:][:][::-1][0]],
              factory(src))


@pytest.mark.parametrize("src", ["nd_3d", "nd_3d_slices", "nd_pil_rw", "nd_fortran", "ct_int_2d",
                                 "np_T", "np_3d_neg"])
def test_subview_index_chain(src):
    """m[i] on ndim > 1 is not implemented: the message must match."""
    same_view(lambda m: [m[0], m[1:][0]], factory(src))


def test_getitem_no_index():
    same_view(lambda m: m.__getitem__(), factory("bytes"))
    same_view(lambda m: m.__getitem__(0, 1), factory("bytes"))
