package boundary

import (
	"encoding/binary"
	"math"
	"reflect"
	"runtime"
	"testing"
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// layoutItems reads the uint16 items of a C-described layout in C order,
// following suboffsets as a PEP 3118 consumer does (independently of the
// core): the check that a Layout means what the core's view meant.
func layoutItems(l Layout) []int {
	var out []int
	forEach(l.Shape, 'C', func(_ int, idx []int) {
		p := l.Base
		for d, i := range idx {
			p = unsafe.Add(p, l.Strides[d]*i)
			if l.Suboffsets != nil && l.Suboffsets[d] >= 0 {
				p = unsafe.Add(*(*unsafe.Pointer)(p), l.Suboffsets[d])
			}
		}
		out = append(out, loadH(p))
	})
	return out
}

func ip(i int) *int { return &i }

// pil2 is a 2x2x2 array of uint16 holding 0..7 whose dimensions 0 and 1
// both hold pointers: a table of two pointers to tables of two pointers to
// rows.
func pil2() (b *Buf, keep [][]byte) {
	top := make([]byte, 2*ptrSize)
	keep = append(keep, top)
	for i := 0; i < 2; i++ {
		mid := make([]byte, 2*ptrSize)
		keep = append(keep, mid)
		for j := 0; j < 2; j++ {
			row := make([]byte, 4)
			keep = append(keep, row)
			binary.NativeEndian.PutUint16(row, uint16(i*4+j*2))
			binary.NativeEndian.PutUint16(row[2:], uint16(i*4+j*2+1))
			putPtr(mid[j*ptrSize:], unsafe.Pointer(&row[0]))
		}
		putPtr(top[i*ptrSize:], unsafe.Pointer(&mid[0]))
	}
	b = &Buf{Base: unsafe.Pointer(&top[0]), Itemsize: 2, Format: "H",
		Shape: []int{2, 2, 2}, Strides: []int{ptrSize, ptrSize, 2}, Suboffsets: []int{0, 0, -1}}
	return b, keep
}

func TestNdKey(t *testing.T) {
	mem := make([]byte, 64)
	shape, strides := []int{3, 4}, []int{-20, 2}
	fillH(t, mem, 40, shape, strides)
	p0, keep0 := pil0()
	p1, keep1 := pil1()
	for _, tc := range []struct {
		name string
		b    *Buf
		keys []gomv.Key
		want []int
		sub  bool // the result keeps suboffsets
	}{
		{"row", direct(mem, 40, 2, "H", shape, strides), []gomv.Key{gomv.IntKey(1)}, []int{4, 5, 6, 7}, false},
		{"column reversed", direct(mem, 40, 2, "H", shape, strides),
			[]gomv.Key{gomv.SliceKey(nil, nil, ip(-1)), gomv.IntKey(2)}, []int{10, 6, 2}, false},
		{"item", direct(mem, 40, 2, "H", shape, strides), []gomv.Key{gomv.IntKey(2), gomv.IntKey(-1)}, []int{11}, false},
		// an index on dimension 0 follows its pointer now
		{"pil0 row", p0, []gomv.Key{gomv.IntKey(1)}, []int{4, 5, 6, 7}, false},
		{"pil0 column", p0, []gomv.Key{gomv.Ellipsis, gomv.IntKey(1)}, []int{1, 5, 9}, true},
		{"pil0 new axis", p0, []gomv.Key{gomv.NewAxis, gomv.IntKey(2), gomv.SliceKey(ip(1), nil, ip(2))},
			[]int{9, 11}, true},
		// an index on an indirect dimension moves its suboffset to the one before
		{"pil1 middle", p1, []gomv.Key{gomv.SliceKey(nil, nil, nil), gomv.IntKey(1)}, []int{2, 3, 8, 9}, true},
		{"pil1 item", p1, []gomv.Key{gomv.IntKey(1), gomv.IntKey(2), gomv.IntKey(0)}, []int{10}, false},
	} {
		l, err := NdKey(tc.b, tc.keys)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := layoutItems(l); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: items %v, want %v", tc.name, got, tc.want)
		}
		if (l.Suboffsets != nil) != tc.sub {
			t.Errorf("%s: suboffsets %v", tc.name, l.Suboffsets)
		}
	}
	runtime.KeepAlive(keep0)
	runtime.KeepAlive(keep1)
}

// An index on an indirect dimension right after another would need two
// pointers followed per step: refused once the core accepted the keys,
// except where the view is empty (nothing is followed).
func TestNdKeyTwoPointers(t *testing.T) {
	b, keep := pil2()
	defer runtime.KeepAlive(keep)
	if l, err := NdKey(b, []gomv.Key{gomv.IntKey(1)}); err != nil || !reflect.DeepEqual(layoutItems(l), []int{4, 5, 6, 7}) {
		t.Errorf("pil2[1]: %v", err)
	}
	for _, keys := range [][]gomv.Key{
		{gomv.SliceKey(nil, nil, nil), gomv.IntKey(0)},
		{gomv.NewAxis, gomv.SliceKey(nil, nil, nil), gomv.IntKey(1), gomv.IntKey(0)},
	} {
		_, err := NdKey(b, keys)
		if k, m := ErrorInfo(err); k != int(gomv.NotImplementedError) || m != msgTwoPointers {
			t.Errorf("%v: %d %q", keys, k, m)
		}
	}
	// The core's errors come first.
	_, err := NdKey(b, []gomv.Key{gomv.SliceKey(nil, nil, nil), gomv.IntKey(0), gomv.IntKey(5)})
	if k, _ := ErrorInfo(err); k != int(gomv.IndexError) {
		t.Errorf("out of range after the refused key: %v", err)
	}
	l, err := NdKey(b, []gomv.Key{gomv.SliceKey(ip(0), ip(0), nil), gomv.IntKey(0)})
	if err != nil || l.Shape[0] != 0 {
		t.Errorf("empty view: %v, %v", l, err)
	}
}

func TestNdTransposeReshape(t *testing.T) {
	mem := make([]byte, 24)
	fillH(t, mem, 0, []int{3, 4}, []int{8, 2})
	b := direct(mem, 0, 2, "H", []int{3, 4}, []int{8, 2})
	l, err := NdTranspose(b, nil)
	if err != nil || !reflect.DeepEqual(layoutItems(l), []int{0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}) {
		t.Errorf("T: %v %v", l, err)
	}
	if _, err := NdTranspose(b, []int{}); err == nil {
		t.Error("transpose with empty axes of a 2-D view")
	}
	l, err = NdReshape(b, []int{2, -1})
	if err != nil || !reflect.DeepEqual(l.Shape, []int{2, 6}) || layoutItems(l)[7] != 7 {
		t.Errorf("reshape: %v %v", l, err)
	}
	l, err = NdCast(b, "<2H", []int{2, 3})
	if err != nil || l.Itemsize != 4 || !reflect.DeepEqual(l.Strides, []int{12, 4}) || l.Base != b.Base {
		t.Errorf("cast: %+v %v", l, err)
	}
}

func TestNdReadPack(t *testing.T) {
	mem := make([]byte, 64)
	fillH(t, mem, 40, []int{3, 4}, []int{-20, 2})
	b := direct(mem, 40, 2, "H", []int{3, 4}, []int{-20, 2})
	var got []uint64
	if err := NdRead(b, 5, 4, func(x gomv.Value) { got = append(got, x.Uint()) }); err != nil ||
		!reflect.DeepEqual(got, []uint64{5, 6, 7, 8}) {
		t.Errorf("NdRead: %v %v", got, err)
	}
	if err := NdRead(b, 10, 3, func(gomv.Value) {}); err == nil {
		t.Error("NdRead past the end")
	}
	item := &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 4, Format: "<hh", Shape: Ints(nil, 0), Strides: Ints(nil, 0)}
	vals := []Value{{Kind: VInt, I: -2}, {Kind: VUint, U: 3}}
	if err := NdPack(item, []gomv.Value{vals[0].Core(), vals[1].Core()}, gomv.NewestPython); err != nil ||
		!reflect.DeepEqual(mem[:4], []byte{0xfe, 0xff, 3, 0}) {
		t.Errorf("NdPack: %x %v", mem[:4], err)
	}
	for _, tc := range []struct {
		v    Value
		kind gomv.Kind
		msg  string
	}{
		{Value{Kind: VBigInt, F: math.Ldexp(1, 70)}, gomv.StructError, "'h' format requires -32768 <= number <= 32767"},
		{Value{}, gomv.StructError, "required argument is not an integer"},
	} {
		err := NdPack(item, []gomv.Value{tc.v.Core(), gomv.Int(0)}, gomv.NewestPython)
		if k, m := ErrorInfo(err); k != int(tc.kind) || m != tc.msg {
			t.Errorf("NdPack(%+v): %d %q", tc.v, k, m)
		}
	}
	item.Readonly = true
	if k, _ := ErrorInfo(NdPack(item, []gomv.Value{gomv.Int(0), gomv.Int(0)}, gomv.NewestPython)); k != int(gomv.TypeError) {
		t.Error("NdPack wrote through a read-only buffer")
	}
	bad := &Buf{Base: unsafe.Pointer(&mem[0]), Itemsize: 3, Format: "<i", Shape: []int{2}, Strides: []int{3}}
	if k, m := ErrorInfo(NdRead(bad, 0, 1, func(gomv.Value) {})); k != int(gomv.ValueError) ||
		m != `gomv: format "<i" describes items of 4 bytes, but the buffer's items have 3` {
		t.Errorf("itemsize mismatch: %d %q", k, m)
	}
}

func TestNdAssignEqual(t *testing.T) {
	src := []byte{1, 0, 2, 0, 3, 0}
	dst := make([]byte, 12)
	bs := direct(src, 0, 2, "<H", []int{3}, []int{2})
	bd := direct(dst, 0, 4, ">i", []int{3}, []int{4})
	if err := NdAssign(bd, bs); err != nil || !reflect.DeepEqual(dst, []byte{0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3}) {
		t.Errorf("NdAssign: %x %v", dst, err)
	}
	p := &gomv.Parallel{}
	if eq, err := NdEqual(bd, bs, p); eq != 1 || err != nil {
		t.Errorf("NdEqual: %d %v", eq, err)
	}
	// T{...} compares by value, where memoryview's == says unequal.
	rec := direct(dst, 0, 4, "T{>i:a:}", []int{3}, []int{4})
	if eq, _ := NdEqual(rec, rec, p); eq != 1 {
		t.Error("NdEqual of a struct format with itself")
	}
	// Items of one unknown format copy as bytes.
	u1, u2 := direct([]byte{1, 2}, 0, 2, "<u", []int{1}, []int{2}), direct(make([]byte, 2), 0, 2, "<u", []int{1}, []int{2})
	if err := NdAssign(u2, u1); err != nil {
		t.Errorf("NdAssign of an unknown format: %v", err)
	}
}
