package boundary

import (
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// parsed holds the formats of one struct code, with or without a byte
// order, parsed once: the bulk entry points look them up instead of
// parsing (which allocates), so that they allocate nothing in the common
// case, fork() children included. Parsed formats are never modified, so
// sharing them is safe.
var parsed = func() map[string]*gomv.Format {
	m := make(map[string]*gomv.Format)
	for _, order := range []string{"", "@", "=", "<", ">", "!"} {
		for _, c := range "xcbB?hHiIlLqQnNefdPsp" {
			s := order + string(c)
			if f, err := gomv.ParseFormat(s); err == nil {
				m[s] = f
			}
		}
	}
	return m
}()

// ParseFormat is gomv.ParseFormat, allocation-free for the formats of one
// struct code (the map lookup of a string key allocates nothing).
func ParseFormat(s string) (*gomv.Format, error) {
	if f, ok := parsed[s]; ok {
		return f, nil
	}
	return gomv.ParseFormat(s)
}

// CString returns the NUL-terminated C string at p (nil gives ""): the
// table's own string for a format of one struct code, else a copy. It
// stands for C.GoString, which allocates every time.
func CString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	alias := unsafe.String((*byte)(p), n)
	if f, ok := parsed[alias]; ok {
		return f.Str
	}
	return string(unsafe.Slice((*byte)(p), n))
}
