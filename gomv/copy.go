package gomv

import (
	"strings"
	"unsafe"
)

// Copy copies the items of src into dst, as memoryview slice assignment
// dst[...] = src does. dst must be writable (else TypeError "cannot modify
// read-only memory"), and the two views must have the same structure: the
// same format (ignoring one leading '@'), the same itemsize and the same
// shape (else ValueError "memoryview assignment: lvalue and rvalue have
// different structures").
//
// Copy behaves like memmove: if the views may share memory, src is read in
// full before dst is written, so dst ends up holding src's old items
// whatever the overlap. (CPython restricts slice assignment to one
// dimension, where its row-at-a-time copy has the same effect.) [Assign]
// also takes views of different formats, converting their values.
func Copy(dst, src *View) error { return CopyScratch(dst, src, nil) }

// CopyScratch is Copy, taking the room it needs to copy between views
// that may overlap from scratch when that holds src's bytes, instead of
// from the Go heap. A binding that calls it in a fork() child, where a
// garbage collection never finishes, passes memory from elsewhere.
func CopyScratch(dst, src *View, scratch []byte) error {
	if err := checkCopy(dst, src); err != nil {
		return err
	}
	return copyItems(dst, src, scratch)
}

// copyItems copies the bytes of src's items into dst's, of the same shape
// and itemsize, as if src were read in full first.
func copyItems(dst, src *View, scratch []byte) error {
	if dst.isEmpty() {
		return nil
	}
	size := dst.Itemsize
	if d, ok := dst.contiguousBytes(OrderC); ok {
		if s, ok := src.contiguousBytes(OrderC); ok {
			copy(d, s) // copy is memmove
			return nil
		}
		if !mayOverlap(dst, src) {
			return src.gather(d, OrderC)
		}
	}
	if mayOverlap(dst, src) {
		n := src.NBytes()
		tmp := scratch
		if len(tmp) < n {
			tmp = make([]byte, n)
		}
		tmp = tmp[:n]
		if err := src.gather(tmp, OrderC); err != nil {
			return err
		}
		dst.scatter(tmp)
		return nil
	}
	w, _ := newWalker(dst, src, OrderC, false)
	return w.run(func(r row) error {
		moveRow(r.mem[0], r.off[0], r.stride[0], r.mem[1], r.off[1], r.stride[1], r.n, size)
		return nil
	})
}

// checkCopy is what Copy checks before copying anything.
func checkCopy(dst, src *View) error {
	if dst.Readonly {
		return errReadonly()
	}
	if !sameStructure(dst, src) {
		return newErr(ValueError, "memoryview assignment: lvalue and rvalue have different structures")
	}
	return nil
}

// sameStructure is memoryview assignment's test: equal formats once a
// leading '@' is dropped, equal itemsizes and equal shapes.
func sameStructure(a, b *View) bool {
	fa := strings.TrimPrefix(a.format().Str, "@")
	fb := strings.TrimPrefix(b.format().Str, "@")
	return fa == fb && a.Itemsize == b.Itemsize && sameShape(a.Shape, b.Shape)
}

// mayOverlap reports whether writing dst could change what src reads.
// Views reached through pointers are assumed to overlap; others overlap if
// the byte ranges their strides span intersect.
func mayOverlap(dst, src *View) bool {
	if dst.indirect() || src.indirect() {
		return true
	}
	dlo, dhi := span(dst)
	slo, shi := span(src)
	return dlo < shi && slo < dhi
}

// span returns the addresses of the first and past the last byte of the
// items of a direct, non-empty view.
func span(v *View) (lo, hi uintptr) {
	elo, ehi := v.Extent()
	base := uintptr(unsafe.Pointer(unsafe.SliceData(v.Mem)))
	return base + uintptr(v.Off+elo), base + uintptr(v.Off+ehi)
}

// scatter copies the bytes of src, v's items in C order, into v's items;
// src holds exactly v.NBytes() bytes and must not overlap v.
func (v *View) scatter(src []byte) {
	w, ok := newWalker(v, nil, OrderC, false)
	if !ok {
		return
	}
	size, pos := v.Itemsize, 0
	w.run(func(r row) error {
		moveRow(r.mem[0], r.off[0], r.stride[0], src, pos, size, r.n, size)
		pos += r.n * size
		return nil
	})
}
