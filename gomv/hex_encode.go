package gomv

import "encoding/binary"

// hexDigits16 holds the two hex digits of every byte value as one
// little-endian uint16, so that a byte's text is one load and one store.
var hexDigits16 = func() (t [256]uint16) {
	for i, p := range hexPairs {
		t[i] = uint16(p[0]) | uint16(p[1])<<8
	}
	return t
}()

// hexEncode writes the hex text of src, without separators, at the start
// of dst (which holds at least 2*len(src) bytes): the loop that runs over
// gigabytes. Whole 16-byte blocks go through the vector form where the
// architecture has one (hexEncodeBlocks), the rest through hexEncodeWords.
func hexEncode(dst, src []byte) {
	dst = dst[:2*len(src)]
	n := hexEncodeBlocks(dst, src)
	hexEncodeWords(dst[2*n:], src[n:])
}

// hexEncodeWords is hexEncode without vectors: eight bytes at a time become
// two 8-byte stores.
func hexEncodeWords(dst, src []byte) {
	dst = dst[:2*len(src)]
	for len(src) >= 8 {
		x := binary.LittleEndian.Uint64(src)
		lo := uint64(hexDigits16[byte(x)]) | uint64(hexDigits16[byte(x>>8)])<<16 |
			uint64(hexDigits16[byte(x>>16)])<<32 | uint64(hexDigits16[byte(x>>24)])<<48
		hi := uint64(hexDigits16[byte(x>>32)]) | uint64(hexDigits16[byte(x>>40)])<<16 |
			uint64(hexDigits16[byte(x>>48)])<<32 | uint64(hexDigits16[byte(x>>56)])<<48
		binary.LittleEndian.PutUint64(dst, lo)
		binary.LittleEndian.PutUint64(dst[8:], hi)
		src, dst = src[8:], dst[16:]
	}
	for i, c := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], hexDigits16[c])
	}
}
