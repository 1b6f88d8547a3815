package gomv

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
