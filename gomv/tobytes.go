package gomv

import "bytes"

// resolveOrder turns OrderAny into OrderC or OrderFortran, as CPython's
// tobytes does: 'A' copies the memory as it lies when it is contiguous
// either way and falls back to C order otherwise.
func (v *View) resolveOrder(order Order) (Order, error) {
	switch order {
	case OrderC, OrderFortran:
		return order, nil
	case OrderAny:
		if v.IsContiguous(OrderFortran) && !v.IsContiguous(OrderC) {
			return OrderFortran, nil
		}
		return OrderC, nil
	}
	return 0, errOrder()
}

// contiguousBytes returns v's memory if v's items lie in it back to back in
// the given order (C or Fortran), so that copying them is a single copy.
func (v *View) contiguousBytes(order Order) ([]byte, bool) {
	if !v.IsContiguous(order) { // false with indirection
		return nil, false
	}
	n := v.NBytes()
	return v.Mem[v.Off : v.Off+n : v.Off+n], true
}

// Bytes returns a copy of the items of v, one after the other in the given
// order (see [Order]), as memoryview.tobytes does; a binding maps
// order=None to OrderC. An order other than OrderC, OrderFortran and
// OrderAny is a ValueError.
func (v *View) Bytes(order Order) ([]byte, error) {
	order, err := v.resolveOrder(order)
	if err != nil {
		return nil, err
	}
	if b, ok := v.contiguousBytes(order); ok {
		return bytes.Clone(b), nil // Clone skips zeroing memory it overwrites
	}
	dst := make([]byte, v.NBytes())
	return dst, v.gather(dst, order)
}

// AppendBytes appends the bytes Bytes(order) would return to dst and
// returns the extended slice.
func (v *View) AppendBytes(dst []byte, order Order) ([]byte, error) {
	order, err := v.resolveOrder(order)
	if err != nil {
		return dst, err
	}
	if b, ok := v.contiguousBytes(order); ok {
		return append(dst, b...), nil
	}
	n := len(dst)
	dst = grow(dst, v.NBytes())
	return dst, v.gather(dst[n:], order)
}

// CopyTo copies the bytes Bytes(order) would return into dst, which must
// hold at least v.NBytes() bytes; only those are written. It lets a
// binding fill memory it allocated itself (a bytes object) with no
// intermediate copy.
func (v *View) CopyTo(dst []byte, order Order) error {
	order, err := v.resolveOrder(order)
	if err != nil {
		return err
	}
	n := v.NBytes()
	if len(dst) < n {
		return newErr(ValueError, "gomv: destination holds fewer bytes than the view")
	}
	if b, ok := v.contiguousBytes(order); ok {
		copy(dst, b)
		return nil
	}
	return v.gather(dst[:n], order)
}

// grow extends b by n bytes, leaving their contents unspecified.
func grow(b []byte, n int) []byte {
	if cap(b)-len(b) >= n {
		return b[:len(b)+n]
	}
	return append(b, make([]byte, n)...)
}

// gather copies the items of v into dst in C or Fortran order, one run of
// the innermost dimension at a time; dst holds exactly v.NBytes() bytes.
func (v *View) gather(dst []byte, order Order) error {
	w, ok := newWalker(v, nil, order, false)
	if !ok {
		return nil
	}
	w.blocks = true
	size := v.Itemsize
	pos := 0
	return w.run(func(r row) error {
		if r.n2 > 1 {
			gatherBlock(dst[pos:], &r, size)
			pos += r.n2 * r.n * size
			return nil
		}
		moveRow(dst, pos, size, r.mem[0], r.off[0], r.stride[0], r.n, size)
		pos += r.n * size
		return nil
	})
}

// tileBytes is how many bytes of each source run gatherBlock reads at a
// time: several cache lines, few enough that the destination lines being
// written stay in the first-level cache.
const tileBytes = 512

// gatherBlock copies the n2 runs of the block r to the start of dst, one
// after the other. When the runs' items are far apart but the runs start
// close together (reading a transpose), it goes across the runs a tile at
// a time, so that each cache line (and page) fetched from the source is
// used for several items before it is evicted.
func gatherBlock(dst []byte, r *row, size int) {
	mem, off := r.mem[0], r.off[0]
	s, s2, n, n2 := r.stride[0], r.stride2[0], r.n, r.n2
	rowBytes := n * size
	if absInt(s) <= 64 || absInt(s2) >= absInt(s) {
		for a := 0; a < n2; a++ {
			moveRow(dst, a*rowBytes, size, mem, off+a*s2, s, n, size)
		}
		return
	}
	t := max(1, tileBytes/max(absInt(s2), size))
	for a0 := 0; a0 < n2; a0 += t {
		m := min(t, n2-a0)
		for j := 0; j < n; j++ {
			moveRow(dst, a0*rowBytes+j*size, rowBytes, mem, off+a0*s2+j*s, s2, m, size)
		}
	}
}

// moveRow copies n items of size bytes from smem, at soff and then every
// sstride bytes, to dmem at doff and then every dstride bytes. Runs that
// are contiguous on both sides are one copy; common item sizes get
// fixed-size moves instead of calls to copy. The two runs must not
// overlap unless they are both contiguous.
func moveRow(dmem []byte, doff, dstride int, smem []byte, soff, sstride, n, size int) {
	if dstride == size && sstride == size {
		copy(dmem[doff:doff+n*size], smem[soff:soff+n*size])
		return
	}
	switch size {
	case 1:
		for ; n > 0; n-- {
			dmem[doff] = smem[soff]
			doff += dstride
			soff += sstride
		}
	case 2:
		for ; n > 0; n-- {
			*(*[2]byte)(dmem[doff:]) = *(*[2]byte)(smem[soff:])
			doff += dstride
			soff += sstride
		}
	case 4:
		for ; n > 0; n-- {
			*(*[4]byte)(dmem[doff:]) = *(*[4]byte)(smem[soff:])
			doff += dstride
			soff += sstride
		}
	case 8:
		for ; n > 0; n-- {
			*(*[8]byte)(dmem[doff:]) = *(*[8]byte)(smem[soff:])
			doff += dstride
			soff += sstride
		}
	case 16:
		for ; n > 0; n-- {
			*(*[16]byte)(dmem[doff:]) = *(*[16]byte)(smem[soff:])
			doff += dstride
			soff += sstride
		}
	default:
		for ; n > 0; n-- {
			copy(dmem[doff:doff+size], smem[soff:soff+size])
			doff += dstride
			soff += sstride
		}
	}
}
