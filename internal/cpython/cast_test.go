package cpython

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/gomv/gomv/gomv"
)

func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// listString renders the items of a single-value view as Python's
// tolist() prints them, without spaces.
func listString(t *testing.T, v *gomv.View) string {
	t.Helper()
	l, err := v.ToList()
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(fmt.Sprint(l), " ", ",")
}

// castSources builds the views the cast tests start from.
func castSource(t *testing.T, name string) *gomv.View {
	t.Helper()
	mk := func(n int, format string, l gomv.Layout) *gomv.View {
		v, err := gomv.NewViewLayout(seq(n), 0, format, l)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	switch name {
	case "B12":
		return mk(12, "B", gomv.CLayout(1, 12))
	case "i3":
		return mk(12, "i", gomv.CLayout(4, 3))
	case "B16":
		return mk(16, "B", gomv.CLayout(1, 16))
	case "B3x4":
		return mk(12, "B", gomv.CLayout(1, 3, 4))
	case "B3x4[::2]":
		return mk(12, "B", gomv.Layout{Itemsize: 1, Shape: []int{2, 4}, Strides: []int{8, 1}})
	case "B0":
		return mk(0, "B", gomv.CLayout(1, 0))
	case "B1":
		return mk(1, "B", gomv.CLayout(1, 1))
	case "B()":
		return mk(1, "B", gomv.CLayout(1))
	case "i()":
		return mk(4, "i", gomv.CLayout(4))
	case "B2x0":
		return mk(0, "B", gomv.CLayout(1, 2, 0))
	case "<B8":
		return mk(8, "<B", gomv.CLayout(1, 8))
	case "<i2":
		return mk(8, "<i", gomv.CLayout(4, 2))
	case "@i2":
		return mk(8, "@i", gomv.CLayout(4, 2))
	case "F3x4":
		return mk(12, "B", gomv.FLayout(1, 3, 4))
	case "pil":
		v := mk(16, "B", gomv.Layout{Itemsize: 1, Shape: []int{2, 1}, Strides: []int{8, 1}, Suboffsets: []int{0, -1}})
		return v
	}
	t.Fatalf("no source %s", name)
	return nil
}

// strictCastCases were checked with CPython 3.11 to 3.15, which agree on
// all of them but the wording of the refused destination format, given
// here as 3.15 words it (TestCastStrict runs them as 3.15), and the
// formats some releases refuse ('e' before 3.12, "Zf"/"Zd" before 3.15).
// want is "format shape strides" or "Kind: message".
var strictCastCases = []struct {
	src, format string
	shape       []int
	want        string
}{
	{"B12", "i", nil, "i [3] [4]"},
	{"B12", "i", []int{3}, "i [3] [4]"},
	{"B12", "i", []int{2, 2}, "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B12", "<i", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B12", "@i", nil, "@i [3] [4]"},
	{"B12", "ii", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B12", "x", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B12", "c", []int{0}, "ValueError: memoryview.cast(): elements of shape must be integers > 0"},
	{"B12", "c", []int{-1}, "ValueError: memoryview.cast(): elements of shape must be integers > 0"},
	{"B12", "c", []int{1 << 62, 4}, "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX"},
	{"B12", "i", []int{1 << 61}, "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX"},
	{"B12", "B", []int{math.MaxInt}, "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B12", "i", []int{math.MaxInt}, "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX"},
	{"B12", "B", []int{1 << 62, 2, 0}, "ValueError: memoryview.cast(): product(shape) > SSIZE_MAX"},
	{"B12", "B", []int{0, math.MaxInt}, "ValueError: memoryview.cast(): elements of shape must be integers > 0"},
	{"B12", "c", make([]int, 65), "ValueError: memoryview: number of dimensions must not exceed 64"},
	{"B12", "c", ones(64), "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B12", "c", []int{12}, "c [12] [1]"},
	{"B12", "d", nil, "TypeError: memoryview: length is not a multiple of itemsize"},
	{"B12", "B", []int{}, "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B12", "B", []int{2, 6}, "B [2 6] [6 1]"},
	{"B12", "?", nil, "? [12] [1]"},
	{"B12", "e", nil, "e [6] [2]"}, // 3.12+; 3.11 refuses 'e'
	{"B12", "P", nil, "TypeError: memoryview: length is not a multiple of itemsize"},
	{"B12", "n", nil, "TypeError: memoryview: length is not a multiple of itemsize"},
	{"B12", "s", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B12", "1B", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B12", "@B", nil, "@B [12] [1]"},
	{"B12", "=B", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B1", "B", []int{}, "B [] []"},
	{"B1", "c", []int{}, "c [] []"},
	{"B()", "b", nil, "b [1] [1]"},
	{"B()", "b", []int{1}, "b [1] [1]"},
	{"B()", "b", []int{}, "TypeError: memoryview: cast must be 1D -> ND or ND -> 1D"},
	{"i()", "B", nil, "B [4] [1]"},
	{"i()", "B", []int{2, 2}, "TypeError: memoryview: cast must be 1D -> ND or ND -> 1D"},
	{"i()", "i", []int{1}, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"i3", "h", nil, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"i3", "B", nil, "B [12] [1]"},
	{"i3", "i", nil, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"i3", "B", []int{3, 4}, "B [3 4] [4 1]"},
	{"i3", "x", []int{3, 4}, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B3x4", "i", []int{3}, "i [3] [4]"},
	{"B3x4", "i", []int{3, 1}, "TypeError: memoryview: cast must be 1D -> ND or ND -> 1D"},
	{"B3x4", "B", []int{3, 4}, "TypeError: memoryview: cast must be 1D -> ND or ND -> 1D"},
	{"B3x4", "c", nil, "c [12] [1]"},
	{"B3x4[::2]", "c", nil, "TypeError: memoryview: casts are restricted to C-contiguous views"},
	{"B3x4[::2]", "x", nil, "TypeError: memoryview: casts are restricted to C-contiguous views"},
	{"B0", "i", []int{0}, "TypeError: memoryview: cannot cast view with zeros in shape or strides"},
	{"B0", "i", []int{1}, "TypeError: memoryview: cannot cast view with zeros in shape or strides"},
	{"B0", "i", nil, "i [0] [4]"},
	{"B0", "B", nil, "B [0] [1]"},
	{"B2x0", "B", nil, "TypeError: memoryview: cannot cast view with zeros in shape or strides"},
	{"B2x0", "x", nil, "TypeError: memoryview: cannot cast view with zeros in shape or strides"},
	{"<B8", "i", nil, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"<B8", "B", nil, "B [8] [1]"},
	{"<B8", "c", nil, "c [8] [1]"},
	{"B16", "Zf", nil, "Zf [2] [8]"},
	{"B16", "@Zf", []int{2}, "@Zf [2] [8]"},
	{"B16", "Zf", []int{}, "TypeError: memoryview: product(shape) * itemsize != buffer size"},
	{"B16", "Zf", []int{1, 2}, "Zf [1 2] [16 8]"},
	{"B16", "Zd", nil, "Zd [1] [16]"},
	{"B16", "Zd", []int{}, "Zd [] []"},
	{"B12", "Zd", nil, "TypeError: memoryview: length is not a multiple of itemsize"},
	{"B16", "F", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"B16", "<Zd", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"<i2", "B", nil, "B [8] [1]"},
	{"<i2", "i", nil, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"<i2", "x", nil, "ValueError: memoryview: destination format must be a native format prefixed with an optional '@'"},
	{"@i2", "B", nil, "B [8] [1]"},
	{"@i2", "L", nil, "TypeError: memoryview: cannot cast between two non-byte formats"},
	{"F3x4", "B", nil, "TypeError: memoryview: casts are restricted to C-contiguous views"},
	{"pil", "B", nil, "TypeError: memoryview: casts are restricted to C-contiguous views"},
}

func ones(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = 1
	}
	return s
}

func castResult(v *gomv.View, err error) string {
	if err != nil {
		k, _ := gomv.KindOf(err)
		return fmt.Sprintf("%v: %v", k, err)
	}
	return fmt.Sprintf("%s %v %v", v.Format.Str, v.Shape, v.Strides)
}

func TestCastStrict(t *testing.T) {
	for _, c := range strictCastCases {
		src := castSource(t, c.src)
		v, err := CastStrict(src, c.format, c.shape, gomv.NewestPython)
		if got := castResult(v, err); got != c.want {
			t.Errorf("%s.cast(%q, %v):\n got %s\nwant %s", c.src, c.format, c.shape, got, c.want)
		}
		if err == nil && (v.Off != src.Off || len(v.Mem) != len(src.Mem) || len(v.Mem) > 0 && &v.Mem[0] != &src.Mem[0] || !v.IsCContiguous()) {
			t.Errorf("%s.cast(%q): not a C-contiguous view of the same memory", c.src, c.format)
		}
	}
}

func TestCastKeepsBytes(t *testing.T) {
	v := castSource(t, "B12")
	v.Readonly = true
	w, err := CastStrict(v, "B", []int{3, 4}, gomv.NewestPython)
	if err != nil {
		t.Fatal(err)
	}
	if !w.Readonly || listString(t, w) != "[[0,1,2,3],[4,5,6,7],[8,9,10,11]]" {
		t.Errorf("got %v %s", w.Readonly, listString(t, w))
	}
	x, err := CastStrict(w, "<", nil, gomv.NewestPython)
	if err == nil {
		t.Errorf("cast to %q: %+v", "<", x)
	}
}

// Where CPython's cast succeeds, gomv's general Cast gives the same view.
func TestCastAgreesWithGeneralCast(t *testing.T) {
	for _, c := range strictCastCases {
		strict, err := CastStrict(castSource(t, c.src), c.format, c.shape, gomv.NewestPython)
		if err != nil {
			continue
		}
		v, err := castSource(t, c.src).Cast(c.format, c.shape)
		if got, want := castResult(v, err), castResult(strict, nil); got != want {
			t.Errorf("%s.Cast(%q, %v) = %s, CastStrict gives %s", c.src, c.format, c.shape, got, want)
		}
	}
}

// Which destination formats a strict cast accepts, and its wording of the
// refusal, depend on the release (checked on 3.11 to 3.15).
func TestCheckCastFormatByRelease(t *testing.T) {
	const (
		old = "memoryview: destination format must be a native single character format prefixed with an optional '@'"
		new = "memoryview: destination format must be a native format prefixed with an optional '@'"
	)
	for _, tt := range []struct {
		format string
		py     gomv.PyVersion
		want   string // "" accepted
	}{
		{"B", gomv.Py311, ""}, {"@e", gomv.Py311, old}, {"@e", gomv.Py312, ""}, {"Zd", gomv.Py314, old},
		{"Zd", gomv.Py315, ""}, {"@Zf", gomv.Py315, ""}, {"D", gomv.Py315, new}, {"<i", gomv.Py314, old},
		{"<i", gomv.Py315, new}, {"\x00", gomv.Py315, new},
	} {
		f, err := CheckCastFormat(tt.format, tt.py)
		switch {
		case tt.want == "" && (err != nil || f.String() != tt.format):
			t.Errorf("CheckCastFormat(%q, %v) = %v, %v", tt.format, tt.py, f, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("CheckCastFormat(%q, %v) = %v, want %q", tt.format, tt.py, err, tt.want)
		}
	}
	// A whole cast in 3.11 refuses 'e' with 3.11's words.
	if _, err := CastStrict(castSource(t, "B12"), "e", nil, gomv.Py311); err == nil || err.Error() != old {
		t.Errorf("3.11 cast to e: %v", err)
	}
}

// A shape whose product wraps to zero has no zero element: only a real
// zero makes CheckCastZeros refuse.
func TestCheckCastZerosWrap(t *testing.T) {
	v := &gomv.View{Layout: gomv.Layout{Itemsize: 1, Shape: []int{1 << 40, 1 << 40}, Strides: []int{0, 0}}}
	if err := CheckCastZeros(v, true); err != nil {
		t.Error(err)
	}
	v.Shape[1] = 0
	if err := CheckCastZeros(v, true); err == nil {
		t.Error("zero in shape accepted")
	}
}

// CastStrict comes from Python, arguments and all: whatever they are it
// must not panic, and where it succeeds its result is gomv's Cast's, a
// C-contiguous view of the same bytes.
func FuzzCastStrict(f *testing.F) {
	f.Add(make([]byte, 24), "i", 2, 3, true)
	f.Add([]byte("abcdefgh"), "@h", 2, 2, false)
	f.Add([]byte{}, "B", 0, 1, true)
	f.Add(make([]byte, 32), "Zd", 1, 2, true)
	f.Add(make([]byte, 16), "<d", 1, 2, false)
	f.Fuzz(func(t *testing.T, buf []byte, format string, r, c int, hasShape bool) {
		v, err := gomv.NewView(buf, "B")
		if err != nil {
			t.Fatal(err)
		}
		var shape []int
		if hasShape {
			shape = []int{r, c}
		}
		s, err := CastStrict(v, format, shape, gomv.NewestPython)
		if err != nil {
			if _, ok := err.(*gomv.Error); !ok {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		g, err := v.Cast(format, shape)
		if err != nil || castResult(s, nil) != castResult(g, nil) || !s.IsCContiguous() || s.NBytes() != len(buf) {
			t.Fatalf("strict %s, general %s %v", castResult(s, nil), castResult(g, nil), err)
		}
		back, err := s.Cast("B", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := back.Bytes(gomv.OrderC); !bytes.Equal(got, buf) {
			t.Fatalf("round trip %v", got)
		}
	})
}
