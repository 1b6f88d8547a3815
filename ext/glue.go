//go:build gomvext

package main

// The Go side of the C<->Go boundary declared in gomv_go.h. Each entry
// point converts the C structs into the plain values of package boundary,
// which calls the core; nothing here decides behaviour. Only C memory
// crosses: results go into caller-supplied C memory and no Go pointer is
// kept or handed out. A panic must never unwind into C (it would kill
// the interpreter), so every entry point recovers into *err as
// SystemError. The C side never calls these in a fork() child.

/*
// No #cgo flags: build/build.py passes all of them (CGO_CFLAGS is not
// subject to cgo's flag allow-list, and -fwrapv is not on it).
#include <patchlevel.h>
#include "gomv_go.h"
*/
import "C"

import (
	"errors"
	"runtime"
	"sync/atomic"
	"unsafe"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/boundary"
)

// ssize_t must be Go's int: shape, strides and indices are read in place.
var (
	_ [unsafe.Sizeof(C.ssize_t(0)) - unsafe.Sizeof(int(0))]byte
	_ [unsafe.Sizeof(int(0)) - unsafe.Sizeof(C.ssize_t(0))]byte
)

// pyVersion is the release built for, as gomv.PyVersion counts them (the
// upper half of PY_VERSION_HEX): it selects the native formats cast
// accepts ('e' from 3.12, "Zf"/"Zd" from 3.15).
const pyVersion = C.PY_VERSION_HEX >> 16

// setErr fills *e from err and returns the failure code.
func setErr(e *C.gomv_err, err error) C.int {
	k, msg := boundary.ErrorInfo(err)
	putErr(e, k, msg)
	return -1
}

func putErr(e *C.gomv_err, kind int, msg string) {
	if e == nil {
		return
	}
	e.kind = C.int(kind)
	boundary.PutMsg(unsafe.Slice((*byte)(unsafe.Pointer(&e.msg[0])), len(e.msg)), msg)
}

// catch is deferred by every entry point: it turns a panic into a
// SystemError in *e and makes the entry point return -1.
func catch(e *C.gomv_err, rc *C.int) {
	if r := recover(); r != nil {
		k, msg := boundary.PanicInfo(r)
		putErr(e, k, msg)
		*rc = -1
	}
}

// The test hook behind gomv._mv._debug_go_panic: bulk entry points call
// debugBulk on entry and between pieces, and it panics at the armed step,
// so that a test can watch a panic come back through piecewise work run
// without the GIL. Unarmed it costs one atomic load.
var (
	debugAfter atomic.Int64 // the bulk step that panics: 1 = the next one; 0 = off
	debugMsg   atomic.Pointer[string]
)

func debugBulk() {
	for {
		n := debugAfter.Load()
		if n <= 0 {
			return
		}
		if debugAfter.CompareAndSwap(n, n-1) {
			if n == 1 {
				panic(*debugMsg.Load())
			}
			return
		}
	}
}

// gomvgo_gomaxprocs is runtime.GOMAXPROCS(0): how many goroutines bulk
// work runs on at most (the benchmark reports it).
//
//export gomvgo_gomaxprocs
func gomvgo_gomaxprocs() C.int {
	return C.int(runtime.GOMAXPROCS(0))
}

// gomvgo_debug_panic panics with msg now (after == 0), arms debugBulk to
// panic in the after-th bulk call from now (after > 0), or disarms it.
//
//export gomvgo_debug_panic
func gomvgo_debug_panic(msg *C.char, after C.longlong, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	m := C.GoString(msg)
	switch {
	case after == 0:
		panic(m)
	case after > 0:
		debugMsg.Store(&m)
		debugAfter.Store(int64(after))
	default:
		debugAfter.Store(0)
	}
	return 0
}

// bufOf views a C layout. The format is read only when the operation
// needs it, through boundary.CString: formats of one struct code come from
// its table without allocating (C.GoString allocates every time).
func bufOf(l *C.gomv_buf, withFormat bool) boundary.Buf {
	n := int(l.ndim)
	b := boundary.Buf{
		Base:     unsafe.Pointer(l.buf),
		Itemsize: int(l.itemsize),
		Shape:    boundary.Ints(unsafe.Pointer(l.shape), n),
		Strides:  boundary.Ints(unsafe.Pointer(l.strides), n),
		Readonly: l.readonly != 0,
	}
	if l.suboffsets != nil {
		b.Suboffsets = boundary.Ints(unsafe.Pointer(l.suboffsets), n)
	}
	if withFormat {
		b.Format = boundary.CString(unsafe.Pointer(l.format))
	}
	return b
}

//export gomvgo_contiguity
func gomvgo_contiguity(l *C.gomv_buf) (rc C.int) {
	// No *err here: a panic (a bug) reports "not contiguous", which only
	// sends the C layer down its general paths.
	defer func() {
		if recover() != nil {
			rc = 0
		}
	}()
	b := bufOf(l, false)
	return C.int(boundary.Contiguity(&b, int(l.len)))
}

//export gomvgo_item
func gomvgo_item(l *C.gomv_buf, idx *C.ssize_t, nidx C.int, ptr **C.char, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, false)
	p, e := boundary.Item(&b, boundary.Ints(unsafe.Pointer(idx), int(nidx)))
	if e != nil {
		return setErr(err, e)
	}
	*ptr = (*C.char)(p)
	return 0
}

//export gomvgo_unpack
func gomvgo_unpack(code C.char, ptr *C.char, out *C.gomv_value, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	var v boundary.Value
	if e := boundary.Unpack(byte(code), unsafe.Pointer(ptr), &v); e != nil {
		return setErr(err, e)
	}
	out.kind = C.int(v.Kind)
	out.i = C.longlong(v.I)
	out.u = C.ulonglong(v.U)
	out.f = C.double(v.F)
	out.imag = C.double(v.Imag)
	out.p = (*C.char)(v.P)
	out.n = C.ssize_t(v.N)
	return 0
}

//export gomvgo_pack
func gomvgo_pack(code C.char, ptr *C.char, in *C.gomv_value, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	v := boundary.Value{
		Kind: int(in.kind),
		I:    int64(in.i),
		U:    uint64(in.u),
		F:    float64(in.f),
		Imag: float64(in.imag),
		P:    unsafe.Pointer(in.p),
		N:    int(in.n),
	}
	if e := boundary.Pack(byte(code), unsafe.Pointer(ptr), &v); e != nil {
		return setErr(err, e)
	}
	return 0
}

// errRaised stops bulk work when gomv_between has set a Python exception
// (a KeyboardInterrupt from a signal handler): the C side keeps it.
var errRaised = errors.New("gomv: Python exception set")

// parallel is how a bulk call runs: pieces and goroutines as C says, and
// gomv_between on this thread between pieces. This goroutine runs on the
// C thread that called in, which holds the interpreter's thread state.
func parallel(b *C.gomv_bulk) *gomv.Parallel {
	workers := int(b.workers)
	if debugAfter.Load() > 0 {
		workers = 1 // an armed test hook counts steps on one goroutine, deterministically
	}
	return &gomv.Parallel{
		Workers: workers,
		Piece:   int(b.piece),
		Between: func() error {
			debugBulk()
			if C.gomv_between(b) < 0 {
				return errRaised
			}
			return nil
		},
	}
}

// bulkErr is the return code of a bulk entry point for err.
func bulkErr(e *C.gomv_err, err error) C.int {
	if err == errRaised {
		return C.GOMV_GO_RAISED
	}
	return setErr(e, err)
}

//export gomvgo_tobytes
func gomvgo_tobytes(l *C.gomv_buf, order C.char, dst *C.char, bulk *C.gomv_bulk, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	b := bufOf(l, false)
	if e := boundary.ToBytes(&b, byte(order), boundary.Mem(unsafe.Pointer(dst), int(l.len)), parallel(bulk)); e != nil {
		return bulkErr(err, e)
	}
	return 0
}

// gomvgo_hex: bytes_per_sep == 0 means no separator, whatever sep is;
// otherwise sep is used as given, NUL included (bytes.hex accepts "\x00").
// dstlen must be exactly the text's length.
//
//export gomvgo_hex
func gomvgo_hex(l *C.gomv_buf, dst *C.char, dstlen C.ssize_t, sep C.char, bytesPerSep C.ssize_t, bulk *C.gomv_bulk, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	b := bufOf(l, false)
	if e := boundary.Hex(&b, boundary.Mem(unsafe.Pointer(dst), int(dstlen)), byte(sep), int(bytesPerSep), parallel(bulk)); e != nil {
		return bulkErr(err, e)
	}
	return 0
}

// gomvgo_equal: CPython's == gives False, not NotImplemented, when the
// struct module refuses a format (checked with ctypes '<u', '<g', '&<i'
// and T{...} on 3.11-3.13); NotImplemented comes only from an operand
// without a buffer, which the C side handles.
//
//export gomvgo_equal
func gomvgo_equal(a *C.gomv_buf, b *C.gomv_buf, bulk *C.gomv_bulk, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	ba, bb := bufOf(a, true), bufOf(b, true)
	eq, e := boundary.Equal(&ba, &bb, pyVersion, parallel(bulk))
	if e != nil {
		return bulkErr(err, e)
	}
	return C.int(eq)
}

//export gomvgo_copy
func gomvgo_copy(dst *C.gomv_buf, src *C.gomv_buf, bulk *C.gomv_bulk, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	bd, bs := bufOf(dst, true), bufOf(src, true)
	if e := boundary.Copy(&bd, &bs, parallel(bulk)); e != nil {
		return bulkErr(err, e)
	}
	return 0
}

// gomvgo_cast applies every check in CPython's order, with the native
// formats of the running release (pyVersion). A shape element the C side
// could not convert may be passed as PY_SSIZE_T_MIN: when the checks reach
// it, the call returns 2 with *err holding the ValueError for that value,
// and the caller raises its own saved conversion error instead.
//
//export gomvgo_cast
func gomvgo_cast(src *C.gomv_buf, f *C.char, ndim C.int, shape *C.ssize_t,
	outItemsize *C.ssize_t, outNdim *C.int, outShape *C.ssize_t, outStrides *C.ssize_t, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(src, true)
	var sh []int // nil: no shape argument
	if ndim >= 0 {
		sh = boundary.Ints(unsafe.Pointer(shape), int(ndim))
	}
	n, size, bad, e := boundary.Cast(&b, int(src.len), boundary.CString(unsafe.Pointer(f)), sh, pyVersion,
		boundary.Ints(unsafe.Pointer(outShape), 64), boundary.Ints(unsafe.Pointer(outStrides), 64))
	if e != nil {
		setErr(err, e)
		if bad {
			return 2
		}
		return -1
	}
	*outItemsize = C.ssize_t(size)
	*outNdim = C.int(n)
	return 0
}
