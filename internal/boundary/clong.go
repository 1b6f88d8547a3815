//go:build !windows

package boundary

// cLong has the size of C's long: 32 bits on Windows (LLP64), the size of
// a pointer elsewhere (the platforms cgo supports).
type cLong = int
