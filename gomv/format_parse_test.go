package gomv

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseFormatLayout(t *testing.T) {
	tests := []struct {
		fmt        string
		size       int
		nvalues    int
		structable bool
		offsets    []int
	}{
		{"", 0, 0, true, nil},
		{"<", 0, 0, true, nil},
		{"B", 1, 1, true, []int{0}},
		{"bi", 8, 2, true, []int{0, 4}},
		{"<bi", 5, 2, true, []int{0, 1}},
		{"ib", 5, 2, true, []int{0, 4}}, // no trailing padding
		{"b0i", 4, 1, true, []int{0, 4}},
		{"3s2p", 5, 2, true, []int{0, 3}},
		{"3x", 3, 0, true, []int{0}},
		{" i \t2h", 8, 3, true, []int{0, 4}},
		{"!hq", 10, 2, true, []int{0, 2}},
		// PEP 3118 extensions, as ctypes and NumPy write them.
		{"T{<i:x:<i:y:}", 8, 2, false, []int{0}},
		{"T{<c:a:<d:b:<h:c:T{<i:x:<i:y:}:p:(3)<h:arr:}", 25, 8, false, []int{0}},
		{"(2,3)<i", 24, 6, false, []int{0}},
		{"(2)3s", 6, 2, false, []int{0}},
		{"(2, 3)2i", 48, 12, false, []int{0}},
		{"<i>h", 6, 2, false, []int{0, 4}},
		{"bT{bq}", 24, 3, false, []int{0, 8}},
		{"bT{bq}b", 25, 4, false, []int{0, 8, 24}},
		{"2T{b}x", 3, 2, false, []int{0, 2}},
		{"T{}", 0, 0, false, []int{0}},
		{"d:val:", 8, 1, false, []int{0}},
		// Complex codes: two floats or doubles, aligned as one.
		{"F", 8, 1, true, []int{0}},
		{"D", 16, 1, true, []int{0}},
		{"Zf", 8, 1, true, []int{0}},
		{"@Zd", 16, 1, true, []int{0}},
		{"bF", 12, 2, true, []int{0, 4}},
		{"bD", 24, 2, true, []int{0, 8}},
		{"b2Zd", 40, 3, true, []int{0, 8}},
		{"<bD", 17, 2, true, []int{0, 1}},
		{"!Zfb", 9, 2, true, []int{0, 8}},
		{"T{bZd}b", 25, 3, false, []int{0, 24}},
		{"(2)Zf", 16, 2, false, []int{0}},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.fmt)
		if err != nil {
			t.Errorf("ParseFormat(%q): %v", tt.fmt, err)
			continue
		}
		var offs []int
		for _, fld := range f.Fields {
			offs = append(offs, fld.Offset)
		}
		if f.Itemsize() != tt.size || f.NumValues() != tt.nvalues ||
			f.Structable() != tt.structable || !reflect.DeepEqual(offs, tt.offsets) ||
			f.String() != tt.fmt {
			t.Errorf("ParseFormat(%q) = size %d, %d values, structable %v, offsets %v; want %d, %d, %v, %v",
				tt.fmt, f.Itemsize(), f.NumValues(), f.Structable(), offs,
				tt.size, tt.nvalues, tt.structable, tt.offsets)
		}
	}
}

// The struct module accepts 'F' and 'D' from 3.14, "Zf" and "Zd" from
// 3.15 (checked on 3.11-3.15).
func TestStructableIn(t *testing.T) {
	for _, tt := range []struct {
		fmt   string
		since PyVersion // 0: never
	}{
		{"", Py311}, {"bhd", Py311}, {"e", Py311},
		{"F", Py314}, {"<D", Py314}, {"iF", Py314}, {"2D", Py314},
		{"Zf", Py315}, {"=Zd", Py315}, {"FZd", Py315}, {"ZfD", Py315},
		{"T{F}", 0}, {"(2)Zd", 0}, {"<i>D", 0},
	} {
		f, err := ParseFormat(tt.fmt)
		if err != nil {
			t.Fatal(err)
		}
		for _, py := range []PyVersion{Py311, Py312, 0x030D, Py314, Py315} {
			if got, want := f.StructableIn(py), tt.since != 0 && py >= tt.since; got != want {
				t.Errorf("%q.StructableIn(%v) = %v, want %v", tt.fmt, py, got, want)
			}
		}
		if f.Structable() != (tt.since != 0) {
			t.Errorf("%q.Structable() = %v", tt.fmt, f.Structable())
		}
	}
	if v := PythonVersion(3, 12); v != Py312 || v.String() != "3.12" {
		t.Errorf("PythonVersion(3, 12) = %#x %q", uint16(v), v)
	}
}

// StructCodes lists exactly the codes lookupCode lays out.
func TestStructCodes(t *testing.T) {
	for c := 0; c < 256; c++ {
		_, std := lookupCode(byte(c), LittleEndian)
		_, native := lookupCode(byte(c), NativeOrder)
		if listed := strings.IndexByte(StructCodes, byte(c)) >= 0; listed != (std || native) {
			t.Errorf("%q: listed %v, laid out %v/%v", byte(c), listed, std, native)
		}
	}
}

func TestParseFormatFields(t *testing.T) {
	f, err := ParseFormat("T{<c:a:>d:b:}:rec:(2,3)h")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Fields) != 2 {
		t.Fatalf("fields %+v", f.Fields)
	}
	rec, arr := f.Fields[0], f.Fields[1]
	if rec.Code != 'T' || rec.Name != "rec" || rec.Sub == nil || rec.Sub.Str != "<c:a:>d:b:" ||
		rec.Size != 9 || rec.Order != NativeOrder {
		t.Errorf("T field %+v", rec)
	}
	sub := rec.Sub.Fields
	if sub[0].Name != "a" || sub[0].Order != LittleEndian || sub[1].Name != "b" ||
		sub[1].Order != BigEndian || sub[1].Offset != 1 {
		t.Errorf("sub fields %+v", sub)
	}
	if arr.Code != 'h' || !reflect.DeepEqual(arr.Shape, []int{2, 3}) || arr.Offset != 10 ||
		arr.Size != 2 || arr.Count != 1 {
		t.Errorf("array field %+v", arr)
	}
	if f.Size != 22 || f.NumValues() != 8 {
		t.Errorf("size %d values %d", f.Size, f.NumValues())
	}
}

func TestParseFormatErrors(t *testing.T) {
	huge := "9223372036854775807"
	tests := []struct {
		fmt         string
		msg         string
		unsupported bool
	}{
		{"3", msgNoCode, false},
		{"12", msgNoCode, false},
		{"3 ", msgBadChar, false},
		{"3 i", msgBadChar, false},
		{"y", msgBadChar, false},
		{"i%", msgBadChar, false},
		{"}", msgBadChar, false},
		{"\x1ci", msgBadChar, false},
		{"\xffi", msgBadChar, false},
		{"T", msgBadChar, false},
		{"\x00", msgNullInFmt, false},
		{"i\x00", msgNullInFmt, false},
		{"<n", msgBadChar, true},
		{"=N", msgBadChar, true},
		{">P", msgBadChar, true},
		{"Zg", msgBadChar, true},
		{"<G", msgBadChar, true},
		{"Z", msgBadChar, false},
		{"Zq", msgBadChar, false},
		{"Z2d", msgBadChar, false},
		{"Z d", msgBadChar, false},
		{"ZZd", msgBadChar, false},
		{"w", msgBadChar, true},
		{"u", msgBadChar, true},
		{"g", msgBadChar, true},
		{"O", msgBadChar, true},
		{"&i", msgBadChar, true},
		{"<z", msgBadChar, true},
		{"T{i", msgBadChar, false},
		{"T{3}", msgBadChar, false},
		{"T{Zg}", msgBadChar, true},
		{"(2,3", msgBadChar, false},
		{"(2,", msgBadChar, false},
		{"(2;3)i", msgBadChar, false},
		{"(x)i", msgBadChar, false},
		{"(2)", msgNoCode, false},
		{"i:x", msgBadChar, false},
		{"i::", msgBadChar, false},
		{"99999999999999999999i", msgTooLong, false},
		{huge + "s", "", false},
		{"9223372036854775808s", msgTooLong, false},
		{"9223372036854775806xi", msgTooLong, false},
		{"1152921504606846976q", msgTooLong, false},
		{"q9223372036854775800s", msgTooLong, false},
		{huge + "sb", msgTooLong, false},
		{"(" + huge + ",2)b", msgTooLong, false},
		{"(99999999999999999999)b", msgTooLong, false},
		{"(" + huge + ")0s" + "(" + huge + ")0s", msgTooLong, false},
		{huge + "T{d}", msgTooLong, false},
		{"T{" + huge + "xq}", msgTooLong, false},
		{"2T{(" + huge + ")0s}", msgTooLong, false},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.fmt)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("ParseFormat(%q): %v", tt.fmt, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ParseFormat(%q) = %+v, %v; want error %q", tt.fmt, f, err, tt.msg)
			continue
		}
		if e.Kind != StructError || e.Msg != tt.msg || errors.Is(err, ErrUnsupported) != tt.unsupported {
			t.Errorf("ParseFormat(%q) error %v %q (unsupported %v), want %q (unsupported %v)",
				tt.fmt, e.Kind, e.Msg, errors.Is(err, ErrUnsupported), tt.msg, tt.unsupported)
		}
	}
}

func TestNative(t *testing.T) {
	for _, n := range NativeCodes() {
		for _, s := range []string{n.Format, "@" + n.Format} {
			f, err := ParseFormat(s)
			if err != nil {
				t.Fatal(err)
			}
			if code, ok := f.Native(); !ok || code != n.Code {
				t.Errorf("%q.Native() = %q, %v", s, code, ok)
			}
			for _, py := range []PyVersion{Py311, Py312, Py314, Py315} {
				code, ok := f.NativeIn(py)
				if want := py >= n.Since; ok != want || ok && code != n.Code {
					t.Errorf("%q.NativeIn(%v) = %q, %v; want %v", s, py, code, ok, want)
				}
			}
		}
	}
	for _, s := range []string{"", "@", "=B", "<B", "1B", "BB", "2B", " B", "B ", "x", "s", "p", "T{B}", "(1)B",
		"F", "D", "@F", "<Zd", "=Zf", "2Zd", "ZfZf", "@@Zd"} {
		f, err := ParseFormat(s)
		if err != nil {
			t.Fatal(err)
		}
		if code, ok := f.Native(); ok {
			t.Errorf("%q.Native() = %q, true", s, code)
		}
	}
	if _, ok := nativeCode("\x00"); ok {
		t.Error("NUL is native")
	}
}

func TestZeroFormat(t *testing.T) {
	var f Format
	if f.Itemsize() != 0 || f.NumValues() != 0 || !f.Structable() {
		t.Error("zero Format is not the empty struct")
	}
	vals, err := f.Unpack(nil)
	if err != nil || len(vals) != 0 {
		t.Error(vals, err)
	}
	if err := f.Pack(nil, nil); err != nil {
		t.Error(err)
	}
}

func TestFormatStringRoundTrip(t *testing.T) {
	for _, s := range []string{"<2h x 3s", "T{i:a:}(2)d", ""} {
		f, _ := ParseFormat(s)
		g, err := ParseFormat(f.String())
		if err != nil || !strings.EqualFold(g.String(), s) || g.Size != f.Size {
			t.Errorf("round trip of %q: %v", s, err)
		}
	}
}
