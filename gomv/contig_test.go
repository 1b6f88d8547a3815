package gomv

import (
	"slices"
	"testing"
)

// contigCases are layouts whose contiguity _testbuffer.ndarray (that is,
// PyBuffer_IsContiguous) reported in CPython 3.11: c and f are its
// c_contiguous and f_contiguous. (internal/cpython holds a larger table,
// with memoryview's attributes.)
var contigCases = []struct {
	itemsize       int
	shape, strides []int
	c, f           bool
}{
	{4, []int{}, []int{}, true, true},
	{4, []int{0}, []int{-8}, true, true},
	{1, []int{0}, []int{3}, true, true},
	{1, []int{0, 2}, []int{3, -1}, true, true},
	{4, []int{1}, []int{-4}, true, true},
	{1, []int{1, 1}, []int{-1, 12}, true, true},
	{4, []int{1, 3}, []int{-4, -4}, false, false},
	{2, []int{1, 3}, []int{-4, 2}, true, true},
	{2, []int{3, 1}, []int{12, 6}, false, false},
	{4, []int{3, 1}, []int{48, -8}, false, false},
	{1, []int{3, 4}, []int{4, 1}, true, false},
	{1, []int{3, 4}, []int{1, 3}, false, true},
	{2, []int{3}, []int{2}, true, true},
	{2, []int{3}, []int{4}, false, false},
	{2, []int{2, 1, 3}, []int{6, 99, 2}, true, false},
	{2, []int{2, 1, 3}, []int{2, -7, 4}, false, true},
}

func TestContiguityMatchesCPython(t *testing.T) {
	for _, c := range contigCases {
		l := Layout{Itemsize: c.itemsize, Shape: c.shape, Strides: c.strides}
		got := []bool{l.IsCContiguous(), l.IsFContiguous(), l.IsContiguous(OrderAny)}
		want := []bool{c.c, c.f, c.c || c.f}
		if !slices.Equal(got, want) {
			t.Errorf("itemsize %d shape %v strides %v: got %v, want %v", c.itemsize, c.shape, c.strides, got, want)
		}
	}
}

func TestContiguityOddCases(t *testing.T) {
	pil := Layout{Itemsize: 1, Shape: []int{3, 4}, Strides: []int{8, 1}, Suboffsets: []int{0, -1}}
	direct := Layout{Itemsize: 1, Shape: []int{3, 4}, Strides: []int{4, 1}, Suboffsets: []int{-1, -1}}
	c := CLayout(1, 3, 4)
	for _, tc := range []struct {
		name string
		got  bool
		want bool
	}{
		{"indirect C", pil.IsCContiguous(), false},
		{"indirect A", pil.IsContiguous(OrderAny), false},
		{"all-negative suboffsets", direct.IsCContiguous(), true},
		{"bad order", c.IsContiguous('X'), false},
		{"bad order 1-D", CLayout(1, 3).IsContiguous('Z'), false},
		{"1-D A", CLayout(1, 3).IsContiguous(OrderAny), true},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v", tc.name, tc.got)
		}
	}
}

func TestCFLayout(t *testing.T) {
	for _, tc := range []struct {
		l               Layout
		strides         []int
		ndim, n, nbytes int
		c, f            bool
	}{
		{CLayout(4), []int{}, 0, 1, 4, true, true},
		{FLayout(4), []int{}, 0, 1, 4, true, true},
		{CLayout(2, 5), []int{2}, 1, 5, 10, true, true},
		{CLayout(8, 2, 3, 4), []int{96, 32, 8}, 3, 24, 192, true, false},
		{FLayout(8, 2, 3, 4), []int{8, 16, 48}, 3, 24, 192, false, true},
		{CLayout(1, 2, 0, 3), []int{0, 3, 1}, 3, 0, 0, true, true},
	} {
		if !slices.Equal(tc.l.Strides, tc.strides) || tc.l.Ndim() != tc.ndim || tc.l.Len() != tc.n ||
			tc.l.NBytes() != tc.nbytes || tc.l.IsCContiguous() != tc.c || tc.l.IsFContiguous() != tc.f {
			t.Errorf("%+v: strides %v ndim %d len %d nbytes %d c %v f %v", tc.l, tc.l.Strides,
				tc.l.Ndim(), tc.l.Len(), tc.l.NBytes(), tc.l.IsCContiguous(), tc.l.IsFContiguous())
		}
		if tc.l.Shape == nil {
			t.Errorf("%+v: nil shape", tc.l)
		}
	}
	shape := []int{2, 3}
	l := CLayout(1, shape...)
	shape[0] = 9
	if l.Shape[0] != 2 {
		t.Error("CLayout aliases its shape argument")
	}
}
