package cli

import (
	"strings"
	"testing"
)

// Issue 16 (new user, 16): the import's help names every kind it reads.
func TestImportHelpListsEveryKind(t *testing.T) {
	r := tend(t, "", "import", "--help")
	out := r.stdout + r.stderr
	for _, k := range importKinds {
		if !strings.Contains(out, k) {
			t.Errorf("import --help does not name %s:\n%s", k, out)
		}
	}
	if strings.Contains(out, "(companies, contacts or activities)") {
		t.Errorf("import --help still lists three kinds:\n%s", out)
	}
}

// Issue 16 (new user, 21): account show leaves out the fields an account
// does not have (it printed "· relationship · prospecting ·  · owner " and
// "renewal  (—)").
func TestAccountShowOmitsEmptyFields(t *testing.T) {
	db := emptyBook(t)
	if r := tend(t, "", "account", "add", "Bare", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := tend(t, "", "account", "show", "Bare", "--db", db)
	lines := strings.Split(r.stdout, "\n")
	if r.code != 0 || len(lines) < 3 {
		t.Fatalf("%+v", r)
	}
	for _, l := range lines[1:3] {
		if strings.Contains(l, "·  ·") || strings.HasPrefix(strings.TrimSpace(l), "·") || strings.HasSuffix(strings.TrimSpace(l), "·") ||
			strings.HasSuffix(l, "owner ") || strings.Contains(l, "renewal  (") || strings.Contains(l, "(—)") {
			t.Errorf("a blank field shown: %q", l)
		}
	}
	if !strings.HasPrefix(lines[1], "  relationship · ") || !strings.Contains(lines[2], "ARR ") || !strings.Contains(lines[2], " · health ") {
		t.Errorf("show:\n%s", r.stdout)
	}
}
