package gomv

import "testing"

// The bulk operations a binding calls with memory it owns (CopyTo, Equal,
// CopyScratch) must allocate nothing on views that are not contiguous:
// in a fork() child of an interpreter only the forking thread exists, and
// a garbage collection, which any allocation may start, never ends.
func TestWalksDoNotAllocate(t *testing.T) {
	mem := fill(1<<12, 3)
	strided := &View{Mem: mem, Format: mustFormat(t, "H"), Layout: Layout{Itemsize: 2, Shape: []int{10, 20}, Strides: []int{160, 4}}}
	other := &View{Mem: mem, Off: 2, Format: mustFormat(t, "<H"), Layout: strided.Layout}
	dstMem := make([]byte, 1<<12)
	dst := &View{Mem: dstMem, Format: strided.Format, Layout: strided.Layout}
	overlap := &View{Mem: dstMem, Off: 2, Format: strided.Format, Layout: strided.Layout}
	out := make([]byte, strided.NBytes())
	scratch := make([]byte, strided.NBytes())
	pairs := &View{Mem: mem, Format: mustFormat(t, "T{<b<h}"), Layout: Layout{Itemsize: 4, Shape: []int{10, 20}, Strides: []int{160, 8}}}
	var sink int64
	var seven, pair any = 7, Record{1, 2}
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"CopyTo C", func() error { return strided.CopyTo(out, 'C') }},
		{"CopyTo F", func() error { return strided.CopyTo(out, 'F') }},
		{"Equal native", func() error { _, err := Equal(strided, dst); return err }},
		{"Equal struct", func() error { _, err := Equal(strided, other); return err }},
		{"Copy", func() error { return Copy(dst, strided) }},
		{"CopyScratch overlapping", func() error { return CopyScratch(dst, overlap, scratch) }},
		{"Count native", func() error { sink += int64(strided.Count(seven)); return nil }},
		{"Count struct", func() error { sink += int64(pairs.Count(pair)); return nil }},
		{"Equal records", func() error { _, err := Equal(pairs, pairs); return err }},
	} {
		var err error
		if n := testing.AllocsPerRun(50, func() { err = tc.fn() }); n != 0 {
			t.Errorf("%s allocates %v times", tc.name, n)
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// The walks that hand values to a callback allocate their buffers once
// per call, whatever the number of items.
func TestValueWalksAllocateOnce(t *testing.T) {
	mem := fill(1<<12, 3)
	var sink int64
	for _, n := range []int{2, 200} {
		pairs := &View{Mem: mem, Format: mustFormat(t, "T{<b<h}"), Layout: Layout{Itemsize: 4, Shape: []int{n}, Strides: []int{8}}}
		shorts := &View{Mem: mem, Format: mustFormat(t, "<H"), Layout: Layout{Itemsize: 2, Shape: []int{n}, Strides: []int{4}}}
		items := testing.AllocsPerRun(50, func() {
			pairs.WalkItems(func(_ []int, vals []Value) error { sink += vals[1].Int(); return nil })
		})
		values := testing.AllocsPerRun(50, func() {
			shorts.WalkValues(func(_ []int, x Value) error { sink += x.Int(); return nil })
		})
		if items > 2 || values > 2 {
			t.Errorf("%d items: WalkItems allocates %v times, WalkValues %v", n, items, values)
		}
	}
}

// Views of more than MaxDim dimensions (only a Go caller can build them)
// walk on heap-allocated levels.
func TestWalkManyDims(t *testing.T) {
	shape := make([]int, MaxDim+6)
	strides := make([]int, len(shape))
	for i := range shape {
		shape[i], strides[i] = 1, 8
	}
	shape[3], strides[3] = 3, 16
	mem := fill(64, 0)
	v := &View{Mem: mem, Layout: Layout{Itemsize: 2, Shape: shape, Strides: strides}}
	got, err := v.Bytes('C')
	if err != nil || string(got) != string(mem[0:2])+string(mem[16:18])+string(mem[32:34]) {
		t.Errorf("Bytes = %v, %v", got, err)
	}
	n := 0
	if err := v.EachItem('F', func(idx []int, item []byte) error {
		if len(idx) != len(shape) || idx[3] != n {
			t.Errorf("item %d has index %v", n, idx)
		}
		n++
		return nil
	}); err != nil || n != 3 {
		t.Errorf("EachItem visited %d items, %v", n, err)
	}
}

func mustFormat(t *testing.T, s string) *Format {
	t.Helper()
	f, err := ParseFormat(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
