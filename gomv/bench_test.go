package gomv

import (
	"testing"
	"time"
)

// The tobytes benchmarks all produce 64 MiB, next to a plain copy of 64
// MiB (the physical reference); b.SetBytes makes them report MB/s of
// output.
const benchBytes = 64 << 20

var benchSrc, benchDst []byte

func benchBuffers(b *testing.B) (src, dst []byte) {
	if benchSrc == nil {
		benchSrc = fill(2*benchBytes, 1)
		benchDst = make([]byte, benchBytes)
		copy(benchDst, benchSrc) // fault the pages in before any timing
	}
	b.SetBytes(benchBytes)
	b.ResetTimer()
	return benchSrc, benchDst
}

func BenchmarkCopy64MiB(b *testing.B) {
	src, dst := benchBuffers(b)
	for b.Loop() {
		copy(dst, src[:benchBytes])
	}
}

func benchCopyTo(b *testing.B, v *View, order Order) {
	_, dst := benchBuffers(b)
	for b.Loop() {
		if err := v.CopyTo(dst, order); err != nil {
			b.Fatal(err)
		}
	}
}

// Contiguous: one copy, into memory the caller owns (as the binding does).
func BenchmarkToBytesContiguous64MiB(b *testing.B) {
	src, _ := benchBuffers(b)
	benchCopyTo(b, &View{Mem: src, Layout: CLayout(8, benchBytes/8)}, 'C')
}

// Contiguous through Bytes, which also allocates the result.
func BenchmarkToBytesContiguousAlloc64MiB(b *testing.B) {
	src, _ := benchBuffers(b)
	v := &View{Mem: src, Layout: CLayout(8, benchBytes/8)}
	for b.Loop() {
		if _, err := v.Bytes('C'); err != nil {
			b.Fatal(err)
		}
	}
}

// Every other 8-byte item of a 128 MiB buffer.
func BenchmarkToBytesStrided64MiB(b *testing.B) {
	src, _ := benchBuffers(b)
	benchCopyTo(b, &View{Mem: src, Layout: Layout{Itemsize: 8, Shape: []int{benchBytes / 8}, Strides: []int{16}}}, 'C')
}

// A C-contiguous 2048x4096 array of 8-byte items read in Fortran order
// (the bytes of its transpose).
func BenchmarkToBytesTransposed64MiB(b *testing.B) {
	src, _ := benchBuffers(b)
	benchCopyTo(b, &View{Mem: src, Layout: CLayout(8, 2048, benchBytes/8/2048)}, 'F')
}

// Rows of 4 KiB out of 8 KiB: strided, but in contiguous runs.
func BenchmarkToBytesRows64MiB(b *testing.B) {
	src, _ := benchBuffers(b)
	rows := benchBytes / 4096
	benchCopyTo(b, &View{Mem: src, Layout: Layout{Itemsize: 1, Shape: []int{rows, 4096}, Strides: []int{8192, 1}}}, 'C')
}

func BenchmarkHex1MiB(b *testing.B) {
	src := fill(1<<20, 3)
	dst := make([]byte, 0, HexLen(len(src), 2))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		HexAppend(dst, src, ':', 2)
	}
}

// Without separators: hexEncode alone (vectors where there are).
func BenchmarkHexNoSep1MiB(b *testing.B) {
	src := fill(1<<20, 3)
	dst := make([]byte, 0, HexLen(len(src), 0))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		HexAppend(dst, src, 0, 0)
	}
}

func BenchmarkEqualContiguous64MiB(b *testing.B) {
	src, dst := benchBuffers(b)
	copy(dst, src)
	x := &View{Mem: src[:benchBytes], Layout: CLayout(8, benchBytes/8)}
	y := &View{Mem: dst, Layout: CLayout(8, benchBytes/8)}
	for b.Loop() {
		if eq, _ := Equal(x, y); !eq {
			b.Fatal("unequal")
		}
	}
}

// Contiguous tobytes and a plain copy timed alternately in the same loop,
// so that both see the same machine load; reports tobytes' throughput as a
// fraction of copy's ("x-of-copy", where 1 means as fast).
func BenchmarkToBytesVsCopy64MiB(b *testing.B) {
	src, dst := benchBuffers(b)
	v := &View{Mem: src, Layout: CLayout(8, benchBytes/8)}
	var tCopy, tView time.Duration
	for b.Loop() {
		t0 := time.Now()
		copy(dst, src[:benchBytes])
		t1 := time.Now()
		if err := v.CopyTo(dst, 'C'); err != nil {
			b.Fatal(err)
		}
		tCopy += t1.Sub(t0)
		tView += time.Since(t1)
	}
	b.ReportMetric(float64(tCopy)/float64(tView), "x-of-copy")
}
