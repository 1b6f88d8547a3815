//go:build !amd64

package gomv

// hexEncodeBlocks has no vector form on this architecture: hexEncode's
// word loop does all the bytes.
func hexEncodeBlocks(dst, src []byte) int { return 0 }
