package app

import (
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// An undo refuses (ECONFLICT) when the record was changed elsewhere after
// the change it takes back, and leaves that change alone.
func TestUndoRefusesARecordChangedSince(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	for _, r := range sampleRecords(today) {
		if r.Kind == KindStrategy || r.Kind == KindStep {
			continue // their undo checks the plan's list (TestEveryKind…)
		}
		t.Run(string(r.Kind), func(t *testing.T) {
			saved, undoAdd, err := SaveRecord(st, acct, r, today)
			if err != nil {
				t.Fatal(err)
			}
			edited, _, err := SaveRecord(st, acct, editOf(t, saved), today) // "elsewhere"
			if err != nil {
				t.Fatal(err)
			}
			if err := UndoAction(st, undoAdd); code(err) != domain.ECONFLICT {
				t.Fatalf("undo of the add after an edit elsewhere: %v, want a conflict", err)
			}
			if got, err := FindRecord(st, acct, r.Kind, edited.UID); err != nil || got.Label != edited.Label {
				t.Fatalf("the edit made elsewhere: %+v, %v", got, err)
			}
		})
	}
}

// LogTouchVia logs a touch on the channel given; its undo deletes it; an
// unknown channel writes nothing.
func TestLogTouchVia(t *testing.T) {
	st := newBook(t, 0)
	a := newAccount(t, st, "Acme Robotics")
	row := domain.TriageRow{AccountID: a.ID, AccountUID: a.UID}
	u, err := LogTouchVia(st, row, testNow, domain.ChannelEmail)
	if err != nil {
		t.Fatal(err)
	}
	notes := func() []domain.Interaction {
		var list []domain.Interaction
		_ = st.View(func(tx *store.Tx) (err error) { list, _, err = tx.Interactions(a.ID, store.Cursor{}, 100); return })
		return list
	}
	if n := notes(); len(n) != 1 || n[0].Channel != domain.ChannelEmail || n[0].Summary != "" {
		t.Fatalf("touches: %+v", n)
	}
	if err := UndoAction(st, u); err != nil || len(notes()) != 0 {
		t.Fatalf("undo: %v, %d left", err, len(notes()))
	}
	if _, err := LogTouchVia(st, row, testNow, "fax"); code(err) != domain.EINVALID || len(notes()) != 0 {
		t.Fatalf("fax: %v, %d notes", err, len(notes()))
	}
}
