package gomv

import (
	"encoding/hex"
	"math/rand/v2"
	"testing"
)

// Both encoders against encoding/hex: every length around the block and
// word sizes, every alignment of source and destination, every byte value.
func TestHexEncodeMatchesEncodingHex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 300)
	for i := range buf {
		buf[i] = byte(r.UintN(256))
	}
	copy(buf, func() []byte { // all 256 values in the first lengths tested
		b := make([]byte, 256)
		for i := range b {
			b[i] = byte(i)
		}
		return b
	}())
	encoders := map[string]func(dst, src []byte){"hexEncode": hexEncode, "hexEncodeWords": hexEncodeWords}
	for name, enc := range encoders {
		for off := 0; off < 16; off++ {
			for n := 0; n+off <= 280; n++ {
				src := buf[off : off+n]
				dst := make([]byte, 2*n+off+1)
				dst[len(dst)-1] = 0xAA
				enc(dst[off:], src)
				if got, want := string(dst[off:off+2*n]), hex.EncodeToString(src); got != want {
					t.Fatalf("%s(off %d, n %d) = %q, want %q", name, off, n, got, want)
				}
				if dst[len(dst)-1] != 0xAA {
					t.Fatalf("%s(off %d, n %d) wrote past the text", name, off, n)
				}
			}
		}
	}
}

func TestHexEncodeBlocksCount(t *testing.T) {
	src := make([]byte, 47)
	dst := make([]byte, 94)
	n := hexEncodeBlocks(dst, src)
	if n != 0 && n != 32 {
		t.Fatalf("hexEncodeBlocks of 47 bytes encoded %d, want 32 (or 0 without vectors)", n)
	}
}
