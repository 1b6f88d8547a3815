"""Item and slice assignment (value checks per format), readonly, del."""

import pytest

from mvhelp import BMV, EXPORTERS, PY, factory, nd, np, same, same_many, same_view
from test_index import BadIdx, Idx

NAN = float("nan")
VALUES = [0, 1, -1, 7, 127, 128, 255, 256, -128, -129, 32767, 32768, -32769, 65535, 65536,
          2**31 - 1, 2**31, -2**31 - 1, 2**32 - 1, 2**32, 2**63 - 1, 2**63, -2**63, -2**63 - 1,
          2**64 - 1, 2**64, 10**100, -10**100, 1.5, -0.0, 0.1, NAN, -NAN, float("inf"),
          float("-inf"), 1e300, 1e-300, 5e-324, 3.4028234e38, 3.5e38, 65504.0, 65519.0, 65520.0,
          6e-8, True, False, b"a", b"\x00", b"", b"ab", bytearray(b"x"), BMV(b"y"), "a", "",
          None, [1], (1,), (1, 2), 1j, Idx(5), Idx(-1), BadIdx(), object()]
if np is not None:
    VALUES += [np.int64(5), np.uint8(200), np.float32(1.5), np.float64(NAN), np.bool_(True)]

WRITABLE_1D = ["bytearray", "mmap", "ct_int4", "ct_double3", "ct_char4", "ct_bool3",
               "ct_ubyte4", "np_bool", "np_f16", "np_f32", "np_u8", "np_complex", "np_struct",
               "ct_struct_arr", "mv_of_mv_cast_i", "mv_of_mv_slice", "bmv_of_mv", "mv_of_bmv"]
WRITABLE_1D += [n for n in EXPORTERS if n.startswith(("array_", "nd_")) and "1d" in
                __import__("mvhelp").TAGS[n] and "rw" in __import__("mvhelp").TAGS[n]]
WRITABLE_1D = [n for n in WRITABLE_1D if n in EXPORTERS]


def _set(M, x, k, v):
    m = M(x)
    m[k] = v
    return m.tolist() if m.format not in ("ii", "2h", "3s", "x B") else m.tobytes()


@pytest.mark.parametrize("src", WRITABLE_1D)
def test_setitem_values(src):
    f = factory(src)
    same_many([("m[0]=%r" % (v,), lambda M, x, v=v: _set(M, x, 0, v), [f]) for v in VALUES]
              + [("m[-1]=%r" % (v,), lambda M, x, v=v: _set(M, x, -1, v), [f]) for v in VALUES[:12]])


@pytest.mark.parametrize("src", ["nd_ii", "nd_2h", "nd_3s", "nd_x_B", "np_struct", "ct_struct_arr"])
def test_setitem_multi_formats(src):
    f = factory(src)
    vals = [(1, 2), (1,), (1, 2, 3), [1, 2], (1.5, 2), (b"a", 1), b"abc", b"ab", 1, None]
    same_many([("m[0]=%r" % (v,), lambda M, x, v=v: _set(M, x, 0, v), [f]) for v in vals])


KEYS = [1, -1, 4, -5, 2**63, True, Idx(1), BadIdx(), 1.0, "x", None, (), (0,), (0, 0),
        Ellipsis, (Ellipsis,), (slice(None),), (slice(None), slice(None))]


@pytest.mark.parametrize("src", ["bytearray", "nd_i", "nd_3d", "nd_3d_slices", "nd_0d", "nd_0d_f",
                                 "nd_pil_rw", "nd_fortran", "nd_empty_1d", "bytes", "nd_ro_B",
                                 "nd_0d_ro_B", "np_0d", "np_T", "ct_int_2d"])
def test_setitem_keys(src):
    f = factory(src)
    same_many([("m[%r]=v" % (k,), lambda M, x, k=k: _set(M, x, k, 3), [f]) for k in KEYS]
              + [("m[%r]=b" % (k,), lambda M, x, k=k: _set(M, x, k, b"\x03"), [f]) for k in KEYS])


@pytest.mark.skipif(PY >= (3, 12), reason="'e' items became assignable in 3.12")
def test_setitem_e_311():
    same_view(lambda m: m.__setitem__(0, 1.0), factory("nd_e"))


def _slice_cases():
    ba = lambda M: bytearray(b"0123456789")  # noqa: E731
    cases = []

    def add(label, fn, f=ba):
        cases.append((label, fn, [f]))
    rhs = {"bytes2": b"xy", "bytes3": b"xyz", "bytes0": b"", "ba2": bytearray(b"xy"),
           "arrB2": __import__("array").array("B", [1, 2]), "arrb2": __import__("array").array("b", [1, 2]),
           "arri": __import__("array").array("i", [1]), "int": 5, "list": [1, 2], "str": "xy",
           "None": None, "bmv2": BMV(b"xy"), "bmv_c": BMV(b"xy").cast("c"),
           "nd_2d": nd([1, 2, 3, 4], [2, 2], "B"), "nd_B2_neg": nd([1, 2, 3, 4], [4], "B")[::-2]}
    slices = [slice(1, 3), slice(0, 0), slice(8, 10), slice(None, None, 5), slice(3, 1, -1),
              slice(None, 4, -2), slice(5, 5), slice(100, 102), slice(-2, None)]
    for rn, rv in rhs.items():
        for s in slices:
            add("m[%r]=%s" % (s, rn), lambda M, x, s=s, rv=rv: _set(M, x, s, rv))
    add("m[:]=M(m[::-1].tobytes())", lambda M, x: _set(M, x, slice(None), M(bytes(x)[::-1])))
    add("m[1:]=m[:-1]", lambda M, x: (lambda m: (m.__setitem__(slice(1, None), m[:-1]), bytes(x)))(M(x)))
    add("m[:-1]=m[1:]", lambda M, x: (lambda m: (m.__setitem__(slice(None, -1), m[1:]), bytes(x)))(M(x)))
    add("m[::2]=m[1::2]", lambda M, x: (lambda m: (m.__setitem__(slice(None, None, 2), m[1::2]), bytes(x)))(M(x)))
    add("m[::-1]=m", lambda M, x: (lambda m: (m.__setitem__(slice(None, None, -1), m), bytes(x)))(M(x)))
    add("m[2:7]=m[0:5] via other view", lambda M, x: (lambda m: (m.__setitem__(slice(2, 7), M(x)[0:5]), bytes(x)))(M(x)))
    add("m[:]=m", lambda M, x: (lambda m: (m.__setitem__(slice(None), m), bytes(x)))(M(x)))
    add("m[:]=gomv of same", lambda M, x: _set(M, x, slice(None), M(bytearray(b"abcdefghij"))))
    add("m[:]=builtin of gomv", lambda M, x: _set(M, x, slice(None), BMV(M(b"abcdefghij"))))
    add("m[:]=cast h", lambda M, x: _set(M, x, slice(0, 4), M(bytearray(4)).cast("h")))
    add("m[:]=cast c", lambda M, x: _set(M, x, slice(0, 4), M(bytearray(4)).cast("c")))
    add("m[:]=cast B 2d", lambda M, x: _set(M, x, slice(0, 4), M(bytearray(4)).cast("B", [2, 2])))
    add("m[...]=b", lambda M, x: _set(M, x, Ellipsis, b"a" * 10))
    # structure mismatch across formats of the lvalue
    fi = lambda M: nd(list(range(8)), [8], "i")  # noqa: E731
    for rv in [nd([1, 2], [2], "i"), nd([1, 2], [2], "<i"), nd([1, 2], [2], "I"), nd([1, 2], [2], "@i"),
               nd([1, 2], [2], "l"), b"\x00" * 8, nd([1.0, 2.0], [2], "f"), nd([1, 2], [2], "=i")]:
        add("i[0:2]=%s" % (BMV(rv).format if not isinstance(rv, bytes) else "bytes"),
            lambda M, x, rv=rv: _set(M, x, slice(0, 2), M(rv) if not isinstance(rv, bytes) else rv), fi)
    # 2-D lvalues
    f2 = lambda M: nd(list(range(12)), [3, 4], "B")  # noqa: E731
    add("2d[0:1]=...", lambda M, x: _set(M, x, slice(0, 1), nd([9, 9, 9, 9], [1, 4], "B")), f2)
    add("2d[:, :]=...", lambda M, x: _set(M, x, (slice(None), slice(None)), b"x" * 12), f2)
    add("2d[0]=...", lambda M, x: _set(M, x, 0, b"xxxx"), f2)
    add("2d[...]=...", lambda M, x: _set(M, x, Ellipsis, nd(list(range(12)), [3, 4], "B")), f2)
    # readonly
    for src in ["bytes", "nd_ro_B", "np_ro"]:
        if src in EXPORTERS:
            add("ro %s m[0:1]=b" % src, lambda M, x: _set(M, x, slice(0, 1), b"x"), factory(src))
    return cases


def test_slice_assignment():
    same_many(_slice_cases())


def test_slice_assignment_pil_and_fortran():
    cases = []
    for src in ["nd_pil_rw", "nd_fortran", "nd_3d_slices"]:
        for s in [slice(None), slice(0, 1), slice(None, None, -1)]:
            cases.append(("%s[%r]=self" % (src, s),
                          lambda M, x, s=s: (lambda m: (m.__setitem__(s, m[s][::-1] if False else m[s]),
                                                         m.tobytes()))(M(x)), [factory(src)]))
            cases.append(("%s[%r]=reversed" % (src, s),
                          lambda M, x, s=s: (lambda m: (m.__setitem__(s, m[s][::-1]),
                                                         m.tobytes()))(M(x)), [factory(src)]))
    same_many(cases)


@pytest.mark.parametrize("key", [0, -1, slice(0, 1), slice(None), Ellipsis, (), (0,), "x"], ids=repr)
@pytest.mark.parametrize("src", ["bytes", "bytearray", "nd_3d", "nd_0d"])
def test_delitem(src, key):
    def op(m):
        del m[key]
    same_view(op, factory(src))


def test_setitem_arity():
    same_view(lambda m: m.__setitem__(0), factory("bytearray"))
    same_view(lambda m: m.__setitem__(0, 1, 2), factory("bytearray"))
