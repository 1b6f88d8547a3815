package gomv

import (
	"fmt"
	"strings"
)

// listCode returns the native code of v's format for tolist and item-wise
// reading, or CPython's NotImplementedError: "memoryview: unsupported
// format X" when the format (less one leading '@') is not a single
// character, "memoryview: format X not supported" when it is one that
// memoryview cannot read.
func (v *View) listCode() (byte, error) {
	f := v.format()
	if code, ok := f.Native(); ok {
		return code, nil
	}
	s := strings.TrimPrefix(f.Str, "@")
	if len(s) != 1 {
		return 0, newErr(NotImplementedError, "memoryview: unsupported format "+f.Str)
	}
	return 0, newErr(NotImplementedError, "memoryview: format "+s+" not supported")
}

// WalkValues calls fn with the index and value of every item of v, in C
// order, for the formats memoryview.tolist accepts: a single native code
// (see [Format.Native]), which gives Int, Uint, Float, Complex, Bool or
// (for 'c') a one-byte Bytes value aliasing v's memory. Other formats give the
// NotImplementedError tolist raises. idx is only valid during the call and
// must not be modified; a 0-d view gives one call with an empty idx. fn's
// error stops the walk and is returned.
//
// A binding can build Python lists from it without intermediate Go values.
func (v *View) WalkValues(fn func(idx []int, x Value) error) error {
	code, err := v.listCode()
	if err != nil {
		return err
	}
	return v.EachItem(OrderC, func(idx []int, item []byte) error {
		return fn(idx, UnpackNative(code, item))
	})
}

// ToList returns the items of v as nested []any, one level per dimension,
// like memoryview.tolist: each item is an int64, uint64, float64,
// complex128, bool or, for format 'c', a fresh one-byte []byte. A 0-d view gives the item
// itself. Formats other than a single native code give NotImplementedError
// worded as CPython's.
//
// Format 'e' is accepted as in Python 3.12 and later (3.11's tolist
// rejects it), "Zf" and "Zd" as in 3.15.
func (v *View) ToList() (any, error) {
	if _, err := v.listCode(); err != nil {
		return nil, err
	}
	if len(v.Shape) == 0 {
		var x any
		err := v.WalkValues(func(_ []int, val Value) error {
			x = goValue(val)
			return nil
		})
		return x, err
	}
	var leaves [][]any
	root := newList(v.Shape, &leaves)
	last := v.Shape[len(v.Shape)-1]
	k := 0
	err := v.WalkValues(func(_ []int, val Value) error {
		leaves[k/last][k%last] = goValue(val)
		k++
		return nil
	})
	return root, err
}

// newList returns empty nested lists of the given shape, appending the
// innermost lists to leaves in C order.
func newList(shape []int, leaves *[][]any) []any {
	l := make([]any, shape[0])
	if len(shape) == 1 {
		*leaves = append(*leaves, l)
		return l
	}
	for i := range l {
		l[i] = newList(shape[1:], leaves)
	}
	return l
}

// goValue converts an unpacked value to the plain Go value ToList gives.
func goValue(x Value) any {
	switch x.Kind() {
	case IntValue:
		return x.Int()
	case UintValue:
		return x.Uint()
	case FloatValue:
		return x.Float()
	case ComplexValue:
		return x.Complex()
	case BoolValue:
		return x.Bool()
	case BytesValue:
		return append([]byte(nil), x.Bytes()...)
	}
	panic(fmt.Sprintf("gomv: value of kind %d", x.Kind()))
}
