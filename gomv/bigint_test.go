package gomv

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

func TestBigInt(t *testing.T) {
	huge := math.Ldexp(1, 70)
	tests := []struct {
		format string
		x      float64
		kind   Kind
		want   string // the error's message, or the bytes packed
	}{
		{"Q", huge, StructError, "'Q' format requires 0 <= number <= 18446744073709551615"},
		{"<Q", huge, StructError, "'Q' format requires 0 <= number <= 18446744073709551615"},
		{"q", -huge, StructError, "'q' format requires -9223372036854775808 <= number <= 9223372036854775807"},
		{"b", -huge, StructError, "'b' format requires -128 <= number <= 127"},
		{"B", -huge, StructError, "'B' format requires 0 <= number <= 255"},
		{">h", math.Inf(1), StructError, "'h' format requires -32768 <= number <= 32767"},
		{"P", huge, StructError, "int too large to convert"},
		{"P", -huge, StructError, "int too large to convert"},
		// struct.pack('e', 2**70): an int too large for the code.
		{"<e", huge, StructError, "int too large to convert"},
		{"<f", math.Ldexp(1, 200), StructError, "int too large to convert"},
		{"d", math.Inf(1), StructError, "required argument is not a float"},
		{"<d", huge, 0, string([]byte{0, 0, 0, 0, 0, 0, 0x50, 0x44})},
		{"<Zd", -huge, 0, string([]byte{0, 0, 0, 0, 0, 0, 0x50, 0xc4, 0, 0, 0, 0, 0, 0, 0, 0})},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.format)
		if err != nil {
			t.Fatal(err)
		}
		dst := make([]byte, f.Size)
		err = f.Pack(dst, []Value{BigInt(tt.x)})
		if tt.kind == 0 {
			if err != nil || !bytes.Equal(dst, []byte(tt.want)) {
				t.Errorf("Pack(%q, BigInt(%g)) = %x, %v; want %x", tt.format, tt.x, dst, err, tt.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Kind != tt.kind || e.Msg != tt.want {
			t.Errorf("Pack(%q, BigInt(%g)) = %v, want %v %q", tt.format, tt.x, err, tt.kind, tt.want)
		}
	}
	if err := PackNative('Q', make([]byte, 8), BigInt(huge)); err == nil {
		t.Error("PackNative('Q') accepted BigInt")
	}
	if ValueEqual(BigInt(huge), Uint(1<<64-1)) || ValueEqual(BigInt(huge), Float(huge)) {
		t.Error("BigInt compared equal")
	}
	if BigInt(-huge).Int() != -1<<63 || BigInt(huge).Uint() != 1<<64-1 {
		t.Error("BigInt's bounds")
	}
}
