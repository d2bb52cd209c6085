package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func showAccount(t *testing.T, db, ref string) accountView {
	t.Helper()
	r := tend(t, "", "account", "show", ref, "--json", "--db", db)
	var v accountView
	if err := json.Unmarshal(minor(r.stdout), &v); err != nil {
		t.Fatalf("show %s: %v %+v", ref, err, r)
	}
	return v
}

func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := tend(t, "", args...)
	if r.code != 0 {
		t.Fatalf("tend %s: %+v", strings.Join(args, " "), r)
	}
	return r
}

// A colleague's export is another book: its #1 is not my #1.
func TestImportingAnotherBookNeverReplacesMyAccounts(t *testing.T) {
	mine, theirs := emptyBook(t), emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--arr", "50k", "--db", mine)
	mustRun(t, "note", "Acme Robotics", "Renewal call, they want SSO", "--db", mine)
	mustRun(t, "account", "add", "Zeta Corp", "--arr", "80k", "--db", theirs)
	mustRun(t, "note", "Zeta", "Kick-off with Zeta", "--db", theirs)
	exp := writeFile(t, "theirs.json", string(exportBytes(t, theirs)))

	r := mustRun(t, "import", exp, "--dry-run", "--db", mine)
	if !strings.Contains(r.stdout, "1 new, 0 updated") || !strings.Contains(r.stdout, "+ Zeta Corp") {
		t.Fatalf("dry run: %+v", r)
	}
	r = mustRun(t, "import", exp, "--db", mine)
	if !strings.Contains(r.stdout, "1 new, 0 updated") {
		t.Fatalf("import: %+v", r)
	}
	acme := showAccount(t, mine, "Acme Robotics")
	if acme.Account.ID != 1 || len(acme.Interactions) != 1 || !strings.Contains(acme.Interactions[0].Summary, "SSO") {
		t.Fatalf("my account after the import: %+v", acme)
	}
	zeta := showAccount(t, mine, "Zeta Corp")
	if zeta.Account.ID != 2 || len(zeta.Interactions) != 1 || zeta.Interactions[0].Summary != "Kick-off with Zeta" {
		t.Fatalf("their account: #%d %+v", zeta.Account.ID, zeta.Interactions)
	}
	// The same account in both books keeps one identity.
	if theirZeta := showAccount(t, theirs, "Zeta Corp"); theirZeta.Account.UID != zeta.Account.UID {
		t.Errorf("UID %s became %s", theirZeta.Account.UID, zeta.Account.UID)
	}
	if r := tend(t, "", "check", "--db", mine); r.code != 0 {
		t.Fatalf("check: %+v", r)
	}
	// Importing it again changes nothing.
	r = mustRun(t, "import", exp, "--db", mine)
	if !strings.Contains(r.stdout, "0 new, 0 updated, 2 unchanged") && !strings.Contains(r.stdout, "0 new, 0 updated, 1 unchanged") {
		t.Fatalf("re-import: %+v", r)
	}
	if n := countAccounts(t, mine); n != 2 {
		t.Fatalf("%d accounts after a re-import", n)
	}
}

// A field edited here since the last import is not overwritten silently.
func TestReimportKeepsLocalEditsAndReportsConflicts(t *testing.T) {
	src, dst := emptyBook(t), emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--arr", "50k", "--segment", "SMB", "--owner", "maya", "--db", src)
	first := writeFile(t, "v1.json", string(exportBytes(t, src)))
	mustRun(t, "account", "add", "Placeholder", "--db", dst) // not empty: merge, not as-is
	mustRun(t, "import", first, "--db", dst)

	// Here the segment is corrected; there the segment and the owner change.
	editAccount(t, dst, "Acme Robotics", func(a *domain.Account) { a.Segment = "Mid-Market" })
	second := strings.Replace(string(exportBytes(t, src)), `"segment":"SMB"`, `"segment":"Enterprise"`, 1)
	second = strings.Replace(second, `"owner":"maya"`, `"owner":"omar"`, 1)
	file2 := writeFile(t, "v2.json", second)

	r := mustRun(t, "import", file2, "--dry-run", "--db", dst)
	if !strings.Contains(r.stdout, `account: owner: "maya" → "omar"`) || !strings.Contains(r.stdout, `! account: segment: kept "Mid-Market"`) || !strings.Contains(r.stdout, "1 conflicts") {
		t.Fatalf("dry run: %+v", r)
	}
	mustRun(t, "import", file2, "--db", dst)
	v := showAccount(t, dst, "Acme Robotics")
	if v.Account.Segment != "Mid-Market" || v.Account.Owner != "omar" {
		t.Fatalf("after import: segment %q owner %q", v.Account.Segment, v.Account.Owner)
	}
	// The conflict stays visible until it is resolved: the same file again reports it, changing nothing.
	if r := mustRun(t, "import", file2, "--db", dst); !strings.Contains(r.stdout, "1 conflicts") || !strings.Contains(r.stdout, "0 updated") {
		t.Fatalf("second import: %+v", r)
	}
	// --prefer file resolves it with the file's value; then it is quiet.
	mustRun(t, "import", file2, "--prefer", "file", "--db", dst)
	if v := showAccount(t, dst, "Acme Robotics"); v.Account.Segment != "Enterprise" {
		t.Fatalf("--prefer file: %q", v.Account.Segment)
	}
	if r := mustRun(t, "import", file2, "--db", dst); strings.Contains(r.stdout, "conflict") {
		t.Fatalf("after resolving: %+v", r)
	}
}

// A CRM re-import does not overwrite a correction made in tend.
func TestCSVReimportKeepsCorrections(t *testing.T) {
	db := emptyBook(t)
	csv1 := writeFile(t, "c1.csv", "Company name,Industry,Company owner\nAcme Robotics,Manufacturing,Maya Chen\n")
	mustRun(t, "import", csv1, "--db", db)
	// Corrected in tend.
	v := showAccount(t, db, "Acme Robotics")
	editAccount(t, db, "Acme Robotics", func(a *domain.Account) { a.Industry = "Robotics" })
	if got := showAccount(t, db, "Acme Robotics"); got.Account.Industry != "Robotics" || got.Account.UID != v.Account.UID {
		t.Fatalf("correction: %+v", got.Account)
	}
	// The CRM's next export still says Manufacturing (unchanged there): the correction stays, silently.
	r := mustRun(t, "import", csv1, "--db", db)
	if got := showAccount(t, db, "Acme Robotics"); got.Account.Industry != "Robotics" || strings.Contains(r.stdout, "conflict") {
		t.Fatalf("re-import of the same CRM file: %q %+v", got.Account.Industry, r)
	}
	// The CRM changes it too: a conflict, reported, the correction kept.
	csv2 := writeFile(t, "c2.csv", "Company name,Industry,Company owner\nAcme Robotics,Industrial Automation,Maya Chen\n")
	r = mustRun(t, "import", csv2, "--db", db)
	if got := showAccount(t, db, "Acme Robotics"); got.Account.Industry != "Robotics" || !strings.Contains(r.stdout, "1 conflicts") {
		t.Fatalf("conflicting CRM change: %q %+v", got.Account.Industry, r)
	}
}

// editAccount changes an account the way the cockpit's profile form does.
func editAccount(t *testing.T, db, name string, edit func(*domain.Account)) {
	t.Helper()
	st := store.New(db)
	st.Now = func() time.Time { return testNow }
	err := st.Update(func(tx *store.Tx) error {
		s, err := tx.FindAccount(name)
		if err != nil {
			return err
		}
		a, err := tx.Account(s.ID)
		if err != nil {
			return err
		}
		edit(&a)
		return tx.PutAccount(&a)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHugeImportedNumbersNeverWrapTheCounter(t *testing.T) {
	src := emptyBook(t)
	mustRun(t, "account", "add", "Max", "--db", src)
	huge := strings.Replace(string(exportBytes(t, src)), `"id":1,`, `"id":18446744073709551615,`, 1)
	file := writeFile(t, "huge.json", huge)
	for _, target := range []string{"empty", "not empty"} {
		db := emptyBook(t)
		if target == "not empty" {
			mustRun(t, "account", "add", "Acme", "--db", db)
		}
		mustRun(t, "import", file, "--db", db)
		a := mustRun(t, "account", "add", "After", "--json", "--db", db)
		var acct struct{ ID uint64 }
		_ = json.Unmarshal(minor(a.stdout), &acct)
		if acct.ID == 0 || acct.ID > 10 {
			t.Fatalf("%s book: the next account got #%d", target, acct.ID)
		}
		if r := tend(t, "", "check", "--db", db); r.code != 0 {
			t.Fatalf("%s book: check %+v", target, r)
		}
		if n := countAccounts(t, db); n != map[string]int{"empty": 2, "not empty": 3}[target] {
			t.Fatalf("%s book: %d accounts", target, n)
		}
	}
}

func TestGarbageSettingsInAnImportAreRefused(t *testing.T) {
	src, db := emptyBook(t), emptyBook(t)
	mustRun(t, "account", "add", "Acme", "--db", src)
	mustRun(t, "target", "set", "nps", "40", "--db", db)
	for _, bad := range []string{`{"kpi_targets": {"nps": "lots"}}`, `{"kpi_targets": {"bogus": {"value": 1}}}`, `{"gross_margin": 7}`, `{"theme": "x"}`} {
		file := writeFile(t, "bad.json", strings.Replace(string(exportBytes(t, src)), `"settings": {}`, `"settings": `+bad, 1))
		r := tend(t, "", "import", file, "--db", db)
		if r.code != 1 || !strings.Contains(r.stderr, "nothing was imported") {
			t.Fatalf("%s: %+v", bad, r)
		}
		if r := tend(t, "", "target", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "+40") {
			t.Fatalf("targets after a refused import: %+v", r)
		}
	}
	if n := countAccounts(t, db); n != 0 {
		t.Fatalf("a refused import wrote %d accounts", n)
	}
}

// A note lands on the account meant, or on none: a part in the middle of a
// name is not enough; a UID always is.
func TestNoteNeedsTheNameItsBeginningOrAUID(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--db", db)
	mustRun(t, "account", "add", "Zeta Corp", "--db", db)
	if r := tend(t, "", "note", "bot", "hello", "--db", db); r.code != 2 || !strings.Contains(r.stderr, "Acme Robotics (#1)") {
		t.Fatalf("part of a name: %+v", r)
	}
	if r := mustRun(t, "note", "acme", "hello", "--db", db); !strings.Contains(r.stdout, "Acme Robotics") {
		t.Fatalf("beginning of a name: %+v", r)
	}
	uid := showAccount(t, db, "Zeta Corp").Account.UID
	if r := mustRun(t, "note", uid, "by uid", "--db", db); !strings.Contains(r.stdout, "Zeta Corp") {
		t.Fatalf("by UID: %+v", r)
	}
	if r := tend(t, "", "account", "show", "0191d1a0-0000-7000-8000-000000000000", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "no account has the UID") {
		t.Fatalf("unknown UID: %+v", r)
	}
}

// An account typed by hand has no website; the CRM's has one: one account.
func TestCRMImportFindsAHandMadeAccountByName(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "account", "add", "Acme Robotics", "--segment", "Mid-Market", "--db", db)
	mustRun(t, "account", "add", "Twin", "--db", db)
	mustRun(t, "account", "add", "twin", "--db", db)
	csv := writeFile(t, "c.csv", "Company name,Company Domain Name,Industry,Annual Revenue,Segment\nAcme Robotics,acme.com,Robotics,$1.2M,Enterprise\nTwin,twin.com,Twins,1,SMB\n")
	r := tend(t, "", "import", csv, "--db", db)
	if r.code != 1 {
		t.Errorf("a rejected row: exit %d, want 1", r.code)
	}
	// Acme is found by its name; "Twin" names two accounts, so it is not
	// guessed: the row is rejected naming both (issue 16). What nobody had
	// filled in (no industry) takes the CRM's values; the segment typed here is
	// a conflict, kept.
	if !strings.Contains(r.stdout, "0 new, 1 updated") || !strings.Contains(r.stdout, "Twin (#2), twin (#3)") || !strings.Contains(r.stdout, "1 conflicts") || !strings.Contains(r.stdout, `segment: kept "Mid-Market"`) {
		t.Fatalf("%+v", r)
	}
	if v := showAccount(t, db, "Acme Robotics"); v.Account.Website != "acme.com" || v.Account.Industry != "Robotics" || v.Account.CompanyRevenue.Amount != 120_000_000 || v.Account.ARR.Amount != 0 || v.Account.Segment != "Mid-Market" {
		t.Fatalf("Acme: %+v", v.Account)
	}
	if n := countAccounts(t, db); n != 3 {
		t.Fatalf("%d accounts", n)
	}
}

// tend's own accounts CSV carries the global id, not a CRM id: a round trip
// changes nothing, and another book's CSV never lands on this book's #1.
func TestOwnCSVRoundTripAndAnotherBooksCSV(t *testing.T) {
	a, b := demoBook(t, "3"), emptyBook(t)
	aCSV := writeFile(t, "a.csv", mustRun(t, "export", "--format", "csv", "--db", a).stdout)
	if r := mustRun(t, "import", aCSV, "--db", a); !strings.Contains(r.stdout, "0 new, 0 updated, 3 unchanged") || strings.Contains(r.stdout, "custom fields") {
		t.Fatalf("own CSV round trip: %+v", r)
	}
	mustRun(t, "account", "add", "Zenith Corp", "--segment", "SMB", "--arr", "12k", "--db", b)
	bCSV := writeFile(t, "b.csv", mustRun(t, "export", "--format", "csv", "--db", b).stdout)
	before := showAccount(t, a, "#1")
	if r := mustRun(t, "import", bCSV, "--db", a); !strings.Contains(r.stdout, "1 new, 0 updated") {
		t.Fatalf("another book's CSV: %+v", r)
	}
	after := showAccount(t, a, "#1")
	if after.Account.Name != before.Account.Name || after.Account.ARR != before.Account.ARR || after.Account.ExternalID != "" {
		t.Fatalf("#1 changed: %+v → %+v", before.Account, after.Account)
	}
	if z := showAccount(t, a, "Zenith Corp"); z.Account.UID != showAccount(t, b, "Zenith Corp").Account.UID {
		t.Errorf("Zenith's global id was not kept")
	}
}

// A file that gives one identity to two records is refused whole: the book,
// its check and its backups stay sound.
func TestImportRefusesDuplicateUIDs(t *testing.T) {
	db := demoBook(t, "3")
	exp := string(exportBytes(t, db))
	var book map[string]any
	if err := json.Unmarshal([]byte(exp), &book); err != nil {
		t.Fatal(err)
	}
	accts := book["accounts"].([]any)
	first := accts[0].(map[string]any)
	// 1. An account copied under a new account UID: its records keep their UIDs.
	copyAcct := map[string]any{}
	for k, v := range first {
		copyAcct[k] = v
	}
	acct := map[string]any{}
	for k, v := range first["account"].(map[string]any) {
		acct[k] = v
	}
	acct["uid"], acct["name"], acct["website"] = "01a228a8-0000-7000-8000-000000000001", "Newco", "newco.example.com"
	copyAcct["account"] = acct
	for i, variant := range [][]any{{copyAcct}, {first, copyAcct}} {
		list, _ := json.Marshal(variant)
		file := writeFile(t, "dup.json", `{"format": "tend-book", "version": 1, "accounts": `+string(list)+`, "settings": {}}`)
		r := tend(t, "", "import", file, "--db", db)
		if r.code != 1 || !strings.Contains(r.stderr, "UID") || !strings.Contains(r.stderr, "nothing was imported") {
			t.Fatalf("variant %d: %+v", i, r)
		}
		// Into an empty book too (the file alone repeats a UID in variant 1).
		if i == 1 {
			r := tend(t, "", "import", file, "--db", emptyBook(t))
			if r.code != 1 || !strings.Contains(r.stderr, "twice") {
				t.Fatalf("variant %d into an empty book: %+v", i, r)
			}
		}
	}
	if n := countAccounts(t, db); n != 3 {
		t.Fatalf("%d accounts", n)
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Fatalf("check: %+v", r)
	}
}

// Two customers of one name in another book stay two customers here.
func TestSameNameAccountsOfAnotherBookStayApart(t *testing.T) {
	src, dst := emptyBook(t), emptyBook(t)
	mustRun(t, "account", "add", "Acme", "--segment", "SMB", "--db", src)
	mustRun(t, "account", "add", "Acme", "--segment", "Enterprise", "--db", src)
	mustRun(t, "note", "#1", "Berlin note", "--db", src)
	mustRun(t, "note", "#2", "Boston note", "--db", src)
	mustRun(t, "account", "add", "Other", "--db", dst)
	r := mustRun(t, "import", writeFile(t, "b.json", string(exportBytes(t, src))), "--db", dst)
	if !strings.Contains(r.stdout, "2 new, 0 updated") || strings.Contains(r.stdout, "conflict") {
		t.Fatalf("%+v", r)
	}
	for _, ref := range []string{"#2", "#3"} {
		v := showAccount(t, dst, ref)
		if len(v.Interactions) != 1 {
			t.Fatalf("%s has %d notes", ref, len(v.Interactions))
		}
		want := map[string]string{"SMB": "Berlin note", "Enterprise": "Boston note"}[v.Account.Segment]
		if v.Interactions[0].Summary != want {
			t.Fatalf("%s (%s) holds %q", ref, v.Account.Segment, v.Interactions[0].Summary)
		}
	}
}

// An export written before records had UIDs: its goals are found again by
// title and metric, not added once more at every import.
func TestLegacyExportGoalsAreNotDuplicated(t *testing.T) {
	db := demoBook(t, "3")
	exp := string(exportBytes(t, db))
	legacy := regexp.MustCompile(`"uid":"[0-9a-f-]{36}",?`).ReplaceAllString(exp, "")
	legacy = regexp.MustCompile(`"book_id": "[0-9a-f-]{36}",\n`).ReplaceAllString(legacy, "")
	file := writeFile(t, "old.json", legacy)
	goals := func() int {
		n := 0
		for _, ref := range []string{"#1", "#2", "#3"} {
			if v := showAccount(t, db, ref); true {
				n += len(v.Plan.Goals)
			}
		}
		return n
	}
	before := goals()
	if before == 0 {
		t.Fatal("the demo book has no goals to test with")
	}
	for i := 0; i < 2; i++ {
		mustRun(t, "import", file, "--db", db)
	}
	if after := goals(); after != before {
		t.Fatalf("goals: %d before, %d after two imports of an old export", before, after)
	}
}

// A bare number means the same account in every command.
func TestABareNumberMeansOneAccountEverywhere(t *testing.T) {
	db := emptyBook(t)
	for _, n := range []string{"Alpha", "Beta", "Gamma", "3", "2024 Ventures"} {
		mustRun(t, "account", "add", n, "--db", db)
	}
	if v := showAccount(t, db, "3"); v.Account.Name != "3" {
		t.Fatalf("show 3: %s", v.Account.Name)
	}
	if r := mustRun(t, "note", "3", "for the account named 3", "--db", db); !strings.Contains(r.stdout, "on 3 ") {
		t.Fatalf("note 3: %+v", r)
	}
	if r := mustRun(t, "account", "delete", "3", "--yes", "--db", db); !strings.Contains(r.stdout, "deleted 3 (#4)") {
		t.Fatalf("delete 3: %+v", r)
	}
	// "20" is not the beginning of "2024 Ventures".
	if r := tend(t, "", "note", "20", "x", "--db", db); r.code == 0 {
		t.Fatalf("note 20: %+v", r)
	}
	if r := tend(t, "", "account", "show", "#4", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "#4") {
		t.Fatalf("show #4 after delete: %+v", r)
	}
}

// Two books that each hold the same customer (their records have UIDs of
// their own): importing one into the other adds no second copy of a contact,
// a note, an item or a goal, and reopens nothing done here.
func TestAnotherBooksCopyOfTheSameCustomersAddsNoDuplicates(t *testing.T) {
	mine, theirs := demoBook(t, "5"), demoBook(t, "5")
	before := showAccount(t, mine, "#1")
	var item domain.ActionItem
	for _, it := range before.ActionItems {
		if !it.Done {
			item = it
			break
		}
	}
	if item.ID == 0 {
		t.Fatal("the demo account has no open item")
	}
	st := store.New(mine)
	st.Now = func() time.Time { return testNow }
	if err := st.Update(func(tx *store.Tx) error {
		it, err := tx.ActionItem(item.AccountID, item.ID)
		if err != nil {
			return err
		}
		it.Done = true
		return tx.PutActionItem(&it)
	}); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "import", writeFile(t, "theirs.json", string(exportBytes(t, theirs))), "--db", mine)
	after := showAccount(t, mine, "#1")
	if len(after.Contacts) != len(before.Contacts) || len(after.ActionItems) != len(before.ActionItems) || len(after.Plan.Goals) != len(before.Plan.Goals) {
		t.Fatalf("copies added: contacts %d→%d, items %d→%d, goals %d→%d", len(before.Contacts), len(after.Contacts),
			len(before.ActionItems), len(after.ActionItems), len(before.Plan.Goals), len(after.Plan.Goals))
	}
	for _, it := range after.ActionItems {
		if it.ID == item.ID && !it.Done {
			t.Fatalf("the import reopened %q", it.Text)
		}
	}
	if n := countAccounts(t, mine); n != 5 {
		t.Fatalf("%d accounts", n)
	}
}
