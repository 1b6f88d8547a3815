package gomv

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

func TestHalfRoundTripAll(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		x := halfToFloat64(uint16(h))
		back, over := halfFromFloat64(x)
		isNaN := h&halfExpMask == halfExpMask && h&halfFracMask != 0
		want := uint16(h)
		if isNaN {
			want = uint16(h)&0x8000 | halfQuietNaN // CPython drops payloads
		}
		if over || back != want {
			t.Fatalf("half %#04x -> %v -> %#04x (overflow %v)", h, x, back, over)
		}
	}
}

func TestHalfFromFloat64(t *testing.T) {
	tests := []struct {
		x    float64
		h    uint16
		over bool
	}{
		{0, 0, false},
		{math.Copysign(0, -1), 0x8000, false},
		{1, 0x3c00, false},
		{-2, 0xc000, false},
		{65504, 0x7bff, false},
		{65519.99, 0x7bff, false},
		{65520, 0x7c00, true},
		{-1e300, 0xfc00, true},
		{math.Inf(1), 0x7c00, false},
		{math.Inf(-1), 0xfc00, false},
		{math.NaN(), 0x7e00, false},
		{math.Float64frombits(0xfff0000000000001), 0xfe00, false},
		{5.960464477539063e-08, 0x0001, false},  // smallest subnormal
		{2.9802322387695312e-08, 0x0000, false}, // half of it: ties to even
		{2.9802322387695313e-08 * 1.0000001, 0x0001, false},
		{8.940696716308594e-08, 0x0002, false},   // 1.5 units: ties to even
		{math.Ldexp(1023.5, -24), 0x0400, false}, // tie rounds up to the smallest normal
		{math.Ldexp(1022.5, -24), 0x03fe, false},
		{1e-8, 0, false},
		{5e-324, 0, false},
		{1.00048828125, 0x3c00, false}, // 1 + 2**-11: tie, to even
		{1.00146484375, 0x3c02, false}, // 1 + 3*2**-11: tie, to even
	}
	for _, tt := range tests {
		h, over := halfFromFloat64(tt.x)
		if h != tt.h || over != tt.over {
			t.Errorf("halfFromFloat64(%v) = %#04x, %v; want %#04x, %v", tt.x, h, over, tt.h, tt.over)
		}
	}
}

// TestHalfRoundingRandom checks rounding against a brute-force search of
// the nearest half.
func TestHalfRoundingRandom(t *testing.T) {
	var halves []float64 // non-negative finite halves, ascending
	for h := 0; h < 0x7c00; h++ {
		halves = append(halves, halfToFloat64(uint16(h)))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		x := math.Ldexp(r.Float64(), r.IntN(44)-28)
		h, over := halfFromFloat64(x)
		i := sort.SearchFloat64s(halves, x)
		var want uint16
		switch {
		case i == len(halves):
			if x < 65520 {
				want = 0x7bff
			} else {
				want = 0x7c00
			}
		case halves[i] == x || i == 0:
			want = uint16(i)
		default:
			lo, hi := x-halves[i-1], halves[i]-x
			switch {
			case lo < hi:
				want = uint16(i - 1)
			case hi < lo:
				want = uint16(i)
			case i%2 == 0:
				want = uint16(i)
			default:
				want = uint16(i - 1)
			}
			if i == len(halves)-1 && hi < lo && x >= 65520 {
				want = 0x7c00
			}
		}
		if h != want || over != (want == 0x7c00) {
			t.Fatalf("halfFromFloat64(%v) = %#04x, want %#04x", x, h, want)
		}
	}
}

func TestFloat32NaNPayload(t *testing.T) {
	// Bits CPython gives on x86-64 for the same conversions.
	widen := []struct {
		f uint32
		d uint64
	}{
		{0x7f800001, 0x7ff8000020000000},
		{0xffc00001, 0xfff8000020000000},
		{0x7fbfffff, 0x7fffffffe0000000},
		{0x3f800000, 0x3ff0000000000000},
		{0x7f800000, 0x7ff0000000000000},
	}
	for _, tt := range widen {
		if got := math.Float64bits(float32ToFloat64(tt.f)); got != tt.d {
			t.Errorf("widen %#08x = %#016x, want %#016x", tt.f, got, tt.d)
		}
	}
	narrow := []struct {
		d uint64
		f uint32
	}{
		{0x7ff0000000000001, 0x7fc00000},
		{0xfff8000000000001, 0xffc00000},
		{0x7ff8000020000000, 0x7fc00001},
		{0x7ff4000000000000, 0x7fe00000},
		{0x3ff0000000000000, 0x3f800000},
	}
	for _, tt := range narrow {
		if got := float64ToFloat32(math.Float64frombits(tt.d)); got != tt.f {
			t.Errorf("narrow %#016x = %#08x, want %#08x", tt.d, got, tt.f)
		}
	}
}
