package cpython

import "github.com/gomv/gomv/gomv"

// Equal is memoryview == as Python release py computes it. Views of one
// format that release handles natively compare natively; any other pair
// is unpacked with the struct module, and if that release's struct module
// refuses either format the views are unequal (CPython's == gives False,
// not an error). Past that gate the answer is [gomv.Equal]'s, which
// follows the newest release: every format known there compares the same
// way in every release that knows it.
func Equal(a, b *gomv.View, py gomv.PyVersion) (bool, error) {
	if !Comparable(a.Format, b.Format, py) {
		return false, nil
	}
	return gomv.Equal(a, b)
}

// Comparable reports whether the memoryview of release py can compare
// items of formats fa and fb (nil means unsigned bytes): both the same
// native code there, or both known to its struct module. Views of other
// formats are unequal; views of these compare as [gomv.Equal] (or
// gomv.Parallel's Equal) compares them.
func Comparable(fa, fb *gomv.Format, py gomv.PyVersion) bool {
	if fa == nil || fb == nil {
		return Comparable(orBytes(fa), orBytes(fb), py)
	}
	ca, okA := fa.NativeIn(py)
	cb, okB := fb.NativeIn(py)
	if okA && okB && ca == cb {
		return true
	}
	return fa.StructableIn(py) && fb.StructableIn(py)
}

var bytesFormat, _ = gomv.ParseFormat("B")

func orBytes(f *gomv.Format) *gomv.Format {
	if f == nil {
		return bytesFormat
	}
	return f
}
