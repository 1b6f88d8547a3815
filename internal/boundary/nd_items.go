package boundary

import (
	"fmt"
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// VBigInt is a value kind only the C side of ndview sends: a Python int
// beyond 64 bits, with its float value in F (GOMV_VALUE_BIGINT of
// gomv_go.h). Kind 0 is a value the C side could not convert for its
// code, which the core refuses as the struct module does ("required
// argument is not an integer").
const VBigInt = 64

// Core returns the core's value for v (see [ValueFrom] for the reverse).
// Bytes alias the C memory v points to.
func (v *Value) Core() gomv.Value {
	switch v.Kind {
	case VInt:
		return gomv.Int(v.I)
	case VUint:
		return gomv.Uint(v.U)
	case VFloat:
		return gomv.Float(v.F)
	case VComplex:
		return gomv.Complex(complex(v.F, v.Imag))
	case VBool:
		return gomv.Bool(v.I != 0)
	case VBytes:
		return gomv.Bytes(Mem(v.P, v.N))
	case VBigInt:
		return gomv.BigInt(v.F)
	}
	return gomv.Value{}
}

// ValueFrom is the C description of x; bytes point where x's do (into the
// buffer read).
func ValueFrom(x gomv.Value) Value {
	switch x.Kind() {
	case gomv.IntValue:
		return Value{Kind: VInt, I: x.Int()}
	case gomv.UintValue:
		return Value{Kind: VUint, U: x.Uint()}
	case gomv.FloatValue:
		return Value{Kind: VFloat, F: x.Float()}
	case gomv.ComplexValue:
		z := x.Complex()
		return Value{Kind: VComplex, F: real(z), Imag: imag(z)}
	case gomv.BoolValue:
		if x.Bool() {
			return Value{Kind: VBool, I: 1, U: 1}
		}
		return Value{Kind: VBool}
	case gomv.BytesValue:
		bs := x.Bytes()
		return Value{Kind: VBytes, P: unsafe.Pointer(unsafe.SliceData(bs)), N: len(bs)}
	}
	return Value{}
}

// NdFormat is b's format, parsed for reading and writing items: it must
// describe items of b's itemsize, or items would be read past their end.
func NdFormat(b *Buf) (*gomv.Format, error) {
	f, err := ParseFormat(b.Format)
	if err != nil {
		return nil, err
	}
	if f.Size != b.Itemsize {
		return nil, &gomv.Error{Kind: gomv.ValueError, Msg: fmt.Sprintf(
			"gomv: format %q describes items of %d bytes, but the buffer's items have %d", b.Format, f.Size, b.Itemsize)}
	}
	return f, nil
}

// NdRead calls put with the values of the items start, ..., start+count-1
// of b, counted in C order, one item after the other as the struct module
// unpacks them (Format.NumValues of them per item). Bytes values alias
// b's memory.
func NdRead(b *Buf, start, count int, put func(gomv.Value)) error {
	f, err := NdFormat(b)
	if err != nil || count <= 0 {
		return err
	}
	v := b.View()
	if start < 0 || count > v.Len()-start {
		return &gomv.Error{Kind: gomv.IndexError, Msg: fmt.Sprintf(
			"gomv: items %d to %d of a view of %d items", start, start+count, v.Len())}
	}
	idx := make([]int, len(v.Shape))
	for d, k := len(idx)-1, start; d >= 0; d-- {
		idx[d], k = k%v.Shape[d], k/v.Shape[d]
	}
	var buf [16]gomv.Value
	for ; count > 0; count-- {
		mem, off, err := v.Addr(idx...)
		if err != nil {
			return err
		}
		vals, err := f.AppendUnpack(buf[:0], mem[off:off+f.Size])
		if err != nil {
			return err
		}
		for _, x := range vals {
			put(x)
		}
		for d := len(idx) - 1; d >= 0; d-- {
			if idx[d]++; idx[d] < v.Shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return nil
}

// NdPack stores vals, the values of one item in the struct module's
// order, in the item b (a view of no dimensions) with the checks and
// errors of the struct module of release py (struct.pack_into).
func NdPack(b *Buf, vals []gomv.Value, py gomv.PyVersion) error {
	f, err := NdFormat(b)
	if err != nil {
		return err
	}
	if b.Readonly {
		return &gomv.Error{Kind: gomv.TypeError, Msg: "cannot modify read-only memory"}
	}
	if len(b.Shape) != 0 {
		return &gomv.Error{Kind: gomv.ValueError, Msg: "gomv: NdPack needs a view of one item"}
	}
	return f.PackIn(Mem(b.Base, f.Size), vals, py)
}

// ndView is b's view with its format checked by NdFormat; on error the
// format is an opaque one of b's itemsize.
func ndView(b *Buf) (gomv.View, error) {
	v := b.View()
	f, err := NdFormat(b)
	if err != nil {
		f = &gomv.Format{Str: b.Format, Size: b.Itemsize}
	}
	v.Format = f
	return v, err
}

// NdAssign is dst[...] = src for ndview (gomv.Assign): src's items,
// converted to dst's format, as if read before any is written. Items of
// one format the core cannot read are copied as bytes.
func NdAssign(dst, src *Buf) error {
	vd, errD := ndView(dst)
	vs, errS := ndView(src)
	if errD == nil && errS == nil {
		return gomv.Assign(&vd, &vs)
	}
	if dst.Format == src.Format && dst.Itemsize == src.Itemsize {
		return gomv.Copy(&vd, &vs)
	}
	if errD != nil {
		return errD
	}
	return errS
}

// NdEqual is ndview's ==: 1 when a and b have the same shape and equal
// items (gomv.Equal, for any pair of formats the core reads), 0 otherwise.
// Views of a format the core cannot read are unequal, as with memoryview.
func NdEqual(a, b *Buf, p *gomv.Parallel) (int, error) {
	va, errA := ndView(a)
	vb, errB := ndView(b)
	if errA != nil || errB != nil {
		return 0, nil
	}
	eq, err := p.Equal(&va, &vb)
	if err != nil || !eq {
		return 0, err
	}
	return 1, nil
}
