package app

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
	bolt "go.etcd.io/bbolt"
)

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

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
	if r := tend(t, "", "check", "--db", daily); r.code != 0 {
		t.Errorf("the daily backup was damaged: %+v", r)
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

// smallStore makes a demo book of n accounts in its own directory.
func smallStore(t *testing.T, n int) *store.Store {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(DemoOptions(n, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// runInit runs the commands the model starts with and returns their messages.
func runInit(m tea.Model) []tea.Msg {
	var msgs []tea.Msg
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		default:
			msgs = append(msgs, msg)
		}
	}
	run(m.Init())
	return msgs
}

func TestEditorFileLivesNextToTheBookAndACrashedOneIsCleaned(t *testing.T) {
	st := smallStore(t, 3)
	dir := filepath.Dir(st.Path)
	m := New(Options{Store: *st, Name: "book.db", Editor: "true", Now: st.Now})
	_, cmd := m.Update(views.EditExternallyMsg{Draft: domain.Draft{AccountID: 1, Text: "what the CFO said"}})
	if cmd == nil {
		t.Fatal("no editor command")
	}
	ready, ok := cmd().(editorReadyMsg)
	if !ok {
		t.Fatal("the draft was not written for the editor")
	}
	if filepath.Dir(ready.path) != dir || !strings.HasPrefix(filepath.Base(ready.path), ".tend-note-") || filepath.Ext(ready.path) != ".md" {
		t.Errorf("editor file %s, want .tend-note-*.md in %s", ready.path, dir)
	}
	if fi, err := os.Stat(ready.path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("editor file: %v %v", fi, err)
	}
	if b, _ := os.ReadFile(ready.path); string(b) != "what the CFO said" {
		t.Errorf("editor file holds %q", b)
	}
	// A cockpit killed while the editor was open left its file; the next start removes it,
	// and leaves alone the file of a cockpit that still runs (this one).
	crashed := filepath.Join(dir, fmt.Sprintf(".tend-note-%d-42.md", deadPID(t)))
	staleFile(t, crashed)
	runInit(New(Options{Store: *st, Name: "book.db", Now: st.Now}))
	if _, err := os.Stat(crashed); !os.IsNotExist(err) {
		t.Errorf("the crashed editor file is still there: %v", err)
	}
	if _, err := os.Stat(ready.path); err != nil {
		t.Errorf("the open editor file was removed: %v", err)
	}
}

func TestDailyBackupFailureShowsInTheCockpit(t *testing.T) {
	st := smallStore(t, 3)
	// "backups" is a file: the daily backup cannot be written.
	if err := os.WriteFile(filepath.Join(filepath.Dir(st.Path), "backups"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: *st, Name: "book.db", Now: st.Now, Backups: 7})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(200, 30))
	waitFor(t, tm, "daily backup failed")
	if v := finalView(t, tm); !strings.Contains(v, "daily backup failed") {
		t.Errorf("the failure left the status line:\n%s", v)
	}
}

func TestDailyBackupFromTheCockpit(t *testing.T) {
	st := smallStore(t, 3)
	msgs := runInit(New(Options{Store: *st, Name: "book.db", Now: st.Now, Backups: 7}))
	found := false
	for _, msg := range msgs {
		if b, ok := msg.(backupDoneMsg); ok {
			found = true
			if b.err != nil {
				t.Error(b.err)
			}
		}
	}
	if !found {
		t.Fatal("no daily backup at start")
	}
	if r := tend(t, "", "check", "--db", filepath.Join(filepath.Dir(st.Path), "backups", "book-2026-11-28.db")); r.code != 0 {
		t.Errorf("%+v", r)
	}
}
