// Package pyerr holds CPython's wording of the errors that both package
// gomv and the CPython emulation (internal/cpython) raise, so that each
// message is written once.
package pyerr

// Messages of memoryview.cast and of views built over buffers.
const (
	CastLength  = "memoryview: length is not a multiple of itemsize"
	CastProduct = "memoryview: product(shape) * itemsize != buffer size"
	CastOverMax = "memoryview.cast(): product(shape) > SSIZE_MAX"
	TooManyDims = "memoryview: number of dimensions must not exceed 64"
)
