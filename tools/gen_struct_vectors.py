#!/usr/bin/env python3
"""Write golden vectors for gomv's format parser and packer.

Run with CPython 3.13 or later (3.11 words integer range errors
differently, and 3.11/3.12 fail to unpack "0p" with SystemError):

    python3.13 tools/gen_struct_vectors.py > gomv/testdata/struct_vectors.json

CPython's struct module is the oracle. For each format string the vectors
record struct.calcsize (or the error), and, for formats of a modest size,
sample items: random bytes, the values struct.unpack_from gives for them,
and what struct.pack makes of those values. Pack errors cover the range
edges of every integer code under every prefix, float overflow and values
of the wrong kind.

Values are written as tagged strings so that nothing is lost in JSON:
"i:<decimal>" int, "f:<16 hex digits of the float64>" float, "b:0|1"
bool, "y:<hex>" bytes.
"""
import json
import platform
import random
import struct
import sys

CODES = "xcbB?hHiIlLqQnNefdspP"
NATIVE_ONLY = "nNP"
PREFIXES = ["", "@", "=", "<", ">", "!"]
INT_CODES = "bBhHiIlLqQnNP"
MAX_ITEM = 256  # bytes; larger formats only get calcsize vectors
VALUE_MIN, VALUE_MAX = -(2**63), 2**64 - 1  # what a gomv Value can hold

rng = random.Random(3118)


def enc(v):
    if isinstance(v, bool):
        return "b:%d" % v
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:" + struct.pack(">d", v).hex()
    if isinstance(v, bytes):
        return "y:" + v.hex()
    raise TypeError(v)


def err(e):
    kind = "struct.error" if isinstance(e, struct.error) else type(e).__name__
    return {"kind": kind, "msg": str(e)}


def formats():
    out = []
    for p in PREFIXES:
        for c in CODES:
            for n in ["", "0", "1", "2", "3", "7", "16"]:
                out.append(p + n + c)
        out.append(p)
        out.append(p + "300p")
        out.append(p + "256s")
        out.append(p + "255p")
    # Alignment: every pair of codes under native and standard order.
    for c1 in "cbhiqfde?":
        for c2 in "bBhHiIlLqQnNefdP?":
            out.append(c1 + c2)
            out.append("<" + c1 + c2.replace("n", "q").replace("N", "Q").replace("P", "Q"))
    out += ["b0i", "b0q", "<b0q", "i0x", "bxi", "b0xi", "2s3p", "<2sh", "c?e",
            "i i", " i", "i\n", "\ti", "i\x0bi", "i\x0ci", "\ri", "=\ti", "@ i",
            "hhl", "bhiq", "qihb", "5b3q2h", "!hHiI", ">3e2f1d", "<?c5s", "@?x?x?",
            "10x", "x" * 20, "4s4p4x", "0s0p0x", "xi", "3xh", "P0s", "Pb", "bP",
            "cbB?hHiIlLqQnNefdsPp", "=cbB?hHiIlLqQefdsp"]
    # Random mixes.
    for _ in range(200):
        p = rng.choice(PREFIXES)
        parts = []
        for _ in range(rng.randint(1, 6)):
            c = rng.choice(CODES if p in ("", "@") else "xcbB?hHiIlLqQefdsp")
            n = rng.choice(["", "", "0", "1", "2", "5", "12"])
            parts.append(n + c + rng.choice(["", "", "", " "]))
        out.append(p + "".join(parts))
    # Errors.
    out += ["3", "12", "3 ", "3 i", " <i", "@@i", "i<i", "<n", "=N", ">P", "!n",
            "Z", "Zd", "w", "u", "g", "O", "&i", "T{i}", "(2)i", "i:x:", "y",
            "i%", "\x00", "i\x00", "3\x00", "\x1ci", "}",
            "99999999999999999999i", "9223372036854775807s", "9223372036854775808s",
            "9223372036854775807x", "9223372036854775806xi", "1152921504606846975q",
            "1152921504606846975qb", "1152921504606846976q", "2305843009213693951i",
            "4611686018427387903h", "4611686018427387903hi", "9223372036854775807sb",
            "q9223372036854775800s", "q9223372036854775799s", "9223372036854775807p",
            "<2305843009213693952i", "<2305843009213693951i", "922337203685477580s"]
    seen, uniq = set(), []
    for f in out:
        if f not in seen:
            seen.add(f)
            uniq.append(f)
    return uniq


def int_bounds(fmt):
    size = struct.calcsize(fmt)
    code = fmt[-1]
    if code.isupper():
        return 0, 2 ** (8 * size) - 1
    return -(2 ** (8 * size - 1)), 2 ** (8 * size - 1) - 1


def try_pack(fmt, vals):
    try:
        return {"values": [enc(v) for v in vals], "packed": struct.pack(fmt, *vals).hex()}
    except Exception as e:  # noqa: BLE001 -- recording what struct raises
        return {"values": [enc(v) for v in vals], "error": err(e)}


def pack_cases(fmt, nvalues):
    """Pack checks for single-code formats, plus a wrong value count."""
    cases = [try_pack(fmt, [0] * (nvalues + 1))]
    code = fmt.lstrip("@=<>!")[-1:] if fmt.lstrip("@=<>!") else ""
    body = fmt.lstrip("@=<>!")
    if len(body) != 1:
        return cases
    if code in INT_CODES:
        lo, hi = int_bounds(fmt)
        for v in (lo, hi, lo - 1, hi + 1, -1, 0, 1, True, 1.0, b"a"):
            if isinstance(v, int) and not VALUE_MIN <= v <= VALUE_MAX:
                continue
            cases.append(try_pack(fmt, [v]))
    elif code in "efd":
        for v in (1, -(2**63), 2**64 - 1, 65504, 65519, 65520, 65519.99, 65520.0,
                  1e300, -1e300, 3.4028235677973362e+38, 3.4028235677973366e+38,
                  float("inf"), float("nan"), 5.960464477539063e-08,
                  2.9802322387695312e-08, 1e-8, True, b"a"):
            cases.append(try_pack(fmt, [v]))
    elif code == "c":
        for v in (b"a", b"", b"ab", 1, 1.5):
            cases.append(try_pack(fmt, [v]))
    elif code == "?":
        for v in (0, 2, -1, 0.0, float("nan"), b"", b"x", True, False):
            cases.append(try_pack(fmt, [v]))
    return cases


def multi_pack_cases(fmt, nvalues):
    """Bytes given for s/p of other lengths, and wrong kinds for s/p."""
    body = fmt.lstrip("@=<>!")
    cases = []
    if body.endswith(("s", "p")) and nvalues == 1:
        for v in (b"", b"a", b"hello world", b"z" * 300, 1, 1.5):
            cases.append(try_pack(fmt, [v]))
    return cases


def vector(fmt):
    try:
        size = struct.calcsize(fmt)
    except Exception as e:  # noqa: BLE001
        return {"fmt": fmt, "error": err(e)}
    v = {"fmt": fmt, "size": size}
    if size > MAX_ITEM:
        return v
    s = struct.Struct(fmt)
    nvalues = len(s.unpack(bytes(size)))
    v["nvalues"] = nvalues
    items = []
    for k in range(3):
        if k == 0:
            raw = bytes(size)
        elif k == 1:
            raw = b"\xff" * size
        else:
            raw = bytes(rng.getrandbits(8) for _ in range(size))
        vals = s.unpack(raw)
        item = {"bytes": raw.hex(), "values": [enc(x) for x in vals]}
        packed = s.pack(*vals).hex()
        if packed != item["bytes"]:
            # Only where packing normalises (pad bytes, bools, 'p' lengths):
            # keeps the committed vectors small.
            item["packed"] = packed
        items.append(item)
    v["items"] = items
    v["pack"] = pack_cases(fmt, nvalues) + multi_pack_cases(fmt, nvalues)
    return v


def main():
    if sys.version_info < (3, 13):
        sys.exit("run with Python 3.13 or later")
    doc = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "byteorder": sys.byteorder,
        "sizeof_long": struct.calcsize("l"),
        "sizeof_ptr": struct.calcsize("P"),
        "cases": [vector(f) for f in formats()],
    }
    # One case a line keeps diffs of regenerated vectors readable.
    cases = doc.pop("cases")
    head = json.dumps(doc)[:-1]
    sys.stdout.write(head + ', "cases": [\n')
    sys.stdout.write(",\n".join(json.dumps(c) for c in cases))
    sys.stdout.write("\n]}\n")


if __name__ == "__main__":
    main()
