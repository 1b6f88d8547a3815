package gomv

import (
	"math"

	"github.com/gomv/gomv/internal/pyerr"
)

// Cast returns a view of v's memory with another format and shape, like
// Python's memoryview.cast but without its restrictions:
//
//   - any format [ParseFormat] accepts may be the source or the
//     destination, so typed-to-typed casts ("i" to "f", "<H" to "2B",
//     structs) work whenever the sizes fit;
//   - any number of dimensions may become any other (N-D to M-D), and
//     shapes may contain zeros when the view is empty;
//   - a Fortran-contiguous view that is not C-contiguous can be cast: its
//     bytes are reinterpreted in Fortran order, so the result is
//     Fortran-contiguous and a 1-D result lists the items in memory order.
//
// A nil shape asks for a one-dimensional result of all the bytes; an
// empty non-nil shape for a scalar. The view must be contiguous and
// without indirection (TypeError), and its bytes must divide into the new
// items (TypeError "memoryview: length is not a multiple of itemsize")
// and match product(shape) * itemsize exactly (TypeError). The result
// shares v's memory and keeps its Readonly flag. Errors use CPython's
// messages where CPython has the same rule.
func (v *View) Cast(format string, shape []int) (*View, error) {
	order := OrderC
	if !v.IsCContiguous() {
		if !v.IsFContiguous() {
			return nil, newErr(TypeError, "memoryview: casts are restricted to C- or Fortran-contiguous views")
		}
		order = OrderFortran
	}
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if size <= 0 {
		return nil, newErr(ValueError, "itemsize must not be zero")
	}
	if v.NBytes()%size != 0 {
		return nil, newErr(TypeError, pyerr.CastLength)
	}
	if shape == nil {
		return v.recast(f, CLayout(size, v.NBytes()/size)), nil
	}
	if len(shape) > MaxDim {
		return nil, newErr(ValueError, pyerr.TooManyDims)
	}
	// Overflow is judged on the non-zero elements, so that the strides
	// of an empty result cannot overflow either.
	prod, zero := size, false
	for _, n := range shape {
		switch {
		case n < 0:
			return nil, newErr(ValueError, "memoryview.cast(): elements of shape must be integers >= 0")
		case n == 0:
			zero = true
		case n > math.MaxInt/prod:
			return nil, newErr(ValueError, pyerr.CastOverMax)
		default:
			prod *= n
		}
	}
	if zero {
		prod = 0
	}
	if prod != v.NBytes() {
		return nil, newErr(TypeError, pyerr.CastProduct)
	}
	if order == OrderFortran {
		return v.recast(f, FLayout(size, shape...)), nil
	}
	return v.recast(f, CLayout(size, shape...)), nil
}

// recast returns a view of v's bytes with format f and layout l.
func (v *View) recast(f *Format, l Layout) *View {
	return &View{Mem: v.Mem, Off: v.Off, Format: f, Layout: l, Readonly: v.Readonly}
}
