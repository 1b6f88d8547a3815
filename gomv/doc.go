// Package gomv implements typed, strided views over raw memory with the
// semantics of Python's buffer protocol (PEP 3118) and struct module.
//
// A [View] is a window on a byte buffer: a [Format] says what one item is
// (an int32, a float64, a C struct of several fields, ...), and a [Layout]
// says where the items are (shape, strides in bytes, and optional
// suboffsets for indirect, pointer-to-pointer buffers). Without copying
// the underlying memory, views can be indexed and sliced with numpy's
// basic indexing ([View.Key]), transposed, reshaped, cast to another
// format or shape; their items, of any struct format (numbers, bytes,
// complex numbers, nested structs and sub-arrays as trees of values), can
// be read, written, counted, searched and compared, assigned from another
// view with value conversion ([Assign]), and copied out in C or Fortran
// order or as hex.
//
// Python is not needed to use this package: it is the engine behind the
// gomv Python extension, but it is ordinary Go.
//
//	buf := []byte{1, 0, 2, 0, 3, 0, 4, 0}
//	v, _ := gomv.NewView(buf, "<H")   // four little-endian uint16
//	v, _ = v.Slice(0, 1, 4, 2)         // items 1 and 3
//	x, _ := v.Item(0)                  // x.Int() == 2
//
// Errors carry the exact wording CPython (or numpy, for numpy's rules)
// uses for the same mistake, and a [Kind] naming the Python exception
// class, so a binding can re-raise them faithfully. Functions follow the
// newest Python's rules; where a release differs ([PyVersion]), a variant
// takes the release. Rules that only an emulation of CPython's memoryview
// needs (its order of checks, its refusals) live in the module's
// internal/cpython package.
package gomv
