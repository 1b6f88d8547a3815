package gomv

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// parallels are the settings the tests run every operation with: tiny
// pieces so that small views are cut into many, on one goroutine and on
// several, every size counting as large.
var parallels = []Parallel{
	{Workers: 1, Piece: 1, Min: 1},
	{Workers: 3, Piece: 1, Min: 1},
	{Workers: 4, Piece: 5, Min: 1},
	{Workers: 2, Piece: 64, Min: 1},
	{},
}

// testViews returns makers of views, each giving a fresh copy of the same
// view every call: random strided views and the indirect ones of
// walk_test.
func testViews(seed uint64, n int) []func() *View {
	makers := []func() *View{
		func() *View { return pilView([3]int{3, 4, 5}, 2, false) },
		func() *View { return pilView([3]int{2, 3, 4}, 3, true) },
		func() *View { return innermostIndirect(3, 5, 4) },
	}
	for i := 0; i < n; i++ {
		i := uint64(i)
		makers = append(makers, func() *View { return randView(rand.New(rand.NewPCG(seed, i))) })
	}
	return makers
}

func TestPiecesCoverOutput(t *testing.T) {
	for _, shape := range [][]int{{}, {7}, {3, 5}, {2, 3, 4}, {4, 1, 3, 2}} {
		for _, order := range []Order{OrderC, OrderFortran} {
			for _, target := range []int{1, 2, 5, 12, 100} {
				p := cutPieces(shape, 2, order, target)
				l := CLayout(2, shape...)
				v := &View{Mem: make([]byte, l.NBytes()), Layout: l}
				next := 0
				for k := 0; k < p.n; k++ {
					_, off, n := p.view(v, k)
					if off != next || n <= 0 {
						t.Fatalf("%v %c target %d: piece %d at %d+%d, want at %d", shape, order, target, k, off, n, next)
					}
					next += n
				}
				if next != l.NBytes() {
					t.Fatalf("%v %c target %d: pieces cover %d of %d bytes", shape, order, target, next, l.NBytes())
				}
			}
		}
	}
}

func TestParallelCopyTo(t *testing.T) {
	for i, mk := range testViews(1, 300) {
		v := mk()
		for _, order := range []Order{OrderC, OrderFortran, OrderAny} {
			want, err := v.Bytes(order)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range parallels {
				got := make([]byte, len(want))
				if err := p.CopyTo(v, got, order); err != nil {
					t.Fatalf("view %d %c %+v: %v", i, order, p, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("view %d %v %c %+v:\n got %x\nwant %x", i, v.Layout, order, p, got, want)
				}
			}
		}
	}
}

func TestParallelHex(t *testing.T) {
	for i, mk := range testViews(3, 200) {
		v := mk()
		src, _ := v.Bytes('C')
		for _, bps := range []int{0, 1, 2, 3, -1, -2, -5, 7, 1000} {
			want := HexAppend(nil, src, ':', bps)
			for _, p := range parallels {
				got := make([]byte, len(want))
				if err := p.Hex(v, got, ':', bps); err != nil {
					t.Fatalf("view %d bps %d: %v", i, bps, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("view %d %v bps %d %+v:\n got %s\nwant %s", i, v.Layout, bps, p, got, want)
				}
			}
		}
	}
	var p Parallel
	if err := p.Hex(&View{Mem: []byte{1, 2}, Layout: CLayout(1, 2)}, make([]byte, 3), ':', 1); err == nil {
		t.Fatal("Hex with a destination of the wrong size did not fail")
	}
}

// TestHexTextRanges writes the text of every split of a byte string into
// two ranges and compares with HexAppend.
func TestHexTextRanges(t *testing.T) {
	for n := 1; n < 12; n++ {
		src := fill(n, 9)
		for _, bps := range []int{0, 1, 2, 3, 4, -1, -2, -3, -4} {
			want := HexAppend(nil, src, '-', bps)
			for cut := 0; cut <= n; cut++ {
				got := make([]byte, len(want))
				ht := newHexText(n, '-', bps)
				ht.write(got, src[:cut], 0)
				ht.write(got, src[cut:], cut)
				if !bytes.Equal(got, want) {
					t.Fatalf("n %d bps %d cut %d: %s, want %s", n, bps, cut, got, want)
				}
			}
		}
	}
}

func TestParallelEqual(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i, mk := range testViews(5, 200) {
		a := mk()
		b := &View{Mem: mustBytes(a.Bytes('C')), Layout: CLayout(a.Itemsize, a.Shape...)}
		for _, format := range []string{"", "f", "e"} {
			if format != "" {
				f, err := ParseFormat(format)
				if err != nil || f.Itemsize() != a.Itemsize {
					continue
				}
				a.Format, b.Format = f, f
			}
			want, err := Equal(a, b)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range parallels {
				got, err := p.Equal(a, b)
				if err != nil || got != want {
					t.Fatalf("view %d %q %+v: %v, %v; want %v", i, format, p, got, err, want)
				}
			}
			// One differing byte anywhere makes them unequal (for
			// formats compared by bytes).
			if format == "" && len(b.Mem) > 0 {
				j := rng.IntN(len(b.Mem))
				b.Mem[j]++
				want, _ := Equal(a, b)
				for _, p := range parallels {
					if got, _ := p.Equal(a, b); got != want {
						t.Fatalf("view %d byte %d changed %+v: %v, want %v", i, j, p, got, want)
					}
				}
				b.Mem[j]--
			}
			a.Format, b.Format = nil, nil
		}
	}
}

// TestParallelEqualFirstPieceDecides: an unequal piece before a piece that
// fails to unpack gives false, as the sequential walk, which stops at the
// first unequal item, does.
func TestParallelEqualFirstPieceDecides(t *testing.T) {
	f := mustFormat(t, "<i")
	g := mustFormat(t, "<q")
	a := &View{Mem: make([]byte, 64), Format: f, Layout: CLayout(4, 16)}
	b := &View{Mem: make([]byte, 128), Format: g, Layout: CLayout(8, 16)}
	b.Mem[0] = 1
	want, werr := Equal(a, b)
	for _, p := range parallels {
		got, err := p.Equal(a, b)
		if got != want || (err == nil) != (werr == nil) {
			t.Fatalf("%+v: %v %v, want %v %v", p, got, err, want, werr)
		}
	}
}

func TestParallelCopy(t *testing.T) {
	for i, mk := range testViews(7, 300) {
		v := mk()
		if broadcasts(v) || v.isEmpty() {
			continue
		}
		src := &View{Mem: fill(v.NBytes(), 200), Layout: CLayout(v.Itemsize, v.Shape...)}
		want := mk()
		if err := Copy(want, src); err != nil {
			t.Fatal(err)
		}
		for _, p := range parallels {
			got := mk()
			if err := p.Copy(got, src); err != nil {
				t.Fatalf("view %d %+v: %v", i, p, err)
			}
			if !bytes.Equal(mustBytes(got.Bytes('C')), mustBytes(src.Bytes('C'))) {
				t.Fatalf("view %d %v %+v: the copy does not hold the source", i, v.Layout, p)
			}
			if !bytes.Equal(got.Mem, want.Mem) {
				t.Fatalf("view %d %+v: memory differs from Copy's", i, p)
			}
		}
	}
}

// TestParallelCopyOverlap copies a view onto itself shifted, in both
// directions and reversed, and compares with copying from a snapshot.
func TestParallelCopyOverlap(t *testing.T) {
	mem := fill(400, 1)
	for _, c := range []struct{ dst, src, n, step int }{
		{0, 3, 100, 1}, {3, 0, 100, 1}, {0, 2, 60, 3}, {50, 0, 40, -1}, {10, 10, 90, 2},
	} {
		for _, p := range parallels {
			m := bytes.Clone(mem)
			dst := sliceView(m, c.dst, c.n, c.step)
			src := sliceView(m, c.src, c.n, 1)
			snap := &View{Mem: mustBytes(src.Bytes('C')), Layout: CLayout(1, c.n)}
			want := bytes.Clone(mem)
			if err := Copy(sliceView(want, c.dst, c.n, c.step), snap); err != nil {
				t.Fatal(err)
			}
			if err := p.Copy(dst, src); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(m, want) {
				t.Fatalf("%+v %+v: overlapping copy differs from a copy of a snapshot", c, p)
			}
		}
	}
}

func TestParallelCopyErrors(t *testing.T) {
	a := &View{Mem: make([]byte, 8), Layout: CLayout(1, 8), Readonly: true}
	b := &View{Mem: make([]byte, 8), Layout: CLayout(1, 8)}
	var p Parallel
	checkErr(t, "readonly", p.Copy(a, b), TypeError, "cannot modify read-only memory")
	c := &View{Mem: make([]byte, 8), Layout: CLayout(2, 4)}
	checkErr(t, "structure", p.Copy(b, c), ValueError,
		"memoryview assignment: lvalue and rvalue have different structures")
}

// TestParallelBetween: Between's error stops the work and is returned,
// and it runs between the pieces of the calling goroutine.
func TestParallelBetween(t *testing.T) {
	v := &View{Mem: fill(1000, 1), Layout: Layout{Itemsize: 1, Shape: []int{500}, Strides: []int{2}}}
	stop := errors.New("interrupted")
	// One goroutine: Between runs after each piece, so its fifth call comes.
	var calls atomic.Int64
	p := Parallel{Workers: 1, Piece: 10, Min: 1, Between: func() error {
		if calls.Add(1) == 5 {
			return stop
		}
		return nil
	}}
	if err := p.CopyTo(v, make([]byte, 500), OrderC); err != stop || calls.Load() != 5 {
		t.Fatalf("one goroutine: %v after %d calls, want the error of Between's fifth", err, calls.Load())
	}
	calls.Store(-1 << 40)
	if err := p.CopyTo(v, make([]byte, 500), OrderC); err != nil {
		t.Fatal(err)
	}
	// Several: pieces of a millisecond each keep the caller busy long
	// enough to reach Between (after its pieces, or while it waits).
	var ran atomic.Int64
	q := Parallel{Workers: 3, Min: 1, Between: func() error { return stop }}
	err := q.run(100, 1<<30, func(k int) error {
		ran.Add(1)
		time.Sleep(time.Millisecond)
		return nil
	})
	if err != stop || ran.Load() == 100 {
		t.Fatalf("three goroutines: %v after %d of 100 pieces, want Between's error and the rest skipped", err, ran.Load())
	}
}

// TestParallelPanic: a panic in any piece reaches the caller, after the
// other goroutines have stopped.
func TestParallelPanic(t *testing.T) {
	for _, workers := range []int{1, 4} {
		p := Parallel{Workers: workers, Min: 1}
		var running atomic.Int64
		func() {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), "piece 7") {
					t.Fatalf("workers %d: recovered %v", workers, r)
				}
				if running.Load() != 0 {
					t.Fatalf("workers %d: %d pieces still running after the panic", workers, running.Load())
				}
			}()
			p.run(64, 1<<30, func(k int) error {
				running.Add(1)
				defer running.Add(-1)
				if k == 7 {
					panic(fmt.Sprintf("piece %d", k))
				}
				return nil
			})
		}()
	}
}

func mustBytes(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestParallelHexLargeItems: items larger than the block hexGathered
// gathers at a time, in views and scalars.
func TestParallelHexLargeItems(t *testing.T) {
	mem := fill(3*5000+10, 3)
	for _, v := range []*View{
		{Mem: mem, Layout: Layout{Itemsize: 5000, Shape: []int{3}, Strides: []int{-5000}}, Off: 10000},
		{Mem: mem, Layout: Layout{Itemsize: 5000}, Off: 7},
	} {
		src := mustBytes(v.Bytes('C'))
		want := HexAppend(nil, src, '.', 3)
		p := Parallel{Workers: 2, Piece: 1, Min: 1}
		got := make([]byte, len(want))
		if err := p.Hex(v, got, '.', 3); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%v: %v, text differs: %v", v.Layout, err, !bytes.Equal(got, want))
		}
	}
}
