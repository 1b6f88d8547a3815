package cpython

import "github.com/gomv/gomv/gomv"

// Contiguous is memoryview's c_contiguous (OrderC), f_contiguous
// (OrderFortran) and contiguous (OrderAny) attributes for a view of
// layout l. They are [gomv.Layout.IsContiguous] except for one-dimensional
// views, which memoryview calls contiguous (both ways) only when their
// single dimension has length one or its stride is the itemsize: an empty
// 1-D view with another stride is not contiguous. An invalid order
// reports false.
func Contiguous(l gomv.Layout, order gomv.Order) bool {
	if len(l.Shape) == 1 && !hasIndirection(l) {
		valid := order == gomv.OrderC || order == gomv.OrderFortran || order == gomv.OrderAny
		return valid && (l.Shape[0] == 1 || l.Strides[0] == l.Itemsize)
	}
	return l.IsContiguous(order)
}

// Flags is memoryview's c_contiguous and f_contiguous for a view of layout
// l whose exporter reported n bytes (its len), as the flags it sets when
// the view is made: a layout that has a suboffsets array is never
// contiguous, whatever its entries; a scalar is contiguous both ways; a
// 1-D one as Contiguous says; with two or more dimensions
// PyBuffer_IsContiguous decides, which calls any buffer with len == 0
// contiguous (len, not a zero in the shape: a shape whose product wraps
// also has len 0) and otherwise walks the strides without the core's
// shortcut for empty layouts (a lying exporter can pair a zero in the
// shape with len > 0). The running stride wraps on overflow as in C.
func Flags(l gomv.Layout, n int) (c, f bool) {
	switch {
	case l.Suboffsets != nil:
		return false, false
	case len(l.Shape) < 2:
		ok := Contiguous(l, gomv.OrderC)
		return ok, ok
	case n == 0:
		return true, true
	}
	return packed(l, len(l.Shape)-1, -1), packed(l, 0, 1)
}

// packed walks the dimensions from d by step: every one longer than one
// steps by the product of those walked before it.
func packed(l gomv.Layout, d, step int) bool {
	sd := l.Itemsize
	for ; d >= 0 && d < len(l.Shape); d += step {
		if l.Shape[d] > 1 && l.Strides[d] != sd {
			return false
		}
		sd *= l.Shape[d]
	}
	return true
}

func hasIndirection(l gomv.Layout) bool {
	for _, s := range l.Suboffsets {
		if s >= 0 {
			return true
		}
	}
	return false
}
