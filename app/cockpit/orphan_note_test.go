package cockpit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// A note whose account is deleted elsewhere while it is typed cannot be
// saved there; its text is kept in a file beside the book (the draft went
// with the account), so quitting loses nothing.
func TestANoteWhoseAccountIsDeletedElsewhereIsKeptInAFile(t *testing.T) {
	st, acct := acmeBook(t, 2)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics")
	typeText(tm, "Important call notes for Acme")
	if err := app.DeleteAccountOf(st, acct); err != nil {
		t.Fatal(err)
	}
	keys(tm, "ctrl+s")
	waitFor(t, tm, "your text is kept in")
	var found string
	deadline := time.Now().Add(5 * time.Second)
	for found == "" && time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path), "tend-unsaved-note-*.txt"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if strings.Contains(string(b), "Important call notes for Acme") {
				found = f
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if found == "" {
		t.Fatal("the note's text is in no file beside the book")
	}
	if fi, err := os.Stat(found); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("kept note's mode: %v %v", fi.Mode(), err)
	}
}

// n in the records browser starts a note on its account (it was taken as
// nothing, and the letters typed next ran as the browser's keys).
func TestNInTheRecordsBrowserStartsANote(t *testing.T) {
	st, _ := acmeBook(t, 2)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "l")
	waitFor(t, tm, "Records of Acme Robotics")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics")
}

// A search result opens its account or nothing: after a restore gave its
// number to another account (another UID), enter opens nothing.
func TestASearchHitOfAnotherBookOpensNothing(t *testing.T) {
	st, acct := acmeBook(t, 2)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	tm.Send(views.OpenRecordMsg{Hit: views.SearchHit{AccountID: acct.ID, AccountUID: "01a00000-0000-7000-8000-000000000000", Account: "Northwind", Kind: "note", RecID: 1}})
	waitFor(t, tm, "nothing opened", "Northwind is no longer in the book")
	tm.Send(views.OpenRecordMsg{Hit: views.SearchHit{AccountID: acct.ID, AccountUID: acct.UID, Account: "Acme Robotics", Kind: "note", RecID: 1}})
	waitFor(t, tm, "found: Acme Robotics")
}

// A draft another cockpit discarded while this one was typing is written
// again when the note is closed with text: "its draft is kept" holds.
func TestClosingANoteKeepsItsDraftOnDisk(t *testing.T) {
	st, acct := acmeBook(t, 2)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics")
	typeText(tm, "Dunder call R5")
	// Another cockpit discards the draft (whether or not this one saved it yet).
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteDraft(acct.ID, 0) }); err != nil {
		t.Fatal(err)
	}
	keys(tm, "esc")
	waitFor(t, tm, "its draft is kept")
	deadline := time.Now().Add(5 * time.Second)
	for {
		var ds []domain.Draft
		_ = st.View(func(tx *store.Tx) (err error) { ds, err = tx.Drafts(); return })
		if len(ds) == 1 && strings.Contains(ds[0].Text, "Dunder call R5") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("drafts on disk after the close: %+v", ds)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
