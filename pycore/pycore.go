// Package pycore is the part of the gomv core that gopy binds for Python.
//
// gopy turns every exported function here into a Python function of the
// gomv.core.pycore module. Arguments and results are kept to strings, ints
// and errors on purpose: gopy's []byte handles have crash bugs (see the
// project notes), so bytes cross as hex text and values as Python literals.
// The test suite uses these bindings to check the core against CPython's
// struct module; users of gomv never need them.
package pycore

// Version is the version of the Go core.
func Version() string { return "0.1.0" }
