// Package cpython holds what only an emulation of CPython's memoryview
// needs on top of package gomv: the rules as a given Python release
// applies them (which formats it handles natively, which its struct module
// knows) and the order in which CPython checks its arguments, so that a
// binding raises the same error CPython raises first.
//
// The rules themselves, and their tables, live in gomv; this package only
// selects and orders them. Go programs use gomv directly.
package cpython
