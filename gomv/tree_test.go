package gomv

import (
	"encoding/hex"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestTreeShapes(t *testing.T) {
	for _, tc := range []struct {
		format string
		sig    string
		nodes  []ItemNode
	}{
		{"i", "v", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 4, Len: 1, Next: 2},
			{Kind: NodeValue, Count: 1, Size: 4, Code: 'i', Order: NativeOrder, Next: 2}}},
		{"<3h", "(v*3,)", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 6, Len: 3, Next: 2},
			{Kind: NodeValue, Count: 3, Size: 2, Code: 'h', Order: LittleEndian, Next: 2}}},
		{"5sx", "v", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 6, Len: 1, Next: 2},
			{Kind: NodeValue, Count: 1, Size: 5, Code: 's', Order: NativeOrder, Next: 2}}},
		{"b2T{b}", "(v*1,(v*1,)*2,)", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 3, Len: 3, Next: 4},
			{Kind: NodeValue, Count: 1, Size: 1, Code: 'b', Order: NativeOrder, Next: 2},
			{Kind: NodeRecord, Count: 2, Offset: 1, Size: 1, Len: 1, Next: 4},
			{Kind: NodeValue, Count: 1, Size: 1, Code: 'b', Order: NativeOrder, Next: 4}}},
		{"(2,3)<i", "[[v*3]*2]", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 24, Len: 1, Next: 4},
			{Kind: NodeArray, Count: 1, Size: 24, Len: 2, Stride: 12, Next: 4},
			{Kind: NodeArray, Count: 1, Size: 12, Len: 3, Stride: 4, Next: 4},
			{Kind: NodeValue, Count: 1, Size: 4, Code: 'i', Order: LittleEndian, Next: 4}}},
		{"(2)3s", "[v*2]", []ItemNode{
			{Kind: NodeRecord, Count: 1, Size: 6, Len: 1, Next: 3},
			{Kind: NodeArray, Count: 1, Size: 6, Len: 2, Stride: 3, Next: 3},
			{Kind: NodeValue, Count: 1, Size: 3, Code: 's', Order: NativeOrder, Next: 3}}},
		{"", "()", []ItemNode{{Kind: NodeRecord, Count: 1, Next: 1}}},
		{"0i2x", "()", []ItemNode{{Kind: NodeRecord, Count: 1, Size: 2, Next: 1}}},
		{"(0)i", "[v*0]", []ItemNode{
			{Kind: NodeRecord, Count: 1, Len: 1, Next: 3},
			{Kind: NodeArray, Count: 1, Next: 3},
			{Kind: NodeValue, Count: 1, Code: 'i', Order: NativeOrder, Next: 3}}},
	} {
		f, err := ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(f.Tree(), tc.nodes) || f.signature() != tc.sig {
			t.Errorf("%q: tree %+v sig %q\nwant %+v %q", tc.format, f.Tree(), f.signature(), tc.nodes, tc.sig)
		}
	}
	var zero Format
	if tr := zero.Tree(); len(tr) != 1 || tr[0].Kind != NodeRecord || tr[0].Len != 0 || zero.signature() != "()" {
		t.Errorf("zero Format: %+v %q", tr, zero.signature())
	}
}

func TestSameStructure(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"<i", "q", true}, {"hh", "2h", true}, {"h h", "2h", true}, {"ii", "T{ii}", true},
		{"i", "T{i}", false}, {"(2)i", "ii", false}, {"(2)i", "(2)d", true}, {"5s", "c", true},
		{"T{hh}", "T{h}T{h}", false}, {"", "x", true}, {"", "T{}", true}, {"bT{hh}", "bT{ii}", true},
		{"bT{hh}", "T{hh}b", false}, {"(2,3)b", "(3,2)b", false}, {"(6)b", "(2,3)b", false},
	} {
		fa, _ := ParseFormat(tc.a)
		fb, _ := ParseFormat(tc.b)
		if fa.SameStructure(fb) != tc.same || fb.SameStructure(fa) != tc.same {
			t.Errorf("%q, %q: SameStructure %v", tc.a, tc.b, !tc.same)
		}
	}
}

// Items as trees, and back: the values are struct.unpack's (python3.15),
// nested as the tree says.
func TestUnpackPackItem(t *testing.T) {
	for _, tc := range []struct {
		format string
		hex    string
		want   any
	}{
		{"<i", "feffffff", int64(-2)},
		{"<bH", "ff0102", Record{int64(-1), uint64(513)}},
		{"3s", "616263", []byte("abc")},
		{"x?", "0001", true},
		{"<2h", "0100ffff", Record{int64(1), int64(-1)}},
		{"", "", Record{}},
		{"T{<h:a:T{b}:s:}", "0100ff", Record{int64(1), Record{int64(-1)}}},
		{"(2)B", "0102", []any{uint64(1), uint64(2)}},
		{"<B(2,2)bT{}", "01" + "01020304", Record{uint64(1), []any{[]any{int64(1), int64(2)}, []any{int64(3), int64(4)}}, Record{}}},
		{"(2)2s", "61626364", []any{[]byte("ab"), []byte("cd")}},
		{"<Zd", "000000000000f03f0000000000000040", complex128(1 + 2i)},
		{"2T{c}", "6162", Record{Record{[]byte("a")}, Record{[]byte("b")}}},
	} {
		f, err := ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := hex.DecodeString(tc.hex)
		got, err := f.UnpackItem(b)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q.UnpackItem(%s) = %#v, %v; want %#v", tc.format, tc.hex, got, err, tc.want)
			continue
		}
		dst := make([]byte, f.Size)
		if err := f.PackItem(dst, got); err != nil || hex.EncodeToString(dst) != tc.hex {
			t.Errorf("%q.PackItem(%#v) = %x, %v", tc.format, got, dst, err)
		}
		if !itemEqual(f, b, tc.want) {
			t.Errorf("%q: item %s != %#v", tc.format, tc.hex, tc.want)
		}
	}
	f, _ := ParseFormat("i")
	if _, err := f.UnpackItem([]byte{1}); err == nil {
		t.Error("short item unpacked")
	}
}

func TestPackItemErrors(t *testing.T) {
	for _, tc := range []struct {
		format string
		x      any
		kind   Kind
		msg    string
	}{
		{"bh", Record{300, 1}, StructError, "'b' format requires -128 <= number <= 127"},
		{"bh", Record{1, 2, 3}, StructError, "pack expected 2 items for packing (got 3)"},
		{"bh", 1, StructError, "pack expected 2 items for packing (got 1)"},
		{"bh", []any{1, 2}, 0, ""}, // a list packs like a tuple
		{"3s", 5, StructError, "argument for 's' must be a bytes object"},
		{"2b", Record{1, 2.5}, StructError, "required argument is not an integer"},
		{"i", Record{1}, StructError, "required argument is not an integer"},
		{"bT{hh}", Record{1, Record{1}}, StructError, "pack expected 2 items for packing (got 1)"},
		{"bT{hh}", Record{1, 2}, StructError, "pack expected 2 items for packing (got 1)"},
		{"(2)h", []any{1, 2, 3}, StructError, "pack expected 2 items for packing (got 3)"},
		{"(2)h", 7, StructError, "pack expected 2 items for packing (got 1)"},
		{"(2)h", Record{1, 2}, 0, ""},
		{"d", "x", StructError, "required argument is not a float"},
	} {
		f, _ := ParseFormat(tc.format)
		dst := make([]byte, f.Size)
		err := f.PackItem(dst, tc.x)
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%q.PackItem(%#v): %v", tc.format, tc.x, err)
			}
			continue
		}
		checkErr(t, tc.format, err, tc.kind, tc.msg)
		if !reflect.DeepEqual(dst, make([]byte, f.Size)) {
			t.Errorf("%q.PackItem wrote on error", tc.format)
		}
	}
}

func TestValueOf(t *testing.T) {
	for _, x := range []any{int8(-1), int16(-1), int32(-1), int64(-1), -1} {
		if v, ok := ValueOf(x); !ok || v.Kind() != IntValue || v.Int() != -1 {
			t.Errorf("ValueOf(%T) = %v %v", x, v, ok)
		}
	}
	for _, x := range []any{uint8(1), uint16(1), uint32(1), uint64(1), uint(1), uintptr(1)} {
		if v, ok := ValueOf(x); !ok || v.Kind() != UintValue || v.Uint() != 1 {
			t.Errorf("ValueOf(%T) = %v %v", x, v, ok)
		}
	}
	for _, tc := range []struct {
		x    any
		kind ValueKind
	}{
		{float32(0.5), FloatValue}, {0.5, FloatValue}, {complex64(1i), ComplexValue}, {1i, ComplexValue},
		{true, BoolValue}, {[]byte("a"), BytesValue}, {Int(3), IntValue},
	} {
		if v, ok := ValueOf(tc.x); !ok || v.Kind() != tc.kind {
			t.Errorf("ValueOf(%#v) = %v %v", tc.x, v, ok)
		}
	}
	for _, x := range []any{"a", Record{}, []any{}, nil, struct{}{}} {
		if _, ok := ValueOf(x); ok {
			t.Errorf("ValueOf(%#v) accepted", x)
		}
	}
}

// Get and Set work on items of any format, through the tree.
func TestGetSet(t *testing.T) {
	v, err := NewViewLayout(make([]byte, 3*6), 0, "<bT{<h:a:b:b:}(2)b", CLayout(6, 3))
	if err != nil {
		t.Fatal(err)
	}
	x := Record{int64(-1), Record{int64(300), int64(7)}, []any{int64(1), int64(2)}}
	if err := v.Set(x, 1); err != nil {
		t.Fatal(err)
	}
	got, err := v.Get(-2)
	if err != nil || !reflect.DeepEqual(got, x) {
		t.Errorf("Get = %#v, %v", got, err)
	}
	if hex.EncodeToString(v.Mem[6:12]) != "ff2c01070102" {
		t.Errorf("bytes %x", v.Mem[6:12])
	}
	checkErr(t, "Set bad", v.Set(Record{1}, 0), StructError, "pack expected 3 items for packing (got 1)")
	if _, err := v.Get(3); err == nil {
		t.Error("Get(3) succeeded")
	}
	if err := v.Set(x, 5); err == nil {
		t.Error("Set(5) succeeded")
	}
	v.Readonly = true
	checkErr(t, "Set readonly", v.Set(x, 0), TypeError, "cannot modify read-only memory")
}

// For every format struct accepts, the tree's leaves are Unpack's values.
func TestTreeLeavesAreUnpack(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 118))
	codes := "xcbB?hHiIlLqQnNefdFDsp"
	for i := 0; i < 2000; i++ {
		var fs []byte
		if rng.IntN(2) == 0 {
			fs = append(fs, "@=<>!"[rng.IntN(5)])
		}
		for k := rng.IntN(5); k >= 0; k-- {
			if rng.IntN(3) == 0 {
				fs = append(fs, byte('0'+rng.IntN(4)))
			}
			fs = append(fs, codes[rng.IntN(len(codes))])
		}
		if rng.IntN(4) == 0 {
			fs = append([]byte("T{"), append(fs, '}')...)
		}
		f, err := ParseFormat(string(fs))
		if err != nil {
			continue
		}
		b := make([]byte, f.Size)
		for k := range b {
			b[k] = byte(rng.Uint32())
		}
		item, err := f.UnpackItem(b)
		if err != nil {
			t.Fatal(err)
		}
		flat, err := f.FlattenItem(nil, item)
		if err != nil {
			t.Fatalf("%q: %v", fs, err)
		}
		want, _ := f.Unpack(b)
		if !ValuesEqualBits(flat, want) {
			t.Fatalf("%q: tree leaves %v, Unpack %v", fs, flat, want)
		}
		if f.Tree()[0].Len == 1 && f.NumValues() == 1 && f.Tree()[1].Kind == NodeValue {
			if _, isRecord := item.(Record); isRecord {
				t.Fatalf("%q: a single value came as a Record", fs)
			}
		}
	}
}

// ValuesEqualBits compares values exactly (NaN equal to NaN of the same
// bits); the leaves went through Go values, so bytes compare by content.
func ValuesEqualBits(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.kind != y.kind || x.bits != y.bits || x.imag != y.imag || string(x.b) != string(y.b) {
			return false
		}
	}
	return true
}
