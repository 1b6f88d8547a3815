package gomv_test

import (
	"fmt"

	"github.com/gomv/gomv/gomv"
)

// A view over a []byte can be sliced, indexed and cast to two dimensions
// without copying: every view below reads buf itself.
func Example_sliceIndexCast() {
	buf := []byte{1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0}
	v, err := gomv.NewView(buf, "<H") // six little-endian uint16
	if err != nil {
		panic(err)
	}

	// v[1::2] in Python.
	start, stop, step, n, _ := gomv.SliceIndices(v.Shape[0], ptr(1), nil, ptr(2))
	odd, _ := v.Slice(0, start, stop, step)
	x, _ := odd.Item(-1)
	fmt.Println(n, "items, last is", x.Uint())

	// v.cast('B').cast('H', [2, 3]) in Python, in one step.
	m, err := v.Cast("<H", []int{2, 3})
	if err != nil {
		panic(err)
	}
	y, _ := m.Item(1, 0)
	fmt.Println("shape", m.Shape, "m[1, 0] =", y.Uint())

	// Row 1 and column 2 are sub-views.
	row, _ := m.Sub(0, 1)
	col, _ := m.Key(gomv.Ellipsis, gomv.IntKey(2))
	r, _ := row.Item(2)
	c, _ := col.Item(0)
	fmt.Println("row 1 ends with", r.Uint(), "and column 2 starts with", c.Uint())

	// Writes go to buf.
	m.SetItem(gomv.Uint(0x0909), 0, 0)
	fmt.Println(buf[:2])
	// Output:
	// 3 items, last is 6
	// shape [2 3] m[1, 0] = 4
	// row 1 ends with 6 and column 2 starts with 3
	// [9 9]
}

func ptr(i int) *int { return &i }

// Cast reinterprets the bytes of a contiguous view: here two
// little-endian int32 become a 2x2 array of int16, a cast Python's
// memoryview refuses (it casts only to or from bytes).
func ExampleView_Cast() {
	v, _ := gomv.NewView([]byte{1, 0, 0, 0, 2, 0, 0, 0}, "<i")
	h, _ := v.Cast("<h", []int{2, 2})
	x, _ := h.Item(1, 0)
	fmt.Println(h.Shape, x.Int())
	_, err := v.Cast("<h", []int{3})
	fmt.Println(err)
	// Output:
	// [2 2] 2
	// memoryview: product(shape) * itemsize != buffer size
}

func ExampleSliceIndices() {
	// slice(None, None, -2).indices(5) in Python.
	start, stop, step, n, _ := gomv.SliceIndices(5, nil, nil, ptr(-2))
	fmt.Println(start, stop, step, n)
	// Output: 4 -1 -2 3
}
