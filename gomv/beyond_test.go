package gomv

import (
	"errors"
	"testing"
)

func TestBeyondInt64(t *testing.T) {
	tests := []struct {
		format string
		neg    bool
		want   string
	}{
		{"Q", false, "'Q' format requires 0 <= number <= 18446744073709551615"},
		{"<Q", false, "'Q' format requires 0 <= number <= 18446744073709551615"},
		{"q", true, "'q' format requires -9223372036854775808 <= number <= 9223372036854775807"},
		{"b", true, "'b' format requires -128 <= number <= 127"},
		{"B", true, "'B' format requires 0 <= number <= 255"},
		{">h", false, "'h' format requires -32768 <= number <= 32767"},
		{"P", false, "int too large to convert"},
		{"P", true, "int too large to convert"},
		{"d", false, "required argument is not a float"},
		{"Zd", true, "required argument is not a complex"},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.format)
		if err != nil {
			t.Fatal(err)
		}
		err = f.Pack(make([]byte, f.Size), []Value{BeyondInt64(tt.neg)})
		var e *Error
		if !errors.As(err, &e) || e.Kind != StructError || e.Msg != tt.want {
			t.Errorf("Pack(%q, BeyondInt64(%v)) = %v, want struct.error %q", tt.format, tt.neg, err, tt.want)
		}
	}
	if err := PackNative('Q', make([]byte, 8), BeyondInt64(false)); err == nil {
		t.Error("PackNative('Q') accepted BeyondInt64")
	}
	if ValueEqual(BeyondInt64(false), Uint(1<<64-1)) || ValueEqual(BeyondInt64(true), BeyondInt64(true)) {
		t.Error("BeyondInt64 compared equal")
	}
	if BeyondInt64(true).Int() != -1<<63 || BeyondInt64(false).Uint() != 1<<64-1 {
		t.Error("BeyondInt64's bounds")
	}
}
