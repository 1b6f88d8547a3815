package gomv

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// reshapeCases were checked with numpy 2.5: a = numpy.arange(24,
// dtype=uint8).reshape(2, 3, 4), then a[key].reshape(shape).strides, or
// "copy" where numpy had to copy (numpy.shares_memory is false). Strides
// of dimensions of length one are numpy's too.
var reshapeCases = []struct {
	keys    []Key
	shape   []int
	strides []int // nil: numpy copies, Reshape refuses
}{
	{nil, []int{4, 6}, []int{6, 1}},
	{nil, []int{24}, []int{1}},
	{nil, []int{-1, 2}, []int{2, 1}},
	{nil, []int{2, 1, 3, 1, 4}, []int{12, 12, 4, 4, 1}},
	{nil, []int{1, 24, 1}, []int{24, 1, 1}},
	{[]Key{Ellipsis, SliceKey(nil, nil, p(2))}, []int{12}, []int{2}},
	{[]Key{Ellipsis, SliceKey(nil, nil, p(2))}, []int{2, 6}, []int{12, 2}},
	{[]Key{Ellipsis, SliceKey(nil, nil, p(2))}, []int{6, 2}, []int{4, 2}},
	{[]Key{Ellipsis, SliceKey(nil, nil, p(2))}, []int{3, 4}, []int{8, 2}},
	{[]Key{SliceKey(nil, nil, nil), SliceKey(nil, nil, p(-1))}, []int{2, 3, 2, 2}, []int{12, -4, 2, 1}},
	{[]Key{SliceKey(nil, nil, nil), SliceKey(nil, nil, p(-1))}, []int{6, 4}, nil},
	{[]Key{SliceKey(nil, nil, nil), SliceKey(nil, nil, p(-1))}, []int{2, 12}, nil},
	{[]Key{SliceKey(nil, nil, nil), SliceKey(p(1), p(2), nil)}, []int{2, 4}, []int{12, 1}},
	{[]Key{SliceKey(nil, nil, nil), SliceKey(p(1), p(2), nil)}, []int{8}, nil},
	{[]Key{SliceKey(nil, nil, p(2)), SliceKey(nil, nil, nil), IntKey(1)}, []int{3}, []int{4}},
}

func TestReshapeLikeNumPy(t *testing.T) {
	for _, c := range reshapeCases {
		v, err := cube(t).Key(c.keys...)
		if err != nil {
			t.Fatal(err)
		}
		w, err := v.Reshape(c.shape...)
		if c.strides == nil {
			if k, _ := KindOf(err); err == nil || k != ValueError {
				t.Errorf("%v.Reshape(%v) = %+v, %v; numpy copies", c.keys, c.shape, w, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(w.Strides, c.strides) {
			t.Errorf("%v.Reshape(%v): %+v, %v; want strides %v", c.keys, c.shape, w, err, c.strides)
			continue
		}
		checkSameItems(t, v, w)
	}
	// The failure says why.
	v, _ := cube(t).Transpose()
	_, err := v.Reshape(24)
	checkErr(t, "transposed", err, ValueError,
		"gomv: cannot reshape a view of shape (4, 3, 2) and strides (1, 4, 12) into shape (24,) without copying")
}

// checkSameItems fails unless v and w list the same items in C order and
// share memory.
func checkSameItems(t *testing.T, v, w *View) {
	t.Helper()
	a, _ := v.Bytes(OrderC)
	b, _ := w.Bytes(OrderC)
	if string(a) != string(b) || len(w.Mem) > 0 && &w.Mem[0] != &v.Mem[0] {
		t.Errorf("%+v and %+v differ: %v, %v", v.Layout, w.Layout, a, b)
	}
}

func TestReshapeErrors(t *testing.T) {
	v := cube(t)
	for _, tc := range []struct {
		shape []int
		kind  Kind
		msg   string
	}{
		// numpy 2.5's words, quirks included.
		{[]int{5}, ValueError, "cannot reshape array of size 24 into shape (5,)"},
		{[]int{5, 1, 2, 2}, ValueError, "cannot reshape array of size 24 into shape (5,1,2,2)"},
		{[]int{-1, 5}, ValueError, "cannot reshape array of size 24 into shape (5)"},
		{[]int{5, -1}, ValueError, "cannot reshape array of size 24 into shape (5,newaxis)"},
		{[]int{2, -1, 5}, ValueError, "cannot reshape array of size 24 into shape (2,newaxis,5)"},
		{[]int{-2, 5}, ValueError, "cannot reshape array of size 24 into shape (5)"},
		{[]int{-1, -1}, ValueError, "can only specify one unknown dimension"},
		{[]int{-1, 0}, ValueError, "cannot reshape array of size 24 into shape (0)"},
		{[]int{0, -1}, ValueError, "cannot reshape array of size 24 into shape (0,newaxis)"},
		{[]int{}, ValueError, "cannot reshape array of size 24 into shape ()"},
		{[]int{math.MaxInt / 2, 4}, ValueError, "cannot reshape array of size 24 into shape (4611686018427387903,4)"},
		{make([]int, 65), ValueError, "memoryview: number of dimensions must not exceed 64"},
	} {
		_, err := v.Reshape(tc.shape...)
		checkErr(t, "Reshape", err, tc.kind, tc.msg)
	}
	_, err := pilCube(t).Reshape(24)
	checkErr(t, "pil", err, NotImplementedError, "gomv: cannot reshape a view with suboffsets")
	// Empty views take any shape of size zero; scalars any shape of ones.
	e, _ := NewViewLayout(nil, 0, "B", CLayout(1, 0, 3))
	if w, err := e.Reshape(3, -1, 2); err != nil || !reflect.DeepEqual(w.Shape, []int{3, 0, 2}) {
		t.Errorf("empty: %+v, %v", w, err)
	}
	s, _ := NewViewLayout([]byte{7}, 0, "B", CLayout(1))
	if w, err := s.Reshape(1, 1); err != nil || !reflect.DeepEqual(w.Strides, []int{1, 1}) {
		t.Errorf("scalar: %+v, %v", w, err)
	} else if back, err := w.Reshape(); err != nil || len(back.Shape) != 0 {
		t.Errorf("back to a scalar: %+v, %v", back, err)
	}
}

// Any reshape Reshape accepts keeps the items in C order, for any strided
// view; a C-contiguous view accepts every shape of its size.
func TestReshapeRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	accepted := 0
	for i := 0; i < 3000; i++ {
		v := randView(rng)
		if v.indirect() {
			continue
		}
		shape := randFactors(rng, v.Len())
		w, err := v.Reshape(shape...)
		if err != nil {
			if v.IsCContiguous() {
				t.Fatalf("C-contiguous %+v refused %v: %v", v.Layout, shape, err)
			}
			continue
		}
		accepted++
		if err := w.Validate(len(w.Mem), w.Off); err != nil {
			t.Fatalf("%+v -> %v: %v", v.Layout, shape, err)
		}
		checkSameItems(t, v, w)
	}
	if accepted < 1000 {
		t.Errorf("only %d reshapes accepted", accepted)
	}
}

// randFactors returns a random shape of n items (with ones mixed in).
func randFactors(rng *rand.Rand, n int) []int {
	var shape []int
	for n > 1 && len(shape) < 6 {
		d := 1 + rng.IntN(n)
		for n%d != 0 {
			d--
		}
		shape = append(shape, d)
		n /= d
		if rng.IntN(5) == 0 {
			shape = append(shape, 1)
		}
	}
	if n != 1 || rng.IntN(3) == 0 {
		shape = append(shape, n)
	}
	return shape
}
