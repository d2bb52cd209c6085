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
		if _, _, err := app.SaveDraft(st, d); err != nil {
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

// Two cockpits on one account (the u15 report): B's n resumes the draft A
// kept, and when both close their notes, neither text is lost: the cockpit
// that writes over a text it never read keeps its own beside it and says so;
// ctrl+r lists both.
func TestTwoCockpitsKeepBothDrafts(t *testing.T) {
	tmA, st := cockpit(t, 3, 120, 30)
	mB := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tmB := teatest.NewTestModel(t, mB, teatest.WithInitialTermSize(120, 30))
	t.Cleanup(func() { _ = tmB.Quit() })
	open := func(tm *teatest.TestModel) {
		keys(tm, "2")
		waitFor(t, tm, "3 of 3 accounts")
		keys(tm, "enter")
		waitFor(t, tm, "Contacts (")
	}
	open(tmA)
	open(tmB)
	keys(tmA, "n")
	waitFor(t, tmA, "Note · Acme Robotics Inc.")
	typeText(tmA, "Draft: procurement pushing for 12% discount")
	keys(tmA, "esc")
	waitFor(t, tmA, "its draft is kept")
	keys(tmA, "n")
	waitFor(t, tmA, "resumed the draft")

	// B started before A's draft: n still finds it.
	keys(tmB, "n")
	waitFor(t, tmB, "resumed the draft on Acme Robotics Inc.", "(typed in another cockpit)")
	typeText(tmB, " Second cockpit text about Acme.")
	keys(tmB, "esc")
	waitFor(t, tmB, "its draft is kept")
	typeText(tmA, " over two years")
	keys(tmA, "esc")
	waitFor(t, tmA, "another cockpit keeps a different draft on Acme Robotics Inc.: yours is kept beside it")
	var ds []domain.Draft
	waitStored := func(n int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			if err := st.View(func(tx *store.Tx) (err error) { ds, err = tx.AccountDrafts(1); return err }); err != nil {
				t.Fatal(err)
			}
			if len(ds) == n || time.Now().After(deadline) {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitStored(2)
	texts := map[string]bool{}
	for _, d := range ds {
		texts[d.Text] = true
	}
	if len(ds) != 2 || !texts["Draft: procurement pushing for 12% discount over two years"] ||
		!texts["Draft: procurement pushing for 12% discount Second cockpit text about Acme."] {
		t.Fatalf("drafts kept: %+v", ds)
	}
	tmA.Send(tea.KeyMsg{Type: tea.KeyCtrlR})
	waitFor(t, tmA, "Note drafts · 2 kept")
	// A resumes its own (the second: same age, slot order) and saves it: B's stays.
	keys(tmA, "down", "enter")
	waitFor(t, tmA, "over two years")
	keys(tmA, "ctrl+s")
	waitFor(t, tmA, "note saved")
	waitStored(1)
	if len(ds) != 1 || ds[0].Text != "Draft: procurement pushing for 12% discount Second cockpit text about Acme." {
		t.Errorf("after A's note: %+v", ds)
	}
}
