package gomv

// CLayout returns the C-contiguous (row-major) layout of the given shape:
// the last index varies fastest. With no shape it describes a scalar.
func CLayout(itemsize int, shape ...int) Layout {
	l := Layout{Itemsize: itemsize, Shape: cloneInts(shape), Strides: make([]int, len(shape))}
	if l.Shape == nil {
		l.Shape = []int{}
	}
	sd := itemsize
	for d := len(shape) - 1; d >= 0; d-- {
		l.Strides[d] = sd
		sd *= shape[d]
	}
	return l
}

// FLayout returns the Fortran-contiguous (column-major) layout of the given
// shape: the first index varies fastest.
func FLayout(itemsize int, shape ...int) Layout {
	l := Layout{Itemsize: itemsize, Shape: cloneInts(shape), Strides: make([]int, len(shape))}
	if l.Shape == nil {
		l.Shape = []int{}
	}
	sd := itemsize
	for d := range shape {
		l.Strides[d] = sd
		sd *= shape[d]
	}
	return l
}

// IsCContiguous reports whether the items are packed in C order. See
// [Layout.IsContiguous].
func (l Layout) IsCContiguous() bool { return l.IsContiguous(OrderC) }

// IsFContiguous reports whether the items are packed in Fortran order. See
// [Layout.IsContiguous].
func (l Layout) IsFContiguous() bool { return l.IsContiguous(OrderFortran) }

// IsContiguous reports whether the items are packed without gaps in the
// given order, one after the other from the first item (OrderAny: in
// either order). It is C's PyBuffer_IsContiguous: a scalar is contiguous
// both ways, so is a layout without items, the stride of a dimension of
// length one is never looked at, and a layout with indirection (a
// suboffset >= 0) is never contiguous. An invalid order reports false.
//
// (memoryview's c_contiguous attribute differs for empty one-dimensional
// views, which it calls contiguous only when their stride is the
// itemsize.)
func (l Layout) IsContiguous(order Order) bool {
	if l.indirect() {
		return false
	}
	switch order {
	case OrderC:
		return l.cContiguous()
	case OrderFortran:
		return l.fContiguous()
	case OrderAny:
		return l.cContiguous() || l.fContiguous()
	}
	return false
}

func (l Layout) cContiguous() bool {
	if l.isEmpty() {
		return true
	}
	sd := l.Itemsize
	for d := len(l.Shape) - 1; d >= 0; d-- {
		if l.Shape[d] > 1 && l.Strides[d] != sd {
			return false
		}
		sd *= l.Shape[d]
	}
	return true
}

func (l Layout) fContiguous() bool {
	if l.isEmpty() {
		return true
	}
	sd := l.Itemsize
	for d, n := range l.Shape {
		if n > 1 && l.Strides[d] != sd {
			return false
		}
		sd *= n
	}
	return true
}
