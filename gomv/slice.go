package gomv

import (
	"fmt"
	"math"
)

// SliceIndices resolves a Python slice start:stop:step against a sequence
// of the given length, as slice.indices(length) does (PySlice_Unpack then
// PySlice_AdjustIndices). A nil pointer stands for an omitted bound. It
// returns the normalized start, stop and step and the number of items the
// slice selects. A zero step is CPython's ValueError "slice step cannot be
// zero", a negative length "length should not be negative".
func SliceIndices(length int, start, stop, step *int) (rstart, rstop, rstep, slicelength int, err error) {
	if length < 0 {
		return 0, 0, 0, 0, newErr(ValueError, "length should not be negative")
	}
	rstep = 1
	if step != nil {
		rstep = *step
		if rstep == 0 {
			return 0, 0, 0, 0, newErr(ValueError, "slice step cannot be zero")
		}
		// As in CPython, so that -step cannot overflow.
		if rstep < -math.MaxInt {
			rstep = -math.MaxInt
		}
	}
	lower, upper := 0, length
	if rstep < 0 {
		lower, upper = -1, length-1
	}
	clamp := func(p *int, def int) int {
		if p == nil {
			return def
		}
		i := *p
		if i < 0 {
			i += length
			if i < lower {
				i = lower
			}
		} else if i > upper {
			i = upper
		}
		return i
	}
	if rstep > 0 {
		rstart, rstop = clamp(start, lower), clamp(stop, upper)
	} else {
		rstart, rstop = clamp(start, upper), clamp(stop, lower)
	}
	return rstart, rstop, rstep, sliceLen(rstart, rstop, rstep), nil
}

// sliceLen is the number of items start:stop:step selects once start and
// stop are normalized.
func sliceLen(start, stop, step int) int {
	switch {
	case step > 0 && start < stop:
		return (stop-start-1)/step + 1
	case step < 0 && stop < start:
		return (start-stop-1)/(-step) + 1
	}
	return 0
}

// Slice returns the sub-view of v that keeps the items start, start+step,
// ... before stop along dimension dim, the other dimensions unchanged. The
// bounds must already be normalized, as [SliceIndices] returns them; other
// values give an IndexError. The result shares v's memory and Deref.
//
// Suboffsets are kept and handled as CPython's memoryview does: the start
// offset is applied before the nearest indirection that precedes dim (to
// its suboffset), or to Off if there is none. The stride along dim is
// multiplied by step even when at most one item remains, as CPython does,
// because memoryview's contiguity flags look at it. Unlike CPython, an
// empty result keeps v's Off and suboffsets: none of its items is ever
// read, and Off stays inside Mem.
func (v *View) Slice(dim, start, stop, step int) (*View, error) {
	if dim < 0 || dim >= len(v.Shape) {
		return nil, errDim(dim, len(v.Shape))
	}
	if step == 0 {
		return nil, newErr(ValueError, "slice step cannot be zero")
	}
	n := sliceLen(start, stop, step)
	if n > 0 && (start < 0 || start >= v.Shape[dim] || start+(n-1)*step < 0 || start+(n-1)*step >= v.Shape[dim]) {
		return nil, newErr(IndexError, fmt.Sprintf("slice %d:%d:%d out of range for dimension %d of length %d",
			start, stop, step, dim+1, v.Shape[dim]))
	}
	w := v.clone()
	if n > 0 && !v.isEmpty() {
		w.shift(dim, start*v.Strides[dim])
	}
	w.Shape[dim] = n
	w.Strides[dim] *= step
	return w, nil
}

// shift moves the items of every index along dimension dim by delta bytes:
// before the last indirection preceding dim, or else the whole view.
func (v *View) shift(dim, delta int) {
	for n := dim - 1; n >= 0 && v.Suboffsets != nil; n-- {
		if v.Suboffsets[n] >= 0 {
			v.Suboffsets[n] += delta
			return
		}
	}
	v.Off += delta
}

func errDim(dim, ndim int) error {
	return newErr(IndexError, fmt.Sprintf("dimension %d out of range for a %d-dimensional view", dim, ndim))
}

// Sub returns the sub-view of v at index i of dimension dim, which it drops:
// v.Sub(0, i) of a matrix is its row i. A negative i counts from the end.
// Like [View.Slice] it shares v's memory; if dim is indirect the
// sub-view's Deref follows that pointer too.
func (v *View) Sub(dim, i int) (*View, error) {
	if dim < 0 || dim >= len(v.Shape) {
		return nil, errDim(dim, len(v.Shape))
	}
	i, err := normIndex(i, v.Shape[dim], dim)
	if err != nil {
		return nil, err
	}
	return v.sub(dim, i), nil
}

// sub is Sub with i in range.
func (v *View) sub(dim, i int) *View {
	w := v.clone()
	// An empty view has no item to reach and maybe no pointer to follow,
	// so it keeps its Off, as Slice does.
	empty := v.isEmpty()
	if !empty {
		w.shift(dim, i*v.Strides[dim])
	}
	sub := -1
	if w.Suboffsets != nil {
		sub = w.Suboffsets[dim]
		w.Suboffsets = deleteAt(w.Suboffsets, dim)
	}
	w.Shape = deleteAt(w.Shape, dim)
	w.Strides = deleteAt(w.Strides, dim)
	if sub < 0 || empty {
		w.Deref = remapDeref(v.Deref, func(k int) int { return skipDim(k, dim) })
		return w
	}
	old := v.Deref
	if dim == 0 {
		// The pointer is at the first item: follow it now.
		m, o := old(w.Mem[w.Off:w.Off+ptrSize], 0)
		w.Mem, w.Off = m, o+sub
		w.Deref = remapDeref(old, func(k int) int { return k + 1 })
		return w
	}
	// Stepping along dimension dim-1 must now also follow dim's pointer.
	prev := w.Suboffsets[dim-1]
	w.Suboffsets[dim-1] = sub
	w.Deref = func(ptr []byte, k int) ([]byte, int) {
		switch {
		case k < dim-1:
			return old(ptr, k)
		case k > dim-1:
			return old(ptr, k+1)
		case prev < 0:
			return old(ptr, dim)
		}
		m, o := old(ptr, dim-1)
		o += prev
		return old(m[o:o+ptrSize], dim)
	}
	return w
}

func skipDim(k, dim int) int {
	if k >= dim {
		return k + 1
	}
	return k
}

// remapDeref returns a Deref that passes old the dimension numbers of the
// view it was made for.
func remapDeref(old Deref, m func(int) int) Deref {
	if old == nil {
		return nil
	}
	return func(ptr []byte, k int) ([]byte, int) { return old(ptr, m(k)) }
}

func deleteAt(s []int, i int) []int {
	return append(s[:i:i], s[i+1:]...)
}
