package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A file tend writes for the user (export --out, the cockpit's brief, tend
// backup FILE) never replaces a database — the copy kept before a schema
// upgrade, a backup under any name, another book — nor a file named as a
// kept copy; an earlier export is replaced.
func TestOutputNeverReplacesADatabaseOrAKeptCopy(t *testing.T) {
	db := demoBook(t, "3")
	elsewhere := t.TempDir()
	schemaCopy := db + ".before-schema-2-20261128-090000"
	monday := filepath.Join(elsewhere, "monday.db")
	for _, f := range []string{schemaCopy, monday} {
		if r := tend(t, "", "backup", "--db", db, f); r.code != 0 {
			t.Fatal(r)
		}
	}
	plain := filepath.Join(elsewhere, "cache.bin") // bbolt, not tend
	bdb, err := bolt.Open(plain, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	named := filepath.Join(elsewhere, "old.db.before-restore-20261101-080000")
	upgraded := filepath.Join(elsewhere, "x.db.before-schema-2-20261101-080000")
	for _, f := range []string{named, upgraded} {
		if err := os.WriteFile(f, []byte("not a database, but named as a kept copy"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(elsewhere, "contacts.csv")
	if err := os.Symlink(monday, link); err != nil {
		t.Fatal(err)
	}
	outs := []string{schemaCopy, monday, demoBook(t, "2"), plain, named, upgraded, link}
	before := map[string][]byte{}
	for _, f := range outs {
		before[f], _ = os.ReadFile(f)
	}
	for _, out := range outs {
		for _, args := range [][]string{{"--format", "json"}, {"--format", "csv", "--kind", "contacts"}, {"--format", "md", "--account", "#1"}} {
			r := tend(t, "", append([]string{"export", "--db", db, "--out", out}, args...)...)
			if r.code != 1 || !strings.Contains(r.stderr, "refusing to write") {
				t.Errorf("export %v --out %s: %+v", args, filepath.Base(out), r)
			}
		}
		if r := tend(t, "", "backup", "--db", db, out); r.code != 1 || !strings.Contains(r.stderr, "exists") {
			t.Errorf("backup to %s: %+v", filepath.Base(out), r)
		}
	}
	for _, f := range outs {
		if got, _ := os.ReadFile(f); !bytes.Equal(got, before[f]) {
			t.Errorf("%s was replaced", filepath.Base(f))
		}
	}
	// An earlier export is replaced.
	out := filepath.Join(elsewhere, "book.csv")
	for i := 0; i < 2; i++ {
		if r := tend(t, "", "export", "--db", db, "--format", "csv", "--out", out); r.code != 0 {
			t.Fatalf("export %d: %+v", i, r)
		}
	}
}

// A dry run into a book that does not exist shows what would be imported
// into an empty book, and leaves no file behind: not the book, not its
// directory, not a temporary file.
func TestDryRunIntoAMissingBookLeavesNoFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	src := demoBook(t, "3")
	files := t.TempDir()
	jsonFile, csvFile := filepath.Join(files, "book.json"), filepath.Join(files, "accounts.csv")
	if r := tend(t, "", "export", "--db", src, "--out", jsonFile); r.code != 0 {
		t.Fatal(r)
	}
	if r := tend(t, "", "export", "--db", src, "--format", "csv", "--out", csvFile); r.code != 0 {
		t.Fatal(r)
	}
	parent := t.TempDir()
	for _, db := range []string{filepath.Join(parent, "new.db"), filepath.Join(parent, "sub", "new.db")} {
		for _, f := range []string{jsonFile, csvFile} {
			r := tend(t, "", "import", f, "--dry-run", "--db", db)
			if r.code != 0 || !strings.Contains(r.stdout, "would import") || !strings.Contains(r.stdout, "3 new") {
				t.Errorf("dry run of %s into %s: %+v", filepath.Base(f), db, r)
			}
		}
	}
	if names := dirNames(t, parent); len(names) != 0 {
		t.Errorf("the dry run left %v", names)
	}
	if names := dirNames(t, tmp); len(names) != 0 {
		t.Errorf("the dry run left %v in the temporary directory", names)
	}
	// The real import still creates the book.
	db := filepath.Join(parent, "new.db")
	if r := tend(t, "", "import", jsonFile, "--db", db); r.code != 0 || countAccounts(t, db) != 3 {
		t.Errorf("import: %+v", r)
	}
}

// csvRows reads a CSV export into sorted lines of the named columns.
func csvRows(t *testing.T, data string, cols ...string) []string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("%v: %q", err, data)
	}
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[h] = i
	}
	var rows []string
	for _, rec := range recs[1:] {
		var line []string
		for _, c := range cols {
			i, ok := idx[c]
			if !ok {
				t.Fatalf("no column %s in %v", c, recs[0])
			}
			line = append(line, rec[i])
		}
		rows = append(rows, strings.Join(line, " | "))
	}
	sort.Strings(rows)
	return rows
}

// tend's own accounts and contacts CSV exports import into a new book and
// export the same again, cells guarded against formulas included.
func TestCSVExportsRoundTripThroughImport(t *testing.T) {
	db := demoBook(t, "6")
	for _, name := range []string{"@home", `=HYPERLINK("evil")`, "+Plus Co"} {
		if r := tend(t, "", "account", "add", name, "--db", db); r.code != 0 {
			t.Fatal(r)
		}
	}
	if r := tend(t, "", "note", "@home", "met =Eve", "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	dir := t.TempDir()
	accounts, contacts := filepath.Join(dir, "accounts.csv"), filepath.Join(dir, "contacts.csv")
	for kind, out := range map[string]string{"accounts": accounts, "contacts": contacts} {
		if r := tend(t, "", "export", "--db", db, "--format", "csv", "--kind", kind, "--out", out); r.code != 0 {
			t.Fatal(r)
		}
	}
	if b, _ := os.ReadFile(contacts); !bytes.Contains(b, []byte(",'+")) {
		t.Fatal("the contacts export has no guarded phone: the test tests nothing")
	}
	db2 := emptyBook(t)
	r := tend(t, "", "import", accounts, "--db", db2)
	if r.code != 0 || !strings.Contains(r.stdout, "9 new") || !strings.Contains(r.stdout, " 0 rejected") {
		t.Fatalf("import accounts: %+v", r)
	}
	r = tend(t, "", "import", contacts, "--kind", "contacts", "--db", db2)
	if r.code != 0 || !strings.Contains(r.stdout, " 0 rejected") {
		t.Fatalf("import contacts: %+v", r)
	}
	exp := func(db, kind string) string {
		r := tend(t, "", "export", "--db", db, "--format", "csv", "--kind", kind)
		if r.code != 0 {
			t.Fatal(r)
		}
		return r.stdout
	}
	for kind, cols := range map[string][]string{
		"contacts": {"Account Name", "Name", "Title", "Email", "Phone", "Role"},
		"accounts": {"Account Name", "Industry", "Segment", "Employees", "Tier", "Stage", "Owner", "Account Executive", "Website", "Tags", "ARR", "Currency", "Contract Start", "Renewal Date", "Renewal Notice Days", "Cadence Days", "Acquisition Cost", "Growth Potential", "Replaceability"},
	} {
		want, got := csvRows(t, exp(db, kind), cols...), csvRows(t, exp(db2, kind), cols...)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s differ after the round trip:\nwant\n%s\ngot\n%s", kind, strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
	}
	if r := tend(t, "", "check", "--db", db2); r.code != 0 {
		t.Errorf("check: %+v", r)
	}
}
