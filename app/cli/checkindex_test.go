package cli

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// tend check on the search index: a note while none is built; a problem
// (exit 1) when an entry is taken out behind tend's back; tend rebuild
// makes it whole.
func TestCheckAndRebuildTheSearchIndex(t *testing.T) {
	db := demoBook(t, "5")
	if r := tend(t, "", "check", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "note: no search index yet") {
		t.Fatalf("check without an index: %+v", r)
	}
	if r := tend(t, "", "search", "--db", db, "renewal"); r.code != 0 {
		t.Fatalf("search: %+v", r)
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 || strings.Contains(r.stdout, "search index") || strings.Contains(r.stdout, "note:") {
		t.Fatalf("check with the index built: %+v", r)
	}
	bdb, err := bolt.Open(db, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("text_refs")).Cursor().First()
		return tx.Bucket([]byte("text_refs")).Delete(k)
	})
	_ = bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	if r := tend(t, "", "check", "--db", db); r.code == 0 || !strings.Contains(r.stdout, "search index: ") || !strings.Contains(r.stdout, "is not indexed") {
		t.Fatalf("check of a broken index: %+v", r)
	}
	if r := tend(t, "", "rebuild", "--db", db); r.code != 0 {
		t.Fatalf("rebuild: %+v", r)
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 || strings.Contains(r.stdout, "search index") {
		t.Fatalf("check after the rebuild: %+v", r)
	}
}
