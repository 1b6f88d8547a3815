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
)

// Value is one unpacked field of an item: a small tagged union that does
// not allocate for numbers, so hot paths can pass it around freely.
type Value struct {
	kind ValueKind
	bits uint64 // int64, uint64, float64 bits or bool, by kind
	b    []byte
}

func Int(x int64) Value     { return Value{kind: IntValue, bits: uint64(x)} }
func Uint(x uint64) Value   { return Value{kind: UintValue, bits: x} }
func Float(x float64) Value { return Value{kind: FloatValue, bits: math.Float64bits(x)} }
func Bytes(b []byte) Value  { return Value{kind: BytesValue, b: b} }
func Bool(x bool) Value {
	if x {
		return Value{kind: BoolValue, bits: 1}
	}
	return Value{kind: BoolValue}
}

func (v Value) Kind() ValueKind { return v.kind }
func (v Value) Int() int64      { return int64(v.bits) }
func (v Value) Uint() uint64    { return v.bits }
func (v Value) Float() float64  { return math.Float64frombits(v.bits) }
func (v Value) Bool() bool      { return v.bits != 0 }
func (v Value) Bytes() []byte   { return v.b }
