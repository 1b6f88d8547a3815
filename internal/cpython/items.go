package cpython

import (
	"strings"

	"github.com/gomv/gomv/gomv"
)

// ItemCode returns the native code through which the memoryview of Python
// release py reads and writes the items of a view of format f (indexing,
// item assignment, tolist, count, index; nil means unsigned bytes), or the
// NotImplementedError it raises for any other format: "memoryview:
// unsupported format X" when the format, less one leading '@', is not a
// single character, "memoryview: format X not supported" when it is one
// memoryview cannot read (such as 's', 'D', or 'e' before 3.12).
func ItemCode(f *gomv.Format, py gomv.PyVersion) (byte, error) {
	if f == nil {
		return 'B', nil
	}
	if code, ok := f.NativeIn(py); ok {
		return code, nil
	}
	s := strings.TrimPrefix(f.Str, "@")
	if len(s) != 1 {
		return 0, newErr(gomv.NotImplementedError, "memoryview: unsupported format "+f.Str)
	}
	return 0, newErr(gomv.NotImplementedError, "memoryview: format "+s+" not supported")
}
