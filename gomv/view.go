package gomv

import (
	"fmt"
	"unsafe"

	"github.com/gomv/gomv/internal/pyerr"
)

// Deref follows a pointer stored inside a buffer with suboffsets. ptr holds
// the pointer-sized bytes read from the buffer, dim is the dimension being
// stepped along. It returns the memory the pointer designates and the offset
// within it that corresponds to the pointer's value; the view then adds the
// dimension's suboffset to that offset.
type Deref func(ptr []byte, dim int) (mem []byte, off int)

// View is a typed, strided window on memory.
//
// Mem holds the bytes of every item reachable without indirection, and Off
// is the position in Mem of the first item (the item at index 0 along every
// dimension). With negative strides, other items lie before Off.
type View struct {
	Mem    []byte
	Off    int
	Format *Format
	Layout
	Readonly bool
	Deref    Deref // required when Layout.Suboffsets has entries >= 0
}

// locate returns the memory and offset of the item at idx, which must be in
// range and have one entry per dimension.
func (v *View) locate(idx []int) ([]byte, int) {
	mem, off := v.Mem, v.Off
	for d, i := range idx {
		off += i * v.Strides[d]
		if v.Suboffsets != nil && v.Suboffsets[d] >= 0 {
			mem, off = v.Deref(mem[off:off+ptrSize], d)
			off += v.Suboffsets[d]
		}
	}
	return mem, off
}

// ptrSize is the size of a pointer stored in an indirect buffer.
const ptrSize = int(unsafe.Sizeof(uintptr(0)))

// NewView returns a one-dimensional, C-contiguous, writable view of buf
// holding len(buf)/itemsize items of the given struct format. It is an
// error if len(buf) is not a multiple of the format's itemsize. The view
// shares buf's memory.
func NewView(buf []byte, format string) (*View, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if size <= 0 {
		return nil, newErr(ValueError, "itemsize must not be zero")
	}
	if len(buf)%size != 0 {
		return nil, newErr(TypeError, pyerr.CastLength)
	}
	return &View{Mem: buf, Format: f, Layout: CLayout(size, len(buf)/size)}, nil
}

// NewViewLayout returns a writable view of mem whose first item is at
// offset off, with the given format and layout. The layout is copied, and
// its Itemsize may be left zero to take the format's. The layout is
// checked with [Layout.Validate]; a layout with suboffsets >= 0 needs the
// view's Deref to be set by the caller before any item is read.
func NewViewLayout(mem []byte, off int, format string, l Layout) (*View, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	if l.Itemsize == 0 {
		l.Itemsize = f.Itemsize()
	}
	if l.Itemsize != f.Itemsize() {
		return nil, newErr(ValueError, fmt.Sprintf("itemsize %d does not match format %q (itemsize %d)",
			l.Itemsize, format, f.Itemsize()))
	}
	l = l.Clone()
	if l.Shape == nil {
		l.Shape, l.Strides = []int{}, []int{}
	}
	if err := l.Validate(len(mem), off); err != nil {
		return nil, err
	}
	return &View{Mem: mem, Off: off, Format: f, Layout: l}, nil
}

// clone returns a copy of v whose layout may be changed freely.
func (v *View) clone() *View {
	w := *v
	w.Layout = v.Layout.Clone()
	return &w
}
