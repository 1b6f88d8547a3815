package gomv

// pieces cuts the items of a view, taken in C or Fortran order, into blocks
// of about a target size that are contiguous in that order: the indices of
// the slower dimensions fixed and a range along the cut dimension, so the
// output of piece k lies right after the output of piece k-1. Each piece is
// itself a view (through Sub and Slice, which keep suboffsets right), so
// every bulk operation runs on a piece exactly as on a whole view.
type pieces struct {
	order Order
	shape []int
	cut   int // the dimension pieces take a range of
	step  int // indices of cut per piece
	per   int // pieces per combination of the slower indices
	block int // output bytes per index of cut
	n     int // number of pieces
}

// cutPieces plans pieces of about target bytes (of items of itemsize) over
// shape in the given order. shape must have no zero; a scalar is one piece.
func cutPieces(shape []int, itemsize int, order Order, target int) pieces {
	p := pieces{order: order, shape: shape, block: itemsize, step: 1, per: 1, n: 1}
	nd := len(shape)
	if nd == 0 {
		return p
	}
	target = max(target, 1)
	// The cut dimension is the slowest whose single index spans at most
	// target bytes; the faster dimensions are taken whole.
	if order == OrderFortran {
		for p.cut < nd-1 && p.block*shape[p.cut] <= target {
			p.block *= shape[p.cut]
			p.cut++
		}
	} else {
		p.cut = nd - 1
		for p.cut > 0 && p.block*shape[p.cut] <= target {
			p.block *= shape[p.cut]
			p.cut--
		}
	}
	p.step = min(max(target/p.block, 1), shape[p.cut])
	p.per = (shape[p.cut] + p.step - 1) / p.step
	p.n = p.per
	for d := range shape {
		if p.slower(d) {
			p.n *= shape[d]
		}
	}
	return p
}

// slower reports whether dimension d varies slower than the cut one.
func (p *pieces) slower(d int) bool {
	if p.order == OrderFortran {
		return d > p.cut
	}
	return d < p.cut
}

// view returns piece k of v (whose shape p was planned for) and the offset
// and length of its bytes in the output.
func (p *pieces) view(v *View, k int) (piece *View, off, n int) {
	if len(p.shape) == 0 {
		return v, 0, v.Itemsize
	}
	row, j := k/p.per, k%p.per
	lo := j * p.step
	hi := min(lo+p.step, p.shape[p.cut])
	// The slower indices of row, in the order's own numbering: the
	// fastest of them varies first. Sub drops each dimension it fixes, so
	// they are fixed from the outside in (C: from dimension 0; F: from the
	// last), which leaves the cut dimension's number where sub puts it.
	piece, cut := v, p.cut
	if p.order == OrderFortran {
		rest := row
		idx := make([]int, len(p.shape))
		for d := p.cut + 1; d < len(p.shape); d++ {
			idx[d], rest = rest%p.shape[d], rest/p.shape[d]
		}
		for d := len(p.shape) - 1; d > p.cut; d-- {
			piece = piece.sub(d, idx[d])
		}
	} else {
		idx := make([]int, p.cut)
		rest := row
		for d := p.cut - 1; d >= 0; d-- {
			idx[d], rest = rest%p.shape[d], rest/p.shape[d]
		}
		for d := 0; d < p.cut; d++ {
			piece = piece.sub(0, idx[d])
		}
		cut = 0
	}
	piece, _ = piece.Slice(cut, lo, hi, 1)
	return piece, (row*p.shape[p.cut] + lo) * p.block, (hi - lo) * p.block
}
