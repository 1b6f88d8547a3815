// Package gomv implements typed, strided views over raw memory with the
// semantics of Python's buffer protocol (PEP 3118) and struct module.
//
// A [View] is a window on a byte buffer: a [Format] says what one item is
// (an int32, a float64, a C struct of several fields, ...), and a [Layout]
// says where the items are (shape, strides in bytes, and optional
// suboffsets for indirect, pointer-to-pointer buffers). Views can be
// indexed, sliced along any dimension, cast to another format or shape,
// copied out in C or Fortran order, compared item by item and rendered as
// hex, all without copying the underlying memory.
//
// Python is not needed to use this package: it is the engine behind the
// gomv Python extension, but it is ordinary Go.
//
//	buf := []byte{1, 0, 2, 0, 3, 0, 4, 0}
//	v, _ := gomv.NewView(buf, "<H")   // four little-endian uint16
//	v, _ = v.Slice(0, 1, 4, 2)         // items 1 and 3
//	x, _ := v.Item(0)                  // x.Int() == 2
//
// Errors carry the exact wording CPython uses for the same mistake, and a
// [Kind] naming the Python exception class, so a binding can re-raise them
// faithfully.
package gomv
