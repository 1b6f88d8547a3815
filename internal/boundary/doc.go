// Package boundary turns the data that crosses the C<->Go boundary of the
// gomv extension (addresses, lengths and ssize_t arrays in C memory) into
// values of the Go core, and the core's answers back into plain numbers.
//
// It holds no semantics of its own: every rule of memoryview lives in
// package gomv. What it adds is addressing (a view over memory the caller
// owns, including PIL-style indirect buffers) and error flattening, kept
// free of cgo so that it can be tested with go test. The hot entry points
// (Contiguity, Item, Unpack, Pack) do not allocate: the extension may call
// them in a fork() child, where the Go allocator and GC can hang.
//
// Memory passed in is never retained after a call returns.
package boundary
