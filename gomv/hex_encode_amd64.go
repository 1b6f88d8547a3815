package gomv

// hexEncodeBlocksSSE2 writes the hex text of blocks*16 bytes at src to
// dst (hex_encode_amd64.s).
//
//go:noescape
func hexEncodeBlocksSSE2(dst, src *byte, blocks int)

// hexEncodeBlocks encodes as many whole 16-byte blocks of src as there
// are, with SSE2, and returns how many bytes it encoded.
func hexEncodeBlocks(dst, src []byte) int {
	blocks := len(src) / 16
	if blocks == 0 {
		return 0
	}
	_ = dst[32*blocks-1]
	hexEncodeBlocksSSE2(&dst[0], &src[0], blocks)
	return 16 * blocks
}
