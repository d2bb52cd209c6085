package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The ARR history records changes only: a new account's ARR from its
// contract start (even a future one), none for a prospect at $0, none for
// an import or edit that leaves the ARR; two changes on one day keep each
// cause with the change it made.
func TestARRHistoryRecordsChangesWithTheirCauses(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "book.db")
	run := func(args ...string) result { t.Helper(); return tend(t, "", append([]string{"--db", db}, args...)...) }
	history := func(name string) []map[string]any {
		t.Helper()
		v := jsonOf[map[string]any](t, run("account", "show", name, "--json"))
		var out []map[string]any
		l, _ := v["arr_history"].([]any)
		for _, h := range l {
			out = append(out, h.(map[string]any))
		}
		return out
	}
	for _, args := range [][]string{
		{"account", "add", "Acme", "--arr", "90k", "--start", "2025-01-01"},
		{"account", "add", "Future", "--arr", "50k", "--start", "2027-05-01"},
		{"account", "add", "Prospect"},
	} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	if h := history("Future"); len(h) != 1 || h[0]["date"] != "2027-05-01" || h[0]["cause"] != "start" {
		t.Errorf("future start: %v", h)
	}
	if h := history("Prospect"); len(h) != 0 {
		t.Errorf("a $0 prospect: %v", h)
	}
	csv := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(csv, []byte("name,arr,owner\nAcme,90000,Sam\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", csv}, {"account", "edit", "Acme", "--arr", "90k"}, {"account", "edit", "Acme", "--owner", "Bo"}} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	if h := history("Acme"); len(h) != 1 || h[0]["cause"] != "start" {
		t.Errorf("no-change import and edits wrote entries: %v", h)
	}
	if err := os.WriteFile(csv, []byte("name,arr\nAcme,100000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"import", csv, "--prefer", "file"},
		{"opp", "add", "Acme", "Seats", "--kind", "cross-sell", "--value", "15k", "--close", "2026-12-31"},
		{"opp", "edit", "Acme", "1", "--stage", "won"},
	} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	h := history("Acme")
	if last := h[len(h)-1]; len(h) != 2 || last["cause"] != "import (+$10k); cross-sell won: Seats (+$15k)" {
		t.Errorf("same-day changes: %v", h)
	}
	if r := run("account", "show", "Acme"); !strings.Contains(r.stdout, "import (+$10k); cross-sell won: Seats (+$15k)") {
		t.Errorf("show:\n%s", r.stdout)
	}
}
