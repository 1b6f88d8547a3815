package gomv

// This file holds the iteration engine shared by the bulk operations
// (Bytes, Hex, Equal, ToList, Copy). It visits the items of one view, or of
// two views of the same shape in lockstep, one innermost-dimension run at a
// time: the callback receives a whole row (memory, offset, stride, count)
// and loops over it itself, so no work is done per item beyond what the
// caller's loop does, and nothing is allocated per item or per row.

// level is one dimension of an iteration, outermost first.
type level struct {
	n      int    // items along this level
	dim    int    // the view dimension it walks (for Deref and the index)
	stride [2]int // bytes between neighbours, per view
	sub    [2]int // suboffset per view; < 0 means no indirection
}

// indirect reports whether stepping along l follows a pointer in any view.
func (l *level) indirect() bool { return l.sub[0] >= 0 || l.sub[1] >= 0 }

// row is one innermost run of items, handed to a rowFunc. For each view k,
// item j of the run is at mem[k][off[k]+j*stride[k]:]. When the innermost
// dimension is indirect, runs have n == 1.
type row struct {
	mem    [2][]byte
	off    [2]int
	stride [2]int
	n      int
	first  int // index of the run's first item along the innermost dimension

	// With walker.blocks, a run may instead be a block of n2 runs, run a
	// starting stride2[k]*a bytes after off[k]; n2 <= 1 means a single run.
	n2      int
	stride2 [2]int
}

// rowFunc consumes one run. It takes the row by value: a pointer handed to
// an unknown function escapes, and would take the walker to the heap.
type rowFunc func(r row) error

// walker iterates over one or two views of equal shape.
//
// Nothing in a walk may allocate: the extension calls the bulk operations
// in fork() children, where only the forking thread exists and a garbage
// collection, which an allocation can start, waits forever for the others.
// So a walker lives on its caller's stack: its levels and index are fixed
// arrays (views from a buffer never have more than MaxDim dimensions; a Go
// caller's larger view gets heap slices), no field points into the walker
// itself (that would move it to the heap), and the rowFunc is passed down
// the walk instead of being stored, so that callers' closures stay on
// their stacks too.
type walker struct {
	views  [2]*View
	lv     [MaxDim]level
	nlev   int
	ix     [MaxDim]int
	big    []level // levels when there are more than MaxDim, else nil
	bigIdx []int   // index when it has more than MaxDim entries, else nil
	track  bool    // ix (or bigIdx) follows the index of each run's first item
	inner  int     // view dimension of the innermost level, or -1 for a single item
	slow   bool    // locate every item from scratch (see init)
	blocks bool    // hand the last two levels over as one block when both are direct
}

// levels returns the walk's levels, outermost first.
func (w *walker) levels() []level {
	if w.big != nil {
		return w.big
	}
	return w.lv[:w.nlev]
}

// idx returns the index of the current run's first item, in view
// dimension order, or nil if the walk does not track it.
func (w *walker) idx() []int {
	if !w.track {
		return nil
	}
	if w.bigIdx != nil {
		return w.bigIdx
	}
	return w.ix[:len(w.views[0].Shape)]
}

// newWalker prepares to visit the items of a (and b, if not nil, whose
// shape must equal a's) in C order (last index fastest) or Fortran order
// (first index fastest). If track is set, w.idx() follows the index of each run's
// first item; otherwise dimensions are merged wherever the memory allows,
// so that a contiguous view is a single run. It reports false if there is
// nothing to visit (some dimension is zero). The walker is returned by
// value: storing the views through a pointer parameter would send them,
// and the callers' views with them, to the heap.
func newWalker(a, b *View, order Order, track bool) (w walker, ok bool) {
	w.views, w.inner = [2]*View{a, b}, -1
	nd := len(a.Shape)
	for _, n := range a.Shape {
		if n == 0 {
			return w, false
		}
	}
	// Pointers must be followed in dimension order, outermost first, which
	// a Fortran-order walk cannot nest: such walks locate each item anew.
	w.slow = order == OrderFortran && (a.indirect() || b != nil && b.indirect())
	if track || w.slow {
		track = true
		w.track = true
		if nd > MaxDim {
			w.bigIdx = make([]int, nd)
		}
	}
	if nd > MaxDim {
		w.big = make([]level, 0, nd)
	}
	for i := 0; i < nd; i++ {
		d := i
		if order == OrderFortran {
			d = nd - 1 - i
		}
		l := level{n: a.Shape[d], dim: d, sub: [2]int{-1, -1}}
		for k, v := range w.views {
			if v == nil {
				continue
			}
			l.stride[k] = v.Strides[d]
			if v.Suboffsets != nil {
				l.sub[k] = v.Suboffsets[d]
			}
		}
		if !track {
			if l.n == 1 && !l.indirect() {
				continue // contributes no offset and no dereference
			}
			if ls := w.levels(); len(ls) > 0 && mergeable(&ls[len(ls)-1], &l) {
				o := &ls[len(ls)-1]
				o.n *= l.n
				o.stride = l.stride
				o.dim = l.dim
				continue
			}
		}
		if w.big != nil {
			w.big = append(w.big, l)
		} else {
			w.lv[w.nlev] = l
			w.nlev++
		}
	}
	if ls := w.levels(); len(ls) > 0 {
		w.inner = ls[len(ls)-1].dim
	}
	return w, true
}

// mergeable reports whether outer followed by inner can be walked as one
// level: both direct, and in every view outer's step spans exactly the
// inner run.
func mergeable(outer, inner *level) bool {
	if outer.indirect() || inner.indirect() {
		return false
	}
	for k := range outer.stride {
		if outer.stride[k] != inner.n*inner.stride[k] {
			return false
		}
	}
	return true
}

// run calls fn for every run of the walk, in order.
func (w *walker) run(fn rowFunc) error {
	var mem [2][]byte
	var off [2]int
	for k, v := range w.views {
		if v != nil {
			mem[k], off[k] = v.Mem, v.Off
		}
	}
	if len(w.levels()) == 0 {
		return fn(row{mem: mem, off: off, n: 1})
	}
	if w.slow {
		return w.walkSlow(fn)
	}
	return w.walk(0, mem, off, fn)
}

// walkSlow visits every item in level order, one single-item run each,
// finding it through locate.
func (w *walker) walkSlow(fn rowFunc) error {
	levels, idx := w.levels(), w.idx()
	var r row
	for {
		for k, v := range w.views {
			if v != nil {
				r.mem[k], r.off[k] = v.locate(idx)
			}
		}
		r.n, r.first = 1, idx[w.inner]
		if err := fn(r); err != nil {
			return err
		}
		li := len(levels) - 1
		for ; li >= 0; li-- {
			d := levels[li].dim
			if idx[d]++; idx[d] < levels[li].n {
				break
			}
			idx[d] = 0
		}
		if li < 0 {
			return nil
		}
	}
}

func (w *walker) walk(li int, mem [2][]byte, off [2]int, fn rowFunc) error {
	levels := w.levels()
	l := &levels[li]
	last := li == len(levels)-1
	if w.blocks && li == len(levels)-2 && !l.indirect() && !levels[li+1].indirect() {
		in := &levels[li+1]
		return fn(row{mem: mem, off: off, stride: in.stride, n: in.n, n2: l.n, stride2: l.stride})
	}
	if last && !l.indirect() {
		return fn(row{mem: mem, off: off, stride: l.stride, n: l.n})
	}
	idx := w.idx()
	for i := 0; i < l.n; i++ {
		if idx != nil {
			idx[l.dim] = i
		}
		m, o := mem, off
		for k, v := range w.views {
			if v == nil {
				continue
			}
			o[k] += i * l.stride[k]
			if l.sub[k] >= 0 {
				m[k], o[k] = v.Deref(m[k][o[k]:o[k]+ptrSize], l.dim)
				o[k] += l.sub[k]
			}
		}
		var err error
		if last {
			err = fn(row{mem: m, off: o, n: 1, first: i})
		} else {
			err = w.walk(li+1, m, o, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// setInner records in w.idx that the current item is j items into the
// run r; callers that track indices call it before using w.idx.
func (w *walker) setInner(r *row, j int) {
	if w.inner >= 0 {
		w.idx()[w.inner] = r.first + j
	}
}

// EachItem calls fn with the bytes of every item of v, in C or Fortran
// order (OrderAny, or any other value, is taken as C order). idx is the
// item's index, one entry per dimension. Both slices are only valid during
// the call and must not be modified; fn's error stops the walk and is
// returned.
//
// EachItem follows suboffsets through v.Deref. It allocates the index it
// hands fn, once per call, and nothing per item.
func (v *View) EachItem(order Order, fn func(idx []int, item []byte) error) error {
	w, ok := newWalker(v, nil, order, true)
	if !ok {
		return nil
	}
	// fn gets a copy of the walker's index: a slice of the walker handed
	// to an unknown function would take the whole walker to the heap.
	idx := make([]int, len(v.Shape))
	size := v.Itemsize
	return w.run(func(r row) error {
		mem, off, stride := r.mem[0], r.off[0], r.stride[0]
		for j := 0; j < r.n; j++ {
			w.setInner(&r, j)
			copy(idx, w.idx())
			o := off + j*stride
			if err := fn(idx, mem[o:o+size:o+size]); err != nil {
				return err
			}
		}
		return nil
	})
}
