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
// in a form float() reads back exactly, nan and inf as bare names, complex
// numbers as complex(re, im), bytes as b'...'), and read back from a typed
// list "i:-1,u:2,f:0x1p-1,b:1,y:6869,z:1.5:-0x1p3" (int, unsigned, float
// in any strconv form, bool, bytes as hex, complex as real:imaginary).
package pycore

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/cpython"
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

// Structable reports whether the newest Python's struct module accepts
// the format.
func Structable(format string) bool {
	f, err := gomv.ParseFormat(format)
	return err == nil && f.Structable()
}

// StructableIn reports whether the struct module of Python major.minor
// accepts the format.
func StructableIn(format string, major, minor int) bool {
	f, err := gomv.ParseFormat(format)
	return err == nil && f.StructableIn(gomv.PythonVersion(major, minor))
}

// Native returns the struct code of a format the newest memoryview handles
// natively ('F' and 'D' for "Zf" and "Zd"), "" when it cannot index it.
func Native(format string) string {
	return NativeIn(format, int(gomv.NewestPython>>8), int(gomv.NewestPython&0xff))
}

// NativeIn is Native as the memoryview of Python major.minor sees it.
func NativeIn(format string, major, minor int) string {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return ""
	}
	if c, ok := f.NativeIn(gomv.PythonVersion(major, minor)); ok {
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

// Pack is struct.pack(format, *values).hex() in the newest Python, values
// written as the typed list described in the package comment.
func Pack(format, values string) (string, error) {
	return PackIn(format, values, int(gomv.NewestPython>>8), int(gomv.NewestPython&0xff))
}

// PackIn is Pack as the struct module of Python major.minor packs.
func PackIn(format, values string, major, minor int) (string, error) {
	f, err := gomv.ParseFormat(format)
	if err != nil {
		return "", err
	}
	vals, err := parseValues(values)
	if err != nil {
		return "", err
	}
	dst := make([]byte, f.Itemsize())
	if err := f.PackIn(dst, vals, gomv.PythonVersion(major, minor)); err != nil {
		return "", err
	}
	return hex.EncodeToString(dst), nil
}

// Contiguous reports whether a layout given as comma-separated shape and
// strides is contiguous in order 'C', 'F' or 'A' as memoryview's
// c_contiguous, f_contiguous and contiguous attributes say.
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
	return cpython.Contiguous(l, gomv.Order(order[0])), nil
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
		writeFloat(sb, v.Float())
	case gomv.ComplexValue:
		z := v.Complex()
		sb.WriteString("complex(")
		writeFloat(sb, real(z))
		sb.WriteString(", ")
		writeFloat(sb, imag(z))
		sb.WriteByte(')')
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

// writeFloat writes x as a float literal; NaN keeps its sign (-nan).
func writeFloat(sb *strings.Builder, x float64) {
	switch {
	case math.IsNaN(x):
		if math.Signbit(x) {
			sb.WriteByte('-')
		}
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
}

// parseFloat reads a float in any strconv form. Go's NaN has a payload
// bit set; float('nan') is the quiet NaN without one, and that is what
// struct.pack writes, so a NaN read here is that one (with its sign).
func parseFloat(text string) (float64, error) {
	if body, neg := strings.CutPrefix(text, "-"); strings.EqualFold(body, "nan") {
		bits := uint64(0x7ff8000000000000)
		if neg {
			bits |= 1 << 63
		}
		return math.Float64frombits(bits), nil
	}
	return strconv.ParseFloat(text, 64)
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
			x, err = parseFloat(text)
			v = gomv.Float(x)
		case "z":
			re, im, ok := strings.Cut(text, ":")
			if !ok {
				return nil, fmt.Errorf("bad complex %q", text)
			}
			var x, y float64
			if x, err = parseFloat(re); err == nil {
				y, err = parseFloat(im)
			}
			v = gomv.Complex(complex(x, y))
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

// NdResult runs an N-D operation of gomv.ndview's core on a C-contiguous
// view of the bytes 0, 1, 2, ... (mod 256) of the given shape (comma
// separated), after applying keys, and describes the result for
// comparison with numpy: "shape|strides|tolist" (comma-separated ints, the
// list as nested [a,b]) or "Kind|message" for an error.
//
// keys is a ';'-separated list: "i:N" an integer, "s:START,STOP,STEP" a
// slice (empty parts omitted), "e" Ellipsis, "n" numpy.newaxis. op is a
// '/'-separated list of operations applied in turn, each "T" (transpose),
// "t:AXES" (transpose(axes)) or "r:SHAPE" (reshape); "" for none.
func NdResult(shape, keys, op string) string {
	sh, err := parseInts(shape)
	if err != nil {
		return "ValueError|" + err.Error()
	}
	l := gomv.CLayout(1, sh...)
	mem := make([]byte, l.Len())
	for i := range mem {
		mem[i] = byte(i)
	}
	v, err := gomv.NewViewLayout(mem, 0, "B", l)
	if err != nil {
		return errResult(err)
	}
	ks, err := parseKeys(keys)
	if err != nil {
		return "ValueError|" + err.Error()
	}
	if v, err = v.Key(ks...); err != nil {
		return errResult(err)
	}
	for _, o := range strings.Split(op, "/") {
		switch {
		case o == "T":
			v, err = v.T()
		case strings.HasPrefix(o, "t:"):
			var axes []int
			if axes, err = parseInts(o[2:]); err == nil {
				v, err = v.Transpose(axes...)
			}
		case strings.HasPrefix(o, "r:"):
			var ns []int
			if ns, err = parseInts(o[2:]); err == nil {
				v, err = v.Reshape(ns...)
			}
		}
		if err != nil {
			return errResult(err)
		}
	}
	list, err := v.ToList()
	if err != nil {
		return errResult(err)
	}
	return joinInts(v.Shape) + "|" + joinInts(v.Strides) + "|" + strings.ReplaceAll(fmt.Sprint(list), " ", ",")
}

func errResult(err error) string {
	k, _ := gomv.KindOf(err)
	return k.String() + "|" + err.Error()
}

func joinInts(s []int) string {
	parts := make([]string, len(s))
	for i, n := range s {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

func parseKeys(s string) ([]gomv.Key, error) {
	var keys []gomv.Key
	if s == "" {
		return keys, nil
	}
	for _, tok := range strings.Split(s, ";") {
		kind, body, _ := strings.Cut(tok, ":")
		switch kind {
		case "i":
			n, err := strconv.Atoi(body)
			if err != nil {
				return nil, err
			}
			keys = append(keys, gomv.IntKey(n))
		case "s":
			parts := strings.Split(body, ",")
			if len(parts) != 3 {
				return nil, fmt.Errorf("bad slice %q", body)
			}
			var b [3]*int
			for i, p := range parts {
				if p == "" {
					continue
				}
				n, err := strconv.Atoi(p)
				if err != nil {
					return nil, err
				}
				b[i] = &n
			}
			keys = append(keys, gomv.SliceKey(b[0], b[1], b[2]))
		case "e":
			keys = append(keys, gomv.Ellipsis)
		case "n":
			keys = append(keys, gomv.NewAxis)
		default:
			return nil, fmt.Errorf("bad key %q", tok)
		}
	}
	return keys, nil
}

// UnpackItem is the item tree of the bytes (hex) in format, rendered as a
// Python literal (tuples for records, lists for sub-arrays), like Unpack.
func UnpackItem(format, data string) (string, error) {
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
	item, err := f.UnpackItem(b)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	writeItem(&sb, item)
	return sb.String(), nil
}

func writeItem(sb *strings.Builder, x any) {
	switch x := x.(type) {
	case gomv.Record:
		sb.WriteByte('(')
		for i, e := range x {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeItem(sb, e)
		}
		if len(x) == 1 {
			sb.WriteByte(',')
		}
		sb.WriteByte(')')
	case []any:
		sb.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeItem(sb, e)
		}
		sb.WriteByte(']')
	default:
		v, _ := gomv.ValueOf(x)
		writeLiteral(sb, v)
	}
}
