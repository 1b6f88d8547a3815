package gomv

import (
	"bytes"
	"testing"
)

// fuzzLayout derives a small valid 1-3-D layout over mem from fuzz bytes:
// shape entries in [0, 4], strides in [-6, 6] times the itemsize, and the
// first item placed so that every item lies in mem.
func fuzzLayout(data []byte, itemsize int) (l Layout, off, memLen int) {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		b := int(data[0])
		data = data[1:]
		return b
	}
	ndim := 1 + next()%3
	l = Layout{Itemsize: itemsize, Shape: make([]int, ndim), Strides: make([]int, ndim)}
	for d := range ndim {
		l.Shape[d] = next() % 5
		l.Strides[d] = (next()%13 - 6) * itemsize
	}
	lo, hi := l.Extent()
	return l, -lo, hi - lo + next()%3
}

// itemAt computes the byte offset of item idx by the definition of
// strides, for comparing against views produced by slicing.
func itemAt(off int, strides, idx []int) int {
	for d, i := range idx {
		off += i * strides[d]
	}
	return off
}

// forEach calls f with every index of shape, in C order.
func forEach(shape []int, f func(idx []int)) {
	for _, n := range shape {
		if n == 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		f(idx)
		d := len(shape) - 1
		for ; d >= 0; d-- {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

func FuzzSlice(f *testing.F) {
	f.Add([]byte{1, 3, 2, 4, 5}, 0, 1, 3, 1, 0, 0, 2, 1)
	f.Add([]byte{2, 4, 7, 3, 2, 2, 12}, 1, -1, -5, -2, 0, 2, 0, -1)
	f.Add([]byte{0, 0, 6}, 0, 0, 0, 1, 0, 0, 0, 1)
	f.Fuzz(func(t *testing.T, layout []byte, d1, start1, stop1, step1, d2, start2, stop2, step2 int) {
		l, off, memLen := fuzzLayout(layout, 2)
		mem := make([]byte, memLen)
		for i := range mem {
			mem[i] = byte(i)
		}
		v, err := NewViewLayout(mem, off, "<H", l)
		if err != nil {
			t.Fatalf("fuzzLayout made an invalid layout %+v off %d mem %d: %v", l, off, memLen, err)
		}
		if d1 < 0 {
			d1 = -d1
		}
		if d2 < 0 {
			d2 = -d2
		}
		d1 %= v.Ndim()
		d2 %= v.Ndim()
		a1, b1, s1, n1, err := SliceIndices(v.Shape[d1], &start1, &stop1, &step1)
		if err != nil {
			if step1 != 0 {
				t.Fatal(err)
			}
			return
		}
		w, err := v.Slice(d1, a1, b1, s1)
		if err != nil {
			t.Fatalf("Slice(%d, %d, %d, %d) of shape %v: %v", d1, a1, b1, s1, v.Shape, err)
		}
		if w.Shape[d1] != n1 {
			t.Fatalf("length %d, want %d", w.Shape[d1], n1)
		}
		a2, b2, s2, n2, err := SliceIndices(w.Shape[d2], &start2, &stop2, &step2)
		if err != nil {
			return
		}
		u, err := w.Slice(d2, a2, b2, s2)
		if err != nil {
			t.Fatal(err)
		}
		if u.Shape[d2] != n2 {
			t.Fatal("second slice has the wrong length")
		}
		// Results stay in bounds and every item is where the composed
		// index map says.
		if err := u.Validate(len(u.Mem), u.Off); err != nil {
			t.Fatalf("slice escaped memory: %v (%+v off %d)", err, u.Layout, u.Off)
		}
		forEach(u.Shape, func(idx []int) {
			orig := append([]int(nil), idx...)
			orig[d2] = a2 + orig[d2]*s2
			orig[d1] = a1 + orig[d1]*s1
			_, got, err := u.Addr(idx...)
			if err != nil {
				t.Fatal(err)
			}
			if want := itemAt(off, l.Strides, orig); got != want {
				t.Fatalf("item %v at %d, want %d", idx, got, want)
			}
		})
		// Sub and Key agree with Slice.
		if n1 > 0 {
			s, err := v.Sub(d1, a1)
			if err != nil {
				t.Fatal(err)
			}
			keys := make([]Key, d1+1)
			for i := range keys {
				keys[i] = SliceKey(nil, nil, nil)
			}
			keys[d1] = IntKey(a1)
			k, err := v.Key(keys...)
			if err != nil {
				t.Fatal(err)
			}
			forEach(s.Shape, func(idx []int) {
				_, a, _ := s.Addr(idx...)
				_, b, _ := k.Addr(idx...)
				full := append(append(append([]int(nil), idx[:d1]...), a1), idx[d1:]...)
				if want := itemAt(off, l.Strides, full); a != want || b != want {
					t.Fatalf("Sub/Key item %v at %d/%d, want %d", idx, a, b, want)
				}
			})
		}
	})
}

func FuzzCast(f *testing.F) {
	f.Add(make([]byte, 24), "i", 2, 3)
	f.Add([]byte("abcdefgh"), "h", 2, 2)
	f.Add([]byte{}, "B", 0, 1)
	f.Add([]byte{1}, "c", 1, 1)
	f.Add(make([]byte, 16), "<d", 1, 2)
	f.Fuzz(func(t *testing.T, buf []byte, format string, r, c int) {
		v, err := NewView(buf, "B")
		if err != nil {
			t.Fatal(err)
		}
		// Cast may not panic, whatever the arguments.
		v.Cast(format, nil)
		nd, err := v.Cast(format, []int{r, c})
		if err != nil {
			return
		}
		if nd.Len() != r*c || nd.NBytes() != len(buf) || !nd.IsCContiguous() {
			t.Fatalf("cast %q to %d,%d: %+v", format, r, c, nd.Layout)
		}
		if err := nd.Validate(len(nd.Mem), nd.Off); err != nil {
			t.Fatal(err)
		}
		back, err := nd.Cast("B", nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := back.Bytes('C')
		if err != nil || !bytes.Equal(got, buf) {
			t.Fatalf("round trip: %v, %v", got, err)
		}
		// The N-D view reads the same bytes item by item.
		var flat []byte
		forEach(nd.Shape, func(idx []int) {
			b, err := nd.ItemBytes(idx...)
			if err != nil {
				t.Fatal(err)
			}
			flat = append(flat, b...)
		})
		if !bytes.Equal(flat, buf) && len(buf) > 0 {
			t.Fatalf("items %v, bytes %v", flat, buf)
		}
	})
}
