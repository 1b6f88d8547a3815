package boundary

import (
	"github.com/gomv/gomv/gomv"
)

// ToBytes writes b's items into dst in order 'C', 'F' or 'A' (tobytes);
// dst must hold b's nbytes.
func ToBytes(b *Buf, order byte, dst []byte) error {
	v := b.View()
	return v.CopyTo(dst, gomv.Order(order))
}

// HexLen is the length of Hex's output for b.
func HexLen(b *Buf, bytesPerSep int) int {
	l := gomv.Layout{Itemsize: b.Itemsize, Shape: b.Shape}
	return gomv.HexLen(l.NBytes(), bytesPerSep)
}

// Hex writes the hex text of b's bytes in C order into dst (memoryview.hex).
// bytesPerSep == 0 means no separator, whatever sep is; otherwise sep,
// which the caller has validated, may be any ASCII byte, NUL included
// (bytes.hex accepts "\x00"). dst must be exactly HexLen bytes long: a
// caller that sized it differently would leave part of it unwritten.
//
// Nothing is allocated: a view that is not C-contiguous is first gathered
// into the tail of dst, and the hex text then written from the front. That
// is safe because the text of the bytes before any position never reaches
// the position's byte in the tail (the tail starts at least n+seps bytes
// in, and k bytes produce at most 2k+seps characters); the tests pin it.
func Hex(b *Buf, dst []byte, sep byte, bytesPerSep int) error {
	v := b.View()
	n := v.NBytes()
	need := gomv.HexLen(n, bytesPerSep)
	if len(dst) != need {
		return &gomv.Error{Kind: gomv.ValueError, Msg: "gomv: hex destination size does not match the text"}
	}
	var src []byte
	if b.Suboffsets == nil && v.IsContiguous(gomv.OrderC) {
		src = v.Mem[v.Off : v.Off+n]
	} else {
		src = dst[need-n:]
		if err := v.CopyTo(src, gomv.OrderC); err != nil {
			return err
		}
	}
	gomv.HexAppend(dst[:0], src, sep, bytesPerSep)
	return nil
}
