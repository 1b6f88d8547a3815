package gomv

import "math"

// This file holds memoryview.cast. CastStrict applies CPython's rules in
// CPython's order; each rule is also exported as a Check function so that
// a binding which must interleave its own checks (argument types, the
// conversion of shape elements to integers) can keep that order exactly.
// Cast is the general form with this package's extensions.

// CheckCastContiguous is the first rule of CastStrict: only C-contiguous
// views can be cast (TypeError).
func (v *View) CheckCastContiguous() error {
	if !v.IsCContiguous() {
		return newErr(TypeError, "memoryview: casts are restricted to C-contiguous views")
	}
	return nil
}

// CheckCastZeros is the second rule: a view with a zero in its shape can
// only be cast if it is one-dimensional and no shape is given (TypeError).
func (v *View) CheckCastZeros(hasShape bool) error {
	if (hasShape || len(v.Shape) != 1) && v.isEmpty() {
		return newErr(TypeError, "memoryview: cannot cast view with zeros in shape or strides")
	}
	return nil
}

// CheckCastNdim checks the number of dimensions of a requested shape
// (ValueError). CPython applies it after checking that the shape is a list
// or a tuple.
func CheckCastNdim(ndim int) error {
	if ndim > MaxDim {
		return newErr(ValueError, "memoryview: number of dimensions must not exceed 64")
	}
	return nil
}

// CheckCastDims checks that a cast to ndim dimensions (1 when no shape is
// given) goes from or to one dimension (TypeError).
func (v *View) CheckCastDims(ndim int) error {
	if len(v.Shape) != 1 && ndim != 1 {
		return newErr(TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D")
	}
	return nil
}

// CheckCastFormat parses the destination format of a strict cast, which
// must be one of the native formats the memoryview of Python release py
// accepts ([Format.NativeIn]) with an optional '@' (ValueError, worded as
// that release words it).
func CheckCastFormat(format string, py PyVersion) (*Format, error) {
	if f, err := ParseFormat(format); err == nil {
		if _, ok := f.NativeIn(py); ok {
			return f, nil
		}
	}
	if py >= Py315 {
		return nil, newErr(ValueError,
			"memoryview: destination format must be a native format prefixed with an optional '@'")
	}
	return nil, newErr(ValueError,
		"memoryview: destination format must be a native single character format prefixed with an optional '@'")
}

// isByteFormat reports whether f is one of memoryview's byte formats, 'B',
// 'b' and 'c', with an optional '@'.
func isByteFormat(f *Format) bool {
	c, ok := f.Native()
	return ok && natives[nativeSlot[c]-1].Byte
}

// CheckCastByteFormats checks that the view's format or dst is a byte
// format (TypeError): CPython casts only to or from bytes. A view whose
// format is not native counts as non-byte.
func (v *View) CheckCastByteFormats(dst *Format) error {
	if !isByteFormat(v.Format) && !isByteFormat(dst) {
		return newErr(TypeError, "memoryview: cannot cast between two non-byte formats")
	}
	return nil
}

// CheckCastLength checks that the view's bytes divide into items of
// itemsize (TypeError).
func (v *View) CheckCastLength(itemsize int) error {
	if v.NBytes()%itemsize != 0 {
		return newErr(TypeError, "memoryview: length is not a multiple of itemsize")
	}
	return nil
}

// CheckCastShapeElem checks one element n of a requested shape and returns
// the running product times n. Start the product at the destination
// itemsize: CPython then checks, element by element, that n > 0 and that
// the product stays within SSIZE_MAX (both ValueError). A binding checks
// each element's type before calling it, as CPython does in the same loop.
func CheckCastShapeElem(prod, n int) (int, error) {
	if n <= 0 {
		return 0, newErr(ValueError, "memoryview.cast(): elements of shape must be integers > 0")
	}
	if n > math.MaxInt/prod {
		return 0, newErr(ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX")
	}
	return prod * n, nil
}

// CheckCastProduct checks that the product of the requested shape and the
// itemsize, as CheckCastShapeElem computes it, is the view's size in bytes
// (TypeError).
func (v *View) CheckCastProduct(nbytes int) error {
	if nbytes != v.NBytes() {
		return newErr(TypeError, "memoryview: product(shape) * itemsize != buffer size")
	}
	return nil
}

// CastStrict returns a view of v's memory with another format and shape,
// with exactly the rules, error messages and order of checks of CPython's
// memoryview.cast(format, shape). A nil shape means the argument was
// omitted (the result is one-dimensional); an empty non-nil shape asks for
// a zero-dimensional view. The result is C-contiguous, shares v's memory
// and keeps its Readonly flag.
func (v *View) CastStrict(format string, shape []int) (*View, error) {
	if err := v.CheckCastContiguous(); err != nil {
		return nil, err
	}
	if err := v.CheckCastZeros(shape != nil); err != nil {
		return nil, err
	}
	ndim := 1
	if shape != nil {
		ndim = len(shape)
		if err := CheckCastNdim(ndim); err != nil {
			return nil, err
		}
		if err := v.CheckCastDims(ndim); err != nil {
			return nil, err
		}
	}
	f, err := CheckCastFormat(format, NewestPython)
	if err != nil {
		return nil, err
	}
	if err := v.CheckCastByteFormats(f); err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if err := v.CheckCastLength(size); err != nil {
		return nil, err
	}
	if shape == nil {
		return v.recast(f, CLayout(size, v.NBytes()/size)), nil
	}
	prod := size
	for _, n := range shape {
		if prod, err = CheckCastShapeElem(prod, n); err != nil {
			return nil, err
		}
	}
	if err := v.CheckCastProduct(prod); err != nil {
		return nil, err
	}
	return v.recast(f, CLayout(size, shape...)), nil
}

// recast returns a view of v's bytes with format f and layout l.
func (v *View) recast(f *Format, l Layout) *View {
	return &View{Mem: v.Mem, Off: v.Off, Format: f, Layout: l, Readonly: v.Readonly}
}

// Cast is CastStrict with this package's extensions, which CPython
// refuses:
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
// The view must still be contiguous and without indirection (TypeError),
// and the bytes must still divide into the new items (TypeError) and match
// product(shape) * itemsize exactly (TypeError). Errors use CPython's
// messages where CPython has the same rule.
func (v *View) Cast(format string, shape []int) (*View, error) {
	order := byte('C')
	if !v.IsCContiguous() {
		if !v.IsFContiguous() {
			return nil, newErr(TypeError, "memoryview: casts are restricted to C- or Fortran-contiguous views")
		}
		order = 'F'
	}
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if size <= 0 {
		return nil, newErr(ValueError, "itemsize must not be zero")
	}
	if err := v.CheckCastLength(size); err != nil {
		return nil, err
	}
	if shape == nil {
		return v.recast(f, CLayout(size, v.NBytes()/size)), nil
	}
	if err := CheckCastNdim(len(shape)); err != nil {
		return nil, err
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
			return nil, newErr(ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX")
		default:
			prod *= n
		}
	}
	if zero {
		prod = 0
	}
	if err := v.CheckCastProduct(prod); err != nil {
		return nil, err
	}
	if order == 'F' {
		return v.recast(f, FLayout(size, shape...)), nil
	}
	return v.recast(f, CLayout(size, shape...)), nil
}
