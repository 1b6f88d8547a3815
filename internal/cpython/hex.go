package cpython

import (
	"unicode/utf8"

	"github.com/gomv/gomv/gomv"
)

// CheckSep validates the sep argument of memoryview.hex as bytes.hex
// does: it must be a single character (counted in runes, so that a binding
// can pass a Python str as UTF-8, or a bytes object as is) and that
// character must be ASCII. It returns the separator byte.
func CheckSep(sep string) (byte, error) {
	if utf8.RuneCountInString(sep) != 1 {
		return 0, newErr(gomv.ValueError, "sep must be length 1.")
	}
	if sep[0] >= utf8.RuneSelf {
		return 0, newErr(gomv.ValueError, "sep must be ASCII.")
	}
	return sep[0], nil
}
