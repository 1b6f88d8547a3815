package gomv

import (
	"bytes"
	"errors"
	"testing"
)

// Item trees come from formats Python hands over: whatever the format,
// the tree's leaves are Unpack's values and packing the tree gives
// Pack's bytes.
func FuzzItemTree(f *testing.F) {
	for _, s := range []string{"i", "<bH", "3s", "T{<h:a:(2)B:b:}", "bT{bq}2T{}", "(2,0)i", "x?", "<Zd(2)c", ""} {
		f.Add(s, []byte("\x00\x01\x02\x03\x7f\x80\xfe\xff\x55\xaa\x7c\x01\x7f\x80\x00\x01"))
	}
	f.Fuzz(func(t *testing.T, s string, data []byte) {
		fm, err := ParseFormat(s)
		if err != nil || fm.Size > 1<<12 || fm.NumValues() > 1<<12 || len(fm.Tree()) > 1<<12 {
			return
		}
		b := make([]byte, fm.Size)
		for i := range b {
			if len(data) > 0 {
				b[i] = data[i%len(data)]
			}
		}
		item, err := fm.UnpackItem(b)
		if err != nil {
			t.Fatalf("%q: UnpackItem: %v", s, err)
		}
		flat, err := fm.FlattenItem(nil, item)
		want, _ := fm.Unpack(b)
		if err != nil || !ValuesEqualBits(flat, want) {
			t.Fatalf("%q: leaves %v (%v), Unpack %v", s, flat, err, want)
		}
		if !itemEqual(fm, b, item) && !hasNaN(want) {
			t.Fatalf("%q: an item does not equal its own tree", s)
		}
		p1, p2 := make([]byte, fm.Size), make([]byte, fm.Size)
		e1, e2 := fm.PackItem(p1, item), fm.Pack(p2, want)
		if (e1 == nil) != (e2 == nil) || !bytes.Equal(p1, p2) {
			t.Fatalf("%q: PackItem %x %v, Pack %x %v", s, p1, e1, p2, e2)
		}
		if !fm.SameStructure(fm) {
			t.Fatalf("%q: not its own structure", s)
		}
	})
}

func hasNaN(vals []Value) bool {
	for _, v := range vals {
		if z := v.Complex(); (v.kind == FloatValue || v.kind == ComplexValue) && z != z {
			return true
		}
	}
	return false
}

// Keys come from Python subscripts. Whatever they are, Key either fails
// with an *Error or gives a valid view whose every item is the item of v
// that the keys select, worked out independently here.
func FuzzKey(f *testing.F) {
	f.Add([]byte{2, 4, 7, 3, 2, 2, 12}, []byte{1, 2, 0, 3, 1, 255, 0, 2})
	f.Add([]byte{1, 3, 2}, []byte{2, 4, 1, 0, 0, 0, 3})
	f.Add([]byte{0, 0, 6}, []byte{})
	f.Fuzz(func(t *testing.T, layout, keyBytes []byte) {
		l, off, memLen := fuzzLayout(layout, 2)
		mem := make([]byte, memLen)
		for i := range mem {
			mem[i] = byte(i)
		}
		v, err := NewViewLayout(mem, off, "<H", l)
		if err != nil {
			t.Fatal(err)
		}
		keys := fuzzKeys(keyBytes)
		w, err := v.Key(keys...)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Key(%v): %#v", keys, err)
			}
			return
		}
		if err := w.Validate(len(w.Mem), w.Off); err != nil {
			t.Fatalf("Key(%v) on %+v: invalid %+v: %v", keys, v.Layout, w.Layout, err)
		}
		forEach(w.Shape, func(idx []int) {
			src := keySource(t, v, keys, idx)
			a, err1 := w.ItemBytes(idx...)
			b, err2 := v.ItemBytes(src...)
			if err1 != nil || err2 != nil || &a[0] != &b[0] {
				t.Fatalf("Key(%v)%v is not v%v (%v, %v)", keys, idx, src, err1, err2)
			}
		})
	})
}

// fuzzKeys turns bytes into keys: ints, slices with small bounds and
// steps (zero included, and omitted bounds), Ellipsis and NewAxis.
func fuzzKeys(b []byte) []Key {
	var keys []Key
	opt := func(c byte) *int {
		if c%5 == 0 {
			return nil
		}
		x := int(int8(c)) % 7
		return &x
	}
	for len(b) >= 4 && len(keys) < 6 {
		switch b[0] % 4 {
		case 0:
			keys = append(keys, IntKey(int(int8(b[1]))%6))
		case 1:
			keys = append(keys, SliceKey(opt(b[1]), opt(b[2]), opt(b[3])))
		case 2:
			keys = append(keys, Ellipsis)
		default:
			keys = append(keys, NewAxis)
		}
		b = b[4:]
	}
	return keys
}

// keySource is the index in v of item idx of v.Key(keys...), by numpy's
// rules applied one key at a time.
func keySource(t *testing.T, v *View, keys []Key, idx []int) []int {
	used := 0
	for _, k := range keys {
		if k.Kind == KeyInt || k.Kind == KeySlice {
			used++
		}
	}
	var src []int
	d, r := 0, 0 // dimension of v, position in idx
	for _, k := range keys {
		switch k.Kind {
		case KeyInt:
			i := k.Index
			if i < 0 {
				i += v.Shape[d]
			}
			src = append(src, i)
			d++
		case KeySlice:
			start, _, step, _, _ := SliceIndices(v.Shape[d], k.Start, k.Stop, k.Step)
			src = append(src, start+idx[r]*step)
			d, r = d+1, r+1
		case KeyEllipsis:
			for n := len(v.Shape) - used; n > 0; n-- {
				src = append(src, idx[r])
				d, r = d+1, r+1
			}
		case KeyNewAxis:
			if idx[r] != 0 {
				t.Fatalf("new axis index %d", idx[r])
			}
			r++
		}
	}
	for ; d < len(v.Shape); d, r = d+1, r+1 {
		src = append(src, idx[r])
	}
	return src
}

// Reshape's shape comes from Python. Whatever it is, Reshape fails with
// an *Error or keeps the items in C order, over the same memory.
func FuzzReshape(f *testing.F) {
	f.Add([]byte{2, 4, 7, 3, 2, 2, 12}, []byte{3, 2, 255})
	f.Add([]byte{1, 3, 2}, []byte{1, 1, 6, 1})
	f.Add([]byte{0, 0, 6}, []byte{0})
	f.Fuzz(func(t *testing.T, layout, shapeBytes []byte) {
		l, off, memLen := fuzzLayout(layout, 2)
		mem := make([]byte, memLen)
		for i := range mem {
			mem[i] = byte(i)
		}
		v, err := NewViewLayout(mem, off, "<H", l)
		if err != nil {
			t.Fatal(err)
		}
		shape := make([]int, 0, len(shapeBytes))
		for _, c := range shapeBytes {
			shape = append(shape, int(int8(c))%13)
		}
		w, err := v.Reshape(shape...)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Reshape(%v): %#v", shape, err)
			}
			return
		}
		if err := w.Validate(len(w.Mem), w.Off); err != nil || w.Len() != v.Len() {
			t.Fatalf("Reshape(%v) of %+v: %+v, %v", shape, v.Layout, w.Layout, err)
		}
		a, _ := v.Bytes(OrderC)
		b, _ := w.Bytes(OrderC)
		if !bytes.Equal(a, b) {
			t.Fatalf("Reshape(%v) of %+v: items %v, want %v", shape, v.Layout, b, a)
		}
	})
}
