package gomv

import (
	"math"
	"reflect"
	"testing"
)

func TestCountIndex(t *testing.T) {
	b := mustView(t, "0102030201", "B")
	for _, tc := range []struct {
		x     any
		count int
		index []int
	}{
		// As memoryview.count/index (3.14) give them for b'\x01\x02\x03\x02\x01'.
		{2, 2, []int{1}}, {2.0, 2, []int{1}}, {true, 2, []int{0}}, {Uint(3), 1, []int{2}},
		{complex(2, 0), 2, []int{1}}, {9, 0, nil}, {[]byte{2}, 0, nil}, {Record{2}, 0, nil}, {"2", 0, nil},
	} {
		if n := b.Count(tc.x); n != tc.count {
			t.Errorf("Count(%#v) = %d, want %d", tc.x, n, tc.count)
		}
		idx, ok := b.Index(tc.x)
		if ok != (tc.index != nil) || !reflect.DeepEqual(idx, tc.index) {
			t.Errorf("Index(%#v) = %v, %v; want %v", tc.x, idx, ok, tc.index)
		}
	}
	// N-D: C order; the index is a copy.
	c := cube(t)
	idx, ok := c.Index(17)
	if !ok || !reflect.DeepEqual(idx, []int{1, 1, 1}) || c.Count(17) != 1 {
		t.Errorf("cube Index(17) = %v, %v", idx, ok)
	}
	// Items of struct formats compare as tuples, sub-arrays as lists.
	s := mustView(t, "0102"+"0304"+"0102", "bb")
	if n := s.Count(Record{1, 2}); n != 2 {
		t.Errorf("Count((1, 2)) = %d", n)
	}
	if n := s.Count([]any{1, 2}); n != 0 {
		t.Errorf("a list equals a tuple: %d", n)
	}
	if idx, ok := s.Index(Record{3, 4.0}); !ok || idx[0] != 1 {
		t.Errorf("Index((3, 4.0)) = %v, %v", idx, ok)
	}
	a := mustView(t, "01020304", "(2)b")
	if a.Count([]any{3, 4}) != 1 || a.Count(Record{3, 4}) != 0 || a.Count([]any{3}) != 0 {
		t.Error("sub-arrays compare as lists")
	}
	n := mustView(t, "0000c07f0000803f", "<f")
	if n.Count(math.NaN()) != 0 || n.Count(1) != 1 {
		t.Error("NaN found, or 1.0 not")
	}
	z := mustView(t, "0000803f00000000", "Zf")
	if z.Count(1) != 1 || z.Count(complex(1, 0)) != 1 || z.Count(1i) != 0 {
		t.Error("complex items")
	}
	r := mustView(t, "07", "T{b}")
	if r.Count(Record{7}) != 1 || r.Count(7) != 0 {
		t.Error("a one-element record is a tuple")
	}
	scalar, _ := NewViewLayout([]byte{5}, 0, "B", CLayout(1))
	if idx, ok := scalar.Index(5); !ok || len(idx) != 0 || idx == nil {
		t.Errorf("scalar Index = %#v, %v", idx, ok)
	}
}
