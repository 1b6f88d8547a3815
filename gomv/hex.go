package gomv

const hexDigits = "0123456789abcdef"

// hexPairs holds the two hex digits of every byte value, so that each
// byte is one table load.
var hexPairs = func() (t [256][2]byte) {
	for i := range t {
		t[i] = [2]byte{hexDigits[i>>4], hexDigits[i&15]}
	}
	return t
}()

// Hex returns the bytes of v in C order as lowercase hexadecimal, like
// memoryview.hex. sep goes between groups of |bytesPerSep| bytes, counted
// from the right if bytesPerSep is positive and from the left if it is
// negative (any byte may separate, NUL included); bytesPerSep == 0 means
// no separator.
func (v *View) Hex(sep byte, bytesPerSep int) string {
	src, ok := v.contiguousBytes(OrderC)
	if !ok {
		src, _ = v.Bytes(OrderC) // OrderC cannot fail
	}
	return string(HexAppend(make([]byte, 0, HexLen(len(src), bytesPerSep)), src, sep, bytesPerSep))
}

// sepGroup returns the group size of a bytesPerSep value, and 0 for no
// separator. It avoids overflow for the most negative int.
func sepGroup(bytesPerSep int) uint {
	if bytesPerSep == 0 {
		return 0
	}
	if bytesPerSep < 0 {
		return uint(-(bytesPerSep + 1)) + 1
	}
	return uint(bytesPerSep)
}

// HexLen returns the length of the hex text of n bytes: 2n, plus one
// separator between each group of |bytesPerSep| bytes unless bytesPerSep
// is 0.
func HexLen(n, bytesPerSep int) int {
	g := sepGroup(bytesPerSep)
	if n <= 0 {
		return 0
	}
	if g == 0 {
		return 2 * n
	}
	return 2*n + int(uint(n-1)/g)
}

// HexAppend appends the hex text of src to dst, with exactly bytes.hex's
// rules: sep is written between groups of |bytesPerSep| bytes, the groups
// counted from the right for a positive bytesPerSep (so the first group
// may be short) and from the left for a negative one; bytesPerSep == 0
// writes no separator, whatever sep is. It allocates only if dst lacks
// capacity for HexLen(len(src), bytesPerSep) more bytes.
func HexAppend(dst, src []byte, sep byte, bytesPerSep int) []byte {
	start := len(dst)
	dst = grow(dst, HexLen(len(src), bytesPerSep))
	t := newHexText(len(src), sep, bytesPerSep)
	t.write(dst[start:], src, 0)
	return dst
}
