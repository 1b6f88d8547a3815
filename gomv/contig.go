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

// IsCContiguous reports whether the items are packed in C order, as
// memoryview.c_contiguous does. See [Layout.IsContiguous].
func (l Layout) IsCContiguous() bool { return l.IsContiguous('C') }

// IsFContiguous reports whether the items are packed in Fortran order, as
// memoryview.f_contiguous does. See [Layout.IsContiguous].
func (l Layout) IsFContiguous() bool { return l.IsContiguous('F') }

// IsContiguous reports whether the items are packed without gaps in the
// given order: 'C' (row-major), 'F' (column-major) or 'A' (either). Any
// other order reports false.
//
// It follows memoryview's c_contiguous, f_contiguous and contiguous
// attributes: a scalar is contiguous both ways; so is a layout with a
// dimension of length zero when it has two or more dimensions; the stride
// of a dimension of length one is never looked at; and a layout with
// indirection (a suboffset >= 0) is never contiguous. One-dimensional
// layouts are the exception memoryview makes: they are contiguous both ways
// only if their single dimension has length one or its stride is the
// itemsize, so an empty 1-D view with another stride is not contiguous.
// [Layout.BufferIsContiguous] gives PyBuffer_IsContiguous's answer instead.
func (l Layout) IsContiguous(order byte) bool {
	if l.indirect() {
		return false
	}
	if len(l.Shape) == 1 {
		if l.Shape[0] != 1 && l.Strides[0] != l.Itemsize {
			return false
		}
		return order == 'C' || order == 'F' || order == 'A'
	}
	return l.BufferIsContiguous(order)
}

// BufferIsContiguous reports whether the layout is contiguous in the given
// order as C's PyBuffer_IsContiguous (and _testbuffer.ndarray's
// c_contiguous) define it. It differs from [Layout.IsContiguous] only for
// empty one-dimensional layouts, which it always reports contiguous.
func (l Layout) BufferIsContiguous(order byte) bool {
	if l.indirect() {
		return false
	}
	switch order {
	case 'C':
		return l.cContiguous()
	case 'F':
		return l.fContiguous()
	case 'A':
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
