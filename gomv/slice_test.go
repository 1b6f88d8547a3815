package gomv

import (
	"math"
	"testing"
)

// sliceCases come from CPython's slice(start, stop, step).indices(length)
// and len(range(...)) of the result. Steps below -math.MaxInt are clamped
// to -math.MaxInt, as PySlice_Unpack (which memoryview uses) does.
var sliceCases = []struct {
	length            int
	start, stop, step *int
	wstart, wstop     int
	wstep, wlen       int
}{
	{0, p(10), p(-1), p(3), 0, 0, 3, 0},
	{0, p(math.MinInt), p(math.MaxInt), p(-math.MaxInt), -1, -1, -math.MaxInt, 0},
	{0, nil, p(math.MaxInt - 1), p(math.MaxInt), 0, 0, math.MaxInt, 0},
	{0, p(math.MinInt), p(2), nil, 0, 0, 1, 0},
	{0, p(1), p(0), p(3), 0, 0, 3, 0},
	{0, p(5), p(math.MaxInt - 1), p(-1), -1, -1, -1, 0},
	{0, p(3), p(-5), p(1), 0, 0, 1, 0},
	{0, p(10), p(2), nil, 0, 0, 1, 0},
	{0, p(math.MaxInt), p(2), p(-3), -1, -1, -3, 0},
	{0, p(-1), p(1), p(-3), -1, -1, -3, 0},
	{0, p(1), p(math.MinInt), p(1), 0, 0, 1, 0},
	{0, p(1), p(10), p(math.MinInt), -1, -1, -math.MaxInt, 0},
	{0, p(5), p(1), p(2), 0, 0, 2, 0},
	{0, nil, p(math.MaxInt - 1), nil, 0, 0, 1, 0},
	{0, p(2), p(math.MinInt), p(-1), -1, -1, -1, 0},
	{0, p(1), p(math.MaxInt - 1), p(2), 0, 0, 2, 0},
	{0, p(-1), p(-2), p(-1), -1, -1, -1, 0},
	{0, p(-5), p(-10), p(-1), -1, -1, -1, 0},
	{0, p(1), p(math.MaxInt), p(-1), -1, -1, -1, 0},
	{0, p(3), p(-1), nil, 0, 0, 1, 0},
	{0, p(-2), p(3), p(2), 0, 0, 2, 0},
	{0, p(1), p(-1), p(1), 0, 0, 1, 0},
	{0, p(-2), p(-1), p(math.MinInt), -1, -1, -math.MaxInt, 0},
	{0, p(10), nil, p(math.MinInt), -1, -1, -math.MaxInt, 0},
	{0, p(-10), p(math.MaxInt), p(3), 0, 0, 3, 0},
	{0, p(0), p(-1), p(3), 0, 0, 3, 0},
	{0, p(math.MaxInt - 1), p(-1), p(math.MaxInt), 0, 0, math.MaxInt, 0},
	{0, p(math.MaxInt), p(-2), p(2), 0, 0, 2, 0},
	{0, p(5), p(5), p(2), 0, 0, 2, 0},
	{0, nil, p(-1), nil, 0, 0, 1, 0},
	{0, p(math.MaxInt), p(-2), p(-3), -1, -1, -3, 0},
	{0, nil, p(-5), p(-3), -1, -1, -3, 0},
	{0, p(-2), p(3), p(math.MinInt), -1, -1, -math.MaxInt, 0},
	{0, p(math.MaxInt - 1), nil, p(math.MaxInt), 0, 0, math.MaxInt, 0},
	{0, nil, p(math.MaxInt), p(2), 0, 0, 2, 0},
	{0, p(10), p(2), p(1), 0, 0, 1, 0},
	{0, p(math.MinInt), p(2), p(math.MaxInt), 0, 0, math.MaxInt, 0},
	{0, p(-2), p(-5), p(3), 0, 0, 3, 0},
	{0, p(-5), p(-1), p(math.MaxInt), 0, 0, math.MaxInt, 0},
	{0, p(0), p(10), p(3), 0, 0, 3, 0},
	{1, p(math.MaxInt - 1), p(-1), nil, 1, 0, 1, 0},
	{1, p(3), p(0), p(-1), 0, 0, -1, 0},
	{1, p(-2), p(-5), p(math.MinInt), -1, -1, -math.MaxInt, 0},
	{1, p(-2), p(1), p(3), 0, 1, 3, 1},
	{1, p(-1), p(math.MaxInt), p(-math.MaxInt), 0, 0, -math.MaxInt, 0},
	{1, p(0), p(-1), p(3), 0, 0, 3, 0},
	{1, p(-1), p(1), p(1), 0, 1, 1, 1},
	{1, p(-10), p(1), p(-2), -1, 0, -2, 0},
	{1, p(5), p(1), nil, 1, 1, 1, 0},
	{1, p(0), p(10), p(-math.MaxInt), 0, 0, -math.MaxInt, 0},
	{1, p(3), nil, p(-1), 0, -1, -1, 1},
	{1, p(math.MaxInt), p(10), p(3), 1, 1, 3, 0},
	{1, p(math.MaxInt - 1), p(-1), p(math.MaxInt), 1, 0, math.MaxInt, 0},
	{1, p(-10), p(3), p(2), 0, 1, 2, 1},
	{1, nil, p(-10), nil, 0, 0, 1, 0},
	{1, p(math.MinInt), p(5), p(3), 0, 1, 3, 1},
	{1, p(math.MaxInt - 1), p(2), p(2), 1, 1, 2, 0},
	{1, p(math.MaxInt), p(10), p(2), 1, 1, 2, 0},
	{1, p(-10), p(math.MinInt), p(-3), -1, -1, -3, 0},
	{1, p(0), p(1), p(-3), 0, 0, -3, 0},
	{1, p(-2), p(1), nil, 0, 1, 1, 1},
	{1, p(math.MaxInt - 1), p(3), p(-2), 0, 0, -2, 0},
	{1, p(1), p(5), p(math.MinInt), 0, 0, -math.MaxInt, 0},
	{1, p(math.MaxInt - 1), p(1), p(-math.MaxInt), 0, 0, -math.MaxInt, 0},
	{1, p(5), p(5), p(3), 1, 1, 3, 0},
	{1, p(5), p(-1), p(-2), 0, 0, -2, 0},
	{1, p(5), p(3), p(2), 1, 1, 2, 0},
	{1, p(0), p(3), p(-math.MaxInt), 0, 0, -math.MaxInt, 0},
	{1, p(1), p(-10), p(math.MaxInt), 1, 0, math.MaxInt, 0},
	{1, p(math.MaxInt - 1), p(-2), p(2), 1, 0, 2, 0},
	{1, p(0), p(5), p(-2), 0, 0, -2, 0},
	{1, p(-5), p(math.MinInt), p(-math.MaxInt), -1, -1, -math.MaxInt, 0},
	{1, p(math.MaxInt - 1), p(-5), p(3), 1, 0, 3, 0},
	{1, p(0), p(math.MinInt), p(3), 0, 0, 3, 0},
	{1, p(math.MaxInt), p(10), nil, 1, 1, 1, 0},
	{1, p(math.MinInt), p(-1), p(3), 0, 0, 3, 0},
	{1, p(-5), p(math.MaxInt), p(-2), -1, 0, -2, 0},
	{1, p(math.MaxInt - 1), p(5), p(-2), 0, 0, -2, 0},
	{1, p(math.MinInt), p(math.MaxInt), p(-2), -1, 0, -2, 0},
	{1, p(-2), p(-10), p(2), 0, 0, 2, 0},
	{5, p(10), p(math.MaxInt - 1), nil, 5, 5, 1, 0},
	{5, p(5), p(-5), p(-2), 4, 0, -2, 2},
	{5, p(-2), p(-10), p(-2), 3, -1, -2, 2},
	{5, p(5), p(-1), p(-math.MaxInt), 4, 4, -math.MaxInt, 0},
	{5, p(-10), p(-10), p(3), 0, 0, 3, 0},
	{5, p(-2), p(-1), p(3), 3, 4, 3, 1},
	{5, p(math.MaxInt), p(math.MaxInt - 1), p(-3), 4, 4, -3, 0},
	{5, p(-2), p(math.MaxInt - 1), p(2), 3, 5, 2, 1},
	{5, p(math.MaxInt - 1), p(math.MaxInt - 1), p(math.MaxInt), 5, 5, math.MaxInt, 0},
	{5, p(-2), p(-2), p(-math.MaxInt), 3, 3, -math.MaxInt, 0},
	{5, p(1), p(-5), p(2), 1, 0, 2, 0},
	{5, p(2), p(math.MaxInt - 1), p(3), 2, 5, 3, 1},
	{5, p(math.MaxInt - 1), p(5), p(-2), 4, 4, -2, 0},
	{5, p(math.MaxInt), p(0), p(-3), 4, 0, -3, 2},
	{5, p(1), p(10), p(math.MinInt), 1, 4, -math.MaxInt, 0},
	{5, p(-5), p(-10), p(-3), 0, -1, -3, 1},
	{5, p(-1), p(10), p(-math.MaxInt), 4, 4, -math.MaxInt, 0},
	{5, p(math.MinInt), p(math.MaxInt - 1), p(-2), -1, 4, -2, 0},
	{5, p(math.MaxInt), nil, p(-1), 4, -1, -1, 5},
	{5, p(1), p(10), p(math.MaxInt), 1, 5, math.MaxInt, 1},
	{5, p(10), p(-10), p(2), 5, 0, 2, 0},
	{5, p(2), p(math.MinInt), p(2), 2, 0, 2, 0},
	{5, p(-10), p(math.MaxInt), nil, 0, 5, 1, 5},
	{5, p(5), p(2), p(2), 5, 2, 2, 0},
	{5, nil, p(1), p(1), 0, 1, 1, 1},
	{5, p(-2), p(1), p(math.MaxInt), 3, 1, math.MaxInt, 0},
	{5, p(2), p(-5), nil, 2, 0, 1, 0},
	{5, p(3), p(5), p(3), 3, 5, 3, 1},
	{5, p(3), p(-10), p(math.MinInt), 3, -1, -math.MaxInt, 1},
	{5, p(0), p(10), p(-1), 0, 4, -1, 0},
	{5, p(2), p(math.MaxInt), p(3), 2, 5, 3, 1},
	{5, nil, p(-2), p(-3), 4, 3, -3, 1},
	{5, p(-1), p(math.MaxInt - 1), p(-3), 4, 4, -3, 0},
	{5, p(math.MaxInt - 1), p(0), p(-math.MaxInt), 4, 0, -math.MaxInt, 1},
	{5, p(-2), nil, p(-math.MaxInt), 3, -1, -math.MaxInt, 1},
	{5, p(10), p(-1), p(1), 5, 4, 1, 0},
	{5, p(-1), p(-5), p(-math.MaxInt), 4, 0, -math.MaxInt, 1},
	{5, p(-2), p(10), p(-2), 3, 4, -2, 0},
	{5, p(3), p(3), p(math.MinInt), 3, 3, -math.MaxInt, 0},
	{10, p(-10), p(-5), p(3), 0, 5, 3, 2},
	{10, p(5), p(1), p(2), 5, 1, 2, 0},
	{10, p(10), p(3), p(math.MinInt), 9, 3, -math.MaxInt, 1},
	{10, p(5), p(2), p(2), 5, 2, 2, 0},
	{10, p(10), p(0), p(3), 10, 0, 3, 0},
	{10, p(math.MaxInt - 1), p(-10), nil, 10, 0, 1, 0},
	{10, p(3), p(0), p(3), 3, 0, 3, 0},
	{10, p(10), p(10), p(-math.MaxInt), 9, 9, -math.MaxInt, 0},
	{10, p(1), p(-2), p(math.MinInt), 1, 8, -math.MaxInt, 0},
	{10, p(3), p(3), p(-3), 3, 3, -3, 0},
	{10, p(2), p(5), p(-2), 2, 5, -2, 0},
	{10, p(5), p(math.MaxInt), p(-3), 5, 9, -3, 0},
	{10, p(3), p(math.MaxInt - 1), p(2), 3, 10, 2, 4},
	{10, p(10), p(10), p(-2), 9, 9, -2, 0},
	{10, p(math.MaxInt), p(-1), p(math.MaxInt), 10, 9, math.MaxInt, 0},
	{10, p(-1), p(3), nil, 9, 3, 1, 0},
	{10, p(-2), p(-1), p(math.MaxInt), 8, 9, math.MaxInt, 1},
	{10, p(-1), p(1), p(math.MaxInt), 9, 1, math.MaxInt, 0},
	{10, nil, p(0), p(math.MinInt), 9, 0, -math.MaxInt, 1},
	{10, p(5), p(2), p(-2), 5, 2, -2, 2},
	{10, nil, p(math.MinInt), p(2), 0, 0, 2, 0},
	{10, p(math.MaxInt - 1), p(3), nil, 10, 3, 1, 0},
	{10, p(5), p(-5), p(-math.MaxInt), 5, 5, -math.MaxInt, 0},
	{10, p(-1), p(2), p(math.MaxInt), 9, 2, math.MaxInt, 0},
	{10, p(math.MinInt), nil, p(-1), -1, -1, -1, 0},
	{10, p(5), p(-1), p(2), 5, 9, 2, 2},
	{10, p(math.MaxInt), p(-1), p(-2), 9, 9, -2, 0},
	{10, p(5), p(10), p(math.MaxInt), 5, 10, math.MaxInt, 1},
	{10, p(-5), p(-10), p(math.MinInt), 5, 0, -math.MaxInt, 1},
	{10, p(math.MaxInt), p(0), nil, 10, 0, 1, 0},
	{10, p(math.MinInt), p(1), p(-2), -1, 1, -2, 0},
	{10, p(-1), p(-5), p(3), 9, 5, 3, 0},
	{10, p(10), p(-1), p(-math.MaxInt), 9, 9, -math.MaxInt, 0},
	{10, nil, p(5), p(3), 0, 5, 3, 2},
	{10, p(-2), p(-10), p(math.MinInt), 8, 0, -math.MaxInt, 1},
	{10, p(1), nil, nil, 1, 10, 1, 9},
	{10, p(-1), p(-5), p(math.MaxInt), 9, 5, math.MaxInt, 0},
	{10, p(-10), p(0), p(-math.MaxInt), 0, 0, -math.MaxInt, 0},
	{10, p(2), nil, p(-3), 2, -1, -3, 1},
	{10, p(math.MinInt), p(math.MinInt), p(-3), -1, -1, -3, 0},
}

func TestSliceIndices(t *testing.T) {
	for _, c := range sliceCases {
		a, b, s, n, err := SliceIndices(c.length, c.start, c.stop, c.step)
		if err != nil || a != c.wstart || b != c.wstop || s != c.wstep || n != c.wlen {
			t.Errorf("SliceIndices(%d, %v, %v, %v) = %d, %d, %d, %d, %v; want %d, %d, %d, %d",
				c.length, deref(c.start), deref(c.stop), deref(c.step), a, b, s, n, err, c.wstart, c.wstop, c.wstep, c.wlen)
		}
	}
	_, _, _, _, err := SliceIndices(3, nil, nil, p(0))
	checkErr(t, "zero step", err, ValueError, "slice step cannot be zero")
	_, _, _, _, err = SliceIndices(-1, nil, nil, nil)
	checkErr(t, "negative length", err, ValueError, "length should not be negative")
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestSliceLikeNdarray checks strides, suboffsets and items against
// _testbuffer.ndarray slices of a 2x3x4 array, plain and ND_PIL.
func TestSliceLikeNdarray(t *testing.T) {
	type sl struct{ start, stop, step int }
	for _, tc := range []struct {
		slices         []sl
		shape, strides []int
		pilSub         int
		list           string
	}{
		{[]sl{{1, 2, 1}, {2, -1, -2}}, []int{1, 2, 4}, []int{12, -8, 1}, 8, "[[[20,21,22,23],[12,13,14,15]]]"},
		{[]sl{{0, 2, 1}, {1, 3, 1}, {2, 4, 1}}, []int{2, 2, 2}, []int{12, 4, 1}, 6, "[[[6,7],[10,11]],[[18,19],[22,23]]]"},
		{[]sl{{1, -1, -1}, {2, 0, -1}, {0, 4, 3}}, []int{2, 2, 2}, []int{-12, -4, 3}, 8, "[[[20,23],[16,19]],[[8,11],[4,7]]]"},
	} {
		for _, v := range []*View{cube(t), pilCube(t), deepCube(t)} {
			pil := v.Suboffsets != nil
			deep := pil && v.Suboffsets[1] >= 0
			var err error
			for d, s := range tc.slices {
				if v, err = v.Slice(d, s.start, s.stop, s.step); err != nil {
					t.Fatal(err)
				}
			}
			if got := listString(t, v); got != tc.list {
				t.Errorf("pil %v deep %v %v: %s, want %s", pil, deep, tc.slices, got, tc.list)
			}
			if !equalInts(v.Shape, tc.shape) {
				t.Errorf("%v: shape %v", tc.slices, v.Shape)
			}
			if pil && !deep && (v.Suboffsets[0] != tc.pilSub || v.Strides[1] != tc.strides[1] || v.Strides[2] != tc.strides[2]) {
				t.Errorf("%v: pil strides %v suboffsets %v", tc.slices, v.Strides, v.Suboffsets)
			}
			if !pil && !equalInts(v.Strides, tc.strides) {
				t.Errorf("%v: strides %v", tc.slices, v.Strides)
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSliceErrors(t *testing.T) {
	v := cube(t)
	for _, tc := range []struct {
		dim, start, stop, step int
		kind                   Kind
		msg                    string
	}{
		{3, 0, 1, 1, IndexError, "dimension 3 out of range for a 3-dimensional view"},
		{-1, 0, 1, 1, IndexError, "dimension -1 out of range for a 3-dimensional view"},
		{0, 0, 1, 0, ValueError, "slice step cannot be zero"},
		{0, 0, 3, 1, IndexError, "slice 0:3:1 out of range for dimension 1 of length 2"},
		{1, -1, 2, 1, IndexError, "slice -1:2:1 out of range for dimension 2 of length 3"},
		{2, 3, -2, -2, IndexError, "slice 3:-2:-2 out of range for dimension 3 of length 4"},
	} {
		_, err := v.Slice(tc.dim, tc.start, tc.stop, tc.step)
		checkErr(t, tc.msg, err, tc.kind, tc.msg)
	}
	_, err := v.Sub(3, 0)
	checkErr(t, "sub dim", err, IndexError, "dimension 3 out of range for a 3-dimensional view")
	_, err = v.Sub(1, 3)
	checkErr(t, "sub index", err, IndexError, "index out of bounds on dimension 2")
}

// TestSliceEmptyAndStrides checks that stride*step is kept even for
// slices of at most one item (memoryview's contiguity attributes depend on
// it, see internal/cpython.Contiguous) and that an empty slice leaves Off
// alone.
func TestSliceEmptyAndStrides(t *testing.T) {
	v, _ := NewView(seq(3), "B")
	for _, tc := range []struct {
		start, stop, step int
		stride, off       int
		c                 bool
	}{
		{2, -1, -1, -1, 2, false},
		{0, 1, 2, 2, 0, true},
		{-1, -1, -1, -1, 0, true}, // empty: contiguous, though memoryview says not
		{3, 3, 1, 1, 0, true},
	} {
		w, err := v.Slice(0, tc.start, tc.stop, tc.step)
		if err != nil {
			t.Fatal(err)
		}
		if w.Strides[0] != tc.stride || w.Off != tc.off || w.IsCContiguous() != tc.c {
			t.Errorf("%d:%d:%d: stride %d off %d c %v", tc.start, tc.stop, tc.step, w.Strides[0], w.Off, w.IsCContiguous())
		}
	}
	if v.Strides[0] != 1 {
		t.Error("Slice changed its receiver")
	}
}

func TestSub(t *testing.T) {
	for _, tc := range []struct {
		dim, i int
		list   string
	}{
		{0, 1, "[[12,13,14,15],[16,17,18,19],[20,21,22,23]]"},
		{0, -2, "[[0,1,2,3],[4,5,6,7],[8,9,10,11]]"},
		{1, 2, "[[8,9,10,11],[20,21,22,23]]"},
		{1, -3, "[[0,1,2,3],[12,13,14,15]]"},
		{2, 3, "[[3,7,11],[15,19,23]]"},
	} {
		for name, v := range map[string]*View{"cube": cube(t), "pil": pilCube(t), "deep": deepCube(t)} {
			w, err := v.Sub(tc.dim, tc.i)
			if err != nil {
				t.Fatal(err)
			}
			if got := listString(t, w); got != tc.list {
				t.Errorf("%s Sub(%d, %d) = %s, want %s", name, tc.dim, tc.i, got, tc.list)
			}
			// Sub of a sub: down to a scalar.
			for w.Ndim() > 0 {
				if w, err = w.Sub(w.Ndim()-1, -1); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := w.Item(); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestSubComposes takes every item of every fixture through every order
// of Sub calls and of slices.
func TestSubComposes(t *testing.T) {
	for name, base := range map[string]*View{"cube": cube(t), "pil": pilCube(t), "deep": deepCube(t)} {
		for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
			for n := 0; n < 24; n++ {
				idx := []int{n / 12, n / 4 % 3, n % 4}
				v := base
				dims := []int{0, 1, 2} // original dimension of each of v's
				for _, d := range order {
					k := indexOf(dims, d)
					s, err := v.Slice(k, idx[d], idx[d]+1, 1)
					if err != nil {
						t.Fatal(err)
					}
					if v, err = s.Sub(k, 0); err != nil {
						t.Fatal(err)
					}
					dims = append(dims[:k:k], dims[k+1:]...)
				}
				x, err := v.Item()
				if err != nil || x.Uint() != uint64(n) {
					t.Errorf("%s order %v item %v = %v, %v", name, order, idx, x.Uint(), err)
				}
			}
		}
	}
}

func indexOf(s []int, x int) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

func TestSubEmpty(t *testing.T) {
	for _, v := range []*View{pilCube(t), deepCube(t)} {
		e, err := v.Slice(2, 0, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		w, err := e.Sub(0, 1) // must not follow any pointer
		if err != nil || w.Off != e.Off || !equalInts(w.Shape, []int{3, 0}) {
			t.Errorf("Sub of empty: %+v, %v", w, err)
		}
		if w, err = e.Slice(1, 1, 2, 1); err != nil || w.Off != e.Off || w.Suboffsets[0] != 0 {
			t.Errorf("Slice of empty: %+v, %v", w, err)
		}
	}
}
