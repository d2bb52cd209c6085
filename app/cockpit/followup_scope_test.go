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

// ctrl+y drafts the follow-up of the account it is pressed on (u15 report,
// 11): the account pane's, the records browser's, its last note read from
// the store, not the last note saved in this cockpit on another account;
// an account without a note, or no account at all, says what to do.
func TestFollowUpIsOfTheAccountItIsPressedOn(t *testing.T) {
	// An empty book: there is no account.
	empty := store.New(filepath.Join(t.TempDir(), "book.db"))
	empty.Now, empty.Loc = func() time.Time { return testNow }, time.UTC
	if err := empty.Init(); err != nil {
		t.Fatal(err)
	}
	em := teatest.NewTestModel(t, New(Options{Store: *empty, Name: "book.db", ExportDir: t.TempDir(), Now: empty.Now}), teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = em.Quit() })
	waitFor(t, em, "0 accounts")
	em.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, em, "open an account first: ctrl+y drafts the follow-up of its last note")

	st := smallStore(t, 3)
	quiet := domain.NewAccount("Quiet Harbor Ltd")
	if err := app.AddAccount(st, &quiet); err != nil {
		t.Fatal(err)
	}
	if _, err := app.SaveNote(st, app.Note{Account: "Globex Materials Inc.", Text: "Globex wants the EU rollout in March.", At: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now}), teatest.WithInitialTermSize(100, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "4 of 4 accounts")
	keys(tm, "enter") // Acme: a note saved here
	waitFor(t, tm, "Contacts (")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.")
	typeText(tm, "Acme call.")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "drafts the follow-up")
	// Globex's account pane: Globex's last note, not Acme's.
	keys(tm, "2", "down", "enter")
	waitFor(t, tm, "Globex Materials Inc.  ●")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, tm, "Follow-up · Globex Materials Inc.", "EU rollout in March")
	keys(tm, "esc")
	// Its records browser: the same.
	keys(tm, "l")
	waitFor(t, tm, "Records of")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, tm, "Follow-up · Globex Materials Inc.", "EU rollout in March")
	keys(tm, "esc", "esc")
	// An account without a note.
	keys(tm, "2", "down", "down", "enter")
	waitFor(t, tm, "Quiet Harbor Ltd  · health")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, tm, "no note on Quiet Harbor Ltd yet: n writes one")
}
