package gomv

import (
	"bytes"
	"errors"
	"testing"
)

func FuzzParseFormat(f *testing.F) {
	for _, s := range []string{"", "B", "<hxI3s", "bi", "T{<i:x:<i:y:}", "(2,3)<i", "3p?e", "!qQdf",
		"@cbB?hHiIlLqQnNefdsPp", "bT{bq}b", "9223372036854775807x", "Zd", "i:x:"} {
		f.Add(s, []byte("\x00\x01\x02\x03\x7f\x80\xfe\xff\x55\xaa\x7c\x01\x7f\x80\x00\x01"))
	}
	f.Fuzz(func(t *testing.T, s string, data []byte) {
		fm, err := ParseFormat(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind != StructError {
				t.Fatalf("ParseFormat(%q) error %#v", s, err)
			}
			return
		}
		again, err := ParseFormat(fm.String())
		if err != nil || again.Size != fm.Size || again.NumValues() != fm.NumValues() ||
			again.Structable() != fm.Structable() {
			t.Fatalf("ParseFormat(%q) does not round-trip: %v", s, err)
		}
		checkLayout(t, fm)
		if fm.Size > 1<<12 || fm.NumValues() > 1<<12 {
			return
		}
		b := make([]byte, fm.Size)
		for i := range b {
			if len(data) > 0 {
				b[i] = data[i%len(data)]
			}
		}
		vals, err := fm.Unpack(b)
		if err != nil || len(vals) != fm.NumValues() {
			t.Fatalf("%q: Unpack: %d values, %v", s, len(vals), err)
		}
		packed := make([]byte, fm.Size)
		if err := fm.Pack(packed, vals); err != nil {
			t.Fatalf("%q: Pack(Unpack): %v", s, err)
		}
		vals2, _ := fm.Unpack(packed)
		for i := range vals {
			if encodeValue(vals[i]) != encodeValue(vals2[i]) {
				t.Fatalf("%q: value %d: %s then %s", s, i, encodeValue(vals[i]), encodeValue(vals2[i]))
			}
		}
		repacked := make([]byte, fm.Size)
		if err := fm.Pack(repacked, vals2); err != nil || !bytes.Equal(packed, repacked) {
			t.Fatalf("%q: packing is not stable: %x then %x (%v)", s, packed, repacked, err)
		}
	})
}

// checkLayout checks that fields lie in order inside the item.
func checkLayout(t *testing.T, f *Format) {
	t.Helper()
	end := 0
	for _, fld := range f.Fields {
		if fld.Offset < end {
			t.Fatalf("%q: field %c at %d overlaps the previous one ending at %d", f.Str, fld.Code, fld.Offset, end)
		}
		n := fld.elems() * fld.Size
		if fld.Code == 's' || fld.Code == 'p' {
			n = fld.strings() * fld.Count
		}
		end = fld.Offset + n
		if fld.Sub != nil {
			if fld.Sub.Size != fld.Size {
				t.Fatalf("%q: T size %d, sub size %d", f.Str, fld.Size, fld.Sub.Size)
			}
			checkLayout(t, fld.Sub)
		}
	}
	if end > f.Size {
		t.Fatalf("%q: fields end at %d beyond itemsize %d", f.Str, end, f.Size)
	}
}
