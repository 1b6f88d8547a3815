"""gomv.ndview against numpy (keys, sub-views, transposes, reshapes,
assignment of the same dtype) and against a struct-based model of items
(ndhelp.Model: reads, writes and their errors, casts), hypothesis-driven.

Arrays have random dtypes (byte orders, half floats, complex numbers, bytes,
structured dtypes with nested structs and sub-arrays, aligned or packed), up
to 4 dimensions, random contents (raw bytes), and random layouts made by
slicing a larger array with random steps (negative too) and transposing it.
The number of examples comes from the hypothesis profile: 'ci' runs
ND_RANDOM_TESTS * 1500 >= 10,000 of them (a third of that through the Go
twins, GOMV_NO_FASTPATH=1).
"""

import math
import os
import random
import struct

import pytest

hypothesis = pytest.importorskip("hypothesis")
np = pytest.importorskip("numpy")
from hypothesis import assume, given, settings, strategies as st  # noqa: E402

from mvhelp import TARGET, tb  # noqa: E402
from ndhelp import Model, struct_error_matches  # noqa: E402

if TARGET != "gomv":
    pytest.skip("ndview has no built-in counterpart", allow_module_level=True)

import gomv  # noqa: E402

ND = gomv.ndview

ND_RANDOM_TESTS = 8
if os.environ.get("HYPOTHESIS_PROFILE") == "ci":
    # a third as many through the Go twins (conftest.py's ci profile)
    assert ND_RANDOM_TESTS * settings.default.max_examples >= (
        4_000 if os.environ.get("GOMV_NO_FASTPATH", "0") not in ("", "0") else 10_000)

SCALARS = ["i1", "u1", "<i2", ">i2", "<u2", ">u2", "<i4", ">i4", "<u4", ">u4", "<i8", ">i8",
           "<u8", ">u8", "<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "<c8", ">c8", "<c16", ">c16",
           "?", "S1", "S3"]


@st.composite
def dtypes(draw, depth=0):
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        fields = []
        for i in range(draw(st.integers(1, 3))):
            sub = draw(dtypes(depth + 1))
            shape = () if sub.names else draw(st.sampled_from([(), (), (2,), (2, 3)]))
            fields.append(("f%d" % i, sub, shape) if shape else ("f%d" % i, sub))
        return np.dtype(fields, align=draw(st.booleans()))
    return np.dtype(draw(st.sampled_from(SCALARS)))


@st.composite
def arrays(draw, max_ndim=4, dtype=None):
    """A random layout over random bytes: (array, its model)."""
    dt = dtype if dtype is not None else draw(dtypes())
    ndim = draw(st.integers(0, max_ndim))
    shape = draw(st.lists(st.integers(0, 4), min_size=ndim, max_size=ndim))
    base_shape = [2 * n + 1 for n in shape]
    # contents and layout from a seed: drawing each of up to 9**4 items'
    # bytes, or each dimension's slice, would cost hypothesis more than the
    # test itself
    rng = random.Random(draw(st.integers(0, 2**32)))
    raw = rng.randbytes(math.prod(base_shape) * dt.itemsize)
    a = np.frombuffer(bytearray(raw), dtype=dt).reshape(base_shape)
    if ndim:
        a = a[tuple(slice(rng.randint(0, 1), None, rng.choice([1, 2, -1, -2])) for _ in range(ndim))]
    if ndim > 1 and rng.random() < 0.5:
        a = a.transpose(rng.sample(range(ndim), ndim))
    assume(numpy_reads_back(a))
    return a, Model(dt, memoryview(a).format)


def numpy_reads_back(a):
    """numpy reads the format it exports for a as a's dtype. It does not
    for nested structs whose size is not a multiple of their alignment:
    its writer leaves their trailing padding out, its reader (and the core,
    which lays nested structs out as numpy's reader does) puts it in, and
    the items then lie elsewhere or have another size (ndview refuses the
    latter: test_nd.py)."""
    try:
        back = np.asarray(memoryview(a))
    except RuntimeError:
        return False
    return same_layout(back.dtype, a.dtype)


def same_layout(d1, d2):
    if d1.itemsize != d2.itemsize or (d1.names is None) != (d2.names is None):
        return False
    if d1.names is None:
        return d1.subdtype is None or (d2.subdtype is not None and d1.shape == d2.shape)
    return [(n, d1.fields[n][1]) for n in d1.names] == [(n, d2.fields[n][1]) for n in d2.names] \
        and all(same_layout(d1.fields[n][0], d2.fields[n][0]) for n in d1.names)


def keys(ndim):
    """Keys of numpy's basic indexing, in range or not, a few invalid."""
    bound = 5
    one = st.one_of(
        st.integers(-bound, bound),
        st.builds(slice, st.none() | st.integers(-bound - 2, bound + 2),
                  st.none() | st.integers(-bound - 2, bound + 2),
                  st.sampled_from([None, None, 1, 1, 2, 3, -1, -1, -2, -3, 0])),
        st.just(Ellipsis), st.none())
    return st.one_of(one, st.lists(one, max_size=ndim + 2).map(tuple))


def outcome(fn):
    try:
        return "ok", fn()
    except (IndexError, ValueError, TypeError, NotImplementedError, struct.error, OverflowError) as e:
        return "exc", e


def same_exc(got, want):
    """The same exception; numpy's AxisError is a ValueError (and an
    IndexError) whose message ndview's ValueError carries."""
    assert isinstance(want, type(got)) and str(got) == str(want), (got, want)


def desc(x):
    """Floats by repr (NaN and -0.0 count), recursively."""
    if isinstance(x, (float, complex)):
        return repr(x)
    if isinstance(x, (list, tuple)):
        return type(x).__name__, [desc(y) for y in x]
    return x


def raw_bytes(a):
    """The bytes of a's items in C order, pad bytes included (numpy's
    copies and tobytes() leave a struct's pad bytes uninitialized)."""
    return memoryview(a).tobytes()


def model_list(a, model):
    """What tolist() gives for the numpy array a."""
    if a.ndim == 0:
        return model.item(a.tobytes())
    return [model_list(a[i, ...], model) for i in range(a.shape[0])]


def check_view(v, a, model):
    """v (an ndview) shows the numpy array a: layout, items, memory."""
    assert v.shape == a.shape and v.ndim == a.ndim and v.itemsize == a.itemsize
    # strides of dimensions of length 1, or of an empty array, are never
    # used, and numpy's export does not keep them
    assert not a.size or [s for s, n in zip(v.strides, v.shape) if n > 1] == \
        [s for s, n in zip(a.strides, a.shape) if n > 1], (v.strides, a.strides)
    assert desc(v.tolist()) == desc(model_list(a, model))
    back = np.asarray(v)
    assert back.shape == a.shape
    assert desc(model_list(back, Model(back.dtype, memoryview(back).format))) == \
        desc(model_list(a, model))
    if a.size:
        assert np.shares_memory(back, a)


@given(arrays(), st.data())
def test_keys(arr, data):
    """v[key] against numpy's basic indexing: the same error, item, or view."""
    a, model = arr
    key = data.draw(keys(a.ndim))
    v = ND(a)
    want, got = outcome(lambda: a[key]), outcome(lambda: v[key])
    if want[0] == "exc":
        assert got[0] == "exc", (key, got)
        same_exc(got[1], want[1])
    elif isinstance(want[1], np.ndarray):
        assert got[0] == "ok" and isinstance(got[1], ND), (key, got)
        check_view(got[1], want[1], model)
    else:
        # the item in the array's byte order (numpy's scalars are native)
        item = a[(key if isinstance(key, tuple) else (key,)) + (Ellipsis,)]
        assert got[0] == "ok", (key, got)
        assert desc(got[1]) == desc(model.item(item.tobytes()))


def item_values(dt, data):
    """A value for an item of dt: mostly fitting, often not."""
    if dt.names is not None:
        vals = [item_values(dt.fields[n][0], data) for n in dt.names]
        if data.draw(st.integers(0, 9)) == 0:
            vals = vals[:-1] if vals and data.draw(st.booleans()) else vals + [0]
        return tuple(vals) if data.draw(st.booleans()) else vals
    if dt.subdtype is not None:
        base, shape = dt.subdtype
        return array_values(base, shape, data)
    return data.draw(leaf_values(dt))


def array_values(base, shape, data):
    n = shape[0] + (1 if data.draw(st.integers(0, 14)) == 0 else 0)
    if len(shape) == 1:
        return [data.draw(leaf_values(base)) for _ in range(n)]
    return [array_values(base, shape[1:], data) for _ in range(n)]


def leaf_values(dt):
    odd = st.one_of(st.none(), st.text(max_size=2), st.integers(-2**70, 2**70), st.floats(),
                    st.complex_numbers(), st.binary(max_size=4), st.booleans())
    k = dt.kind
    if k in "iu":
        bits = 8 * dt.itemsize
        lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if k == "i" else (0, (1 << bits) - 1)
        good = st.integers(lo - 3, hi + 3) | st.sampled_from([lo, hi, lo - 1, hi + 1, 2**64, -2**64])
    elif k == "f":
        good = st.floats(width=min(64, 8 * dt.itemsize)) | st.floats() | st.integers(-1000, 1000)
    elif k == "c":
        good = st.complex_numbers() | st.floats() | st.integers(-10, 10)
    elif k == "b":
        good = st.booleans() | st.integers(-2, 2)
    else:
        good = st.binary(max_size=dt.itemsize + 1) | st.binary(max_size=3).map(bytearray)
    return st.one_of(good, good, good, odd)


@given(arrays(max_ndim=3), st.data())
def test_assign_item(arr, data):
    """v[i, j, ...] = value writes what struct packs, or raises its error and
    writes nothing."""
    a, model = arr
    assume(a.size)
    idx = tuple(data.draw(st.integers(-n, n - 1)) for n in a.shape)
    value = item_values(a.dtype, data)
    before = raw_bytes(a)
    want = outcome(lambda: model.pack(value))
    got = outcome(lambda: ND(a).__setitem__(idx, value))
    info = (a.dtype, memoryview(a).format, idx, value, got, want)
    if want[0] == "exc":
        assert got[0] == "exc" and struct_error_matches(got[1], want[1]), info
        assert raw_bytes(a) == before, info
    else:
        assert got[0] == "ok", info
        k = np.ravel_multi_index(tuple(i % n for i, n in zip(idx, a.shape)), a.shape) if a.ndim else 0
        raw = bytearray(before)
        raw[k * a.itemsize:(k + 1) * a.itemsize] = want[1]
        assert raw_bytes(a) == bytes(raw), info


@given(arrays(max_ndim=3), st.data())
def test_assign_view(arr, data):
    """v[key] = source of the same shape: numpy's result for the same dtype,
    with the source overlapping the target or not."""
    a, model = arr
    assume(a.ndim)
    # keys that select a view: slices (the first one always), an index in
    # range now and then
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    bound = lambda: rng.choice([None, rng.randint(-5, 5)])   # noqa: E731
    key = tuple(slice(bound(), bound(), rng.choice([None, 1, 2, -1, -2]))
                if n == 0 or d == 0 or rng.random() < 0.75 else rng.randint(-n, n - 1)
                for d, n in enumerate(a.shape[:rng.randint(1, a.ndim)]))
    t = a[key]
    assume(t.ndim)
    kind = data.draw(st.sampled_from(["fresh", "self", "flipped"]))
    if kind == "fresh":
        raw = random.Random(data.draw(st.integers(0, 2**32))).randbytes(t.nbytes)
        src = np.frombuffer(raw, dtype=a.dtype).reshape(t.shape)
    elif kind == "self":
        src = t
    else:
        src = t[::-1]
    assume(numpy_reads_back(src))   # numpy's export of nested structs (see arrays())
    want = a.copy()
    want_src = src.copy() if kind == "fresh" else want[key][::-1] if kind == "flipped" else want[key]
    want[key] = want_src
    ND(a)[key] = ND(src) if data.draw(st.booleans()) else src
    # values, not bytes: numpy leaves a struct's pad bytes alone
    assert desc(model_list(a, model)) == desc(model_list(want, model))


NUMERIC = ["i1", "u1", "<i2", ">u2", "<i4", ">i4", ">u4", "<i8", ">u8", "<f2", ">f4", "<f8", "?",
           "<c8", ">c16"]


@given(arrays(max_ndim=3, dtype=np.dtype("<i2")), st.sampled_from(NUMERIC), st.data())
def test_assign_converting(arr, dst_code, data):
    """v[...] = source of another format: every value converted as struct
    packs it, all checked before any is written."""
    src, src_model = arr
    dst = np.zeros(src.shape, dtype=dst_code)
    dmodel = Model(dst.dtype, memoryview(dst).format)
    want = outcome(lambda: b"".join(dmodel.pack(src_model.item(src[i + (Ellipsis,)].tobytes()))
                                    for i in np.ndindex(src.shape)))
    got = outcome(lambda: ND(dst).__setitem__(Ellipsis, src))
    if want[0] == "exc":
        assert got[0] == "exc" and struct_error_matches(got[1], want[1]), (got, want)
        assert not dst.any()
    else:
        assert got[0] == "ok", got
        assert dst.tobytes() == want[1]


@given(arrays(), st.data())
def test_shapes(arr, data):
    """T, transpose(axes) and reshape(shape) against numpy's: the same view,
    or an error where numpy would copy."""
    a, model = arr
    v = ND(a)
    check_view(v.T, a.T, model)
    axes = data.draw(st.permutations(range(a.ndim)) | st.lists(st.integers(-5, 5), max_size=5))
    want, got = outcome(lambda: a.transpose(axes)), outcome(lambda: v.transpose(axes))
    if want[0] == "exc":
        same_exc(got[1], want[1])
    else:
        check_view(got[1], want[1], model)
    n = a.size
    divisors = [d for d in range(1, n + 1) if n % d == 0] or [0]
    d = data.draw(st.sampled_from(divisors))
    shape = data.draw(st.sampled_from([(n,), (d, -1), (-1, d, 1), (1, d, n // d if d else 0), (n + 1,)]))
    want = outcome(lambda: a.reshape(shape, copy=False))
    got = outcome(lambda: v.reshape(*shape))
    if want[0] == "ok":
        assert got[0] == "ok", (shape, got)
        assert got[1].shape == want[1].shape
        assert desc(got[1].tolist()) == desc(model_list(want[1], model))
        assert np.shares_memory(np.asarray(got[1]), a) or not a.size
    elif "without copying" in str(want[1]) or "copy" in str(want[1]):
        assert got[0] == "exc" and isinstance(got[1], ValueError), got
    else:
        same_exc(got[1], want[1])


# Formats to cast to, and the numpy dtype whose structure their items have.
CASTS = {"b": "i1", "<H": "<u2", ">i": ">i4", "=q": "=i8", "e": "<f2", ">f": ">f4", "<d": "<f8",
         "Zf": "<c8", ">Zd": ">c16", "?": "?", "2s": "S2",
         "3B": [("a", "u1"), ("b", "u1"), ("c", "u1")], "hh": [("a", "<i2"), ("b", "<i2")],
         "T{<h:a:>b:b:}": [("a", "<i2"), ("b", "i1")], "(2)<h": ("<i2", (2,))}


@given(arrays(max_ndim=3), st.sampled_from(sorted(CASTS)), st.data())
def test_cast(arr, fmt, data):
    """cast(format[, shape]) of C-contiguous memory reads its bytes as
    items of the new format."""
    a = np.ascontiguousarray(arr[0])
    dt = np.dtype(CASTS[fmt])
    size = dt.itemsize
    n = a.nbytes // size
    shape = data.draw(st.sampled_from([None, [n], [1, n], [n, 1], []]))
    got = outcome(lambda: ND(a).cast(fmt) if shape is None else ND(a).cast(fmt, shape))
    if a.nbytes % size or (shape == [] and n != 1):
        assert got[0] == "exc" and isinstance(got[1], TypeError), got
        return
    assert got[0] == "ok", (fmt, shape, got)
    c = got[1]
    assert c.shape == ((n,) if shape is None else tuple(shape))
    assert c.format == fmt and c.itemsize == size
    raw, model = raw_bytes(a), Model(dt, fmt)
    flat = [model.item(raw[k * size:(k + 1) * size]) for k in range(n)]
    assert desc(_flat(c.tolist(), c.ndim)) == desc(flat)
    assert np.shares_memory(np.asarray(c), a) or not n


def _flat(x, ndim):
    if ndim == 0:
        return [x]
    out = []
    for y in x:
        out.extend(_flat(y, ndim - 1))
    return out


@given(arrays(), st.data())
def test_sequence(arr, data):
    """Iteration, in, count and index along the first dimension, as a list
    of the same elements (fresh objects, so NaN matches nothing)."""
    a, model = arr
    v = ND(a)
    if a.ndim == 0:
        for op in (lambda: list(v), lambda: 0 in v, lambda: v.count(0), lambda: v.index(0)):
            with pytest.raises(TypeError, match="iteration over a 0-d array"):
                op()
        return
    elems = list(v)
    if a.ndim == 1:
        assert desc(elems) == desc(model_list(a, model))
    else:
        assert all(isinstance(e, ND) for e in elems)
        assert desc([e.tolist() for e in elems]) == desc(model_list(a, model))
    ref = model_list(a, model)   # fresh objects: rows as lists
    if a.shape[0] and data.draw(st.booleans()):
        k = data.draw(st.integers(0, a.shape[0] - 1))
        # a row as a view of a's buffer (numpy's own export of a row may
        # differ: see numpy_reads_back)
        # xref is a second fresh copy: ref[k] itself would equal its own
        # NaN-holding row through tuple's identity shortcut, which the
        # view's fresh items never meet
        x, xref = (ref[k], model_list(a, model)[k]) if a.ndim == 1 else \
            (v[k], model_list(a[k, ...], model))
    else:
        x = xref = data.draw(leaf_values(a.dtype if a.dtype.names is None and a.dtype.subdtype is None
                                         else np.dtype("u1")))
        if a.ndim > 1:
            # anything but a buffer (an empty one would equal empty rows)
            assume(not isinstance(x, (bytes, bytearray)))
            xref = object()   # equals no row
    hits = [i for i, e in enumerate(ref) if e == xref]
    assert (x in v) == bool(hits)
    assert v.count(x) == len(hits)
    if hits:
        assert v.index(x) == hits[0]
        if len(hits) > 1:
            assert v.index(x, hits[0] + 1, hits[1] + 1) == hits[1]
            assert v.index(x, hits[1] - len(ref)) == hits[1]
    else:
        with pytest.raises(ValueError, match=r"ndview.index\(x\): x not found"):
            v.index(x)


PIL_FORMATS = ["B", "h", "<i", ">d", "3s", "hh"]


@given(st.sampled_from(PIL_FORMATS), st.lists(st.integers(1, 4), min_size=1, max_size=3), st.data())
def test_pil_keys(fmt, shape, data):
    """The same keys on an indirect (PIL) buffer and on a plain one holding
    the same items give the same items, and assignments land in the same
    places."""
    n = math.prod(shape)
    size = struct.calcsize(fmt)
    items = [tuple(range(k, k + 2)) if fmt == "hh" else
             bytes([65 + k % 26]) * 3 if fmt == "3s" else k % 100 for k in range(n)]
    pil = tb.ndarray(items, shape=shape, format=fmt, flags=tb.ND_PIL | tb.ND_WRITABLE)
    plain = tb.ndarray(items, shape=shape, format=fmt, flags=tb.ND_WRITABLE)
    assert size == pil.itemsize
    key = data.draw(keys(len(shape)))
    vp, vq = ND(pil), ND(plain)
    got, want = outcome(lambda: vp[key]), outcome(lambda: vq[key])
    assert got[0] == want[0], (key, got, want)
    if got[0] == "exc":
        same_exc(got[1], want[1])
        return
    if isinstance(want[1], ND):
        assert got[1].shape == want[1].shape
        assert desc(got[1].tolist()) == desc(want[1].tolist())
        assert desc(list(got[1]) if got[1].ndim == 1 else None) == \
            desc(list(want[1]) if want[1].ndim == 1 else None)
        assert got[1].tobytes() == want[1].tobytes()
        if got[1].ndim and got[1].nbytes and fmt != "hh":
            first = want[1][(0,) * got[1].ndim]
            got[1][(0,) * got[1].ndim] = first
            want[1][(0,) * want[1].ndim] = first
            assert vp.tolist() == vq.tolist()
    else:
        assert desc(got[1]) == desc(want[1])
