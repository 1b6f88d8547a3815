"""pickle/copy refusal, Sequence ABC, weakref, subclassing, gc, misc protocols."""

import collections.abc
import copy
import gc
import pickle
import weakref

import pytest

from mvhelp import BMV, MV, factory, same, same_view


@pytest.mark.parametrize("proto", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_refused(proto):
    same_view(lambda m: pickle.dumps(m, proto), factory("bytes"))
    same_view(lambda m: pickle.dumps(m, proto), factory("nd_3d"))


def test_copy_refused():
    same_view(copy.copy, factory("bytes"))
    same_view(copy.deepcopy, factory("bytearray"))
    same_view(lambda m: m.__reduce__(), factory("bytes"))
    same_view(lambda m: m.__reduce_ex__(2), factory("bytes"))
    same_view(lambda m: m.__getstate__(), factory("bytes"))


def test_sequence_abc():
    m = MV(b"abc")
    assert isinstance(m, collections.abc.Sequence)
    assert issubclass(MV, collections.abc.Sequence)
    assert not isinstance(m, collections.abc.MutableSequence)
    assert isinstance(m, collections.abc.Hashable) == isinstance(BMV(b"abc"), collections.abc.Hashable)
    assert isinstance(m, collections.abc.Buffer) if hasattr(collections.abc, "Buffer") else True
    same_view(lambda m: [isinstance(m, c) for c in (collections.abc.Sized, collections.abc.Iterable,
                                                    collections.abc.Container, collections.abc.Reversible,
                                                    collections.abc.Collection)], factory("bytes"))


def test_sequence_mixins_absent():
    same_view(lambda m: m.index(1), factory("bytes"))
    same_view(lambda m: m.count(1), factory("bytes"))


def test_weakref():
    x = bytearray(b"abc")
    m = MV(x)
    r = weakref.ref(m)
    assert r() is m
    p = weakref.proxy(m)
    assert p.tolist() == [97, 98, 99]
    called = []
    r2 = weakref.ref(m, lambda ref: called.append(ref))
    del m, p
    gc.collect()
    assert r() is None and r2() is None
    assert len(called) == 1
    x.append(1)  # the export went away with the view


def test_weakref_dict():
    d = weakref.WeakValueDictionary()
    m = MV(b"x")
    d["k"] = m
    assert d["k"] is m


def test_not_subclassable():
    def op(M):
        class Sub(M):
            pass
    same(op)


def test_no_instance_dict():
    same_view(lambda m: m.__dict__, factory("bytes"))
    same_view(lambda m: setattr(m, "x", 1), factory("bytes"))


def test_gc_cycle_through_exporter():
    """A cycle exporter -> view -> exporter is collected and the export released."""
    class Holder(bytearray):
        pass
    freed = []
    for _ in range(3):
        h = Holder(b"abcdef")
        h.view = MV(h)
        h.sub = h.view[1:3]
        r = weakref.ref(h, lambda ref: freed.append(1))
        del h
        gc.collect()
        assert r() is None
    assert len(freed) == 3


def test_gc_cycle_through_view_obj():
    """A view held only by a list that the exporter (via an attribute) holds."""
    import array

    class A(array.array):
        pass
    a = A("i", [1, 2, 3])
    a.keep = [MV(a), MV(a).cast("B")]
    a.keep.append(a.keep)
    r = weakref.ref(a)
    del a
    gc.collect()
    assert r() is None


def test_gc_is_tracked():
    assert gc.is_tracked(MV(b"ab")) == gc.is_tracked(BMV(b"ab"))


def test_sizeof():
    same_view(lambda m: type(m.__sizeof__()).__name__, factory("bytes"))


def test_bool_and_format_builtin():
    same_view(bool, factory("bytes"))
    same_view(bool, factory("bytes_empty"))
    same_view(lambda m: format(m, ""), lambda M: b"ab") if False else None
    same_view(lambda m: format(m, "x"), factory("bytes"))


def _method_docs(M):
    """Docstring and text signature of every method and attribute the type
    defines (the running version's words)."""
    out = {}
    for n in sorted(vars(BMV)):
        a = getattr(M, n, None)
        if a is None or n in ("__doc__", "__hash__", "__new__"):
            continue
        out[n] = (getattr(a, "__doc__", None), getattr(a, "__text_signature__", None))
    return out


def test_type_attrs():
    same(_method_docs)
    same(lambda M: M.__doc__ is not None)
    same(lambda M: M.__text_signature__ if hasattr(M, "__text_signature__") else None)
    same(lambda M: M.tobytes.__doc__ == BMV.tobytes.__doc__)
    same(lambda M: M.__hash__ is None)
    same(lambda M: (M.__iter__ is None, M.__len__ is None))
