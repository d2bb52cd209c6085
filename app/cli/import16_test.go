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

// Issue 16 (new user, 18): account show takes a CRM id: crm:ID exactly, or a
// bare one when no account has it as its name or #N; another CRM's id
// recorded beside the account's finds it too.
func TestAccountShowTakesACRMID(t *testing.T) {
	db := emptyBook(t)
	co := writeFile(t, "co.csv", "Record ID,Company name,Company Domain Name,Contract Start\n30000,Acme,acme.example,2024-01-01\n30001,Globex,globex.example,2024-01-01\n")
	sf := writeFile(t, "sf.csv", "Account ID,Account Name,Website,Type\n001Dn000001AAA,Acme,www.acme.example,Customer\n")
	for _, f := range []string{co, sf} {
		if r := tend(t, "", "import", f, "--db", db); r.code != 0 {
			t.Fatalf("%+v", r)
		}
	}
	for ref, want := range map[string]string{"crm:30000": "Acme", "30001": "Globex", "crm:001Dn000001AAA": "Acme", "001Dn000001AAA": "Acme", "#2": "Globex"} {
		r := tend(t, "", "account", "show", ref, "--db", db)
		if r.code != 0 || !strings.Contains(firstLines(r.stdout, 1), want) {
			t.Errorf("account show %s: %+v", ref, r)
		}
	}
	if r := tend(t, "", "account", "show", "crm:99", "--db", db); r.code == 0 || !strings.Contains(r.stderr, `no account has the CRM id "99"`) {
		t.Errorf("an unknown CRM id: %+v", r)
	}
	// Salesforce's ids are case-sensitive: another case is another record.
	if r := tend(t, "", "account", "show", "crm:001dn000001aaa", "--db", db); r.code == 0 {
		t.Errorf("a CRM id in another case finds an account: %+v", r)
	}
	// A plain custom field named like an id is never one.
	if r := tend(t, "", "field", "set", "Globex", "region_id", "R7", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if r := tend(t, "", "account", "show", "crm:R7", "--db", db); r.code == 0 {
		t.Errorf("a region_id field is taken as a CRM id: %+v", r)
	}
}
