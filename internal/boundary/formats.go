package boundary

import (
	"sync"
	"sync/atomic"
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
	codes := []string{"Zf", "Zd"}
	for _, c := range gomv.StructCodes {
		codes = append(codes, string(c))
	}
	for _, order := range []string{"", "@", "=", "<", ">", "!"} {
		for _, c := range codes {
			s := order + c
			if f, err := gomv.ParseFormat(s); err == nil {
				m[s] = f
			}
		}
	}
	return m
}()

// seen holds other formats parsed successfully, up to seenMax of them,
// so that a program comparing or copying views of a structured format
// ("<i", "ih", T{...}) parses each once. Readers take the map without a
// lock (it is never modified once published); a writer publishes a
// copy with the new entry. The writer's lock is only tried: in a fork()
// child it may be held by a thread that no longer exists.
var (
	seen   atomic.Pointer[map[string]*gomv.Format]
	seenMu sync.Mutex
)

const seenMax = 256

func lookup(s string) (*gomv.Format, bool) {
	if f, ok := parsed[s]; ok {
		return f, true
	}
	if m := seen.Load(); m != nil {
		f, ok := (*m)[s]
		return f, ok
	}
	return nil, false
}

func remember(f *gomv.Format) {
	if !seenMu.TryLock() {
		return
	}
	defer seenMu.Unlock()
	old := seen.Load()
	var n int
	if old != nil {
		if _, ok := (*old)[f.Str]; ok {
			return
		}
		n = len(*old)
	}
	if n >= seenMax {
		return
	}
	m := make(map[string]*gomv.Format, n+1)
	if old != nil {
		for k, v := range *old {
			m[k] = v
		}
	}
	m[f.Str] = f
	seen.Store(&m)
}

// ParseFormat is gomv.ParseFormat, allocation-free for the formats of one
// struct code and for formats seen before (a map lookup with a string key
// allocates nothing).
func ParseFormat(s string) (*gomv.Format, error) {
	if f, ok := lookup(s); ok {
		return f, nil
	}
	f, err := gomv.ParseFormat(s)
	if err == nil {
		remember(f)
	}
	return f, err
}

// CString returns the NUL-terminated C string at p (nil gives ""): the
// parsed format's own string for a format parsed before, else a copy. It
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
	if f, ok := lookup(alias); ok {
		return f.Str
	}
	return string(unsafe.Slice((*byte)(p), n))
}
