package cockpit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
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

// smallStore makes a demo book of n accounts in its own directory.
func smallStore(t *testing.T, n int) *store.Store {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(n, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	return st
}

// runInit runs the commands the model starts with and returns their messages.
func runInit(m tea.Model) []tea.Msg { return runCmds(m.Init()) }

// runCmds runs cmd (and the commands of a batch) and returns their messages.
func runCmds(cmd tea.Cmd) []tea.Msg {
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
	run(cmd)
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

// The daily backup starts once the book is on screen, never before.
func TestDailyBackupFromTheCockpit(t *testing.T) {
	st := smallStore(t, 3)
	m := New(Options{Store: *st, Name: "book.db", Now: st.Now, Backups: 7, PollEvery: time.Millisecond})
	var loaded tea.Msg
	for _, msg := range runInit(m) {
		switch msg.(type) {
		case backupDoneMsg:
			t.Fatal("the daily backup runs before the book is shown")
		case bookLoadedMsg:
			loaded = msg
		}
	}
	if loaded == nil {
		t.Fatal("the book was not loaded")
	}
	_, cmd := m.Update(loaded)
	found := false
	for _, msg := range runCmds(cmd) {
		if b, ok := msg.(backupDoneMsg); ok {
			found = true
			if b.err != nil {
				t.Error(b.err)
			}
		}
	}
	if !found {
		t.Fatal("no daily backup once the book is shown")
	}
	r := store.New(filepath.Join(t.TempDir(), "restored.db"))
	if _, err := r.Restore(filepath.Join(filepath.Dir(st.Path), "backups", "book-2026-11-28.db.zst")); err != nil {
		t.Fatalf("the daily backup does not restore: %v", err)
	}
	if probs, err := r.Check(); err != nil || len(probs) > 0 {
		t.Errorf("the restored daily backup fails the check: %v %v", err, probs)
	}
}
