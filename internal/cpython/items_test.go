package cpython

import (
	"testing"

	"github.com/gomv/gomv/gomv"
)

// memoryview's refusals of item access by format, as CPython 3.11 and 3.15
// word them (3.15 checked with _testbuffer's 'D', 'Zd' and '<Zd').
func TestItemCode(t *testing.T) {
	for _, tc := range []struct {
		format string
		py     gomv.PyVersion
		code   byte
		msg    string
	}{
		{"B", gomv.Py311, 'B', ""},
		{"@d", gomv.Py311, 'd', ""},
		{"e", gomv.Py312, 'e', ""},
		{"e", gomv.Py311, 0, "memoryview: format e not supported"},
		{"Zd", gomv.Py315, 'D', ""},
		{"@Zf", gomv.Py315, 'F', ""},
		{"Zd", gomv.Py314, 0, "memoryview: unsupported format Zd"},
		{"D", gomv.Py315, 0, "memoryview: format D not supported"},
		{"<Zd", gomv.Py315, 0, "memoryview: unsupported format <Zd"},
		{"<i", gomv.Py311, 0, "memoryview: unsupported format <i"},
		{"2i", gomv.Py311, 0, "memoryview: unsupported format 2i"},
		{"ii", gomv.Py311, 0, "memoryview: unsupported format ii"},
		{"3s", gomv.Py311, 0, "memoryview: unsupported format 3s"},
		{"=B", gomv.Py311, 0, "memoryview: unsupported format =B"},
		{"s", gomv.Py311, 0, "memoryview: format s not supported"},
		{"@s", gomv.Py311, 0, "memoryview: format s not supported"},
		{"p", gomv.Py311, 0, "memoryview: format p not supported"},
		{"T{i}", gomv.Py311, 0, "memoryview: unsupported format T{i}"},
	} {
		f, err := gomv.ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		code, err := ItemCode(f, tc.py)
		if tc.msg == "" {
			if err != nil || code != tc.code {
				t.Errorf("ItemCode(%q, %v) = %q, %v", tc.format, tc.py, code, err)
			}
			continue
		}
		if k, _ := gomv.KindOf(err); err == nil || k != gomv.NotImplementedError || err.Error() != tc.msg {
			t.Errorf("ItemCode(%q, %v): %v, want NotImplementedError %q", tc.format, tc.py, err, tc.msg)
		}
	}
	if code, err := ItemCode(nil, gomv.Py311); code != 'B' || err != nil {
		t.Errorf("nil format: %q, %v", code, err)
	}
}
