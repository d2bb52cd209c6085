package cockpit

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A cockpit open across a restore: its pane shows Zeta, a note for Zeta is
// being typed, and the restored backup has no Zeta but another account under
// Zeta's number. The cockpit reloads the restored book, leaves Zeta's pane,
// never saves the note on the other account, and keeps it for the user to
// attach where they choose.
func TestCockpitAcrossARestore(t *testing.T) {
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

	res, err := st.Restore(backup)
	if err != nil {
		t.Fatal(err)
	}
	// Save at once: before or after the cockpit noticed, the note must not
	// land on Omega.
	keys(tm, "ctrl+s")
	// Back on the portfolio of the restored book.
	waitFor(t, tm, "NOT saved but kept", "replaced (restored)", "Omega Holdings")

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
	if len(drafts) != 1 || drafts[0].AccountID != omega.ID || !strings.Contains(drafts[0].Text, "Zeta wants a discount") {
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
