package gomv

import (
	"cmp"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The vectors are written by tools/gen_struct_vectors.py from CPython's
// struct module; see that script for the encoding of values.
type structVectors struct {
	Python     string         `json:"python"`
	Byteorder  string         `json:"byteorder"`
	SizeofLong int            `json:"sizeof_long"`
	SizeofPtr  int            `json:"sizeof_ptr"`
	Cases      []structVector `json:"cases"`
}

type structVector struct {
	Fmt     string       `json:"fmt"`
	Error   *vectorError `json:"error"`
	Size    int          `json:"size"`
	NValues *int         `json:"nvalues"`
	Items   []struct {
		Bytes  string   `json:"bytes"`
		Values []string `json:"values"`
		Packed string   `json:"packed"`
	} `json:"items"`
	Pack []struct {
		Values []string     `json:"values"`
		Packed *string      `json:"packed"`
		Error  *vectorError `json:"error"`
	} `json:"pack"`
}

type vectorError struct {
	Kind string `json:"kind"`
	Msg  string `json:"msg"`
}

// encodeValue renders v the way the generator renders Python objects.
func encodeValue(v Value) string {
	switch v.Kind() {
	case IntValue:
		return "i:" + strconv.FormatInt(v.Int(), 10)
	case UintValue:
		return "i:" + strconv.FormatUint(v.Uint(), 10)
	case FloatValue:
		return fmt.Sprintf("f:%016x", math.Float64bits(v.Float()))
	case BoolValue:
		if v.Bool() {
			return "b:1"
		}
		return "b:0"
	case BytesValue:
		return "y:" + hex.EncodeToString(v.Bytes())
	}
	return "invalid"
}

// decodeValue turns a generator value into the Value a binding would
// build from the same Python object.
func decodeValue(t *testing.T, s string) Value {
	t.Helper()
	tag, body, _ := strings.Cut(s, ":")
	switch tag {
	case "i":
		if n, err := strconv.ParseInt(body, 10, 64); err == nil {
			return Int(n)
		}
		n, err := strconv.ParseUint(body, 10, 64)
		if err != nil {
			t.Fatalf("bad int %q", s)
		}
		return Uint(n)
	case "f":
		bits, err := strconv.ParseUint(body, 16, 64)
		if err != nil {
			t.Fatalf("bad float %q", s)
		}
		return Float(math.Float64frombits(bits))
	case "b":
		return Bool(body == "1")
	case "y":
		b, err := hex.DecodeString(body)
		if err != nil {
			t.Fatalf("bad bytes %q", s)
		}
		return Bytes(b)
	}
	t.Fatalf("bad value %q", s)
	return Value{}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkVectorError(t *testing.T, what string, err error, want *vectorError) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok {
		t.Errorf("%s: error %v, want %s %q", what, err, want.Kind, want.Msg)
		return
	}
	if e.Kind.String() != want.Kind || e.Msg != want.Msg {
		t.Errorf("%s: error %s %q, want %s %q", what, e.Kind, e.Msg, want.Kind, want.Msg)
	}
}

func TestStructVectors(t *testing.T) {
	data, err := os.ReadFile("testdata/struct_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vec structVectors
	if err := json.Unmarshal(data, &vec); err != nil {
		t.Fatal(err)
	}
	if vec.Byteorder != map[bool]string{false: "little", true: "big"}[nativeBig] ||
		vec.SizeofLong != longSize || vec.SizeofPtr != ptrSize || runtime.GOOS == "windows" {
		t.Skipf("vectors were made on another platform (%s-endian, long %d, pointer %d)",
			vec.Byteorder, vec.SizeofLong, vec.SizeofPtr)
	}
	if len(vec.Cases) < 500 {
		t.Fatalf("only %d vectors", len(vec.Cases))
	}
	var major, minor int
	if _, err := fmt.Sscanf(vec.Python, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("python version %q: %v", vec.Python, err)
	}
	py := PythonVersion(major, minor)
	for _, c := range vec.Cases {
		f, err := ParseFormat(c.Fmt)
		if c.Error != nil {
			if err == nil && !f.StructableIn(py) {
				continue // a PEP 3118 extension, or a code newer than py
			}
			checkVectorError(t, fmt.Sprintf("ParseFormat(%q)", c.Fmt), err, c.Error)
			continue
		}
		if err != nil {
			t.Errorf("ParseFormat(%q): %v", c.Fmt, err)
			continue
		}
		if f.Itemsize() != c.Size {
			t.Errorf("%q: Itemsize %d, want %d", c.Fmt, f.Itemsize(), c.Size)
		}
		if !f.StructableIn(py) {
			t.Errorf("%q: not Structable in %v", c.Fmt, py)
		}
		if c.NValues != nil && f.NumValues() != *c.NValues {
			t.Errorf("%q: NumValues %d, want %d", c.Fmt, f.NumValues(), *c.NValues)
		}
		for _, it := range c.Items {
			vals, err := f.Unpack(mustHex(t, it.Bytes))
			if err != nil {
				t.Errorf("%q: Unpack(%s): %v", c.Fmt, it.Bytes, err)
				continue
			}
			got := make([]string, len(vals))
			for i, v := range vals {
				got[i] = encodeValue(v)
			}
			if strings.Join(got, ",") != strings.Join(it.Values, ",") {
				t.Errorf("%q: Unpack(%s) = %v, want %v", c.Fmt, it.Bytes, got, it.Values)
			}
			in := make([]Value, len(it.Values))
			for i, s := range it.Values {
				in[i] = decodeValue(t, s)
			}
			dst := make([]byte, f.Size)
			for i := range dst {
				dst[i] = 0xa5 // Pack must overwrite padding too
			}
			if err := f.PackIn(dst, in, py); err != nil {
				t.Errorf("%q: Pack(%v): %v", c.Fmt, it.Values, err)
			} else if want := cmp.Or(it.Packed, it.Bytes); hex.EncodeToString(dst) != want {
				t.Errorf("%q: Pack(%v) = %x, want %s", c.Fmt, it.Values, dst, want)
			}
		}
		for _, pc := range c.Pack {
			in := make([]Value, len(pc.Values))
			for i, s := range pc.Values {
				in[i] = decodeValue(t, s)
			}
			dst := make([]byte, f.Size)
			err := f.PackIn(dst, in, py)
			what := fmt.Sprintf("%q: Pack(%v)", c.Fmt, pc.Values)
			switch {
			case pc.Error != nil:
				checkVectorError(t, what, err, pc.Error)
			case err != nil:
				t.Errorf("%s: %v", what, err)
			case hex.EncodeToString(dst) != *pc.Packed:
				t.Errorf("%s = %x, want %s", what, dst, *pc.Packed)
			}
		}
	}
}
