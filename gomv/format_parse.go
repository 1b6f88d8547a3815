package gomv

import (
	"math"
	"strings"
)

// Messages of struct.error raised while parsing a format.
const (
	msgBadChar    = "bad char in struct format"
	msgNoCode     = "repeat count given without format specifier"
	msgTooLong    = "total struct size too long"
	msgNullInFmt  = "embedded null character"
	pep3118Unsupp = "gG&Otuwz" // PEP 3118 (or ctypes) codes struct refuses
)

// ParseFormat parses a format string of Python's struct module, or of its
// PEP 3118 superset, and lays out one item.
//
// The struct syntax is accepted exactly as CPython accepts it: an optional
// byte-order prefix ('@', '=', '<', '>' or '!') as the very first
// character, then codes from "xcbB?hHiIlLqQnNefdFDspP" or the complex
// codes "Zf" and "Zd", each with an optional decimal repeat count, with
// ASCII whitespace allowed between (not inside) counted codes. 'F' and
// "Zf" are a complex of two floats (real part first), 'D' and "Zd" of two
// doubles: the struct module accepts 'F' and 'D' from Python 3.14 on and
// the PEP 3118 spellings from 3.15 (see [Format.StructableIn]). Under '@' (the default) fields get native sizes and are
// aligned to their natural alignment, but no padding is added after the
// last field; the other prefixes use standard sizes and no alignment, and
// refuse the native-only codes 'n', 'N' and 'P'. Size arithmetic that
// would overflow fails with "total struct size too long", as in CPython.
//
// On top of that, ParseFormat accepts the PEP 3118 extensions real
// exporters (ctypes, NumPy) produce, and marks such formats as not
// [Format.Structable]:
//
//   - byte-order prefixes after the start, e.g. "<i>h";
//   - nested structs "T{...}", laid out like C structs (aligned, with
//     trailing padding, when native);
//   - sub-array shapes "(2,3)i";
//   - field names after a code, "i:x:".
//
// Codes PEP 3118 defines but that this package cannot represent ('g' long
// double and its complex "Zg" (ctypes' 'G'), 'w'/'u' characters, 'O'
// objects, '&' pointers, 't' bits, ctypes' 'z') and the native-only codes
// under a
// standard order give an *Error that wraps [ErrUnsupported]. All errors
// are *Error of Kind StructError carrying struct's message, usually "bad
// char in struct format".
func ParseFormat(s string) (*Format, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return nil, newErr(StructError, msgNullInFmt)
	}
	p := parser{s: s}
	order := NativeOrder
	if len(s) > 0 && isOrder(s[0]) {
		order = ByteOrder(s[0])
		p.pos = 1
	}
	f, err := p.parseStruct(order, false)
	if err != nil {
		return nil, err
	}
	f.Str = s
	buildTree(f)
	return f, nil
}

type parser struct {
	s   string
	pos int
}

func isOrder(c byte) bool {
	return c == '@' || c == '=' || c == '<' || c == '>' || c == '!'
}

// isFmtSpace is Python's Py_ISSPACE for ASCII.
func isFmtSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func isFmtDigit(c byte) bool { return '0' <= c && c <= '9' }

func errBadChar() error { return newErr(StructError, msgBadChar) }

func errTooLong() error { return newErr(StructError, msgTooLong) }

func errUnsupportedCode() error {
	return &Error{Kind: StructError, Msg: msgBadChar, Err: ErrUnsupported}
}

// parseStruct parses fields up to the end of the string or, when nested,
// up to the closing '}', which it consumes.
func (p *parser) parseStruct(order ByteOrder, nested bool) (*Format, error) {
	f := &Format{Order: order, align: 1, structSince: Py311}
	for {
		if p.pos == len(p.s) {
			if nested {
				return nil, errBadChar()
			}
			return f, nil
		}
		c := p.s[p.pos]
		switch {
		case isFmtSpace(c):
			p.pos++
			continue
		case nested && c == '}':
			p.pos++
			// A nested struct is padded like a C struct, so that arrays
			// of it stay aligned.
			n, ok := alignUp(f.Size, f.align)
			if !ok {
				return nil, errTooLong()
			}
			f.Size = n
			return f, nil
		case isOrder(c):
			// Only PEP 3118 lets the order change after the start.
			order = ByteOrder(c)
			f.extended = true
			p.pos++
			continue
		}
		if err := p.parseField(f, &order); err != nil {
			return nil, err
		}
	}
}

// parseField parses one "[(shape)][order][count]code[:name:]" and appends
// it to f. An order after a shape (ctypes writes "(2,3)<i") stays in force
// for the fields that follow, as any order change does.
func (p *parser) parseField(f *Format, orderp *ByteOrder) error {
	fld := Field{Count: 1}
	elems := 1 // elements from the shape
	if p.s[p.pos] == '(' {
		f.extended = true
		shape, n, err := p.parseShape()
		if err != nil {
			return err
		}
		fld.Shape, elems = shape, n
		if isOrder(p.s[p.pos]) {
			*orderp = ByteOrder(p.s[p.pos])
			if p.pos++; p.pos == len(p.s) {
				return newErr(StructError, msgNoCode)
			}
		}
	}
	order := *orderp
	fld.Order = order
	if isFmtDigit(p.s[p.pos]) {
		n, err := p.parseCount()
		if err != nil {
			return err
		}
		fld.Count = n
	}
	c := p.s[p.pos]
	p.pos++
	since := Py311
	switch c {
	case 'F', 'D':
		since = Py314
	case 'Z':
		if c, since = p.parseComplex(); c == 0 {
			if p.pos < len(p.s) && p.s[p.pos] == 'g' {
				return errUnsupportedCode()
			}
			return errBadChar()
		}
		p.pos++
	}
	fld.Code = c
	var info codeInfo
	if c == 'T' && p.pos < len(p.s) && p.s[p.pos] == '{' {
		f.extended = true
		start := p.pos + 1
		p.pos = start
		sub, err := p.parseStruct(order, true)
		if err != nil {
			return err
		}
		sub.Str = p.s[start : p.pos-1]
		buildTree(sub)
		fld.Sub = sub
		info = codeInfo{size: sub.Size, align: sub.align}
		since = sub.structSince
	} else {
		var ok bool
		info, ok = lookupCode(c, order)
		if !ok {
			if c != 0 && strings.IndexByte(pep3118Unsupp, c) >= 0 ||
				c == 'n' || c == 'N' || c == 'P' {
				return errUnsupportedCode()
			}
			return errBadChar()
		}
	}
	if p.pos < len(p.s) && p.s[p.pos] == ':' {
		f.extended = true
		end := strings.IndexByte(p.s[p.pos+1:], ':')
		if end <= 0 {
			return errBadChar()
		}
		fld.Name = p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
	}
	fld.Size = info.size

	// Alignment and size arithmetic follow CPython's overflow checks.
	if order == NativeOrder && info.align > 1 {
		n, ok := alignUp(f.Size, info.align)
		if !ok {
			return errTooLong()
		}
		f.Size = n
		if info.align > f.align {
			f.align = info.align
		}
	}
	fld.Offset = f.Size
	num, ok := mulOK(fld.Count, elems)
	if !ok {
		return errTooLong()
	}
	if info.size > 0 && num > (math.MaxInt-f.Size)/info.size {
		return errTooLong()
	}
	f.Size += num * info.size

	var vals int
	switch c {
	case 'x':
	case 's', 'p':
		vals = elems
	case 'T':
		vals, ok = mulOK(num, fld.Sub.nvalues)
	default:
		vals = num
	}
	if !ok || vals > math.MaxInt-f.nvalues {
		return errTooLong()
	}
	f.nvalues += vals
	f.structSince = max(f.structSince, since)
	f.Fields = append(f.Fields, fld)
	return nil
}

// parseComplex reads the letter after a 'Z' at p.pos, without consuming
// it, and returns the complex struct code it makes ("Zf" 'F', "Zd" 'D')
// and the release whose struct module first accepts that spelling, or 0.
func (p *parser) parseComplex() (byte, PyVersion) {
	if p.pos == len(p.s) {
		return 0, 0
	}
	return complexCode(p.s[p.pos]), Py315
}

// parseCount parses a repeat count; the string must go on with a code.
func (p *parser) parseCount() (int, error) {
	n := 0
	for p.pos < len(p.s) && isFmtDigit(p.s[p.pos]) {
		d := int(p.s[p.pos] - '0')
		if n > (math.MaxInt-d)/10 {
			return 0, errTooLong()
		}
		n = n*10 + d
		p.pos++
	}
	if p.pos == len(p.s) {
		return 0, newErr(StructError, msgNoCode)
	}
	return n, nil
}

// parseShape parses "(d0,d1,...)" and returns the shape and its product.
func (p *parser) parseShape() ([]int, int, error) {
	p.pos++ // '('
	var shape []int
	prod := 1
	for {
		for p.pos < len(p.s) && isFmtSpace(p.s[p.pos]) {
			p.pos++
		}
		if p.pos == len(p.s) || !isFmtDigit(p.s[p.pos]) {
			return nil, 0, errBadChar()
		}
		n := 0
		for p.pos < len(p.s) && isFmtDigit(p.s[p.pos]) {
			d := int(p.s[p.pos] - '0')
			if n > (math.MaxInt-d)/10 {
				return nil, 0, errTooLong()
			}
			n = n*10 + d
			p.pos++
		}
		var ok bool
		if prod, ok = mulOK(prod, n); !ok {
			return nil, 0, errTooLong()
		}
		shape = append(shape, n)
		for p.pos < len(p.s) && isFmtSpace(p.s[p.pos]) {
			p.pos++
		}
		if p.pos == len(p.s) {
			return nil, 0, errBadChar()
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case ')':
			p.pos++
			if p.pos == len(p.s) {
				return nil, 0, newErr(StructError, msgNoCode)
			}
			return shape, prod, nil
		default:
			return nil, 0, errBadChar()
		}
	}
}

// alignUp rounds n up to a multiple of a, reporting false on overflow.
func alignUp(n, a int) (int, bool) {
	if a <= 1 || n == 0 {
		return n, true
	}
	extra := (a - 1) - (n-1)%a
	if extra > math.MaxInt-n {
		return 0, false
	}
	return n + extra, true
}

// mulOK returns a*b for non-negative a, b, reporting false on overflow.
func mulOK(a, b int) (int, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	if a > math.MaxInt/b {
		return 0, false
	}
	return a * b, true
}
