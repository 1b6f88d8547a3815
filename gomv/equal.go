package gomv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
)

// errStop ends a walk early without being an error.
var errStop = errors.New("gomv: stop walk")

// byteFormat is the format of a view whose Format is nil: CPython reads a
// buffer without a format as unsigned bytes.
var byteFormat, _ = ParseFormat("B")

// format returns v's format, unsigned bytes if it has none.
func (v *View) format() *Format {
	if v.Format == nil {
		return byteFormat
	}
	return v.Format
}

// sameShape reports whether two shapes are equal as memoryview comparison
// and assignment see them: the same number of dimensions and the same
// lengths up to and including the first zero (after which nothing is
// compared, as there are no items).
func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for d, n := range a {
		if n != b[d] {
			return false
		}
		if n == 0 {
			break
		}
	}
	return true
}

// Equal reports whether a and b compare equal as Python compares
// memoryviews (and numpy arrays, all items at once) with ==: the same
// shape, and every item equal to the item at the same index.
//
// Items compare as Python compares the objects they unpack to (see
// [Format.UnpackItem]): numbers by exact value whatever their kind and
// format (so "<i" and "i", "b" and "B", "d" and "q", "Zd" and "d" can be
// equal), with NaN unequal to itself and -0.0 equal to 0.0; bytes by
// content, never equal to a number (so "B" and "c" are unequal); records
// and sub-arrays element by element, so that items of formats of
// different structures ([Format.SameStructure]: "i" and "T{i}", "ii" and
// "(2)i") are never equal. Views of the same native format ("@i" and "i"
// are the same) compare by value for floats and complex numbers, by truth
// for '?' (any non-zero byte is true, as CPython does since gh-148390;
// its earlier patch releases compared the bytes, and a binding for those
// compares such views as "B"), and by their bytes for the other codes.
//
// There is no identity shortcut: like CPython, Equal(v, v) is false when v
// holds a NaN. The error, an *Error, is non-nil only where CPython raises
// (an item too short for its format).
//
// (CPython's memoryview also calls views unequal whose format its struct
// module refuses, T{...} among them; internal/cpython applies that rule.)
func Equal(a, b *View) (bool, error) {
	if !sameShape(a.Shape, b.Shape) {
		return false, nil
	}
	fa, fb := a.format(), b.format()
	ca, okA := fa.Native()
	cb, okB := fb.Native()
	if okA && okB {
		if ca == cb {
			return equalNative(a, b, ca), nil
		}
		// Two different native codes: each item is one native value, so
		// the struct machinery (parse-driven unpacking into slices) is not
		// needed to compare them by value.
		return equalItems(a, b, func(x, y []byte) bool {
			return ValueEqual(UnpackNative(ca, x), UnpackNative(cb, y))
		}) == nil, nil
	}
	if !fa.SameStructure(fb) {
		return false, nil
	}
	return equalStruct(a, b, fa, fb)
}

// equalNative compares two views of the same native code.
func equalNative(a, b *View, code byte) bool {
	size := a.Itemsize
	if code == 'f' || code == 'd' {
		// A typed loop per run: comparing through Value per item was an
		// order of magnitude slower than CPython on large float arrays.
		w, ok := newWalker(a, b, OrderC, false)
		if !ok {
			return true
		}
		return w.run(func(r row) error {
			if !equalFloatRow(&r, code) {
				return errStop
			}
			return nil
		}) == nil
	}
	if code == '?' {
		return equalItems(a, b, func(x, y []byte) bool { return (x[0] != 0) == (y[0] != 0) }) == nil
	}
	if code == 'e' || code == 'F' || code == 'D' {
		return equalItems(a, b, func(x, y []byte) bool {
			return UnpackNative(code, x).Complex() == UnpackNative(code, y).Complex()
		}) == nil
	}
	if x, ok := a.contiguousBytes(OrderC); ok {
		if y, ok := b.contiguousBytes(OrderC); ok {
			return bytes.Equal(x, y)
		}
	}
	w, ok := newWalker(a, b, OrderC, false)
	if !ok {
		return true
	}
	return w.run(func(r row) error {
		if !equalRow(&r, size) {
			return errStop
		}
		return nil
	}) == nil
}

// equalFloatRow compares a run of native 'f' or 'd' items by value (NaN
// unequal to everything, -0.0 equal to 0.0).
func equalFloatRow(r *row, code byte) bool {
	am, ao, as := r.mem[0], r.off[0], r.stride[0]
	bm, bo, bs := r.mem[1], r.off[1], r.stride[1]
	if code == 'd' {
		for j := 0; j < r.n; j++ {
			x := math.Float64frombits(binary.NativeEndian.Uint64(am[ao:]))
			y := math.Float64frombits(binary.NativeEndian.Uint64(bm[bo:]))
			if x != y {
				return false
			}
			ao += as
			bo += bs
		}
		return true
	}
	for j := 0; j < r.n; j++ {
		x := math.Float32frombits(binary.NativeEndian.Uint32(am[ao:]))
		y := math.Float32frombits(binary.NativeEndian.Uint32(bm[bo:]))
		if x != y {
			return false
		}
		ao += as
		bo += bs
	}
	return true
}

// equalRow compares the bytes of the items of a run of two views.
func equalRow(r *row, size int) bool {
	am, ao, as := r.mem[0], r.off[0], r.stride[0]
	bm, bo, bs := r.mem[1], r.off[1], r.stride[1]
	if as == size && bs == size {
		return bytes.Equal(am[ao:ao+r.n*size], bm[bo:bo+r.n*size])
	}
	for j := 0; j < r.n; j++ {
		var eq bool
		switch size {
		case 1:
			eq = am[ao] == bm[bo]
		case 2:
			eq = *(*[2]byte)(am[ao:]) == *(*[2]byte)(bm[bo:])
		case 4:
			eq = *(*[4]byte)(am[ao:]) == *(*[4]byte)(bm[bo:])
		case 8:
			eq = *(*[8]byte)(am[ao:]) == *(*[8]byte)(bm[bo:])
		default:
			eq = bytes.Equal(am[ao:ao+size], bm[bo:bo+size])
		}
		if !eq {
			return false
		}
		ao += as
		bo += bs
	}
	return true
}

// equalItems calls eq on the bytes of each pair of corresponding items of
// a and b, in C order, and returns errStop at the first unequal pair, or
// an error eq's caller recorded.
func equalItems(a, b *View, eq func(x, y []byte) bool) error {
	w, ok := newWalker(a, b, OrderC, false)
	if !ok {
		return nil
	}
	sa, sb := a.Itemsize, b.Itemsize
	return w.run(func(r row) error {
		ao, bo := r.off[0], r.off[1]
		for j := 0; j < r.n; j++ {
			if !eq(r.mem[0][ao:ao+sa:ao+sa], r.mem[1][bo:bo+sb:bo+sb]) {
				return errStop
			}
			ao += r.stride[0]
			bo += r.stride[1]
		}
		return nil
	})
}

// equalStruct compares two views item by item through their unpacked
// values, reusing two value buffers throughout. They start on the stack,
// so that items of up to 8 values allocate nothing (see walker).
func equalStruct(a, b *View, fa, fb *Format) (bool, error) {
	var bufA, bufB [8]Value
	va, vb := bufA[:0], bufB[:0]
	var uerr error
	err := equalItems(a, b, func(x, y []byte) bool {
		va, uerr = fa.AppendUnpack(va[:0], x)
		if uerr != nil {
			return false
		}
		vb, uerr = fb.AppendUnpack(vb[:0], y)
		if uerr != nil {
			return false
		}
		return ValuesEqual(va, vb)
	})
	if uerr != nil {
		return false, uerr
	}
	return err == nil, nil
}

// ValuesEqual reports whether two unpacked items compare equal in Python:
// the same number of values, each pair equal by [ValueEqual]. (Python
// compares a single value with a single value and tuples element-wise,
// which comes to the same.)
func ValuesEqual(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !ValueEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// ValueEqual reports whether x == y in Python for the objects the two
// values unpack to: bytes equal bytes of the same content; ints, bools,
// floats and complex numbers compare by exact mathematical value (True ==
// 1 == 1.0 == 1+0j, but 2**53+1 != 2.0**53, and NaN equals nothing);
// bytes never equal numbers.
func ValueEqual(x, y Value) bool {
	if x.kind == BytesValue || y.kind == BytesValue {
		return x.kind == y.kind && bytes.Equal(x.b, y.b)
	}
	if x.kind == InvalidValue || y.kind == InvalidValue || x.big || y.big {
		return false
	}
	if y.kind == ComplexValue {
		x, y = y, x
	}
	if x.kind == ComplexValue {
		// A complex equals a real number when its imaginary part is zero
		// and its real part equals the number.
		z := x.Complex()
		if y.kind == ComplexValue {
			return z == y.Complex()
		}
		if imag(z) != 0 {
			return false
		}
		x = Float(real(z))
	}
	if x.kind == FloatValue && y.kind == FloatValue {
		return x.Float() == y.Float()
	}
	if y.kind == FloatValue {
		x, y = y, x
	}
	if x.kind == FloatValue {
		neg, mag := intParts(y)
		return floatEqualsInt(x.Float(), neg, mag)
	}
	xn, xm := intParts(x)
	yn, ym := intParts(y)
	return xn == yn && xm == ym
}

// intParts returns the sign and magnitude of an integral value.
func intParts(v Value) (neg bool, mag uint64) {
	if v.kind == IntValue && v.Int() < 0 {
		return true, -v.bits // two's complement negation gives |x| even for MinInt64
	}
	return false, v.bits
}

// floatEqualsInt reports whether f is exactly the integer ±mag.
func floatEqualsInt(f float64, neg bool, mag uint64) bool {
	if f != math.Trunc(f) || math.IsInf(f, 0) { // also false for NaN
		return false
	}
	if f == 0 {
		return mag == 0
	}
	if (f < 0) != neg {
		return false
	}
	af := math.Abs(f)
	if af >= 1<<64 {
		return false
	}
	return uint64(af) == mag
}
