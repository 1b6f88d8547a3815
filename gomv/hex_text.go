package gomv

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
	g := int(sepGroup(bytesPerSep))
	if g == 0 || n <= g {
		return hexText{}
	}
	t := hexText{sep: sep, group: g, first: g}
	if bytesPerSep > 0 {
		t.first = n - (n-1)/g*g
	}
	return t
}

// write puts the text of src, the bytes from position lo on, in its place
// in dst, the text of all the bytes: the separator in front of a boundary
// is written by the range that holds the boundary's byte.
func (t *hexText) write(dst, src []byte, lo int) {
	o, next := 2*lo, -1
	if t.group != 0 {
		if lo > t.first {
			before := (lo-t.first-1)/t.group + 1 // boundaries < lo
			o += before
			next = t.first + before*t.group
		} else {
			next = t.first
		}
	}
	for i, c := range src {
		if lo+i == next {
			dst[o] = t.sep
			o++
			next += t.group
		}
		*(*[2]byte)(dst[o:]) = hexPairs[c]
		o += 2
	}
}
