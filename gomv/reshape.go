package gomv

import (
	"fmt"
	"math"
	"strings"

	"github.com/gomv/gomv/internal/pyerr"
)

// Reshape returns a view of v's items with another shape and the same
// number of items, as numpy's reshape does in C order: the items, read in
// C order, are the same in both. One dimension may be negative, to be
// worked out from the others ("can only specify one unknown dimension"
// otherwise), and a shape of a different size is numpy's ValueError
// "cannot reshape array of size 6 into shape (2,2)", in numpy's words.
//
// Reshape never copies: the result shares v's memory, so v's strides must
// allow the new shape. They do when v is C-contiguous, and also whenever
// the dimensions that merge or split are laid out contiguously with
// respect to one another (a row-strided matrix reshaped to 3-D, an every
// other item slice flattened). Otherwise the error is a ValueError saying
// so; numpy would copy there. Views with indirection cannot be reshaped
// (NotImplementedError).
func (v *View) Reshape(shape ...int) (*View, error) {
	if v.indirect() {
		return nil, newErr(NotImplementedError, "gomv: cannot reshape a view with suboffsets")
	}
	if len(shape) > MaxDim {
		return nil, newErr(ValueError, pyerr.TooManyDims)
	}
	size := v.Len()
	newShape := append([]int(nil), shape...)
	unknown, known := -1, 1
	for i, n := range shape {
		switch {
		case n < 0 && unknown >= 0:
			return nil, newErr(ValueError, "can only specify one unknown dimension")
		case n < 0:
			unknown = i
		case n != 0 && known > math.MaxInt/n:
			return nil, errReshapeSize(size, shape)
		default:
			known *= n
		}
	}
	if unknown >= 0 {
		if known == 0 || size%known != 0 {
			return nil, errReshapeSize(size, shape)
		}
		newShape[unknown] = size / known
		known = size
	}
	if known != size {
		return nil, errReshapeSize(size, shape)
	}
	strides, ok := reshapeStrides(v.Layout, newShape)
	if !ok {
		return nil, newErr(ValueError, fmt.Sprintf(
			"gomv: cannot reshape a view of shape %s and strides %s into shape %s without copying",
			pyTuple(v.Shape), pyTuple(v.Strides), pyTuple(newShape)))
	}
	w := v.clone()
	w.Shape, w.Strides, w.Suboffsets, w.Deref = newShape, strides, nil, nil
	return w, nil
}

func errReshapeSize(size int, shape []int) error {
	return newErr(ValueError, fmt.Sprintf("cannot reshape array of size %d into shape %s", size, npShape(shape)))
}

// npShape writes a requested shape as numpy's reshape error does: without
// spaces, an unknown (negative) dimension as "newaxis", or left out when
// it comes first, and a trailing comma only for a shape of one dimension.
func npShape(shape []int) string {
	i := 0
	for i < len(shape) && shape[i] < 0 {
		i++
	}
	if i == len(shape) {
		return "()"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "(%d", shape[i])
	for _, n := range shape[i+1:] {
		if n < 0 {
			sb.WriteString(",newaxis")
		} else {
			fmt.Fprintf(&sb, ",%d", n)
		}
	}
	if len(shape) == 1 {
		sb.WriteByte(',')
	}
	sb.WriteByte(')')
	return sb.String()
}

// pyTuple writes s as Python writes a tuple of ints: "()", "(4,)", "(2, 3)".
func pyTuple(s []int) string {
	parts := make([]string, len(s))
	for i, n := range s {
		parts[i] = fmt.Sprint(n)
	}
	if len(s) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// reshapeStrides returns strides that give l's items, in C order, the
// shape shape (whose product is l's number of items), and false if no
// strides can. Dimensions of length one are left out of the matching: they
// may have any stride. The other dimensions are matched in groups whose
// products agree; within a group the old dimensions must follow one
// another in memory (each stride the next one's times its length), and
// the new dimensions of the group then step through that memory in C
// order from the group's innermost stride.
func reshapeStrides(l Layout, shape []int) ([]int, bool) {
	strides := make([]int, len(shape))
	if l.isEmpty() || l.Len() == 0 {
		return CLayout(l.Itemsize, shape...).Strides, true
	}
	var os, ost []int
	for d, n := range l.Shape {
		if n != 1 {
			os, ost = append(os, n), append(ost, l.Strides[d])
		}
	}
	var ni []int // indices in shape of the dimensions longer than one
	for i, n := range shape {
		if n != 1 {
			ni = append(ni, i)
		}
	}
	i, j := 0, 0
	for i < len(os) && j < len(ni) {
		oi, nj := i+1, j+1
		op, np := os[i], shape[ni[j]]
		for op != np {
			if np < op {
				np *= shape[ni[nj]]
				nj++
			} else {
				op *= os[oi]
				oi++
			}
		}
		for k := i; k < oi-1; k++ {
			if ost[k] != os[k+1]*ost[k+1] {
				return nil, false
			}
		}
		st := ost[oi-1]
		for k := nj - 1; k >= j; k-- {
			strides[ni[k]] = st
			st *= shape[ni[k]]
		}
		i, j = oi, nj
	}
	// Dimensions of length one step nowhere; give them the stride the C
	// layout would, relative to what follows them.
	next := l.Itemsize
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] == 1 {
			strides[k] = next
		} else {
			next = strides[k] * shape[k]
		}
	}
	return strides, true
}
