package app

// The triage queue's actions (done, snooze, a logged touch) and how to take
// each back. A row names its account by number and UID: if the number is
// now another account (a restore of another book), or the account is gone,
// nothing is written (ECONFLICT, ENOTFOUND); the same holds for the undo.

import (
	"fmt"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Undo takes back one triage action, on the account it was done on (and,
// through a store pinned with Expecting, in the book it was done in), or
// not at all. The zero Undo does nothing.
type Undo struct {
	acct Ref
	fn   func(*store.Tx) error
}

// UndoAction takes back the action u was returned with. An item or an
// escalation is put back as it was only if it is still that record
// (ENOTFOUND when it was deleted since, ECONFLICT when its number names
// another one).
func UndoAction(st Store, u Undo) error {
	if u.fn == nil {
		return nil
	}
	return onAccount(st, u.acct, u.fn)
}

func rowAccount(row domain.TriageRow) Ref { return Ref{ID: row.AccountID, UID: row.AccountUID} }

// act runs one triage action on the row's account in a write; do returns the undo.
func act(st Store, row domain.TriageRow, do func(tx *store.Tx) (func(*store.Tx) error, error)) (Undo, error) {
	u := Undo{acct: rowAccount(row)}
	err := onAccount(st, u.acct, func(tx *store.Tx) (err error) {
		u.fn, err = do(tx)
		return err
	})
	if err != nil {
		return Undo{}, err
	}
	return u, nil
}

// isItem reports whether the row is about an action item (row.Ref is its number).
func isItem(row domain.TriageRow) bool {
	return row.Reason == domain.ReasonOverdueItem || row.Reason == domain.ReasonDueToday
}

// TriageDone settles a row: its action item is done (at), its escalation
// resolved (on today), any other row dismissed until tomorrow. An item or
// escalation closed elsewhere meanwhile fails with ECONFLICT.
func TriageDone(st Store, row domain.TriageRow, today domain.Date, at time.Time) (Undo, error) {
	switch {
	case isItem(row):
		return act(st, row, itemAction(row, func(it *domain.ActionItem) { it.SetDone(true, at) }))
	case row.Reason == domain.ReasonEscalation:
		return ResolveRisk(st, rowAccount(row), row.Ref, today)
	}
	return act(st, row, snoozeAction(row, today+1))
}

// ResolveRisk resolves the open risk id of the account acct on today
// (domain.Risk.SetStatus); one closed elsewhere meanwhile fails with
// ECONFLICT. Its undo puts that very risk back as it was.
func ResolveRisk(st Store, acct Ref, id uint64, today domain.Date) (Undo, error) {
	u := Undo{acct: acct}
	err := onAccount(st, acct, func(tx *store.Tx) error {
		r, err := tx.Risk(acct.ID, id)
		if err != nil {
			return err
		}
		if !r.Open() {
			return domain.Errorf(domain.ECONFLICT, "escalation %q was closed elsewhere", domain.Printable(r.Title))
		}
		prev := r
		r.SetStatus(domain.RiskResolved, today)
		if err := tx.PutRisk(&r); err != nil {
			return err
		}
		u.fn = func(tx *store.Tx) error {
			cur, found, err := stored(func() (domain.Risk, error) { return tx.Risk(acct.ID, id) })
			if err != nil {
				return err
			}
			if err := sameRecord(fmt.Sprintf("escalation %q", domain.Printable(prev.Title)), prev.UID, cur.UID, found); err != nil {
				return err
			}
			return tx.PutRisk(&prev)
		}
		return nil
	})
	if err != nil {
		return Undo{}, err
	}
	return u, nil
}

// Snooze hides a row until a day: its action item's own snooze, or the
// row's (by its key) for any other reason.
func Snooze(st Store, row domain.TriageRow, until domain.Date) (Undo, error) {
	if isItem(row) {
		return act(st, row, itemAction(row, func(it *domain.ActionItem) { it.SnoozedUntil = until }))
	}
	return act(st, row, snoozeAction(row, until))
}

// LogTouch records a call with the row's account at at; its undo deletes it.
func LogTouch(st Store, row domain.TriageRow, at time.Time) (Undo, error) {
	return act(st, row, func(tx *store.Tx) (func(*store.Tx) error, error) {
		in := domain.Interaction{AccountID: row.AccountID, At: at, Channel: domain.ChannelCall}
		if err := tx.AddInteraction(&in); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error { return tx.DeleteInteraction(row.AccountID, in.ID) }, nil
	})
}

// itemAction changes the row's action item, if it is still open; its undo
// puts back that very item (same number and UID), if it still exists.
func itemAction(row domain.TriageRow, change func(*domain.ActionItem)) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		it, err := tx.ActionItem(row.AccountID, row.Ref)
		if err != nil {
			return nil, err
		}
		if it.Done {
			return nil, domain.Errorf(domain.ECONFLICT, "%q was done elsewhere", domain.Printable(it.Text))
		}
		prev := it
		change(&it)
		if err := tx.PutActionItem(&it); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error {
			cur, found, err := stored(func() (domain.ActionItem, error) { return tx.ActionItem(row.AccountID, row.Ref) })
			if err != nil {
				return err
			}
			if err := sameRecord(fmt.Sprintf("%q", domain.Printable(prev.Text)), prev.UID, cur.UID, found); err != nil {
				return err
			}
			return tx.PutActionItem(&prev)
		}, nil
	}
}

func snoozeAction(row domain.TriageRow, until domain.Date) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		if err := tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key, Until: until}); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error {
			return tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key})
		}, nil
	}
}
