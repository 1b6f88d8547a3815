package gomv

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestBytesMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	views := []*View{pilView([3]int{2, 3, 4}, 2, false), pilView([3]int{3, 2, 2}, 8, true),
		innermostIndirect(3, 4, 4), innermostIndirect(2, 5, 3)}
	for i := 0; i < 500; i++ {
		views = append(views, randView(rng))
	}
	for i, v := range views {
		for _, order := range []Order{OrderC, OrderFortran, OrderAny} {
			want := order
			if order == 'A' {
				want = 'C'
				if v.IsContiguous(OrderFortran) && !v.IsContiguous(OrderC) {
					want = 'F'
				}
			}
			ref := refBytes(v, want)
			got, err := v.Bytes(order)
			if err != nil || !bytes.Equal(got, ref) {
				t.Fatalf("view %d %+v off %d order %c: got %v, %v want %v", i, v.Layout, v.Off, order, got, err, ref)
			}
			prefix := []byte("xyz")
			app, err := v.AppendBytes(prefix[:2:2], order)
			if err != nil || string(app[:2]) != "xy" || !bytes.Equal(app[2:], ref) {
				t.Fatalf("view %d AppendBytes order %c: got %v, %v", i, order, app, err)
			}
			app, err = v.AppendBytes(make([]byte, 1, 1+len(ref)), order)
			if err != nil || !bytes.Equal(app[1:], ref) {
				t.Fatalf("view %d AppendBytes in place order %c: got %v, %v", i, order, app, err)
			}
			dst := make([]byte, len(ref)+1)
			dst[len(ref)] = 0xAB
			if err := v.CopyTo(dst, order); err != nil || !bytes.Equal(dst[:len(ref)], ref) || dst[len(ref)] != 0xAB {
				t.Fatalf("view %d CopyTo order %c: got %v, %v", i, order, dst, err)
			}
		}
	}
}

func TestBytesOrders(t *testing.T) {
	// A 2x3 view of bytes in C layout, and its transpose (F-contiguous).
	mem := []byte{1, 2, 3, 4, 5, 6}
	c := &View{Mem: mem, Layout: CLayout(1, 2, 3)}
	f := &View{Mem: mem, Layout: FLayout(1, 3, 2)}
	strided := &View{Mem: mem, Layout: Layout{Itemsize: 1, Shape: []int{2, 2}, Strides: []int{3, 2}}}
	cases := []struct {
		v     *View
		order Order
		want  []byte
	}{
		{c, 'C', []byte{1, 2, 3, 4, 5, 6}},
		{c, 'F', []byte{1, 4, 2, 5, 3, 6}},
		{c, 'A', []byte{1, 2, 3, 4, 5, 6}},
		{f, 'C', []byte{1, 4, 2, 5, 3, 6}},
		{f, 'F', []byte{1, 2, 3, 4, 5, 6}},
		{f, 'A', []byte{1, 2, 3, 4, 5, 6}},
		{strided, 'A', []byte{1, 3, 4, 6}},
		{strided, 'F', []byte{1, 4, 3, 6}},
	}
	for _, tc := range cases {
		got, err := tc.v.Bytes(tc.order)
		if err != nil || !bytes.Equal(got, tc.want) {
			t.Errorf("%v order %c: got %v, %v want %v", tc.v.Layout, tc.order, got, err, tc.want)
		}
	}
}

func TestBytesErrors(t *testing.T) {
	v := &View{Mem: []byte{1, 2}, Layout: CLayout(1, 2)}
	for _, order := range []Order{0, 'c', 'X', 'a'} {
		_, err := v.Bytes(order)
		if k, ok := KindOf(err); !ok || k != ValueError || err.Error() != "order must be 'C', 'F' or 'A'" {
			t.Errorf("Bytes(%q): %v", order, err)
		}
		if _, err := v.AppendBytes(nil, order); err == nil {
			t.Errorf("AppendBytes(%q) succeeded", order)
		}
		if err := v.CopyTo(make([]byte, 2), order); err == nil {
			t.Errorf("CopyTo(%q) succeeded", order)
		}
	}
	if err := v.CopyTo(make([]byte, 1), 'C'); err == nil {
		t.Error("CopyTo into a short slice succeeded")
	}
}

func TestBytesContiguousIsOneCopy(t *testing.T) {
	v := &View{Mem: fill(1<<16, 0), Off: 8, Layout: CLayout(8, 100, 10)}
	dst := make([]byte, v.NBytes())
	if n := testing.AllocsPerRun(10, func() {
		if err := v.CopyTo(dst, 'C'); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("contiguous CopyTo allocates %v times", n)
	}
	got, _ := v.Bytes('A')
	if !bytes.Equal(got, v.Mem[8:8+8000]) {
		t.Error("contiguous Bytes differs from memory")
	}
}

func TestBytesTransposedTiles(t *testing.T) {
	// Layouts whose Fortran-order read goes across rows far apart: gather
	// walks them a tile at a time, which must not change the result.
	for _, tc := range []struct {
		size  int
		shape []int
	}{{8, []int{100, 70}}, {1, []int{3, 1000}}, {4, []int{5, 600, 3}}, {3, []int{40, 200}}, {16, []int{9, 9}}} {
		v := &View{Mem: fill(nbytesOf(tc.size, tc.shape), 3), Layout: CLayout(tc.size, tc.shape...)}
		for _, rev := range []bool{false, true} {
			w := *v
			w.Layout = v.Layout.Clone()
			if rev {
				w.Off = (w.Shape[0] - 1) * w.Strides[0]
				w.Strides[0] = -w.Strides[0]
			}
			got, err := w.Bytes('F')
			if want := refBytes(&w, 'F'); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%d-byte items %v reversed=%v: Fortran read differs", tc.size, tc.shape, rev)
			}
		}
	}
}

// nbytesOf returns the packed size of items of the given shape.
func nbytesOf(size int, shape []int) int {
	l := CLayout(size, shape...)
	return l.NBytes()
}
