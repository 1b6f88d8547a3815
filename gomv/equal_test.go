package gomv

import (
	"encoding/hex"
	"math"
	"math/rand/v2"
	"testing"
)

// eqViews and eqMatrix were printed by python3.11 (3.12 and 3.13 agree)
// from _testbuffer.ndarray(items, shape=[3], format=f): each view's format
// and bytes, and for every pair whether memoryview(a) == memoryview(b).
var eqViews = []struct{ format, hex string }{
	{"b", "0001ff"},
	{"b", "0001ff"},
	{"b", "05807f"},
	{"B", "0001ff"},
	{"B", "000101"},
	{"B", "05807f"},
	{"h", "00000100ffff"},
	{"H", "00000100ffff"},
	{"i", "0000000001000000ffffffff"},
	{"i", "070000000800000009000000"},
	{"<i", "0000000001000000ffffffff"},
	{">i", "0000000000000001ffffffff"},
	{"=i", "0000000001000000ffffffff"},
	{"@i", "0000000001000000ffffffff"},
	{"I", "0000000001000000ffffffff"},
	{"l", "00000000000000000100000000000000ffffffffffffffff"},
	{"q", "00000000000000000100000000002000ffffffffffffffff"},
	{"Q", "00000000000000000100000000002000ffffffffffffffff"},
	{"n", "00000000000000000100000000000000ffffffffffffffff"},
	{"N", "000000000000000001000000000000000200000000000000"},
	{"f", "000000000000c03f0000c07f"},
	{"f", "000000800000c03f00000040"},
	{"d", "0000000000000000000000000000f83f000000000000f87f"},
	{"d", "0000000000000080000000000000f83f0000000000000040"},
	{"d", "00000000000000000000000000004043000000000000f03f"},
	{"<d", "0000000000000000000000000000f83f000000000000f87f"},
	{"e", "0000003e007e"},
	{"e", "0080003e0040"},
	{"?", "010001"},
	{"c", "6101ff"},
	{"1s", "6101ff"},
	{"2s", "61620100ffff"},
	{"2p", "016101010000"},
	{"P", "000000000000000001000000000000000200000000000000"},
	{"ii", "0100000002000000030000000400000000000000ffffffff"},
	{"2i", "0100000002000000030000000400000000000000ffffffff"},
	{"xB", "0000000100ff"},
	{"Bx", "00000100ff00"},
	{"q?", "010000000000000001000000000000000000020000000000000001"},
}

// eqMatrix[i][j] is '1' where eqViews[i] == eqViews[j] in Python.
var eqMatrix = []string{
	"110000101011110100100000000000000000000",
	"110000101011110100100000000000000000000",
	"001000000000000000000000000000000000000",
	"000100000000000000000000000000000000110",
	"000010000000000000000000000000000000000",
	"000001000000000000000000000000000000000",
	"110000101011110100100000000000000000000",
	"000000010000000000000000000000000000000",
	"110000101011110100100000000000000000000",
	"000000000100000000000000000000000000000",
	"110000101011110100100000000000000000000",
	"110000101011110100100000000000000000000",
	"110000101011110100100000000000000000000",
	"110000101011110100100000000000000000000",
	"000000000000001000000000000000000000000",
	"110000101011110100100000000000000000000",
	"000000000000000010000000000000000000000",
	"000000000000000001000000000000000000000",
	"110000101011110100100000000000000000000",
	"000000000000000000010000000000000100000",
	"000000000000000000000000000000000000000",
	"000000000000000000000101000100000000000",
	"000000000000000000000000000000000000000",
	"000000000000000000000101000100000000000",
	"000000000000000000000000100000000000000",
	"000000000000000000000000000000000000000",
	"000000000000000000000000000000000000000",
	"000000000000000000000101000100000000000",
	"000000000000000000000000000010000000000",
	"000000000000000000000000000001100000000",
	"000000000000000000000000000001100000000",
	"000000000000000000000000000000010000000",
	"000000000000000000000000000000001000000",
	"000000000000000000010000000000000100000",
	"000000000000000000000000000000000011000",
	"000000000000000000000000000000000011000",
	"000100000000000000000000000000000000110",
	"000100000000000000000000000000000000110",
	"000000000000000000000000000000000000001",
}

func mustView(t testing.TB, hexBytes, format string) *View {
	t.Helper()
	b, err := hex.DecodeString(hexBytes)
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewView(b, format)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestEqualMatchesPython(t *testing.T) {
	views := make([]*View, len(eqViews))
	for i, e := range eqViews {
		views[i] = mustView(t, e.hex, e.format)
	}
	for i, a := range views {
		for j, b := range views {
			want := eqMatrix[i][j] == '1'
			got, err := Equal(a, b)
			if err != nil || got != want {
				t.Errorf("%q %s == %q %s: %v, %v; Python says %v",
					eqViews[i].format, eqViews[i].hex, eqViews[j].format, eqViews[j].hex, got, err, want)
			}
		}
	}
}

func TestEqualShapesAndFormats(t *testing.T) {
	nan := math.Float64bits(math.NaN())
	nanBytes := []byte{byte(nan), byte(nan >> 8), byte(nan >> 16), byte(nan >> 24),
		byte(nan >> 32), byte(nan >> 40), byte(nan >> 48), byte(nan >> 56)}
	bytes6 := []byte{1, 2, 3, 4, 5, 6}
	mk := func(mem []byte, format string, l Layout) *View {
		v, err := NewViewLayout(mem, 0, format, l)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	nanView := mk(nanBytes, "d", CLayout(8, 1))
	ctypes := mk(make([]byte, 4), "T{<i:a:}", CLayout(4, 1))
	cases := []struct {
		name string
		a, b *View
		want bool
	}{
		{"2x3 vs 3x2", mk(bytes6, "B", CLayout(1, 2, 3)), mk(bytes6, "B", CLayout(1, 3, 2)), false},
		{"2x3 vs 6", mk(bytes6, "B", CLayout(1, 2, 3)), mk(bytes6, "B", CLayout(1, 6)), false},
		{"2x3 vs itself transposed twice", mk(bytes6, "B", CLayout(1, 2, 3)),
			mk([]byte{1, 4, 2, 5, 3, 6}, "B", FLayout(1, 2, 3)), true},
		{"0x3 vs 0x4", mk(nil, "B", CLayout(1, 0, 3)), mk(nil, "B", CLayout(1, 0, 4)), true},
		{"3x0 vs 4x0", mk(nil, "B", CLayout(1, 3, 0)), mk(nil, "B", CLayout(1, 4, 0)), false},
		{"0x3 B vs 0x4 i", mk(nil, "B", CLayout(1, 0, 3)), mk(nil, "i", CLayout(4, 0, 4)), true},
		{"0-d vs 0-d", mk([]byte{5, 0, 0, 0}, "i", CLayout(4)), mk([]byte{5, 0, 0, 0}, "<i", CLayout(4)), true},
		{"0-d vs 1-d", mk([]byte{5, 0, 0, 0}, "i", CLayout(4)), mk([]byte{5, 0, 0, 0}, "i", CLayout(4, 1)), false},
		{"NaN is not itself", nanView, nanView, false},
		// Records compare by their values (CPython's memoryview refuses
		// T{...} and calls it unequal; internal/cpython does the same).
		{"ctypes struct is itself", ctypes, ctypes, true},
		{"empty structs", mk(nil, "T{i}", CLayout(4, 0)), mk(nil, "T{i}", CLayout(4, 0)), true},
		{"i vs T{i}", mk(make([]byte, 4), "i", CLayout(4, 1)), ctypes, false},
		{"ii vs T{<i<i}", mk(make([]byte, 8), "ii", CLayout(8, 1)), mk(make([]byte, 8), "T{<i<i}", CLayout(8, 1)), true},
		{"ii vs (2)i", mk(make([]byte, 8), "ii", CLayout(8, 1)), mk(make([]byte, 8), "(2)i", CLayout(8, 1)), false},
		{"T{hh} vs T{h}T{h}", mk(make([]byte, 4), "T{hh}", CLayout(4, 1)), mk(make([]byte, 4), "T{h}T{h}", CLayout(4, 1)), false},
		{"nil format is B", &View{Mem: []byte{7}, Layout: CLayout(1, 1)}, mk([]byte{7}, "@B", CLayout(1, 1)), true},
		{"? compares truth", mk([]byte{1}, "?", CLayout(1, 1)), mk([]byte{2}, "?", CLayout(1, 1)), true},
		{"? false and true", mk([]byte{0}, "?", CLayout(1, 1)), mk([]byte{2}, "?", CLayout(1, 1)), false},
		{"<? compares truth", mk([]byte{1}, "<?", CLayout(1, 1)), mk([]byte{2}, "?", CLayout(1, 1)), true},
	}
	for _, tc := range cases {
		got, err := Equal(tc.a, tc.b)
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestEqualStridedAndIndirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	formats := map[int][]string{1: {"B", "c", "<b"}, 2: {"h", "e", ">H"}, 3: {"3s", "bxb"}, 4: {"i", "f", "<I"},
		8: {"d", "q", "<d", "ii"}, 16: {"dd", "qQ"}}
	views := []*View{pilView([3]int{2, 3, 4}, 2, false), pilView([3]int{3, 2, 2}, 8, true),
		innermostIndirect(3, 4, 4), innermostIndirect(2, 5, 3)}
	for i := 0; i < 400; i++ {
		views = append(views, randView(rng))
	}
	for i, v := range views {
		fs := formats[v.Itemsize]
		f, err := ParseFormat(fs[rng.IntN(len(fs))])
		if err != nil {
			t.Fatal(err)
		}
		v.Format = f
		c := &View{Mem: refBytes(v, 'C'), Format: f, Layout: CLayout(v.Itemsize, v.Shape...)}
		hasNaN := false
		if code, ok := f.Native(); ok && (code == 'd' || code == 'f' || code == 'e') {
			_ = v.EachItem('C', func(_ []int, item []byte) error {
				if x := UnpackNative(code, item).Float(); x != x {
					hasNaN = true
				}
				return nil
			})
		}
		for _, pair := range [][2]*View{{v, c}, {c, v}, {v, v}} {
			got, err := Equal(pair[0], pair[1])
			if err != nil || got == hasNaN {
				t.Fatalf("view %d (%s %+v): Equal = %v, %v; NaN present: %v", i, f.Str, v.Layout, got, err, hasNaN)
			}
		}
		if v.Len() == 0 || hasNaN {
			continue
		}
		// Changing one byte of one item (chosen at random) breaks equality
		// for byte-compared formats.
		if code, ok := f.Native(); ok && code != 'd' && code != 'f' && code != 'e' {
			k := rng.IntN(len(c.Mem))
			c.Mem[k]++
			if got, _ := Equal(v, c); got {
				t.Fatalf("view %d (%s %+v): equal after changing byte %d", i, f.Str, v.Layout, k)
			}
		}
	}
}

func TestEqualSurfacesUnpackErrors(t *testing.T) {
	f, _ := ParseFormat("<i")
	short := &View{Mem: make([]byte, 2), Format: f, Layout: CLayout(2, 1)}
	_, err := Equal(short, short)
	if k, ok := KindOf(err); !ok || k != StructError {
		t.Errorf("Equal with items shorter than their format: %v", err)
	}
	g, _ := ParseFormat("<h")
	ok2 := &View{Mem: make([]byte, 2), Format: g, Layout: CLayout(2, 1)}
	if _, err := Equal(ok2, short); err == nil {
		t.Error("Equal with the second view's items too short: no error")
	}
}

func TestValueEqual(t *testing.T) {
	cases := []struct {
		x, y Value
		want bool
	}{
		{Int(-1), Uint(math.MaxUint64), false},
		{Int(math.MinInt64), Float(-9223372036854775808.0), true},
		{Uint(math.MaxUint64), Float(18446744073709551615.0), false}, // the float is 2**64
		{Uint(1 << 63), Float(9223372036854775808.0), true},
		{Int(3), Float(3.5), false},
		{Int(0), Float(math.Copysign(0, -1)), true},
		{Int(1), Float(-1), false},
		{Int(5), Float(math.Inf(1)), false},
		{Int(5), Float(math.NaN()), false},
		{Bool(true), Float(1), true},
		{Bool(true), Int(1), true},
		{Bool(false), Uint(0), true},
		{Bytes([]byte("a")), Uint('a'), false},
		{Bytes([]byte("a")), Bytes([]byte("a")), true},
		{Value{}, Value{}, false},
		{Float(2), Float(2), true},
	}
	for _, tc := range cases {
		if got := ValueEqual(tc.x, tc.y); got != tc.want {
			t.Errorf("ValueEqual(%v, %v) = %v", tc.x, tc.y, got)
		}
		if got := ValueEqual(tc.y, tc.x); got != tc.want {
			t.Errorf("ValueEqual(%v, %v) = %v", tc.y, tc.x, got)
		}
	}
	if ValuesEqual([]Value{Int(1)}, []Value{Int(1), Int(2)}) {
		t.Error("values of different lengths are equal")
	}
}
