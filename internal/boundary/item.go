package boundary

import (
	"fmt"
	"unsafe"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/cpython"
)

// Contiguity bits, as in the view flags of ext/mv.h (GOMV_C, GOMV_F).
const (
	FlagC = 0x02
	FlagF = 0x04
)

// Contiguity returns the FlagC/FlagF bits memoryview sets for b, whose
// exporter reported n bytes (its len): the Go twin of the C layer's
// gomv_layout_flags, which it must match bit for bit (cpython.Flags).
func Contiguity(b *Buf, n int) int {
	c, f := cpython.Flags(gomv.Layout{Itemsize: b.Itemsize, Shape: b.Shape, Strides: b.Strides,
		Suboffsets: b.Suboffsets}, n)
	flags := 0
	if c {
		flags |= FlagC
	}
	if f {
		flags |= FlagF
	}
	return flags
}

// Item returns the address of the item at idx (one index per dimension,
// negative ones counting from the end), following suboffsets, with the
// core's IndexError/TypeError/NotImplementedError otherwise.
func Item(b *Buf, idx []int) (unsafe.Pointer, error) {
	v := b.View()
	mem, off, err := v.Addr(idx...)
	if err != nil {
		return nil, err
	}
	return unsafe.Add(unsafe.Pointer(unsafe.SliceData(mem)), off), nil
}

// Value mirrors gomv_value: one native value, with bytes (format 'c')
// pointing into the buffer itself. A complex value has its real part in F
// and its imaginary part in Imag.
type Value struct {
	Kind int
	I    int64
	U    uint64
	F    float64
	Imag float64
	P    unsafe.Pointer
	N    int
}

// Value kinds (GOMV_V_*, GOMV_VALUE_* of ext/gomv_tables.h): the core's
// gomv.ValueKind numbers.
const (
	VInt     = int(gomv.IntValue)
	VUint    = int(gomv.UintValue)
	VFloat   = int(gomv.FloatValue)
	VBool    = int(gomv.BoolValue)
	VBytes   = int(gomv.BytesValue)
	VComplex = int(gomv.ComplexValue)
)

// NativeSize returns the size in bytes of an item of a native struct code
// (gomv.LookupNative: "cbBhHiIlLqQnNfd?eP", and 'F' and 'D' for "Zf" and
// "Zd"), 0 for any other byte.
func NativeSize(code byte) int {
	n, ok := gomv.LookupNative(code)
	if !ok {
		return 0
	}
	return n.Size
}

func errCode(code byte) error {
	return &gomv.Error{Kind: gomv.NotImplementedError, Msg: fmt.Sprintf("memoryview: format %c not supported", code)}
}

// Unpack decodes the item of native code at p into out.
func Unpack(code byte, p unsafe.Pointer, out *Value) error {
	n := NativeSize(code)
	if n == 0 {
		return errCode(code)
	}
	x := gomv.UnpackNative(code, unsafe.Slice((*byte)(p), n))
	*out = Value{}
	switch x.Kind() {
	case gomv.IntValue:
		out.Kind, out.I = VInt, x.Int()
	case gomv.UintValue:
		out.Kind, out.U = VUint, x.Uint()
	case gomv.FloatValue:
		out.Kind, out.F = VFloat, x.Float()
	case gomv.ComplexValue:
		z := x.Complex()
		out.Kind, out.F, out.Imag = VComplex, real(z), imag(z)
	case gomv.BoolValue:
		out.Kind = VBool
		if x.Bool() {
			out.I, out.U = 1, 1
		}
	case gomv.BytesValue:
		// The core returns a sub-slice of the item, which is C memory.
		bs := x.Bytes()
		out.Kind, out.P, out.N = VBytes, unsafe.Pointer(unsafe.SliceData(bs)), len(bs)
	default:
		return errCode(code)
	}
	return nil
}

// Pack encodes in as an item of native code at p, with the core's checks
// (ValueError or TypeError naming the code; the C side rewords them).
func Pack(code byte, p unsafe.Pointer, in *Value) error {
	n := NativeSize(code)
	if n == 0 {
		return errCode(code)
	}
	var x gomv.Value
	switch in.Kind {
	case VInt:
		x = gomv.Int(in.I)
	case VUint:
		x = gomv.Uint(in.U)
	case VFloat:
		x = gomv.Float(in.F)
	case VComplex:
		x = gomv.Complex(complex(in.F, in.Imag))
	case VBool:
		x = gomv.Bool(in.I != 0)
	case VBytes:
		x = gomv.Bytes(Mem(in.P, in.N))
	}
	return gomv.PackNative(code, unsafe.Slice((*byte)(p), n), x)
}
