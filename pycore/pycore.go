// Package pycore is the part of the gomv core that gopy binds for Python.
//
// gopy turns every exported function here into a Python function of the
// gomv.core.pycore module. Arguments and results are kept to strings, ints,
// bools and errors on purpose: gopy's []byte handles have crash bugs (see
// the project notes), so bytes cross as hex text and values as text too.
// The test suite uses these bindings to check the core against CPython's
// struct module and layouts; users of gomv never need them.
//
// Values are written as Python literals (a tuple, ints in decimal, floats
// in a form float() reads back exactly, nan and inf as bare names, bytes as
// b'...'), and read back from a typed list "i:-1,u:2,f:0x1p-1,b:1,y:6869"
// (int, unsigned, float in any strconv form, bool, bytes as hex).
package pycore

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gomv/gomv/gomv"
)

// Version is the version of the Go core.
func Version() string { return "0.1.0" }

// Calcsize is struct.calcsize.
func Calcsize(format string) (int, error) {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return 0, err
	}
	return f.Itemsize(), nil
}

// Structable reports whether Python's struct module accepts the format.
func Structable(format string) bool {
	f, err := gomv.ParseFormat(format)
	return err == nil && f.Structable()
}

// Native returns the native single-character code of a format, as
// memoryview sees it ("" when memoryview cannot index the format).
func Native(format string) string {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return ""
	}
	if c, ok := f.Native(); ok {
		return string(c)
	}
	return ""
}

// Unpack is struct.unpack(format, bytes.fromhex(data)), rendered as a
// Python tuple literal.
func Unpack(format, data string) (string, error) {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return "", err
	}
	b, err := hex.DecodeString(data)
	if err != nil {
		return "", err
	}
	if len(b) != f.Itemsize() {
		return "", fmt.Errorf("unpack requires a buffer of %d bytes", f.Itemsize())
	}
	vals, err := f.Unpack(b)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteByte('(')
	for i, v := range vals {
		if i > 0 {
			sb.WriteString(", ")
		}
		writeLiteral(&sb, v)
	}
	if len(vals) == 1 {
		sb.WriteByte(',')
	}
	sb.WriteByte(')')
	return sb.String(), nil
}

// Pack is struct.pack(format, *values).hex(), values written as the typed
// list described in the package comment.
func Pack(format, values string) (string, error) {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return "", err
	}
	vals, err := parseValues(values)
	if err != nil {
		return "", err
	}
	dst := make([]byte, f.Itemsize())
	if err := f.Pack(dst, vals); err != nil {
		return "", err
	}
	return hex.EncodeToString(dst), nil
}

// Contiguous reports whether a layout given as comma-separated shape and
// strides is contiguous in order 'C', 'F' or 'A' (PyBuffer_IsContiguous).
func Contiguous(itemsize int, shape, strides string, order string) (bool, error) {
	sh, err := parseInts(shape)
	if err != nil {
		return false, err
	}
	st, err := parseInts(strides)
	if err != nil {
		return false, err
	}
	if len(sh) != len(st) || len(order) != 1 {
		return false, fmt.Errorf("shape, strides and order do not fit")
	}
	l := gomv.Layout{Itemsize: itemsize, Shape: sh, Strides: st}
	return l.IsContiguous(order[0]), nil
}

func writeLiteral(sb *strings.Builder, v gomv.Value) {
	switch v.Kind() {
	case gomv.IntValue:
		sb.WriteString(strconv.FormatInt(v.Int(), 10))
	case gomv.UintValue:
		sb.WriteString(strconv.FormatUint(v.Uint(), 10))
	case gomv.BoolValue:
		if v.Bool() {
			sb.WriteString("True")
		} else {
			sb.WriteString("False")
		}
	case gomv.FloatValue:
		x := v.Float()
		switch {
		case math.IsNaN(x):
			sb.WriteString("nan")
		case math.IsInf(x, 1):
			sb.WriteString("inf")
		case math.IsInf(x, -1):
			sb.WriteString("-inf")
		default:
			s := strconv.FormatFloat(x, 'g', -1, 64)
			if !strings.ContainsAny(s, ".e") {
				s += ".0"
			}
			sb.WriteString(s)
		}
	case gomv.BytesValue:
		sb.WriteString("b'")
		for _, c := range v.Bytes() {
			fmt.Fprintf(sb, "\\x%02x", c)
		}
		sb.WriteByte('\'')
	default:
		sb.WriteString("None")
	}
}

func parseValues(s string) ([]gomv.Value, error) {
	if s == "" {
		return nil, nil
	}
	var vals []gomv.Value
	for _, tok := range strings.Split(s, ",") {
		kind, text, ok := strings.Cut(tok, ":")
		if !ok {
			return nil, fmt.Errorf("bad value %q", tok)
		}
		var v gomv.Value
		var err error
		switch kind {
		case "i":
			var x int64
			x, err = strconv.ParseInt(text, 10, 64)
			v = gomv.Int(x)
		case "u":
			var x uint64
			x, err = strconv.ParseUint(text, 10, 64)
			v = gomv.Uint(x)
		case "f":
			var x float64
			x, err = strconv.ParseFloat(text, 64)
			if math.IsNaN(x) {
				// Go's NaN has a payload bit set; float('nan') is the quiet
				// NaN without one, and that is what struct.pack writes.
				x = math.Float64frombits(0x7ff8000000000000 | math.Float64bits(x)&(1<<63))
			}
			v = gomv.Float(x)
		case "b":
			v = gomv.Bool(text != "0" && text != "")
		case "y":
			var b []byte
			b, err = hex.DecodeString(text)
			v = gomv.Bytes(b)
		default:
			err = fmt.Errorf("bad value kind %q", kind)
		}
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, nil
}

func parseInts(s string) ([]int, error) {
	if s == "" {
		return []int{}, nil
	}
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}
