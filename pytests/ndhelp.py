"""A reference model of gomv.ndview's items, independent of gomv: what an
item of a numpy dtype reads as, and the bytes (or the exception) writing a
value gives, built on the struct module alone.

The structure comes from the numpy dtype (records are tuples, sub-arrays
lists, a lone value is itself); the struct code and byte order of each
value come from the format numpy exports for it (the buffer's format
string), read leaf by leaf. Where the struct module of the running Python
lacks a code (the complex codes before 3.14), its 3.14 rules are emulated.
"""

import math
import re
import struct
import sys

PY = sys.version_info[:2]
HOST = "<" if sys.byteorder == "little" else ">"

_TOKEN = re.compile(r"[@=<>!]|T\{|\}|:[^:]*:|\([0-9,]*\)|[0-9]*(?:Z[fdg]|[a-zA-Z?])")


def format_leaves(fmt):
    """The values of a PEP 3118 format in order: (order, code) pairs, code
    's' as ('s', n); pad bytes skipped. The byte order in force carries on
    until changed, across nested structs."""
    order, leaves = "@", []
    for tok in _TOKEN.findall(fmt):
        if tok in "@=<>!":
            order = tok
        elif tok in ("T{", "}") or tok.startswith((":", "(")):
            continue
        else:
            m = re.fullmatch(r"([0-9]*)(.+)", tok)
            n, code = int(m.group(1) or 1), m.group(2)
            if code == "x":
                continue
            if code in "sp":
                leaves.append((order, str(n) + code))
            else:
                leaves.extend([(order, code)] * n)
    return leaves


def _complex_parts(code):
    return "f" if code in ("Zf", "F") else "d"


def unpack_leaf(leaf, raw):
    order, code = leaf
    if code in ("Zf", "Zd"):
        re_, im = struct.unpack(order + "2" + _complex_parts(code), raw)
        return complex(re_, im)
    return struct.unpack(order + code, raw)[0]


def leaf_size(leaf):
    order, code = leaf
    if code in ("Zf", "Zd"):
        return 2 * struct.calcsize(order + _complex_parts(code))
    return struct.calcsize(order + code)


class Model:
    """Items of dtype dt whose buffers have format fmt."""

    def __init__(self, dt, fmt):
        self.dt = dt
        self.leaves = format_leaves(fmt)

    # ---- reading

    def item(self, raw):
        it = iter(self.leaves)
        v = self._read(self.dt, raw, 0, it)
        return v

    def _read(self, dt, raw, off, it):
        if dt.names is not None:
            return tuple(self._read(dt.fields[n][0], raw, off + dt.fields[n][1], it) for n in dt.names)
        if dt.subdtype is not None:
            base, shape = dt.subdtype
            leaf = next(it)
            size = leaf_size(leaf)
            flat = [unpack_leaf(leaf, raw[off + k * size: off + (k + 1) * size])
                    for k in range(math.prod(shape))]
            return _nest(flat, shape)
        leaf = next(it)
        return unpack_leaf(leaf, raw[off: off + leaf_size(leaf)])

    # ---- writing

    def pack(self, value):
        """The bytes of an item holding value, or raise as ndview must:
        structure errors first (in preorder), then the first value that
        does not pack. Pad bytes are zero."""
        flat = []
        self._flatten(self.dt, value, flat, top=True)
        out = bytearray(self.dt.itemsize)
        it = iter(self.leaves)
        self._write(self.dt, out, 0, it, iter(flat))
        return bytes(out)

    def _flatten(self, dt, v, flat, top=False):
        if dt.names is not None:
            seq = _seq(v, len(dt.names))
            for n, x in zip(dt.names, seq):
                self._flatten(dt.fields[n][0], x, flat)
        elif dt.subdtype is not None:
            base, shape = dt.subdtype
            self._flatten_array(shape, v, flat)
        else:
            flat.append(v)

    def _flatten_array(self, shape, v, flat):
        seq = _seq(v, shape[0])
        for x in seq:
            if len(shape) > 1:
                self._flatten_array(shape[1:], x, flat)
            else:
                flat.append(x)

    def _write(self, dt, out, off, it, vals):
        if dt.names is not None:
            for n in dt.names:
                self._write(dt.fields[n][0], out, off + dt.fields[n][1], it, vals)
            return
        leaf = next(it)
        size = leaf_size(leaf)
        count = math.prod(dt.subdtype[1]) if dt.subdtype is not None else 1
        for k in range(count):
            out[off + k * size: off + (k + 1) * size] = pack_leaf(leaf, next(vals))


def _seq(v, n):
    if not isinstance(v, (tuple, list)):
        raise struct.error("pack expected %d items for packing (got 1)" % n)
    if len(v) != n:
        raise struct.error("pack expected %d items for packing (got %d)" % (n, len(v)))
    return v


def _nest(flat, shape):
    if len(shape) == 1:
        return list(flat)
    step = len(flat) // shape[0]
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def pack_leaf(leaf, v):
    order, code = leaf
    if code in ("Zf", "Zd"):
        return _pack_complex(order, code, v)
    return struct.pack(order + code, v)


def _pack_complex(order, code, v):
    if PY >= (3, 14):
        return struct.pack(order + ("F" if code == "Zf" else "D"), v)
    # 3.14's rules: what complex() takes, but no strings or bytes
    try:
        if isinstance(v, (str, bytes, bytearray)):
            raise TypeError
        z = complex(v)
    except (TypeError, ValueError, OverflowError):
        raise struct.error("required argument is not a complex") from None
    parts = _complex_parts(code)
    host = order in "@=" or order == HOST
    if parts == "f" and host:
        # the host's order rounds to infinity, as native 'f' did before 3.14
        return struct.pack("@2f", z.real, z.imag)
    return struct.pack(order + "2" + parts, z.real, z.imag)


def struct_error_matches(got, want):
    """Exceptions agree: same type and message, except that 3.11's struct
    words range errors as it did then ('ubyte format requires ...',
    'argument out of range') where ndview uses the wording of 3.12 on."""
    if type(got) is not type(want):
        return False
    if PY < (3, 12) and isinstance(want, struct.error):
        return True
    return str(got) == str(want)
