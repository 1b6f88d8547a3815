package gomv

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

func TestCopyErrors(t *testing.T) {
	mk := func(format string, n int) *View {
		v, err := NewView(make([]byte, n), format)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ro := mk("B", 2)
	ro.Readonly = true
	const structures = "memoryview assignment: lvalue and rvalue have different structures"
	cases := []struct {
		name     string
		dst, src *View
		kind     Kind
		msg      string
	}{
		{"read-only", ro, mk("B", 2), TypeError, "cannot modify read-only memory"},
		{"read-only beats structure", ro, mk("B", 3), TypeError, "cannot modify read-only memory"},
		{"length", mk("B", 2), mk("B", 3), ValueError, structures},
		{"B vs b", mk("B", 2), mk("b", 2), ValueError, structures},
		{"B vs c", mk("B", 2), mk("c", 2), ValueError, structures},
		{"i vs <i", mk("i", 8), mk("<i", 8), ValueError, structures},
		{"ndim", mk("B", 4), &View{Mem: make([]byte, 4), Layout: CLayout(1, 2, 2)}, ValueError, structures},
	}
	for _, tc := range cases {
		err := Copy(tc.dst, tc.src)
		if k, _ := KindOf(err); err == nil || k != tc.kind || err.Error() != tc.msg {
			t.Errorf("%s: %v, want %v %q", tc.name, err, tc.kind, tc.msg)
		}
	}
	// '@' is ignored, and a nil format is "B".
	if err := Copy(mk("@B", 2), &View{Mem: []byte{1, 2}, Layout: CLayout(1, 2)}); err != nil {
		t.Errorf("@B from nil format: %v", err)
	}
	if err := Copy(&View{Mem: nil, Layout: CLayout(1, 0, 3)}, &View{Layout: CLayout(1, 0, 4)}); err != nil {
		t.Errorf("empty views with equivalent shapes: %v", err)
	}
}

// sliceView returns the 1-D view of mem[start:stop:step] in bytes.
func sliceView(mem []byte, start, n, step int) *View {
	return &View{Mem: mem, Off: start, Layout: Layout{Itemsize: 1, Shape: []int{n}, Strides: []int{step}}}
}

func TestCopyOverlapLikePython(t *testing.T) {
	// Each result is what the same slice assignment on a bytearray's
	// memoryview gives in python3.11.
	cases := []struct {
		name     string
		dst, src func(m []byte) *View
		want     string
	}{
		{"m[1:] = m[:-1]", func(m []byte) *View { return sliceView(m, 1, 5, 1) },
			func(m []byte) *View { return sliceView(m, 0, 5, 1) }, "aabcde"},
		{"m[:-1] = m[1:]", func(m []byte) *View { return sliceView(m, 0, 5, 1) },
			func(m []byte) *View { return sliceView(m, 1, 5, 1) }, "bcdeff"},
		{"m[::2] = m[1::2]", func(m []byte) *View { return sliceView(m, 0, 3, 2) },
			func(m []byte) *View { return sliceView(m, 1, 3, 2) }, "bbddff"},
		{"m[2:] = m[::-1][2:]", func(m []byte) *View { return sliceView(m, 2, 4, 1) },
			func(m []byte) *View { return sliceView(m, 3, 4, -1) }, "abdcba"},
		{"m[::-1] = m", func(m []byte) *View { return sliceView(m, 5, 6, -1) },
			func(m []byte) *View { return sliceView(m, 0, 6, 1) }, "fedcba"},
		{"m[1::2] = m[:3]", func(m []byte) *View { return sliceView(m, 1, 3, 2) },
			func(m []byte) *View { return sliceView(m, 0, 3, 1) }, "aacbec"},
	}
	for _, tc := range cases {
		m := []byte("abcdef")
		if err := Copy(tc.dst(m), tc.src(m)); err != nil || string(m) != tc.want {
			t.Errorf("%s: %q, %v; want %q", tc.name, m, err, tc.want)
		}
	}
}

func TestCopyLayouts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 400; i++ {
		src := randView(rng)
		want := refBytes(src, 'C')
		// Destination: C, F, or C with a gap after every item and some
		// dimensions reversed.
		var dst *View
		switch rng.IntN(3) {
		case 0:
			dst = &View{Mem: make([]byte, len(want)+5), Off: 5, Layout: CLayout(src.Itemsize, src.Shape...)}
		case 1:
			dst = &View{Mem: make([]byte, len(want)), Layout: FLayout(src.Itemsize, src.Shape...)}
		default:
			dst = &View{Mem: make([]byte, 2*len(want)), Layout: CLayout(src.Itemsize, src.Shape...)}
			for d, n := range dst.Shape {
				dst.Strides[d] *= 2
				if n > 0 && rng.IntN(2) == 0 {
					dst.Off += (n - 1) * dst.Strides[d]
					dst.Strides[d] = -dst.Strides[d]
				}
			}
		}
		if err := Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		if got := refBytes(dst, 'C'); !bytes.Equal(got, want) {
			t.Fatalf("copy %d: %+v -> %+v: got %v want %v", i, src.Layout, dst.Layout, got, want)
		}
		// Copying a view onto itself, or onto its own memory reversed, is
		// memmove-safe.
		if broadcasts(src) {
			continue
		}
		if err := Copy(src, src); err != nil || !bytes.Equal(refBytes(src, 'C'), want) {
			t.Fatalf("self copy %d changed the view: %v", i, err)
		}
		rev := *src
		rev.Layout = src.Layout.Clone()
		for d, n := range rev.Shape {
			if n > 0 {
				rev.Off += (n - 1) * rev.Strides[d]
				rev.Strides[d] = -rev.Strides[d]
			}
		}
		wantRev := refBytes(&rev, 'C')
		if err := Copy(src, &rev); err != nil || !bytes.Equal(refBytes(src, 'C'), wantRev) {
			t.Fatalf("reversed self copy %d: %v", i, err)
		}
	}
}

func broadcasts(v *View) bool {
	for d, s := range v.Strides {
		if s == 0 && v.Shape[d] > 1 {
			return true
		}
	}
	return false
}

func TestCopyIndirect(t *testing.T) {
	for _, tc := range []struct{ dst, src *View }{
		{pilView([3]int{2, 3, 4}, 2, false), pilView([3]int{2, 3, 4}, 2, true)},
		{innermostIndirect(3, 4, 4), &View{Mem: fill(48, 9), Layout: CLayout(4, 3, 4)}},
		{&View{Mem: make([]byte, 48), Layout: CLayout(4, 3, 4)}, innermostIndirect(3, 4, 4)},
	} {
		want := refBytes(tc.src, 'C')
		if err := Copy(tc.dst, tc.src); err != nil || !bytes.Equal(refBytes(tc.dst, 'C'), want) {
			t.Errorf("%+v <- %+v: %v", tc.dst.Layout, tc.src.Layout, err)
		}
	}
}
