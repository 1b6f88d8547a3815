package gomv

import (
	"encoding/binary"
	"fmt"
	"testing"
)

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
	checkErr(t, "<hh", err, TypeError, `gomv: items of format "<hh" hold 2 values, not one`)
	err = v.SetItem(Int(1), 0)
	checkErr(t, "<hh", err, TypeError, `gomv: items of format "<hh" hold 2 values, not one`)
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
