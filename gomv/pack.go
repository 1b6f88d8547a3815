package gomv

import (
	"encoding/binary"
	"fmt"
	"math"
)

// nativeBig is true on big-endian hosts.
var nativeBig = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

// isBig tells whether order stores integers most significant byte first.
func isBig(order ByteOrder) bool {
	switch order {
	case LittleEndian:
		return false
	case BigEndian, NetworkOrder:
		return true
	}
	return nativeBig
}

func getUint(b []byte, size int, big bool) uint64 {
	switch size {
	case 1:
		return uint64(b[0])
	case 2:
		if big {
			return uint64(binary.BigEndian.Uint16(b))
		}
		return uint64(binary.LittleEndian.Uint16(b))
	case 4:
		if big {
			return uint64(binary.BigEndian.Uint32(b))
		}
		return uint64(binary.LittleEndian.Uint32(b))
	}
	if big {
		return binary.BigEndian.Uint64(b)
	}
	return binary.LittleEndian.Uint64(b)
}

func putUint(b []byte, size int, big bool, u uint64) {
	switch size {
	case 1:
		b[0] = byte(u)
	case 2:
		if big {
			binary.BigEndian.PutUint16(b, uint16(u))
		} else {
			binary.LittleEndian.PutUint16(b, uint16(u))
		}
	case 4:
		if big {
			binary.BigEndian.PutUint32(b, uint32(u))
		} else {
			binary.LittleEndian.PutUint32(b, uint32(u))
		}
	default:
		if big {
			binary.BigEndian.PutUint64(b, u)
		} else {
			binary.LittleEndian.PutUint64(b, u)
		}
	}
}

// decodeElem reads one element of a numeric or 'c'/'?' code.
func decodeElem(code byte, b []byte, size int, big bool) Value {
	switch code {
	case 'c':
		return Bytes(b[:1:1])
	case '?':
		return Bool(b[0] != 0)
	case 'e':
		return Float(halfToFloat64(uint16(getUint(b, 2, big))))
	case 'f':
		return Float(float32ToFloat64(uint32(getUint(b, 4, big))))
	case 'd':
		return Float(math.Float64frombits(getUint(b, 8, big)))
	case 'F':
		re, im := getUint(b, 4, big), getUint(b[4:], 4, big)
		return Complex(complex(float32ToFloat64(uint32(re)), float32ToFloat64(uint32(im))))
	case 'D':
		re, im := getUint(b, 8, big), getUint(b[8:], 8, big)
		return Complex(complex(math.Float64frombits(re), math.Float64frombits(im)))
	case 'b', 'h', 'i', 'l', 'q', 'n':
		shift := 64 - 8*uint(size)
		return Int(int64(getUint(b, size, big)<<shift) >> shift)
	case 'B', 'H', 'I', 'L', 'Q', 'N', 'P':
		return Uint(getUint(b, size, big))
	}
	return Value{}
}

// encodeElem writes one element of a numeric or 'c'/'?' code. v must have
// passed the checks of the caller's flavour (struct or memoryview).
func encodeElem(dst []byte, code byte, size int, big bool, v Value) {
	switch code {
	case 'c':
		dst[0] = v.b[0]
	case '?':
		if v.truth() {
			dst[0] = 1
		} else {
			dst[0] = 0
		}
	case 'e':
		h, _ := halfFromFloat64(v.toFloat())
		putUint(dst, 2, big, uint64(h))
	case 'f':
		putUint(dst, 4, big, uint64(float64ToFloat32(v.toFloat())))
	case 'd':
		putUint(dst, 8, big, math.Float64bits(v.toFloat()))
	case 'F':
		z := v.toComplex()
		putUint(dst, 4, big, uint64(float64ToFloat32(real(z))))
		putUint(dst[4:], 4, big, uint64(float64ToFloat32(imag(z))))
	case 'D':
		z := v.toComplex()
		putUint(dst, 8, big, math.Float64bits(real(z)))
		putUint(dst[8:], 8, big, math.Float64bits(imag(z)))
	default:
		putUint(dst, size, big, v.bits) // two's complement truncation
	}
}

// UnpackNative decodes one element of a native single-code format (see
// [Format.Native]) from the start of b, in native byte order and size. It
// does not allocate: a 'c' value is the one-byte sub-slice b[:1:1]. It
// panics if b is shorter than the code's size, and returns the zero Value
// for codes memoryview cannot index.
func UnpackNative(code byte, b []byte) Value {
	n, ok := LookupNative(code)
	if !ok {
		return Value{}
	}
	return decodeElem(code, b, n.Size, nativeBig)
}

// PackNative encodes v as one element of a native single-code format at
// the start of dst, with the checks memoryview item assignment makes. It
// does not allocate unless it fails, and panics if dst is too short.
//
// Integer codes take Int, Uint and Bool values (a Python bool is an int);
// out-of-range values give ValueError "memoryview: invalid value for
// format 'B'", other kinds TypeError "memoryview: invalid type for format
// 'B'". 'P' accepts negative values and stores them in two's complement,
// like CPython. Float codes also take Int, Uint and Bool; 'f' rounds
// values beyond float32 range to infinity, while 'e' rejects them with
// ValueError. The complex codes 'F' and 'D' (formats "Zf" and "Zd") take
// Complex values and every value a float code takes, and round like 'f'
// and 'd' part by part. '?' takes any value by its truth. 'c' takes Bytes
// of length one (other lengths are ValueError, other kinds TypeError).
// Codes memoryview cannot assign give NotImplementedError.
//
// The error names the native format without '@' ('B', "Zd"), as CPython's
// does.
func PackNative(code byte, dst []byte, v Value) error {
	n, ok := LookupNative(code)
	if !ok {
		return newErr(NotImplementedError, fmt.Sprintf("memoryview: format %c not supported", code))
	}
	if r := checkMemoryview(&n, v); r != nil {
		return r
	}
	encodeElem(dst, code, n.Size, nativeBig, v)
	return nil
}

func mvErr(k Kind, what string, n *NativeCode) error {
	return newErr(k, fmt.Sprintf("memoryview: invalid %s for format '%s'", what, n.Format))
}

func checkMemoryview(n *NativeCode, v Value) error {
	code := n.Code
	switch code {
	case '?':
		return nil
	case 'c':
		if v.kind != BytesValue {
			return mvErr(TypeError, "type", n)
		}
		if len(v.b) != 1 {
			return mvErr(ValueError, "value", n)
		}
		return nil
	case 'e', 'f', 'd':
		if !v.isNumber() {
			return mvErr(TypeError, "type", n)
		}
		if code == 'e' {
			if _, over := halfFromFloat64(v.toFloat()); over {
				return mvErr(ValueError, "value", n)
			}
		}
		return nil
	case 'F', 'D':
		if !v.isComplexNumber() {
			return mvErr(TypeError, "type", n)
		}
		return nil
	}
	if !v.isInteger() {
		return mvErr(TypeError, "type", n)
	}
	if !intInRange(code, n.Size, v) {
		return mvErr(ValueError, "value", n)
	}
	return nil
}

// intInRange reports whether integer v fits code's size.
func intInRange(code byte, size int, v Value) bool {
	neg := v.kind == IntValue && v.Int() < 0
	bits := 8 * uint(size)
	switch code {
	case 'b', 'h', 'i', 'l', 'q', 'n':
		if neg {
			return v.Int() >= -1<<(bits-1)
		}
		return v.bits <= 1<<(bits-1)-1
	case 'P':
		// Pointers take either sign, like PyLong_AsVoidPtr.
		if neg {
			return v.Int() >= -1<<(bits-1)
		}
	default:
		if neg {
			return false
		}
	}
	return bits == 64 || v.bits < 1<<bits
}

// intRange returns the bounds struct names in its range errors.
func intRange(code byte, size int) (lo, hi string) {
	bits := 8 * uint(size)
	switch code {
	case 'b', 'h', 'i', 'l', 'q', 'n':
		return fmt.Sprint(int64(-1) << (bits - 1)), fmt.Sprint(uint64(1)<<(bits-1) - 1)
	}
	return "0", fmt.Sprint(uint64(math.MaxUint64) >> (64 - bits))
}

// Unpack decodes one item from the start of b (len(b) >= f.Itemsize())
// into its values, like struct.unpack_from(f, b): signed integer codes
// give Int, unsigned ones (B H I L Q N P) Uint, e f d Float, F D (Zf Zd)
// Complex, '?' Bool (any nonzero byte is true) and c s p Bytes. Bytes values alias b, which
// they share capacity-limited sub-slices of. Pad bytes ('x') give no value.
//
// Formats with PEP 3118 extensions are flattened as the struct module
// would if it accepted them: nested structs and sub-arrays contribute
// their values in memory order, depth first.
func (f *Format) Unpack(b []byte) ([]Value, error) {
	return f.AppendUnpack(make([]Value, 0, f.nvalues), b)
}

// AppendUnpack is like [Format.Unpack] but appends the values to vals and
// returns the extended slice, so a caller can reuse storage.
func (f *Format) AppendUnpack(vals []Value, b []byte) ([]Value, error) {
	if len(b) < f.Size {
		return vals, newErr(StructError, fmt.Sprintf(
			"unpack_from requires a buffer of at least %d bytes for unpacking %d bytes at offset 0 (actual buffer size is %d)",
			f.Size, f.Size, len(b)))
	}
	return f.appendUnpack(vals, b), nil
}

func (f *Format) appendUnpack(vals []Value, b []byte) []Value {
	for i := range f.Fields {
		fld := &f.Fields[i]
		switch fld.Code {
		case 'x':
		case 'T':
			if fld.Sub.nvalues == 0 {
				break // may be repeated very many times, to no effect
			}
			for k, off := 0, fld.Offset; k < fld.elems(); k, off = k+1, off+fld.Size {
				vals = fld.Sub.appendUnpack(vals, b[off:])
			}
		case 's', 'p':
			for k, off := 0, fld.Offset; k < fld.strings(); k, off = k+1, off+fld.Count {
				vals = append(vals, unpackString(fld.Code, b[off:off+fld.Count:off+fld.Count]))
			}
		default:
			big := isBig(fld.Order)
			for k, off := 0, fld.Offset; k < fld.elems(); k, off = k+1, off+fld.Size {
				vals = append(vals, decodeElem(fld.Code, b[off:], fld.Size, big))
			}
		}
	}
	return vals
}

func unpackString(code byte, b []byte) Value {
	if code == 's' || len(b) == 0 {
		return Bytes(b)
	}
	n := int(b[0])
	if n >= len(b) {
		n = len(b) - 1
	}
	return Bytes(b[1 : 1+n : 1+n])
}

// elems is the number of elements of a field: its repeat count times its
// shape. For 's' and 'p' an element is one byte.
func (fld *Field) elems() int {
	n := fld.Count
	for _, d := range fld.Shape {
		n *= d
	}
	return n
}

// strings is the number of strings of an 's' or 'p' field.
func (fld *Field) strings() int {
	n := 1
	for _, d := range fld.Shape {
		n *= d
	}
	return n
}

// Pack encodes vals as one item at the start of dst (len(dst) >=
// f.Itemsize()), like struct.pack_into(f, dst, 0, *vals): pad bytes and
// the unused tail of strings are zeroed, 's' values are truncated or
// zero-padded to the field's length, and 'p' values get a length byte.
// On error dst is left unchanged.
//
// Values are checked as the struct module checks them, and errors carry
// its messages (of Python 3.12 and later where 3.11 worded range errors
// differently): a wrong number of values ("pack expected 2 items for
// packing (got 1)"), an integer out of range ("'h' format requires -32768
// <= number <= 32767"), a non-integer for an integer code ("required
// argument is not an integer"), Bytes or Complex for a float code
// ("required argument is not a float"), Bytes for a complex code
// ("required argument is not a complex"), a 'c' value not a single byte, a
// non-Bytes value for 's' or 'p'. These are struct.error, except that a
// Float too large for 'e' or 'f' is OverflowError ("float too large to
// pack with e format"). Integer values take Int, Uint and Bool, float
// codes also take integers, complex codes also take floats and integers,
// '?' takes any value by its truth.
//
// Pack follows the newest Python's struct module; see [Format.PackIn].
func (f *Format) Pack(dst []byte, vals []Value) error {
	return f.PackIn(dst, vals, NewestPython)
}

// PackIn is [Format.Pack] as the struct module of Python release py packs:
// up to 3.13, native '@f' rounds a float too large for it to infinity
// instead of raising OverflowError. The complex code 'F' rounds such parts
// to infinity where its byte order is the host's (native, '=', and '<' or
// '>' as the host is little- or big-endian) and raises OverflowError in
// the other order, as CPython 3.14 and 3.15 do.
func (f *Format) PackIn(dst []byte, vals []Value, py PyVersion) error {
	if len(vals) != f.nvalues {
		return newErr(StructError, fmt.Sprintf("pack expected %d items for packing (got %d)", f.nvalues, len(vals)))
	}
	if len(dst) < f.Size {
		return newErr(StructError, fmt.Sprintf(
			"pack_into requires a buffer of at least %d bytes for packing %d bytes at offset 0 (actual buffer size is %d)",
			f.Size, f.Size, len(dst)))
	}
	if _, err := f.pack(nil, vals, py); err != nil {
		return err
	}
	// Zero pad bytes and alignment padding, as struct does.
	clear(dst[:f.Size])
	f.pack(dst, vals, py)
	return nil
}

// pack checks vals when dst is nil and writes them otherwise, returning
// the values it did not consume.
func (f *Format) pack(dst []byte, vals []Value, py PyVersion) ([]Value, error) {
	for i := range f.Fields {
		fld := &f.Fields[i]
		switch fld.Code {
		case 'x':
		case 'T':
			if fld.Sub.nvalues == 0 {
				break
			}
			for k, off := 0, fld.Offset; k < fld.elems(); k, off = k+1, off+fld.Size {
				var sub []byte
				if dst != nil {
					sub = dst[off:]
				}
				var err error
				if vals, err = fld.Sub.pack(sub, vals, py); err != nil {
					return nil, err
				}
			}
		case 's', 'p':
			for k, off := 0, fld.Offset; k < fld.strings(); k, off = k+1, off+fld.Count {
				v := vals[0]
				vals = vals[1:]
				if dst == nil {
					if v.kind != BytesValue {
						return nil, newErr(StructError, fmt.Sprintf("argument for '%c' must be a bytes object", fld.Code))
					}
					continue
				}
				packString(fld.Code, dst[off:off+fld.Count], v.b)
			}
		default:
			big := isBig(fld.Order)
			for k, off := 0, fld.Offset; k < fld.elems(); k, off = k+1, off+fld.Size {
				v := vals[0]
				vals = vals[1:]
				if dst == nil {
					if err := checkStruct(fld.Code, fld.Order, fld.Size, v, py); err != nil {
						return nil, err
					}
					continue
				}
				encodeElem(dst[off:], fld.Code, fld.Size, big, v)
			}
		}
	}
	return vals, nil
}

func packString(code byte, dst, s []byte) {
	if code == 's' {
		clear(dst[copy(dst, s):])
		return
	}
	if len(dst) == 0 {
		return
	}
	n := copy(dst[1:], s)
	clear(dst[1+n:])
	dst[0] = byte(min(n, 255))
}

func checkStruct(code byte, order ByteOrder, size int, v Value, py PyVersion) error {
	switch code {
	case '?':
		return nil
	case 'c':
		if v.kind != BytesValue || len(v.b) != 1 {
			return newErr(StructError, "char format requires a bytes object of length 1")
		}
		return nil
	case 'F', 'D':
		if !v.isComplexNumber() {
			return newErr(StructError, "required argument is not a complex")
		}
		if code == 'F' && order != NativeOrder && isBig(order) != nativeBig {
			z := v.toComplex()
			if float32Overflows(real(z)) || float32Overflows(imag(z)) {
				return errFloatTooLarge(v, 'f')
			}
		}
		return nil
	case 'e', 'f', 'd':
		if !v.isNumber() {
			return newErr(StructError, "required argument is not a float")
		}
		var over bool
		switch {
		case code == 'e':
			_, over = halfFromFloat64(v.toFloat())
		case code == 'f' && (order != NativeOrder || py >= Py314):
			over = float32Overflows(v.toFloat())
		}
		if over {
			return errFloatTooLarge(v, code)
		}
		return nil
	}
	if !v.isInteger() {
		return newErr(StructError, "required argument is not an integer")
	}
	if !intInRange(code, size, v) {
		if code == 'P' {
			return newErr(StructError, "int too large to convert")
		}
		lo, hi := intRange(code, size)
		return newErr(StructError, fmt.Sprintf("'%c' format requires %s <= number <= %s", code, lo, hi))
	}
	return nil
}

// float32Overflows reports whether finite x rounds beyond float32's range.
func float32Overflows(x float64) bool {
	y := float64(math.Float32frombits(float64ToFloat32(x)))
	return math.IsInf(y, 0) && !math.IsInf(x, 0)
}

// errFloatTooLarge is struct's error for a value too large for a float
// code: an OverflowError for floats and complex numbers, a struct.error
// for integers, which fail converting to a float.
func errFloatTooLarge(v Value, code byte) error {
	if v.kind == FloatValue || v.kind == ComplexValue {
		return newErr(OverflowError, fmt.Sprintf("float too large to pack with %c format", code))
	}
	return newErr(StructError, "int too large to convert")
}
