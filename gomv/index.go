package gomv

import "fmt"

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
// Formats with several values per item give a TypeError; use [View.Get]
// or [View.Items] for them.
func (v *View) Item(idx ...int) (Value, error) {
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return Value{}, err
	}
	if code, ok := v.Format.Native(); ok {
		return UnpackNative(code, b), nil
	}
	if v.Format.NumValues() != 1 {
		return Value{}, errNotSingle(v.Format)
	}
	var buf [1]Value
	return v.Format.appendUnpack(buf[:0], b)[0], nil
}

// Get returns the item at idx as the tree of values [Format.UnpackItem]
// gives, for any format: a value for items of one value, a Record (a
// Python tuple) or a []any (a list, for a sub-array) otherwise. Indices
// are as for [View.Addr].
func (v *View) Get(idx ...int) (any, error) {
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return nil, err
	}
	return v.format().UnpackItem(b)
}

// Set stores x, an item given as [View.Get] returns items (see
// [Format.FlattenItem] for what it accepts), in the item at idx, with the
// struct module's checks and errors. Indices are as for [View.Addr].
// Writing through a read-only view is a TypeError.
func (v *View) Set(x any, idx ...int) error {
	if v.Readonly {
		return errReadonly()
	}
	b, err := v.ItemBytes(idx...)
	if err != nil {
		return err
	}
	return v.format().PackItem(b, x)
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
		return errNotSingle(v.Format)
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
