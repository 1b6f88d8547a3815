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

func hasIndirection(l gomv.Layout) bool {
	for _, s := range l.Suboffsets {
		if s >= 0 {
			return true
		}
	}
	return false
}
