package boundary

import (
	"bytes"
	"encoding/binary"
	"math"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// direct returns a Buf over mem whose item 0 is at mem[off].
func direct(mem []byte, off, itemsize int, format string, shape, strides []int) *Buf {
	return &Buf{Base: unsafe.Pointer(&mem[off]), Itemsize: itemsize, Format: format, Shape: shape, Strides: strides}
}

// fillH writes the values 0..n-1 as native uint16 at the addresses the
// layout gives index (i...) in C order, computed independently of the code
// under test.
func fillH(t *testing.T, mem []byte, off int, shape, strides []int) {
	t.Helper()
	forEach(shape, 'C', func(k int, idx []int) {
		p := off
		for d, i := range idx {
			p += i * strides[d]
		}
		binary.NativeEndian.PutUint16(mem[p:], uint16(k))
	})
}

// forEach calls fn with a running count and each index of shape in order
// 'C' or 'F'.
func forEach(shape []int, order byte, fn func(k int, idx []int)) {
	n := 1
	for _, s := range shape {
		n *= s
	}
	idx := make([]int, len(shape))
	for k := 0; k < n; k++ {
		fn(k, idx)
		for j := range shape {
			d := len(shape) - 1 - j
			if order == 'F' {
				d = j
			}
			if idx[d]++; idx[d] < shape[d] {
				break
			}
			idx[d] = 0
		}
	}
}

// cIndex is the C-order linear index of idx.
func cIndex(shape, idx []int) int {
	k := 0
	for d, i := range idx {
		k = k*shape[d] + i
	}
	return k
}

func putPtr(b []byte, p unsafe.Pointer) {
	*(*unsafe.Pointer)(unsafe.Pointer(&b[0])) = p
}

// pil0 builds a PIL-style 3x4 array of uint16 holding 0..11 in C order:
// dimension 0 steps backwards through a table of pointers (suboffset 6),
// each pointing at a row whose items lie backwards too.
func pil0() (b *Buf, keep [][]byte) {
	ptrs := make([]byte, 3*ptrSize)
	keep = append(keep, ptrs)
	for i := 0; i < 3; i++ {
		row := make([]byte, 8)
		keep = append(keep, row)
		for j := 0; j < 4; j++ {
			binary.NativeEndian.PutUint16(row[(3-j)*2:], uint16(i*4+j))
		}
		putPtr(ptrs[(2-i)*ptrSize:], unsafe.Pointer(&row[0])) // item (i,0) is at row+6
	}
	b = &Buf{Base: unsafe.Pointer(&ptrs[2*ptrSize]), Itemsize: 2, Format: "H",
		Shape: []int{3, 4}, Strides: []int{-ptrSize, -2}, Suboffsets: []int{6, -1}}
	return b, keep
}

// pil1 builds a 2x3x2 array of uint16 holding 0..11 in C order whose
// second dimension is indirect: dimensions 0 and 1 address a direct table
// of pointers to 2-item arrays.
func pil1() (b *Buf, keep [][]byte) {
	table := make([]byte, 6*ptrSize)
	keep = append(keep, table)
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			arr := make([]byte, 4)
			keep = append(keep, arr)
			for k := 0; k < 2; k++ {
				binary.NativeEndian.PutUint16(arr[2*k:], uint16(i*6+j*2+k))
			}
			putPtr(table[(i*3+j)*ptrSize:], unsafe.Pointer(&arr[0]))
		}
	}
	b = &Buf{Base: unsafe.Pointer(&table[0]), Itemsize: 2, Format: "H",
		Shape: []int{2, 3, 2}, Strides: []int{3 * ptrSize, ptrSize, 2}, Suboffsets: []int{-1, 0, -1}}
	return b, keep
}

func loadH(p unsafe.Pointer) int { return int(*(*uint16)(p)) }

func TestItemAddresses(t *testing.T) {
	mem := make([]byte, 64)
	// 3x4, dimension 0 backwards with a gap, dimension 1 forwards.
	shape, strides := []int{3, 4}, []int{-20, 2}
	fillH(t, mem, 40, shape, strides)
	p0, keep0 := pil0()
	p1, keep1 := pil1()
	for _, tc := range []struct {
		name string
		b    *Buf
	}{
		{"strided", direct(mem, 40, 2, "H", shape, strides)},
		{"pil0", p0},
		{"pil1", p1},
	} {
		forEach(tc.b.Shape, 'C', func(k int, idx []int) {
			p, err := Item(tc.b, idx)
			if err != nil {
				t.Fatalf("%s: Item(%v): %v", tc.name, idx, err)
			}
			if got := loadH(p); got != k {
				t.Errorf("%s: Item(%v) holds %d, want %d", tc.name, idx, got, k)
			}
			neg := make([]int, len(idx))
			for d, i := range idx {
				neg[d] = i - tc.b.Shape[d]
			}
			if q, err := Item(tc.b, neg); err != nil || q != p {
				t.Errorf("%s: Item(%v) = %p, %v; want %p", tc.name, neg, q, err, p)
			}
		})
	}
	runtime.KeepAlive(keep0)
	runtime.KeepAlive(keep1)
}

func TestItemErrors(t *testing.T) {
	mem := make([]byte, 8)
	b := direct(mem, 0, 2, "H", []int{4}, []int{2})
	for _, tc := range []struct {
		idx  []int
		kind int
		msg  string
	}{
		{[]int{4}, int(gomv.IndexError), "index out of bounds on dimension 1"},
		{[]int{-5}, int(gomv.IndexError), "index out of bounds on dimension 1"},
		{[]int{0, 0}, int(gomv.TypeError), "cannot index 1-dimension view with 2-element tuple"},
	} {
		_, err := Item(b, tc.idx)
		if err == nil {
			t.Fatalf("Item(%v): no error", tc.idx)
		}
		if k, m := ErrorInfo(err); k != tc.kind || m != tc.msg {
			t.Errorf("Item(%v): %d %q, want %d %q", tc.idx, k, m, tc.kind, tc.msg)
		}
	}
	// A scalar: no indices.
	s := &Buf{Base: unsafe.Pointer(&mem[2]), Itemsize: 2, Shape: Ints(nil, 0), Strides: Ints(nil, 0)}
	if p, err := Item(s, nil); err != nil || p != unsafe.Pointer(&mem[2]) {
		t.Errorf("scalar Item = %p, %v", p, err)
	}
}

func TestContiguity(t *testing.T) {
	mem := make([]byte, 256)
	p0, keep := pil0()
	const big = 1 << 40
	for _, tc := range []struct {
		name string
		b    *Buf
		n    int // the exporter's len
		want int
	}{
		{"scalar", &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 4, Shape: Ints(nil, 0), Strides: Ints(nil, 0)}, 4, FlagC | FlagF},
		{"1d", direct(mem, 0, 4, "i", []int{5}, []int{4}), 20, FlagC | FlagF},
		{"1d step", direct(mem, 0, 4, "i", []int{5}, []int{8}), 20, 0},
		{"1d one", direct(mem, 0, 4, "i", []int{1}, []int{-100}), 4, FlagC | FlagF},
		// memoryview's 1-D rule looks at the stride only, not at len
		{"1d empty step", direct(mem, 0, 4, "i", []int{0}, []int{8}), 0, 0},
		{"2d C", direct(mem, 0, 1, "B", []int{3, 4}, []int{4, 1}), 12, FlagC},
		{"2d F", direct(mem, 0, 1, "B", []int{3, 4}, []int{1, 3}), 12, FlagF},
		{"2d empty", direct(mem, 0, 1, "B", []int{0, 4}, []int{7, 9}), 0, FlagC | FlagF},
		{"2d neg", direct(mem, 100, 1, "B", []int{3, 4}, []int{-4, 1}), 12, 0},
		// 2**40 * 2**40 wraps to a len of 0, which CPython calls contiguous
		{"2d wrapped to len 0", direct(mem, 0, 1, "B", []int{big, big}, []int{0, 0}), 0, FlagC | FlagF},
		{"2d wrapped, C strides", direct(mem, 0, 1, "B", []int{big, big}, []int{big, 1}), 0, FlagC | FlagF},
		// a lying exporter: a zero in the shape but len > 0 is judged by strides
		{"2d zero dim, len > 0", direct(mem, 0, 1, "B", []int{0, 4}, []int{7, 9}), 5, 0},
		{"2d zero dim, len > 0, C", direct(mem, 0, 1, "B", []int{0, 4}, []int{4, 1}), 5, FlagC},
		{"3d zero stride", direct(mem, 0, 2, "h", []int{3, 1, 4}, []int{0, 99, 2}), 24, 0},
		{"pil", p0, 24, 0},
		{"pil len 0", &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 1, Shape: []int{0, 4}, Strides: []int{4, 1}, Suboffsets: []int{-1, -1}}, 0, 0},
		// CPython clears both flags whenever suboffsets is not NULL.
		{"suboffsets all -1", &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 1, Shape: []int{4}, Strides: []int{1}, Suboffsets: []int{-1}}, 4, 0},
	} {
		if got := Contiguity(tc.b, tc.n); got != tc.want {
			t.Errorf("%s: Contiguity = %#x, want %#x", tc.name, got, tc.want)
		}
	}
	runtime.KeepAlive(keep)
}

func TestNativeSize(t *testing.T) {
	for _, n := range gomv.NativeCodes() {
		f, err := gomv.ParseFormat(n.Format)
		if err != nil {
			t.Fatal(err)
		}
		if got := NativeSize(n.Code); got != f.Itemsize() {
			t.Errorf("NativeSize(%c) = %d, want %d", n.Code, got, f.Itemsize())
		}
	}
	for _, c := range []byte("xsp\x00Zg@") {
		if n := NativeSize(c); n != 0 {
			t.Errorf("NativeSize(%q) = %d, want 0", c, n)
		}
	}
}

func TestUnpackPack(t *testing.T) {
	var mem [16]byte
	p := unsafe.Pointer(&mem[0])
	for _, tc := range []struct {
		code byte
		in   Value
		out  Value // the Kind and numeric fields expected back
	}{
		{'b', Value{Kind: VInt, I: -5}, Value{Kind: VInt, I: -5}},
		{'B', Value{Kind: VInt, I: 200}, Value{Kind: VUint, U: 200}},
		{'h', Value{Kind: VInt, I: -30000}, Value{Kind: VInt, I: -30000}},
		{'H', Value{Kind: VUint, U: 65535}, Value{Kind: VUint, U: 65535}},
		{'i', Value{Kind: VInt, I: math.MinInt32}, Value{Kind: VInt, I: math.MinInt32}},
		{'I', Value{Kind: VBool, I: 1}, Value{Kind: VUint, U: 1}},
		{'l', Value{Kind: VInt, I: -7}, Value{Kind: VInt, I: -7}},
		{'L', Value{Kind: VUint, U: 7}, Value{Kind: VUint, U: 7}},
		{'q', Value{Kind: VInt, I: math.MinInt64}, Value{Kind: VInt, I: math.MinInt64}},
		{'Q', Value{Kind: VUint, U: math.MaxUint64}, Value{Kind: VUint, U: math.MaxUint64}},
		{'n', Value{Kind: VInt, I: -1}, Value{Kind: VInt, I: -1}},
		{'N', Value{Kind: VUint, U: 1 << 40}, Value{Kind: VUint, U: 1 << 40}},
		{'P', Value{Kind: VUint, U: 4096}, Value{Kind: VUint, U: 4096}},
		{'f', Value{Kind: VFloat, F: 1.5}, Value{Kind: VFloat, F: 1.5}},
		{'d', Value{Kind: VFloat, F: -0.1}, Value{Kind: VFloat, F: -0.1}},
		{'e', Value{Kind: VFloat, F: 0.5}, Value{Kind: VFloat, F: 0.5}},
		{'d', Value{Kind: VInt, I: 3}, Value{Kind: VFloat, F: 3}},
		{'?', Value{Kind: VInt, I: 7}, Value{Kind: VBool, I: 1, U: 1}},
		{'?', Value{Kind: VFloat, F: 0}, Value{Kind: VBool}},
		{'F', Value{Kind: VComplex, F: 1.5, Imag: -2}, Value{Kind: VComplex, F: 1.5, Imag: -2}},
		{'D', Value{Kind: VFloat, F: 0.1}, Value{Kind: VComplex, F: 0.1}},
		{'D', Value{Kind: VInt, I: -3}, Value{Kind: VComplex, F: -3}},
	} {
		mem = [16]byte{}
		in := tc.in
		if err := Pack(tc.code, p, &in); err != nil {
			t.Errorf("Pack(%c, %+v): %v", tc.code, tc.in, err)
			continue
		}
		var got Value
		if err := Unpack(tc.code, p, &got); err != nil {
			t.Errorf("Unpack(%c): %v", tc.code, err)
			continue
		}
		if got != tc.out {
			t.Errorf("%c: packed %+v, unpacked %+v, want %+v", tc.code, tc.in, got, tc.out)
		}
	}

	// 'c' unpacks to a pointer into the item itself, never a copy.
	mem[3] = 'x'
	var got Value
	if err := Unpack('c', unsafe.Pointer(&mem[3]), &got); err != nil || got.Kind != VBytes ||
		got.P != unsafe.Pointer(&mem[3]) || got.N != 1 {
		t.Errorf("Unpack('c') = %+v, %v", got, err)
	}
	src := []byte{'z'}
	in := Value{Kind: VBytes, P: unsafe.Pointer(&src[0]), N: 1}
	if err := Pack('c', unsafe.Pointer(&mem[5]), &in); err != nil || mem[5] != 'z' {
		t.Errorf("Pack('c') = %v, mem %q", err, mem[5])
	}
}

func TestPackErrors(t *testing.T) {
	var mem [8]byte
	p := unsafe.Pointer(&mem[0])
	for _, tc := range []struct {
		code byte
		in   Value
		kind gomv.Kind
	}{
		{'B', Value{Kind: VInt, I: 256}, gomv.ValueError},
		{'B', Value{Kind: VInt, I: -1}, gomv.ValueError},
		{'B', Value{Kind: VFloat, F: 1}, gomv.TypeError},
		{'i', Value{Kind: VBytes}, gomv.TypeError},
		{'c', Value{Kind: VBytes, N: 0}, gomv.ValueError},
		{'c', Value{Kind: VInt, I: 1}, gomv.TypeError},
		{'e', Value{Kind: VFloat, F: 1e10}, gomv.ValueError},
		{'d', Value{}, gomv.TypeError},
		{'x', Value{Kind: VInt}, gomv.NotImplementedError},
	} {
		mem = [8]byte{}
		in := tc.in
		err := Pack(tc.code, p, &in)
		if k, ok := gomv.KindOf(err); !ok || k != tc.kind {
			t.Errorf("Pack(%c, %+v) = %v, want a %v", tc.code, tc.in, err, tc.kind)
		}
		if mem != [8]byte{} {
			t.Errorf("Pack(%c, %+v) failed but wrote %v", tc.code, tc.in, mem)
		}
	}
	var out Value
	if err := Unpack('s', p, &out); err == nil {
		t.Errorf("Unpack('s'): no error")
	}
}

// wantBytes lists b's uint16 items (holding their C-order index) in the
// given order.
func wantBytes(shape []int, order byte) []byte {
	var out []byte
	forEach(shape, order, func(_ int, idx []int) {
		out = binary.NativeEndian.AppendUint16(out, uint16(cIndex(shape, idx)))
	})
	return out
}

func bulkCases(t *testing.T) (cases []struct {
	name string
	b    *Buf
}, keep [][]byte) {
	mem := make([]byte, 256)
	add := func(name string, b *Buf) {
		cases = append(cases, struct {
			name string
			b    *Buf
		}{name, b})
	}
	shape, strides := []int{3, 4}, []int{-20, 2}
	fillH(t, mem[0:64], 40, shape, strides)
	add("strided", direct(mem[0:64], 40, 2, "H", shape, strides))
	c := mem[64:128]
	fillH(t, c, 0, []int{2, 3, 2}, []int{12, 4, 2})
	add("C", direct(c, 0, 2, "H", []int{2, 3, 2}, []int{12, 4, 2}))
	f := mem[128:192]
	fillH(t, f, 0, []int{2, 3}, []int{2, 4})
	add("F", direct(f, 0, 2, "H", []int{2, 3}, []int{2, 4}))
	r := mem[192:256]
	fillH(t, r, 62, []int{5}, []int{-6})
	add("reversed", direct(r, 62, 2, "H", []int{5}, []int{-6}))
	add("empty", direct(r, 0, 2, "H", []int{3, 0}, []int{0, 2}))
	p0, k0 := pil0()
	p1, k1 := pil1()
	add("pil0", p0)
	add("pil1", p1)
	keep = append(append(append(keep, mem), k0...), k1...)
	return cases, keep
}

func TestToBytes(t *testing.T) {
	cases, keep := bulkCases(t)
	for _, tc := range cases {
		n := gomv.Layout{Itemsize: tc.b.Itemsize, Shape: tc.b.Shape}.NBytes()
		for _, order := range []byte("CFA") {
			want := wantBytes(tc.b.Shape, order)
			if order == 'A' {
				// 'A' is Fortran order only for F- but not C-contiguous views.
				want = wantBytes(tc.b.Shape, 'C')
				if tc.name == "F" {
					want = wantBytes(tc.b.Shape, 'F')
				}
			}
			dst := make([]byte, n+1)
			dst[n] = 0xEE
			if err := ToBytes(tc.b, order, dst[:n], nil); err != nil {
				t.Fatalf("%s %c: %v", tc.name, order, err)
			}
			if !bytes.Equal(dst[:n], want) || dst[n] != 0xEE {
				t.Errorf("%s %c: got % x, want % x", tc.name, order, dst, want)
			}
		}
		if err := ToBytes(tc.b, 'X', make([]byte, n), nil); err == nil {
			t.Errorf("%s: order X accepted", tc.name)
		}
	}
	runtime.KeepAlive(keep)
}

// TestHexInPlace pins the in-place gathering of Hex against the core's
// HexAppend on a separate copy, for every group size around the length.
func TestHexInPlace(t *testing.T) {
	cases, keep := bulkCases(t)
	for _, tc := range cases {
		n := gomv.Layout{Itemsize: tc.b.Itemsize, Shape: tc.b.Shape}.NBytes()
		src := make([]byte, n)
		if err := ToBytes(tc.b, 'C', src, nil); err != nil {
			t.Fatal(err)
		}
		for _, sep := range []byte{0, ':', ' '} {
			for bps := -n - 2; bps <= n+2; bps++ {
				want := gomv.HexAppend(nil, src, sep, bps) // sep 0 is a NUL separator
				need := HexLen(tc.b, bps)
				if need != len(want) {
					t.Fatalf("%s sep %q bps %d: HexLen %d, want %d", tc.name, sep, bps, need, len(want))
				}
				dst := bytes.Repeat([]byte{'#'}, need+2)
				if err := Hex(tc.b, dst[:need], sep, bps, nil); err != nil {
					t.Fatal(err)
				}
				if string(dst[:need]) != string(want) || string(dst[need:]) != "##" {
					t.Errorf("%s sep %q bps %d: %q, want %q", tc.name, sep, bps, dst, want)
				}
			}
		}
		if n > 0 {
			if err := Hex(tc.b, make([]byte, 2*n-1), 0, 0, nil); err == nil {
				t.Errorf("%s: short destination accepted", tc.name)
			}
			if err := Hex(tc.b, make([]byte, 2*n+1), 0, 0, nil); err == nil {
				t.Errorf("%s: long destination accepted", tc.name)
			}
		}
	}
	runtime.KeepAlive(keep)
}

func TestHexLarge(t *testing.T) {
	// Odd lengths and every position of the first separator, on a view
	// that needs gathering (every other byte).
	mem := make([]byte, 2*1001)
	for i := range mem {
		mem[i] = byte(i * 7)
	}
	for _, n := range []int{1, 2, 3, 999, 1001} {
		b := direct(mem, 0, 1, "B", []int{n}, []int{2})
		src := make([]byte, n)
		ToBytes(b, 'C', src, nil)
		for _, bps := range []int{1, 2, 3, 7, -1, -3, -7, 1000, -1000} {
			want := gomv.HexAppend(nil, src, '-', bps)
			dst := make([]byte, HexLen(b, bps))
			if err := Hex(b, dst, '-', bps, nil); err != nil || !bytes.Equal(dst, want) {
				t.Errorf("n %d bps %d: %q %v", n, bps, dst, err)
			}
		}
	}
}

func TestCast(t *testing.T) {
	mem := make([]byte, 64)
	c := func(shape ...int) *Buf {
		strides := make([]int, len(shape))
		s := 1
		for d := len(shape) - 1; d >= 0; d-- {
			strides[d] = s
			s *= shape[d]
		}
		return direct(mem, 0, 1, "B", shape, strides)
	}
	pil, keep := pil0()
	var outShape, outStrides [64]int
	for _, tc := range []struct {
		name   string
		src    *Buf
		format string
		shape  []int
		py     gomv.PyVersion // 3.11 if zero
		ndim   int
		size   int
		shp    []int
		bad    bool
		msg    string
	}{
		{name: "1d", src: c(24), format: "i", ndim: 1, size: 4, shp: []int{6}},
		{name: "nd", src: c(24), format: "h", shape: []int{3, 4}, ndim: 2, size: 2, shp: []int{3, 4}},
		{name: "0d", src: c(8), format: "@q", shape: []int{}, ndim: 0, size: 8, shp: []int{}},
		{name: "to bytes", src: c(4, 6), format: "c", ndim: 1, size: 1, shp: []int{24}},
		{name: "not C", src: direct(mem, 0, 1, "B", []int{4}, []int{2}), format: "B",
			msg: "memoryview: casts are restricted to C-contiguous views"},
		{name: "pil", src: pil, format: "B", msg: "memoryview: casts are restricted to C-contiguous views"},
		{name: "zeros", src: c(0, 4), format: "B", msg: "memoryview: cannot cast view with zeros in shape or strides"},
		{name: "1d zeros", src: c(0), format: "i", ndim: 1, size: 4, shp: []int{0}},
		{name: "1d zeros shape", src: c(0), format: "i", shape: []int{1},
			msg: "memoryview: cannot cast view with zeros in shape or strides"},
		{name: "ndim", src: c(24), format: "x", shape: make([]int, 65),
			msg: "memoryview: number of dimensions must not exceed 64"},
		{name: "nd-nd", src: c(4, 6), format: "x", shape: []int{2, 12},
			msg: "memoryview: cast must be 1D -> ND or ND -> 1D"},
		{name: "format", src: c(24), format: "<i", shape: []int{0},
			msg: "memoryview: destination format must be a native single character format prefixed with an optional '@'"},
		{name: "e on 3.11", src: c(24), format: "e", msg: "memoryview: destination format must be a native single character format prefixed with an optional '@'"},
		{name: "@e on 3.12", src: c(24), format: "@e", py: gomv.Py312, ndim: 1, size: 2, shp: []int{12}},
		{name: "Zd on 3.14", src: c(32), format: "Zd", py: gomv.Py314,
			msg: "memoryview: destination format must be a native single character format prefixed with an optional '@'"},
		{name: "@Zd on 3.15", src: c(32), format: "@Zd", py: gomv.Py315, ndim: 1, size: 16, shp: []int{2}},
		{name: "Zf on 3.15, shape", src: c(32), format: "Zf", shape: []int{2, 2}, py: gomv.Py315, ndim: 2, size: 8, shp: []int{2, 2}},
		{name: "D on 3.15", src: c(32), format: "D", py: gomv.Py315,
			msg: "memoryview: destination format must be a native format prefixed with an optional '@'"},
		{name: "<i on 3.15", src: c(32), format: "<i", py: gomv.Py315,
			msg: "memoryview: destination format must be a native format prefixed with an optional '@'"},
		{name: "two non-byte", src: direct(mem, 0, 4, "i", []int{6}, []int{4}), format: "h",
			msg: "memoryview: cannot cast between two non-byte formats"},
		{name: "opaque source", src: direct(mem, 0, 4, "<u", []int{6}, []int{4}), format: "B", ndim: 1, size: 1, shp: []int{24}},
		{name: "length", src: c(10), format: "i", shape: []int{0},
			msg: "memoryview: length is not a multiple of itemsize"},
		{name: "element", src: c(24), format: "i", shape: []int{2, 0},
			msg: "memoryview.cast(): elements of shape must be integers > 0"},
		{name: "bad after good", src: c(24), format: "i", shape: []int{2, ShapeBad, 0}, bad: true,
			msg: "memoryview.cast(): elements of shape must be integers > 0"},
		{name: "bad after bad value", src: c(24), format: "i", shape: []int{-1, ShapeBad},
			msg: "memoryview.cast(): elements of shape must be integers > 0"},
		{name: "product", src: c(24), format: "i", shape: []int{2, 2},
			msg: "memoryview: product(shape) * itemsize != buffer size"},
		{name: "overflow", src: c(24), format: "i", shape: []int{math.MaxInt / 2, 3},
			msg: "memoryview.cast(): product(shape) > SSIZE_MAX"},
		// 2**40 x 2**40 with zero strides: len wraps to 0, which makes it C-contiguous
		{name: "wrapped to len 0", src: direct(mem, 0, 1, "B", []int{1 << 40, 1 << 40}, []int{0, 0}),
			format: "B", ndim: 1, size: 1, shp: []int{0}},
		{name: "wrapped to len 0, shape", src: direct(mem, 0, 1, "B", []int{1 << 40, 1 << 40}, []int{0, 0}),
			format: "B", shape: []int{1, 0}, msg: "memoryview: cast must be 1D -> ND or ND -> 1D"},
	} {
		// the exporter's len: product(shape) * itemsize, wrapping as in C
		n := tc.src.Itemsize
		for _, d := range tc.src.Shape {
			n *= d
		}
		py := tc.py
		if py == 0 {
			py = gomv.Py311
		}
		ndim, size, bad, err := Cast(tc.src, n, tc.format, tc.shape, py, outShape[:], outStrides[:])
		if tc.msg != "" {
			if err == nil {
				t.Errorf("%s: no error", tc.name)
				continue
			}
			if _, m := ErrorInfo(err); m != tc.msg || bad != tc.bad {
				t.Errorf("%s: %q bad=%v, want %q bad=%v", tc.name, m, bad, tc.msg, tc.bad)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		want := gomv.CLayout(tc.size, tc.shp...)
		if ndim != tc.ndim || size != tc.size || !equalInts(outShape[:ndim], want.Shape) || !equalInts(outStrides[:ndim], want.Strides) {
			t.Errorf("%s: ndim %d size %d shape %v strides %v, want %d %d %v %v", tc.name, ndim, size,
				outShape[:ndim], outStrides[:ndim], tc.ndim, tc.size, want.Shape, want.Strides)
		}
	}
	runtime.KeepAlive(keep)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEqual(t *testing.T) {
	x := []byte{1, 0, 2, 0, 3, 0, 4, 0}
	y := []byte{1, 0, 9, 9, 2, 0, 9, 9, 3, 0, 9, 9, 4, 0}
	nan := make([]byte, 8)
	binary.NativeEndian.PutUint64(nan, math.Float64bits(math.NaN()))
	pil, keep := pil0()
	c := make([]byte, 24)
	fillH(t, c, 0, []int{3, 4}, []int{8, 2})
	z := make([]byte, 32)
	for _, tc := range []struct {
		name string
		a, b *Buf
		py   gomv.PyVersion // newest if zero
		want int
	}{
		{"same", direct(x, 0, 2, "H", []int{4}, []int{2}), direct(y, 0, 2, "H", []int{4}, []int{4}), 0, 1},
		{"struct formats", direct(x, 0, 2, "<H", []int{4}, []int{2}), direct(y, 0, 2, "=h", []int{4}, []int{4}), 0, 1},
		{"differ", direct(x, 0, 2, "H", []int{4}, []int{2}), direct(y, 2, 2, "H", []int{3}, []int{4}), 0, 0},
		{"nan", direct(nan, 0, 8, "d", Ints(nil, 0), Ints(nil, 0)), direct(nan, 0, 8, "d", Ints(nil, 0), Ints(nil, 0)), 0, 0},
		{"pil", pil, direct(c, 0, 2, "H", []int{3, 4}, []int{8, 2}), 0, 1},
		// Formats the struct module refuses are unequal, even to themselves.
		{"opaque", direct(x, 0, 4, "<u", []int{2}, []int{4}), direct(x, 0, 4, "<u", []int{2}, []int{4}), 0, 0},
		{"opaque empty", direct(x, 0, 4, "<g", []int{0}, []int{4}), direct(x, 0, 4, "<g", []int{0}, []int{4}), 0, 0},
		// ... and which formats those are depends on the release.
		{"Zd in 3.15", direct(z, 0, 16, "Zd", []int{2}, []int{16}), direct(z, 0, 16, "Zd", []int{2}, []int{16}), gomv.Py315, 1},
		{"Zd in 3.14", direct(z, 0, 16, "Zd", []int{2}, []int{16}), direct(z, 0, 16, "Zd", []int{2}, []int{16}), gomv.Py314, 0},
		{"<D in 3.14", direct(z, 0, 16, "<D", []int{2}, []int{16}), direct(z, 0, 16, "d", []int{2}, []int{8}), gomv.Py314, 1},
		{"<D in 3.11", direct(z, 0, 16, "<D", []int{2}, []int{16}), direct(z, 0, 16, "<D", []int{2}, []int{16}), gomv.Py311, 0},
	} {
		py := tc.py
		if py == 0 {
			py = gomv.NewestPython
		}
		got, err := Equal(tc.a, tc.b, py, nil)
		if err != nil || got != tc.want {
			t.Errorf("%s: Equal = %d, %v; want %d", tc.name, got, err, tc.want)
		}
	}
	runtime.KeepAlive(keep)
}

func TestCopy(t *testing.T) {
	// Overlapping 1-D slice assignment: m[1:5] = m[0:4] within one buffer.
	mem := []byte{0, 1, 2, 3, 4, 5}
	dst := direct(mem, 1, 1, "B", []int{4}, []int{1})
	src := direct(mem, 0, 1, "@B", []int{4}, []int{1})
	if err := Copy(dst, src, nil); err != nil || string(mem) != "\x00\x00\x01\x02\x03\x05" {
		t.Errorf("overlapping copy: %v, %v", err, mem)
	}
	// Backwards source over the same bytes.
	mem = []byte{0, 1, 2, 3, 4, 5}
	dst = direct(mem, 0, 1, "B", []int{6}, []int{1})
	src = direct(mem, 5, 1, "B", []int{6}, []int{-1})
	if err := Copy(dst, src, nil); err != nil || string(mem) != "\x05\x04\x03\x02\x01\x00" {
		t.Errorf("reversing copy: %v, %v", err, mem)
	}
	// Formats the core cannot parse copy when they are the same string.
	a, b := make([]byte, 8), []byte{1, 2, 3, 4, 5, 6, 7, 8}
	if err := Copy(direct(a, 0, 4, "<u", []int{2}, []int{4}), direct(b, 0, 4, "<u", []int{2}, []int{4}), nil); err != nil || !bytes.Equal(a, b) {
		t.Errorf("opaque copy: %v, %v", err, a)
	}
	for _, tc := range []struct {
		name     string
		dst, src *Buf
		msg      string
	}{
		{"structure", direct(a, 0, 1, "B", []int{4}, []int{1}), direct(b, 0, 1, "b", []int{4}, []int{1}),
			"memoryview assignment: lvalue and rvalue have different structures"},
		{"shape", direct(a, 0, 1, "B", []int{4}, []int{1}), direct(b, 0, 1, "B", []int{3}, []int{1}),
			"memoryview assignment: lvalue and rvalue have different structures"},
		{"readonly", &Buf{Base: unsafe.Pointer(&a[0]), Itemsize: 1, Format: "B", Shape: []int{4}, Strides: []int{1}, Readonly: true},
			direct(b, 0, 1, "B", []int{4}, []int{1}), "cannot modify read-only memory"},
	} {
		err := Copy(tc.dst, tc.src, nil)
		if _, m := ErrorInfo(err); err == nil || m != tc.msg {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.msg)
		}
	}
	// Into an indirect view.
	pil, keep := pil0()
	flat := wantBytes([]int{3, 4}, 'C')
	for i := range flat {
		flat[i] ^= 0x55
	}
	if err := Copy(pil, direct(flat, 0, 2, "H", []int{3, 4}, []int{8, 2}), nil); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 24)
	ToBytes(pil, 'C', got, nil)
	if !bytes.Equal(got, flat) {
		t.Errorf("copy into PIL view: % x, want % x", got, flat)
	}
	runtime.KeepAlive(keep)
}

func TestErrors(t *testing.T) {
	k, m := ErrorInfo(&gomv.Error{Kind: gomv.StructError, Msg: "bad char in struct format"})
	if k != 7 || m != "bad char in struct format" {
		t.Errorf("ErrorInfo = %d %q", k, m)
	}
	if k, _ := ErrorInfo(bytes.ErrTooLarge); k != KindSystem {
		t.Errorf("foreign error kind %d", k)
	}
	if k, m := PanicInfo("boom"); k != KindSystem || !strings.Contains(m, "boom") {
		t.Errorf("PanicInfo = %d %q", k, m)
	}
	for _, tc := range []struct {
		msg  string
		size int
		want string
	}{
		{"hello", 16, "hello"},
		{"hello", 6, "hello"},
		{"hello", 5, "hell"},
		{"héllo", 3, "h"}, // é is two bytes: never split it
		{"héllo", 4, "hé"},
		{"", 1, ""},
	} {
		dst := bytes.Repeat([]byte{'#'}, tc.size)
		PutMsg(dst, tc.msg)
		n := bytes.IndexByte(dst, 0)
		if n < 0 || string(dst[:n]) != tc.want {
			t.Errorf("PutMsg(%q) into %d: %q, want %q", tc.msg, tc.size, dst, tc.want)
		}
	}
	PutMsg(nil, "x") // no room at all: nothing written, no panic
}

// The entry points the C fast paths twin must not allocate: the extension
// calls them in fork() children, where the Go allocator can hang.
func TestHotPathsDoNotAllocate(t *testing.T) {
	mem := make([]byte, 64)
	fillH(t, mem, 40, []int{3, 4}, []int{-20, 2})
	shape, strides := []int{3, 4}, []int{-20, 2}
	b := direct(mem, 40, 2, "H", shape, strides)
	pil, keep := pil1()
	idx := []int{2, -1}
	idx3 := []int{1, -1, 1}
	scalar := &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 2, Shape: Ints(nil, 0), Strides: Ints(nil, 0)}
	var v Value
	in := Value{Kind: VInt, I: 12345}
	cin := Value{Kind: VBytes, P: unsafe.Pointer(&mem[63]), N: 1}
	for _, tc := range []struct {
		name   string
		fn     func()
		allocs float64
	}{
		{"Contiguity", func() { Contiguity(b, 1) }, 0},
		{"Contiguity pil", func() { Contiguity(pil, 1) }, 0},
		{"Item", func() { Item(b, idx) }, 0},
		{"Item scalar", func() { Item(scalar, nil) }, 0},
		// The Deref closure of an indirect view escapes through the core
		// (see Buf.View); the C fast path handles these items anyway.
		{"Item pil", func() { Item(pil, idx3) }, 2},
		// As the glue calls them: a Buf local to the call must stay on
		// the stack.
		{"Item local Buf", func() {
			lb := Buf{Base: unsafe.Pointer(&mem[40]), Itemsize: 2, Shape: shape, Strides: strides}
			Item(&lb, idx)
		}, 0},
		{"Contiguity local Buf", func() {
			lb := Buf{Base: unsafe.Pointer(&mem[40]), Itemsize: 2, Shape: shape, Strides: strides}
			Contiguity(&lb, 1)
		}, 0},
		{"Unpack local Value", func() {
			var lv Value
			Unpack('q', unsafe.Pointer(&mem[0]), &lv)
		}, 0},
		{"Pack local Value", func() {
			lv := Value{Kind: VUint, U: 7}
			Pack('Q', unsafe.Pointer(&mem[0]), &lv)
		}, 0},
		{"Unpack", func() { Unpack('H', unsafe.Pointer(&mem[0]), &v) }, 0},
		{"Unpack c", func() { Unpack('c', unsafe.Pointer(&mem[0]), &v) }, 0},
		{"Unpack d", func() { Unpack('d', unsafe.Pointer(&mem[8]), &v) }, 0},
		{"Pack", func() { Pack('i', unsafe.Pointer(&mem[0]), &in) }, 0},
		{"Pack c", func() { Pack('c', unsafe.Pointer(&mem[0]), &cin) }, 0},
	} {
		if n := testing.AllocsPerRun(100, tc.fn); n != tc.allocs {
			t.Errorf("%s allocates %v times per call, want %v", tc.name, n, tc.allocs)
		}
	}
	runtime.KeepAlive(keep)
}
