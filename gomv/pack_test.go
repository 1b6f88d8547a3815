package gomv

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"testing"
)

func TestUnpackNative(t *testing.T) {
	buf := []byte{0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8}
	tests := []struct {
		code byte
		want string
	}{
		{'b', "i:-1"}, {'B', "i:255"}, {'?', "b:1"}, {'c', "y:ff"},
		{'h', "i:-257"}, {'H', "i:65279"},
		{'i', "i:-50462977"}, {'I', "i:4244504319"},
		{'q', "i:-506097522914230529"}, {'Q', "i:17940646550795321087"},
		{'l', "i:-506097522914230529"}, {'L', "i:17940646550795321087"},
		{'n', "i:-506097522914230529"}, {'N', "i:17940646550795321087"},
		{'P', "i:17940646550795321087"},
		{'e', "f:fff8000000000000"},
		{'f', "f:c79fbfdfe0000000"},
		{'d', "f:f8f9fafbfcfdfeff"},
	}
	if nativeBig || longSize != 8 || ptrSize != 8 {
		t.Skip("expectations are for 64-bit little-endian Unix")
	}
	for _, tt := range tests {
		if got := encodeValue(UnpackNative(tt.code, buf)); got != tt.want {
			t.Errorf("UnpackNative(%q) = %s, want %s", tt.code, got, tt.want)
		}
	}
	if v := UnpackNative('x', buf); v.Kind() != InvalidValue {
		t.Errorf("UnpackNative('x') = %v", v)
	}
	if v := UnpackNative('c', buf); &v.Bytes()[0] != &buf[0] {
		t.Error("'c' copied its byte")
	}
}

func TestValueKinds(t *testing.T) {
	kinds := map[byte]ValueKind{
		'b': IntValue, 'h': IntValue, 'i': IntValue, 'l': IntValue, 'q': IntValue, 'n': IntValue,
		'B': UintValue, 'H': UintValue, 'I': UintValue, 'L': UintValue, 'Q': UintValue,
		'N': UintValue, 'P': UintValue, 'e': FloatValue, 'f': FloatValue, 'd': FloatValue,
		'?': BoolValue, 'c': BytesValue, 's': BytesValue, 'p': BytesValue,
	}
	for code, k := range kinds {
		f, err := ParseFormat(string(code))
		if err != nil {
			t.Fatal(err)
		}
		vals, err := f.Unpack(make([]byte, 8))
		if err != nil || len(vals) != 1 || vals[0].Kind() != k {
			t.Errorf("%q unpacks to %v, %v; want kind %v", code, vals, err, k)
		}
	}
}

func TestPackNative(t *testing.T) {
	const (
		ok      = ""
		invType = "TypeError"
		invVal  = "ValueError"
	)
	nan := math.NaN()
	tests := []struct {
		code byte
		v    Value
		kind string
		want string // hex of the element when ok
	}{
		{'B', Int(255), ok, "ff"},
		{'B', Uint(255), ok, "ff"},
		{'B', Bool(true), ok, "01"},
		{'B', Int(256), invVal, ""},
		{'B', Int(-1), invVal, ""},
		{'B', Uint(1 << 63), invVal, ""},
		{'B', Float(1), invType, ""},
		{'B', Bytes([]byte("a")), invType, ""},
		{'B', Value{}, invType, ""},
		{'b', Int(-128), ok, "80"},
		{'b', Int(-129), invVal, ""},
		{'b', Uint(128), invVal, ""},
		{'h', Int(-32768), ok, "0080"},
		{'H', Int(65536), invVal, ""},
		{'q', Int(math.MinInt64), ok, "0000000000000080"},
		{'q', Uint(1 << 63), invVal, ""},
		{'Q', Uint(math.MaxUint64), ok, "ffffffffffffffff"},
		{'Q', Int(-1), invVal, ""},
		{'N', Int(-1), invVal, ""},
		{'n', Uint(1 << 63), invVal, ""},
		{'P', Int(-1), ok, "ffffffffffffffff"},
		{'P', Int(math.MinInt64), ok, "0000000000000080"},
		{'P', Uint(5), ok, "0500000000000000"},
		{'c', Bytes([]byte("a")), ok, "61"},
		{'c', Bytes([]byte("ab")), invVal, ""},
		{'c', Bytes(nil), invVal, ""},
		{'c', Int(1), invType, ""},
		{'?', Int(2), ok, "01"},
		{'?', Float(nan), ok, "01"},
		{'?', Float(0), ok, "00"},
		{'?', Bytes(nil), ok, "00"},
		{'?', Bytes([]byte{0}), ok, "01"},
		{'?', Value{}, ok, "00"},
		{'f', Int(1), ok, "0000803f"},
		{'f', Bool(true), ok, "0000803f"},
		{'f', Float(1e300), ok, "0000807f"},
		{'f', Float(-1e300), ok, "000080ff"},
		{'f', Float(math.Float64frombits(0x7ff4000020000000)), ok, "0100e07f"},
		{'f', Bytes([]byte("x")), invType, ""},
		{'d', Uint(math.MaxUint64), ok, "000000000000f043"},
		{'d', Int(-1), ok, "000000000000f0bf"},
		{'e', Int(1), ok, "003c"},
		{'e', Int(65504), ok, "ff7b"},
		{'e', Int(65520), invVal, ""},
		{'e', Float(65519.99), ok, "ff7b"},
		{'e', Float(1e300), invVal, ""},
		{'e', Float(math.Inf(-1)), ok, "00fc"},
		{'e', Float(nan), ok, "007e"},
		{'e', Float(1e-8), ok, "0000"},
		{'e', Bytes(nil), invType, ""},
	}
	if nativeBig || ptrSize != 8 {
		t.Skip("expectations are for 64-bit little-endian")
	}
	for _, tt := range tests {
		dst := make([]byte, 8)
		err := PackNative(tt.code, dst, tt.v)
		if tt.kind == ok {
			if err != nil {
				t.Errorf("PackNative(%q, %v): %v", tt.code, tt.v, err)
			} else if got := hex.EncodeToString(dst[:len(tt.want)/2]); got != tt.want {
				t.Errorf("PackNative(%q, %v) wrote %s, want %s", tt.code, tt.v, got, tt.want)
			}
			continue
		}
		var e *Error
		what := "value"
		if tt.kind == invType {
			what = "type"
		}
		msg := "memoryview: invalid " + what + " for format '" + string(tt.code) + "'"
		if !errors.As(err, &e) || e.Kind.String() != tt.kind || e.Msg != msg {
			t.Errorf("PackNative(%q, %v) = %v, want %s %q", tt.code, tt.v, err, tt.kind, msg)
		}
		if !bytes.Equal(dst, make([]byte, 8)) {
			t.Errorf("PackNative(%q, %v) wrote on error", tt.code, tt.v)
		}
	}
	for _, code := range []byte{'x', 's', 'p', 'Z', 'T'} {
		err := PackNative(code, make([]byte, 8), Int(0))
		if k, _ := KindOf(err); k != NotImplementedError || err.Error() != "memoryview: format "+string(code)+" not supported" {
			t.Errorf("PackNative(%q) = %v", code, err)
		}
	}
}

func TestNativeNoAlloc(t *testing.T) {
	buf := make([]byte, 8)
	var sink Value
	buf = make([]byte, 16)
	for _, n := range NativeCodes() {
		code := n.Code
		v := UnpackNative(code, []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
		allocs := testing.AllocsPerRun(100, func() {
			sink = UnpackNative(code, buf)
			if err := PackNative(code, buf, v); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%q: %v allocations", code, allocs)
		}
	}
	_ = sink
}

func TestUnpackPackStrings(t *testing.T) {
	tests := []struct {
		fmt    string
		in     string // hex
		values []string
		packed string
	}{
		{"3p", "ff6162", []string{"y:6162"}, "026162"},
		{"3p", "006162", []string{"y:"}, "000000"},
		{"1p", "03", []string{"y:"}, "00"},
		{"0p", "", []string{"y:"}, ""},
		{"5s", "6162000000", []string{"y:6162000000"}, "6162000000"},
		{"0s", "", []string{"y:"}, ""},
		{"?2x?", "02ffff00", []string{"b:1", "b:0"}, "01000000"},
		{"(2)2s", "61626364", []string{"y:6162", "y:6364"}, "61626364"},
		{"T{<h>h}", "01000001", []string{"i:1", "i:1"}, "01000001"},
		{"bT{bq}b", "01" + "00000000000000" + "02" + "00000000000000" + "0300000000000000" + "04",
			[]string{"i:1", "i:2", "i:3", "i:4"},
			"01" + "00000000000000" + "02" + "00000000000000" + "0300000000000000" + "04"},
		{"2T{b}", "0506", []string{"i:5", "i:6"}, "0506"},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.fmt)
		if err != nil {
			t.Fatal(err)
		}
		vals, err := f.Unpack(mustHex(t, tt.in))
		if err != nil {
			t.Errorf("%q: %v", tt.fmt, err)
			continue
		}
		var got []string
		for _, v := range vals {
			got = append(got, encodeValue(v))
		}
		if len(got) != len(tt.values) || (len(got) > 0 && hex.EncodeToString([]byte(joinStr(got))) != hex.EncodeToString([]byte(joinStr(tt.values)))) {
			t.Errorf("%q: Unpack = %v, want %v", tt.fmt, got, tt.values)
		}
		dst := bytes.Repeat([]byte{0xa5}, f.Size)
		if err := f.Pack(dst, vals); err != nil || hex.EncodeToString(dst) != tt.packed {
			t.Errorf("%q: Pack = %x, %v; want %s", tt.fmt, dst, err, tt.packed)
		}
	}
	// 'p' keeps at most 255 in its length byte but copies all that fits.
	f, _ := ParseFormat("300p")
	dst := make([]byte, 300)
	if err := f.Pack(dst, []Value{Bytes(bytes.Repeat([]byte("a"), 400))}); err != nil ||
		dst[0] != 255 || dst[299] != 'a' {
		t.Errorf("300p: %v %x", err, dst[:4])
	}
}

func joinStr(s []string) string {
	var b bytes.Buffer
	for _, x := range s {
		b.WriteString(x)
		b.WriteByte(',')
	}
	return b.String()
}

func TestPackErrors(t *testing.T) {
	tests := []struct {
		fmt  string
		vals []Value
		n    int // buffer size; -1 for Itemsize
		kind Kind
		msg  string
	}{
		{"ii", []Value{Int(1)}, -1, StructError, "pack expected 2 items for packing (got 1)"},
		{"i", []Value{Int(1)}, 2, StructError, "pack_into requires a buffer of at least 4 bytes for packing 4 bytes at offset 0 (actual buffer size is 2)"},
		{"h", []Value{Int(40000)}, -1, StructError, "'h' format requires -32768 <= number <= 32767"},
		{"<L", []Value{Int(-1)}, -1, StructError, "'L' format requires 0 <= number <= 4294967295"},
		{"Q", []Value{Int(-1)}, -1, StructError, "'Q' format requires 0 <= number <= 18446744073709551615"},
		{"i", []Value{Float(1)}, -1, StructError, "required argument is not an integer"},
		{"d", []Value{Bytes(nil)}, -1, StructError, "required argument is not a float"},
		{"c", []Value{Bytes(nil)}, -1, StructError, "char format requires a bytes object of length 1"},
		{"s", []Value{Int(1)}, -1, StructError, "argument for 's' must be a bytes object"},
		{"p", []Value{Int(1)}, -1, StructError, "argument for 'p' must be a bytes object"},
		{"e", []Value{Float(1e10)}, -1, OverflowError, "float too large to pack with e format"},
		{"e", []Value{Int(70000)}, -1, StructError, "int too large to convert"},
		{"<f", []Value{Float(1e300)}, -1, OverflowError, "float too large to pack with f format"},
		{"T{bb}", []Value{Int(1), Int(1000)}, -1, StructError, "'b' format requires -128 <= number <= 127"},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.fmt)
		if err != nil {
			t.Fatal(err)
		}
		n := tt.n
		if n < 0 {
			n = f.Size
		}
		dst := make([]byte, n)
		err = f.Pack(dst, tt.vals)
		var e *Error
		if !errors.As(err, &e) || e.Kind != tt.kind || e.Msg != tt.msg {
			t.Errorf("%q.Pack(%v) = %v, want %v %q", tt.fmt, tt.vals, err, tt.kind, tt.msg)
		}
		if !bytes.Equal(dst, make([]byte, n)) {
			t.Errorf("%q.Pack wrote on error", tt.fmt)
		}
	}
	// Native '@f' rounds to infinity up to Python 3.13, and refuses from
	// 3.14 on.
	f, _ := ParseFormat("f")
	dst := make([]byte, 4)
	if err := f.PackIn(dst, []Value{Float(1e300)}, 0x030D); err != nil || !bytes.Equal(dst, []byte{0, 0, 0x80, 0x7f}) {
		t.Errorf("3.13: %v %x", err, dst)
	}
	err := f.PackIn(dst, []Value{Float(1e300)}, Py314)
	if k, _ := KindOf(err); k != OverflowError || err.Error() != "float too large to pack with f format" {
		t.Errorf("3.14: %v", err)
	}
	// P out of range is only reachable where pointers are 32-bit.
	if checkStruct('P', NativeOrder, 4, Uint(1<<40), NewestPython) == nil {
		t.Error("32-bit P took a 40-bit value")
	}
}

func TestUnpackShort(t *testing.T) {
	f, _ := ParseFormat("i")
	_, err := f.Unpack([]byte{0, 0})
	want := "unpack_from requires a buffer of at least 4 bytes for unpacking 4 bytes at offset 0 (actual buffer size is 2)"
	if k, _ := KindOf(err); k != StructError || err.Error() != want {
		t.Errorf("Unpack short = %v", err)
	}
}

func TestAppendUnpackReuses(t *testing.T) {
	f, _ := ParseFormat("<hH")
	vals := make([]Value, 0, 8)
	b := []byte{1, 0, 2, 0}
	allocs := testing.AllocsPerRun(100, func() {
		vals, _ = f.AppendUnpack(vals[:0], b)
	})
	if allocs != 0 || len(vals) != 2 || vals[0].Int() != 1 || vals[1].Uint() != 2 {
		t.Errorf("AppendUnpack: %v allocs, %v", allocs, vals)
	}
}

func TestPutGetUintSizes(t *testing.T) {
	for _, size := range []int{1, 2, 4, 8} {
		for _, big := range []bool{false, true} {
			b := make([]byte, 8)
			putUint(b, size, big, 0x0102030405060708)
			want := uint64(0x0102030405060708) & (1<<(8*uint(size)) - 1)
			if size == 8 {
				want = 0x0102030405060708
			}
			if got := getUint(b, size, big); got != want {
				t.Errorf("size %d big %v: %#x", size, big, got)
			}
		}
	}
}
