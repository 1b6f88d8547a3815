package gomv

import (
	"encoding/hex"
	"math"
	"testing"
)

// Expectations from CPython 3.15's struct module and memoryview (3.14's
// struct for 'F' and 'D' agrees), on x86-64 Linux.

func sameComplex(a, b complex128) bool {
	return math.Float64bits(real(a)) == math.Float64bits(real(b)) &&
		math.Float64bits(imag(a)) == math.Float64bits(imag(b))
}

func TestComplexPack(t *testing.T) {
	negZero := math.Copysign(0, -1)
	tests := []struct {
		fmt  string
		vals []Value
		want string
	}{
		{"F", []Value{Complex(1 + 2i)}, "0000803f00000040"},
		{"F", []Value{Int(3)}, "0000404000000000"},
		{"F", []Value{Float(2.5)}, "0000204000000000"},
		{"F", []Value{Bool(true)}, "0000803f00000000"},
		{"F", []Value{Complex(complex(1e300, -1e300))}, "0000807f000080ff"},
		{"F", []Value{Complex(complex(math.NaN(), math.Inf(-1)))}, "0000c07f000080ff"},
		{"D", []Value{Complex(complex(negZero, 5e-324))}, "00000000000000800100000000000000"},
		{"D", []Value{Uint(math.MaxUint64)}, "000000000000f0430000000000000000"},
		{"<F", []Value{Complex(1 + 2i)}, "0000803f00000040"},
		{">F", []Value{Complex(1 + 2i)}, "3f80000040000000"},
		{"!D", []Value{Complex(1.5 - 2i)}, "3ff8000000000000c000000000000000"},
		{"=D", []Value{Int(-1)}, "000000000000f0bf0000000000000000"},
		// Unlike '<f', a standard-size complex rounds to infinity.
		{"<F", []Value{Complex(complex(1, 1e300))}, "0000803f0000807f"},
		{"Zf", []Value{Complex(0.1 + 0.2i)}, "cdcccc3dcdcc4c3e"},
		{"@Zd", []Value{Complex(0.1 + 0.2i)}, "9a9999999999b93f9a9999999999c93f"},
		{">Zd", []Value{Complex(1 - 1i)}, "3ff0000000000000bff0000000000000"},
		{"bZd", []Value{Int(1), Complex(2i)}, "010000000000000000000000000000000000000000000040"},
		{"2Zf", []Value{Complex(1i), Complex(complex(negZero, -1))}, "000000000000803f00000080000080bf"},
		{"<bF?", []Value{Int(-1), Complex(1i), Complex(0)}, "ff000000000000803f00"},
		{"?", []Value{Complex(complex(0, negZero))}, "00"},
		{"?", []Value{Complex(1i)}, "01"},
	}
	if nativeBig {
		t.Skip("expectations are for little-endian hosts")
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.fmt)
		if err != nil {
			t.Fatal(err)
		}
		dst := make([]byte, f.Itemsize())
		if err := f.Pack(dst, tt.vals); err != nil {
			t.Errorf("%q.Pack(%v): %v", tt.fmt, tt.vals, err)
			continue
		}
		if got := hex.EncodeToString(dst); got != tt.want {
			t.Errorf("%q.Pack(%v) = %s, want %s", tt.fmt, tt.vals, got, tt.want)
		}
		// Unpacking gives the values back, as complex.
		got, err := f.Unpack(dst)
		if err != nil || len(got) != len(tt.vals) {
			t.Fatalf("%q.Unpack: %v %v", tt.fmt, got, err)
		}
		for i, v := range got {
			if fc := f.Fields[min(i, len(f.Fields)-1)].Code; (fc == 'F' || fc == 'D') != (v.Kind() == ComplexValue) {
				t.Errorf("%q value %d: kind %v", tt.fmt, i, v.Kind())
			}
		}
	}
}

func TestComplexUnpack(t *testing.T) {
	tests := []struct {
		fmt, data string
		want      []complex128 // bit for bit
	}{
		{"F", "0000803f00000040", []complex128{1 + 2i}},
		{">F", "3f80000040000000", []complex128{1 + 2i}},
		{"D", "000000000000f87f0000000000000080", []complex128{complex(math.Float64frombits(0x7ff8000000000000), math.Copysign(0, -1))}},
		// A float32 NaN keeps its payload's high bits and becomes quiet.
		{"<Zf", "0100807f000080ff", []complex128{complex(math.Float64frombits(0x7ff8000020000000), math.Inf(-1))}},
	}
	if nativeBig {
		t.Skip("expectations are for little-endian hosts")
	}
	for _, tt := range tests {
		f, _ := ParseFormat(tt.fmt)
		vals, err := f.Unpack(mustHex(t, tt.data))
		if err != nil || len(vals) != len(tt.want) {
			t.Fatalf("%q.Unpack(%s) = %v, %v", tt.fmt, tt.data, vals, err)
		}
		for i, v := range vals {
			if v.Kind() != ComplexValue || !sameComplex(v.Complex(), tt.want[i]) {
				t.Errorf("%q.Unpack(%s)[%d] = %v, want %v", tt.fmt, tt.data, i, v.Complex(), tt.want[i])
			}
		}
	}
}

func TestComplexPackErrors(t *testing.T) {
	for _, tt := range []struct {
		fmt  string
		v    Value
		kind Kind
		msg  string
	}{
		{"F", Bytes([]byte("x")), StructError, "required argument is not a complex"},
		{"<D", Value{}, StructError, "required argument is not a complex"},
		{"d", Complex(1i), StructError, "required argument is not a float"},
		{"e", Complex(1i), StructError, "required argument is not a float"},
		{"i", Complex(1i), StructError, "required argument is not an integer"},
		{"c", Complex(1i), StructError, "char format requires a bytes object of length 1"},
		{"s", Complex(1i), StructError, "argument for 's' must be a bytes object"},
		// Outside the host's byte order (little-endian here), 'F' checks
		// for overflow as 'f' does.
		{">F", Complex(1e300i), OverflowError, "float too large to pack with f format"},
		{"!Zf", Float(-1e300), OverflowError, "float too large to pack with f format"},
	} {
		if nativeBig {
			t.Skip("expectations are for little-endian hosts")
		}
		f, _ := ParseFormat(tt.fmt)
		err := f.Pack(make([]byte, f.Itemsize()), []Value{tt.v})
		if e, ok := err.(*Error); !ok || e.Kind != tt.kind || e.Msg != tt.msg {
			t.Errorf("%q.Pack(%v) = %v, want %v %q", tt.fmt, tt.v, err, tt.kind, tt.msg)
		}
	}
}

// memoryview item assignment for "Zf" and "Zd" (Python 3.15).
func TestComplexPackNative(t *testing.T) {
	for _, tt := range []struct {
		code byte
		v    Value
		want string // hex, or the error
	}{
		{'F', Complex(1 + 2i), "0000803f00000040"},
		{'F', Int(3), "0000404000000000"},
		{'F', Float(2.5), "0000204000000000"},
		{'F', Bool(true), "0000803f00000000"},
		{'F', Uint(1 << 63), "0000005f00000000"},
		{'F', Complex(complex(1e300, 1)), "0000807f0000803f"},
		{'F', Bytes([]byte("x")), "TypeError: memoryview: invalid type for format 'Zf'"},
		{'D', Value{}, "TypeError: memoryview: invalid type for format 'Zd'"},
		{'D', Complex(complex(1, 1e300)), "000000000000f03f9c7500883ce4377e"},
		{'d', Complex(1i), "TypeError: memoryview: invalid type for format 'd'"},
		{'q', Complex(1i), "TypeError: memoryview: invalid type for format 'q'"},
		{'?', Complex(1i), "01"},
		{'?', Complex(0), "00"},
	} {
		n, _ := LookupNative(tt.code)
		dst := make([]byte, n.Size)
		var got string
		if err := PackNative(tt.code, dst, tt.v); err != nil {
			k, _ := KindOf(err)
			got = k.String() + ": " + err.Error()
		} else {
			got = hex.EncodeToString(dst)
		}
		if got != tt.want {
			t.Errorf("PackNative(%q, %v) = %s, want %s", tt.code, tt.v, got, tt.want)
		}
	}
}

func TestComplexValueEqual(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		x, y Value
		want bool
	}{
		{Complex(1 + 2i), Complex(1 + 2i), true},
		{Complex(1 + 2i), Complex(1 + 3i), false},
		{Complex(2), Float(2), true},
		{Complex(2), Int(2), true},
		{Complex(2), Uint(2), true},
		{Complex(1), Bool(true), true},
		{Complex(0), Bool(false), true},
		{Complex(2 + 1i), Int(2), false},
		{Complex(complex(math.Copysign(0, -1), 0)), Float(0), true},
		{Complex(complex(0, math.Copysign(0, -1))), Int(0), true},
		{Complex(complex(1<<53+1, 0)), Int(1<<53 + 1), false}, // the real part rounded
		{Complex(complex(nan, 0)), Complex(complex(nan, 0)), false},
		{Complex(0), Bytes([]byte{0}), false},
		{Complex(0), Value{}, false},
	} {
		if got := ValueEqual(tt.x, tt.y); got != tt.want {
			t.Errorf("ValueEqual(%v, %v) = %v", tt.x.Complex(), tt.y, got)
		}
		if got := ValueEqual(tt.y, tt.x); got != tt.want {
			t.Errorf("ValueEqual(%v, %v) = %v (swapped)", tt.y, tt.x.Complex(), got)
		}
	}
	if Float(1.5).Complex() != 1.5 {
		t.Error("Float(1.5).Complex()")
	}
}

// Views of complex items compare by value, as 3.15's memoryview does:
// "Zd" == "d" == "<D" where the values are equal, NaN unequal to itself.
func TestComplexViewsEqual(t *testing.T) {
	mk := func(format string, vals ...Value) *View {
		f, err := ParseFormat(format)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, f.Itemsize()*len(vals))
		for i, v := range vals {
			if err := f.Pack(buf[i*f.Itemsize():], []Value{v}); err != nil {
				t.Fatal(err)
			}
		}
		v, err := NewView(buf, format)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	zd := mk("Zd", Complex(1), Complex(2.5), Complex(3), Complex(0))
	for _, tt := range []struct {
		other *View
		want  bool
	}{
		{mk("d", Float(1), Float(2.5), Float(3), Float(0)), true},
		{mk("<d", Float(1), Float(2.5), Float(3), Float(0)), true},
		{mk("Zf", Complex(1), Complex(2.5), Complex(3), Complex(0)), true},
		{mk("<D", Complex(1), Complex(2.5), Complex(3), Complex(0)), true},
		{mk("Zd", Complex(1), Complex(2.5), Complex(3), Complex(0)), true},
		{mk("Zd", Complex(1), Complex(2.5), Complex(3), Complex(1i)), false},
		{mk("q", Int(1), Int(2), Int(3), Int(0)), false},
		{mk("?", Bool(true), Bool(true), Bool(true), Bool(false)), false},
	} {
		if got, err := Equal(zd, tt.other); err != nil || got != tt.want {
			t.Errorf("Zd == %q: %v, %v; want %v", tt.other.Format.Str, got, err, tt.want)
		}
	}
	nan := mk("Zf", Complex(complex(math.NaN(), 0)))
	if eq, _ := Equal(nan, nan); eq {
		t.Error("a complex NaN equals itself")
	}
	if eq, _ := Equal(mk("Zd", Complex(complex(0, math.Copysign(0, -1)))), mk("Zd", Complex(0))); !eq {
		t.Error("-0j != 0j")
	}
}

func TestComplexToList(t *testing.T) {
	buf := make([]byte, 16)
	v, _ := NewView(buf, "Zf")
	if err := v.SetItem(Complex(1-2i), 1); err != nil {
		t.Fatal(err)
	}
	l, err := v.ToList()
	if err != nil {
		t.Fatal(err)
	}
	if got := l.([]any); len(got) != 2 || got[0] != complex128(0) || got[1] != complex128(1-2i) {
		t.Errorf("ToList = %v", got)
	}
	x, err := v.Item(1)
	if err != nil || x.Complex() != 1-2i {
		t.Errorf("Item(1) = %v, %v", x, err)
	}
	if err := v.SetItem(Bytes([]byte("x")), 0); err == nil || err.Error() != "memoryview: invalid type for format 'Zf'" {
		t.Errorf("SetItem(bytes) = %v", err)
	}
}

func TestValueKindString(t *testing.T) {
	for k, want := range map[ValueKind]string{InvalidValue: "Invalid", IntValue: "Int", ComplexValue: "Complex",
		BytesValue: "Bytes", 99: "ValueKind(?)"} {
		if k.String() != want {
			t.Errorf("%d: %q", k, k.String())
		}
	}
}
