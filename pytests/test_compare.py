"""== and != between every pair of exporters, NaN, mixed formats; hash rules."""

import pytest

from mvhelp import BMV, EXPORTERS, TAGS, factory, nd, same, same_many, same_view

NAMES = list(EXPORTERS)


@pytest.mark.parametrize("left", NAMES)
def test_eq_all_pairs(left):
    fl = factory(left)
    cases = []
    for right in NAMES:
        fr = factory(right)
        cases.append(("%s == %s" % (left, right), lambda M, x, y: (M(x) == M(y), M(x) != M(y)), [fl, fr]))
        if "ctypes" in TAGS[right]:
            # CPython 3.11-3.13 segfault on memoryview(a) == b for ctypes arrays a, b
            # of one non-native format ('<i'): raw ctypes right-hand sides are left out.
            continue
        if "struct" in TAGS[left] and "numpy" in TAGS[right]:
            # numpy coerces the view to an array and, for a ctypes structure, looks at
            # view.obj to excuse its itemsize: the built-in view's obj is the ctypes
            # object, ours (seen through a built-in memoryview) is our view
            continue
        cases.append(("%s == raw %s" % (left, right), lambda M, x, y: (M(x) == y, y == M(x), M(x) != y), [fl, fr]))
    same_many(cases)


@pytest.mark.parametrize("left", NAMES)
def test_eq_mixed_implementations(left):
    fl = factory(left)
    cases = []
    for right in ["bytes", "array_i", "nd_3d_slices", "nd_d", "nd_0d", "np_c", "nd_pil"]:
        if right not in EXPORTERS:
            continue
        fr = factory(right)
        cases.append(("M(x) == BMV(y)", lambda M, x, y: (M(x) == BMV(y), M(x) != BMV(y)), [fl, fr]))
        cases.append(("BMV(x) == M(y)", lambda M, x, y: (BMV(x) == M(y), BMV(x) != M(y)), [fl, fr]))
    same_many(cases)


@pytest.mark.parametrize("name", NAMES)
def test_eq_self_and_others(name):
    f = factory(name)
    same_many([
        ("m == m", lambda M, x: (lambda m: (m == m, m != m))(M(x)), [f]),
        ("m == copy", lambda M, x: (lambda m: m == M(m))(M(x)), [f]),
        ("m == slice", lambda M, x: (lambda m: m == m[:])(M(x)), [f]),
        ("m == tolist", lambda M, x: M(x) == M(x).tolist(), [f]),
        ("m == 1", lambda M, x: (M(x) == 1, M(x) != 1, M(x) == None), [f]),  # noqa: E711
        ("m == str", lambda M, x: M(x) == "abc", [f]),
        ("m.__eq__(1)", lambda M, x: M(x).__eq__(1), [f]),
        ("m.__eq__(b)", lambda M, x: M(x).__eq__(b"abc"), [f]),
        ("m < m", lambda M, x: M(x) < M(x), [f]),
        ("m >= b", lambda M, x: M(x) >= b"", [f]),
        ("released ==", lambda M, x: (lambda m: (m.release(), m == m, m == M(x), m != m))(M(x)), [f]),
    ])


NAN = float("nan")


def test_nan_and_formats():
    cases = []
    pairs = [
        (nd([1.0, NAN], [2], "d"), nd([1.0, NAN], [2], "d")),
        (nd([1.0, NAN], [2], "d"), nd([1.0, NAN], [2], "f")),
        (nd([1.0, 2.0], [2], "d"), nd([1.0, 2.0], [2], "f")),
        (nd([1.0, 2.0], [2], "d"), nd([1, 2], [2], "i")),
        (nd([1, 2], [2], "i"), nd([1, 2], [2], "<i")),
        (nd([1, 2], [2], "i"), nd([1, 2], [2], ">i")),
        (nd([1, 2], [2], "i"), nd([1, 2], [2], "q")),
        (nd([1, 2], [2], "B"), nd([1, 2], [2], "b")),
        (nd([1, 2], [2], "B"), nd([b"\x01", b"\x02"], [2], "c")),
        (nd([True, False], [2], "?"), nd([1, 0], [2], "B")),
        (nd([(1, 2), (3, 4)], [2], "ii"), nd([(1, 2), (3, 4)], [2], "ii")),
        (nd([(1, 2), (3, 4)], [2], "ii"), nd([(1, 2), (3, 4)], [2], "2i")),
        (nd([(1, 2), (3, 4)], [2], "ii"), nd([1, 2, 3, 4], [4], "i")),
        (nd([1, 2, 3, 4], [2, 2], "i"), nd([1, 2, 3, 4], [4], "i")),
        (nd([1, 2, 3, 4], [2, 2], "i"), nd([1, 3, 2, 4], [2, 2], "i", flags=0x0)),
        (nd([1, 2, 3, 4], [2, 2], "i"), nd([1, 2, 3, 4], [2, 2], "i", flags=0x2 | 0x1)),
        (nd(list(range(12)), [3, 4], "B", flags=0x20 if False else 0)[::2],
         nd([0, 1, 2, 3, 8, 9, 10, 11], [2, 4], "B")),
        (nd([1.5, NAN], [2], "e"), nd([1.5, NAN], [2], "d")),
        (nd([b"abc", b"de"], [2], "3s"), nd([b"abc", b"de"], [2], "3s")),
        (nd(5, [], "i"), nd(5, [], "i")),
        (nd(5, [], "i"), nd([5], [1], "i")),
        (nd(NAN, [], "d"), nd(NAN, [], "d")),
        (nd(list(range(12)), [3, 4], "i", flags=0x8), nd(list(range(12)), [3, 4], "i", flags=0x8)),
        (nd(list(range(12)), [3, 4], "h", flags=0x10)[::-1], nd(list(range(12)), [3, 4], "h")[::-1]),
    ]
    for i, (a, b) in enumerate(pairs):
        cases.append(("pair %d" % i, lambda M, a=a, b=b: (M(a) == M(b), M(b) == M(a), M(a) != M(b),
                                                        M(a) == b, a == M(b)), []))
    same_many(cases)


HASH_SRC = ["bytes", "bytes_empty", "bytearray", "nd_ro_B", "nd_0d_ro_B", "nd_offset_neg", "nd_pil",
            "nd_empty_2d", "np_ro", "array_i", "nd_i", "ct_char4", "mv_of_mv_slice", "bmv_of_mv"]


@pytest.mark.parametrize("name", [n for n in HASH_SRC if n in EXPORTERS])
def test_hash(name):
    f = factory(name)
    same_many([
        ("hash", lambda M, x: hash(M(x)), [f]),
        ("hash ro", lambda M, x: hash(M(x).toreadonly()), [f]),
        ("hash == bytes", lambda M, x: hash(M(x).toreadonly()) == hash(M(x).tobytes()), [f]),
        ("hash cast c", lambda M, x: hash(M(x).toreadonly().cast("c")), [f]),
        ("hash cast b", lambda M, x: hash(M(x).toreadonly().cast("b")), [f]),
        ("hash cast h", lambda M, x: hash(M(x).toreadonly().cast("B").cast("h")), [f]),
        ("hash slice", lambda M, x: hash(M(x).toreadonly()[::-1]), [f]),
        ("hash released", lambda M, x: (lambda m: (m.release(), hash(m)))(M(x).toreadonly()), [f]),
        ("hash cached then released",
         lambda M, x: (lambda m: (hash(m), m.release(), hash(m)))(M(x).toreadonly()), [f]),
        ("dict key", lambda M, x: {M(x).toreadonly(): 1}.get(M(x).tobytes()), [f]),
    ])


def test_hash_formats():
    cases = []
    for fmt in ["B", "b", "c", "@B", "<B", "=b", "h", "i", "d", "?", "ii"]:
        from mvhelp import ND_VALUES
        vals = ND_VALUES.get(fmt, [1, 2, 3, 4])
        cases.append((fmt, lambda M, fmt=fmt, vals=vals: hash(M(nd(vals, [4], fmt, flags=0))), []))
    same_many(cases)
