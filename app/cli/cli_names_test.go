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

// Issue 16: an account named as a person writes the company ("Acme GmbH")
// is found by its normalised company name (case, punctuation, legal form
// aside) when no account has the exact name; two such accounts are listed,
// and a destructive command still wants the exact name.
func TestAccountFoundByItsCompanyName(t *testing.T) {
	_, run := bookWith(t)
	for _, name := range []string{"ACME GmbH.", "Northwind Traders, Inc.", "Northwind Traders LLC", "Northwind Traders Asia"} {
		if r := run("", "account", "add", name); r.code != 0 {
			t.Fatalf("add %s: %+v", name, r)
		}
	}
	if r := run("", "note", "Acme GmbH", "called about the renewal"); r.code != 0 || !strings.Contains(r.stdout, "ACME GmbH.") {
		t.Fatalf("note on Acme GmbH: %+v", r)
	}
	if r := run("", "note", "list", "acme"); r.code != 0 || !strings.Contains(r.stdout, "called about the renewal") {
		t.Errorf("acme (the company key of ACME GmbH.): %+v", r)
	}
	r := run("", "note", "Northwind Traders Ltd", "hello")
	if r.code != 2 || !strings.Contains(r.stderr, `"Northwind Traders Ltd" matches 2 accounts: Northwind Traders, Inc. (#4), Northwind Traders LLC (#5)`) {
		t.Errorf("two accounts of one company name: %+v", r)
	}
	if r := run("", "account", "delete", "Acme GmbH", "--yes"); r.code == 0 {
		t.Errorf("delete took a company name for the exact name: %+v", r)
	}
	// a prefix is still a prefix (no company key matches "Northwind Trad")
	if r := run("", "account", "show", "Northwind Traders A"); r.code != 0 || !strings.Contains(r.stdout, "Northwind Traders Asia") {
		t.Errorf("prefix: %+v", r)
	}
}
