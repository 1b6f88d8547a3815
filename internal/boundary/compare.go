package boundary

import (
	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/cpython"
)

// Equal compares a and b as memoryview == does: 1 equal, 0 unequal. A
// format the core cannot parse makes the views unequal, as CPython's ==
// gives False (not NotImplemented) when the struct module refuses a
// format, even comparing a view with itself: checked on 3.11-3.13 with
// ctypes arrays of c_wchar ('<u'), c_longdouble ('<g'), pointers ('&<i')
// and structures ('T{...}'). py is the running release: it decides which
// formats its memoryview and struct module know ("Zd" from 3.15, ...).
func Equal(a, b *Buf, py gomv.PyVersion, p *gomv.Parallel) (int, error) {
	va, errA := a.ParsedView()
	vb, errB := b.ParsedView()
	if errA != nil || errB != nil {
		return 0, nil
	}
	if !cpython.Comparable(va.Format, vb.Format, py) {
		return 0, nil
	}
	eq, err := p.Equal(&va, &vb)
	if err != nil {
		return -1, err
	}
	if eq {
		return 1, nil
	}
	return 0, nil
}

// Copy copies src's items into dst (slice assignment), overlap-safe, with
// the core's structure and read-only checks. Formats are compared as
// strings, so formats the core cannot parse still copy.
func Copy(dst, src *Buf, p *gomv.Parallel) error {
	vd, _ := dst.ParsedView()
	vs, _ := src.ParsedView()
	return p.Copy(&vd, &vs)
}
