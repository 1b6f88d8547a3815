package gomv

import "math"

// ValueKind tells which Go type a Value holds.
type ValueKind uint8

const (
	InvalidValue ValueKind = iota
	IntValue               // signed integer codes: b h i l q n
	UintValue              // unsigned integer codes: B H I L Q N P
	FloatValue             // e f d
	BoolValue              // ?
	BytesValue             // c s p
	ComplexValue           // F D (Zf Zd)
)

var valueKindNames = [...]string{"Invalid", "Int", "Uint", "Float", "Bool", "Bytes", "Complex"}

// String returns the kind's name without "Value": "Int", "Complex", ...
func (k ValueKind) String() string {
	if int(k) < len(valueKindNames) {
		return valueKindNames[k]
	}
	return "ValueKind(?)"
}

// Value is one unpacked field of an item: a small tagged union that does
// not allocate for numbers, so hot paths can pass it around freely.
type Value struct {
	kind ValueKind
	bits uint64 // int64, uint64, float64 bits or bool, by kind; a complex's real part
	imag uint64 // float64 bits of a complex's imaginary part
	b    []byte
}

// Int returns a signed integer value.
func Int(x int64) Value { return Value{kind: IntValue, bits: uint64(x)} }

// Uint returns an unsigned integer value.
func Uint(x uint64) Value { return Value{kind: UintValue, bits: x} }

// Float returns a floating-point value.
func Float(x float64) Value { return Value{kind: FloatValue, bits: math.Float64bits(x)} }

// Complex returns a complex value.
func Complex(x complex128) Value {
	return Value{kind: ComplexValue, bits: math.Float64bits(real(x)), imag: math.Float64bits(imag(x))}
}

// Bytes returns a bytes value; it keeps b, without copying.
func Bytes(b []byte) Value { return Value{kind: BytesValue, b: b} }

// Bool returns a boolean value.
func Bool(x bool) Value {
	if x {
		return Value{kind: BoolValue, bits: 1}
	}
	return Value{kind: BoolValue}
}

// Kind tells which of the accessors below gives v's value.
func (v Value) Kind() ValueKind { return v.kind }

// Int returns the value of an Int (or the bits of a Uint as int64).
func (v Value) Int() int64 { return int64(v.bits) }

// Uint returns the value of a Uint (or the bits of an Int as uint64).
func (v Value) Uint() uint64 { return v.bits }

// Float returns the value of a Float.
func (v Value) Float() float64 { return math.Float64frombits(v.bits) }

// Complex returns the value of a Complex, or a Float as a complex number
// with imaginary part zero.
func (v Value) Complex() complex128 {
	return complex(math.Float64frombits(v.bits), math.Float64frombits(v.imag))
}

// Bool returns the value of a Bool.
func (v Value) Bool() bool { return v.bits != 0 }

// Bytes returns the bytes of a Bytes value, which may alias a buffer.
func (v Value) Bytes() []byte { return v.b }

// truth is Python's bool() of the value: nonzero numbers (NaN included)
// and non-empty bytes are true.
func (v Value) truth() bool {
	switch v.kind {
	case FloatValue:
		return v.Float() != 0
	case BytesValue:
		return len(v.b) > 0
	case ComplexValue:
		return v.Complex() != 0
	}
	return v.bits != 0
}

// isInteger tells whether v is a Python int (bool included).
func (v Value) isInteger() bool {
	return v.kind == IntValue || v.kind == UintValue || v.kind == BoolValue
}

// isNumber tells whether a float code accepts v.
func (v Value) isNumber() bool { return v.isInteger() || v.kind == FloatValue }

// isComplexNumber tells whether a complex code accepts v.
func (v Value) isComplexNumber() bool { return v.isNumber() || v.kind == ComplexValue }

// toFloat converts a number to float64, rounding large integers to
// nearest like Python's float(int).
func (v Value) toFloat() float64 {
	switch v.kind {
	case FloatValue:
		return v.Float()
	case IntValue:
		return float64(v.Int())
	}
	return float64(v.bits)
}

// toComplex converts a number or a complex to complex128.
func (v Value) toComplex() complex128 {
	if v.kind == ComplexValue {
		return v.Complex()
	}
	return complex(v.toFloat(), 0)
}
