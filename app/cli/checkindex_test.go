package cli

import (
	"encoding/json"
	"fmt"
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

// tend search with filters alone lists today's notes; owner:nobody fails as
// account:nosuch does; --json names a note #N, its channel apart, at its time.
func TestSearchFiltersAloneAndJSON(t *testing.T) {
	db := demoBook(t, "5")
	if r := tend(t, "", "note", "#2", "Call with the CFO about pricing", "--db", db, "--channel", "call"); r.code != 0 {
		t.Fatalf("note: %+v", r)
	}
	r := tend(t, "", "search", "--db", db, "from:2026-11-28", "kind:note")
	if r.code != 0 || !strings.Contains(r.stdout, "Call with the CFO") {
		t.Fatalf("filters alone: %+v", r)
	}
	var listed []searchHit
	r = tend(t, "", "search", "--db", db, "--json", "kind:note")
	if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) < 2 {
		t.Fatalf("kind:note --json: %v %+v", err, r)
	}
	for i := 1; i < len(listed); i++ {
		if listed[i].Date.After(listed[i-1].Date) {
			t.Errorf("kind:note: %s after %s: not newest first", listed[i].Date, listed[i-1].Date)
		}
	}
	acct, owner := tend(t, "", "search", "--db", db, "account:nosuch"), tend(t, "", "search", "--db", db, "owner:nobody")
	if acct.code == 0 || owner.code != acct.code || !strings.Contains(owner.stderr, "owner") {
		t.Errorf("owner:nobody %+v, account:nosuch %+v: want the same exit status", owner, acct)
	}
	r = tend(t, "", "search", "--db", db, "--json", "cfo")
	var hits []searchHit
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || len(hits) == 0 {
		t.Fatalf("--json: %v %+v", err, r)
	}
	h := hits[0]
	if h.Kind != "note" || h.Label != fmt.Sprintf("#%d", h.RecordID) || h.Channel != "call" || !h.Date.Equal(testNow) {
		t.Errorf("--json hit %+v: want label #%d, channel call, at %s", h, h.RecordID, testNow)
	}
}
