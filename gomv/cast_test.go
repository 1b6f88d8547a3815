package gomv

import (
	"fmt"
	"math"
	"testing"
)

// castSources builds the views the cast tests start from.
func castSource(t *testing.T, name string) *View {
	t.Helper()
	mk := func(n int, format string, l Layout) *View {
		v, err := NewViewLayout(seq(n), 0, format, l)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	switch name {
	case "B12":
		return mk(12, "B", CLayout(1, 12))
	case "i3":
		return mk(12, "i", CLayout(4, 3))
	case "B16":
		return mk(16, "B", CLayout(1, 16))
	case "B3x4":
		return mk(12, "B", CLayout(1, 3, 4))
	case "B3x4[::2]":
		return mk(12, "B", Layout{Itemsize: 1, Shape: []int{2, 4}, Strides: []int{8, 1}})
	case "B0":
		return mk(0, "B", CLayout(1, 0))
	case "B1":
		return mk(1, "B", CLayout(1, 1))
	case "B()":
		return mk(1, "B", CLayout(1))
	case "i()":
		return mk(4, "i", CLayout(4))
	case "B2x0":
		return mk(0, "B", CLayout(1, 2, 0))
	case "<B8":
		return mk(8, "<B", CLayout(1, 8))
	case "<i2":
		return mk(8, "<i", CLayout(4, 2))
	case "@i2":
		return mk(8, "@i", CLayout(4, 2))
	case "F3x4":
		return mk(12, "B", FLayout(1, 3, 4))
	case "pil":
		v := mk(16, "B", Layout{Itemsize: 1, Shape: []int{2, 1}, Strides: []int{8, 1}, Suboffsets: []int{0, -1}})
		return v
	}
	t.Fatalf("no source %s", name)
	return nil
}

func ones(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = 1
	}
	return s
}

func castResult(v *View, err error) string {
	if err != nil {
		k, _ := KindOf(err)
		return fmt.Sprintf("%v: %v", k, err)
	}
	return fmt.Sprintf("%s %v %v", v.Format.Str, v.Shape, v.Strides)
}

// generalCastCases exercise Cast, its extensions over memoryview.cast
// among them (internal/cpython checks that Cast agrees with CPython's
// strict cast wherever that succeeds).
var generalCastCases = []struct {
	src, format string
	shape       []int
	want        string
}{
	{"B12", "i", nil, "i [3] [4]"},
	{"B12", "@i", []int{3}, "@i [3] [4]"},
	{"B12", "B", []int{2, 6}, "B [2 6] [6 1]"},
	{"B16", "Zd", nil, "Zd [1] [16]"},
	{"B16", "F", []int{2}, "F [2] [8]"},
	{"B()", "b", []int{}, "b [] []"},
	{"i3", "h", nil, "h [6] [2]"},
	{"i3", "f", []int{3}, "f [3] [4]"},
	{"<i2", "<h", []int{2, 2}, "<h [2 2] [4 2]"},
	{"B3x4", "B", []int{4, 3}, "B [4 3] [3 1]"},
	{"B3x4", "2B", []int{2, 3}, "2B [2 3] [6 2]"},
	{"B3x4", "T{<h:a:B:b:B:c:}", nil, "T{<h:a:B:b:B:c:} [3] [4]"},
	{"F3x4", "B", nil, "B [12] [1]"},
	{"F3x4", "B", []int{4, 3}, "B [4 3] [1 4]"},
	{"F3x4", "h", []int{2, 3}, "h [2 3] [2 4]"},
	{"B0", "i", []int{0}, "i [0] [4]"},
	{"B0", "i", []int{0, 5}, "i [0 5] [20 4]"},
	{"B2x0", "B", []int{3, 0, 2}, "B [3 0 2] [0 2 1]"},
	{"B0", "B", []int{0, math.MaxInt, math.MaxInt}, "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX"},
	{"i()", "B", []int{2, 2}, "B [2 2] [2 1]"},
	{"i()", "h", []int{}, "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B12", "i", []int{-1}, "ValueError: memoryview.cast(): elements of shape must be integers >= 0"},
	{"B12", "i", make([]int, 65), "ValueError: memoryview: number of dimensions must not exceed 64"},
	{"B12", "d", nil, "TypeError: memoryview: length is not a multiple of itemsize"},
	{"B12", "0B", nil, "ValueError: itemsize must not be zero"},
	{"B3x4[::2]", "c", nil, "TypeError: memoryview: casts are restricted to C- or Fortran-contiguous views"},
	{"pil", "B", nil, "TypeError: memoryview: casts are restricted to C- or Fortran-contiguous views"},
}

func TestCastKeepsBytes(t *testing.T) {
	v := castSource(t, "B12")
	v.Readonly = true
	w, err := v.Cast("B", []int{3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if !w.Readonly || listString(t, w) != "[[0,1,2,3],[4,5,6,7],[8,9,10,11]]" {
		t.Errorf("got %v %s", w.Readonly, listString(t, w))
	}
	x, err := w.Cast("<", nil)
	if err == nil {
		t.Errorf("cast to %q: %+v", "<", x)
	}
}

func TestCast(t *testing.T) {
	for _, c := range generalCastCases {
		v, err := castSource(t, c.src).Cast(c.format, c.shape)
		if got := castResult(v, err); got != c.want {
			t.Errorf("%s.Cast(%q, %v):\n got %s\nwant %s", c.src, c.format, c.shape, got, c.want)
		}
	}
	if _, err := castSource(t, "B12").Cast("(", nil); err == nil {
		t.Error("bad format accepted")
	}
}

func TestCastFortranOrder(t *testing.T) {
	// Casting an F-contiguous view to 1-D lists its bytes in memory order,
	// which is Fortran order.
	f := castSource(t, "F3x4")
	flat, err := f.Cast("B", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := listString(t, flat); got != "[0,1,2,3,4,5,6,7,8,9,10,11]" {
		t.Errorf("flat %s", got)
	}
	for n := 0; n < 12; n++ {
		x, _ := f.Item(n%3, n/3)
		if x.Uint() != uint64(n) {
			t.Errorf("F item %d = %d", n, x.Uint())
		}
	}
}
