package cockpit

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

func TestMain(m *testing.M) {
	// Goldens hold plain text: no colour, a fixed background answer.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	time.Local = time.UTC // times in goldens do not depend on the machine's zone
	os.Exit(m.Run())
}

// cockpit starts the real model on a fresh demo book of n accounts, at a fixed size and clock.
func cockpit(t *testing.T, n, w, h int) (*teatest.TestModel, *store.Store) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(n, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, st
}

// waitFor reads the screen stream until every string has been drawn.
func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	var seen bytes.Buffer
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		seen.Write(b)
		for _, w := range want {
			if !bytes.Contains(seen.Bytes(), []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func keys(tm *teatest.TestModel, ks ...string) {
	for _, k := range ks {
		switch k {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		case "tab":
			tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		case "space":
			tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		case "ctrl+k":
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlK})
		case "ctrl+s":
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
		case "down":
			tm.Send(tea.KeyMsg{Type: tea.KeyDown})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
}

func TestPortfolioGolden(t *testing.T) {
	tm, _ := cockpit(t, 30, 120, 30)
	waitFor(t, tm, "to do") // loaded: the key clears the load's status
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestOpenAccountFromPortfolio(t *testing.T) {
	tm, _ := cockpit(t, 30, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "j", "j", "enter")
	waitFor(t, tm, "Blue Harbor Mining Inc.", "Health: why", "Contacts (")
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

func TestFuzzyJumpOpensTheAccount(t *testing.T) {
	tm, _ := cockpit(t, 30, 120, 30)
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "ctrl+k", "g", "l", "b", "x")
	waitFor(t, tm, "Jump to account", "Globex Materials Inc. · Mid-Market")
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	v := finalView(t, tm)
	if !strings.Contains(v, "Globex Materials Inc.") || !strings.Contains(v, "3 Account") {
		t.Errorf("after the jump:\n%s", v)
	}
}

func TestPortfolioFilterAndSort(t *testing.T) {
	tm, st := cockpit(t, 30, 120, 30)
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "f")
	typeText(tm, "seg:smb")
	keys(tm, "enter")
	waitFor(t, tm, "of 30 accounts · filter: seg:smb")
	keys(tm, "s", "s", "s", "s", "s") // sort by ARR, biggest first
	waitFor(t, tm, "ARR↓")
	v := finalView(t, tm)
	if strings.Contains(v, "Enterprise") || strings.Contains(v, "Mid-Market") {
		t.Errorf("the segment filter let other segments through:\n%s", v)
	}
	// The rows are the SMB accounts, biggest ARR first (ties in book order), and no other.
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return err }); err != nil {
		t.Fatal(err)
	}
	var want []domain.Summary
	for _, s := range domain.NewBook(sums, domain.DateOf(testNow)).Sums {
		if strings.EqualFold(s.Segment, "smb") {
			want = append(want, s)
		}
	}
	slices.SortStableFunc(want, func(a, b domain.Summary) int { return cmp.Compare(b.ARR.Amount, a.ARR.Amount) })
	if len(want) < 3 {
		t.Fatalf("the test wants several SMB accounts, the demo has %d", len(want))
	}
	var got []string
	for _, l := range strings.Split(v, "\n") {
		if f := strings.Fields(l); len(f) > 2 && strings.Contains(l, "$") {
			got = append(got, l)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows shown, want the %d SMB accounts:\n%s", len(got), len(want), v)
	}
	for i, s := range want {
		name := s.Name[:min(len(s.Name), 18)]
		if !strings.Contains(got[i], name) || !strings.Contains(got[i], s.ARR.Short()) {
			t.Errorf("row %d is %q, want %s (%s)", i+1, strings.TrimSpace(got[i]), s.Name, s.ARR.Short())
		}
	}
}

func TestAddContactShowsValidationErrorThenSaves(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "c")
	waitFor(t, tm, "New contact")
	// huh moves focus in a command of its own: wait for each field to be focused (┃) before typing.
	typeText(tm, "Ana Test")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Title")
	typeText(tm, "CFO")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Email")
	typeText(tm, "ana-at-example")
	keys(tm, "enter")
	waitFor(t, tm, "want an address like ana@example.com")
	for range "ana-at-example" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeText(tm, "ana@example.com")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Phone")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Stakeholder role")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Preferred channel")
	keys(tm, "enter")
	waitFor(t, tm, `added contact #`, `"Ana Test" · u undoes`)
	var cs []domain.Contact
	_ = st.View(func(tx *store.Tx) (err error) { cs, err = tx.Contacts(1); return })
	found := false
	for _, c := range cs {
		if c.Name == "Ana Test" && c.Email == "ana@example.com" && c.Title == "CFO" {
			found = true
		}
	}
	if !found {
		t.Errorf("contact not stored: %+v", cs)
	}
}

func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func TestToggleActionItem(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "4")
	waitFor(t, tm, "Action items (3 open)")
	keys(tm, "space") // the first open item: the most overdue one
	waitFor(t, tm, "done: Send renewal quote", "Action items (2 open)")
	_ = tm.Quit()
	var items []domain.ActionItem
	if err := st.View(func(tx *store.Tx) (err error) { items, err = tx.ActionItems(1); return }); err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d action items stored, want 3", len(items))
	}
	for _, it := range items {
		if it.Done != (it.Text == "Send renewal quote") {
			t.Errorf("after the toggle: %+v", it)
		}
	}
}

func TestNoteWithActionItemsShowsInPlan(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.")
	typeText(tm, "Renewal call.")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	typeText(tm, "- [ ] send pricing @fri")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	typeText(tm, "- [ ] book QBR @2026-12-15")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "2 action item(s) created")
	keys(tm, "4")
	waitFor(t, tm, "send pricing", "book QBR")
	_ = tm.Quit()
	var items []domain.ActionItem
	_ = st.View(func(tx *store.Tx) (err error) { items, err = tx.ActionItems(1); return })
	got := map[string]string{}
	for _, it := range items {
		got[it.Text] = it.Due.String()
	}
	if got["send pricing"] != "2026-12-04" || got["book QBR"] != "2026-12-15" {
		t.Errorf("items %v", got)
	}
}

func TestOtherWritersShowUp(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 30)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	// another process (here: another store handle) adds an account
	a := domain.NewAccount("Zeta Newco")
	if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "6 of 6 accounts", "Zeta Newco")
}

func TestTinyTerminalAndResizeStorm(t *testing.T) {
	tm, _ := cockpit(t, 30, 20, 6)
	waitFor(t, tm, "make the window")
	for i := 0; i < 200; i++ {
		tm.Send(tea.WindowSizeMsg{Width: 1 + i%250, Height: 1 + (i*7)%90})
	}
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "enter", "4", "5", "3", "ctrl+k")
	tm.Send(tea.WindowSizeMsg{Width: 300, Height: 100})
	tm.Send(tea.WindowSizeMsg{Width: 20, Height: 6})
	v := finalView(t, tm)
	if !strings.Contains(v, "make the window") {
		t.Errorf("20x6 view:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if lipgloss.Width(l) > 20 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
}

func TestTriageDoneSnoozeUndo(t *testing.T) {
	tm, st := cockpit(t, 30, 130, 40)
	waitFor(t, tm, "Today, 2026-11-28 · 62 to do")
	// The top row is Foxglove's overdue "Share the SSO guide": done.
	keys(tm, "d")
	waitFor(t, tm, `done: Foxglove Textiles Inc.'s "Share the SSO guide"`, "61 to do")
	// The next one, snoozed to Friday.
	keys(tm, "z")
	waitFor(t, tm, "snooze until:")
	typeText(tm, "fri")
	keys(tm, "enter")
	waitFor(t, tm, "until 2026-12-04", "60 to do")
	// The third, Oscorp's critical escalation: resolved. Its health recovers
	// enough that its "health fell" row goes too.
	keys(tm, "d")
	waitFor(t, tm, "escalation resolved: Oscorp", "u undoes", "58 to do")
	// Undo the last: the escalation is open again.
	keys(tm, "u")
	waitFor(t, tm, "undone: escalation resolved", "60 to do")
	_ = tm.Quit()
	_ = st.View(func(tx *store.Tx) error {
		sums, err := tx.Summaries()
		if err != nil {
			t.Fatal(err)
		}
		b := domain.NewBook(sums, domain.DateOf(testNow))
		rows := domain.Triage(b).Rows()
		if len(rows) != 60 {
			t.Errorf("stored queue has %d rows, want 60", len(rows))
		}
		for _, r := range rows {
			if strings.Contains(r.Why, "Share the SSO guide — overdue 12 days") && r.Account == "Foxglove Textiles Inc." {
				t.Error("the done item is still in the queue")
			}
		}
		return nil
	})
}

// fillImportForm fills the import form (open) with path and, per field
// title, what answers are given: text typed, or "↓↓" for the option two
// down. The others stay as they are: the kind the columns say, numbers and
// dates decided per column, times in UTC.
func fillImportForm(t *testing.T, tm *teatest.TestModel, path string, answers ...map[string]string) {
	t.Helper()
	waitFor(t, tm, "Import a file")
	typeText(tm, path)
	keys(tm, "enter")
	for _, field := range []string{"What the CSV holds", "Contract start for rows without one", "How numbers are written", "Dates like 03/04/2026", "Time zone of times that give none", "Map columns", "On a conflict keep"} {
		a := ""
		if len(answers) > 0 {
			a = answers[0][field]
		}
		if a == "-" { // hidden for this kind
			continue
		}
		waitFor(t, tm, "┃ "+field)
		if strings.HasPrefix(a, "↓") {
			for range []rune(a) {
				keys(tm, "down")
			}
		} else if a != "" {
			typeText(tm, a)
		}
		keys(tm, "enter")
	}
}

func TestImportFromTheCockpitShowsProgressAndOutcome(t *testing.T) {
	tm, _ := cockpit(t, 5, 120, 35)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "I")
	fillImportForm(t, tm, "testdata/hubspot_companies.csv")
	// First what the import would bring, per account; nothing written yet.
	waitFor(t, tm, "this import would bring: 4 new, 0 updated, 0 unchanged, 3 rejected", "+ Acme Robotics", "enter imports")
	keys(tm, "enter")
	waitFor(t, tm, "imported: 4 new, 0 updated, 0 unchanged, 3 rejected", "esc closes")
	keys(tm, "esc")
	waitFor(t, tm, "9 of 9 accounts")
}

// A form whose record fails a rule that spans fields (a goal due on its
// start day) is not stuck: it opens again with the error, takes keys, and saves once fixed.
func TestFormOpensAgainAfterAFailedSubmit(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "4", "+")
	waitFor(t, tm, "New goal", "┃ Goal")
	typeText(tm, "Grow usage")
	keys(tm, "enter")
	for _, f := range []struct{ field, text string }{{"Metric", "weekly users"}, {"Baseline", "10"}, {"Target", "20"}, {"Current (empty = baseline)", ""}} {
		waitFor(t, tm, "┃ "+f.field)
		typeText(tm, f.text)
		keys(tm, "enter")
	}
	waitFor(t, tm, "┃ Due")
	for range "+3m" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeText(tm, "today")
	keys(tm, "enter")
	waitFor(t, tm, "not saved: ", "must be after the start")
	// The form is open again on the due date, and takes keys: due in a month, then saved.
	for range "today" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeText(tm, "+1m")
	waitFor(t, tm, "+1m")
	keys(tm, "enter")
	waitFor(t, tm, `added goal #`, `"Grow usage"`)
	_ = tm.Quit()
	var p domain.Plan
	if err := st.View(func(tx *store.Tx) (err error) { p, err = tx.Plan(1); return err }); err != nil {
		t.Fatal(err)
	}
	if n := len(p.Goals); n == 0 || p.Goals[n-1].Title != "Grow usage" || p.Goals[n-1].Due != domain.DateOf(testNow).AddMonths(1) {
		t.Errorf("goals after saving: %+v", p.Goals)
	}
}
