package cockpit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tend-cli/tend/store"
)

// The import after a preview takes the file the preview showed, or nothing:
// a file changed between the preview and enter is refused, the book as it was
// (it imported the new file's rows, which the preview never showed).
func TestAnImportTakesOnlyTheFileItPreviewed(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 35)
	path := filepath.Join(t.TempDir(), "companies.csv")
	if err := os.WriteFile(path, []byte("Company name,Website\nPreview Two,two.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "I")
	fillImportForm(t, tm, path, map[string]string{"Contract start for rows without one": "2024-01-01"})
	waitFor(t, tm, "this import would bring: 1 new", "enter imports")
	if err := os.WriteFile(path, []byte("Company name,Website\nSwapped In Co,swapped.example\nAnother,another.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "enter")
	waitFor(t, tm, "changed since its preview")
	n := 0
	if err := st.View(func(tx *store.Tx) error { n = len(tx.AccountIDs()); return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("%d accounts after a refused import, want the 5 there were", n)
	}
	// Unchanged, it is taken.
	if err := os.WriteFile(path, []byte("Company name,Website\nPreview Two,two.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "esc")
	keys(tm, "I")
	fillImportForm(t, tm, path, map[string]string{"Contract start for rows without one": "2024-01-01"})
	waitFor(t, tm, "this import would bring: 1 new", "enter imports")
	keys(tm, "enter")
	waitFor(t, tm, "imported: 1 new")
}

// A restore between the preview and enter: the import writes nothing into
// the restored book (it imported into it what the preview never showed).
func TestAnImportPreviewedOnABookReplacedSinceWritesNothing(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 35)
	other := otherBook(t, st, 3)
	path := filepath.Join(t.TempDir(), "companies.csv")
	if err := os.WriteFile(path, []byte("Company name,Website\nPreview Two,two.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "I")
	fillImportForm(t, tm, path, map[string]string{"Contract start for rows without one": "2024-01-01"})
	waitFor(t, tm, "this import would bring: 1 new", "enter imports")
	if _, err := st.Restore(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "restored from a backup")
	keys(tm, "enter")
	waitFor(t, tm, "replaced (restored) since the preview")
	n := 0
	if err := st.View(func(tx *store.Tx) error { n = len(tx.AccountIDs()); return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d accounts in the restored book, want its 3", n)
	}
}
