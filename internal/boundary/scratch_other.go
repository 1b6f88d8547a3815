//go:build !linux

package boundary

// mapScratch has no allocation-free source of memory here: nil makes the
// core allocate from the Go heap (fork() children are a Linux concern for
// this extension; other systems spawn).
func mapScratch(n int) []byte { return nil }

func unmapScratch(b []byte) {}
