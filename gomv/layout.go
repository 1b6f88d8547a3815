package gomv

import (
	"math"

	"github.com/gomv/gomv/internal/pyerr"
)

// MaxDim is the largest number of dimensions a layout may have (CPython's
// PyBUF_MAX_NDIM).
const MaxDim = 64

// Layout says where the items of a view are, relative to the first item
// (the item whose index is all zeros). It mirrors the shape, strides and
// suboffsets of a PEP 3118 buffer.
//
// A Layout with zero dimensions describes a single item (a scalar).
type Layout struct {
	Itemsize int   // bytes in one item
	Shape    []int // items along each dimension
	Strides  []int // bytes between neighbours along each dimension; may be zero or negative
	// Suboffsets, if not nil, has one entry per dimension. An entry >= 0
	// means that after stepping along that dimension the bytes reached
	// hold a pointer, which is followed and then advanced by the entry
	// (PIL-style indirect arrays). Negative entries mean no indirection.
	Suboffsets []int
}

// Ndim returns the number of dimensions.
func (l Layout) Ndim() int { return len(l.Shape) }

// Len returns the number of items, the product of the shape (1 for a
// scalar). It does not check for overflow: call [Layout.Validate] first on
// layouts from untrusted sources.
func (l Layout) Len() int {
	n := 1
	for _, s := range l.Shape {
		n *= s
	}
	return n
}

// NBytes returns the number of bytes the items would occupy if they were
// packed contiguously, Len()*Itemsize (memoryview.nbytes).
func (l Layout) NBytes() int { return l.Len() * l.Itemsize }

// Clone returns a deep copy of l, so that the copy's shape, strides and
// suboffsets can be changed without affecting l. Nil slices stay nil.
func (l Layout) Clone() Layout {
	l.Shape = cloneInts(l.Shape)
	l.Strides = cloneInts(l.Strides)
	l.Suboffsets = cloneInts(l.Suboffsets)
	return l
}

func cloneInts(s []int) []int {
	if s == nil {
		return nil
	}
	return append(make([]int, 0, len(s)), s...)
}

// isEmpty reports whether some dimension has length zero, so that the
// layout has no items at all.
func (l Layout) isEmpty() bool {
	for _, s := range l.Shape {
		if s == 0 {
			return true
		}
	}
	return false
}

// indirect reports whether some dimension is followed through a pointer.
func (l Layout) indirect() bool {
	for _, s := range l.Suboffsets {
		if s >= 0 {
			return true
		}
	}
	return false
}

// Extent returns the byte range [lo, hi) that the items occupy, relative to
// the first item (index all zeros), following strides only: with
// suboffsets, it is the range the items would occupy if no pointer were
// followed. An empty layout has extent (0, 0); a scalar (0, Itemsize).
// Like [Layout.Len], it does not check for overflow.
func (l Layout) Extent() (lo, hi int) {
	if l.isEmpty() {
		return 0, 0
	}
	hi = l.Itemsize
	for d, s := range l.Shape {
		if st := l.Strides[d] * (s - 1); st < 0 {
			lo += st
		} else {
			hi += st
		}
	}
	return lo, hi
}

// Validate checks that l is well formed and that every item reachable
// without following a pointer lies inside a memory of memLen bytes when the
// first item is at offset off. It returns a ValueError (an OverflowError if
// the number of items or bytes does not fit in an int) worded like
// CPython's _testbuffer for the same mistake.
//
// For a layout with suboffsets, the part checked is the one addressed
// before the first pointer is followed: the pointers themselves must lie in
// memory, the memory they point to is the Deref function's business.
func (l Layout) Validate(memLen, off int) error {
	n := len(l.Shape)
	if n > MaxDim {
		return newErr(ValueError, pyerr.TooManyDims)
	}
	if l.Itemsize <= 0 {
		return newErr(ValueError, "itemsize must not be zero")
	}
	if len(l.Strides) != n {
		return newErr(ValueError, "len(shape) != len(strides)")
	}
	if l.Suboffsets != nil && len(l.Suboffsets) != n {
		return newErr(ValueError, "len(suboffsets) != ndim")
	}
	items := 1
	for _, s := range l.Shape {
		if s < 0 {
			return newErr(ValueError, "elements of shape must be integers >= 0")
		}
		if s != 0 && items > math.MaxInt/s {
			return newErr(OverflowError, "product(shape) > SSIZE_MAX")
		}
		items *= s
	}
	if items != 0 && items > math.MaxInt/l.Itemsize {
		return newErr(OverflowError, "product(shape) * itemsize > SSIZE_MAX")
	}
	if memLen < 0 || off < 0 || off > memLen {
		return newErr(ValueError, "offset out of bounds")
	}
	if items == 0 {
		return nil
	}
	// Only the dimensions up to and including the first indirect one
	// address Mem; what they reach there is a pointer, not an item.
	last, size := n-1, l.Itemsize
	for d := 0; d < n; d++ {
		if l.Suboffsets != nil && l.Suboffsets[d] >= 0 {
			last, size = d, ptrSize
			break
		}
	}
	// Work relative to off so that every partial sum stays within
	// [-off, memLen-off]; any step outside it is already a failure, so the
	// sums cannot overflow.
	lo, hi := 0, 0
	for d := 0; d <= last; d++ {
		st, ext := l.Strides[d], l.Shape[d]-1
		if st != 0 && ext > math.MaxInt/absInt(st) {
			return errOutOfMem()
		}
		span := st * ext
		if span < 0 {
			if span < -off-lo {
				return errOutOfMem()
			}
			lo += span
		} else {
			if span > memLen-off-hi {
				return errOutOfMem()
			}
			hi += span
		}
	}
	if hi > memLen-off-size {
		return errOutOfMem()
	}
	return nil
}

func errOutOfMem() error {
	return newErr(ValueError, "invalid combination of buffer, shape and strides")
}

func absInt(x int) int {
	if x < 0 {
		if x == math.MinInt {
			return math.MaxInt
		}
		return -x
	}
	return x
}
