package boundary

import (
	"math"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/cpython"
)

// ShapeBad is what the C caller of Cast puts in a requested shape in place
// of an element it could not convert to a Py_ssize_t (not an int, or out of
// range). CPython converts and checks the elements one by one, after the
// checks on the view and the format, so the conversion error must surface
// only once the elements before it have passed.
const ShapeBad = math.MinInt

// Cast is memoryview.cast(format[, shape]) for src, whose exporter
// reported n bytes (its len): shape is nil when no shape was given. It
// follows CPython's order of checks through internal/cpython's Check
// functions, judging contiguity through Contiguity, by len as CPython
// does.
// py is the running interpreter's release: it decides which native formats
// cast accepts ('e' from 3.12, "Zf" and "Zd" from 3.15) and the wording of
// the refusal.
//
// On success it writes the new shape and strides into outShape and
// outStrides (room for gomv.MaxDim entries) and returns the number of
// dimensions and the itemsize. If the checks reach a ShapeBad element it
// returns bad == true and err set to the ValueError the core gives for
// that value: the caller raises its own conversion error instead, if it
// has one.
func Cast(src *Buf, n int, format string, shape []int, py gomv.PyVersion, outShape, outStrides []int) (ndim, itemsize int, bad bool, err error) {
	v, _ := src.ParsedView() // the source format only needs to be recognised as a byte format or not
	if Contiguity(src, n)&FlagC == 0 {
		err = &gomv.Error{Kind: gomv.TypeError, Msg: "memoryview: casts are restricted to C-contiguous views"}
		return
	}
	if err = cpython.CheckCastZeros(&v, shape != nil); err != nil {
		return
	}
	if shape != nil {
		if err = cpython.CheckCastNdim(len(shape)); err != nil {
			return
		}
		if err = cpython.CheckCastDims(&v, len(shape)); err != nil {
			return
		}
	}
	var f *gomv.Format
	if f, err = cpython.CheckCastFormat(format, py); err != nil {
		return
	}
	if err = cpython.CheckCastByteFormats(&v, f); err != nil {
		return
	}
	size := f.Itemsize()
	if err = cpython.CheckCastLength(&v, size); err != nil {
		return
	}
	if shape != nil {
		prod := size
		for _, n := range shape {
			if prod, err = cpython.CheckCastShapeElem(prod, n); err != nil {
				return 0, 0, n == ShapeBad, err
			}
		}
		if err = cpython.CheckCastProduct(&v, prod); err != nil {
			return
		}
	}
	// Every check has passed: the result is cpython.CastStrict's, built
	// here because CastStrict would judge contiguity again by layout
	// instead of len.
	var r gomv.Layout
	if shape == nil {
		r = gomv.CLayout(size, v.NBytes()/size)
	} else {
		r = gomv.CLayout(size, shape...)
	}
	if len(r.Shape) > len(outShape) || len(r.Strides) > len(outStrides) {
		return 0, 0, false, &gomv.Error{Kind: gomv.ValueError, Msg: "memoryview: number of dimensions must not exceed 64"}
	}
	copy(outShape, r.Shape)
	copy(outStrides, r.Strides)
	return len(r.Shape), size, false, nil
}
