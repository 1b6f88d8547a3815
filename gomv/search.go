package gomv

// Count returns how many items of v equal x, as Python's == compares them
// (see [View.Index]).
func (v *View) Count(x any) int {
	n, _ := v.search(x, false)
	return n
}

// Index returns the index of the first item of v, in C order, that equals
// x as Python's == compares them, and false if none does. x is an item as
// [View.Get] returns items: a value (a [Value] or a Go scalar, see
// [ValueOf]) for formats of one value, a Record for a tuple of values, a
// []any for a sub-array. Values compare by value across kinds (1, 1.0,
// true and 1+0i are equal), bytes only with bytes; a Record never equals
// a []any or a value. A 0-d view has one item, at the empty index.
func (v *View) Index(x any) ([]int, bool) {
	n, found := v.search(x, true)
	if !found {
		return nil, false
	}
	// n items come before it in C order.
	idx := make([]int, len(v.Shape))
	for d := len(v.Shape) - 1; d >= 0; d-- {
		idx[d] = n % v.Shape[d]
		n /= v.Shape[d]
	}
	return idx, true
}

// search counts the items of v equal to x, in C order, or with first set
// the items before the first one equal to x. Neither allocates.
func (v *View) search(x any, first bool) (n int, found bool) {
	f := v.format()
	code, native := f.Native()
	var xv Value
	if native {
		if xv, native = ValueOf(x); !native {
			return 0, false // a value never equals a sequence
		}
	}
	w, ok := newWalker(v, nil, OrderC, false)
	if !ok {
		return 0, false
	}
	size := v.Itemsize
	pos := 0
	w.run(func(r row) error {
		mem, off := r.mem[0], r.off[0]
		for j := 0; j < r.n; j, off, pos = j+1, off+r.stride[0], pos+1 {
			item := mem[off : off+size : off+size]
			var eq bool
			if native {
				eq = ValueEqual(UnpackNative(code, item), xv)
			} else {
				eq = itemEqual(f, item, x)
			}
			if !eq {
				continue
			}
			if first {
				found = true
				return errStop
			}
			n++
		}
		return nil
	})
	if first {
		return pos, found
	}
	return n, false
}
