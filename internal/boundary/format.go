package boundary

// Format parses a struct/PEP 3118 format: its itemsize, and its native
// single-character code (0 if it has none) as the core's Format.Native
// reports it. 'e' is reported as native on every Python version; the C
// side refuses it on 3.11.
func Format(s string) (itemsize int, native byte, err error) {
	f, err := ParseFormat(s)
	if err != nil {
		return 0, 0, err
	}
	code, _ := f.Native()
	return f.Itemsize(), code, nil
}
