package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

func emptyBook(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "book.db")
}

func countAccounts(t *testing.T, db string) int {
	t.Helper()
	r := tend(t, "", "account", "list", "--json", "--db", db)
	var rows []accountRow
	if err := json.Unmarshal(minor(r.stdout), &rows); err != nil {
		t.Fatalf("%v: %+v", err, r)
	}
	return len(rows)
}

func TestImportCRMCompaniesReportsBadRowsAndIsIdempotent(t *testing.T) {
	db := emptyBook(t)
	if r := tend(t, "", "account", "add", "Placeholder", "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	// The dry run counts and writes nothing.
	r := tend(t, "", "import", "testdata/hubspot_companies.csv", "--dry-run", "--db", db)
	if r.code != 1 || !strings.Contains(r.stdout, "would import") || !strings.Contains(r.stdout, "4 new, 0 updated, 0 unchanged, 3 rejected") ||
		!strings.Contains(r.stderr, "tend: 3 rows would be rejected (listed above); nothing was written") {
		t.Fatalf("dry run: %+v", r)
	}
	if n := countAccounts(t, db); n != 1 {
		t.Fatalf("a dry run wrote: %d accounts", n)
	}
	r = tend(t, "", "import", "testdata/hubspot_companies.csv", "--db", db)
	if r.code != 1 || !strings.Contains(r.stdout, "4 new, 0 updated, 0 unchanged, 3 rejected") ||
		!strings.Contains(r.stderr, "tend: 3 rows rejected (listed above); the other rows were imported") {
		t.Fatalf("import: %+v", r)
	}
	for _, want := range []string{
		`row 4, column "Annual Revenue": "not a number"`,
		`row 5, column "Company name": name: required`,
		`row 6, column "Create Date": "2024-02-30": no such date`,
		"columns tend does not know, kept as custom fields: Lead Source",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	if n := countAccounts(t, db); n != 5 {
		t.Fatalf("%d accounts after import, want 5", n)
	}
	// Again: the same accounts, updated in place (nothing changed), never duplicated.
	r = tend(t, "", "import", "testdata/hubspot_companies.csv", "--db", db)
	if r.code != 1 || !strings.Contains(r.stdout, "0 new, 0 updated, 4 unchanged, 3 rejected") {
		t.Fatalf("re-import: %+v", r)
	}
	if n := countAccounts(t, db); n != 5 {
		t.Fatalf("%d accounts after re-import, want 5", n)
	}
	r = tend(t, "", "account", "show", "Umbrella", "--json", "--db", db)
	var v accountView
	_ = json.Unmarshal(minor(r.stdout), &v)
	a := v.Account
	// "Annual Revenue" is the customer's own revenue, never ARR (issue 16).
	if a.Name != "Umbrella, Inc." || a.CompanyRevenue.Amount != 98_000_000 || a.CompanyRevenue.Currency != "EUR" || a.ARR.Amount != 0 || a.Custom["Lead Source"] != "Trade\nshow" || a.Custom["Type"] != "Partner" || a.ExternalID != "1006" {
		t.Errorf("Umbrella: %+v", a)
	}
	r = tend(t, "", "account", "show", "Acme", "--json", "--db", db)
	_ = json.Unmarshal(minor(r.stdout), &v)
	if v.Account.CompanyRevenue.Amount != 120_000_000 || v.Account.ARR.Amount != 0 || !v.Account.ContractStart.IsZero() || v.Account.Employees != 1200 || v.Account.Owner != "Maya Chen" || v.Account.Stage != domain.StageProspecting || !strings.Contains(r.stdout, `"stored_stage": "retention"`) || v.Account.Custom["create_date"] != "2024-03-15" {
		t.Errorf("Acme: %+v", v.Account)
	}
}

func TestImportSemicolonsDotDatesMultilineAndContacts(t *testing.T) {
	db := emptyBook(t)
	r := tend(t, "", "import", "testdata/salesforce_eu.csv", "--currency", "EUR", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "2 new, 0 updated, 0 unchanged, 0 rejected") {
		t.Fatalf("%+v", r)
	}
	r = tend(t, "", "account", "show", "Société", "--json", "--db", db)
	var v accountView
	_ = json.Unmarshal(minor(r.stdout), &v)
	if v.Account.Renewal.String() != "2027-12-31" || v.Account.ContractStart.String() != "2024-02-01" || v.Account.Custom["Notes"] != "Key account.\nExec sponsor: Claire." ||
		v.Account.ARR.Amount != 125_000_000 || v.Account.ARR.Currency != "EUR" {
		t.Errorf("EU account: %+v", v.Account)
	}
	db2 := emptyBook(t)
	if r := tend(t, "", "import", "testdata/hubspot_companies.csv", "--db", db2); r.code != 1 {
		t.Fatal(r)
	}
	r = tend(t, "", "import", "testdata/contacts.csv", "--kind", "contacts", "--db", db2)
	if r.code != 1 || !strings.Contains(r.stdout, "2 new") || !strings.Contains(r.stdout, `row 4, column "Company name": "Nonexistent Corp": no account is named`) || !strings.Contains(r.stdout, `row 5, column "Email"`) {
		t.Fatalf("contacts: %+v", r)
	}
	r = tend(t, "", "import", "testdata/contacts.csv", "--kind", "contacts", "--db", db2)
	if !strings.Contains(r.stdout, "0 new, 0 updated, 2 unchanged") {
		t.Errorf("contacts again: %+v", r)
	}
}

func TestImportAmbiguousDatesNeedAFormat(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "dates.csv")
	_ = os.WriteFile(f, []byte("Name,Renewal Date\nA,03/04/2027\nB,05/06/2027\n"), 0o600)
	db := emptyBook(t)
	r := tend(t, "", "import", f, "--db", db)
	if !strings.Contains(r.stdout, "0 new") || strings.Count(r.stdout, "ambiguous date") != 2 {
		t.Fatalf("ambiguous: %+v", r)
	}
	r = tend(t, "", "import", f, "--date-format", "dmy", "--db", db)
	if !strings.Contains(r.stdout, "2 new") {
		t.Fatalf("dmy: %+v", r)
	}
	r = tend(t, "", "account", "show", "A", "--json", "--db", db)
	var v accountView
	_ = json.Unmarshal(minor(r.stdout), &v)
	if v.Account.Renewal.String() != "2027-04-03" {
		t.Errorf("renewal %s", v.Account.Renewal)
	}
	// One unambiguous value settles the column.
	f2 := filepath.Join(dir, "us.csv")
	_ = os.WriteFile(f2, []byte("Name,Renewal Date\nC,03/04/2027\nD,12/25/2027\n"), 0o600)
	if r := tend(t, "", "import", f2, "--db", db); !strings.Contains(r.stdout, "2 new, 0 updated, 0 unchanged, 0 rejected") {
		t.Errorf("us dates: %+v", r)
	}
}

func TestImportFailureLeavesTheBookAsItWas(t *testing.T) {
	db := demoBook(t, "10")
	before := exportBytes(t, db)
	st := store.New(db)
	st.Now = func() time.Time { return testNow }
	st.BeforeCommit = func() error { return errors.New("disk full") }
	f, _ := os.Open("testdata/hubspot_companies.csv")
	defer f.Close()
	_, err := app.ImportCSV(st, f, csvOpts(), app.ImportMode{}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want the injected failure, got %v", err)
	}
	if after := exportBytes(t, db); !bytes.Equal(before, after) {
		t.Error("a failed import changed the book")
	}
}

func exportBytes(t *testing.T, db string) []byte {
	t.Helper()
	r := tend(t, "", "export", "--format", "json", "--db", db)
	if r.code != 0 {
		t.Fatal(r)
	}
	return []byte(r.stdout)
}

func TestJSONExportImportRoundTripIsByteIdentical(t *testing.T) {
	db := demoBook(t, "25")
	_ = tend(t, "", "target", "set", "nps", "30", "--db", db)
	_ = tend(t, "", "note", "#3", "draft-free note\n- [ ] follow up @fri", "--db", db)
	first := exportBytes(t, db)
	file := filepath.Join(t.TempDir(), "book.json")
	_ = os.WriteFile(file, first, 0o600)
	db2 := emptyBook(t)
	r := tend(t, "", "import", file, "--db", db2)
	if r.code != 0 || !strings.Contains(r.stdout, "25 new") {
		t.Fatalf("import json: %+v", r)
	}
	second := exportBytes(t, db2)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export differs (%d vs %d bytes)", len(first), len(second))
	}
	// Re-importing the export finds every account by its UID and changes nothing.
	r = tend(t, "", "import", file, "--db", db2)
	if !strings.Contains(r.stdout, "0 new, 0 updated, 25 unchanged") || !bytes.Equal(first, exportBytes(t, db2)) {
		t.Errorf("re-import: %+v", r)
	}
	if r := tend(t, "", "check", "--db", db2); r.code != 0 || !strings.Contains(r.stdout, "ok") {
		t.Errorf("check after import: %+v", r)
	}
}

func TestExportCSVAndMarkdown(t *testing.T) {
	db := demoBook(t, "5")
	_ = tend(t, "", "account", "add", "=HYPERLINK(\"evil\")", "--db", db)
	for _, kind := range []string{"accounts", "contacts", "interactions", "action-items"} {
		r := tend(t, "", "export", "--format", "csv", "--kind", kind, "--db", db)
		if r.code != 0 || strings.Count(r.stdout, "\n") < 2 {
			t.Errorf("%s: %+v", kind, r)
		}
		if strings.Contains(r.stdout, "\n=HYPERLINK") || strings.Contains(r.stdout, ",=HYPERLINK") {
			t.Errorf("%s: a formula reaches the spreadsheet", kind)
		}
	}
	r := tend(t, "", "export", "--format", "md", "--account", "#1", "--db", db)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# Acme Robotics Inc.") || !strings.Contains(r.stdout, "## Stakeholders") || !strings.Contains(r.stdout, "### Action items") {
		t.Errorf("md: %+v", r)
	}
}

func TestBackupWhileWritingAndRestore(t *testing.T) {
	db := demoBook(t, "10")
	st := store.New(db)
	st.Now = func() time.Time { return testNow }
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_ = st.Update(func(tx *store.Tx) error {
				_, err := app.SaveNoteIn(tx, app.Note{AccountID: 2, Text: "busy writer"})
				return err
			})
			time.Sleep(2 * time.Millisecond) // a cockpit or script between two writes
		}
	}()
	dir := t.TempDir()
	backups := []string{}
	for i := 0; i < 5; i++ {
		b := filepath.Join(dir, "b"+string(rune('0'+i))+".db")
		if r := tend(t, "", "backup", b, "--db", db); r.code != 0 {
			t.Fatalf("backup: %+v", r)
		}
		backups = append(backups, b)
	}
	close(stop)
	wg.Wait()
	for _, b := range backups {
		if r := tend(t, "", "check", "--db", b); r.code != 0 {
			t.Errorf("backup %s fails the check: %+v", b, r)
		}
		if st, _ := os.Stat(b); st.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v", st.Mode())
		}
	}
	// Restore the first backup: the book is as it was then; the replaced file is kept.
	want := exportBytes(t, backups[0])
	r0 := tend(t, "", "restore", backups[0], "--db", db)
	if r0.code != 0 {
		t.Fatalf("restore: %+v", r0)
	}
	if got := exportBytes(t, db); !bytes.Equal(got, want) {
		t.Error("the restored book differs from the backup")
	}
	if kept, _ := filepath.Glob(db + ".before-restore-*"); len(kept) != 1 || !strings.Contains(r0.stdout, "kept as "+kept[0]) {
		t.Errorf("the replaced file was not kept, or not named: %v %q", kept, r0.stdout)
	}
	// A corrupt file is refused and nothing is replaced.
	bad := filepath.Join(dir, "corrupt.db")
	data, _ := os.ReadFile(backups[1])
	_ = os.WriteFile(bad, data[:len(data)/2], 0o600)
	r := tend(t, "", "restore", bad, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "cannot be restored") {
		t.Errorf("corrupt restore: %+v", r)
	}
	if got := exportBytes(t, db); !bytes.Equal(got, want) {
		t.Error("a refused restore changed the book")
	}
}

func TestDefaultBackupNameAndCompletion(t *testing.T) {
	db := demoBook(t, "3")
	r := tend(t, "", "backup", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "book-backup-20261128-090000.db") {
		t.Errorf("%+v", r)
	}
	for _, sh := range []string{"bash", "zsh", "fish"} {
		if r := tend(t, "", "completion", sh); r.code != 0 || !strings.Contains(r.stdout, "tend") {
			t.Errorf("%s: %+v", sh, r)
		}
	}
	if r := tend(t, "", "import", "--help"); r.code != 0 || !strings.Contains(r.stdout, "Examples:") {
		t.Errorf("help: %+v", r)
	}
}

func csvOpts() formats.CSVOptions {
	return formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}
}

// Restore is what a user reaches for when the data file is damaged: it works
// over an empty or garbage file and keeps it.
func TestRestoreOverAGarbageDataFile(t *testing.T) {
	db := demoBook(t, "5")
	backup := filepath.Join(t.TempDir(), "good.db")
	if r := tend(t, "", "backup", backup, "--db", db); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	want := exportBytes(t, db)
	for _, data := range [][]byte{nil, []byte("garbage, not a database")} {
		_ = os.WriteFile(db, data, 0o600)
		if r := tend(t, "", "check", "--db", db); r.code == 0 {
			t.Fatalf("check passes a damaged file: %+v", r)
		}
		r := tend(t, "", "restore", backup, "--db", db)
		if r.code != 0 || !strings.Contains(r.stdout, "kept as") {
			t.Fatalf("restore over %q: %+v", data, r)
		}
		if got := exportBytes(t, db); !bytes.Equal(got, want) {
			t.Error("the restored book differs from the backup")
		}
	}
	kept, _ := filepath.Glob(db + ".before-restore-*")
	if len(kept) != 2 {
		t.Fatalf("kept %v", kept)
	}
	if b, _ := os.ReadFile(kept[len(kept)-1]); string(b) != "garbage, not a database" {
		t.Errorf("the garbage file was not kept as it was: %q", b)
	}
}
