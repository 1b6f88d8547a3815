package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomv/gomv/gomv"
	"github.com/gomv/gomv/internal/cpython"
)

const header = "../../../ext/gomv_tables.h"

// The committed header must be what the generator writes from the core's
// current tables.
func TestHeaderIsFresh(t *testing.T) {
	var want bytes.Buffer
	render(&want)
	got, err := os.ReadFile(header)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatal("ext/gomv_tables.h is stale: run go generate ./internal/gen/ctables")
	}
}

// Each release's native formats are a prefix of the table, so that the C
// layer's index of a format does not depend on the release.
func TestReleasesArePrefixes(t *testing.T) {
	all := gomv.NativeCodes()
	rs := releases()
	if len(rs) < 3 || rs[0].from != gomv.Py311 {
		t.Fatalf("releases %+v", rs)
	}
	for _, r := range rs {
		for i, n := range r.natives {
			if n.Code != all[i].Code {
				t.Errorf("%v: native %d is %q, table has %q", r.from, i, n.Code, all[i].Code)
			}
		}
	}
}

func TestCName(t *testing.T) {
	for in, want := range map[string]string{"ValueError": "VALUE_ERROR", "struct.error": "STRUCT_ERROR",
		"NotImplementedError": "NOT_IMPLEMENTED_ERROR"} {
		if got := cName(in); got != want {
			t.Errorf("cName(%q) = %q, want %q", in, got, want)
		}
	}
	if cChar('\'') != `'\''` || cString(`a"b`) != `"a\"b"` {
		t.Error("C literals")
	}
	defer func() {
		if recover() == nil {
			t.Error("cString accepted a newline")
		}
	}()
	cString("\n")
}

// The header compiles, and the C compiler's sizes and alignments of each
// native format's C type are the core's, for every release the header
// distinguishes.
func TestHeaderAgreesWithC(t *testing.T) {
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler")
	}
	abs, err := filepath.Abs(filepath.Dir(header))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, r := range releases() {
		src := fmt.Sprintf(`#define PY_VERSION_HEX 0x%04X0000
#include <stdio.h>
#include <sys/types.h>
typedef ssize_t Py_ssize_t;
#include "gomv_tables.h"
#define ROW(code, fmt, at, kind, since, ctype, byte) \
    printf("%%c %%s %%s %%d %%#x %%zu %%zu %%d\n", code, fmt, at, kind, since, sizeof(ctype), _Alignof(ctype), byte);
static const char *formats[] = GOMV_NATIVE_FORMATS;
static const char *at_formats[] = GOMV_NATIVE_AT_FORMATS;
static const size_t sizes[] = GOMV_NATIVE_SIZES;
static const int kinds[] = GOMV_NATIVE_KINDS;
int main(void) {
    int i;
    GOMV_NATIVE_TABLE(ROW)
    printf("%%s %%d %%s %%s\n", GOMV_NATIVE_CODES, GOMV_NATIVE_COUNT, GOMV_BYTE_CODES, GOMV_CAST_FORMAT_MSG);
    for (i = 0; i < GOMV_NATIVE_COUNT; i++)
        printf("%%s %%s %%zu %%d\n", formats[i], at_formats[i], sizes[i], kinds[i]);
    printf("%%d %%d %%#x\n", GOMV_MAX_NDIM, GOMV_NATIVE_FORMAT_MAX, GOMV_PY_RELEASE);
    return 0;
}
`, uint16(r.from))
		c := filepath.Join(dir, "t.c")
		exe := filepath.Join(dir, "t")
		if err := os.WriteFile(c, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(cc, "-std=c11", "-Wall", "-Werror", "-I", abs, "-o", exe, c).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", r.from, err, out)
		}
		out, err := exec.Command(exe).Output()
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		var codes, byteCodes []byte
		for _, n := range gomv.NativeCodes() {
			b := 0
			if n.Byte {
				b = 1
				byteCodes = append(byteCodes, n.Code)
			}
			fmt.Fprintf(&want, "%c %s @%s %d %#x %d %d %d\n", n.Code, n.Format, n.Format, n.Kind, uint16(n.Since), n.Size, n.Align, b)
		}
		for _, n := range r.natives {
			codes = append(codes, n.Code)
		}
		_, castErr := cpython.CheckCastFormat("<i", r.from)
		fmt.Fprintf(&want, "%s %d %s %s\n", codes, len(r.natives), byteCodes, castErr)
		for _, n := range gomv.NativeCodes() {
			if _, ok := (&gomv.Format{Str: n.Format}).NativeIn(r.from); ok {
				fmt.Fprintf(&want, "%s @%s %d %d\n", n.Format, n.Format, n.Size, n.Kind)
			}
		}
		fmt.Fprintf(&want, "%d %d %#x\n", gomv.MaxDim, 4, uint16(r.from))
		if string(out) != want.String() {
			t.Errorf("%v: the C compiler says\n%s\nthe core says\n%s", r.from, out, want.String())
		}
	}
}
