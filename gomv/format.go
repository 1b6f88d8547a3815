package gomv

// ByteOrder is the byte-order/size/alignment prefix of a struct format.
type ByteOrder byte

const (
	NativeOrder  ByteOrder = '@' // native order, native sizes and alignment (the default)
	NativeStd    ByteOrder = '=' // native order, standard sizes, no alignment
	LittleEndian ByteOrder = '<'
	BigEndian    ByteOrder = '>'
	NetworkOrder ByteOrder = '!' // same as BigEndian
)

// Field is one code of a format with its repeat count, e.g. "3h".
type Field struct {
	Code   byte      // struct code, or 'T' for a nested struct
	Order  ByteOrder // byte order in force for this field
	Count  int       // repeat count; for 's' and 'p' the byte length of the single value
	Offset int       // byte offset of the field's first element within one item
	Size   int       // bytes of one element (1 for 's' and 'p')
	Name   string    // PEP 3118 field name (":name:"), if any
	Shape  []int     // PEP 3118 sub-array shape ("(2,3)" prefix), if any
	Sub    *Format   // the nested struct of a 'T{...}' field
}

// Format is a parsed struct/PEP 3118 format string: what one item is.
type Format struct {
	Str    string    // the format as given
	Order  ByteOrder // byte order of the top level
	Fields []Field
	Size   int // bytes in one item, as struct.calcsize gives it
}
