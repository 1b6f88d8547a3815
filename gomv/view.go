package gomv

import (
	"fmt"
	"unsafe"
)

// Deref follows a pointer stored inside a buffer with suboffsets. ptr holds
// the pointer-sized bytes read from the buffer, dim is the dimension being
// stepped along. It returns the memory the pointer designates and the offset
// within it that corresponds to the pointer's value; the view then adds the
// dimension's suboffset to that offset.
type Deref func(ptr []byte, dim int) (mem []byte, off int)

// View is a typed, strided window on memory.
//
// Mem holds the bytes of every item reachable without indirection, and Off
// is the position in Mem of the first item (the item at index 0 along every
// dimension). With negative strides, other items lie before Off.
type View struct {
	Mem    []byte
	Off    int
	Format *Format
	Layout
	Readonly bool
	Deref    Deref // required when Layout.Suboffsets has entries >= 0
}

// locate returns the memory and offset of the item at idx, which must be in
// range and have one entry per dimension.
func (v *View) locate(idx []int) ([]byte, int) {
	mem, off := v.Mem, v.Off
	for d, i := range idx {
		off += i * v.Strides[d]
		if v.Suboffsets != nil && v.Suboffsets[d] >= 0 {
			mem, off = v.Deref(mem[off:off+ptrSize], d)
			off += v.Suboffsets[d]
		}
	}
	return mem, off
}

// ptrSize is the size of a pointer stored in an indirect buffer.
const ptrSize = int(unsafe.Sizeof(uintptr(0)))

// NewView returns a one-dimensional, C-contiguous, writable view of buf
// holding len(buf)/itemsize items of the given struct format. It is an
// error if len(buf) is not a multiple of the format's itemsize. The view
// shares buf's memory.
func NewView(buf []byte, format string) (*View, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	size := f.Itemsize()
	if size <= 0 {
		return nil, newErr(ValueError, "itemsize must not be zero")
	}
	if len(buf)%size != 0 {
		return nil, newErr(TypeError, "memoryview: length is not a multiple of itemsize")
	}
	return &View{Mem: buf, Format: f, Layout: CLayout(size, len(buf)/size)}, nil
}

// NewViewLayout returns a writable view of mem whose first item is at
// offset off, with the given format and layout. The layout is copied, and
// its Itemsize may be left zero to take the format's. The layout is
// checked with [Layout.Validate]; a layout with suboffsets >= 0 needs the
// view's Deref to be set by the caller before any item is read.
func NewViewLayout(mem []byte, off int, format string, l Layout) (*View, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	if l.Itemsize == 0 {
		l.Itemsize = f.Itemsize()
	}
	if l.Itemsize != f.Itemsize() {
		return nil, newErr(ValueError, fmt.Sprintf("itemsize %d does not match format %q (itemsize %d)",
			l.Itemsize, format, f.Itemsize()))
	}
	l = l.Clone()
	if l.Shape == nil {
		l.Shape, l.Strides = []int{}, []int{}
	}
	if err := l.Validate(len(mem), off); err != nil {
		return nil, err
	}
	return &View{Mem: mem, Off: off, Format: f, Layout: l}, nil
}

// clone returns a copy of v whose layout may be changed freely.
func (v *View) clone() *View {
	w := *v
	w.Layout = v.Layout.Clone()
	return &w
}

// Addr returns the memory holding the item at idx and the offset of the
// item in it, following suboffsets. idx must have one index per dimension
// (none for a scalar); negative indices count from the end of their
// dimension. Errors are worded as CPython's memoryview words them: an
// IndexError for an index out of range, a TypeError for too many indices
// and a NotImplementedError for too few (use [View.Sub] or [View.Key] to
// take sub-views).
func (v *View) Addr(idx ...int) (mem []byte, off int, err error) {
	n := len(v.Shape)
	switch {
	case n == 0 && len(idx) > 0:
		return nil, 0, newErr(TypeError, "invalid indexing of 0-dim memory")
	case len(idx) > n:
		return nil, 0, newErr(TypeError,
			fmt.Sprintf("cannot index %d-dimension view with %d-element tuple", n, len(idx)))
	case len(idx) < n:
		if len(idx) == 1 {
			return nil, 0, newErr(NotImplementedError, "multi-dimensional sub-views are not implemented")
		}
		return nil, 0, newErr(NotImplementedError, "sub-views are not implemented")
	}
	var buf [8]int
	norm := buf[:0]
	for d, i := range idx {
		i, err := normIndex(i, v.Shape[d], d)
		if err != nil {
			return nil, 0, err
		}
		norm = append(norm, i)
	}
	mem, off = v.locate(norm)
	return mem, off, nil
}

// normIndex turns a possibly negative index along dimension d of length n
// into one in [0, n).
func normIndex(i, n, d int) (int, error) {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return 0, errIndex(d)
	}
	return i, nil
}

func errIndex(d int) error {
	return newErr(IndexError, fmt.Sprintf("index out of bounds on dimension %d", d+1))
}

// ItemBytes returns the bytes of the item at idx, sharing v's memory (not
// a copy). Indices are as for [View.Addr].
func (v *View) ItemBytes(idx ...int) ([]byte, error) {
	mem, off, err := v.Addr(idx...)
	if err != nil {
		return nil, err
	}
	return mem[off : off+v.Itemsize : off+v.Itemsize], nil
}

// Item returns the value of the item at idx, for formats whose items are a
// single value (such as "i", "<d" or "3s"). Indices are as for [View.Addr].
// Formats with several values per item give CPython's NotImplementedError
// "memoryview: unsupported format ..."; use [View.Items] for them.
func (v *View) Item(idx ...int) (Value, error) {
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return Value{}, err
	}
	if code, ok := v.Format.Native(); ok {
		return UnpackNative(code, b), nil
	}
	if v.Format.NumValues() != 1 {
		return Value{}, errUnsupportedFormat(v.Format)
	}
	vals, err := v.Format.Unpack(b)
	if err != nil {
		return Value{}, err
	}
	return vals[0], nil
}

func errUnsupportedFormat(f *Format) error {
	return newErr(NotImplementedError, "memoryview: unsupported format "+f.Str)
}

// Items returns all the values of the item at idx, in format order, as
// struct.unpack would. Indices are as for [View.Addr].
func (v *View) Items(idx ...int) ([]Value, error) {
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return nil, err
	}
	return v.Format.Unpack(b)
}

// SetItem stores x in the item at idx, for formats whose items are a single
// value. Indices are as for [View.Addr]. Writing through a read-only view
// is CPython's TypeError "cannot modify read-only memory"; values that do
// not fit the format give the struct module's errors.
func (v *View) SetItem(x Value, idx ...int) error {
	if v.Readonly {
		return errReadonly()
	}
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return err
	}
	if code, ok := v.Format.Native(); ok {
		return PackNative(code, b, x)
	}
	if v.Format.NumValues() != 1 {
		return errUnsupportedFormat(v.Format)
	}
	return v.Format.Pack(b, []Value{x})
}

// SetItems stores the values of one item at idx, as struct.pack_into
// would. Indices are as for [View.Addr].
func (v *View) SetItems(vals []Value, idx ...int) error {
	if v.Readonly {
		return errReadonly()
	}
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return err
	}
	return v.Format.Pack(b, vals)
}

func errReadonly() error { return newErr(TypeError, "cannot modify read-only memory") }
