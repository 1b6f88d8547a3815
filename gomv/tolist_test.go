package gomv

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestToList(t *testing.T) {
	negZero := math.Copysign(0, -1)
	// Bytes and results as python3.11's memoryview.tolist gives them.
	cases := []struct {
		format string
		hex    string
		shape  []int
		want   any
	}{
		{"b", "ff0203040506", []int{2, 3}, []any{[]any{int64(-1), int64(2), int64(3)}, []any{int64(4), int64(5), int64(6)}}},
		{"B", "010203040506", []int{3, 2}, []any{[]any{uint64(1), uint64(2)}, []any{uint64(3), uint64(4)}, []any{uint64(5), uint64(6)}}},
		{"?", "0100", []int{2}, []any{true, false}},
		{"c", "6162", []int{2, 1}, []any{[]any{[]byte("a")}, []any{[]byte("b")}}},
		{"d", "000000000000f83f0000000000000080", []int{2}, []any{1.5, negZero}},
		{"Q", "ffffffffffffffff", []int{1}, []any{uint64(math.MaxUint64)}},
		{"q", "0000000000000080", []int{}, int64(math.MinInt64)},
		{"@f", "0000803e", []int{1}, []any{0.25}},
		{"e", "0038", []int{1}, []any{0.5}},
		{"B", "", []int{2, 0}, []any{[]any{}, []any{}}},
		{"B", "", []int{0, 2}, []any{}},
	}
	for _, tc := range cases {
		flat := mustView(t, tc.hex, tc.format)
		v, err := NewViewLayout(flat.Mem, 0, tc.format, CLayout(flat.Itemsize, tc.shape...))
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.ToList()
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %v: got %#v, %v; want %#v", tc.format, tc.shape, got, err, tc.want)
		}
		if f, ok := got.([]any); ok && len(f) > 0 {
			if d, ok := f[len(f)-1].(float64); ok && d == 0 && !math.Signbit(d) {
				t.Errorf("%s: -0.0 lost its sign", tc.format)
			}
		}
	}
}

func TestToListCopiesBytes(t *testing.T) {
	v := mustView(t, "61", "c")
	l, _ := v.ToList()
	v.Mem[0] = 'z'
	if got := l.([]any)[0].([]byte); string(got) != "a" {
		t.Errorf("ToList's bytes alias the view: %q", got)
	}
}

// Items of any format: one value is that value, several a Record (a
// tuple), a sub-array a []any (a list), as UnpackItem gives them; the
// values are struct.unpack's (checked with python3.15).
func TestToListStructFormats(t *testing.T) {
	for _, tc := range []struct {
		format string
		hex    string
		shape  []int
		want   any
	}{
		{"<i", "01000000feffffff", []int{2}, []any{int64(1), int64(-2)}},
		{">H", "0102", []int{}, uint64(258)},
		{"3s", "616263", []int{1}, []any{[]byte("abc")}},
		{"xb", "00ff", []int{1}, []any{int64(-1)}},
		{"2b", "01020304", []int{2}, []any{Record{int64(1), int64(2)}, Record{int64(3), int64(4)}}},
		{"<bH", "01020003040005", []int{}, nil}, // size 3: not a multiple, see below
		{"<b?", "ff02", []int{1}, []any{Record{int64(-1), true}}},
		{"T{<h:a:<h:b:}", "01000200", []int{1}, []any{Record{int64(1), int64(2)}}},
		{"T{b}", "07", []int{}, Record{int64(7)}},
		{"bT{bb}", "010203", []int{}, Record{int64(1), Record{int64(2), int64(3)}}},
		{"(2)b", "0102", []int{}, []any{int64(1), int64(2)}},
		{"(2,2)B", "01020304", []int{}, []any{[]any{uint64(1), uint64(2)}, []any{uint64(3), uint64(4)}}},
		{"", "", []int{2}, []any{Record{}, Record{}}},
		{"<Zf", "0000803f00000040", []int{1}, []any{complex128(1 + 2i)}},
	} {
		if tc.want == nil {
			continue
		}
		flat := mustView(t, tc.hex, "B")
		f, err := ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		v := &View{Mem: flat.Mem, Format: f, Layout: CLayout(f.Size, tc.shape...)}
		got, err := v.ToList()
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q %v: got %#v, %v; want %#v", tc.format, tc.shape, got, err, tc.want)
		}
	}
	// WalkValues and Item take formats of one value, whatever they are.
	v := mustView(t, "01000000feffffff", "<i")
	var vals []int64
	if err := v.WalkValues(func(_ []int, x Value) error { vals = append(vals, x.Int()); return nil }); err != nil ||
		fmt.Sprint(vals) != "[1 -2]" {
		t.Errorf("WalkValues <i: %v, %v", vals, err)
	}
	w := mustView(t, "01020304", "2b")
	err := w.WalkValues(func([]int, Value) error { return nil })
	if k, _ := KindOf(err); k != TypeError || err.Error() != `gomv: items of format "2b" hold 2 values, not one` {
		t.Errorf("WalkValues 2b: %v", err)
	}
}

func TestWalkValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	views := []*View{pilView([3]int{2, 3, 4}, 2, false), innermostIndirect(2, 5, 4)}
	for i := 0; i < 200; i++ {
		views = append(views, randView(rng))
	}
	formats := map[int]string{1: "b", 2: "H", 3: "", 4: "i", 8: "q", 16: ""}
	for i, v := range views {
		fs := formats[v.Itemsize]
		if fs == "" {
			continue
		}
		v.Format, _ = ParseFormat(fs)
		var got []string
		err := v.WalkValues(func(idx []int, x Value) error {
			got = append(got, fmt.Sprint(idx, x))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		forEachIndex(v.Shape, 'C', func(idx []int) {
			x, _ := v.Item(idx...)
			want = append(want, fmt.Sprint(idx, x))
		})
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("view %d %+v: got %v want %v", i, v.Layout, got, want)
		}
		l, err := v.ToList()
		if err != nil {
			t.Fatal(err)
		}
		// The nested lists agree with Item at every index.
		forEachIndex(v.Shape, 'C', func(idx []int) {
			x, _ := v.Item(idx...)
			var e any = l
			for _, k := range idx {
				e = e.([]any)[k]
			}
			if e != goValue(x) {
				t.Fatalf("view %d: ToList%v = %v, Item = %v", i, idx, e, x)
			}
		})
	}
	stop := errors.New("stop")
	v := mustView(t, "0102", "B")
	if err := v.WalkValues(func([]int, Value) error { return stop }); err != stop {
		t.Errorf("WalkValues returned %v, want the callback's error", err)
	}
}

func TestGoValuePanicsOnInvalid(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("goValue(Value{}) did not panic")
		}
	}()
	goValue(Value{})
}
