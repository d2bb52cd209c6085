package app

import (
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// rowOf finds today's triage row of the account for reason.
func rowOf(t *testing.T, st *store.Store, acct uint64, reason domain.Reason) (domain.TriageRow, bool) {
	t.Helper()
	res, err := Triage(st, domain.DateOf(testNow), domain.DefaultTriageWeights())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if r.AccountID == acct && r.Reason == reason {
			return r, true
		}
	}
	return domain.TriageRow{}, false
}

func mustRow(t *testing.T, st *store.Store, acct uint64, reason domain.Reason) domain.TriageRow {
	t.Helper()
	r, ok := rowOf(t, st, acct, reason)
	if !ok {
		t.Fatalf("no %s row for #%d", reason, acct)
	}
	return r
}

func TestTriageActionsAndTheirUndo(t *testing.T) {
	st := newBook(t, 2)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	if err := SaveActionItem(st, acct, domain.ActionItem{Text: "send deck", Due: today - 2}); err != nil {
		t.Fatal(err)
	}
	if err := SaveRisk(st, acct, domain.Risk{Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Opened: today - 1, Title: "Outage"}, today); err != nil {
		t.Fatal(err)
	}

	// Done on an overdue item: done, and undone.
	row := mustRow(t, st, a.ID, domain.ReasonOverdueItem)
	u, err := TriageDone(st, row, today, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := readItem(st, a.ID, row.Ref); !it.Done || !it.DoneAt.Equal(testNow) {
		t.Errorf("done: %+v", it)
	}
	if _, err := TriageDone(st, row, today, testNow); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("done twice: %v", err)
	}
	if err := UndoAction(st, u); err != nil {
		t.Fatal(err)
	}
	if it, _ := readItem(st, a.ID, row.Ref); it.Done || !it.DoneAt.IsZero() {
		t.Errorf("undone: %+v", it)
	}

	// Snooze of the item, and its undo.
	u, err = Snooze(st, row, today+5)
	if err != nil {
		t.Fatal(err)
	}
	if it, _ := readItem(st, a.ID, row.Ref); it.SnoozedUntil != today+5 {
		t.Errorf("snoozed: %+v", it)
	}
	if _, ok := rowOf(t, st, a.ID, domain.ReasonOverdueItem); ok {
		t.Error("a snoozed item is still in the queue")
	}
	if err := UndoAction(st, u); err != nil {
		t.Fatal(err)
	}
	mustRow(t, st, a.ID, domain.ReasonOverdueItem)

	// An undo never brings back an item deleted since.
	u, err = TriageDone(st, row, today, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteActionItem(a.ID, row.Ref) }); err != nil {
		t.Fatal(err)
	}
	if err := UndoAction(st, u); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("undo of an item deleted since: %v", err)
	}
	if _, err := readItem(st, a.ID, row.Ref); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("the undo brought the item back: %v", err)
	}

	// Done on an escalation resolves it on today; twice is a conflict; undo reopens it.
	esc := mustRow(t, st, a.ID, domain.ReasonEscalation)
	u, err = TriageDone(st, esc, today, testNow)
	if err != nil {
		t.Fatal(err)
	}
	r := read(t, st, func(tx *store.Tx) (domain.Risk, error) { return tx.Risk(a.ID, esc.Ref) })
	if r.Open() || r.Resolved != today {
		t.Errorf("resolved: %+v", r)
	}
	if _, err := ResolveRisk(st, acct, esc.Ref, today); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("resolved twice: %v", err)
	}
	if err := UndoAction(st, u); err != nil {
		t.Fatal(err)
	}
	if r := read(t, st, func(tx *store.Tx) (domain.Risk, error) { return tx.Risk(a.ID, esc.Ref) }); !r.Open() || !r.Resolved.IsZero() {
		t.Errorf("reopened: %+v", r)
	}

	// A touch, and its undo.
	before := len(read(t, st, func(tx *store.Tx) (store.Detail, error) { return tx.Detail(a.ID) }).Interactions)
	u, err = LogTouch(st, esc, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(read(t, st, func(tx *store.Tx) (store.Detail, error) { return tx.Detail(a.ID) }).Interactions); n != before+1 {
		t.Errorf("%d interactions after a touch, %d before", n, before)
	}
	if err := UndoAction(st, u); err != nil {
		t.Fatal(err)
	}
	if n := len(read(t, st, func(tx *store.Tx) (store.Detail, error) { return tx.Detail(a.ID) }).Interactions); n != before {
		t.Errorf("%d interactions after the undo, %d before", n, before)
	}
	if err := UndoAction(st, Undo{}); err != nil {
		t.Errorf("the zero undo: %v", err)
	}
}

// A row whose account is gone, or whose number is another account now,
// changes nothing; nor does its undo.
func TestTriageRowsOnAnotherAccount(t *testing.T) {
	st := newBook(t, 1)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme Robotics")
	if err := SaveActionItem(st, RefOf(&a), domain.ActionItem{Text: "send deck", Due: today - 2}); err != nil {
		t.Fatal(err)
	}
	row := mustRow(t, st, a.ID, domain.ReasonOverdueItem)
	u, err := Snooze(st, row, today+3)
	if err != nil {
		t.Fatal(err)
	}
	other := row
	other.AccountUID = store.NewUID()
	for name, do := range map[string]func() (Undo, error){
		"done":   func() (Undo, error) { return TriageDone(st, other, today, testNow) },
		"snooze": func() (Undo, error) { return Snooze(st, other, today+9) },
		"touch":  func() (Undo, error) { return LogTouch(st, other, testNow) },
	} {
		if _, err := do(); domain.ErrorCode(err) != domain.ECONFLICT {
			t.Errorf("%s on a row whose number is another account: %v", name, err)
		}
	}
	if it, _ := readItem(st, a.ID, row.Ref); it.Done || it.SnoozedUntil != today+3 {
		t.Errorf("the item changed: %+v", it)
	}
	if err := DeleteAccountOf(st, RefOf(&a)); err != nil {
		t.Fatal(err)
	}
	if _, err := TriageDone(st, row, today, testNow); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("done on a deleted account: %v", err)
	}
	if err := UndoAction(st, u); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("undo on a deleted account: %v", err)
	}
}
