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

// Issue 16 (new user, 13): the import lists every column: read as which
// field, kept as a custom field, or not imported and why.
func TestImportListsEveryColumn(t *testing.T) {
	db := emptyBook(t)
	co := writeFile(t, "co.csv", "Record ID,Company name,Lifecycle Stage,Create Date,Company owner,Favourite colour\n1,Acme,customer,2024-01-01,Maya,blue\n")
	r := tend(t, "", "import", co, "--db", db)
	for _, want := range []string{
		"columns read: Record ID → external_id, Company name → name, Lifecycle Stage → stage, Create Date → create_date (a custom field), Company owner → owner\n",
		"columns tend does not know, kept as custom fields: Favourite colour\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("want %q in\n%s", want, r.stdout)
		}
	}
	deals := writeFile(t, "deals.csv", "Deal Name,Deal Stage,Amount,Close Date,Deal probability,Deal Type,Deal owner,Associated Company IDs\nSeats,Negotiation,100,2026-12-20,0.9,Upsell,Maya,1\n")
	r = tend(t, "", "import", deals, "--db", db)
	for _, want := range []string{"Deal probability → probability", "Deal Type → kind", `column "Deal owner" not imported: tend's opportunities have no owner`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("want %q in\n%s", want, r.stdout)
		}
	}
}
