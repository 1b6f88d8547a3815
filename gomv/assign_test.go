package gomv

import (
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

func TestAssignConverts(t *testing.T) {
	for _, tc := range []struct {
		dstFmt, srcFmt, src string // hex
		want                string
	}{
		{"H", "B", "01ff", "0100ff00"},
		{"i", "<i", "01000000feffffff", "01000000feffffff"},
		{"<h", ">h", "0102fffe", "0201feff"},
		{"f", "<d", "000000000000f83f", "0000c03f"},
		{"q", "?", "0002", "00000000000000000100000000000000"},
		{"<Zf", "<b", "01ff", "0000803f00000000000080bf00000000"},
		{"T{<h<h}", "<bb", "01ff", "0100ffff"},
		{"<hxx", "<h", "0100", "01000000"}, // padding written as zeros
		{"c", "3s", "616263", ""},          // 3s into c: b'abc' is not one byte
	} {
		sf, _ := ParseFormat(tc.srcFmt)
		df, _ := ParseFormat(tc.dstFmt)
		sb, _ := hex.DecodeString(tc.src)
		n := len(sb) / sf.Size
		src := &View{Mem: sb, Format: sf, Layout: CLayout(sf.Size, n)}
		dmem := bytes.Repeat([]byte{0xee}, n*df.Size)
		dst := &View{Mem: dmem, Format: df, Layout: CLayout(df.Size, n)}
		err := Assign(dst, src)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%s <- %s: no error", tc.dstFmt, tc.srcFmt)
			} else if !bytes.Equal(dmem, bytes.Repeat([]byte{0xee}, len(dmem))) {
				t.Errorf("%s <- %s: wrote on error", tc.dstFmt, tc.srcFmt)
			}
			continue
		}
		if err != nil || hex.EncodeToString(dmem) != tc.want {
			t.Errorf("%s <- %s %s: %x, %v; want %s", tc.dstFmt, tc.srcFmt, tc.src, dmem, err, tc.want)
		}
	}
}

func TestAssignErrors(t *testing.T) {
	b := func(format, h string) *View { return mustView(t, h, format) }
	for _, tc := range []struct {
		name     string
		dst, src *View
		kind     Kind
		msg      string
	}{
		{"range", b("B", "0000"), b("H", "01000001"), StructError, "'B' format requires 0 <= number <= 255"},
		{"float into int", b("i", "00000000"), b("d", "000000000000f03f"), StructError, "required argument is not an integer"},
		{"shape", b("B", "000000"), b("B", "0000"), ValueError, "could not broadcast input array from shape (2,) into shape (3,)"},
		{"structure", b("i", "00000000"), b("hh", "00000000"), ValueError,
			`cannot assign items of format "hh" to items of format "i": their values are structured differently`},
		{"array vs record", b("(2)h", "00000000"), b("hh", "00000000"), ValueError,
			`cannot assign items of format "hh" to items of format "(2)h": their values are structured differently`},
	} {
		before := append([]byte(nil), tc.dst.Mem...)
		checkErr(t, tc.name, Assign(tc.dst, tc.src), tc.kind, tc.msg)
		if !bytes.Equal(before, tc.dst.Mem) {
			t.Errorf("%s: dst changed", tc.name)
		}
	}
	ro := b("B", "00")
	ro.Readonly = true
	checkErr(t, "readonly", Assign(ro, b("B", "01")), TypeError, "cannot modify read-only memory")
	// The first failing item decides, and nothing is written even where
	// earlier items fit.
	dst, src := b("b", "000000"), b("h", "01000200ff00")
	checkErr(t, "late", Assign(dst, src), StructError, "'b' format requires -128 <= number <= 127")
	if !bytes.Equal(dst.Mem, []byte{0, 0, 0}) {
		t.Errorf("partial write %v", dst.Mem)
	}
}

// Assignment reads src in full first, overlap or not, bytes or values.
func TestAssignOverlap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 500; i++ {
		mem := fill(64, byte(i))
		// Two strided views of uint16 pairs over the same memory.
		n := 1 + rng.IntN(12)
		s1, s2 := 2*(1+rng.IntN(2)), 2*(1+rng.IntN(2))
		o1, o2 := rng.IntN(64-s1*(n-1)-2+1), rng.IntN(64-s2*(n-1)-2+1)
		dst := &View{Mem: mem, Off: o1, Layout: Layout{Itemsize: 2, Shape: []int{n}, Strides: []int{s1}}}
		src := &View{Mem: mem, Off: o2, Layout: Layout{Itemsize: 2, Shape: []int{n}, Strides: []int{s2}}}
		formats := [][2]string{{"H", "H"}, {"<H", ">H"}}
		pair := formats[rng.IntN(2)]
		dst.Format, _ = ParseFormat(pair[0])
		src.Format, _ = ParseFormat(pair[1])
		want := make([]any, n)
		for k := range want {
			want[k], _ = src.Get(k)
		}
		if err := Assign(dst, src); err != nil {
			t.Fatal(err)
		}
		for k := range want {
			got, _ := dst.Get(k)
			if got != want[k] {
				t.Fatalf("case %d: item %d = %v, want %v", i, k, got, want[k])
			}
		}
	}
}

func TestAssignStridedStructs(t *testing.T) {
	src, _ := NewViewLayout([]byte{1, 2, 3, 4, 5, 6}, 0, "bb", CLayout(2, 3))
	dst, _ := NewViewLayout(make([]byte, 4*5), 0, "<T{<h<h}", CLayout(4, 5))
	d, _ := dst.Slice(0, 4, -1, -2) // items 4, 2, 0
	if err := Assign(d, src); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(dst.Mem); got != "0500060000000000030004000000000001000200" {
		t.Errorf("got %s", got)
	}
	empty, _ := NewViewLayout(nil, 0, "b", CLayout(1, 0))
	if err := Assign(empty, empty); err != nil {
		t.Error(err)
	}
	ei, _ := NewViewLayout(nil, 0, "i", CLayout(4, 0))
	if err := Assign(ei, empty); err != nil {
		t.Error(err)
	}
}

func TestSameRepresentation(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"i", "@i", true}, {"=f", "<f", !nativeBig}, {"l", "q", longSize == 8}, {"<H", ">H", false},
		{"<e", "<e ", true}, {"d", "q", false}, {"?", "B", false}, {"c", "B", false},
		{"T{<i}", "T{<I}", false}, {"<Zf", "<2f", false}, {"i", "ii", false},
		{"N", "Q", ptrSize == 8}, {"bxh", "bxxh", false}, {"T{<b}", "T{<b}T{}", false},
	} {
		fa, err := ParseFormat(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		fb, _ := ParseFormat(tc.b)
		if got := sameRepresentation(fa, fb); got != tc.same {
			t.Errorf("sameRepresentation(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
