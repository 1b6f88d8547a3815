package gomv

import "fmt"

// Transpose returns a view of v's items with the dimensions permuted, as
// numpy's transpose does: dimension i of the result is dimension axes[i]
// of v (negative axes count from the end), and no axes reverses the
// dimensions. The result shares v's memory; nothing is copied.
//
// The axes must name every dimension once: otherwise the error is a
// ValueError worded as numpy's ("axes don't match array", "axis 3 is out
// of bounds for array of dimension 2", "repeated axis in transpose"). A
// view with indirection (suboffsets) can only keep its order
// (NotImplementedError): its pointers must be followed outermost first.
func (v *View) Transpose(axes ...int) (*View, error) {
	n := len(v.Shape)
	perm := make([]int, n)
	if len(axes) == 0 {
		for i := range perm {
			perm[i] = n - 1 - i
		}
	} else {
		if len(axes) != n {
			return nil, newErr(ValueError, "axes don't match array")
		}
		seen := make([]bool, n)
		for i, a := range axes {
			d := a
			if d < 0 {
				d += n
			}
			if d < 0 || d >= n {
				return nil, errAxis(a, n)
			}
			if seen[d] {
				return nil, newErr(ValueError, "repeated axis in transpose")
			}
			seen[d] = true
			perm[i] = d
		}
	}
	identity := true
	for i, d := range perm {
		identity = identity && i == d
	}
	if v.indirect() && !identity {
		return nil, newErr(NotImplementedError, "gomv: cannot reorder the dimensions of a view with suboffsets")
	}
	w := v.clone()
	for i, d := range perm {
		w.Shape[i], w.Strides[i] = v.Shape[d], v.Strides[d]
		if v.Suboffsets != nil {
			w.Suboffsets[i] = v.Suboffsets[d]
		}
	}
	return w, nil
}

// T returns v with its dimensions reversed (Transpose with no axes).
func (v *View) T() (*View, error) { return v.Transpose() }

// errAxis is numpy's AxisError (a ValueError) for axis a of an n-dimensional view.
func errAxis(a, n int) error {
	return newErr(ValueError, fmt.Sprintf("axis %d is out of bounds for array of dimension %d", a, n))
}
