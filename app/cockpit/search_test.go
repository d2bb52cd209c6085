package cockpit

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/store"
)

// TestSearchOverlay: ctrl+f from a pane: the query is typed, the records found are listed
// with their matches in [brackets] (NO_COLOR), enter opens the account of
// the one selected with a status naming it; a golden of the overlay at 80×24.
// searchBook is the demo book with a note carrying an escape sequence.
func searchBook(t *testing.T) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(30, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := app.SaveNote(st, app.Note{Account: "#3", Text: "Their CFO wants SSO \x1b]52;c;c3RlYWw=\x07 before renewal; escalating to the sponsor.", At: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return st
}

func searchCockpit(t *testing.T, st *store.Store) *teatest.TestModel {
	t.Helper()
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now, NoColor: true, SearchIndex: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	t.Cleanup(func() { _ = tm.Quit() })
	waitFor(t, tm, "to do")
	return tm
}

func TestSearchOverlay(t *testing.T) {
	tm := searchCockpit(t, searchBook(t))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	waitFor(t, tm, "Search notes and records")
	typeText(tm, `sso`)
	waitFor(t, tm, "[SSO]", "found")
	keys(tm, "down", "down")
	waitFor(t, tm, "› ")
	v := finalView(t, tm)
	if strings.Contains(v, "\x1b]52") || strings.Contains(v, "\x07") {
		t.Fatalf("an escape sequence reached the screen: %q", v)
	}
	teatest.RequireEqualOutput(t, []byte(v))
}

// enter opens the record found in its reader, over the records browser on
// its account, the status naming it.
func TestSearchOpensTheRecord(t *testing.T) {
	tm := searchCockpit(t, searchBook(t))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	typeText(tm, `escalat* sso kind:note`)
	waitFor(t, tm, "[escalating]", "1 found", "␛]52") // the escape sequence shown neutralised
	keys(tm, "enter")
	waitFor(t, tm, "found: ", "Their CFO wants")
	final := finalView(t, tm)
	if strings.Contains(final, "Search notes and records") || !strings.Contains(final, "[3 Account]") || !strings.Contains(final, "Note #") {
		t.Fatalf("the reader on the account:\n%s", final)
	}
}

// esc closes the search; ctrl+f again comes back to the query and its results.
func TestSearchKeepsItsQuery(t *testing.T) {
	tm := searchCockpit(t, searchBook(t))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	typeText(tm, `escalat* sso kind:note`)
	waitFor(t, tm, "1 found")
	keys(tm, "esc")
	waitFor(t, tm, "? help") // the pane's footer again: closed
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	waitFor(t, tm, "1 found")
	final := finalView(t, tm)
	if !strings.Contains(final, "escalat* sso kind:note") || !strings.Contains(final, "[escalating]") {
		t.Fatalf("ctrl+f again:\n%s", final)
	}
}

// Keys that arrive together while the records browser is on top (a busy
// cockpit reads several at once) are each a command: f opens the filter
// and the rest is its text.
func TestKeysTogetherOnTheRecordsBrowser(t *testing.T) {
	tm := searchCockpit(t, searchBook(t))
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "l")
	waitFor(t, tm, "Records of")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("fsso")})
	waitFor(t, tm, "filter: sso")
}

// An open search follows writes from another process: a note deleted
// elsewhere leaves its results.
func TestAnOpenSearchFollowsWritesElsewhere(t *testing.T) {
	st := searchBook(t)
	if _, err := app.SaveNote(st, app.Note{Account: "#2", Text: "quokkaprobe in the renewal call", At: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tm := searchCockpit(t, st)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	waitFor(t, tm, "Search notes and records")
	typeText(tm, "quokkaprobe")
	waitFor(t, tm, "1 found")
	if err := st.Update(func(tx *store.Tx) error {
		ins, _, err := tx.Interactions(2, store.Cursor{}, 1)
		if err != nil {
			return err
		}
		return tx.DeleteInteraction(2, ins[0].ID)
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "nothing found")
}

// enter on a hit in the sales hand-off brief opens the account pane with
// the hand-off section in view (it opened the top of the pane, the hit
// out of sight below); a contact hit brings the contacts into view behind
// its reader.
func TestSearchHandoffHitShowsItsSection(t *testing.T) {
	st := searchBook(t)
	if err := st.Update(func(tx *store.Tx) error {
		a, err := tx.Account(3)
		if err != nil {
			return err
		}
		a.Handoff.Concerns = append(a.Handoff.Concerns, "Quokka data residency")
		return tx.PutAccount(&a)
	}); err != nil {
		t.Fatal(err)
	}
	tm := searchCockpit(t, st)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	typeText(tm, `quokka`)
	waitFor(t, tm, "[Quokka]", "1 found")
	keys(tm, "enter")
	waitFor(t, tm, "found: ", "[3 Account]", "Sales hand-off brief", "Quokka data residency")
}
