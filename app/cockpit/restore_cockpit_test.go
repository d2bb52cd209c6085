package cockpit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A cockpit open across a restore: its pane shows Zeta, a note for Zeta is
// being typed, and the restored backup has no Zeta but another account under
// Zeta's number. The cockpit reloads the restored book, leaves Zeta's pane,
// never saves the note on the other account, and keeps it for the user to
// attach where they choose.
// zetaNoteBeforeRestore: a cockpit on Zeta's note, "Zeta wants a
// discount" typed, and a backup where Omega has Zeta's number.
func zetaNoteBeforeRestore(t *testing.T) (*teatest.TestModel, *store.Store, string, domain.Account) {
	t.Helper()
	tm, st := cockpit(t, 5, 120, 40)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(backup); err != nil {
		t.Fatal(err)
	}
	zeta := domain.NewAccount("Zeta Newco")
	if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&zeta) }); err != nil {
		t.Fatal(err)
	}
	// In the backup, another account takes Zeta's number.
	omega := domain.NewAccount("Omega Holdings")
	b := store.New(backup)
	b.Now = st.Now
	if err := b.Update(func(tx *store.Tx) error { return tx.PutAccount(&omega) }); err != nil {
		t.Fatal(err)
	}
	if omega.ID != zeta.ID {
		t.Fatalf("the test needs Omega under Zeta's number: %d %d", omega.ID, zeta.ID)
	}

	keys(tm, "2")
	waitFor(t, tm, "6 of 6 accounts")
	keys(tm, "ctrl+k")
	typeText(tm, "zeta")
	waitFor(t, tm, "Jump to account", "Zeta Newco")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Note · Zeta Newco")
	typeText(tm, "Zeta wants a discount")
	waitFor(t, tm, "Zeta wants a discount")

	return tm, st, backup, omega
}

func TestCockpitAcrossARestore(t *testing.T) {
	tm, st, backup, omega := zetaNoteBeforeRestore(t)
	res, err := st.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	// Save at once: before or after the cockpit noticed, the note must not
	// land on Omega.
	keys(tm, "ctrl+s")
	// Back on the portfolio of the restored book.
	waitFor(t, tm, "NOT saved but kept", "replaced (restored)", "this note for Zeta Newco is NOT saved")
	keys(tm, "esc") // put aside
	waitFor(t, tm, "Omega Holdings")

	texts := func() map[string]uint64 {
		out := map[string]uint64{}
		err := st.View(func(tx *store.Tx) error {
			if got := tx.Identity(); got != res.Identity {
				t.Errorf("the live book is %+v, the restore made %+v", got, res.Identity)
			}
			sums, err := tx.Summaries()
			if err != nil {
				return err
			}
			for _, s := range sums {
				items, _, err := tx.Interactions(s.ID, store.Cursor{}, store.PageSize)
				if err != nil {
					return err
				}
				for _, in := range items {
					out[in.Summary] = s.ID
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if id, ok := texts()["Zeta wants a discount"]; ok {
		t.Fatalf("the note typed for Zeta was saved on account #%d of the restored book", id)
	}

	// The user attaches the kept note to the account they choose.
	keys(tm, "ctrl+k")
	typeText(tm, "omega")
	waitFor(t, tm, "Omega Holdings")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Attach the note typed for Zeta Newco to Omega Holdings? y/n")
	keys(tm, "y")
	waitFor(t, tm, "Note · Omega Holdings", "attached the note typed for Zeta Newco")
	// Attached, it is on disk at once as Omega's draft, before any keystroke:
	// a quit or a crash now keeps it.
	var drafts []domain.Draft
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if err := st.View(func(tx *store.Tx) (err error) { drafts, err = tx.Drafts(); return err }); err != nil {
			t.Fatal(err)
		}
		if len(drafts) == 1 || time.Now().After(deadline) {
			break
		}
	}
	if len(drafts) != 1 || drafts[0].AccountID != omega.ID || drafts[0].AccountUID != omega.UID || !strings.Contains(drafts[0].Text, "Zeta wants a discount") {
		t.Fatalf("drafts after attaching: %+v", drafts)
	}
	keys(tm, "ctrl+s")
	waitFor(t, tm, "note saved")
	if id := texts()["Zeta wants a discount"]; id != omega.ID {
		t.Errorf("the attached note is on #%d, want Omega (#%d)", id, omega.ID)
	}
	if v := finalView(t, tm); strings.Contains(v, "Zeta Newco") {
		t.Errorf("Zeta is still shown:\n%s", v)
	}
}

// After a restore closed the note editor, the keys typed next (the rest of
// the sentence) act on nothing: no dismissal, no note on the account now
// selected, nothing written to the restored book; the note is attached to
// another account only when the user says yes.
func TestKeysTypedAfterARestoreClosedTheNoteActOnNothing(t *testing.T) {
	tm, st, backup, omega := zetaNoteBeforeRestore(t)
	if _, err := st.Restore(backup); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "this note for Zeta Newco is NOT saved")
	state := func() (uint64, []domain.Draft) {
		var n uint64
		var ds []domain.Draft
		if err := st.View(func(tx *store.Tx) (err error) { n = tx.Changes(); ds, err = tx.Drafts(); return }); err != nil {
			t.Fatal(err)
		}
		return n, ds
	}
	before, _ := state()
	typeText(tm, " done d n s x 1 2 tab")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "saved to ")
	if after, ds := state(); after != before || len(ds) != 0 {
		t.Fatalf("keys typed after the restore wrote to the book: changes %d -> %d, drafts %+v", before, after, ds)
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path), "tend-unsaved-note-*.txt"))
	if len(files) != 1 {
		t.Fatalf("kept files: %v", files)
	} else if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "Zeta wants a discount") || strings.Contains(string(b), "done") {
		t.Errorf("kept file:\n%s", b)
	}

	// n on another account asks; no gives a new note there, without it.
	keys(tm, "esc")
	keys(tm, "ctrl+k")
	typeText(tm, "omega")
	waitFor(t, tm, "Omega Holdings")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Attach the note typed for Zeta Newco to Omega Holdings? y/n")
	typeText(tm, "n")
	waitFor(t, tm, "Note · Omega Holdings", "stays kept")
	typeText(tm, "fresh start")
	keys(tm, "esc")
	waitFor(t, tm, "its draft is kept")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, ds := state()
		if len(ds) == 1 && ds[0].AccountID == omega.ID && ds[0].Text == "fresh start" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("drafts: %+v", ds)
		}
	}
}

// ctrl+c with a note kept from a replaced book says once that it is in no
// book (and how to keep it); the second ctrl+c quits.
func TestQuittingWithANoteKeptFromAReplacedBookAsksOnce(t *testing.T) {
	tm, st, backup, _ := zetaNoteBeforeRestore(t)
	if _, err := st.Restore(backup); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "this note for Zeta Newco is NOT saved")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "is in no book: ctrl+s saves it to a file")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// The note kept from a replaced book, attached to an account whose draft
// already holds that text (its own draft, come back with the book): the
// text is there once, not twice.
func TestAttachingAKeptNoteOverItsOwnDraftDoesNotDoubleIt(t *testing.T) {
	tm, st, backup, omega := zetaNoteBeforeRestore(t)
	b := store.New(backup)
	b.Now = st.Now
	if err := b.Update(func(tx *store.Tx) error {
		return tx.PutDraft(&domain.Draft{AccountID: omega.ID, AccountUID: omega.UID, Text: "Zeta wants a discount", Channel: domain.ChannelCall, Started: testNow, Saved: testNow})
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Restore(backup); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "this note for Zeta Newco is NOT saved")
	keys(tm, "esc")
	waitFor(t, tm, "Omega Holdings")
	keys(tm, "ctrl+k")
	typeText(tm, "omega")
	waitFor(t, tm, "Jump to account")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "? y/n")
	keys(tm, "y")
	waitFor(t, tm, "Note · Omega Holdings")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "note saved")
	var texts []string
	if err := st.View(func(tx *store.Tx) error {
		items, _, err := tx.Interactions(omega.ID, store.Cursor{}, store.PageSize)
		for _, in := range items {
			texts = append(texts, in.Summary)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(texts) != 1 || strings.Count(texts[0], "Zeta wants a discount") != 1 {
		t.Errorf("Omega's notes: %q", texts)
	}
	_ = finalView(t, tm)
}
