package gomv

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
)

func p(i int) *int { return &i }

// listString renders the items of a single-value view as Python's
// tolist() would print them, without spaces.
func listString(t *testing.T, v *View) string {
	t.Helper()
	var sb strings.Builder
	idx := make([]int, len(v.Shape))
	var walk func(d int)
	walk = func(d int) {
		if d == len(v.Shape) {
			x, err := v.Item(idx...)
			if err != nil {
				t.Fatalf("Item(%v): %v", idx, err)
			}
			switch x.Kind() {
			case IntValue:
				fmt.Fprint(&sb, x.Int())
			case UintValue:
				fmt.Fprint(&sb, x.Uint())
			case FloatValue:
				fmt.Fprint(&sb, x.Float())
			default:
				fmt.Fprintf(&sb, "%v", x)
			}
			return
		}
		sb.WriteByte('[')
		for i := 0; i < v.Shape[d]; i++ {
			if i > 0 {
				sb.WriteByte(',')
			}
			idx[d] = i
			walk(d + 1)
		}
		sb.WriteByte(']')
	}
	walk(0)
	return sb.String()
}

func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// cube returns a 2x3x4 view of the bytes 0..23 in C order.
func cube(t *testing.T) *View {
	t.Helper()
	v, err := NewViewLayout(seq(24), 0, "B", CLayout(1, 2, 3, 4))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// pilCube returns the same 2x3x4 items as cube, laid out as
// _testbuffer.ndarray(..., flags=ND_PIL) lays them out: Mem holds one
// pointer per plane, and pointers are little-endian offsets into a separate
// data block. Deref fails the test if asked to follow any dimension but 0.
func pilCube(t *testing.T) *View {
	t.Helper()
	data := seq(24)
	ptrs := make([]byte, 2*ptrSize)
	for i := 0; i < 2; i++ {
		binary.LittleEndian.PutUint64(ptrs[i*ptrSize:], uint64(i*12))
	}
	l := Layout{Itemsize: 1, Shape: []int{2, 3, 4}, Strides: []int{ptrSize, 4, 1}, Suboffsets: []int{0, -1, -1}}
	v, err := NewViewLayout(ptrs, 0, "B", l)
	if err != nil {
		t.Fatal(err)
	}
	v.Deref = func(ptr []byte, dim int) ([]byte, int) {
		if dim != 0 {
			t.Fatalf("Deref called for dimension %d", dim)
		}
		return data, int(binary.LittleEndian.Uint64(ptr))
	}
	return v
}

// deepCube returns the same items with two levels of pointers: Mem holds
// one pointer per plane, to a table of one pointer per row, to the row's 4
// bytes. Tables and rows live in one heap; Deref checks that each
// dimension's pointers lead where that dimension's should.
func deepCube(t *testing.T) *View {
	t.Helper()
	const tables = 2 * 3 * ptrSize
	heap := make([]byte, tables+24)
	copy(heap[tables:], seq(24))
	top := make([]byte, 2*ptrSize)
	for i := 0; i < 2; i++ {
		binary.LittleEndian.PutUint64(top[i*ptrSize:], uint64(i*3*ptrSize))
		for j := 0; j < 3; j++ {
			binary.LittleEndian.PutUint64(heap[(i*3+j)*ptrSize:], uint64(tables+i*12+j*4))
		}
	}
	l := Layout{Itemsize: 1, Shape: []int{2, 3, 4}, Strides: []int{ptrSize, ptrSize, 1}, Suboffsets: []int{0, 0, -1}}
	v, err := NewViewLayout(top, 0, "B", l)
	if err != nil {
		t.Fatal(err)
	}
	v.Deref = func(ptr []byte, dim int) ([]byte, int) {
		off := int(binary.LittleEndian.Uint64(ptr))
		if (dim == 0) != (off < tables) || dim > 1 {
			t.Fatalf("Deref(%d) for dimension %d", off, dim)
		}
		return heap, off
	}
	return v
}

const cubeList = "[[[0,1,2,3],[4,5,6,7],[8,9,10,11]],[[12,13,14,15],[16,17,18,19],[20,21,22,23]]]"

func TestFixtures(t *testing.T) {
	for name, v := range map[string]*View{"cube": cube(t), "pil": pilCube(t), "deep": deepCube(t)} {
		if got := listString(t, v); got != cubeList {
			t.Errorf("%s: %s", name, got)
		}
	}
}

func TestNewView(t *testing.T) {
	buf := []byte{1, 0, 2, 0, 3, 0}
	v, err := NewView(buf, "<H")
	if err != nil {
		t.Fatal(err)
	}
	if v.Ndim() != 1 || v.Shape[0] != 3 || v.Strides[0] != 2 || v.Readonly || !v.IsCContiguous() {
		t.Fatalf("NewView: %+v", v.Layout)
	}
	if got := listString(t, v); got != "[1,2,3]" {
		t.Errorf("items %s", got)
	}
	if &v.Mem[0] != &buf[0] {
		t.Error("NewView copied its buffer")
	}
	for _, tc := range []struct {
		buf    []byte
		format string
		kind   Kind
		msg    string
	}{
		{buf, "i", TypeError, "memoryview: length is not a multiple of itemsize"},
		{buf, "0B", ValueError, "itemsize must not be zero"},
	} {
		_, err := NewView(tc.buf, tc.format)
		checkErr(t, tc.format, err, tc.kind, tc.msg)
	}
	if _, err := NewView(buf, "!!"); err == nil {
		t.Error("bad format accepted")
	}
}

func TestNewViewLayout(t *testing.T) {
	v, err := NewViewLayout(seq(8), 6, "<h", Layout{Shape: []int{4}, Strides: []int{-2}})
	if err != nil {
		t.Fatal(err)
	}
	if v.Itemsize != 2 || listString(t, v) != "[1798,1284,770,256]" {
		t.Errorf("got %+v %s", v.Layout, listString(t, v))
	}
	s, err := NewViewLayout(seq(4), 0, "i", Layout{})
	if err != nil || s.Ndim() != 0 || s.Shape == nil {
		t.Errorf("scalar: %v %+v", err, s)
	}
	_, err = NewViewLayout(seq(8), 0, "i", CLayout(2, 4))
	checkErr(t, "itemsize", err, ValueError, `itemsize 2 does not match format "i" (itemsize 4)`)
	_, err = NewViewLayout(seq(8), 0, "<h", CLayout(2, 5))
	checkErr(t, "short", err, ValueError, "invalid combination of buffer, shape and strides")
	if _, err := NewViewLayout(seq(8), 0, "(", CLayout(2, 5)); err == nil {
		t.Error("bad format accepted")
	}
}
