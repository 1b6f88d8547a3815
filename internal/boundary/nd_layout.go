package boundary

import (
	"unsafe"

	"github.com/gomv/gomv/gomv"
)

// Layout is a view the core made, as the C side describes the views it
// makes (gomv_ndlayout): the address of the first item and the arrays of
// a Py_buffer. Suboffsets is nil when no entry is >= 0.
type Layout struct {
	Base       unsafe.Pointer
	Itemsize   int
	Shape      []int
	Strides    []int
	Suboffsets []int
}

// layoutOf describes w, a view the core derived from b's view v0. The
// address of w's first item is its place in w.Mem, which may be memory a
// pointer led to; a view that reaches no byte (an empty one) has no Mem
// and keeps the address it had.
func layoutOf(b *Buf, v0, w *gomv.View) Layout {
	base := unsafe.Add(b.Base, w.Off-v0.Off)
	if len(w.Mem) > 0 {
		base = unsafe.Add(unsafe.Pointer(unsafe.SliceData(w.Mem)), w.Off)
	}
	l := Layout{Base: base, Itemsize: w.Itemsize, Shape: w.Shape, Strides: w.Strides}
	for _, s := range w.Suboffsets {
		if s >= 0 {
			l.Suboffsets = w.Suboffsets
			break
		}
	}
	return l
}

// msgTwoPointers is the error for a key that would make a view follow two
// pointers per step along one dimension.
const msgTwoPointers = "gomv: cannot index a dimension with suboffsets that follows another " +
	"dimension with suboffsets (the result would follow two pointers in a row)"

// NdKey applies keys to b as numpy's basic indexing does (gomv.View.Key):
// the Go twin of ndview's subscripts. The result must be a layout PEP 3118
// can describe: a key that drops an indirect dimension right after
// another indirect one is a NotImplementedError, reported once the core
// has accepted the keys.
func NdKey(b *Buf, keys []gomv.Key) (Layout, error) {
	v := b.View()
	w, err := v.Key(keys...)
	if err != nil {
		return Layout{}, err
	}
	if followsTwice(b.Shape, b.Suboffsets, keys) {
		return Layout{}, &gomv.Error{Kind: gomv.NotImplementedError, Msg: msgTwoPointers}
	}
	return layoutOf(b, &v, w), nil
}

// followsTwice reports whether keys, which View.Key accepted, drop a
// dimension with a suboffset right after another one: the core's view
// then follows both pointers when stepping along the earlier dimension.
// It tracks the dimensions as View.Key does, including its rule that an
// empty view moves no suboffset.
func followsTwice(shape, sub []int, keys []gomv.Key) bool {
	if sub == nil {
		return false
	}
	sh := append([]int(nil), shape...)
	su := append([]int(nil), sub...)
	used, empty := 0, false
	for _, k := range keys {
		if k.Kind == gomv.KeyInt || k.Kind == gomv.KeySlice {
			used++
		}
	}
	for _, n := range shape {
		empty = empty || n == 0
	}
	d := 0
	for _, k := range keys {
		switch k.Kind {
		case gomv.KeyInt:
			if su[d] >= 0 && !empty && d > 0 {
				if su[d-1] >= 0 {
					return true
				}
				su[d-1] = su[d]
			}
			sh, su = append(sh[:d:d], sh[d+1:]...), append(su[:d:d], su[d+1:]...)
		case gomv.KeySlice:
			_, _, _, n, _ := gomv.SliceIndices(sh[d], k.Start, k.Stop, k.Step)
			sh[d] = n
			empty = empty || n == 0
			d++
		case gomv.KeyEllipsis:
			d += len(shape) - used
		case gomv.KeyNewAxis:
			sh = append(sh[:d:d], append([]int{1}, sh[d:]...)...)
			su = append(su[:d:d], append([]int{-1}, su[d:]...)...)
			d++
		}
	}
	return false
}

// NdTranspose is numpy's transpose of b (gomv.View.Transpose); nil axes
// reverse the dimensions, while an empty list, as in numpy, names the
// axes of a 0-d view only.
func NdTranspose(b *Buf, axes []int) (Layout, error) {
	v := b.View()
	if axes != nil && len(axes) == 0 && len(b.Shape) > 0 {
		return Layout{}, &gomv.Error{Kind: gomv.ValueError, Msg: "axes don't match array"}
	}
	w, err := v.Transpose(axes...)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(b, &v, w), nil
}

// NdReshape is numpy's reshape of b without copying (gomv.View.Reshape).
func NdReshape(b *Buf, shape []int) (Layout, error) {
	v := b.View()
	w, err := v.Reshape(shape...)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(b, &v, w), nil
}

// NdCast is ndview.cast (gomv.View.Cast, without memoryview's limits):
// shape nil asks for one dimension of all the bytes.
func NdCast(b *Buf, format string, shape []int) (Layout, error) {
	v := b.View()
	w, err := v.Cast(format, shape)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(b, &v, w), nil
}
