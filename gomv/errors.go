package gomv

import "errors"

// Kind names the Python exception class an error corresponds to. Go users
// can ignore it; the Python binding uses it to raise the same exception
// CPython would.
type Kind uint8

const (
	ValueError Kind = iota
	TypeError
	IndexError
	NotImplementedError
	BufferError
	OverflowError
	MemoryError
	StructError // struct.error
)

var kindNames = [...]string{"ValueError", "TypeError", "IndexError", "NotImplementedError",
	"BufferError", "OverflowError", "MemoryError", "struct.error"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(?)"
}

// Error is the error type returned by this package. Msg is worded exactly as
// CPython words the same failure.
type Error struct {
	Kind Kind
	Msg  string
	Err  error // optional cause, such as ErrUnsupported
}

func (e *Error) Error() string { return e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// ErrUnsupported is wrapped by errors for formats that are valid PEP 3118
// but that this package (like Python's struct module) cannot pack or unpack.
var ErrUnsupported = errors.New("gomv: unsupported format")

func newErr(k Kind, msg string) *Error { return &Error{Kind: k, Msg: msg} }

// KindOf reports the Kind of err, and false if err is not (and wraps no) *Error.
func KindOf(err error) (Kind, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind, true
	}
	return 0, false
}
