package gomv

import "math"

// IEEE 754 binary16 ("half") conversions for the 'e' code.
//
// CPython 3.11-3.13 do not keep NaN payloads in half floats: a NaN
// unpacks to the default quiet NaN with the same sign, and any NaN packs
// to the quiet NaN 0x7e00 (0xfe00 if negative). These functions do the
// same, so results match struct and memoryview bit for bit.

const (
	halfExpMask  = 0x7c00
	halfFracMask = 0x03ff
	halfQuietNaN = 0x7e00
	halfInf      = 0x7c00
)

// halfToFloat64 widens binary16 bits to a float64, exactly.
func halfToFloat64(h uint16) float64 {
	sign := uint64(h&0x8000) << 48
	exp := int(h&halfExpMask) >> 10
	frac := uint64(h & halfFracMask)
	switch exp {
	case 0x1f:
		if frac != 0 {
			return math.Float64frombits(sign | 0x7ff8000000000000)
		}
		return math.Float64frombits(sign | 0x7ff0000000000000)
	case 0:
		// Subnormal (or zero): frac units of 2**-24, exact in a float64.
		x := math.Ldexp(float64(frac), -24)
		if sign != 0 {
			x = -x
		}
		return x
	}
	return math.Float64frombits(sign | uint64(exp-15+1023)<<52 | frac<<42)
}

// halfFromFloat64 narrows x to binary16 bits, rounding to nearest with
// ties to even straight from the float64 (no double rounding). overflow
// is true when a finite x rounds beyond the largest half (65504); the bits
// are then an infinity of x's sign.
func halfFromFloat64(x float64) (h uint16, overflow bool) {
	b := math.Float64bits(x)
	sign := uint16(b>>48) & 0x8000
	exp := int(b>>52) & 0x7ff
	frac := b & (1<<52 - 1)
	switch {
	case exp == 0x7ff && frac != 0:
		return sign | halfQuietNaN, false
	case exp == 0x7ff:
		return sign | halfInf, false
	case exp == 0:
		// float64 subnormals are far below half precision.
		return sign, false
	}
	e := exp - 1023
	m := frac | 1<<52
	if e >= -14 {
		q := shiftRoundEven(m, 42) // 11 significant bits, or 2**11 on carry
		if q == 1<<11 {
			q >>= 1
			e++
		}
		if e > 15 {
			return sign | halfInf, true
		}
		return sign | uint16(e+15)<<10 | uint16(q)&halfFracMask, false
	}
	// Subnormal half: count units of 2**-24. A carry to 1<<10 lands on
	// the smallest normal, whose bits are the same number.
	return sign | uint16(shiftRoundEven(m, uint(28-e))), false
}

// shiftRoundEven returns m / 2**s rounded to nearest, ties to even.
// m must be below 2**63.
func shiftRoundEven(m uint64, s uint) uint64 {
	if s == 0 {
		return m
	}
	if s >= 64 {
		return 0
	}
	q := m >> s
	rem := m & (1<<s - 1)
	half := uint64(1) << (s - 1)
	if rem > half || rem == half && q&1 == 1 {
		q++
	}
	return q
}

// float32 conversions that keep NaN payloads the way CPython does on
// common hardware (x86-64, arm64): the payload's high bits move across
// and the NaN becomes quiet. Go's own conversions would usually do the
// same, but the spec leaves NaN bits open, so be explicit.

func float32ToFloat64(b uint32) float64 {
	if b&0x7f800000 == 0x7f800000 && b&0x007fffff != 0 {
		return math.Float64frombits(uint64(b>>31)<<63 | 0x7ff8000000000000 |
			uint64(b&0x007fffff)<<29)
	}
	return float64(math.Float32frombits(b))
}

func float64ToFloat32(x float64) uint32 {
	if x != x {
		b := math.Float64bits(x)
		return uint32(b>>63)<<31 | 0x7fc00000 | uint32(b>>29)&0x007fffff
	}
	return math.Float32bits(float32(x))
}
