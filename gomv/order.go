package gomv

// Order is the order in which the items of a multi-dimensional view are
// laid out or visited. Its values are the letters Python uses ('C', 'F',
// 'A'), so a binding can convert the letter it was given directly.
type Order byte

const (
	OrderC       Order = 'C' // row-major: the last index varies fastest
	OrderFortran Order = 'F' // column-major: the first index varies fastest
	// OrderAny is OrderFortran for a view that is Fortran- but not
	// C-contiguous, and OrderC otherwise: the order in which the memory of
	// a contiguous view already lies.
	OrderAny Order = 'A'
)

// errOrder is what CPython's memoryview.tobytes raises for an order other
// than 'C', 'F' or 'A'.
func errOrder() error { return newErr(ValueError, "order must be 'C', 'F' or 'A'") }
