package gomv_test

import (
	"fmt"

	"github.com/gomv/gomv/gomv"
)

// A 2x3 view of bytes, copied out in C order (row by row) and in Fortran
// order (column by column), as memoryview.tobytes('C') and ('F') do.
func ExampleView_Bytes() {
	mem := []byte{1, 2, 3, 4, 5, 6}
	v, err := gomv.NewViewLayout(mem, 0, "B", gomv.CLayout(1, 2, 3))
	if err != nil {
		panic(err)
	}
	c, _ := v.Bytes(gomv.OrderC)
	f, _ := v.Bytes(gomv.OrderFortran)
	fmt.Println(c, f)
	_, err = v.Bytes('X')
	fmt.Println(err)
	// Output:
	// [1 2 3 4 5 6] [1 4 2 5 3 6]
	// order must be 'C', 'F' or 'A'
}

// Hex groups bytes from the right for a positive bytesPerSep and from the
// left for a negative one, exactly as bytes.hex.
func ExampleView_Hex() {
	v, _ := gomv.NewView([]byte("abcde"), "B")
	fmt.Println(v.Hex(0, 0), v.Hex(':', 2), v.Hex(':', -2))
	// Output: 6162636465 61:6263:6465 6162:6364:65
}

// Equal compares values, not bytes or format strings: a little-endian
// int32 equals a native one, a signed byte equals an unsigned byte of the
// same value, but a 'c' item (a bytes object in Python) never equals a
// number, and NaN is unequal even to itself.
func ExampleEqual() {
	le, _ := gomv.NewView([]byte{5, 0, 0, 0}, "<i")
	native, _ := gomv.NewView([]byte{5, 0, 0, 0}, "i")
	signed, _ := gomv.NewView([]byte{5}, "b")
	unsigned, _ := gomv.NewView([]byte{5}, "B")
	char, _ := gomv.NewView([]byte{5}, "c")
	nan, _ := gomv.NewView([]byte{0, 0, 0xc0, 0x7f}, "<f")

	for _, pair := range [][2]*gomv.View{{le, native}, {signed, unsigned}, {unsigned, char}, {nan, nan}} {
		eq, _ := gomv.Equal(pair[0], pair[1])
		fmt.Printf("%s == %s: %v\n", pair[0].Format, pair[1].Format, eq)
	}
	// Output:
	// <i == i: true
	// b == B: true
	// B == c: false
	// <f == <f: false
}

// ToList nests one list per dimension, like memoryview.tolist.
func ExampleView_ToList() {
	v, _ := gomv.NewViewLayout([]byte{1, 2, 3, 4, 5, 6}, 0, "b", gomv.CLayout(1, 3, 2))
	l, _ := v.ToList()
	fmt.Println(l)
	// Output: [[1 2] [3 4] [5 6]]
}

// Copy has memmove semantics: shifting a view onto itself works.
func ExampleCopy() {
	mem := []byte("abcdef")
	all, _ := gomv.NewView(mem, "B")
	dst, _ := all.Slice(0, 1, 6, 1)
	src, _ := all.Slice(0, 0, 5, 1)
	if err := gomv.Copy(dst, src); err != nil {
		panic(err)
	}
	fmt.Println(string(mem))
	// Output: aabcde
}
