package gomv_test

import (
	"fmt"

	"github.com/gomv/gomv/gomv"
)

// Keys index like numpy's basic indexing: a[1, ::-1] is row 1 reversed,
// a[..., 0] the first column; nothing is copied.
func ExampleView_Key() {
	a, _ := gomv.NewViewLayout([]byte{0, 1, 2, 3, 4, 5}, 0, "B", gomv.CLayout(1, 2, 3))
	step := -1
	row, _ := a.Key(gomv.IntKey(1), gomv.SliceKey(nil, nil, &step))
	col, _ := a.Key(gomv.Ellipsis, gomv.IntKey(0))
	r, _ := row.ToList()
	c, _ := col.ToList()
	fmt.Println(r, c)
	_, err := a.Key(gomv.IntKey(0), gomv.IntKey(3))
	fmt.Println(err)
	// Output:
	// [5 4 3] [0 3]
	// index 3 is out of bounds for axis 1 with size 3
}

// Transpose and Reshape give new views of the same memory.
func ExampleView_Reshape() {
	a, _ := gomv.NewView([]byte{0, 1, 2, 3, 4, 5}, "B")
	m, _ := a.Reshape(2, -1)
	t, _ := m.T()
	l, _ := t.ToList()
	fmt.Println(m.Shape, t.Shape, t.Strides, l)
	// A transposed matrix cannot be flattened without copying.
	_, err := t.Reshape(6)
	fmt.Println(err)
	// Output:
	// [2 3] [3 2] [1 3] [[0 3] [1 4] [2 5]]
	// gomv: cannot reshape a view of shape (3, 2) and strides (1, 3) into shape (6,) without copying
}

// Items of struct formats are trees: a record (a Python tuple) of the
// fields' values, nested structs as records, sub-arrays as lists.
func ExampleView_Get() {
	// A ctypes-like record: a little-endian int16, then a pair of bytes.
	v, _ := gomv.NewView(make([]byte, 8), "T{<h:x:(2)B:rgb:}")
	v.Set(gomv.Record{-2, []any{7, 9}}, 1)
	x, _ := v.Get(1)
	fmt.Printf("%v %x\n", x, v.Mem)
	fmt.Println(v.Set(gomv.Record{1, []any{256, 0}}, 0))
	// Output:
	// [-2 [7 9]] 00000000feff0709
	// 'B' format requires 0 <= number <= 255
}

// Assign converts values between formats, with the struct module's
// checks; identical layouts are copied byte for byte.
func ExampleAssign() {
	src, _ := gomv.NewView([]byte{1, 200}, "B")
	dst, _ := gomv.NewView(make([]byte, 4), "<H")
	fmt.Println(gomv.Assign(dst, src), dst.Mem)
	small, _ := gomv.NewView(make([]byte, 2), "b")
	fmt.Println(gomv.Assign(small, src))
	// Output:
	// <nil> [1 0 200 0]
	// 'b' format requires -128 <= number <= 127
}

// Count and Index compare items as Python's == does: by value across
// kinds, and tuples with tuples.
func ExampleView_Index() {
	v, _ := gomv.NewView([]byte{3, 1, 4, 1, 5, 9}, "B")
	idx, ok := v.Index(1.0)
	fmt.Println(v.Count(1), idx, ok)
	pairs, _ := gomv.NewView([]byte{3, 1, 4, 1, 5, 9}, "bb")
	idx, ok = pairs.Index(gomv.Record{4, 1})
	fmt.Println(idx, ok)
	// Output:
	// 2 [1] true
	// [1] true
}

// The complex formats "Zf" and "Zd" (struct's 'F' and 'D') hold complex
// numbers, equal to real numbers of the same value.
func ExampleFormat_Unpack_complex() {
	f, _ := gomv.ParseFormat("<Zf")
	b := make([]byte, f.Itemsize())
	f.Pack(b, []gomv.Value{gomv.Complex(1.5 - 2i)})
	vals, _ := f.Unpack(b)
	fmt.Println(vals[0].Complex(), gomv.ValueEqual(gomv.Complex(3), gomv.Int(3)))
	// Output: (1.5-2i) true
}
