package cpython

import (
	"math"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/pyerr"
)

// This file holds memoryview.cast as CPython applies it. CastStrict runs
// CPython's rules in CPython's order; each rule is also a function of its
// own so that a binding which must interleave its own checks (argument
// types, the conversion of shape elements to integers, contiguity judged
// from the exporter's len) keeps that order exactly.

func newErr(k gomv.Kind, msg string) error { return &gomv.Error{Kind: k, Msg: msg} }

// CheckCastContiguous is the first rule: only C-contiguous views can be
// cast (TypeError), contiguity as memoryview.c_contiguous sees it.
func CheckCastContiguous(v *gomv.View) error {
	if !Contiguous(v.Layout, gomv.OrderC) {
		return newErr(gomv.TypeError, "memoryview: casts are restricted to C-contiguous views")
	}
	return nil
}

// CheckCastZeros is the second rule: a view with a zero in its shape can
// only be cast if it is one-dimensional and no shape is given (TypeError).
func CheckCastZeros(v *gomv.View, hasShape bool) error {
	if (hasShape || len(v.Shape) != 1) && hasZero(v.Shape) {
		return newErr(gomv.TypeError, "memoryview: cannot cast view with zeros in shape or strides")
	}
	return nil
}

func hasZero(shape []int) bool {
	for _, n := range shape {
		if n == 0 {
			return true
		}
	}
	return false
}

// CheckCastNdim checks the number of dimensions of a requested shape
// (ValueError). CPython applies it after checking that the shape is a list
// or a tuple.
func CheckCastNdim(ndim int) error {
	if ndim > gomv.MaxDim {
		return newErr(gomv.ValueError, pyerr.TooManyDims)
	}
	return nil
}

// CheckCastDims checks that a cast to ndim dimensions (1 when no shape is
// given) goes from or to one dimension (TypeError).
func CheckCastDims(v *gomv.View, ndim int) error {
	if len(v.Shape) != 1 && ndim != 1 {
		return newErr(gomv.TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D")
	}
	return nil
}

// CheckCastFormat parses the destination format of a cast, which must be
// one of the native formats the memoryview of Python release py accepts
// ([gomv.Format.NativeIn]) with an optional '@' (ValueError, worded as that
// release words it).
func CheckCastFormat(format string, py gomv.PyVersion) (*gomv.Format, error) {
	if f, err := gomv.ParseFormat(format); err == nil {
		if _, ok := f.NativeIn(py); ok {
			return f, nil
		}
	}
	if py >= gomv.Py315 {
		return nil, newErr(gomv.ValueError,
			"memoryview: destination format must be a native format prefixed with an optional '@'")
	}
	return nil, newErr(gomv.ValueError,
		"memoryview: destination format must be a native single character format prefixed with an optional '@'")
}

// isByteFormat reports whether f (nil: unsigned bytes) is one of
// memoryview's byte formats, 'B', 'b' and 'c', with an optional '@'.
func isByteFormat(f *gomv.Format) bool {
	if f == nil {
		return true
	}
	c, ok := f.Native()
	n, _ := gomv.LookupNative(c)
	return ok && n.Byte
}

// CheckCastByteFormats checks that the view's format or dst is a byte
// format (TypeError): CPython casts only to or from bytes. A view whose
// format is not native counts as non-byte.
func CheckCastByteFormats(v *gomv.View, dst *gomv.Format) error {
	if !isByteFormat(v.Format) && !isByteFormat(dst) {
		return newErr(gomv.TypeError, "memoryview: cannot cast between two non-byte formats")
	}
	return nil
}

// CheckCastLength checks that the view's bytes divide into items of
// itemsize (TypeError).
func CheckCastLength(v *gomv.View, itemsize int) error {
	if v.NBytes()%itemsize != 0 {
		return newErr(gomv.TypeError, pyerr.CastLength)
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
		return 0, newErr(gomv.ValueError, "memoryview.cast(): elements of shape must be integers > 0")
	}
	if n > math.MaxInt/prod {
		return 0, newErr(gomv.ValueError, pyerr.CastOverMax)
	}
	return prod * n, nil
}

// CheckCastProduct checks that the product of the requested shape and the
// itemsize, as CheckCastShapeElem computes it, is the view's size in bytes
// (TypeError).
func CheckCastProduct(v *gomv.View, nbytes int) error {
	if nbytes != v.NBytes() {
		return newErr(gomv.TypeError, pyerr.CastProduct)
	}
	return nil
}

// CastStrict is memoryview.cast(format, shape) of Python release py: a
// view of v's memory with another format and shape, with exactly that
// release's rules, error messages and order of checks. A nil shape means
// the argument was omitted (the result is one-dimensional); an empty
// non-nil shape asks for a zero-dimensional view. The result is
// C-contiguous, shares v's memory and keeps its Readonly flag.
func CastStrict(v *gomv.View, format string, shape []int, py gomv.PyVersion) (*gomv.View, error) {
	if err := CheckCastContiguous(v); err != nil {
		return nil, err
	}
	if err := CheckCastZeros(v, shape != nil); err != nil {
		return nil, err
	}
	ndim := 1
	if shape != nil {
		ndim = len(shape)
		if err := CheckCastNdim(ndim); err != nil {
			return nil, err
		}
		if err := CheckCastDims(v, ndim); err != nil {
			return nil, err
		}
	}
	f, err := CheckCastFormat(format, py)
	if err != nil {
		return nil, err
	}
	if err := CheckCastByteFormats(v, f); err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if err := CheckCastLength(v, size); err != nil {
		return nil, err
	}
	l := gomv.CLayout(size, v.NBytes()/size)
	if shape != nil {
		prod := size
		for _, n := range shape {
			if prod, err = CheckCastShapeElem(prod, n); err != nil {
				return nil, err
			}
		}
		if err := CheckCastProduct(v, prod); err != nil {
			return nil, err
		}
		l = gomv.CLayout(size, shape...)
	}
	return &gomv.View{Mem: v.Mem, Off: v.Off, Format: f, Layout: l, Readonly: v.Readonly}, nil
}
