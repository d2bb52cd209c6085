package cockpit

import (
	"fmt"
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

// The records browser (l on the account pane), driven through keys on a
// real bbolt file: add, read, edit, delete, goal progress and undo.

// acmeBook is a book of one account, Acme Robotics, with a contact, a note
// of lines lines (its last line says "the last line"), a goal and an order.
func acmeBook(t *testing.T, lines int) (*store.Store, app.Ref) {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	a := domain.NewAccount("Acme Robotics")
	a.ContractStart = domain.DateOf(testNow) - 100
	if err := app.AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	if err := st.View(func(tx *store.Tx) (err error) { a, err = tx.Account(a.ID); return }); err != nil {
		t.Fatal(err)
	}
	acct := app.RefOf(&a)
	today := domain.DateOf(testNow)
	var text []string
	for i := 1; i < lines; i++ {
		text = append(text, fmt.Sprintf("line %d of the call", i))
	}
	text = append(text, "the last line")
	for _, r := range []app.Rec{
		{Kind: app.KindContact, Value: domain.Contact{Name: "Dana Ruiz", Email: "dana@acme.test", Role: domain.RoleChampion}},
		{Kind: app.KindNote, Value: domain.Interaction{At: testNow.Add(-time.Hour), Channel: domain.ChannelMeeting, Sentiment: domain.SentimentPositive, Attendees: []uint64{1}, Summary: strings.Join(text, "\n")}},
		{Kind: app.KindGoal, Value: domain.Goal{Title: "Adoption", Metric: "weekly users", Baseline: 10, Target: 50, Current: 10, Start: today - 30, Due: today + 60}},
		{Kind: app.KindOrder, Value: domain.Order{Date: today - 3, Amount: domain.Money{Amount: 49900, Currency: "USD"}}},
	} {
		if _, _, err := app.SaveRecord(st, acct, r, today); err != nil {
			t.Fatal(err)
		}
	}
	return st, acct
}

// browse starts the cockpit on st and opens the records browser of account 1.
func browse(t *testing.T, st *store.Store, w, h int) *teatest.TestModel {
	t.Helper()
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (1)")
	keys(tm, "l")
	waitFor(t, tm, "Records of Acme Robotics", "4 of 4 records")
	return tm
}

func records(t *testing.T, st *store.Store, acct app.Ref, k app.Kind) []app.Rec {
	t.Helper()
	recs, err := app.Records(st, acct, k)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestRecordsBrowserGolden(t *testing.T) {
	st, _ := acmeBook(t, 3)
	tm := browse(t, st, 80, 24)
	teatest.RequireEqualOutput(t, []byte(finalView(t, tm)))
}

// A long note is read in full: the reader scrolls to its last line, and
// shows its channel, attendees and sentiment.
func TestReadALongNoteInFull(t *testing.T) {
	st, _ := acmeBook(t, 80)
	tm := browse(t, st, 80, 24)
	keys(tm, "j", "enter") // the note: the second record
	waitFor(t, tm, "Note #1 of Acme Robotics", "meeting", "Dana Ruiz", "positive", "line 1 of the call", "lines 1–")
	keys(tm, "G")
	waitFor(t, tm, "the last line", "of 8") // lines …–8x of 8x
	v := finalView(t, tm)
	if !strings.Contains(v, "the last line") || strings.Contains(v, "line 1 of the call") {
		t.Errorf("the end of the note:\n%s", v)
	}
}

// a adds records of several kinds through their forms; e edits one; d
// deletes one after a confirmation naming it; u undoes, newest first.
func TestAddEditDeleteUndoThroughKeys(t *testing.T) {
	st, acct := acmeBook(t, 3)
	tm := browse(t, st, 100, 40)
	pick := func(kind string) {
		t.Helper()
		keys(tm, "a")
		waitFor(t, tm, "Which kind of record?")
		typeText(tm, "/"+kind)
		waitFor(t, tm, "┃ > "+kind)
		keys(tm, "enter") // enter in huh's filter picks the one shown
	}
	// A strategy.
	pick("strategy")
	waitFor(t, tm, "New strategy", "┃ Strategy")
	typeText(tm, "Land the data team")
	keys(tm, "enter")
	// The cursor goes to the record added.
	waitFor(t, tm, `added strategy #1 "Land the data team"`, "Strategies (1)", "› #1   Land the data team")
	// A CSAT answer by Dana.
	pick("survey")
	waitFor(t, tm, "New survey answer", "┃ Survey")
	keys(tm, "down", "enter")
	waitFor(t, tm, "┃ Score")
	typeText(tm, "4")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Date")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Who answered")
	keys(tm, "down", "enter")
	waitFor(t, tm, "┃ Comment")
	typeText(tm, "fast support")
	keys(tm, "enter")
	waitFor(t, tm, `added survey answer #1 "CSAT 4 on 2026-11-28"`)
	sv := records(t, st, acct, app.KindSurvey)
	if len(sv) != 1 || sv[0].Value.(domain.SurveyResponse).ContactID != 1 || sv[0].Value.(domain.SurveyResponse).Comment != "fast support" {
		t.Fatalf("survey answers: %+v", sv)
	}
	// Edit the contact: a new title.
	keys(tm, "g", "e")
	waitFor(t, tm, "Edit contact", "┃ Name")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Title")
	typeText(tm, "CFO")
	keys(tm, "enter")
	fillForm(t, tm, contactFields[1:]...)
	waitFor(t, tm, `saved contact #1 "Dana Ruiz"`)
	if c := records(t, st, acct, app.KindContact)[0].Value.(domain.Contact); c.Title != "CFO" {
		t.Fatalf("contact after the edit: %+v", c)
	}
	// Delete the order: the confirmation names it; Keep keeps it.
	keys(tm, "G", "d")
	waitFor(t, tm, "Delete order?", `order #1 "$499 on 2026-11-25" of Acme Robotics?`, "[Keep]")
	keys(tm, "enter")
	waitFor(t, tm, "kept order #1")
	if n := len(records(t, st, acct, app.KindOrder)); n != 1 {
		t.Fatalf("Keep deleted the order: %d left", n)
	}
	keys(tm, "d")
	waitFor(t, tm, "Delete order?")
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft})
	waitFor(t, tm, "[Delete]")
	keys(tm, "enter")
	waitFor(t, tm, `deleted order #1 "$499 on 2026-11-25"`)
	if n := len(records(t, st, acct, app.KindOrder)); n != 0 {
		t.Fatalf("the order was not deleted: %d left", n)
	}
	// u: the delete, then the contact's edit, then the survey answer.
	keys(tm, "u")
	waitFor(t, tm, `undone: deleted order #1`)
	if o := records(t, st, acct, app.KindOrder); len(o) != 1 || o[0].ID != 1 {
		t.Fatalf("the order did not come back as #1: %+v", o)
	}
	keys(tm, "u")
	waitFor(t, tm, `undone: saved contact #1`)
	if c := records(t, st, acct, app.KindContact)[0].Value.(domain.Contact); c.Title != "" {
		t.Fatalf("contact after undoing the edit: %+v", c)
	}
	keys(tm, "u")
	waitFor(t, tm, `undone: added survey answer #1`)
	if n := len(records(t, st, acct, app.KindSurvey)); n != 0 {
		t.Fatalf("survey answers after undoing the add: %d", n)
	}
}

// p on a goal records its progress; the reader shows the goal's history.
func TestGoalProgressShowsInTheReader(t *testing.T) {
	st, acct := acmeBook(t, 3)
	tm := browse(t, st, 100, 30)
	keys(tm, "j", "j") // contact, note, goal
	keys(tm, "p")
	waitFor(t, tm, "Progress of goal #1 Adoption", "┃ weekly users now (was 10, target 50)")
	typeText(tm, "30")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Measured on")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Note")
	typeText(tm, "pilot team live")
	keys(tm, "enter")
	waitFor(t, tm, "progress of goal #1: 30 on 2026-11-28")
	keys(tm, "enter")
	waitFor(t, tm, "Goal #1 of Acme Robotics", "History (1)", "2026-11-28  30  pilot team live", "Current        30")
	g := records(t, st, acct, app.KindGoal)[0].Value.(domain.Goal)
	if g.Current != 30 || len(g.History) != 1 {
		t.Errorf("goal after progress: %+v", g)
	}
}

// Editing a note keeps its old text as a revision, which the reader shows.
func TestEditANoteKeepsTheOldText(t *testing.T) {
	st, acct := acmeBook(t, 2)
	tm := browse(t, st, 100, 40)
	keys(tm, "j", "e")
	waitFor(t, tm, "Edit note #1", "┃ Text")
	typeText(tm, " Amended.")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Channel")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Sentiment")
	keys(tm, "enter")
	waitFor(t, tm, `saved note #1`)
	n := records(t, st, acct, app.KindNote)[0].Value.(domain.Interaction)
	if !strings.HasSuffix(n.Summary, "the last line Amended.") || len(n.Revisions) != 1 || strings.Contains(n.Revisions[0].Summary, "Amended") {
		t.Fatalf("note after the edit: %q, revisions %+v", n.Summary, n.Revisions)
	}
	keys(tm, "enter")
	waitFor(t, tm, "Earlier versions (1, newest first)")
}

// The record is deleted by another process while the confirmation is
// open: confirming deletes nothing else and says why.
func TestDeleteARecordDeletedElsewhere(t *testing.T) {
	st, acct := acmeBook(t, 3)
	tm := browse(t, st, 100, 30)
	keys(tm, "G", "d")
	waitFor(t, tm, "Delete order?")
	order := records(t, st, acct, app.KindOrder)[0]
	if _, err := app.DeleteRecord(st, acct, order); err != nil {
		t.Fatal(err)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft})
	waitFor(t, tm, "[Delete]")
	keys(tm, "enter")
	waitFor(t, tm, "nothing deleted: order", "was deleted elsewhere")
	all, err := app.Records(st, acct)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("%d records left, want the 3 others: %+v", len(all), all)
	}
	_ = finalView(t, tm)
}

// An undo after the record changed elsewhere refuses, and says so.
func TestUndoRefusesAfterAChangeElsewhere(t *testing.T) {
	st, acct := acmeBook(t, 3)
	tm := browse(t, st, 100, 30)
	keys(tm, "e")
	waitFor(t, tm, "Edit contact", "┃ Name")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Title")
	typeText(tm, "CFO")
	keys(tm, "enter")
	fillForm(t, tm, contactFields[1:]...)
	waitFor(t, tm, `saved contact #1 "Dana Ruiz"`)
	// Another process renames the contact.
	c := records(t, st, acct, app.KindContact)[0]
	v := c.Value.(domain.Contact)
	v.Name = "Dana Ruiz-Ortega"
	c.Value = v
	if _, _, err := app.SaveRecord(st, acct, c, domain.DateOf(testNow)); err != nil {
		t.Fatal(err)
	}
	keys(tm, "u")
	waitFor(t, tm, "nothing undone", "changed elsewhere since")
	got := records(t, st, acct, app.KindContact)[0].Value.(domain.Contact)
	if got.Name != "Dana Ruiz-Ortega" || got.Title != "CFO" {
		t.Errorf("the undo overwrote the change made elsewhere: %+v", got)
	}
	_ = finalView(t, tm)
}

// The browser and the reader neutralise hostile text from the book.
func TestRecordsShowHostileTextSafely(t *testing.T) {
	st, acct := acmeBook(t, 2)
	if _, _, err := app.SaveRecord(st, acct, app.Rec{Kind: app.KindWin, Value: domain.Win{Date: domain.DateOf(testNow), Title: "evil\x1b]52;c;aGk=\x07 win", Detail: "line\x1b[2J\rrest"}}, domain.DateOf(testNow)); err != nil {
		t.Fatal(err)
	}
	m := loadedModel(t, st)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(views.RecordsRequestMsg{Account: views.Ref{ID: acct.ID, UID: acct.UID, Name: "Acme Robotics"}})
	recs, _ := app.Records(st, acct)
	m.Update(recordsLoadedMsg{acct: views.Ref{ID: acct.ID, UID: acct.UID, Name: "Acme Robotics"}, recs: recs})
	press(m, "G", "k") // the win, before the order
	list := m.View()
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	m.Update(cmd()) // the reader opens
	for _, v := range []string{list, m.View()} {
		if strings.ContainsAny(v, "\x1b\x07\r") {
			t.Errorf("a control character reached the screen: %q", v)
		}
		if !strings.Contains(v, "evil␛]52;c;aGk=␇ win") {
			t.Errorf("the win's title is not shown neutralised:\n%s", v)
		}
	}
}

// t on triage asks the channel, call first: t enter logs a call, t ↓ enter an email.
func TestTouchAsksTheChannel(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	waitFor(t, tm, "to do")
	m := func() []domain.Interaction {
		var all []domain.Interaction
		_ = st.View(func(tx *store.Tx) error {
			for id := uint64(1); id <= 5; id++ {
				list, _, err := tx.Interactions(id, store.Cursor{}, 1<<20)
				if err != nil {
					return err
				}
				for _, in := range list {
					if in.Summary == "" && in.At.Equal(testNow) {
						all = append(all, in)
					}
				}
			}
			return nil
		})
		return all
	}
	keys(tm, "t")
	waitFor(t, tm, "Log a touch with", "┃ How?", "> call")
	keys(tm, "enter")
	waitFor(t, tm, "call logged with")
	keys(tm, "t")
	waitFor(t, tm, "┃ How?")
	keys(tm, "down", "enter")
	waitFor(t, tm, "email logged with")
	got := m()
	if len(got) != 2 || got[0].Channel == got[1].Channel {
		t.Fatalf("touches: %+v", got)
	}
	for _, in := range got {
		if in.Channel != domain.ChannelCall && in.Channel != domain.ChannelEmail {
			t.Errorf("touch on %s", in.Channel)
		}
	}
	keys(tm, "u")
	waitFor(t, tm, "undone: email logged with")
	if got := m(); len(got) != 1 || got[0].Channel != domain.ChannelCall {
		t.Errorf("after undo: %+v", got)
	}
}

// The profile form edits tags, competitors, the hand-off brief, the
// description and custom fields; the account pane shows the description
// and the custom fields.
func TestProfileFormEditsListsDescriptionAndCustomFields(t *testing.T) {
	st, acct := acmeBook(t, 2)
	if err := st.Update(func(tx *store.Tx) error {
		a, err := tx.Account(acct.ID)
		if err != nil {
			return err
		}
		a.Custom = map[string]string{"Description": "Robots for warehouses.", "Create Date": "2024-03-01"}
		return tx.PutAccount(&a)
	}); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	t.Cleanup(func() { _ = tm.Quit() })
	keys(tm, "2")
	waitFor(t, tm, "1 of 1 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Robots for warehouses.", "Create Date: 2024-03-01")
	keys(tm, "e")
	fillForm(t, tm, "Name", "Segment", "Industry", "Tier", "Lifecycle stage", "Owner", "Account executive", "Website",
		"ARR", "Company revenue", "Contract start", "Renewal", "Renewal notice (days)", "Check-in cadence (days)", "Growth potential", "Replaceability")
	waitFor(t, tm, "┃ Tags")
	typeText(tm, "beta, sso")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Competitors")
	typeText(tm, "Totango")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Hand-off: products")
	typeText(tm, "Core, API")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Hand-off: promises")
	typeText(tm, "SSO by March")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Hand-off: concerns")
	typeText(tm, "budget")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Description")
	typeText(tm, " Since 2019.")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Custom fields")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlJ})
	typeText(tm, "Region: EMEA")
	keys(tm, "enter")
	waitFor(t, tm, "account Acme Robotics saved")
	var a domain.Account
	_ = st.View(func(tx *store.Tx) (err error) { a, err = tx.Account(acct.ID); return })
	if strings.Join(a.Tags, "|") != "beta|sso" || strings.Join(a.Competitors, "|") != "Totango" ||
		strings.Join(a.Handoff.Products, "|") != "Core|API" || strings.Join(a.Handoff.Promises, "|") != "SSO by March" ||
		strings.Join(a.Handoff.Concerns, "|") != "budget" || a.Custom["Description"] != "Robots for warehouses. Since 2019." ||
		a.Custom["Create Date"] != "2024-03-01" || a.Custom["Region"] != "EMEA" || len(a.Custom) != 3 {
		t.Errorf("account after the form: tags %q competitors %q handoff %+v custom %q", a.Tags, a.Competitors, a.Handoff, a.Custom)
	}
}

// ? in the browser shows its keys under its name, at 80×24; esc closes the help, then the browser.
func TestRecordsHelp(t *testing.T) {
	st, acct := acmeBook(t, 2)
	m := loadedModel(t, st)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	ref := views.Ref{ID: acct.ID, UID: acct.UID, Name: "Acme Robotics"}
	m.Update(views.RecordsRequestMsg{Account: ref})
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}})
	m.Update(cmd())
	v := strings.Join(lines(m), "\n")
	for _, want := range []string{"Records keys", "enter   read", "u       undo", "d       delete", "esc q   close", "f /     filter", "ctrl+y  follow-up of its last note"} {
		if !strings.Contains(v, want) {
			t.Errorf("the help lacks %q:\n%s", want, v)
		}
	}
	press(m, "esc")
	if m.showHelp || m.browser() == nil {
		t.Fatalf("esc: help %v, browser %v", m.showHelp, m.browser() != nil)
	}
	press(m, "esc")
	if m.browser() != nil {
		t.Error("esc did not close the browser")
	}
}
