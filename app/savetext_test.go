package app

import (
	"os"
	"path/filepath"
	"testing"
)

// Two follow-ups written under one name (two accounts of one slug, the same
// second) are two files: neither replaces the other.
func TestSaveNewTextNeverWritesOverAFile(t *testing.T) {
	st := emptyStore(t)
	path := filepath.Join(filepath.Dir(st.Path), "follow-ups", "acme-robotics-inc-20261129-224238.txt")
	p1, err := SaveNewText(st, path, "okra")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := SaveNewText(st, path, "yams")
	if err != nil {
		t.Fatal(err)
	}
	if p1 == p2 {
		t.Fatalf("both written to %s", p1)
	}
	for p, want := range map[string]string{p1: "okra", p2: "yams"} {
		if b, err := os.ReadFile(p); err != nil || string(b) != want {
			t.Errorf("%s: %q %v, want %q", p, b, err, want)
		}
	}
}
