package gomv

import "fmt"

// KeyKind tells what a [Key] selects along the dimensions it applies to.
type KeyKind uint8

const (
	KeyInt      KeyKind = iota // one index, dropping the dimension
	KeySlice                   // a slice start:stop:step, keeping the dimension
	KeyEllipsis                // as many full slices as the other keys leave dimensions
	KeyNewAxis                 // a new dimension of length 1
)

// Key is one element of a multi-dimensional subscript such as
// v[1, ::2, ...] in Python. Build keys with [IntKey], [SliceKey], or use
// [Ellipsis] and [NewAxis].
type Key struct {
	Kind              KeyKind
	Index             int  // for KeyInt; negative counts from the end
	Start, Stop, Step *int // for KeySlice; nil means omitted
}

var (
	// Ellipsis stands for full slices of all dimensions no other key
	// names (Python's ...).
	Ellipsis = Key{Kind: KeyEllipsis}
	// NewAxis inserts a dimension of length 1 (numpy.newaxis, None).
	NewAxis = Key{Kind: KeyNewAxis}
)

// msgInvalidIndex is NumPy's IndexError for a subscript of a kind it does
// not know.
const msgInvalidIndex = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices"

// IntKey returns the key selecting index i (negative counts from the end).
func IntKey(i int) Key { return Key{Kind: KeyInt, Index: i} }

// SliceKey returns the key for the slice start:stop:step; nil pointers are
// omitted bounds, as in Python.
func SliceKey(start, stop, step *int) Key {
	return Key{Kind: KeySlice, Start: start, Stop: stop, Step: step}
}

// Key returns the sub-view of v selected by keys, with NumPy's basic
// indexing semantics: integer keys drop their dimension, slices keep it
// (with Python's slice rules, any step but zero), one Ellipsis stands for
// as many full slices as needed, NewAxis inserts a dimension of length 1
// (stride 0), and dimensions left over at the end are kept whole. The
// result shares v's memory.
//
// Errors are NumPy's: an integer out of range is an IndexError naming the
// axis of v it indexes ("index 5 is out of bounds for axis 1 with size
// 3"), more keys than dimensions and a second Ellipsis are IndexErrors
// ("too many indices for array: array is 2-dimensional, but 3 were
// indexed", "an index can only have a single ellipsis ('...')"), a zero
// step is a ValueError ("slice step cannot be zero"), and a Key of no
// known kind is NumPy's IndexError for an invalid index.
//
// With only integer keys, one per dimension, the result is a scalar view
// of that item. (CPython's memoryview refuses most of these subscripts.)
func (v *View) Key(keys ...Key) (*View, error) {
	used, ellipses := 0, 0
	for _, k := range keys {
		switch k.Kind {
		case KeyInt, KeySlice:
			used++
		case KeyEllipsis:
			ellipses++
		case KeyNewAxis:
		default:
			return nil, newErr(IndexError, msgInvalidIndex)
		}
	}
	ndim := len(v.Shape)
	if ellipses > 1 {
		return nil, newErr(IndexError, "an index can only have a single ellipsis ('...')")
	}
	if used > ndim {
		return nil, newErr(IndexError, fmt.Sprintf(
			"too many indices for array: array is %d-dimensional, but %d were indexed", ndim, used))
	}
	w := v.clone()
	d, orig := 0, 0 // the dimension of w, and of v, the next key applies to
	for _, k := range keys {
		switch k.Kind {
		case KeyInt:
			i := k.Index
			if i < 0 {
				i += w.Shape[d]
			}
			if i < 0 || i >= w.Shape[d] {
				return nil, newErr(IndexError, fmt.Sprintf("index %d is out of bounds for axis %d with size %d",
					k.Index, orig, w.Shape[d]))
			}
			w = w.sub(d, i)
			orig++
		case KeySlice:
			start, stop, step, _, err := SliceIndices(w.Shape[d], k.Start, k.Stop, k.Step)
			if err != nil {
				return nil, err
			}
			if w, err = w.Slice(d, start, stop, step); err != nil {
				return nil, err
			}
			d++
			orig++
		case KeyEllipsis:
			d += ndim - used
			orig += ndim - used
		case KeyNewAxis:
			w.insertAxis(d)
			d++
		}
	}
	return w, nil
}

// insertAxis adds a dimension of length 1 before dimension d.
func (v *View) insertAxis(d int) {
	v.Shape = insertAt(v.Shape, d, 1)
	v.Strides = insertAt(v.Strides, d, 0)
	if v.Suboffsets != nil {
		v.Suboffsets = insertAt(v.Suboffsets, d, -1)
	}
	v.Deref = remapDeref(v.Deref, func(k int) int {
		if k > d {
			return k - 1
		}
		return k
	})
}

func insertAt(s []int, i, x int) []int {
	r := make([]int, 0, len(s)+1)
	r = append(r, s[:i]...)
	r = append(r, x)
	return append(r, s[i:]...)
}
