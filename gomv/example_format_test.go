package gomv_test

import (
	"fmt"

	"github.com/gomv/gomv/gomv"
)

func ExampleParseFormat() {
	f, err := gomv.ParseFormat("<hxI3s")
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Itemsize(), f.NumValues(), f.Structable())
	for _, fld := range f.Fields {
		fmt.Printf("%c at %d\n", fld.Code, fld.Offset)
	}

	// Native order aligns each field, like a C struct (without trailing
	// padding, like struct.calcsize).
	n, _ := gomv.ParseFormat("bi")
	fmt.Println(n.Itemsize())

	_, err = gomv.ParseFormat("<n")
	fmt.Println(err)
	// Output:
	// 10 3 true
	// h at 0
	// x at 2
	// I at 3
	// s at 7
	// 8
	// bad char in struct format
}

func ExampleParseFormat_pep3118() {
	// The format ctypes gives a struct { int32_t x, y; }.
	f, _ := gomv.ParseFormat("T{<i:x:<i:y:}")
	fmt.Println(f.Itemsize(), f.NumValues(), f.Structable(), f.Fields[0].Sub.Fields[1].Name)
	// Output: 8 2 false y
}

func ExampleFormat_Unpack() {
	f, _ := gomv.ParseFormat(">hH?2s")
	vals, _ := f.Unpack([]byte{0xff, 0xfe, 0x01, 0x00, 0x07, 'o', 'k'})
	fmt.Println(vals[0].Int(), vals[1].Uint(), vals[2].Bool(), string(vals[3].Bytes()))
	// Output: -2 256 true ok
}

func ExampleFormat_Pack() {
	f, _ := gomv.ParseFormat("<Hd")
	buf := make([]byte, f.Itemsize())
	if err := f.Pack(buf, []gomv.Value{gomv.Uint(513), gomv.Float(1.5)}); err != nil {
		panic(err)
	}
	fmt.Printf("% x\n", buf)

	err := f.Pack(buf, []gomv.Value{gomv.Int(70000), gomv.Float(0)})
	fmt.Println(err)
	// Output:
	// 01 02 00 00 00 00 00 00 f8 3f
	// 'H' format requires 0 <= number <= 65535
}

func ExamplePackNative() {
	buf := make([]byte, 1)
	fmt.Println(gomv.PackNative('B', buf, gomv.Int(200)), buf[0])
	fmt.Println(gomv.PackNative('B', buf, gomv.Int(300)))
	fmt.Println(gomv.PackNative('B', buf, gomv.Float(1)))
	fmt.Println(gomv.UnpackNative('b', buf).Int())
	// Output:
	// <nil> 200
	// memoryview: invalid value for format 'B'
	// memoryview: invalid type for format 'B'
	// -56
}
