package gomv

import "fmt"

// errNotSingle is the error of the single-value accessors for a format
// whose items hold several values (or none).
func errNotSingle(f *Format) error {
	return newErr(TypeError, fmt.Sprintf("gomv: items of format %q hold %d values, not one", f.Str, f.NumValues()))
}

// WalkItems calls fn with the index and the values of every item of v, in
// C order, as [Format.Unpack] gives them (flat, in format order). vals is
// reused from one item to the next, and so is idx: both are only valid
// during the call and must not be modified; a 0-d view gives one call
// with an empty idx. fn's error stops the walk and is returned. With
// [Format.Tree], a binding can build any item's objects from vals. The
// buffers are allocated once per call; items of up to eight values cost
// nothing more.
func (v *View) WalkItems(fn func(idx []int, vals []Value) error) error {
	f := v.format()
	var buf [8]Value
	vals := buf[:0]
	return v.EachItem(OrderC, func(idx []int, item []byte) error {
		vals = f.appendUnpack(vals[:0], item)
		return fn(idx, vals)
	})
}

// WalkValues calls fn with the index and value of every item of v, in C
// order, for formats whose items are one value ([Format.NumValues] is 1):
// native ones ("i", "@d", "Zd", ...) and others ("<i", "5s", "xi"). Bytes
// values alias v's memory. Other formats give a TypeError. idx is only
// valid during the call and must not be modified; a 0-d view gives one
// call with an empty idx. fn's error stops the walk and is returned.
//
// A binding can build Python lists from it without intermediate Go values.
func (v *View) WalkValues(fn func(idx []int, x Value) error) error {
	f := v.format()
	if code, ok := f.Native(); ok {
		return v.EachItem(OrderC, func(idx []int, item []byte) error {
			return fn(idx, UnpackNative(code, item))
		})
	}
	if f.NumValues() != 1 {
		return errNotSingle(f)
	}
	return v.WalkItems(func(idx []int, vals []Value) error {
		return fn(idx, vals[0])
	})
}

// ToList returns the items of v as nested []any, one level per dimension,
// like tolist in Python: each item is what [Format.UnpackItem] gives, an
// int64, uint64, float64, complex128, bool or a fresh []byte for items of
// one value, a Record or []any for the others. A 0-d view gives the item
// itself.
//
// (Python's memoryview.tolist accepts only the native formats;
// internal/cpython applies that restriction.)
func (v *View) ToList() (any, error) {
	f := v.format()
	nodes := f.Tree()
	single := nodes[0].Len == 1 && nodes[1].Kind == NodeValue
	item := func(x Value, b []byte) any {
		if single {
			return goValue(x)
		}
		it, _ := f.UnpackItem(b) // b holds a whole item
		return it
	}
	if len(v.Shape) == 0 {
		b, err := v.ItemBytes()
		if err != nil {
			return nil, err
		}
		var x Value
		if single {
			x = f.appendUnpack(make([]Value, 0, 1), b)[0]
		}
		return item(x, b), nil
	}
	var leaves [][]any
	root := newList(v.Shape, &leaves)
	last := v.Shape[len(v.Shape)-1]
	k := 0
	err := v.EachItem(OrderC, func(_ []int, b []byte) error {
		var x Value
		if single {
			var buf [1]Value
			x = f.appendUnpack(buf[:0], b)[0]
		}
		leaves[k/last][k%last] = item(x, b)
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
