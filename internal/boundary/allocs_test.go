package boundary

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// The bulk entry points, called as the glue calls them (a Buf local to the
// call, the format copied out of C), on the layouts that reach Go with the
// C fast paths on: not C-contiguous. A fork() child of the interpreter has
// only the forking thread, so Go's GC (which wakes other threads) hangs
// there; an entry point that allocates nothing can never start it.
func TestBulkAllocs(t *testing.T) {
	mem := make([]byte, 4096)
	for i := range mem {
		mem[i] = byte(i * 7)
	}
	base := unsafe.Pointer(&mem[0])
	shape1, strides1 := []int{100}, []int{4} // every other uint16
	strides8 := []int{8}
	shape2, strides2 := []int{8, 10}, []int{-40, 4}
	shape3, strides3 := []int{4, 5, 6}, []int{-2, 48, 8} // F-ish, transposed
	out := make([]byte, 4096)
	pil, keep := pil1()
	big := make([]byte, 4*3000+8)
	bigShape := []int{3000}
	var r int
	var err error
	for _, tc := range []struct {
		name   string
		fn     func()
		allocs float64
	}{
		{"ToBytes C 1-D strided", func() {
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1}
			err = ToBytes(&b, 'C', out[:200])
		}, 0},
		{"ToBytes F 2-D", func() {
			b := Buf{Base: unsafe.Add(base, 400), Itemsize: 2, Shape: shape2, Strides: strides2}
			err = ToBytes(&b, 'F', out[:160])
		}, 0},
		{"ToBytes A 3-D", func() {
			b := Buf{Base: unsafe.Add(base, 100), Itemsize: 2, Shape: shape3, Strides: strides3}
			err = ToBytes(&b, 'A', out[:240])
		}, 0},
		{"Hex 1-D strided", func() {
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1}
			err = Hex(&b, out[:499], ':', 2)
		}, 0},
		{"Hex 2-D", func() {
			b := Buf{Base: unsafe.Add(base, 400), Itemsize: 2, Shape: shape2, Strides: strides2}
			err = Hex(&b, out[:320], 0, 0)
		}, 0},
		{"Equal native H strided", func() {
			a := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			b := Buf{Base: unsafe.Add(base, 2), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			r, err = Equal(&a, &b, gomv.NewestPython)
		}, 0},
		{"Equal native d 2-D", func() {
			a := Buf{Base: unsafe.Add(base, 400), Itemsize: 4, Shape: shape2, Strides: strides2, Format: "f"}
			r, err = Equal(&a, &a, gomv.NewestPython)
		}, 0},
		{"Equal mixed formats", func() {
			a := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "<H"}
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			r, err = Equal(&a, &b, gomv.NewestPython)
		}, 0},
		// Formats other than one native code are parsed once, then found
		// in the cache (formats.go).
		{"Equal standard-size <i", func() {
			a := Buf{Base: base, Itemsize: 4, Shape: shape1, Strides: strides1, Format: "<i"}
			r, err = Equal(&a, &a, gomv.NewestPython)
		}, 0},
		{"Equal multi-code ih", func() {
			a := Buf{Base: base, Itemsize: 8, Shape: shape1, Strides: strides8, Format: "ih"}
			r, err = Equal(&a, &a, gomv.NewestPython)
		}, 0},
		{"Copy strided", func() {
			d := Buf{Base: unsafe.Pointer(&out[0]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			s := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			err = Copy(&d, &s)
		}, 0},
		{"Copy overlapping", func() {
			d := Buf{Base: unsafe.Pointer(&out[0]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			s := Buf{Base: unsafe.Pointer(&out[2]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			err = Copy(&d, &s)
		}, 0},
		// Indirect views bind Deref to a heap copy of the Buf (see
		// Buf.View); the C layer copies such buffers rarely enough.
		{"ToBytes pil", func() {
			b := *pil
			err = ToBytes(&b, 'C', out[:24])
		}, 2},
		{"Copy overlapping, scratch from the kernel", func() {
			d := Buf{Base: unsafe.Pointer(&big[0]), Itemsize: 2, Shape: bigShape, Strides: strides1, Format: "H"}
			s := Buf{Base: unsafe.Pointer(&big[2]), Itemsize: 2, Shape: bigShape, Strides: strides1, Format: "H"}
			err = Copy(&d, &s)
		}, 0},
	} {
		n := testing.AllocsPerRun(200, tc.fn)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if n != tc.allocs {
			t.Errorf("%s allocates %v times per call, want %v", tc.name, n, tc.allocs)
		}
	}
	_ = r
	runtime.KeepAlive(keep)
}

// Copies between overlapping views go through scratch memory (the stack,
// or the kernel past scratchStack bytes): the result must be as if src
// were read in full first.
func TestCopyOverlapScratch(t *testing.T) {
	for _, n := range []int{10, scratchStack/2 + 1, 3000, 100000} {
		for _, shift := range []int{2, -2, 4, 6} {
			mem := make([]byte, 4*n+16)
			for i := range mem {
				mem[i] = byte(i*31 + i>>8)
			}
			want := append([]byte(nil), mem...)
			// dst item i at 8+4i, src item i at 8+4i+shift (every other uint16 when shift is 2 or 6).
			srcItems := make([][2]byte, n)
			for i := 0; i < n; i++ {
				o := 8 + 4*i + shift
				srcItems[i] = [2]byte{mem[o], mem[o+1]}
			}
			for i := 0; i < n; i++ {
				want[8+4*i], want[8+4*i+1] = srcItems[i][0], srcItems[i][1]
			}
			d := Buf{Base: unsafe.Pointer(&mem[8]), Itemsize: 2, Shape: []int{n}, Strides: []int{4}, Format: "H"}
			s := Buf{Base: unsafe.Pointer(&mem[8+shift]), Itemsize: 2, Shape: []int{n}, Strides: []int{4}, Format: "H"}
			if err := Copy(&d, &s); err != nil {
				t.Fatal(err)
			}
			if string(mem) != string(want) {
				t.Errorf("n=%d shift=%d: overlapping copy differs", n, shift)
			}
		}
	}
	if m := mapScratch(1 << 20); m == nil || len(m) != 1<<20 {
		t.Error("mapScratch failed")
	} else {
		m[0], m[len(m)-1] = 1, 2
		unmapScratch(m)
	}
}
