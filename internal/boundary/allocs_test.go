package boundary

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// The bulk entry points, called as the glue calls them (a Buf local to the
// call, the format copied out of C), on the layouts that reach Go with the
// C fast paths on: not C-contiguous. Views of up to one piece allocate
// nothing: the small ones are the frequent ones, where an allocation
// would be a noticeable part of the call.
func TestBulkAllocs(t *testing.T) {
	p := &gomv.Parallel{}
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
	var r int
	var err error
	for _, tc := range []struct {
		name   string
		fn     func()
		allocs float64
	}{
		{"ToBytes C 1-D strided", func() {
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1}
			err = ToBytes(&b, 'C', out[:200], p)
		}, 0},
		{"ToBytes F 2-D", func() {
			b := Buf{Base: unsafe.Add(base, 400), Itemsize: 2, Shape: shape2, Strides: strides2}
			err = ToBytes(&b, 'F', out[:160], p)
		}, 0},
		{"ToBytes A 3-D", func() {
			b := Buf{Base: unsafe.Add(base, 100), Itemsize: 2, Shape: shape3, Strides: strides3}
			err = ToBytes(&b, 'A', out[:240], p)
		}, 0},
		{"Hex 1-D strided", func() {
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1}
			err = Hex(&b, out[:499], ':', 2, p)
		}, 0},
		{"Hex 2-D", func() {
			b := Buf{Base: unsafe.Add(base, 400), Itemsize: 2, Shape: shape2, Strides: strides2}
			err = Hex(&b, out[:320], 0, 0, p)
		}, 0},
		{"Equal native H strided", func() {
			a := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			b := Buf{Base: unsafe.Add(base, 2), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			r, err = Equal(&a, &b, gomv.NewestPython, p)
		}, 0},
		{"Equal native d 2-D", func() {
			a := Buf{Base: unsafe.Add(base, 400), Itemsize: 4, Shape: shape2, Strides: strides2, Format: "f"}
			r, err = Equal(&a, &a, gomv.NewestPython, p)
		}, 0},
		{"Equal mixed formats", func() {
			a := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "<H"}
			b := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			r, err = Equal(&a, &b, gomv.NewestPython, p)
		}, 0},
		// Formats other than one native code are parsed once, then found
		// in the cache (formats.go).
		{"Equal standard-size <i", func() {
			a := Buf{Base: base, Itemsize: 4, Shape: shape1, Strides: strides1, Format: "<i"}
			r, err = Equal(&a, &a, gomv.NewestPython, p)
		}, 0},
		{"Equal multi-code ih", func() {
			a := Buf{Base: base, Itemsize: 8, Shape: shape1, Strides: strides8, Format: "ih"}
			r, err = Equal(&a, &a, gomv.NewestPython, p)
		}, 0},
		{"Copy strided", func() {
			d := Buf{Base: unsafe.Pointer(&out[0]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			s := Buf{Base: base, Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			err = Copy(&d, &s, p)
		}, 0},
		{"Copy overlapping", func() {
			d := Buf{Base: unsafe.Pointer(&out[0]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			s := Buf{Base: unsafe.Pointer(&out[2]), Itemsize: 2, Shape: shape1, Strides: strides1, Format: "H"}
			err = Copy(&d, &s, p)
		}, 0},
		// Indirect views bind Deref to a heap copy of the Buf (see
		// Buf.View); the C layer copies such buffers rarely enough.
		{"ToBytes pil", func() {
			b := *pil
			err = ToBytes(&b, 'C', out[:24], p)
		}, 2},
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
