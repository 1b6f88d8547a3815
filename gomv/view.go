package gomv

import "unsafe"

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
