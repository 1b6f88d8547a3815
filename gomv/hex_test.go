package gomv

import (
	"math"
	"strings"
	"testing"
)

// hexData is the input of the hex table: n bytes (i*37+5) & 0xff.
func hexData(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*37 + 5)
	}
	return b
}

// hexTable was printed by python3.11 with data.hex() and data.hex(sep, bps).
var hexTable = []struct {
	n   int
	sep string
	bps int
	out string
}{
	{0, "", 0, ""},
	{0, ":", -100, ""},
	{0, ":", -4, ""},
	{0, ":", -3, ""},
	{0, ":", -2, ""},
	{0, ":", -1, ""},
	{0, ":", 0, ""},
	{0, ":", 1, ""},
	{0, ":", 2, ""},
	{0, ":", 3, ""},
	{0, ":", 4, ""},
	{0, ":", 100, ""},
	{0, "\x00", 2, ""},
	{0, " ", -3, ""},
	{1, "", 0, "05"},
	{1, ":", -100, "05"},
	{1, ":", -4, "05"},
	{1, ":", -3, "05"},
	{1, ":", -2, "05"},
	{1, ":", -1, "05"},
	{1, ":", 0, "05"},
	{1, ":", 1, "05"},
	{1, ":", 2, "05"},
	{1, ":", 3, "05"},
	{1, ":", 4, "05"},
	{1, ":", 100, "05"},
	{1, "\x00", 2, "05"},
	{1, " ", -3, "05"},
	{2, "", 0, "052a"},
	{2, ":", -100, "052a"},
	{2, ":", -4, "052a"},
	{2, ":", -3, "052a"},
	{2, ":", -2, "052a"},
	{2, ":", -1, "05:2a"},
	{2, ":", 0, "052a"},
	{2, ":", 1, "05:2a"},
	{2, ":", 2, "052a"},
	{2, ":", 3, "052a"},
	{2, ":", 4, "052a"},
	{2, ":", 100, "052a"},
	{2, "\x00", 2, "052a"},
	{2, " ", -3, "052a"},
	{3, "", 0, "052a4f"},
	{3, ":", -100, "052a4f"},
	{3, ":", -4, "052a4f"},
	{3, ":", -3, "052a4f"},
	{3, ":", -2, "052a:4f"},
	{3, ":", -1, "05:2a:4f"},
	{3, ":", 0, "052a4f"},
	{3, ":", 1, "05:2a:4f"},
	{3, ":", 2, "05:2a4f"},
	{3, ":", 3, "052a4f"},
	{3, ":", 4, "052a4f"},
	{3, ":", 100, "052a4f"},
	{3, "\x00", 2, "05\x002a4f"},
	{3, " ", -3, "052a4f"},
	{4, "", 0, "052a4f74"},
	{4, ":", -100, "052a4f74"},
	{4, ":", -4, "052a4f74"},
	{4, ":", -3, "052a4f:74"},
	{4, ":", -2, "052a:4f74"},
	{4, ":", -1, "05:2a:4f:74"},
	{4, ":", 0, "052a4f74"},
	{4, ":", 1, "05:2a:4f:74"},
	{4, ":", 2, "052a:4f74"},
	{4, ":", 3, "05:2a4f74"},
	{4, ":", 4, "052a4f74"},
	{4, ":", 100, "052a4f74"},
	{4, "\x00", 2, "052a\x004f74"},
	{4, " ", -3, "052a4f 74"},
	{5, "", 0, "052a4f7499"},
	{5, ":", -100, "052a4f7499"},
	{5, ":", -4, "052a4f74:99"},
	{5, ":", -3, "052a4f:7499"},
	{5, ":", -2, "052a:4f74:99"},
	{5, ":", -1, "05:2a:4f:74:99"},
	{5, ":", 0, "052a4f7499"},
	{5, ":", 1, "05:2a:4f:74:99"},
	{5, ":", 2, "05:2a4f:7499"},
	{5, ":", 3, "052a:4f7499"},
	{5, ":", 4, "05:2a4f7499"},
	{5, ":", 100, "052a4f7499"},
	{5, "\x00", 2, "05\x002a4f\x007499"},
	{5, " ", -3, "052a4f 7499"},
	{6, "", 0, "052a4f7499be"},
	{6, ":", -100, "052a4f7499be"},
	{6, ":", -4, "052a4f74:99be"},
	{6, ":", -3, "052a4f:7499be"},
	{6, ":", -2, "052a:4f74:99be"},
	{6, ":", -1, "05:2a:4f:74:99:be"},
	{6, ":", 0, "052a4f7499be"},
	{6, ":", 1, "05:2a:4f:74:99:be"},
	{6, ":", 2, "052a:4f74:99be"},
	{6, ":", 3, "052a4f:7499be"},
	{6, ":", 4, "052a:4f7499be"},
	{6, ":", 100, "052a4f7499be"},
	{6, "\x00", 2, "052a\x004f74\x0099be"},
	{6, " ", -3, "052a4f 7499be"},
	{7, "", 0, "052a4f7499bee3"},
	{7, ":", -100, "052a4f7499bee3"},
	{7, ":", -4, "052a4f74:99bee3"},
	{7, ":", -3, "052a4f:7499be:e3"},
	{7, ":", -2, "052a:4f74:99be:e3"},
	{7, ":", -1, "05:2a:4f:74:99:be:e3"},
	{7, ":", 0, "052a4f7499bee3"},
	{7, ":", 1, "05:2a:4f:74:99:be:e3"},
	{7, ":", 2, "05:2a4f:7499:bee3"},
	{7, ":", 3, "05:2a4f74:99bee3"},
	{7, ":", 4, "052a4f:7499bee3"},
	{7, ":", 100, "052a4f7499bee3"},
	{7, "\x00", 2, "05\x002a4f\x007499\x00bee3"},
	{7, " ", -3, "052a4f 7499be e3"},
	{8, "", 0, "052a4f7499bee308"},
	{8, ":", -100, "052a4f7499bee308"},
	{8, ":", -4, "052a4f74:99bee308"},
	{8, ":", -3, "052a4f:7499be:e308"},
	{8, ":", -2, "052a:4f74:99be:e308"},
	{8, ":", -1, "05:2a:4f:74:99:be:e3:08"},
	{8, ":", 0, "052a4f7499bee308"},
	{8, ":", 1, "05:2a:4f:74:99:be:e3:08"},
	{8, ":", 2, "052a:4f74:99be:e308"},
	{8, ":", 3, "052a:4f7499:bee308"},
	{8, ":", 4, "052a4f74:99bee308"},
	{8, ":", 100, "052a4f7499bee308"},
	{8, "\x00", 2, "052a\x004f74\x0099be\x00e308"},
	{8, " ", -3, "052a4f 7499be e308"},
	{9, "", 0, "052a4f7499bee3082d"},
	{9, ":", -100, "052a4f7499bee3082d"},
	{9, ":", -4, "052a4f74:99bee308:2d"},
	{9, ":", -3, "052a4f:7499be:e3082d"},
	{9, ":", -2, "052a:4f74:99be:e308:2d"},
	{9, ":", -1, "05:2a:4f:74:99:be:e3:08:2d"},
	{9, ":", 0, "052a4f7499bee3082d"},
	{9, ":", 1, "05:2a:4f:74:99:be:e3:08:2d"},
	{9, ":", 2, "05:2a4f:7499:bee3:082d"},
	{9, ":", 3, "052a4f:7499be:e3082d"},
	{9, ":", 4, "05:2a4f7499:bee3082d"},
	{9, ":", 100, "052a4f7499bee3082d"},
	{9, "\x00", 2, "05\x002a4f\x007499\x00bee3\x00082d"},
	{9, " ", -3, "052a4f 7499be e3082d"},
}

func TestHexMatchesPython(t *testing.T) {
	for _, tc := range hexTable {
		data := hexData(tc.n)
		v := &View{Mem: data, Layout: CLayout(1, tc.n)}
		got, err := v.Hex(tc.sep, tc.bps)
		if err != nil || got != tc.out {
			t.Errorf("Hex(%d bytes, %q, %d) = %q, %v; want %q", tc.n, tc.sep, tc.bps, got, err, tc.out)
		}
		var sep byte
		if tc.sep != "" {
			sep = tc.sep[0]
		}
		bps := tc.bps
		if tc.sep == "" {
			bps = 0
		}
		if n := HexLen(tc.n, tc.sep != "", bps); n != len(tc.out) {
			t.Errorf("HexLen(%d, %q, %d) = %d, want %d", tc.n, tc.sep, bps, n, len(tc.out))
		}
		dst := make([]byte, 2, 2+len(tc.out))
		got2 := HexAppend(dst, data, sep, bps)
		if string(got2[2:]) != tc.out || &got2[0] != &dst[0] {
			t.Errorf("HexAppend(%d bytes, %q, %d) = %q (reallocated: %v)", tc.n, sep, bps, got2[2:], &got2[0] != &dst[0])
		}
	}
}

func TestHexStridedAndBig(t *testing.T) {
	// A reversed 2x2 view of 2-byte items: C-order bytes 0607 0405 0203 0001.
	v := &View{Mem: []byte{0, 1, 2, 3, 4, 5, 6, 7}, Off: 6,
		Layout: Layout{Itemsize: 2, Shape: []int{2, 2}, Strides: []int{-4, -2}}}
	got, err := v.Hex("-", 2)
	if want := "0607-0405-0203-0001"; err != nil || got != want {
		t.Errorf("strided Hex = %q, %v; want %q", got, err, want)
	}
	// Extreme group sizes must not overflow.
	for _, bps := range []int{math.MaxInt, math.MinInt, math.MinInt + 1} {
		if got := string(HexAppend(nil, []byte{1, 2, 3}, ':', bps)); got != "010203" {
			t.Errorf("HexAppend with bytesPerSep %d = %q", bps, got)
		}
		if n := HexLen(3, true, bps); n != 6 {
			t.Errorf("HexLen with bytesPerSep %d = %d", bps, n)
		}
	}
	if n := HexLen(-1, true, 1); n != 0 {
		t.Errorf("HexLen(-1) = %d", n)
	}
}

func TestHexSepErrors(t *testing.T) {
	v := &View{Mem: []byte{1, 2}, Layout: CLayout(1, 2)}
	cases := []struct{ sep, msg string }{
		{"::", "sep must be length 1."},
		{"ab", "sep must be length 1."},
		{"é", "sep must be ASCII."},
		{"\xff", "sep must be ASCII."},
	}
	for _, tc := range cases {
		_, err := v.Hex(tc.sep, 1)
		if k, _ := KindOf(err); err == nil || k != ValueError || err.Error() != tc.msg {
			t.Errorf("Hex(%q): %v, want ValueError %q", tc.sep, err, tc.msg)
		}
	}
	if _, err := CheckSep(""); err == nil || !strings.Contains(err.Error(), "length 1") {
		t.Errorf("CheckSep(\"\") = %v", err)
	}
	if c, err := CheckSep("\x00"); err != nil || c != 0 {
		t.Errorf("CheckSep(NUL) = %q, %v", c, err)
	}
}
