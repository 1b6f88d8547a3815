package boundary

import (
	"github.com/gomv/gomv/gomv"
)

// The bulk operations run through p, which cuts them into pieces (several
// at once when large) and calls the binding back between pieces.

// ToBytes writes b's items into dst in order 'C', 'F' or 'A' (tobytes);
// dst must hold b's nbytes.
func ToBytes(b *Buf, order byte, dst []byte, p *gomv.Parallel) error {
	v := b.View()
	return p.CopyTo(&v, dst, gomv.Order(order))
}

// HexLen is the length of Hex's output for b.
func HexLen(b *Buf, bytesPerSep int) int {
	l := gomv.Layout{Itemsize: b.Itemsize, Shape: b.Shape}
	return gomv.HexLen(l.NBytes(), bytesPerSep)
}

// Hex writes the hex text of b's bytes in C order into dst (memoryview.hex).
// bytesPerSep == 0 means no separator, whatever sep is; otherwise sep,
// which the caller has validated, may be any ASCII byte, NUL included
// (bytes.hex accepts "\x00"). dst must be exactly HexLen bytes long.
func Hex(b *Buf, dst []byte, sep byte, bytesPerSep int, p *gomv.Parallel) error {
	v := b.View()
	return p.Hex(&v, dst, sep, bytesPerSep)
}
