package gomv

import (
	"reflect"
	"testing"
)

// transposeCases were checked with numpy 2.5 on numpy.arange(24,
// dtype=uint8).reshape(2, 3, 4).
func TestTransposeLikeNumPy(t *testing.T) {
	for _, tc := range []struct {
		axes           []int
		shape, strides []int
	}{
		{nil, []int{4, 3, 2}, []int{1, 4, 12}},
		{[]int{1, 0, 2}, []int{3, 2, 4}, []int{4, 12, 1}},
		{[]int{2, 0, 1}, []int{4, 2, 3}, []int{1, 12, 4}},
		{[]int{-1, 0, 1}, []int{4, 2, 3}, []int{1, 12, 4}},
		{[]int{0, 1, 2}, []int{2, 3, 4}, []int{12, 4, 1}},
	} {
		v := cube(t)
		w, err := v.Transpose(tc.axes...)
		if err != nil || !reflect.DeepEqual(w.Shape, tc.shape) || !reflect.DeepEqual(w.Strides, tc.strides) {
			t.Errorf("Transpose(%v) = %+v, %v", tc.axes, w, err)
			continue
		}
		// Item (i, j, k) of the result is item perm⁻¹ of v.
		forEachIndex(w.Shape, OrderC, func(idx []int) {
			src := make([]int, 3)
			perm := tc.axes
			if perm == nil {
				perm = []int{2, 1, 0}
			}
			for i, d := range perm {
				src[(d+3)%3] = idx[i]
			}
			a, _ := w.Item(idx...)
			b, _ := v.Item(src...)
			if a.Uint() != b.Uint() {
				t.Fatalf("Transpose(%v)%v = %v, v%v = %v", tc.axes, idx, a, src, b)
			}
		})
		if &w.Mem[0] != &v.Mem[0] || !reflect.DeepEqual(v.Shape, []int{2, 3, 4}) {
			t.Error("Transpose copied or changed its receiver")
		}
	}
	// b = a[:, ::-1, 1]; b.T
	b, _ := cube(t).Key(SliceKey(nil, nil, nil), SliceKey(nil, nil, p(-1)), IntKey(1))
	bt, err := b.T()
	if err != nil || !reflect.DeepEqual(bt.Strides, []int{-4, 12}) || listString(t, bt) != "[[9,21],[5,17],[1,13]]" {
		t.Errorf("b.T = %+v %s, %v", bt, listString(t, bt), err)
	}
	s, _ := NewViewLayout([]byte{1}, 0, "B", CLayout(1))
	if st, err := s.T(); err != nil || len(st.Shape) != 0 {
		t.Errorf("scalar T: %+v, %v", st, err)
	}
}

func TestTransposeErrors(t *testing.T) {
	v := cube(t)
	for _, tc := range []struct {
		axes []int
		kind Kind
		msg  string
	}{
		{[]int{0, 1}, ValueError, "axes don't match array"},
		{[]int{0, 1, 3}, ValueError, "axis 3 is out of bounds for array of dimension 3"},
		{[]int{0, 1, -4}, ValueError, "axis -4 is out of bounds for array of dimension 3"},
		{[]int{0, 1, 1}, ValueError, "repeated axis in transpose"},
		{[]int{0, 1, -2}, ValueError, "repeated axis in transpose"},
	} {
		_, err := v.Transpose(tc.axes...)
		checkErr(t, "Transpose", err, tc.kind, tc.msg)
	}
	pil := pilCube(t)
	_, err := pil.T()
	checkErr(t, "pil", err, NotImplementedError, "gomv: cannot reorder the dimensions of a view with suboffsets")
	if w, err := pil.Transpose(0, 1, 2); err != nil || listString(t, w) != listString(t, pil) {
		t.Errorf("pil identity: %v", err)
	}
}
