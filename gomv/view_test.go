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

func TestAddrErrors(t *testing.T) {
	c := cube(t)
	one, _ := NewView(seq(4), "B")
	zero, _ := NewViewLayout(seq(1), 0, "B", CLayout(1))
	for _, tc := range []struct {
		v    *View
		idx  []int
		kind Kind
		msg  string
	}{
		{c, []int{2, 0, 0}, IndexError, "index out of bounds on dimension 1"},
		{c, []int{0, 3, 0}, IndexError, "index out of bounds on dimension 2"},
		{c, []int{-3, 0, 0}, IndexError, "index out of bounds on dimension 1"},
		{c, []int{0, 0, -5}, IndexError, "index out of bounds on dimension 3"},
		{c, []int{0, 0, 0, 0}, TypeError, "cannot index 3-dimension view with 4-element tuple"},
		{c, []int{0}, NotImplementedError, "multi-dimensional sub-views are not implemented"},
		{c, []int{0, 0}, NotImplementedError, "sub-views are not implemented"},
		{c, nil, NotImplementedError, "sub-views are not implemented"},
		{one, []int{4}, IndexError, "index out of bounds on dimension 1"},
		{one, []int{-5}, IndexError, "index out of bounds on dimension 1"},
		{one, []int{0, 0}, TypeError, "cannot index 1-dimension view with 2-element tuple"},
		{zero, []int{0}, TypeError, "invalid indexing of 0-dim memory"},
	} {
		_, _, err := tc.v.Addr(tc.idx...)
		checkErr(t, fmt.Sprint(tc.idx), err, tc.kind, tc.msg)
		_, err = tc.v.Item(tc.idx...)
		checkErr(t, fmt.Sprint(tc.idx), err, tc.kind, tc.msg)
		_, err = tc.v.Items(tc.idx...)
		checkErr(t, fmt.Sprint(tc.idx), err, tc.kind, tc.msg)
		err = tc.v.SetItem(Uint(0), tc.idx...)
		checkErr(t, fmt.Sprint(tc.idx), err, tc.kind, tc.msg)
		err = tc.v.SetItems([]Value{Uint(0)}, tc.idx...)
		checkErr(t, fmt.Sprint(tc.idx), err, tc.kind, tc.msg)
	}
	if x, err := zero.Item(); err != nil || x.Uint() != 0 {
		t.Errorf("scalar item: %v %v", x, err)
	}
}

func TestAddrNegative(t *testing.T) {
	for _, v := range []*View{cube(t), pilCube(t), deepCube(t)} {
		x, err := v.Item(-1, -2, -3)
		if err != nil || x.Uint() != 12+4+1 {
			t.Errorf("Item(-1,-2,-3) = %v, %v", x.Uint(), err)
		}
	}
}

func TestItemFormats(t *testing.T) {
	buf := []byte{0xff, 0xfe, 1, 2, 3, 4, 5, 6}
	for _, tc := range []struct {
		format string
		idx    int
		want   string
	}{
		{"b", 0, "-1"},
		{"B", 1, "254"},
		{"<h", 0, "-257"},
		{">H", 1, "258"},
		{"2s", 1, "[1 2]"},
		{"c", 2, "[1]"},
		{"<i", 1, "100992003"},
		{"@q", 0, fmt.Sprint(int64(binary.NativeEndian.Uint64(buf)))},
	} {
		v, err := NewView(buf, tc.format)
		if err != nil {
			t.Fatal(err)
		}
		x, err := v.Item(tc.idx)
		if err != nil {
			t.Errorf("%s: %v", tc.format, err)
			continue
		}
		var got string
		switch x.Kind() {
		case IntValue:
			got = fmt.Sprint(x.Int())
		case UintValue:
			got = fmt.Sprint(x.Uint())
		default:
			got = fmt.Sprint(x.Bytes())
		}
		if got != tc.want {
			t.Errorf("%s[%d] = %s, want %s", tc.format, tc.idx, got, tc.want)
		}
	}
	v, _ := NewView(buf, "<hh")
	_, err := v.Item(0)
	checkErr(t, "<hh", err, NotImplementedError, "memoryview: unsupported format <hh")
	err = v.SetItem(Int(1), 0)
	checkErr(t, "<hh", err, NotImplementedError, "memoryview: unsupported format <hh")
	vals, err := v.Items(1)
	if err != nil || len(vals) != 2 || vals[0].Int() != 0x0403 || vals[1].Int() != 0x0605 {
		t.Errorf("Items = %v, %v", vals, err)
	}
	b, err := v.ItemBytes(1)
	if err != nil || len(b) != 4 || cap(b) != 4 || &b[0] != &buf[4] {
		t.Errorf("ItemBytes: %v %v", b, err)
	}
}

func TestSetItem(t *testing.T) {
	buf := make([]byte, 8)
	v, _ := NewView(buf, "<H")
	if err := v.SetItem(Uint(0x0102), -1); err != nil {
		t.Fatal(err)
	}
	if err := v.SetItems([]Value{Uint(7)}, 0); err != nil {
		t.Fatal(err)
	}
	if buf[6] != 2 || buf[7] != 1 || buf[0] != 7 {
		t.Errorf("buf %v", buf)
	}
	n, _ := NewView(buf, "B")
	if err := n.SetItem(Uint(9), 1); err != nil || buf[1] != 9 {
		t.Errorf("native SetItem: %v %v", err, buf)
	}
	err := n.SetItem(Int(300), 1)
	checkErr(t, "range", err, ValueError, "memoryview: invalid value for format 'B'")
	d := deepCube(t)
	if err := d.SetItem(Uint(99), 1, 2, 3); err != nil {
		t.Fatal(err)
	}
	if x, _ := d.Item(1, 2, 3); x.Uint() != 99 {
		t.Errorf("indirect SetItem: %v", x.Uint())
	}
	v.Readonly = true
	checkErr(t, "ro", v.SetItem(Uint(1), 0), TypeError, "cannot modify read-only memory")
	checkErr(t, "ro", v.SetItems([]Value{Uint(1)}, 0), TypeError, "cannot modify read-only memory")
}
