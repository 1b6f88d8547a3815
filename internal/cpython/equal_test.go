package cpython

import (
	"testing"

	"github.com/gomv/gomv/gomv"
)

// Expectations checked with CPython 3.11 to 3.15 (numpy's complex128
// exports "Zd", ctypes' c_double_complex "<D" on 3.14).
func TestEqualByRelease(t *testing.T) {
	view := func(format string) *gomv.View {
		f, err := gomv.ParseFormat(format)
		if err != nil {
			t.Fatal(err)
		}
		v, err := gomv.NewView(make([]byte, 2*f.Itemsize()), format)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	const py313 gomv.PyVersion = 0x030D
	for _, tt := range []struct {
		a, b  string
		py    gomv.PyVersion
		equal bool
	}{
		{"Zd", "Zd", py313, false}, // struct refuses "Zd" before 3.15
		{"Zd", "Zd", gomv.Py314, false},
		{"Zd", "Zd", gomv.Py315, true},
		{"Zd", "d", gomv.Py315, true},
		{"Zd", "<D", gomv.Py315, true},
		{"<D", "<D", py313, false},
		{"<D", "<D", gomv.Py314, true},
		{"<D", "d", gomv.Py314, true},
		{"F", "Zf", gomv.Py314, false},
		{"e", "e", gomv.Py311, true}, // not native in 3.11, but struct knows 'e'
		{"e", "B", gomv.Py311, true},
		{"B", "b", gomv.Py311, true},
		{"T{B}", "T{B}", gomv.Py315, false},
	} {
		a, b := view(tt.a), view(tt.b)
		if got, err := Equal(a, b, tt.py); err != nil || got != tt.equal {
			t.Errorf("%q == %q in %v: %v, %v; want %v", tt.a, tt.b, tt.py, got, err, tt.equal)
		}
	}
	// A view without a format holds unsigned bytes.
	a, b := view("B"), view("B")
	a.Format = nil
	if got, _ := Equal(a, b, gomv.Py311); !got {
		t.Error("nil format != 'B'")
	}
}
