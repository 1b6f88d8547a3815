package gomv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// forEachIndex calls fn with every index of shape in order 'C' or 'F', the
// slow way; the tests use it as the reference for the walker.
func forEachIndex(shape []int, order Order, fn func(idx []int)) {
	for _, n := range shape {
		if n == 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		fn(idx)
		d := len(shape) - 1
		step := -1
		if order == 'F' {
			d, step = 0, 1
		}
		for ; d >= 0 && d < len(shape); d += step {
			idx[d]++
			if idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
		if d < 0 || d >= len(shape) {
			return
		}
	}
}

// refBytes is tobytes computed item by item through locate.
func refBytes(v *View, order Order) []byte {
	var out []byte
	forEachIndex(v.Shape, order, func(idx []int) {
		m, o := v.locate(idx)
		out = append(out, m[o:o+v.Itemsize]...)
	})
	if out == nil {
		out = []byte{}
	}
	return out
}

// pool is memory for indirect test views: a pointer stored in a buffer is
// a little-endian (block<<32 | offset) pair naming a block of the pool.
type pool struct{ blocks [][]byte }

func (p *pool) add(b []byte) []byte {
	var ptr [8]byte
	binary.LittleEndian.PutUint64(ptr[:], uint64(len(p.blocks))<<32)
	p.blocks = append(p.blocks, b)
	return ptr[:ptrSize]
}

func (p *pool) deref(ptr []byte, dim int) ([]byte, int) {
	var x [8]byte
	copy(x[:], ptr)
	u := binary.LittleEndian.Uint64(x[:])
	return p.blocks[u>>32], int(uint32(u))
}

// fill returns n bytes counting up from start, so that every item differs.
func fill(n int, start byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = start + byte(i*7)
	}
	return b
}

// randView returns a strided view over fresh memory: a random shape, each
// dimension stepped with a random multiple of the packed stride (possibly
// negative or zero), dimensions randomly permuted.
func randView(rng *rand.Rand) *View {
	nd := rng.IntN(5)
	sizes := []int{1, 2, 3, 4, 8, 16}
	size := sizes[rng.IntN(len(sizes))]
	shape := make([]int, nd)
	for d := range shape {
		shape[d] = rng.IntN(4) + 1
		if rng.IntN(12) == 0 {
			shape[d] = 0
		}
	}
	// Lay out a C-contiguous base bigger by a random step per dimension,
	// then permute the dimensions and flip some.
	steps := make([]int, nd)
	span := size
	strides := make([]int, nd)
	for d := nd - 1; d >= 0; d-- {
		steps[d] = rng.IntN(3) + 1
		strides[d] = span * steps[d]
		span *= max(shape[d], 1) * steps[d]
	}
	mem := fill(span+16, byte(rng.IntN(256)))
	off := rng.IntN(8)
	perm := rng.Perm(nd)
	v := &View{Mem: mem, Off: off, Layout: Layout{Itemsize: size, Shape: make([]int, nd), Strides: make([]int, nd)}}
	for d, p := range perm {
		v.Shape[d], v.Strides[d] = shape[p], strides[p]
	}
	for d := range v.Shape {
		switch rng.IntN(6) {
		case 0: // reverse
			if v.Shape[d] > 0 {
				v.Off += (v.Shape[d] - 1) * v.Strides[d]
			}
			v.Strides[d] = -v.Strides[d]
		case 1: // broadcast
			if v.Shape[d] > 0 {
				v.Strides[d] = 0
			}
		}
	}
	if err := v.Validate(len(v.Mem), v.Off); err != nil {
		panic(fmt.Sprint(err, v.Layout, v.Off, len(v.Mem)))
	}
	return v
}

// pilView returns an indirect 3-D view: dimension 0 steps through an array
// of pointers to separate blocks, each holding a C-contiguous 2-D block
// whose rows are also reached through pointers when innerIndirect is set.
func pilView(shape [3]int, size int, innerIndirect bool) *View {
	p := &pool{}
	var ptrs []byte
	start := byte(1)
	for i := 0; i < shape[0]; i++ {
		var block []byte
		if innerIndirect {
			for j := 0; j < shape[1]; j++ {
				row := append(make([]byte, 3), fill(shape[2]*size, start)...) // items start 3 bytes in
				start += 11
				block = append(block, p.add(row)...)
			}
		} else {
			block = fill(shape[1]*shape[2]*size, start)
			start += 13
		}
		ptrs = append(ptrs, p.add(block)...)
	}
	v := &View{Mem: ptrs, Deref: p.deref, Layout: Layout{
		Itemsize:   size,
		Shape:      shape[:],
		Strides:    []int{ptrSize, shape[2] * size, size},
		Suboffsets: []int{0, -1, -1},
	}}
	if innerIndirect {
		v.Strides[1] = ptrSize
		v.Suboffsets[1] = 3
	}
	return v
}

// innermostIndirect returns a 2-D view whose last dimension is indirect:
// each item is reached through its own pointer.
func innermostIndirect(rows, cols, size int) *View {
	p := &pool{}
	var ptrs []byte
	for i := 0; i < rows*cols; i++ {
		ptrs = append(ptrs, p.add(append([]byte{0xEE}, fill(size, byte(i*5+1))...))...)
	}
	return &View{Mem: ptrs, Deref: p.deref, Layout: Layout{
		Itemsize:   size,
		Shape:      []int{rows, cols},
		Strides:    []int{cols * ptrSize, ptrSize},
		Suboffsets: []int{-1, 1},
	}}
}

func TestEachItemMatchesLocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	views := []*View{pilView([3]int{2, 3, 4}, 2, false), pilView([3]int{3, 2, 2}, 8, true),
		innermostIndirect(3, 4, 4)}
	for i := 0; i < 300; i++ {
		views = append(views, randView(rng))
	}
	for i, v := range views {
		for _, order := range []Order{OrderC, OrderFortran} {
			var got []byte
			var idxs [][]int
			err := v.EachItem(order, func(idx []int, item []byte) error {
				got = append(got, item...)
				idxs = append(idxs, append([]int(nil), idx...))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := refBytes(v, order)
			if !bytes.Equal(got, want) && len(want) > 0 {
				t.Fatalf("view %d %+v order %c: got %v want %v", i, v.Layout, order, got, want)
			}
			k := 0
			forEachIndex(v.Shape, order, func(idx []int) {
				if fmt.Sprint(idx) != fmt.Sprint(idxs[k]) {
					t.Fatalf("view %d order %c item %d: idx %v want %v", i, order, k, idxs[k], idx)
				}
				k++
			})
		}
	}
}

func TestEachItemStops(t *testing.T) {
	stop := errors.New("stop")
	v := &View{Mem: fill(10, 0), Layout: CLayout(1, 10)}
	n := 0
	err := v.EachItem('C', func([]int, []byte) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 {
		t.Fatalf("err %v after %d items", err, n)
	}
	w := pilView([3]int{2, 2, 2}, 1, true)
	n = 0
	if err := w.EachItem('F', func([]int, []byte) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("indirect: err %v after %d items", err, n)
	}
}

func TestWalkerMergesContiguous(t *testing.T) {
	cases := []struct {
		name   string
		l      Layout
		order  Order
		levels int
	}{
		{"C in C", CLayout(4, 3, 5, 7), 'C', 1},
		{"F in F", FLayout(4, 3, 5, 7), 'F', 1},
		{"C in F", CLayout(4, 3, 5), 'F', 2},
		{"ones vanish", CLayout(8, 1, 1, 1), 'C', 0},
		{"scalar", CLayout(8), 'C', 0},
		{"padded rows", Layout{Itemsize: 1, Shape: []int{3, 4}, Strides: []int{8, 1}}, 'C', 2},
		{"every other", Layout{Itemsize: 8, Shape: []int{2, 4}, Strides: []int{64, 16}}, 'C', 1},
	}
	for _, c := range cases {
		w, ok := newWalker(&View{Layout: c.l}, nil, c.order, false)
		if !ok || len(w.levels()) != c.levels {
			t.Errorf("%s: %d levels (ok=%v), want %d", c.name, len(w.levels()), ok, c.levels)
		}
	}
}
