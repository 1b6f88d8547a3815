package cpython

import (
	"testing"

	"github.com/gomv/gomv/gomv"
)

// The sep argument of memoryview.hex, as bytes.hex checks it (3.11-3.15).
func TestCheckSep(t *testing.T) {
	for _, tc := range []struct {
		sep  string
		want byte
		msg  string
	}{
		{":", ':', ""},
		{"\x00", 0, ""},
		{"", 0, "sep must be length 1."},
		{"::", 0, "sep must be length 1."},
		{"ab", 0, "sep must be length 1."},
		{"é", 0, "sep must be ASCII."},
		{"\xff", 0, "sep must be ASCII."},
	} {
		c, err := CheckSep(tc.sep)
		if tc.msg == "" {
			if err != nil || c != tc.want {
				t.Errorf("CheckSep(%q) = %q, %v", tc.sep, c, err)
			}
			continue
		}
		if k, _ := gomv.KindOf(err); err == nil || k != gomv.ValueError || err.Error() != tc.msg {
			t.Errorf("CheckSep(%q): %v, want ValueError %q", tc.sep, err, tc.msg)
		}
	}
}
