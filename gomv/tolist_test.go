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

func TestToListUnsupported(t *testing.T) {
	cases := []struct{ format, msg string }{
		{"<i", "memoryview: unsupported format <i"},
		{"2i", "memoryview: unsupported format 2i"},
		{"ii", "memoryview: unsupported format ii"},
		{"3s", "memoryview: unsupported format 3s"},
		{"=B", "memoryview: unsupported format =B"},
		{"s", "memoryview: format s not supported"},
		{"@s", "memoryview: format s not supported"},
		{"p", "memoryview: format p not supported"},
		{"T{i}", "memoryview: unsupported format T{i}"},
	}
	for _, tc := range cases {
		f, err := ParseFormat(tc.format)
		if err != nil {
			t.Fatal(err)
		}
		v := &View{Mem: make([]byte, f.Size), Format: f, Layout: CLayout(f.Size, 1)}
		_, err = v.ToList()
		if k, _ := KindOf(err); err == nil || k != NotImplementedError || err.Error() != tc.msg {
			t.Errorf("ToList of %q: %v, want NotImplementedError %q", tc.format, err, tc.msg)
		}
		if err := v.WalkValues(func([]int, Value) error { return nil }); err == nil {
			t.Errorf("WalkValues of %q succeeded", tc.format)
		}
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
