package gomv

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of [Parallel].
const (
	// DefaultPiece is the size of the pieces bulk work is cut into: large
	// enough that handing one out costs nothing, small enough that the
	// calling goroutine's Between runs every few hundred microseconds.
	DefaultPiece = 1 << 20
	// DefaultParallelMin is the size of the smallest operation worth more
	// than one goroutine (make bench measures the crossover).
	DefaultParallelMin = 4 << 20
)

// Parallel runs the bulk operations of views (copying out, hex, equality,
// assignment) in pieces, on several goroutines at once when they are large.
// The results are exactly those of the single-goroutine operations: pieces
// are blocks of the output, and where an operation stops early (==) or
// fails, the first piece in output order decides, as a sequential walk
// would.
//
// The zero value uses up to GOMAXPROCS goroutines on operations of at
// least DefaultParallelMin bytes, in pieces of DefaultPiece bytes.
type Parallel struct {
	// Workers is the most goroutines an operation uses, the calling one
	// included; 0 or less means runtime.GOMAXPROCS(0).
	Workers int
	// Piece is the size in bytes of the pieces; 0 or less means DefaultPiece.
	Piece int
	// Min is the fewest bytes an operation must cover to use more than one
	// goroutine; 0 or less means DefaultParallelMin.
	Min int
	// Between, if not nil, is called on the calling goroutine after each
	// piece it completes, and every few milliseconds while it waits for the
	// others; an error stops the operation (pieces under way finish first)
	// and is returned. A binding uses it to let signals be handled.
	Between func() error
}

func (p *Parallel) piece() int {
	if p == nil || p.Piece <= 0 {
		return DefaultPiece
	}
	return p.Piece
}

// workers is how many goroutines an operation of n pieces and nbytes uses.
func (p *Parallel) workers(n, nbytes int) int {
	w, least := 0, DefaultParallelMin
	if p != nil {
		w = p.Workers
		if p.Min > 0 {
			least = p.Min
		}
	}
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	if nbytes < least {
		return 1
	}
	return min(w, n)
}

func (p *Parallel) between() error {
	if p == nil || p.Between == nil {
		return nil
	}
	return p.Between()
}

// run calls work(k) for k in [0, n), the pieces of an operation covering
// nbytes, and returns the error of the lowest k that failed, or the error
// of Between. Pieces after a failed one are skipped. It returns only once
// every piece under way has finished: the memory the pieces touch may be
// freed as soon as it returns. A panic in a piece is raised again on the
// calling goroutine, after the others have stopped.
func (p *Parallel) run(n, nbytes int, work func(k int) error) error {
	nw := p.workers(n, nbytes)
	if nw <= 1 {
		for k := 0; k < n; k++ {
			if err := work(k); err != nil {
				return err
			}
			if k < n-1 {
				if err := p.between(); err != nil {
					return err
				}
			}
		}
		return nil
	}
	r := newRound(n)
	var wg sync.WaitGroup
	for i := 1; i < nw; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.loop(work, nil)
		}()
	}
	stop := r.loop(work, p.between)
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	if stop == nil && p != nil && p.Between != nil {
		stop = r.wait(done, p.Between)
	}
	<-done
	if pv := r.panicked.Load(); pv != nil {
		panic(pv.v)
	}
	if stop != nil {
		return stop
	}
	for _, err := range r.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// round is the state of one parallel operation.
type round struct {
	next     atomic.Int64 // the next piece to hand out
	limit    atomic.Int64 // pieces from here on are skipped
	errs     []error      // per piece; each written by the goroutine that ran it
	panicked atomic.Pointer[panicValue]
}

type panicValue struct{ v any }

func newRound(n int) *round {
	r := &round{errs: make([]error, n)}
	r.limit.Store(int64(n))
	return r
}

// lower makes pieces from k on skipped.
func (r *round) lower(k int64) {
	for {
		l := r.limit.Load()
		if k >= l || r.limit.CompareAndSwap(l, k) {
			return
		}
	}
}

// loop runs pieces until none is left, calling between (if not nil) after
// each; it returns between's error.
func (r *round) loop(work func(k int) error, between func() error) (stop error) {
	defer func() {
		if v := recover(); v != nil {
			r.panicked.CompareAndSwap(nil, &panicValue{v})
			r.lower(0)
		}
	}()
	for {
		k := r.next.Add(1) - 1
		if k >= r.limit.Load() {
			return nil
		}
		if err := work(int(k)); err != nil {
			r.errs[k] = err
			r.lower(k + 1)
		}
		if between != nil {
			if err := between(); err != nil {
				r.lower(0)
				return err
			}
		}
	}
}

// wait calls between every few milliseconds until done is closed, and
// stops the round if it fails.
func (r *round) wait(done <-chan struct{}, between func() error) error {
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return nil
		case <-t.C:
			if err := between(); err != nil {
				r.lower(0)
				return err
			}
		}
	}
}

// ranges runs work over [0, n) bytes in ranges of the piece size.
func (p *Parallel) ranges(n int, work func(lo, hi int) error) error {
	size := p.piece()
	return p.run((n+size-1)/size, n, func(k int) error {
		lo := k * size
		return work(lo, min(lo+size, n))
	})
}

// CopyTo is [View.CopyTo] in pieces.
func (p *Parallel) CopyTo(v *View, dst []byte, order Order) error {
	order, err := v.resolveOrder(order)
	if err != nil {
		return err
	}
	n := v.NBytes()
	if len(dst) < n {
		return newErr(ValueError, "gomv: destination holds fewer bytes than the view")
	}
	if v.isEmpty() {
		return nil
	}
	if n <= p.piece() {
		return v.CopyTo(dst, order)
	}
	return p.copyTo(*v, dst[:n], order)
}

// copyTo is CopyTo in pieces. It takes the view by value: the pieces'
// closures, shared with other goroutines, would otherwise send the
// caller's view to the heap, small operations included.
func (p *Parallel) copyTo(v View, dst []byte, order Order) error {
	if b, ok := v.contiguousBytes(order); ok {
		return p.ranges(len(dst), func(lo, hi int) error {
			copy(dst[lo:hi], b[lo:hi])
			return nil
		})
	}
	pc := cutPieces(v.Shape, v.Itemsize, order, p.piece())
	return p.run(pc.n, len(dst), func(k int) error {
		w, off, size := pc.view(&v, k)
		return w.gather(dst[off:off+size], order)
	})
}

// Hex writes the hex text of v's bytes in C order into dst, which must be
// exactly HexLen(v.NBytes(), bytesPerSep) long, with [HexAppend]'s
// rules for sep and bytesPerSep.
func (p *Parallel) Hex(v *View, dst []byte, sep byte, bytesPerSep int) error {
	n := v.NBytes()
	if len(dst) != HexLen(n, bytesPerSep) {
		return newErr(ValueError, "gomv: hex destination size does not match the text")
	}
	if n == 0 || v.isEmpty() {
		return nil
	}
	if n <= p.piece() {
		// Gathered into the tail of dst, which the text, written front to
		// back, reaches only after reading it: k bytes make at most 2k
		// plus separators characters, and the tail starts n+seps in.
		src, ok := v.contiguousBytes(OrderC)
		if !ok {
			src = dst[len(dst)-n:]
			if err := v.gather(src, OrderC); err != nil {
				return err
			}
		}
		HexAppend(dst[:0], src, sep, bytesPerSep)
		return nil
	}
	return p.hex(*v, dst, newHexText(n, sep, bytesPerSep))
}

// hex is Hex in pieces (the view by value: see copyTo).
func (p *Parallel) hex(v View, dst []byte, t hexText) error {
	n := v.NBytes()
	if b, ok := v.contiguousBytes(OrderC); ok {
		return p.ranges(n, func(lo, hi int) error {
			t.write(dst, b[lo:hi], lo)
			return nil
		})
	}
	pc := cutPieces(v.Shape, v.Itemsize, OrderC, p.piece())
	return p.run(pc.n, n, func(k int) error {
		w, off, _ := pc.view(&v, k)
		return hexGathered(w, dst, t, off)
	})
}

// hexGathered writes the text of the bytes of w, which start at position
// off of the whole, gathering them a few KiB at a time (through pieces of
// w) rather than all at once, so that no piece allocates its size.
func hexGathered(w *View, dst []byte, t hexText, off int) error {
	var buf [hexBlock]byte
	sub := cutPieces(w.Shape, w.Itemsize, OrderC, hexBlock)
	for k := 0; k < sub.n; k++ {
		x, o, size := sub.view(w, k)
		src := buf[:]
		if size > len(buf) { // an item larger than the block
			src = make([]byte, size)
		}
		if err := x.gather(src[:size], OrderC); err != nil {
			return err
		}
		t.write(dst, src[:size], off+o)
	}
	return nil
}

// hexBlock is how many bytes hexGathered gathers at a time.
const hexBlock = 4096

// Equal is [Equal] in pieces: the first unequal piece in C order decides.
func (p *Parallel) Equal(a, b *View) (bool, error) {
	if !sameShape(a.Shape, b.Shape) {
		return false, nil
	}
	if a.isEmpty() || max(a.NBytes(), b.NBytes()) <= p.piece() {
		return Equal(a, b)
	}
	return p.equal(*a, *b)
}

// equal is Equal in pieces (the views by value: see copyTo).
func (p *Parallel) equal(a, b View) (bool, error) {
	nbytes := max(a.NBytes(), b.NBytes())
	// Items compare slower than bytes copy (by value, often through the
	// struct rules): smaller pieces keep Between as frequent as elsewhere.
	pc := cutPieces(a.Shape, max(a.Itemsize, b.Itemsize), OrderC, max(p.piece()/4, 1))
	err := p.run(pc.n, nbytes, func(k int) error {
		pa, _, _ := pc.view(&a, k)
		pb, _, _ := pc.view(&b, k)
		eq, err := Equal(pa, pb)
		if err == nil && !eq {
			err = errStop
		}
		return err
	})
	if err == errStop {
		return false, nil
	}
	return err == nil, err
}

// smallScratch is the room on the stack Copy takes for a small copy
// between views that may overlap.
const smallScratch = 4096

// Copy is [Copy] in pieces. Views that may overlap are copied through a
// copy of src, except two contiguous ones, which are one memmove.
func (p *Parallel) Copy(dst, src *View) error {
	if err := checkCopy(dst, src); err != nil || dst.isEmpty() {
		return err
	}
	if src.NBytes() <= p.piece() {
		var small [smallScratch]byte
		return CopyScratch(dst, src, small[:])
	}
	return p.copy(*dst, *src)
}

// copy is Copy in pieces (the views by value: see copyTo).
func (p *Parallel) copy(dst, src View) error {
	n := src.NBytes()
	if mayOverlap(&dst, &src) {
		if d, ok := dst.contiguousBytes(OrderC); ok {
			if s, ok := src.contiguousBytes(OrderC); ok {
				copy(d, s)
				return nil
			}
		}
		tmp := make([]byte, n)
		if err := p.copyTo(src, tmp, OrderC); err != nil {
			return err
		}
		pc := cutPieces(dst.Shape, dst.Itemsize, OrderC, p.piece())
		return p.run(pc.n, n, func(k int) error {
			w, off, size := pc.view(&dst, k)
			w.scatter(tmp[off : off+size])
			return nil
		})
	}
	pc := cutPieces(dst.Shape, dst.Itemsize, OrderC, p.piece())
	return p.run(pc.n, n, func(k int) error {
		pd, _, _ := pc.view(&dst, k)
		ps, _, _ := pc.view(&src, k)
		return CopyScratch(pd, ps, nil)
	})
}
