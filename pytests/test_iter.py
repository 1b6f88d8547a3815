"""Iteration, reversed, `in`."""

import pytest

from mvhelp import EXPORTERS, factory, same, same_many, same_view, unaddr


@pytest.mark.parametrize("name", list(EXPORTERS))
def test_iter(name):
    f = factory(name)
    same_many([
        ("list", lambda M, x: list(M(x)), [f]),
        ("reversed", lambda M, x: list(reversed(M(x))), [f]),
        ("iter-type", lambda M, x: type(iter(M(x))).__name__, [f]),
        ("iter-repr", lambda M, x: unaddr(repr(iter(M(x))))[:20], [f]),
        ("iter-iter", lambda M, x: (lambda it: iter(it) is it)(iter(M(x))), [f]),
        ("next-after-end", lambda M, x: (lambda it: (list(it), list(it)))(iter(M(x))), [f]),
        ("zip-twice", lambda M, x: (lambda m: list(zip(m, m)))(M(x)), [f]),
        ("sum-len", lambda M, x: (lambda m: (len(m), sum(1 for _ in m)))(M(x)), [f]),
        ("in-first", lambda M, x: (lambda m: m[0] in m)(M(x)), [f]),
        ("in-0", lambda M, x: 0 in M(x), [f]),
        ("in-nan", lambda M, x: float("nan") in M(x), [f]),
        ("in-b", lambda M, x: b"a" in M(x), [f]),
        ("in-str", lambda M, x: "a" in M(x), [f]),
        ("in-none", lambda M, x: None in M(x), [f]),
        ("in-255", lambda M, x: 255 in M(x), [f]),
        ("in-true", lambda M, x: True in M(x), [f]),
    ])


def test_iter_release_midway():
    def op(M, x):
        m = M(x)
        it = iter(m)
        first = next(it)
        try:
            m.release()
        except Exception as e:
            return first, "release", type(e).__name__, str(e)
        try:
            return first, next(it)
        except Exception as e:
            return first, type(e).__name__, str(e)
    same(op, factory("bytearray"))
    same(op, factory("nd_i"))


def test_iter_sees_writes():
    def op(M, x):
        m = M(x)
        it = iter(m)
        a = next(it)
        m[1] = 99
        return a, next(it), list(it)
    same(op, factory("bytearray"))


def test_iterator_length_hint():
    import operator
    same_view(lambda m: (lambda it: (operator.length_hint(it, -7), next(it),
                                     operator.length_hint(it, -7)))(iter(m)), factory("bytes"))


def test_iterator_not_constructible():
    same_view(lambda m: type(iter(m))(m), factory("bytes"))
