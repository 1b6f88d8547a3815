package gomv

import "fmt"

// Record is the value of a record (a Python tuple): an item of a format
// with several top-level elements ("hhl", "3h"), or of a nested struct
// "T{...}". Its elements are values, Records, or []any for sub-arrays.
type Record []any

// ValueOf returns the Value of a Go scalar: a Value itself, a bool, any
// integer, float or complex type, or []byte (which the Value keeps). It
// reports false for anything else, such as a Record, a []any or a string.
func ValueOf(x any) (Value, bool) {
	switch x := x.(type) {
	case Value:
		return x, true
	case bool:
		return Bool(x), true
	case int:
		return Int(int64(x)), true
	case int8:
		return Int(int64(x)), true
	case int16:
		return Int(int64(x)), true
	case int32:
		return Int(int64(x)), true
	case int64:
		return Int(x), true
	case uint:
		return Uint(uint64(x)), true
	case uint8:
		return Uint(uint64(x)), true
	case uint16:
		return Uint(uint64(x)), true
	case uint32:
		return Uint(uint64(x)), true
	case uint64:
		return Uint(x), true
	case uintptr:
		return Uint(uint64(x)), true
	case float32:
		return Float(float64(x)), true
	case float64:
		return Float(x), true
	case complex64:
		return Complex(complex128(x)), true
	case complex128:
		return Complex(x), true
	case []byte:
		return Bytes(x), true
	}
	return Value{}, false
}

// UnpackItem decodes the item at the start of b (len(b) >= f.Itemsize())
// as the tree of values [Format.Tree] describes: an item of one element is
// that element, any other a Record. Values are the plain Go values
// [View.ToList] gives (int64, uint64, float64, complex128, bool, or a fresh
// []byte for 'c', 's' and 'p'), records are Records, sub-arrays []any.
func (f *Format) UnpackItem(b []byte) (any, error) {
	if len(b) < f.Size {
		_, err := f.AppendUnpack(nil, b) // struct's error for a short buffer
		return nil, err
	}
	nodes := f.Tree()
	if nodes[0].Len == 1 {
		return unpackElement(nodes, 1, b[nodes[1].Offset:]), nil
	}
	return unpackRecord(nodes, 0, b), nil
}

// unpackRecord decodes the record at nodes[i], whose element starts at b.
func unpackRecord(nodes []ItemNode, i int, b []byte) Record {
	r := make(Record, 0, nodes[i].Len)
	for c := i + 1; c < nodes[i].Next; c = nodes[c].Next {
		n := &nodes[c]
		for k := 0; k < n.Count; k++ {
			off := n.Offset + k*n.Size
			r = append(r, unpackElement(nodes, c, b[off:off+n.Size]))
		}
	}
	return r
}

// unpackElement decodes one element of the node nodes[i] from b.
func unpackElement(nodes []ItemNode, i int, b []byte) any {
	n := &nodes[i]
	switch n.Kind {
	case NodeRecord:
		return unpackRecord(nodes, i, b)
	case NodeArray:
		l := make([]any, n.Len)
		for k := range l {
			off := k * n.Stride
			l[k] = unpackElement(nodes, i+1, b[off:off+nodes[i+1].Size])
		}
		return l
	}
	return goValue(decodeLeaf(n, b))
}

// decodeLeaf reads the value of the NodeValue n at the start of b.
func decodeLeaf(n *ItemNode, b []byte) Value {
	if n.Code == 's' || n.Code == 'p' {
		return unpackString(n.Code, b[:n.Size:n.Size])
	}
	return decodeElem(n.Code, b, n.Size, isBig(n.Order))
}

// FlattenItem appends to vals the values of the item x, given as
// [Format.UnpackItem] returns items, in the order [Format.Pack] takes
// them. Records may be given as Record or []any, and so may arrays; values
// as anything [ValueOf] accepts. A record or array of the wrong length is
// the struct module's error for a wrong number of values ("pack expected 2
// items for packing (got 3)"); a sequence where a value belongs becomes an
// invalid Value, which Pack refuses as struct refuses it ("required
// argument is not an integer").
func (f *Format) FlattenItem(vals []Value, x any) ([]Value, error) {
	nodes := f.Tree()
	if nodes[0].Len == 1 {
		return flattenElement(vals, nodes, 1, x)
	}
	return flattenRecord(vals, nodes, 0, x)
}

func asSequence(x any) ([]any, bool) {
	switch s := x.(type) {
	case Record:
		return s, true
	case []any:
		return s, true
	}
	return nil, false
}

func errItems(want, got int) error {
	return newErr(StructError, fmt.Sprintf("pack expected %d items for packing (got %d)", want, got))
}

func flattenRecord(vals []Value, nodes []ItemNode, i int, x any) ([]Value, error) {
	s, ok := asSequence(x)
	if !ok {
		return vals, errItems(nodes[i].Len, 1)
	}
	if len(s) != nodes[i].Len {
		return vals, errItems(nodes[i].Len, len(s))
	}
	for c := i + 1; c < nodes[i].Next; c = nodes[c].Next {
		for k := 0; k < nodes[c].Count; k++ {
			var err error
			if vals, err = flattenElement(vals, nodes, c, s[0]); err != nil {
				return vals, err
			}
			s = s[1:]
		}
	}
	return vals, nil
}

func flattenElement(vals []Value, nodes []ItemNode, i int, x any) ([]Value, error) {
	n := &nodes[i]
	switch n.Kind {
	case NodeRecord:
		return flattenRecord(vals, nodes, i, x)
	case NodeArray:
		s, ok := asSequence(x)
		if !ok {
			return vals, errItems(n.Len, 1)
		}
		if len(s) != n.Len {
			return vals, errItems(n.Len, len(s))
		}
		for _, e := range s {
			var err error
			if vals, err = flattenElement(vals, nodes, i+1, e); err != nil {
				return vals, err
			}
		}
		return vals, nil
	}
	v, _ := ValueOf(x)
	return append(vals, v), nil
}

// PackItem encodes the item x, given as for [Format.FlattenItem], at the
// start of dst (len(dst) >= f.Itemsize()), with the struct module's checks
// and errors ([Format.Pack]). On error dst is left unchanged.
func (f *Format) PackItem(dst []byte, x any) error {
	var buf [8]Value
	vals, err := f.FlattenItem(buf[:0], x)
	if err != nil {
		return err
	}
	return f.Pack(dst, vals)
}

// itemEqual reports whether the item of f at the start of b equals x in
// Python (==): records compare with tuples (Record) and arrays with lists
// ([]any) element by element, values with values by [ValueEqual]; a
// tuple never equals a list or a value.
func itemEqual(f *Format, b []byte, x any) bool {
	nodes := f.Tree()
	if nodes[0].Len == 1 {
		return elementEqual(nodes, 1, b[nodes[1].Offset:], x)
	}
	return recordEqual(nodes, 0, b, x)
}

func recordEqual(nodes []ItemNode, i int, b []byte, x any) bool {
	s, ok := x.(Record)
	if !ok || len(s) != nodes[i].Len {
		return false
	}
	for c := i + 1; c < nodes[i].Next; c = nodes[c].Next {
		n := &nodes[c]
		for k := 0; k < n.Count; k++ {
			if !elementEqual(nodes, c, b[n.Offset+k*n.Size:], s[0]) {
				return false
			}
			s = s[1:]
		}
	}
	return true
}

func elementEqual(nodes []ItemNode, i int, b []byte, x any) bool {
	n := &nodes[i]
	switch n.Kind {
	case NodeRecord:
		return recordEqual(nodes, i, b, x)
	case NodeArray:
		s, ok := x.([]any)
		if !ok || len(s) != n.Len {
			return false
		}
		for k, e := range s {
			if !elementEqual(nodes, i+1, b[k*n.Stride:], e) {
				return false
			}
		}
		return true
	}
	v, ok := ValueOf(x)
	return ok && ValueEqual(decodeLeaf(n, b), v)
}
