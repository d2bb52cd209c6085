package app

import (
	"fmt"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// One of every kind, as a person would type it.
func sampleRecords(today domain.Date) []Rec {
	usd := func(n int64) domain.Money { return domain.Money{Amount: n * 100, Currency: "USD"} }
	return []Rec{
		{Kind: KindContact, Value: domain.Contact{Name: "Dana Ruiz", Email: "dana@acme.test", Role: domain.RoleChampion}},
		{Kind: KindNote, Value: domain.Interaction{At: testNow.Add(-time.Hour), Channel: domain.ChannelCall, Summary: "Talked SSO\nsecond line"}},
		{Kind: KindItem, Value: domain.ActionItem{Text: "Send the SSO guide", Due: today + 3}},
		{Kind: KindGoal, Value: domain.Goal{Title: "Adoption", Metric: "weekly users", Baseline: 10, Target: 50, Current: 10, Start: today - 30, Due: today + 60}},
		{Kind: KindStrategy, Value: "Land the data team"},
		{Kind: KindStep, Value: domain.ChecklistItem{Text: "Kick-off", Due: today + 7}},
		{Kind: KindOpportunity, Value: domain.Opportunity{Kind: domain.OppUpsell, Title: "More seats", Value: usd(12000), Stage: domain.OppQualify, Probability: 30, CloseDate: today + 40}},
		{Kind: KindRisk, Value: domain.Risk{Kind: domain.RiskConcern, Severity: domain.SevMedium, Status: domain.RiskOpen, Title: "Budget freeze", Opened: today}},
		{Kind: KindWin, Value: domain.Win{Date: today, Title: "Went live"}},
		{Kind: KindSurvey, Value: domain.SurveyResponse{Kind: domain.SurveyNPS, Score: 9, Date: today}},
		{Kind: KindOrder, Value: domain.Order{Date: today, Amount: usd(499)}},
	}
}

// Every kind can be created, read, edited and deleted, and each change
// undone, on a real file.
func TestEveryKindCreateEditDeleteUndo(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	for _, r := range sampleRecords(today) {
		t.Run(string(r.Kind), func(t *testing.T) {
			saved, undoAdd, err := SaveRecord(st, acct, r, today)
			if err != nil {
				t.Fatal(err)
			}
			if saved.ID == 0 || (r.Kind != KindStrategy && r.Kind != KindStep && saved.UID == "") {
				t.Fatalf("saved without a number or UID: %+v", saved)
			}
			got, err := FindRecord(st, acct, r.Kind, fmt.Sprint(saved.ID))
			if err != nil || got.Label != saved.Label {
				t.Fatalf("read back %+v, %v; want %q", got, err, saved.Label)
			}
			// Edit: the label changes, the number and UID stay.
			edited := editOf(t, got)
			after, undoEdit, err := SaveRecord(st, acct, edited, today)
			if err != nil {
				t.Fatal(err)
			}
			if after.ID != saved.ID || after.UID != saved.UID || after.Label == saved.Label {
				t.Fatalf("edit: %+v from %+v", after, saved)
			}
			if err := UndoAction(st, undoEdit); err != nil {
				t.Fatal(err)
			}
			if back, err := FindRecord(st, acct, r.Kind, fmt.Sprint(saved.ID)); err != nil || back.Label != saved.Label {
				t.Fatalf("undo of the edit: %+v, %v", back, err)
			}
			undoDel, err := DeleteRecord(st, acct, got)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := FindRecord(st, acct, r.Kind, fmt.Sprint(saved.ID)); code(err) != domain.ENOTFOUND {
				t.Fatalf("deleted but still found: %v", err)
			}
			if _, err := DeleteRecord(st, acct, got); code(err) != domain.ENOTFOUND {
				t.Fatalf("second delete: %v", err)
			}
			if err := UndoAction(st, undoDel); err != nil {
				t.Fatal(err)
			}
			back, err := FindRecord(st, acct, r.Kind, fmt.Sprint(saved.ID))
			if err != nil || back.UID != saved.UID || back.Label != saved.Label {
				t.Fatalf("undo of the delete: %+v, %v", back, err)
			}
			if err := UndoAction(st, undoAdd); err != nil {
				t.Fatal(err)
			}
			if _, err := FindRecord(st, acct, r.Kind, fmt.Sprint(saved.ID)); code(err) != domain.ENOTFOUND {
				t.Fatalf("undo of the add left it: %v", err)
			}
		})
	}
	if n := read(t, st, func(tx *store.Tx) (int, error) { r, err := tx.AccountRecords(a.ID); return len(r.Records()), err }); n != 0 {
		t.Errorf("%d records left after undoing every add", n)
	}
}

func editOf(t *testing.T, r Rec) Rec {
	t.Helper()
	switch x := r.Value.(type) {
	case domain.Contact:
		x.Name += " Jr"
		r.Value = x
	case domain.Interaction:
		x.Summary = "Talked SSO and SCIM"
		r.Value = x
	case domain.ActionItem:
		x.Text += " again"
		r.Value = x
	case domain.Goal:
		x.Title += " (revised)"
		r.Value = x
	case string:
		r.Value = x + "!"
	case domain.ChecklistItem:
		x.Text += " call"
		r.Value = x
	case domain.Opportunity:
		x.Title += " (EU)"
		r.Value = x
	case domain.Risk:
		x.Title += " (Q1)"
		r.Value = x
	case domain.Win:
		x.Title += " in EU"
		r.Value = x
	case domain.SurveyResponse:
		x.Score = 7
		r.Value = x
	case domain.Order:
		x.Amount.Amount += 100
		r.Value = x
	default:
		t.Fatalf("no edit for %T", x)
	}
	return r
}

// A note's edit keeps the text it replaces; its undo puts the text back.
func TestNoteEditKeepsThePreviousText(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme")
	acct := RefOf(&a)
	n, _, err := SaveRecord(st, acct, Rec{Kind: KindNote, Value: domain.Interaction{At: testNow, Channel: domain.ChannelCall, Summary: "first"}}, today)
	if err != nil {
		t.Fatal(err)
	}
	in := n.Value.(domain.Interaction)
	in.Summary = "second"
	n.Value = in
	saved, _, err := SaveRecord(st, acct, n, today)
	if err != nil {
		t.Fatal(err)
	}
	got := saved.Value.(domain.Interaction)
	if got.Summary != "second" || len(got.Revisions) != 1 || got.Revisions[0].Summary != "first" {
		t.Fatalf("edited note: %+v", got)
	}
	if c := read(t, st, func(tx *store.Tx) (int, error) { return tx.CountInteractions(a.ID), nil }); c != 1 {
		t.Errorf("an edit made %d notes", c)
	}
}

// An action started on a record finishes on it or on nothing: a record
// deleted elsewhere is not brought back by an edit, and one whose number
// another record took is not overwritten by an undo.
func TestRecordActionsRefuseAnotherRecord(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme")
	acct := RefOf(&a)
	c, _, err := SaveRecord(st, acct, Rec{Kind: KindContact, Value: domain.Contact{Name: "Ann"}}, today)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DeleteRecord(st, acct, c); err != nil {
		t.Fatal(err)
	}
	if _, _, err := SaveRecord(st, acct, editOf(t, c), today); code(err) != domain.ENOTFOUND {
		t.Errorf("edit of a contact deleted elsewhere: %v", err)
	}
	s1, _, _ := SaveRecord(st, acct, Rec{Kind: KindStrategy, Value: "one"}, today)
	if _, _, err := SaveRecord(st, acct, Rec{Kind: KindStrategy, Value: "zero"}, today); err != nil {
		t.Fatal(err)
	}
	undo, err := DeleteRecord(st, acct, s1)
	if err != nil {
		t.Fatal(err)
	}
	// Another process changes the list meanwhile: the undo refuses.
	if _, _, err := SaveRecord(st, acct, Rec{Kind: KindStrategy, Value: "three"}, today); err != nil {
		t.Fatal(err)
	}
	if err := UndoAction(st, undo); code(err) != domain.ECONFLICT {
		t.Errorf("undo over a changed list: %v", err)
	}
	if _, _, err := SaveRecord(st, Ref{ID: a.ID, UID: store.NewUID()}, Rec{Kind: KindWin, Value: domain.Win{Title: "x", Date: today}}, today); code(err) != domain.ECONFLICT {
		t.Errorf("a record on a number that names another account: %v", err)
	}
}

func TestGoalProgressKeepsAHistory(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme")
	acct := RefOf(&a)
	g, _, err := SaveRecord(st, acct, sampleRecords(today)[3], today)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err = RecordGoalProgress(st, acct, g, 20, today-10, today, "")
	if err != nil {
		t.Fatal(err)
	}
	g, undo, err := RecordGoalProgress(st, acct, g, 35, today, today, "pilot team on")
	if err != nil {
		t.Fatal(err)
	}
	got := g.Value.(domain.Goal)
	if got.Current != 35 || len(got.History) != 2 || got.History[0].Value != 20 || got.History[1].Note != "pilot team on" {
		t.Fatalf("goal after two updates: %+v", got)
	}
	if err := UndoAction(st, undo); err != nil {
		t.Fatal(err)
	}
	back, _ := FindRecord(st, acct, KindGoal, fmt.Sprint(g.ID))
	if bg := back.Value.(domain.Goal); bg.Current != 20 || len(bg.History) != 1 {
		t.Errorf("undo of a progress update: %+v", bg)
	}
}

func TestParseKindAndFindRecordSayWhatThereIs(t *testing.T) {
	for _, s := range []string{"opp", "Notes", "nps", "task", "onboarding"} {
		if _, err := ParseKind(s); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
	if _, err := ParseKind("widget"); code(err) != domain.EINVALID {
		t.Errorf("unknown kind: %v", err)
	}
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme")
	acct := RefOf(&a)
	for _, n := range []string{"Ann Lee", "Ann Park"} {
		if _, _, err := SaveRecord(st, acct, Rec{Kind: KindContact, Value: domain.Contact{Name: n}}, today); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := FindRecord(st, acct, KindContact, "ann"); code(err) != domain.EAMBIGUOUS {
		t.Errorf("two matches: %v", err)
	}
	if r, err := FindRecord(st, acct, KindContact, "park"); err != nil || r.Label != "Ann Park" {
		t.Errorf("unique part: %+v %v", r, err)
	}
	if _, err := FindRecord(st, acct, KindContact, "Bob"); code(err) != domain.ENOTFOUND {
		t.Errorf("none: %v", err)
	}
}

// Deleting a contact takes it out of the notes it attended and the answers
// it gave (tend check stays green); undo links it back.
func TestDeletingAContactUnlinksAndUndoRelinks(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme")
	acct := RefOf(&a)
	c, _, err := SaveRecord(st, acct, Rec{Kind: KindContact, Value: domain.Contact{Name: "Ann"}}, today)
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := SaveRecord(st, acct, Rec{Kind: KindNote, Value: domain.Interaction{At: testNow, Channel: domain.ChannelCall, Summary: "x", Attendees: []uint64{c.ID}}}, today)
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := SaveRecord(st, acct, Rec{Kind: KindSurvey, Value: domain.SurveyResponse{Kind: domain.SurveyCSAT, Score: 4, Date: today, ContactID: c.ID}}, today)
	if err != nil {
		t.Fatal(err)
	}
	undo, err := DeleteRecord(st, acct, c)
	if err != nil {
		t.Fatal(err)
	}
	if probs, err := st.Check(); err != nil || len(probs) != 0 {
		t.Fatalf("check after deleting a contact: %v %v", probs, err)
	}
	note, _ := FindRecord(st, acct, KindNote, fmt.Sprint(n.ID))
	if len(note.Value.(domain.Interaction).Attendees) != 0 {
		t.Errorf("the note still names the deleted contact")
	}
	if err := UndoAction(st, undo); err != nil {
		t.Fatal(err)
	}
	note, _ = FindRecord(st, acct, KindNote, fmt.Sprint(n.ID))
	ans, _ := FindRecord(st, acct, KindSurvey, fmt.Sprint(s.ID))
	if at := note.Value.(domain.Interaction).Attendees; len(at) != 1 || at[0] != c.ID || ans.Value.(domain.SurveyResponse).ContactID != c.ID {
		t.Errorf("undo did not link the contact back: %v, %+v", at, ans.Value)
	}
}
