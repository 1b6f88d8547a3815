package boundary

import (
	"fmt"
	"testing"
)

// Formats beyond one native code are parsed once and then shared; the
// cache stops growing at seenMax, refuses nothing it cannot hold (those
// formats are parsed every time), and never holds a format that failed.
func TestFormatCache(t *testing.T) {
	defer seen.Store(seen.Load()) // other tests rely on the formats they cached
	seen.Store(nil)
	f1, err := ParseFormat("<3hx")
	if err != nil {
		t.Fatal(err)
	}
	f2, _ := ParseFormat("<3hx")
	if f1 != f2 {
		t.Error("a format parsed twice was not shared")
	}
	if _, err := ParseFormat("(3)T{<i:a:}y"); err == nil {
		t.Fatal("bad format parsed")
	}
	if _, ok := lookup("(3)T{<i:a:}y"); ok {
		t.Error("a format that failed to parse was remembered")
	}
	for i := 0; i < 2*seenMax; i++ {
		if _, err := ParseFormat(fmt.Sprintf("<%dh", i+2)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(*seen.Load()); n != seenMax {
		t.Errorf("cache holds %d formats, want the bound %d", n, seenMax)
	}
	g, err := ParseFormat(fmt.Sprintf("<%dh", 3*seenMax))
	if err != nil || g.Size != 2*3*seenMax {
		t.Errorf("past the bound: %v, %v", g, err)
	}

	// A writer that cannot take the lock (in a fork() child its holder
	// may be gone) skips remembering instead of waiting.
	seenMu.Lock()
	h, err := ParseFormat(">7q")
	seenMu.Unlock()
	if err != nil || h.Size != 56 {
		t.Fatalf("with the lock held: %v, %v", h, err)
	}
	if s := CString(nil); s != "" {
		t.Errorf("CString(nil) = %q", s)
	}
}
