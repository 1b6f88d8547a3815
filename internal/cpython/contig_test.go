package cpython

import (
	"slices"
	"testing"

	"github.com/gomv/gomv/gomv"
)

// contigCases were produced by running _testbuffer.ndarray (and memoryview
// over it) in CPython 3.11 and 3.13, which agree: mv* are memoryview's
// c_contiguous, f_contiguous and contiguous, buf* are ndarray's (that is,
// PyBuffer_IsContiguous).
var contigCases = []struct {
	itemsize       int
	shape, strides []int
	mvC, mvF, mvA  bool
	bufC, bufF     bool
}{
	{1, []int{}, []int{}, true, true, true, true, true},
	{2, []int{}, []int{}, true, true, true, true, true},
	{4, []int{}, []int{}, true, true, true, true, true},
	{4, []int{0}, []int{-8}, false, false, false, true, true},
	{2, []int{0}, []int{-4}, false, false, false, true, true},
	{4, []int{0}, []int{-4}, false, false, false, true, true},
	{1, []int{0}, []int{-2}, false, false, false, true, true},
	{2, []int{0}, []int{-2}, false, false, false, true, true},
	{1, []int{0}, []int{0}, false, false, false, true, true},
	{1, []int{0}, []int{1}, true, true, true, true, true},
	{2, []int{0}, []int{2}, true, true, true, true, true},
	{1, []int{0}, []int{3}, false, false, false, true, true},
	{1, []int{0}, []int{4}, false, false, false, true, true},
	{4, []int{0}, []int{4}, true, true, true, true, true},
	{2, []int{0}, []int{8}, false, false, false, true, true},
	{2, []int{0}, []int{12}, false, false, false, true, true},
	{4, []int{0}, []int{16}, false, false, false, true, true},
	{4, []int{0}, []int{24}, false, false, false, true, true},
	{1, []int{0, 2}, []int{-1, 12}, true, true, true, true, true},
	{2, []int{0, 2}, []int{0, 8}, true, true, true, true, true},
	{1, []int{0, 2}, []int{1, 0}, true, true, true, true, true},
	{2, []int{0, 2}, []int{2, 0}, true, true, true, true, true},
	{1, []int{0, 2}, []int{2, 1}, true, true, true, true, true},
	{1, []int{0, 2}, []int{3, -1}, true, true, true, true, true},
	{4, []int{0, 2}, []int{4, 0}, true, true, true, true, true},
	{2, []int{0, 2}, []int{4, 2}, true, true, true, true, true},
	{4, []int{0, 2}, []int{4, 32}, true, true, true, true, true},
	{1, []int{0, 2}, []int{8, -1}, true, true, true, true, true},
	{4, []int{0, 2}, []int{8, 4}, true, true, true, true, true},
	{2, []int{0, 2}, []int{8, 6}, true, true, true, true, true},
	{4, []int{0, 2}, []int{12, 0}, true, true, true, true, true},
	{1, []int{0, 2}, []int{12, 1}, true, true, true, true, true},
	{2, []int{0, 2}, []int{16, 4}, true, true, true, true, true},
	{4, []int{0, 2}, []int{24, 0}, true, true, true, true, true},
	{4, []int{0, 2}, []int{32, -8}, true, true, true, true, true},
	{4, []int{1}, []int{-4}, true, true, true, true, true},
	{1, []int{1}, []int{-1}, true, true, true, true, true},
	{1, []int{1}, []int{1}, true, true, true, true, true},
	{2, []int{1}, []int{2}, true, true, true, true, true},
	{1, []int{1}, []int{3}, true, true, true, true, true},
	{4, []int{1}, []int{4}, true, true, true, true, true},
	{2, []int{1}, []int{6}, true, true, true, true, true},
	{1, []int{1}, []int{8}, true, true, true, true, true},
	{2, []int{1}, []int{16}, true, true, true, true, true},
	{2, []int{1}, []int{24}, true, true, true, true, true},
	{4, []int{1}, []int{24}, true, true, true, true, true},
	{2, []int{1, 1}, []int{-4, 0}, true, true, true, true, true},
	{1, []int{1, 1}, []int{-1, 12}, true, true, true, true, true},
	{1, []int{1, 1}, []int{0, 1}, true, true, true, true, true},
	{1, []int{1, 1}, []int{1, 1}, true, true, true, true, true},
	{1, []int{1, 1}, []int{2, 1}, true, true, true, true, true},
	{2, []int{1, 1}, []int{2, 2}, true, true, true, true, true},
	{1, []int{1, 1}, []int{2, 8}, true, true, true, true, true},
	{2, []int{1, 1}, []int{4, 4}, true, true, true, true, true},
	{4, []int{1, 1}, []int{4, 4}, true, true, true, true, true},
	{4, []int{1, 1}, []int{4, 16}, true, true, true, true, true},
	{2, []int{1, 1}, []int{6, 24}, true, true, true, true, true},
	{2, []int{1, 1}, []int{8, 16}, true, true, true, true, true},
	{4, []int{1, 1}, []int{12, 4}, true, true, true, true, true},
	{4, []int{1, 1}, []int{32, 32}, true, true, true, true, true},
	{4, []int{1, 1}, []int{48, 4}, true, true, true, true, true},
	{4, []int{1, 3}, []int{-4, -4}, false, false, false, false, false},
	{2, []int{1, 3}, []int{-4, 2}, true, true, true, true, true},
	{1, []int{1, 3}, []int{-2, 1}, true, true, true, true, true},
	{1, []int{1, 3}, []int{-2, 8}, false, false, false, false, false},
	{2, []int{1, 3}, []int{-2, 12}, false, false, false, false, false},
	{1, []int{1, 3}, []int{0, 2}, false, false, false, false, false},
	{2, []int{1, 3}, []int{0, 24}, false, false, false, false, false},
	{1, []int{1, 3}, []int{1, 1}, true, true, true, true, true},
	{2, []int{1, 3}, []int{2, 2}, true, true, true, true, true},
	{1, []int{1, 3}, []int{3, 1}, true, true, true, true, true},
	{2, []int{1, 3}, []int{4, 0}, false, false, false, false, false},
	{4, []int{1, 3}, []int{4, 4}, true, true, true, true, true},
	{2, []int{1, 3}, []int{6, 2}, true, true, true, true, true},
	{1, []int{1, 3}, []int{12, 4}, false, false, false, false, false},
	{4, []int{1, 3}, []int{12, 4}, true, true, true, true, true},
	{4, []int{1, 3}, []int{12, 24}, false, false, false, false, false},
	{4, []int{1, 3}, []int{12, 48}, false, false, false, false, false},
	{4, []int{1, 3}, []int{24, 24}, false, false, false, false, false},
	{2, []int{2, 0}, []int{-2, 0}, true, true, true, true, true},
	{4, []int{2, 0}, []int{0, -4}, true, true, true, true, true},
	{1, []int{2, 0}, []int{0, 1}, true, true, true, true, true},
	{2, []int{2, 0}, []int{0, 2}, true, true, true, true, true},
	{4, []int{2, 0}, []int{0, 4}, true, true, true, true, true},
	{1, []int{2, 0}, []int{1, 2}, true, true, true, true, true},
	{2, []int{2, 0}, []int{2, 4}, true, true, true, true, true},
	{2, []int{2, 0}, []int{2, 8}, true, true, true, true, true},
	{1, []int{2, 0}, []int{4, 0}, true, true, true, true, true},
	{4, []int{2, 0}, []int{4, 8}, true, true, true, true, true},
	{4, []int{2, 0}, []int{8, -4}, true, true, true, true, true},
	{1, []int{2, 0}, []int{8, -1}, true, true, true, true, true},
	{1, []int{2, 0}, []int{8, 0}, true, true, true, true, true},
	{2, []int{2, 0}, []int{8, 12}, true, true, true, true, true},
	{1, []int{2, 0}, []int{12, 2}, true, true, true, true, true},
	{2, []int{2, 0}, []int{12, 8}, true, true, true, true, true},
	{4, []int{2, 0}, []int{12, 8}, true, true, true, true, true},
	{4, []int{2, 0}, []int{24, 24}, true, true, true, true, true},
	{2, []int{2, 1, 3}, []int{-2, 0, 0}, false, false, false, false, false},
	{1, []int{2, 1, 3}, []int{1, 2, 2}, false, true, true, false, true},
	{1, []int{2, 1, 3}, []int{1, 6, 8}, false, false, false, false, false},
	{2, []int{2, 1, 3}, []int{2, 2, -4}, false, false, false, false, false},
	{2, []int{2, 1, 3}, []int{2, 4, 4}, false, true, true, false, true},
	{1, []int{2, 1, 3}, []int{3, 3, 1}, true, false, true, true, false},
	{1, []int{2, 1, 3}, []int{4, 3, 6}, false, false, false, false, false},
	{4, []int{2, 1, 3}, []int{4, 8, 8}, false, true, true, false, true},
	{2, []int{2, 1, 3}, []int{6, 6, 2}, true, false, true, true, false},
	{4, []int{2, 1, 3}, []int{8, -4, 8}, false, false, false, false, false},
	{2, []int{2, 1, 3}, []int{8, 2, 0}, false, false, false, false, false},
	{1, []int{2, 1, 3}, []int{12, -2, 12}, false, false, false, false, false},
	{4, []int{2, 1, 3}, []int{12, 4, 32}, false, false, false, false, false},
	{1, []int{2, 1, 3}, []int{12, 6, 3}, false, false, false, false, false},
	{4, []int{2, 1, 3}, []int{12, 12, 4}, true, false, true, true, false},
	{2, []int{2, 1, 3}, []int{12, 24, 0}, false, false, false, false, false},
	{4, []int{2, 1, 3}, []int{32, -8, 32}, false, false, false, false, false},
	{4, []int{2, 1, 3}, []int{32, 12, 0}, false, false, false, false, false},
	{4, []int{2, 2, 2}, []int{-8, 8, 24}, false, false, false, false, false},
	{1, []int{2, 2, 2}, []int{-1, 8, 4}, false, false, false, false, false},
	{1, []int{2, 2, 2}, []int{0, 3, 0}, false, false, false, false, false},
	{1, []int{2, 2, 2}, []int{1, 2, 4}, false, true, true, false, true},
	{2, []int{2, 2, 2}, []int{2, 4, 8}, false, true, true, false, true},
	{1, []int{2, 2, 2}, []int{2, 12, -1}, false, false, false, false, false},
	{1, []int{2, 2, 2}, []int{4, 2, 1}, true, false, true, true, false},
	{4, []int{2, 2, 2}, []int{4, 4, 32}, false, false, false, false, false},
	{4, []int{2, 2, 2}, []int{4, 8, 16}, false, true, true, false, true},
	{1, []int{2, 2, 2}, []int{6, 3, 6}, false, false, false, false, false},
	{2, []int{2, 2, 2}, []int{8, 4, 2}, true, false, true, true, false},
	{4, []int{2, 2, 2}, []int{8, 4, 48}, false, false, false, false, false},
	{2, []int{2, 2, 2}, []int{8, 8, 8}, false, false, false, false, false},
	{2, []int{2, 2, 2}, []int{12, 16, 8}, false, false, false, false, false},
	{4, []int{2, 2, 2}, []int{16, 8, 4}, true, false, true, true, false},
	{2, []int{2, 2, 2}, []int{16, 24, -4}, false, false, false, false, false},
	{2, []int{2, 2, 2}, []int{24, 6, 0}, false, false, false, false, false},
	{4, []int{2, 2, 2}, []int{24, 12, -8}, false, false, false, false, false},
	{4, []int{2, 3}, []int{-8, -4}, false, false, false, false, false},
	{4, []int{2, 3}, []int{-8, 48}, false, false, false, false, false},
	{2, []int{2, 3}, []int{-4, 4}, false, false, false, false, false},
	{4, []int{2, 3}, []int{-4, 12}, false, false, false, false, false},
	{1, []int{2, 3}, []int{-2, -1}, false, false, false, false, false},
	{2, []int{2, 3}, []int{-2, 4}, false, false, false, false, false},
	{1, []int{2, 3}, []int{-1, 1}, false, false, false, false, false},
	{1, []int{2, 3}, []int{-1, 8}, false, false, false, false, false},
	{4, []int{2, 3}, []int{0, 32}, false, false, false, false, false},
	{1, []int{2, 3}, []int{1, 2}, false, true, true, false, true},
	{2, []int{2, 3}, []int{2, 4}, false, true, true, false, true},
	{1, []int{2, 3}, []int{3, 1}, true, false, true, true, false},
	{1, []int{2, 3}, []int{4, 4}, false, false, false, false, false},
	{4, []int{2, 3}, []int{4, 8}, false, true, true, false, true},
	{2, []int{2, 3}, []int{6, 2}, true, false, true, true, false},
	{2, []int{2, 3}, []int{12, -2}, false, false, false, false, false},
	{4, []int{2, 3}, []int{12, 4}, true, false, true, true, false},
	{4, []int{3}, []int{-4}, false, false, false, false, false},
	{1, []int{3}, []int{-2}, false, false, false, false, false},
	{4, []int{3}, []int{0}, false, false, false, false, false},
	{1, []int{3}, []int{1}, true, true, true, true, true},
	{2, []int{3}, []int{2}, true, true, true, true, true},
	{4, []int{3}, []int{4}, true, true, true, true, true},
	{2, []int{3}, []int{6}, false, false, false, false, false},
	{1, []int{3}, []int{8}, false, false, false, false, false},
	{1, []int{3}, []int{12}, false, false, false, false, false},
	{2, []int{3}, []int{12}, false, false, false, false, false},
	{4, []int{3}, []int{12}, false, false, false, false, false},
	{2, []int{3}, []int{24}, false, false, false, false, false},
	{4, []int{3}, []int{48}, false, false, false, false, false},
	{4, []int{3, 1}, []int{-4, 4}, false, false, false, false, false},
	{1, []int{3, 1}, []int{-2, 12}, false, false, false, false, false},
	{4, []int{3, 1}, []int{0, 8}, false, false, false, false, false},
	{1, []int{3, 1}, []int{1, 1}, true, true, true, true, true},
	{1, []int{3, 1}, []int{1, 3}, true, true, true, true, true},
	{1, []int{3, 1}, []int{1, 12}, true, true, true, true, true},
	{2, []int{3, 1}, []int{2, 2}, true, true, true, true, true},
	{2, []int{3, 1}, []int{2, 6}, true, true, true, true, true},
	{1, []int{3, 1}, []int{4, -2}, false, false, false, false, false},
	{4, []int{3, 1}, []int{4, 4}, true, true, true, true, true},
	{2, []int{3, 1}, []int{4, 8}, false, false, false, false, false},
	{4, []int{3, 1}, []int{4, 12}, true, true, true, true, true},
	{2, []int{3, 1}, []int{6, -4}, false, false, false, false, false},
	{1, []int{3, 1}, []int{12, -1}, false, false, false, false, false},
	{2, []int{3, 1}, []int{12, 6}, false, false, false, false, false},
	{2, []int{3, 1}, []int{24, 12}, false, false, false, false, false},
	{4, []int{3, 1}, []int{48, -8}, false, false, false, false, false},
	{4, []int{3, 1}, []int{48, 16}, false, false, false, false, false},
}

// Contiguous gives memoryview's attributes, gomv.Layout.IsContiguous
// PyBuffer_IsContiguous's answer.
func TestContiguityMatchesCPython(t *testing.T) {
	for _, c := range contigCases {
		l := gomv.Layout{Itemsize: c.itemsize, Shape: c.shape, Strides: c.strides}
		got := []bool{Contiguous(l, gomv.OrderC), Contiguous(l, gomv.OrderFortran), Contiguous(l, gomv.OrderAny),
			l.IsContiguous(gomv.OrderC), l.IsContiguous(gomv.OrderFortran), l.IsContiguous(gomv.OrderAny)}
		want := []bool{c.mvC, c.mvF, c.mvA, c.bufC, c.bufF, c.bufC || c.bufF}
		if !slices.Equal(got, want) {
			t.Errorf("itemsize %d shape %v strides %v: got %v, want %v", c.itemsize, c.shape, c.strides, got, want)
		}
	}
}

func TestContiguousOddCases(t *testing.T) {
	pil := gomv.Layout{Itemsize: 1, Shape: []int{3}, Strides: []int{8}, Suboffsets: []int{0}}
	direct := gomv.Layout{Itemsize: 1, Shape: []int{3}, Strides: []int{1}, Suboffsets: []int{-1}}
	for _, tc := range []struct {
		name string
		got  bool
		want bool
	}{
		{"indirect 1-D", Contiguous(pil, gomv.OrderC), false},
		{"all-negative suboffsets 1-D", Contiguous(direct, gomv.OrderAny), true},
		{"bad order 1-D", Contiguous(gomv.CLayout(1, 3), 'Z'), false},
		{"bad order 2-D", Contiguous(gomv.CLayout(1, 3, 2), 'Z'), false},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v", tc.name, tc.got)
		}
	}
}
