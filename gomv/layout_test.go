package gomv

import (
	"math"
	"testing"
)

func TestExtent(t *testing.T) {
	for _, tc := range []struct {
		l      Layout
		lo, hi int
	}{
		{CLayout(4), 0, 4},
		{CLayout(4, 3), 0, 12},
		{CLayout(4, 3, 0), 0, 0},
		{Layout{Itemsize: 2, Shape: []int{3}, Strides: []int{-2}}, -4, 2},
		{Layout{Itemsize: 1, Shape: []int{2, 3}, Strides: []int{-10, 3}}, -10, 7},
		{Layout{Itemsize: 1, Shape: []int{5}, Strides: []int{0}}, 0, 1},
	} {
		if lo, hi := tc.l.Extent(); lo != tc.lo || hi != tc.hi {
			t.Errorf("%+v: Extent = %d, %d; want %d, %d", tc.l, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestValidate(t *testing.T) {
	big := math.MaxInt/2 + 1
	for _, tc := range []struct {
		name        string
		l           Layout
		memLen, off int
		kind        Kind
		msg         string
	}{
		{"ok C", CLayout(4, 2, 3), 24, 0, 0, ""},
		{"ok scalar", CLayout(4), 4, 0, 0, ""},
		{"ok negative", Layout{Itemsize: 2, Shape: []int{3}, Strides: []int{-2}}, 6, 4, 0, ""},
		{"ok empty anywhere", CLayout(4, 0, 5), 0, 0, 0, ""},
		{"ok empty huge", Layout{Itemsize: 1, Shape: []int{0, big}, Strides: []int{1, math.MaxInt}}, 0, 0, 0, ""},
		{"too many dims", CLayout(1, make([]int, 65)...), 0, 0, ValueError, "memoryview: number of dimensions must not exceed 64"},
		{"zero itemsize", Layout{Shape: []int{}, Strides: []int{}}, 0, 0, ValueError, "itemsize must not be zero"},
		{"strides len", Layout{Itemsize: 1, Shape: []int{2}, Strides: []int{1, 1}}, 4, 0, ValueError, "len(shape) != len(strides)"},
		{"suboffsets len", Layout{Itemsize: 1, Shape: []int{2}, Strides: []int{1}, Suboffsets: []int{}}, 4, 0, ValueError, "len(suboffsets) != ndim"},
		{"negative shape", Layout{Itemsize: 1, Shape: []int{-1}, Strides: []int{1}}, 4, 0, ValueError, "elements of shape must be integers >= 0"},
		{"shape overflow", Layout{Itemsize: 1, Shape: []int{big, 2}, Strides: []int{0, 0}}, 4, 0, OverflowError, "product(shape) > SSIZE_MAX"},
		{"bytes overflow", Layout{Itemsize: 4, Shape: []int{big}, Strides: []int{0}}, 4, 0, OverflowError, "product(shape) * itemsize > SSIZE_MAX"},
		{"offset past end", CLayout(1, 0), 4, 5, ValueError, "offset out of bounds"},
		{"negative offset", CLayout(1, 0), 4, -1, ValueError, "offset out of bounds"},
		{"too long", CLayout(4, 2, 3), 23, 0, ValueError, "invalid combination of buffer, shape and strides"},
		{"too long at off", CLayout(4, 2), 8, 1, ValueError, "invalid combination of buffer, shape and strides"},
		{"before start", Layout{Itemsize: 2, Shape: []int{3}, Strides: []int{-2}}, 6, 2, ValueError, "invalid combination of buffer, shape and strides"},
		{"stride overflow", Layout{Itemsize: 1, Shape: []int{3}, Strides: []int{big}}, 4, 0, ValueError, "invalid combination of buffer, shape and strides"},
		{"min stride", Layout{Itemsize: 1, Shape: []int{2}, Strides: []int{math.MinInt}}, 4, 2, ValueError, "invalid combination of buffer, shape and strides"},
		{"max stride", Layout{Itemsize: 1, Shape: []int{2}, Strides: []int{math.MaxInt}}, 4, 2, ValueError, "invalid combination of buffer, shape and strides"},
		{"pointers fit", Layout{Itemsize: 1, Shape: []int{2, 100}, Strides: []int{ptrSize, 1}, Suboffsets: []int{0, -1}}, 2 * ptrSize, 0, 0, ""},
		{"pointers short", Layout{Itemsize: 1, Shape: []int{2, 100}, Strides: []int{ptrSize, 1}, Suboffsets: []int{0, -1}}, 2*ptrSize - 1, 0, ValueError, "invalid combination of buffer, shape and strides"},
	} {
		err := tc.l.Validate(tc.memLen, tc.off)
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		checkErr(t, tc.name, err, tc.kind, tc.msg)
	}
}

func TestClone(t *testing.T) {
	l := Layout{Itemsize: 1, Shape: []int{2}, Strides: []int{1}, Suboffsets: []int{-1}}
	c := l.Clone()
	c.Shape[0], c.Strides[0], c.Suboffsets[0] = 9, 9, 9
	if l.Shape[0] != 2 || l.Strides[0] != 1 || l.Suboffsets[0] != -1 {
		t.Errorf("Clone shares memory: %+v", l)
	}
	if (Layout{}).Clone().Suboffsets != nil {
		t.Error("Clone made nil suboffsets non-nil")
	}
}

// checkErr fails t unless err is an *Error of the given kind and message.
func checkErr(t *testing.T, name string, err error, kind Kind, msg string) {
	t.Helper()
	k, ok := KindOf(err)
	if !ok || k != kind || err.Error() != msg {
		t.Errorf("%s: got %v (%v, %v), want %v %q", name, err, k, ok, kind, msg)
	}
}
