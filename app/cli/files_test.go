package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/store"
	bolt "go.etcd.io/bbolt"
)

// staleFile writes a file as a killed process would have left it an hour ago.
func staleFile(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("left by a killed tend"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestExportOutOntoTheBookOrItsBackupsIsRefused(t *testing.T) {
	db := demoBook(t, "5")
	dir := filepath.Dir(db)
	if r := tend(t, "", "backup", "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	daily, err := store.New(db).DailyBackup(testNow, 7)
	if err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	link, hard := filepath.Join(other, "alias.db"), filepath.Join(other, "hard.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	want := exportBytes(t, db)
	backup := filepath.Join(dir, "book-backup-20261128-090000.db")
	backupBytes, _ := os.ReadFile(backup)
	dailyBytes, _ := os.ReadFile(daily)
	for _, out := range []string{db, link, hard, filepath.Join(dir, "nowhere", "..", "book.db"), backup, daily, db + ".before-restore"} {
		for _, format := range []string{"json", "csv"} {
			r := tend(t, "", "export", "--format", format, "--out", out, "--db", db)
			if r.code != 1 || !strings.Contains(r.stderr, "refusing to write") {
				t.Errorf("export --out %s: %+v", out, r)
			}
		}
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Fatalf("the book was damaged: %+v", r)
	}
	if got := exportBytes(t, db); !bytes.Equal(got, want) {
		t.Error("the book changed")
	}
	if got, _ := os.ReadFile(backup); !bytes.Equal(got, backupBytes) {
		t.Error("the backup changed")
	}
	if got, _ := os.ReadFile(daily); len(got) == 0 || !bytes.Equal(got, dailyBytes) {
		t.Error("the daily backup (compressed) changed")
	}
}

func TestFailedExportLeavesTheOldExport(t *testing.T) {
	db := demoBook(t, "3")
	dir := t.TempDir()
	out := filepath.Join(dir, "book.json")
	if r := tend(t, "", "export", "--out", out, "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	old, _ := os.ReadFile(out)
	if r := tend(t, "", "account", "add", "Newco", "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	// Another process holds the write lock: the export fails, the old one stays.
	bdb, err := bolt.Open(db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r := tend(t, "", "export", "--out", out, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "busy") {
		t.Errorf("export of a busy book: %+v", r)
	}
	r = tend(t, "", "export", "--format", "csv", "--kind", "contacts", "--out", out, "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, "busy") {
		t.Errorf("csv export of a busy book: %+v", r)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}
	// A usage error does not touch it either.
	if r := tend(t, "", "export", "--format", "md", "--out", out, "--db", db); r.code != 2 {
		t.Errorf("md without --account: %+v", r)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, old) {
		t.Errorf("a failed export changed the old one (%d bytes, was %d)", len(got), len(old))
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}
	if r := tend(t, "", "export", "--out", out, "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	if got, _ := os.ReadFile(out); bytes.Equal(got, old) || !bytes.Contains(got, []byte("Newco")) {
		t.Error("the new export did not replace the old one")
	}
}

func TestBackupCLIStalePartialAndTheLiveBook(t *testing.T) {
	db := demoBook(t, "3")
	dir := t.TempDir()
	x := filepath.Join(dir, "x.db")
	staleFile(t, x+".partial")
	if r := tend(t, "", "backup", x, "--db", db); r.code != 0 {
		t.Fatalf("a stale partial blocks the backup: %+v", r)
	}
	if r := tend(t, "", "check", "--db", x); r.code != 0 {
		t.Errorf("%+v", r)
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("left behind: %v", names)
	}
	link := filepath.Join(dir, "alias.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	for _, dst := range []string{db, link} {
		if r := tend(t, "", "backup", dst, "--db", db); r.code != 1 || !strings.Contains(r.stderr, "the live data file") {
			t.Errorf("backup onto %s: %+v", dst, r)
		}
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Errorf("%+v", r)
	}
}
