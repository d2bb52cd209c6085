package cockpit

import (
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// The start-up message names every kept draft; ctrl+r lists them with
// their age and first line; d twice discards one, enter resumes another.
func TestDraftsListResumeAndDiscard(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(5, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	var uids [3]string
	_ = st.View(func(tx *store.Tx) error {
		for i := 1; i <= 2; i++ {
			a, err := tx.Account(uint64(i))
			if err != nil {
				return err
			}
			uids[i] = a.UID
		}
		return nil
	})
	for i, text := range []string{"", "Pricing call, half typed", "QBR prep notes"} {
		if i == 0 {
			continue
		}
		d := domain.Draft{AccountID: uint64(i), AccountUID: uids[i], Text: text, Channel: domain.ChannelCall,
			Started: testNow.Add(-time.Duration(i) * time.Hour), Saved: testNow.Add(-time.Duration(i) * time.Hour)}
		if err := app.SaveDraft(st, d); err != nil {
			t.Fatal(err)
		}
	}
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(140, 30))
	waitFor(t, tm, "2 note drafts kept from last time: Acme Robotics Inc., Northwind Software Inc.")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	waitFor(t, tm, "Note drafts · 2 kept", "Pricing call, half typed", "QBR prep notes", "just now")
	keys(tm, "d")
	waitFor(t, tm, "d again discards the draft on Acme Robotics Inc.")
	keys(tm, "d")
	waitFor(t, tm, "discarded the note draft on Acme Robotics Inc.", "Note drafts · 1 kept")
	keys(tm, "enter")
	waitFor(t, tm, "Note · Northwind", "QBR prep notes")
	_ = tm.Quit()
	var drafts []domain.Draft
	_ = st.View(func(tx *store.Tx) (err error) { drafts, err = tx.Drafts(); return })
	if len(drafts) != 1 || drafts[0].AccountID != 2 {
		t.Errorf("drafts kept: %+v", drafts)
	}
}
