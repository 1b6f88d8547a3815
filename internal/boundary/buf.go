package boundary

import (
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// Buf is a buffer as the C side describes it (gomv_layout): the slices
// usually alias C arrays and are only read.
type Buf struct {
	Base       unsafe.Pointer // address of the first item (index 0 along every dimension)
	Itemsize   int
	Shape      []int
	Strides    []int
	Suboffsets []int // nil when the buffer has none
	Readonly   bool
	Format     string // needed only by the operations that look at items
}

const ptrSize = int(unsafe.Sizeof(uintptr(0)))

// noDims stands for the shape and strides of a scalar, so that the core
// never sees a nil shape from C's NULL (allocation-free: its length is 0).
var noDims = []int{}

// Ints views n C ssize_t values at p as a Go slice, without copying. A
// nil p (allowed by C for zero dimensions) gives an empty slice.
func Ints(p unsafe.Pointer, n int) []int {
	if p == nil || n <= 0 {
		return noDims
	}
	return unsafe.Slice((*int)(p), n)
}

func ptrOf(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

func addrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// Mem views the n bytes at p as a Go slice, without copying.
func Mem(p unsafe.Pointer, n int) []byte {
	if p == nil || n <= 0 {
		return nil
	}
	return unsafe.Slice((*byte)(p), n)
}

func (b *Buf) empty() bool {
	for _, n := range b.Shape {
		if n == 0 {
			return true
		}
	}
	return false
}

// reach returns the byte range [lo, hi), relative to the address of item 0
// along dimensions from..ndim-1, that stepping along those dimensions
// touches before a pointer is followed: up to and including the first
// indirect dimension, whose elements are pointers, or to the last
// dimension, whose elements are items. Strides may be negative.
func (b *Buf) reach(from int) (lo, hi int) {
	size := b.Itemsize
	for d := from; d < len(b.Shape); d++ {
		span := b.Strides[d] * (b.Shape[d] - 1)
		if span < 0 {
			lo += span
		} else {
			hi += span
		}
		if b.Suboffsets != nil && b.Suboffsets[d] >= 0 {
			size = ptrSize
			break
		}
	}
	return lo, hi + size
}

// View returns a core view of b's memory: Mem covers exactly what the
// direct dimensions reach and Off is the position of item 0 in it, so a
// negative stride looks before Off. Format is left nil; see
// [Buf.ParsedView]. The view keeps pointers into b's C memory: it must
// not outlive the call that received b.
//
// Views of direct buffers cost no allocation in any entry point
// (TestBulkAllocs): the view is returned by value and the core keeps it
// on the stack. The extension's fork() children depend on it, as there a
// garbage collection, which an allocation may start, never finishes. For
// a buffer with suboffsets, v.Deref is a method value on a heap copy of b
// (two small allocations): the core hands the view's memory to functions
// it cannot see into, so everything the view points to, Deref's closure
// included, is taken to escape; bound to b itself it would take every
// caller's Buf to the heap, indirect or not.
func (b *Buf) View() gomv.View {
	lo, hi := b.span()
	v := gomv.View{
		Mem:      Mem(unsafe.Add(b.Base, lo), hi-lo),
		Off:      -lo,
		Layout:   gomv.Layout{Itemsize: b.Itemsize, Shape: b.Shape, Strides: b.Strides, Suboffsets: b.Suboffsets},
		Readonly: b.Readonly,
	}
	if b.Suboffsets != nil {
		v.Deref = b.clone().deref
	}
	return v
}

func (b *Buf) clone() *Buf {
	c := *b
	return &c
}

// span is the byte range [lo, hi) around item 0 that the direct
// dimensions reach (nothing for an empty buffer).
func (b *Buf) span() (lo, hi int) {
	if b.empty() {
		return 0, 0
	}
	return b.reach(0)
}

// deref is the view's gomv.Deref: ptr holds a pointer stored in the
// buffer at dimension dim. The memory returned starts where the remaining
// dimensions reach lowest from the pointed-to address plus the suboffset,
// and the offset returned is the pointer's own position in it (the view
// adds the suboffset itself).
func (b *Buf) deref(ptr []byte, dim int) ([]byte, int) {
	p := *(*unsafe.Pointer)(unsafe.Pointer(unsafe.SliceData(ptr)))
	sub := b.Suboffsets[dim]
	lo, hi := b.reach(dim + 1)
	return Mem(unsafe.Add(p, sub+lo), hi-lo), -(sub + lo)
}

// ParsedView is View with Format set from b.Format. A format the core
// cannot parse still gives a view, with an opaque Format that has only
// the string and b's itemsize (memoryview can slice, copy, hex and cast
// views of formats it cannot unpack); the parse error is returned
// alongside for the operations that need items. Formats of one native
// code come parsed from a table, allocation-free (see [ParseFormat]).
func (b *Buf) ParsedView() (gomv.View, error) {
	v := b.View()
	f, err := ParseFormat(b.Format)
	if err != nil {
		f = &gomv.Format{Str: b.Format, Size: b.Itemsize}
	}
	v.Format = f
	return v, err
}
