package gomv

import (
	"runtime"
	"unsafe"
)

// ByteOrder is the byte-order/size/alignment prefix of a struct format.
type ByteOrder byte

const (
	NativeOrder  ByteOrder = '@' // native order, native sizes and alignment (the default)
	NativeStd    ByteOrder = '=' // native order, standard sizes, no alignment
	LittleEndian ByteOrder = '<'
	BigEndian    ByteOrder = '>'
	NetworkOrder ByteOrder = '!' // same as BigEndian
)

// Field is one code of a format with its repeat count, e.g. "3h".
type Field struct {
	Code   byte      // struct code, or 'T' for a nested struct
	Order  ByteOrder // byte order in force for this field
	Count  int       // repeat count; for 's' and 'p' the byte length of the single value
	Offset int       // byte offset of the field's first element within one item
	Size   int       // bytes of one element (1 for 's' and 'p')
	Name   string    // PEP 3118 field name (":name:"), if any
	Shape  []int     // PEP 3118 sub-array shape ("(2,3)" prefix), if any
	Sub    *Format   // the nested struct of a 'T{...}' field
}

// Format is a parsed struct/PEP 3118 format string: what one item is.
//
// Build one with [ParseFormat]; the zero Format is an empty struct (like
// the format "") and is valid.
type Format struct {
	Str    string    // the format as given
	Order  ByteOrder // byte order of the top level
	Fields []Field
	Size   int // bytes in one item, as struct.calcsize gives it

	nvalues     int       // values one item unpacks to
	extended    bool      // uses PEP 3118 syntax the struct module refuses
	align       int       // strictest native alignment of any field (for nesting in T{})
	structSince PyVersion // first release whose struct module knows every code used
	tree        []ItemNode
	sig         string // the structure of an item's values (see signature)
}

// Itemsize returns the number of bytes in one item (f.Size). For formats
// the struct module accepts it equals struct.calcsize: fields are aligned
// under the native '@' order, but no trailing padding is added.
func (f *Format) Itemsize() int { return f.Size }

// NumValues returns how many values one item unpacks to: 's' and 'p'
// fields give one value per string, 'x' gives none, and repeat counts and
// sub-array shapes multiply.
func (f *Format) NumValues() int { return f.nvalues }

// String returns the format exactly as it was given to [ParseFormat].
func (f *Format) String() string { return f.Str }

// Structable reports whether Python's struct module accepts the format
// string itself: false for the PEP 3118 extensions (T{...}, sub-array
// shapes, field names, byte-order changes after the start). It follows
// the newest Python; see [Format.StructableIn].
func (f *Format) Structable() bool { return !f.extended }

// StructableIn reports whether the struct module of Python release py
// accepts the format string: [Format.Structable], and every code known
// there (the complex codes 'F' and 'D' from 3.14, "Zf" and "Zd" from 3.15).
func (f *Format) StructableIn(py PyVersion) bool { return !f.extended && f.structSince <= py }

// Native reports the struct code of a format that CPython's memoryview
// handles natively (see [NativeCodes]): a lone code from
// "cbBhHiIlLqQnNfd?eP" or one of the complex formats "Zf" and "Zd" (code
// 'F' and 'D'), optionally preceded by '@'. Anything else ("=B", "<B",
// "1B", "BB", " B", "F") is not native, even where it describes the same
// bytes.
//
// Native follows the newest Python: memoryview accepts 'e' only from
// Python 3.12 and "Zf"/"Zd" from 3.15. A binding for an older release uses
// [Format.NativeIn].
func (f *Format) Native() (code byte, ok bool) {
	return nativeCode(f.Str)
}

// NativeIn is [Format.Native] as the memoryview of Python release py sees
// the format: a code that release does not handle natively reports false.
func (f *Format) NativeIn(py PyVersion) (code byte, ok bool) {
	c, ok := nativeCode(f.Str)
	if !ok || natives[nativeSlot[c]-1].Since > py {
		return 0, false
	}
	return c, true
}

// StructCodes are the single-character codes of struct formats: every code
// [ParseFormat] lays out, in some byte order, other than 'T' (nested
// structs). The PEP 3118 complex spellings "Zf" and "Zd" stand for 'F' and
// 'D'.
const StructCodes = "xcbB?hHiIlLqQnNefdFDspP"

// codeInfo describes how a struct code is stored.
type codeInfo struct {
	size  int // bytes of one element; 0 when the code is refused in this order
	align int // natural alignment under '@'
}

// Native sizes and alignments follow the Go types of the same width as the
// C types CPython uses. C long is 32-bit on Windows (LLP64) and
// pointer-sized elsewhere.
var (
	ptrAlign            = int(unsafe.Alignof(uintptr(0)))
	longSize, longAlign = cLongLayout()
	alignOf16           = int(unsafe.Alignof(int16(0)))
	alignOf32           = int(unsafe.Alignof(int32(0)))
	alignOf64           = int(unsafe.Alignof(int64(0)))
	alignOfF            = int(unsafe.Alignof(float32(0)))
	alignOfD            = int(unsafe.Alignof(float64(0)))
)

// lookupCode returns the size and alignment of code in order, and false if
// the struct module refuses the code there.
func lookupCode(code byte, order ByteOrder) (codeInfo, bool) {
	native := order == NativeOrder
	switch code {
	case 'x', 'c', 'b', 'B', '?', 's', 'p':
		return codeInfo{1, 1}, true
	case 'h', 'H':
		if native {
			return codeInfo{2, alignOf16}, true
		}
		return codeInfo{2, 1}, true
	case 'e':
		if native {
			return codeInfo{2, alignOf16}, true
		}
		return codeInfo{2, 1}, true
	case 'i', 'I':
		if native {
			return codeInfo{4, alignOf32}, true
		}
		return codeInfo{4, 1}, true
	case 'l', 'L':
		if native {
			return codeInfo{longSize, longAlign}, true
		}
		return codeInfo{4, 1}, true
	case 'q', 'Q':
		if native {
			return codeInfo{8, alignOf64}, true
		}
		return codeInfo{8, 1}, true
	case 'f':
		if native {
			return codeInfo{4, alignOfF}, true
		}
		return codeInfo{4, 1}, true
	case 'd':
		if native {
			return codeInfo{8, alignOfD}, true
		}
		return codeInfo{8, 1}, true
	case 'F': // complex: two floats, aligned as one
		if native {
			return codeInfo{8, alignOfF}, true
		}
		return codeInfo{8, 1}, true
	case 'D':
		if native {
			return codeInfo{16, alignOfD}, true
		}
		return codeInfo{16, 1}, true
	case 'n', 'N', 'P':
		if native {
			return codeInfo{ptrSize, ptrAlign}, true
		}
	}
	return codeInfo{}, false
}

func cLongLayout() (size, align int) {
	if runtime.GOOS == "windows" {
		return 4, int(unsafe.Alignof(int32(0)))
	}
	return ptrSize, int(unsafe.Alignof(uintptr(0)))
}
