//go:build gomvext

package main

// The Go side of gomv.ndview's entry points (gomv_go.h, "gomv.ndview"):
// like glue.go's, they convert the C structs into package boundary's
// values, which call the core, write results into C memory the caller
// owns, and recover panics into *err.

/*
#include <patchlevel.h>
#include "gomv_go.h"
*/
import "C"

import (
	"unsafe"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/boundary"
)

// putLayout writes l into *out, which has room for gomv.MaxDim dimensions
// (the core makes no view of more).
func putLayout(out *C.gomv_ndlayout, l boundary.Layout) {
	out.buf = (*C.char)(l.Base)
	out.itemsize = C.ssize_t(l.Itemsize)
	out.ndim = C.int(len(l.Shape))
	copy(boundary.Ints(unsafe.Pointer(&out.shape[0]), gomv.MaxDim), l.Shape)
	copy(boundary.Ints(unsafe.Pointer(&out.strides[0]), gomv.MaxDim), l.Strides)
	out.has_suboffsets = 0
	if l.Suboffsets != nil {
		out.has_suboffsets = 1
		copy(boundary.Ints(unsafe.Pointer(&out.suboffsets[0]), gomv.MaxDim), l.Suboffsets)
	}
}

// layoutResult is the return code of an entry point that made l.
func layoutResult(out *C.gomv_ndlayout, l boundary.Layout, e error, err *C.gomv_err) C.int {
	if e != nil {
		return setErr(err, e)
	}
	putLayout(out, l)
	return 0
}

//export gomvgo_nd_key
func gomvgo_nd_key(l *C.gomv_buf, keys *C.gomv_ndkey, nkeys C.int, out *C.gomv_ndlayout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, false)
	ks := make([]gomv.Key, nkeys)
	for i, k := range unsafe.Slice(keys, int(nkeys)) {
		switch k.kind {
		case C.GOMV_KEY_INT:
			ks[i] = gomv.IntKey(int(k.index))
		case C.GOMV_KEY_SLICE:
			start, stop, step := int(k.start), int(k.stop), int(k.step)
			ks[i] = gomv.SliceKey(&start, &stop, &step)
		default:
			ks[i] = gomv.Key{Kind: gomv.KeyKind(k.kind)}
		}
	}
	lay, e := boundary.NdKey(&b, ks)
	return layoutResult(out, lay, e, err)
}

//export gomvgo_nd_transpose
func gomvgo_nd_transpose(l *C.gomv_buf, axes *C.ssize_t, naxes C.int, out *C.gomv_ndlayout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, false)
	var a []int
	if naxes >= 0 {
		a = boundary.Ints(unsafe.Pointer(axes), int(naxes))
	}
	lay, e := boundary.NdTranspose(&b, a)
	return layoutResult(out, lay, e, err)
}

//export gomvgo_nd_reshape
func gomvgo_nd_reshape(l *C.gomv_buf, shape *C.ssize_t, nshape C.int, out *C.gomv_ndlayout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, false)
	lay, e := boundary.NdReshape(&b, boundary.Ints(unsafe.Pointer(shape), int(nshape)))
	return layoutResult(out, lay, e, err)
}

//export gomvgo_nd_cast
func gomvgo_nd_cast(l *C.gomv_buf, f *C.char, shape *C.ssize_t, nshape C.int, out *C.gomv_ndlayout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, true)
	var sh []int // nil: no shape given
	if nshape >= 0 {
		sh = append([]int{}, boundary.Ints(unsafe.Pointer(shape), int(nshape))...)
	}
	lay, e := boundary.NdCast(&b, boundary.CString(unsafe.Pointer(f)), sh)
	return layoutResult(out, lay, e, err)
}

// putValue writes x into C's description of a value.
func putValue(out *C.gomv_value, x gomv.Value) {
	v := boundary.ValueFrom(x)
	out.kind = C.int(v.Kind)
	out.i = C.longlong(v.I)
	out.u = C.ulonglong(v.U)
	out.f = C.double(v.F)
	out.imag = C.double(v.Imag)
	out.p = (*C.char)(v.P)
	out.n = C.ssize_t(v.N)
}

// putTree writes f's tree into io's nodes; false if they are too few.
func putTree(io *C.gomv_nditems, f *gomv.Format) bool {
	tree := f.Tree()
	io.nnodes = C.int(len(tree))
	if len(tree) > int(io.nodes_cap) {
		return false
	}
	for i, n := range tree {
		c := (*C.gomv_ndnode)(unsafe.Add(unsafe.Pointer(io.nodes), uintptr(i)*unsafe.Sizeof(*io.nodes)))
		c.kind = C.int(n.Kind)
		c.count = C.int(n.Count)
		c.len = C.ssize_t(n.Len)
		c.next = C.int(n.Next)
		c.code = C.char(n.Code)
	}
	return true
}

//export gomvgo_nd_items
func gomvgo_nd_items(l *C.gomv_buf, io *C.gomv_nditems, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, true)
	f, e := boundary.NdFormat(&b)
	if e != nil {
		return setErr(err, e)
	}
	io.nvalues = C.ssize_t(f.NumValues())
	grow := io.nodes != nil && !putTree(io, f)
	if int(io.count)*f.NumValues() > int(io.vals_cap) || grow {
		return C.GOMV_ND_GROW
	}
	vals := unsafe.Slice(io.vals, int(io.vals_cap))
	n := 0
	e = boundary.NdRead(&b, int(io.start), int(io.count), func(x gomv.Value) {
		putValue(&vals[n], x)
		n++
	})
	if e != nil {
		return setErr(err, e)
	}
	return 0
}

//export gomvgo_nd_pack
func gomvgo_nd_pack(l *C.gomv_buf, vals *C.gomv_value, n C.ssize_t, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, true)
	in := unsafe.Slice(vals, int(n))
	var buf [16]gomv.Value
	xs := buf[:0]
	for i := range in {
		v := boundary.Value{
			Kind: int(in[i].kind),
			I:    int64(in[i].i),
			U:    uint64(in[i].u),
			F:    float64(in[i].f),
			Imag: float64(in[i].imag),
			P:    unsafe.Pointer(in[i].p),
			N:    int(in[i].n),
		}
		xs = append(xs, v.Core())
	}
	if e := boundary.NdPack(&b, xs, pyVersion); e != nil {
		return setErr(err, e)
	}
	return 0
}

//export gomvgo_nd_assign
func gomvgo_nd_assign(dst *C.gomv_buf, src *C.gomv_buf, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	bd, bs := bufOf(dst, true), bufOf(src, true)
	if e := boundary.NdAssign(&bd, &bs); e != nil {
		return setErr(err, e)
	}
	return 0
}

//export gomvgo_nd_equal
func gomvgo_nd_equal(a *C.gomv_buf, b *C.gomv_buf, bulk *C.gomv_bulk, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	ba, bb := bufOf(a, true), bufOf(b, true)
	eq, e := boundary.NdEqual(&ba, &bb, parallel(bulk))
	if e != nil {
		return bulkErr(err, e)
	}
	return C.int(eq)
}
