"""gomv: Python's memoryview with a Go core.

``gomv.memoryview`` behaves exactly like the built-in ``memoryview`` of the
running interpreter and exports the real buffer protocol. ``gomv.ndview`` is
its N-dimensional sibling: numpy's basic indexing, items of any struct
format, cast between any formats, transpose and reshape.
"""

from ._load import load_mv as _load_mv

_mv = _load_mv()
memoryview = _mv.memoryview
ndview = _mv.ndview

# The built-in memoryview is a registered Sequence; so is ours.
import collections.abc as _abc

_abc.Sequence.register(memoryview)
_abc.Sequence.register(ndview)

__version__ = "0.1.0"
__all__ = ["memoryview", "ndview", "__version__"]
