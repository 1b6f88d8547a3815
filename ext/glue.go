//go:build gomvext

package main

// The Go side of the C<->Go boundary declared in gomv_go.h. Each entry
// point converts the C structs into the plain values of package boundary,
// which calls the core; nothing here decides behaviour. Only C memory
// crosses: results go into caller-supplied C memory and no Go pointer is
// kept or handed out. A panic must never unwind into C (it would kill
// the interpreter), so every entry point recovers into *err as
// SystemError. The hot entry points (contiguity, item, unpack, pack)
// allocate nothing, so they also work in a fork() child.

/*
// No #cgo flags: build/build.py passes all of them (CGO_CFLAGS is not
// subject to cgo's flag allow-list, and -fwrapv is not on it).
#include <patchlevel.h>
#include "gomv_go.h"
*/
import "C"

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"unsafe"

	"github.com/gomv/gomv/internal/boundary"
)

// ssize_t must be Go's int: shape, strides and indices are read in place.
var (
	_ [unsafe.Sizeof(C.ssize_t(0)) - unsafe.Sizeof(int(0))]byte
	_ [unsafe.Sizeof(int(0)) - unsafe.Sizeof(C.ssize_t(0))]byte
)

// halfOK: memoryview accepts the 'e' format from Python 3.12 on.
const halfOK = C.PY_VERSION_HEX >= 0x030c0000

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

// gomv_go_fork puts the runtime in the state mv_fork.c needs around a
// fork(): step GOMV_FORK_PREPARE (parent, prepare handler, no other thread
// in Go), GOMV_FORK_SPARE_M (a thread the prepare handler starts, see
// clean_spare_m), GOMV_FORK_PARENT (the parent's first call after it) or
// GOMV_FORK_CHILD (the child's first call).
//
// Prepare: the collector off (SetGCPercent(-1) waits out a mark under way;
// a child cannot collect, having lost the threads a collection needs),
// one P, and a Gosched. The Gosched clears a preemption request sysmon
// may have left on this thread's goroutine when it took back the P the
// thread kept in C; the child would honour that request on its first
// call, hand its P to an idle M that was not copied, and wait forever
// (gdb: stoplockedm). It also shows sysmon a new schedtick, so for 10 ms
// sysmon takes this thread's P back without a request, and with one P
// (none idle) it does so at its next tick; mv_fork.c sees that happen.
// Parent: both settings back. Child: the collector stays off and there
// are GOMV_CHILD_PROCS Ps: the forking thread keeps one for good (no
// sysmon to take it back), the runner one, and the start of the world
// may give one to an M that was not copied.
//
//export gomv_go_fork
func gomv_go_fork(step C.int) {
	defer func() { _ = recover() }()
	switch step {
	case C.GOMV_FORK_PREPARE:
		gc, procs := debug.SetGCPercent(-1), runtime.GOMAXPROCS(1)
		if !forkPending {
			gcSaved, procsSaved, forkPending = gc, procs, true
		}
		runtime.Gosched()
	case C.GOMV_FORK_PARENT:
		if forkPending {
			forkPending = false
			debug.SetGCPercent(gcSaved)
			if procsAuto {
				runtime.SetDefaultGOMAXPROCS()
			} else {
				runtime.GOMAXPROCS(procsSaved)
			}
		}
	case C.GOMV_FORK_CHILD:
		debug.SetGCPercent(-1)
		runtime.GOMAXPROCS(C.GOMV_CHILD_PROCS)
	case C.GOMV_FORK_SPARE_M:
		// A request left on this M's goroutine was honoured on the way in;
		// the yield shows sysmon a fresh schedtick (see PREPARE).
		runtime.Gosched()
	}
}

// The settings gomv_go_fork changed in the parent, to put back; only
// the thread holding mv_fork.c's gate touches them.
var (
	forkPending bool
	gcSaved     int
	procsSaved  int
	// GOMAXPROCS was the runtime's own choice (which follows the CPU
	// quota), not the environment's.
	procsAuto = os.Getenv("GOMAXPROCS") == ""
)

// The test hook behind gomv._mv._debug_go_panic: bulk entry points call
// debugBulk, which panics in the armed call so that a test can watch a
// panic come back through a chunked operation run without the GIL. Unarmed
// it costs one atomic load.
var (
	debugAfter atomic.Int64 // the bulk call that panics: 1 = the next one; 0 = off
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

// gomv_go_debug_panic panics with msg now (after == 0), arms debugBulk to
// panic in the after-th bulk call from now (after > 0), or disarms it.
//
//export gomv_go_debug_panic
func gomv_go_debug_panic(msg *C.char, after C.longlong, err *C.gomv_err) (rc C.int) {
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
// its table without allocating (C.GoString allocates every time, and
// enough == calls in a fork() child started a GC there, which hung).
func bufOf(l *C.gomv_layout, withFormat bool) boundary.Buf {
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

// gomv_go_ready returns once the Go runtime has initialized. The runtime
// of a c-shared library starts on its own thread when the library is
// loaded, and the first call into Go waits for it; a fork() before it is
// done (import gomv, then os.fork() within a millisecond) copies a runtime
// that never finishes starting, and the child's first Go call waits
// forever. Module init calls this so that import gomv returns only with
// the runtime ready.
//
//export gomv_go_ready
func gomv_go_ready() C.int {
	return 0
}

//export gomv_go_contiguity
func gomv_go_contiguity(l *C.gomv_layout) (rc C.int) {
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

//export gomv_go_item
func gomv_go_item(l *C.gomv_layout, idx *C.ssize_t, nidx C.int, ptr **C.char, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(l, false)
	p, e := boundary.Item(&b, boundary.Ints(unsafe.Pointer(idx), int(nidx)))
	if e != nil {
		return setErr(err, e)
	}
	*ptr = (*C.char)(p)
	return 0
}

//export gomv_go_unpack
func gomv_go_unpack(code C.char, ptr *C.char, out *C.gomv_value, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	var v boundary.Value
	if e := boundary.Unpack(byte(code), unsafe.Pointer(ptr), &v); e != nil {
		return setErr(err, e)
	}
	out.kind = C.int(v.Kind)
	out.i = C.longlong(v.I)
	out.u = C.ulonglong(v.U)
	out.f = C.double(v.F)
	out.p = (*C.char)(v.P)
	out.n = C.ssize_t(v.N)
	return 0
}

//export gomv_go_pack
func gomv_go_pack(code C.char, ptr *C.char, in *C.gomv_value, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	v := boundary.Value{
		Kind: int(in.kind),
		I:    int64(in.i),
		U:    uint64(in.u),
		F:    float64(in.f),
		P:    unsafe.Pointer(in.p),
		N:    int(in.n),
	}
	if e := boundary.Pack(byte(code), unsafe.Pointer(ptr), &v); e != nil {
		return setErr(err, e)
	}
	return 0
}

//export gomv_go_tobytes
func gomv_go_tobytes(l *C.gomv_layout, order C.char, dst *C.char, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	b := bufOf(l, false)
	if e := boundary.ToBytes(&b, byte(order), boundary.Mem(unsafe.Pointer(dst), int(l.len))); e != nil {
		return setErr(err, e)
	}
	return 0
}

// gomv_go_hex: bytes_per_sep == 0 means no separator, whatever sep is;
// otherwise sep is used as given, NUL included (bytes.hex accepts "\x00").
// dstlen must be exactly the text's length.
//
//export gomv_go_hex
func gomv_go_hex(l *C.gomv_layout, dst *C.char, dstlen C.ssize_t, sep C.char, bytesPerSep C.ssize_t, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	b := bufOf(l, false)
	if e := boundary.Hex(&b, boundary.Mem(unsafe.Pointer(dst), int(dstlen)), byte(sep), int(bytesPerSep)); e != nil {
		return setErr(err, e)
	}
	return 0
}

// gomv_go_equal never returns 2: CPython's == gives False, not
// NotImplemented, when the struct module refuses a format (checked with
// ctypes '<u', '<g', '&<i' and T{...} on 3.11-3.13); NotImplemented comes
// only from an operand without a buffer, which the C side handles.
//
//export gomv_go_equal
func gomv_go_equal(a *C.gomv_layout, b *C.gomv_layout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	ba, bb := bufOf(a, true), bufOf(b, true)
	eq, e := boundary.Equal(&ba, &bb)
	if e != nil {
		return setErr(err, e)
	}
	return C.int(eq)
}

// gomv_go_cast applies every check in CPython's order, 'e' included
// (refused before 3.12, by PY_VERSION_HEX). A shape element the C side
// could not convert may be passed as PY_SSIZE_T_MIN: when the checks reach
// it, the call returns 2 with *err holding the ValueError for that value,
// and the caller raises its own saved conversion error instead.
//
//export gomv_go_cast
func gomv_go_cast(src *C.gomv_layout, f *C.char, ndim C.int, shape *C.ssize_t,
	outItemsize *C.ssize_t, outNdim *C.int, outShape *C.ssize_t, outStrides *C.ssize_t, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	b := bufOf(src, true)
	var sh []int // nil: no shape argument
	if ndim >= 0 {
		sh = boundary.Ints(unsafe.Pointer(shape), int(ndim))
	}
	n, size, bad, e := boundary.Cast(&b, int(src.len), boundary.CString(unsafe.Pointer(f)), sh, halfOK,
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

//export gomv_go_copy
func gomv_go_copy(dst *C.gomv_layout, src *C.gomv_layout, err *C.gomv_err) (rc C.int) {
	defer catch(err, &rc)
	debugBulk()
	bd, bs := bufOf(dst, true), bufOf(src, true)
	if e := boundary.Copy(&bd, &bs); e != nil {
		return setErr(err, e)
	}
	return 0
}
