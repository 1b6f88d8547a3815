package gomv

import "testing"

// keyCases were produced with NumPy: a = numpy.arange(24, dtype=uint8)
// .reshape(2, 3, 4), then a[key].shape, .strides and .tolist(). Strides
// of dimensions of length <= 1 are not compared (-999).
var keyCases = []struct {
	keys           []Key
	shape, strides []int
	list           string
}{
	{[]Key{SliceKey(p(0), p(5), p(1))}, []int{2, 3, 4}, []int{12, 4, 1}, "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]"},
	{[]Key{SliceKey(p(5), nil, nil), NewAxis, SliceKey(p(-3), p(2), p(2))}, []int{0, 1, 1, 4}, []int{-999, -999, -999, 1}, "[]"},
	{[]Key{Ellipsis, SliceKey(p(-3), p(-5), p(1)), NewAxis, SliceKey(nil, p(-5), nil)}, []int{2, 0, 1, 0}, []int{12, -999, -999, -999}, "[[],[]]"},
	{[]Key{SliceKey(p(5), p(-3), p(3)), NewAxis, SliceKey(p(-1), p(5), nil)}, []int{0, 1, 1, 4}, []int{-999, -999, -999, 1}, "[]"},
	{[]Key{SliceKey(p(3), p(5), p(-2))}, []int{0, 3, 4}, []int{-999, 4, 1}, "[]"},
	{[]Key{SliceKey(p(1), p(5), nil), SliceKey(p(3), p(-3), p(-1)), NewAxis, SliceKey(nil, p(5), nil)}, []int{1, 2, 1, 4}, []int{-999, -4, -999, 1}, "[[[[20,21,22,23]],[[16,17,18,19]]]]"},
	{[]Key{IntKey(-2), NewAxis, IntKey(-1), IntKey(-3)}, []int{1}, []int{-999}, "[9]"},
	{[]Key{SliceKey(p(1), p(1), p(1)), SliceKey(p(5), p(3), p(3))}, []int{0, 0, 4}, []int{-999, -999, 1}, "[]"},
	{[]Key{}, []int{2, 3, 4}, []int{12, 4, 1}, "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]"},
	{[]Key{NewAxis, Ellipsis, IntKey(2), SliceKey(p(-1), p(1), p(2))}, []int{1, 2, 0}, []int{-999, 12, -999}, "[[[],[]]]"},
	{[]Key{SliceKey(nil, p(1), p(-2)), NewAxis}, []int{0, 1, 3, 4}, []int{-999, -999, 4, 1}, "[]"},
	{[]Key{IntKey(1), SliceKey(nil, p(0), p(1))}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{SliceKey(p(5), p(-1), p(-2)), SliceKey(p(5), nil, nil), NewAxis}, []int{0, 0, 1, 4}, []int{-999, -999, -999, 1}, "[]"},
	{[]Key{IntKey(0), IntKey(1)}, []int{4}, []int{1}, "[4,5,6,7]"},
	{[]Key{IntKey(-2), SliceKey(p(5), p(-1), p(-2))}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{Ellipsis, IntKey(-3)}, []int{2, 3}, []int{12, 4}, "[[1,5,9],[13,17,21]]"},
	{[]Key{NewAxis, SliceKey(p(2), p(-5), p(2))}, []int{1, 0, 3, 4}, []int{-999, -999, 4, 1}, "[[]]"},
	{[]Key{SliceKey(p(5), p(2), p(2)), IntKey(-3)}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{NewAxis, SliceKey(p(-1), p(0), p(1)), Ellipsis, SliceKey(p(5), p(-5), p(-2))}, []int{1, 0, 3, 2}, []int{-999, -999, 4, -2}, "[[]]"},
	{[]Key{IntKey(-1), SliceKey(p(-1), p(1), p(3)), SliceKey(p(1), p(-5), nil)}, []int{0, 0}, []int{-999, -999}, "[]"},
	{[]Key{IntKey(1)}, []int{3, 4}, []int{4, 1}, "[[12,13,14,15],[16,17,18,19],[20,21,22,23]]"},
	{[]Key{SliceKey(nil, p(2), p(2)), Ellipsis, SliceKey(p(3), p(0), p(-1)), NewAxis}, []int{1, 3, 3, 1}, []int{-999, 4, -1, -999}, "[[[[3],[2],[1]],[[7],[6],[5]],[[11],[10],[9]]]]"},
	{[]Key{NewAxis, IntKey(-2), IntKey(2), SliceKey(p(1), p(5), p(2))}, []int{1, 2}, []int{-999, 2}, "[[9,11]]"},
	{[]Key{SliceKey(p(3), p(-1), p(1)), IntKey(-3), SliceKey(nil, p(5), p(3))}, []int{0, 2}, []int{-999, 3}, "[]"},
	{[]Key{IntKey(1), SliceKey(p(0), p(-3), nil)}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{IntKey(-1)}, []int{3, 4}, []int{4, 1}, "[[12,13,14,15],[16,17,18,19],[20,21,22,23]]"},
	{[]Key{Ellipsis}, []int{2, 3, 4}, []int{12, 4, 1}, "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]"},
	{[]Key{SliceKey(nil, p(-1), p(3)), IntKey(1), SliceKey(nil, p(2), p(3))}, []int{1, 1}, []int{-999, -999}, "[[4]]"},
	{[]Key{NewAxis, NewAxis, IntKey(1)}, []int{1, 1, 3, 4}, []int{-999, -999, 4, 1}, "[[[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]]"},
	{[]Key{SliceKey(nil, p(0), p(-2)), SliceKey(p(5), p(-1), p(3)), SliceKey(p(0), p(1), p(2))}, []int{1, 0, 1}, []int{-999, -999, -999}, "[[]]"},
	{[]Key{SliceKey(nil, p(5), p(3))}, []int{1, 3, 4}, []int{-999, 4, 1}, "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]]]"},
	{[]Key{IntKey(0)}, []int{3, 4}, []int{4, 1}, "[[0,1,2,3],[4,5,6,7],[8,9,10,11]]"},
	{[]Key{SliceKey(nil, p(5), p(3)), NewAxis, IntKey(2), SliceKey(p(1), p(1), p(-2))}, []int{1, 1, 0}, []int{-999, -999, -999}, "[[[]]]"},
	{[]Key{IntKey(-2), SliceKey(p(1), p(-3), nil), SliceKey(p(0), p(0), nil)}, []int{0, 0}, []int{-999, -999}, "[]"},
	{[]Key{Ellipsis, IntKey(0), SliceKey(nil, p(0), p(3)), SliceKey(p(5), nil, nil)}, []int{0, 0}, []int{-999, -999}, "[]"},
	{[]Key{IntKey(0), IntKey(-3), SliceKey(p(-5), nil, p(3))}, []int{2}, []int{3}, "[0,3]"},
	{[]Key{Ellipsis, NewAxis, SliceKey(nil, p(5), nil)}, []int{2, 3, 1, 4}, []int{12, 4, -999, 1}, "[[[[0,1,2,3]],[[4,5,6,7]],[[8,9,10,11]]],[[[12,13,14,15]],[[16,17,18,19]],[[20,21,22,23]]]]"},
	{[]Key{SliceKey(nil, p(3), p(2)), SliceKey(p(3), p(0), nil), NewAxis, IntKey(-3)}, []int{1, 0, 1}, []int{-999, -999, -999}, "[[]]"},
	{[]Key{NewAxis}, []int{1, 2, 3, 4}, []int{-999, 12, 4, 1}, "[[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]]"},
	{[]Key{SliceKey(p(-1), p(0), p(3))}, []int{0, 3, 4}, []int{-999, 4, 1}, "[]"},
	{[]Key{SliceKey(p(3), p(1), p(-2)), NewAxis, SliceKey(p(1), p(-5), p(2)), SliceKey(p(-5), p(1), p(-3))}, []int{0, 1, 0, 0}, []int{-999, -999, -999, -999}, "[]"},
	{[]Key{NewAxis, SliceKey(p(5), p(-5), p(-3)), IntKey(-2)}, []int{1, 1, 4}, []int{-999, -999, 1}, "[[[16,17,18,19]]]"},
	{[]Key{SliceKey(p(-3), p(3), p(-2))}, []int{0, 3, 4}, []int{-999, 4, 1}, "[]"},
	{[]Key{SliceKey(p(5), p(5), p(3)), SliceKey(p(-3), p(-1), p(-1))}, []int{0, 0, 4}, []int{-999, -999, 1}, "[]"},
	{[]Key{SliceKey(p(-3), p(-5), p(3)), SliceKey(p(0), p(2), p(2))}, []int{0, 1, 4}, []int{-999, -999, 1}, "[]"},
	{[]Key{SliceKey(p(5), p(-3), p(-3))}, []int{1, 3, 4}, []int{-999, 4, 1}, "[[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]"},
	{[]Key{SliceKey(p(2), nil, nil), NewAxis, SliceKey(p(2), p(-3), nil)}, []int{0, 1, 0, 4}, []int{-999, -999, -999, 1}, "[]"},
	{[]Key{SliceKey(p(-3), p(-1), nil)}, []int{1, 3, 4}, []int{-999, 4, 1}, "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]]]"},
	{[]Key{IntKey(1), SliceKey(p(-1), p(-5), nil)}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{Ellipsis, IntKey(-1)}, []int{2, 3}, []int{12, 4}, "[[3,7,11],[15,19,23]]"},
	{[]Key{SliceKey(nil, nil, p(-2)), SliceKey(p(1), p(2), p(3)), IntKey(2)}, []int{1, 1}, []int{-999, -999}, "[[18]]"},
	{[]Key{SliceKey(p(1), p(-5), p(-3)), SliceKey(p(-1), nil, nil), SliceKey(p(2), p(3), nil), NewAxis}, []int{1, 1, 1, 1}, []int{-999, -999, -999, -999}, "[[[[22]]]]"},
	{[]Key{NewAxis, SliceKey(p(2), p(-1), p(-2)), SliceKey(nil, p(0), p(-1)), SliceKey(p(2), p(3), nil)}, []int{1, 0, 2, 1}, []int{-999, -999, -4, -999}, "[[]]"},
	{[]Key{IntKey(-1), SliceKey(p(-5), p(-5), p(1))}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{NewAxis, SliceKey(nil, p(3), nil)}, []int{1, 2, 3, 4}, []int{-999, 12, 4, 1}, "[[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]]"},
	{[]Key{IntKey(1), SliceKey(p(1), p(2), p(-2))}, []int{0, 4}, []int{-999, 1}, "[]"},
	{[]Key{IntKey(-2), IntKey(-1), SliceKey(nil, p(2), p(-1)), NewAxis}, []int{1, 1}, []int{-999, -999}, "[[11]]"},
	{[]Key{SliceKey(p(2), p(3), p(-1)), SliceKey(p(2), nil, p(-1)), SliceKey(nil, p(-3), nil)}, []int{0, 3, 1}, []int{-999, -4, -999}, "[]"},
	{[]Key{IntKey(-1), NewAxis, NewAxis}, []int{1, 1, 3, 4}, []int{-999, -999, 4, 1}, "[[[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]]"},
	{[]Key{SliceKey(p(5), nil, nil)}, []int{0, 3, 4}, []int{-999, 4, 1}, "[]"},
}

func TestKeyLikeNumPy(t *testing.T) {
	for _, c := range keyCases {
		for name, v := range map[string]*View{"cube": cube(t), "pil": pilCube(t), "deep": deepCube(t)} {
			w, err := v.Key(c.keys...)
			if err != nil {
				t.Errorf("%s %v: %v", name, c.keys, err)
				continue
			}
			got := listString(t, w)
			if !equalInts(w.Shape, c.shape) || got != c.list {
				t.Errorf("%s %v: shape %v %s, want %v %s", name, c.keys, w.Shape, got, c.shape, c.list)
			}
			if name != "cube" {
				continue
			}
			for d, s := range c.strides {
				if s != -999 && w.Strides[d] != s {
					t.Errorf("%v: strides %v, want %v", c.keys, w.Strides, c.strides)
				}
			}
		}
	}
}

func TestKeyErrors(t *testing.T) {
	v := pilCube(t)
	for _, tc := range []struct {
		keys []Key
		kind Kind
		msg  string
	}{
		{[]Key{IntKey(0), IntKey(0), IntKey(0), IntKey(0)}, IndexError, "too many indices for array: array is 3-dimensional, but 4 were indexed"},
		{[]Key{Ellipsis, NewAxis, Ellipsis}, IndexError, "an index can only have a single ellipsis ('...')"},
		// NumPy's words, checked with numpy 2.5 on a 2x3x4 array.
		{[]Key{IntKey(2)}, IndexError, "index 2 is out of bounds for axis 0 with size 2"},
		{[]Key{Ellipsis, IntKey(-5)}, IndexError, "index -5 is out of bounds for axis 2 with size 4"},
		{[]Key{NewAxis, IntKey(0), SliceKey(nil, nil, nil), IntKey(4)}, IndexError, "index 4 is out of bounds for axis 2 with size 4"},
		{[]Key{IntKey(0), Ellipsis, NewAxis, IntKey(7)}, IndexError, "index 7 is out of bounds for axis 2 with size 4"},
		{[]Key{NewAxis, NewAxis, IntKey(0), IntKey(0), IntKey(0), IntKey(0)}, IndexError, "too many indices for array: array is 3-dimensional, but 4 were indexed"},
		{[]Key{SliceKey(nil, nil, p(0))}, ValueError, "slice step cannot be zero"},
		{[]Key{{Kind: 9}}, IndexError, msgInvalidIndex},
	} {
		_, err := v.Key(tc.keys...)
		checkErr(t, tc.msg, err, tc.kind, tc.msg)
	}
}

func TestKeyNewAxisIndirect(t *testing.T) {
	// New axes shift the dimension numbers Deref sees; the fixtures fail
	// the test if a dimension is misnumbered.
	for _, v := range []*View{pilCube(t), deepCube(t)} {
		w, err := v.Key(NewAxis, SliceKey(p(1), nil, nil), NewAxis, IntKey(1), NewAxis)
		if err != nil {
			t.Fatal(err)
		}
		if got := listString(t, w); got != "[[[[[16,17,18,19]]]]]" {
			t.Errorf("got %s", got)
		}
		if w.Suboffsets[0] != -1 || w.Strides[0] != 0 {
			t.Errorf("new axis: strides %v suboffsets %v", w.Strides, w.Suboffsets)
		}
	}
	w, err := cube(t).Key()
	if err != nil || listString(t, w) != cubeList {
		t.Errorf("empty key: %v", err)
	}
}
