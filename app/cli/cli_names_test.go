package cli

import (
	"strings"
	"testing"
)

// Issue 11, part 5: destructive commands take an exact name or #N.
func TestAccountDeleteTakesAnExactNameOnly(t *testing.T) {
	db := demoBook(t, "2")
	for _, name := range []string{"Acme Robotics", "Acme Rockets", "Robot Works"} {
		if r := tend(t, "", "account", "add", "--db", db, name); r.code != 0 {
			t.Fatalf("add %s: %+v", name, r)
		}
	}
	// a part of a name deletes nothing, exits 2 and lists the candidates with their #N
	r := tend(t, "", "account", "delete", "bot", "--yes", "--db", db)
	if r.code != 2 || !strings.Contains(r.stderr, "Acme Robotics (#3)") || !strings.Contains(r.stderr, "Robot Works (#5)") || !strings.Contains(r.stderr, "exact name") {
		t.Errorf("partial name: %+v", r)
	}
	r = tend(t, "", "account", "delete", "acme", "--yes", "--db", db)
	if r.code != 2 || !strings.Contains(r.stderr, "Acme Robotics (#3)") || !strings.Contains(r.stderr, "Acme Rockets (#4)") {
		t.Errorf("prefix: %+v", r)
	}
	if n := countAccounts(t, db); n != 5 {
		t.Fatalf("%d accounts left after refused deletes, want 5", n)
	}
	// nothing like it: not found, exit 1
	if r := tend(t, "", "account", "delete", "Zeta", "--yes", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "no account is named") {
		t.Errorf("no match: %+v", r)
	}
	// a bare number is a name; the hint says how to give the number
	if r := tend(t, "", "account", "delete", "4", "--yes", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "#4") {
		t.Errorf("bare number: %+v", r)
	}
	// the exact name, in any case and spacing, deletes that account only
	if r := tend(t, "", "account", "delete", "  acme   ROBOTICS ", "--yes", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "deleted Acme Robotics (#3)") {
		t.Fatalf("exact name: %+v", r)
	}
	if r := tend(t, "", "account", "delete", "#4", "--yes", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "Acme Rockets") {
		t.Fatalf("#N: %+v", r)
	}
	if r := tend(t, "", "account", "delete", "#4", "--yes", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "not found") {
		t.Errorf("deleted #N again: %+v", r)
	}
	r = tend(t, "", "account", "list", "--db", db)
	if countAccounts(t, db) != 3 || strings.Contains(r.stdout, "Acme Rockets") || !strings.Contains(r.stdout, "Acme Robotics Inc.") || !strings.Contains(r.stdout, "Robot Works") {
		t.Errorf("left:\n%s", r.stdout)
	}
}
