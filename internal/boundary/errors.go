package boundary

import (
	"fmt"
	"unicode/utf8"

	"github.com/gomv/gomv/gomv"
)

// KindSystem is the error kind of a Go panic caught at the boundary
// (GOMV_E_SYSTEM): the C side raises SystemError. The other kinds are the
// gomv.Kind numbers, which GOMV_E_* follows.
const KindSystem = 100

// ErrorInfo flattens err to the kind and message C raises. Errors that
// are not the core's (which would be a bug) become SystemError.
func ErrorInfo(err error) (kind int, msg string) {
	if e, ok := err.(*gomv.Error); ok {
		return int(e.Kind), e.Msg
	}
	if k, ok := gomv.KindOf(err); ok {
		return int(k), err.Error()
	}
	return KindSystem, err.Error()
}

// PanicInfo describes a recovered panic value r as a SystemError.
func PanicInfo(r any) (kind int, msg string) {
	return KindSystem, fmt.Sprintf("gomv: internal error in Go: %v", r)
}

// PutMsg copies msg into dst as a NUL-terminated C string, truncated to
// fit without splitting a UTF-8 sequence (the C side decodes it as UTF-8).
// An embedded NUL ends the message early, as it would in C.
func PutMsg(dst []byte, msg string) {
	if len(dst) == 0 {
		return
	}
	n := len(msg)
	if n > len(dst)-1 {
		n = len(dst) - 1
		for n > 0 && !utf8.RuneStart(msg[n]) {
			n--
		}
	}
	copy(dst, msg[:n])
	dst[n] = 0
}
