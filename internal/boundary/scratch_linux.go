package boundary

import "syscall"

// mapScratch returns n bytes of fresh anonymous memory from the kernel,
// or nil. It allocates nothing from Go's heap, so it is safe in a fork()
// child (see Copy); RawSyscall6 does not even enter the scheduler.
func mapScratch(n int) []byte {
	p, _, errno := syscall.RawSyscall6(syscall.SYS_MMAP, 0, uintptr(n),
		syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS, ^uintptr(0), 0)
	if errno != 0 {
		return nil
	}
	return Mem(ptrOf(p), n)
}

// unmapScratch returns memory from mapScratch to the kernel.
func unmapScratch(b []byte) {
	if len(b) > 0 {
		syscall.RawSyscall(syscall.SYS_MUNMAP, uintptr(addrOf(b)), uintptr(len(b)), 0)
	}
}
