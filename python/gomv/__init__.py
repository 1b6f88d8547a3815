"""gomv: Python's memoryview with a Go core.

``gomv.memoryview`` behaves exactly like the built-in ``memoryview`` of the
running interpreter and exports the real buffer protocol.
"""

from ._load import load_mv as _load_mv

_mv = _load_mv()
memoryview = _mv.memoryview

# The built-in memoryview is a registered Sequence; so is ours.
import collections.abc as _abc

_abc.Sequence.register(memoryview)

__version__ = "0.1.0"
__all__ = ["memoryview", "__version__"]
