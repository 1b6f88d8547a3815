package gomv

import "fmt"

// PyVersion is a CPython feature release, written as the upper half of
// PY_VERSION_HEX: 0x030C is Python 3.12. The package knows every format
// code; where CPython accepts a code only from some release on, the rule
// says which, and a binding compares against the version it runs under.
type PyVersion uint16

// The releases at which a rule of this package changes. Py311 is the
// oldest release gomv supports: a rule "since Py311" holds for all of them.
const (
	Py311 PyVersion = 0x030B // oldest supported
	Py312 PyVersion = 0x030C // memoryview accepts 'e'
	Py314 PyVersion = 0x030E // struct accepts 'F' and 'D'
	Py315 PyVersion = 0x030F // struct and memoryview accept "Zf" and "Zd"

	// NewestPython is the newest release the rules describe; functions
	// without a version argument follow it.
	NewestPython = Py315
)

// PythonVersion returns the PyVersion of Python major.minor.
func PythonVersion(major, minor int) PyVersion { return PyVersion(major<<8 | minor&0xff) }

// String returns "3.12" for 0x030C.
func (p PyVersion) String() string { return fmt.Sprintf("%d.%d", p>>8, p&0xff) }

// NativeCode describes one of the formats CPython's memoryview handles
// itself (indexing, assignment, tolist, cast), the "native" formats: one
// struct code, with native size and alignment, optionally written after
// '@'. It is the single definition of these formats; the C layer of the
// Python extension gets its tables generated from [NativeCodes].
type NativeCode struct {
	Code   byte      // struct code; the complex formats "Zf" and "Zd" have 'F' and 'D'
	Format string    // the format string memoryview recognises, without '@'
	Kind   ValueKind // what an item unpacks to
	Size   int       // bytes of one item on this platform
	Align  int       // natural alignment on this platform
	CType  string    // C type of the same size and alignment
	Since  PyVersion // first release whose memoryview accepts the format
	// Byte marks memoryview's byte formats, 'B', 'b' and 'c': a cast must
	// go from or to one of them, and only they can be hashed.
	Byte bool
}

// natives lists the native formats in the order the C layer indexes them
// (the first eighteen in the order it always has).
var natives = [...]NativeCode{
	{Code: 'c', Format: "c", Kind: BytesValue, CType: "char", Since: Py311, Byte: true},
	{Code: 'b', Format: "b", Kind: IntValue, CType: "signed char", Since: Py311, Byte: true},
	{Code: 'B', Format: "B", Kind: UintValue, CType: "unsigned char", Since: Py311, Byte: true},
	{Code: '?', Format: "?", Kind: BoolValue, CType: "_Bool", Since: Py311},
	{Code: 'h', Format: "h", Kind: IntValue, CType: "short", Since: Py311},
	{Code: 'H', Format: "H", Kind: UintValue, CType: "unsigned short", Since: Py311},
	{Code: 'i', Format: "i", Kind: IntValue, CType: "int", Since: Py311},
	{Code: 'I', Format: "I", Kind: UintValue, CType: "unsigned int", Since: Py311},
	{Code: 'l', Format: "l", Kind: IntValue, CType: "long", Since: Py311},
	{Code: 'L', Format: "L", Kind: UintValue, CType: "unsigned long", Since: Py311},
	{Code: 'q', Format: "q", Kind: IntValue, CType: "long long", Since: Py311},
	{Code: 'Q', Format: "Q", Kind: UintValue, CType: "unsigned long long", Since: Py311},
	{Code: 'n', Format: "n", Kind: IntValue, CType: "Py_ssize_t", Since: Py311},
	{Code: 'N', Format: "N", Kind: UintValue, CType: "size_t", Since: Py311},
	{Code: 'f', Format: "f", Kind: FloatValue, CType: "float", Since: Py311},
	{Code: 'd', Format: "d", Kind: FloatValue, CType: "double", Since: Py311},
	{Code: 'P', Format: "P", Kind: UintValue, CType: "void *", Since: Py311},
	{Code: 'e', Format: "e", Kind: FloatValue, CType: "uint16_t", Since: Py312},
	{Code: 'F', Format: "Zf", Kind: ComplexValue, CType: "float[2]", Since: Py315},
	{Code: 'D', Format: "Zd", Kind: ComplexValue, CType: "double[2]", Since: Py315},
}

// nativeSlot[c] is 1 + the index in natives of the entry for code c.
var nativeSlot [256]uint8

func init() {
	for i := range natives {
		n := &natives[i]
		info, _ := lookupCode(n.Code, NativeOrder)
		n.Size, n.Align = info.size, info.align
		nativeSlot[n.Code] = uint8(i + 1)
	}
}

// NativeCodes returns the native formats, in a fixed order (a copy).
func NativeCodes() []NativeCode {
	out := natives
	return out[:]
}

// LookupNative returns the native format of struct code c ('F' and 'D'
// for "Zf" and "Zd"), and false if memoryview has no native format for it.
func LookupNative(code byte) (NativeCode, bool) {
	if i := nativeSlot[code]; i != 0 {
		return natives[i-1], true
	}
	return NativeCode{}, false
}

// nativeCode returns the code of a native format string: one of the
// table's formats, optionally after '@'. Anything else ("=B", "<B", "1B",
// "BB", " B", "F") is not native, even where it describes the same bytes.
func nativeCode(s string) (byte, bool) {
	if len(s) >= 2 && s[0] == '@' {
		s = s[1:]
	}
	var c byte
	switch {
	case len(s) == 1:
		c = s[0]
	case len(s) == 2 && s[0] == 'Z':
		c = complexCode(s[1])
	}
	if i := nativeSlot[c]; i == 0 || natives[i-1].Format != s {
		return 0, false
	}
	return c, true
}

// complexCode is the struct code of the PEP 3118 complex format "Z"+c:
// 'F' for "Zf", 'D' for "Zd", 0 otherwise.
func complexCode(c byte) byte {
	switch c {
	case 'f':
		return 'F'
	case 'd':
		return 'D'
	}
	return 0
}
