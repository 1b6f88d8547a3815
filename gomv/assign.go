package gomv

import (
	"fmt"
	"strings"
)

// Assign stores the items of src into dst, which must have the same
// shape, as dst[...] = src does for numpy arrays: the result is as if src
// were read in full before dst is written, however the two share memory.
//
// Where the two formats store values the same way ("i" and "@i", "<i" and
// "i" on a little-endian host, "l" and "q" where both are 64-bit), the
// bytes are copied. Otherwise every item's values are converted: src's
// are unpacked and packed into dst's format with the struct module's
// checks, so the formats must give items of the same structure
// ([Format.SameStructure]; "B" into "H", "<d" into "f", "ii" into "T{hq}")
// and every value must fit ("'B' format requires 0 <= number <= 255").
// All items are checked before any is written: on error dst is left
// unchanged.
//
// Errors: TypeError for a read-only dst; ValueError for different shapes
// (NumPy's "could not broadcast input array from shape (3,) into shape
// (4,)") or structures; the struct module's errors for values.
func Assign(dst, src *View) error {
	if dst.Readonly {
		return errReadonly()
	}
	if !sameShape(dst.Shape, src.Shape) {
		return newErr(ValueError, fmt.Sprintf("could not broadcast input array from shape %s into shape %s",
			pyTuple(src.Shape), pyTuple(dst.Shape)))
	}
	fd, fs := dst.format(), src.format()
	if sameRepresentation(fd, fs) {
		return copyItems(dst, src, nil)
	}
	if !fd.SameStructure(fs) {
		return newErr(ValueError, fmt.Sprintf("cannot assign items of format %q to items of format %q: their values are structured differently",
			fs.Str, fd.Str))
	}
	if dst.isEmpty() {
		return nil
	}
	if mayOverlap(dst, src) {
		tmp, err := src.Bytes(OrderC)
		if err != nil {
			return err
		}
		src = &View{Mem: tmp, Format: fs, Layout: CLayout(src.Itemsize, src.Shape...)}
	}
	var buf [8]Value
	vals := buf[:0]
	// A first pass checks every item, so that a value that does not fit
	// leaves dst as it was.
	err := pairItems(dst, src, func(d, s []byte) error {
		vals = fs.appendUnpack(vals[:0], s)
		_, err := fd.pack(nil, vals, NewestPython)
		return err
	})
	if err != nil {
		return err
	}
	return pairItems(dst, src, func(d, s []byte) error {
		vals = fs.appendUnpack(vals[:0], s)
		clear(d[:fd.Size])
		fd.pack(d, vals, NewestPython)
		return nil
	})
}

// pairItems calls fn with the bytes of each pair of corresponding items of
// a and b (of the same shape), in C order, until it returns an error.
func pairItems(a, b *View, fn func(x, y []byte) error) error {
	w, ok := newWalker(a, b, OrderC, false)
	if !ok {
		return nil
	}
	sa, sb := a.Itemsize, b.Itemsize
	return w.run(func(r row) error {
		ao, bo := r.off[0], r.off[1]
		for j := 0; j < r.n; j++ {
			if err := fn(r.mem[0][ao:ao+sa:ao+sa], r.mem[1][bo:bo+sb:bo+sb]); err != nil {
				return err
			}
			ao += r.stride[0]
			bo += r.stride[1]
		}
		return nil
	})
}

// sameRepresentation reports whether items of f and g hold the same values
// the same way, so that copying bytes is converting: the same format (but
// for a leading '@'), or the same item size and tree with every value
// stored alike (same kind of number, size and byte order).
func sameRepresentation(f, g *Format) bool {
	if strings.TrimPrefix(f.Str, "@") == strings.TrimPrefix(g.Str, "@") {
		return true
	}
	if f.Size != g.Size {
		return false
	}
	a, b := f.Tree(), g.Tree()
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Kind != y.Kind || x.Count != y.Count || x.Offset != y.Offset || x.Size != y.Size ||
			x.Len != y.Len || x.Stride != y.Stride || x.Next != y.Next {
			return false
		}
		if x.Kind == NodeValue && (codeClass(x.Code) != codeClass(y.Code) || isBig(x.Order) != isBig(y.Order)) {
			return false
		}
	}
	return true
}

// codeClass groups the struct codes whose values of one size are stored
// alike.
func codeClass(c byte) byte {
	switch c {
	case 'b', 'h', 'i', 'l', 'q', 'n':
		return 'i'
	case 'B', 'H', 'I', 'L', 'Q', 'N', 'P':
		return 'u'
	case 'e', 'f', 'd':
		return 'f'
	}
	return c
}
