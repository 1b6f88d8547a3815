package gomv

import "encoding/binary"

// hexText places the hex text of any range of n bytes within the text of
// all n, so that pieces of a large hex can be written independently: the
// separators are where HexAppend puts them, before each group boundary.
type hexText struct {
	sep   byte
	group int // bytes per group; 0: no separator
	first int // boundaries are first, first+group, ... (all > 0 and < n)
}

// newHexText follows HexAppend's rules: no separator when bytesPerSep is 0
// or the text is a single group; groups counted from the right for a
// positive bytesPerSep (the first group may be short), from the left for
// a negative one.
func newHexText(n int, sep byte, bytesPerSep int) hexText {
	gu := sepGroup(bytesPerSep)
	if gu == 0 || uint(n) <= gu {
		return hexText{}
	}
	g := int(gu) // < n
	t := hexText{sep: sep, group: g, first: g}
	if bytesPerSep > 0 {
		t.first = n - (n-1)/g*g
	}
	return t
}

// write puts the text of src, the bytes from position lo on, in its place
// in dst, the text of all the bytes: the separator in front of a boundary
// is written by the range that holds the boundary's byte. Between
// separators the bytes go through hexEncode.
func (t *hexText) write(dst, src []byte, lo int) {
	o := 2 * lo
	if t.group == 0 {
		hexEncode(dst[o:], src)
		return
	}
	next := t.first
	if lo > t.first {
		before := (lo-t.first-1)/t.group + 1 // boundaries < lo
		o += before
		next = t.first + before*t.group
	}
	if t.group < 16 {
		t.writeBytes(dst, src, lo, o, next)
		return
	}
	for len(src) > 0 {
		if lo == next {
			dst[o] = t.sep
			o++
			next += t.group
		}
		n := min(len(src), next-lo)
		hexEncode(dst[o:], src[:n])
		o += 2 * n
		lo += n
		src = src[n:]
	}
}

// writeBytes is write for small groups, a byte at a time: o is where
// src's text starts, next the next boundary at or after lo.
func (t *hexText) writeBytes(dst, src []byte, lo, o, next int) {
	left := next - lo // bytes before the next separator
	for _, c := range src {
		if left == 0 {
			dst[o] = t.sep
			o++
			left = t.group
		}
		binary.LittleEndian.PutUint16(dst[o:], hexDigits16[c])
		o += 2
		left--
	}
}
