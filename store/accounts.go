package store

// Accounts: the customers, with their UID index.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// AccountByUID finds the local ID of the account with a global UID.
func (t *Tx) AccountByUID(uid string) (uint64, bool) {
	v := t.b(bAccountUIDs).Get([]byte(uid))
	if len(v) != 8 {
		return 0, false
	}
	return decodeU64(v), true
}

func (t *Tx) mustAccount(id uint64) error {
	if t.b(bAccounts).Get(u64(id)) == nil {
		return notFound("account", id)
	}
	return nil
}

// PutAccount validates and stores a; a zero ID creates it (ID and Created set).
// An ARR change is recorded in the ARR history with today's date (a new
// account's from its contract start when that is earlier), its cause "start"
// for a new account and "edited" for a change.
func (t *Tx) PutAccount(a *domain.Account) error { return t.PutAccountWith(a, nil) }

// PutAccountWith is PutAccount recording the ARR change ch: with a date, ch
// itself (a.ARR from that date, for the cause it names: a won renewal, a
// churn); without one, only its cause, on the date PutAccount would use.
func (t *Tx) PutAccountWith(a *domain.Account, ch *domain.ARRChange) error {
	if err := errors.Join(a.Validate(), a.ValidateLifecycle()); err != nil {
		return err
	}
	b := t.b(bAccounts)
	var old domain.Account
	if a.ID == 0 {
		id, err := t.nextID(bAccounts)
		if err != nil {
			return err
		}
		a.ID = id
		if a.Created.IsZero() {
			a.Created = t.now()
		}
	} else if found, err := getJSON(b, u64(a.ID), &old); err != nil {
		return err
	} else if !found {
		// An explicit ID that does not exist yet (a full export into an empty book): keep it.
		if err := keepID(b, a.ID); err != nil {
			return err
		}
	}
	switch {
	case old.ID != 0 && a.UID == "":
		a.UID = old.UID
	case old.ID != 0 && old.UID != "" && a.UID != old.UID:
		return domain.Invalid("uid", a.UID, "an account keeps its UID (it is %s)", old.UID)
	}
	if a.UID == "" {
		a.UID = NewUID()
	}
	if id, ok := t.AccountByUID(a.UID); ok && id != a.ID {
		return domain.Errorf(domain.ECONFLICT, "account UID %s is already account #%d", a.UID, id)
	}
	if err := t.b(bAccountUIDs).Put([]byte(a.UID), u64(a.ID)); err != nil {
		return err
	}
	if a.Created.IsZero() {
		a.Created = t.now()
	}
	a.Updated = t.now()
	switch {
	case ch != nil && !ch.Date.IsZero():
		c := *ch
		c.AccountID, c.ARR = a.ID, a.ARR
		if err := t.datedARR(&old, &c); err != nil {
			return err
		}
	case old.ID == 0 || old.ARR != a.ARR:
		// a new account's ARR holds from its contract start (in the past
		// or the future); a change, or a prospect's ARR, from today
		d := t.Today()
		if !a.ContractStart.IsZero() && old.ID == 0 {
			d = a.ContractStart
		}
		cause := domain.CauseEdited
		if old.ID == 0 {
			cause = domain.CauseStart
		}
		if ch != nil && ch.Cause != "" {
			cause = ch.Cause
		}
		if err := t.putARRJoined(&domain.ARRChange{AccountID: a.ID, Date: d, ARR: a.ARR, Cause: cause}, true); err != nil {
			return err
		}
	}
	if old.ID != 0 && !a.ContractStart.IsZero() && a.ContractStart != old.ContractStart {
		if err := t.startARR(a.ID, a.ContractStart); err != nil {
			return err
		}
	}
	t.touch(a.ID)
	if old.ID == 0 || old.Owner != a.Owner { // the owner is in every note's search document
		t.allNotes(a.ID)
	}
	return putJSON(b, u64(a.ID), a)
}

// Account reads one account.
func (t *Tx) Account(id uint64) (domain.Account, error) {
	var a domain.Account
	found, err := getJSON(t.b(bAccounts), u64(id), &a)
	if err == nil && !found {
		err = notFound("account", id)
	}
	return a, err
}

// Accounts reads every account in ID order.
func (t *Tx) Accounts() ([]domain.Account, error) {
	var out []domain.Account
	err := t.b(bAccounts).ForEach(func(k, v []byte) error {
		var a domain.Account
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("account %d does not decode: %w", decodeU64(k), err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// DeleteAccount deletes the account and everything that belongs to it.
func (t *Tx) DeleteAccount(id uint64) error {
	if err := t.mustAccount(id); err != nil {
		return err
	}
	p := u64(id)
	for _, b := range [][]byte{bContacts, bInteractions, bActions, bOpps, bRisks, bOrders, bSurveys, bWins, bARR, bSnoozes} {
		if err := deletePrefix(t.b(b), p); err != nil {
			return err
		}
	}
	// interaction ID index: values start with the account ID.
	ids := t.b(bInterIDs)
	c := ids.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if bytes.HasPrefix(v, p) {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	if uid := storedUID(t.b(bAccounts), p); uid != "" {
		if err := t.b(bAccountUIDs).Delete([]byte(uid)); err != nil {
			return err
		}
	}
	for _, b := range [][]byte{bAccounts, bSummaries, bPlans, bDrafts, bMetrics} {
		if err := t.b(b).Delete(p); err != nil {
			return err
		}
	}
	if err := deletePrefix(t.b(bDrafts), p); err != nil { // the drafts kept beside the first
		return err
	}
	t.touch(id)
	t.allNotes(id)
	return nil
}

// datedARR records c, a change of the ARR dated c.Date (a deal won, which
// may have closed days ago). The ARR before it is made explicit first when
// the history has no entry on or before c's day: what the account had (often
// $0, not recorded on its own) when the history is empty, else what its
// first entry says — the ARR a past period read for the days before that
// entry —, from the contract start (or the day before c without one).
// Entries after c's day, written before c was known (an import today), move
// by what c changed, so that the last entry is the account's ARR and no
// period before c's day reads c's ARR.
func (t *Tx) datedARR(old *domain.Account, c *domain.ARRChange) error {
	h, err := t.ARRHistory(c.AccountID)
	if err != nil {
		return err
	}
	before := old.ARR
	if len(h) > 0 {
		before = h[0].ARR
	}
	if len(h) == 0 || h[0].Date > c.Date {
		if old.ID != 0 && before != c.ARR {
			d := c.Date.AddDays(-1)
			if s := old.ContractStart; !s.IsZero() && s < c.Date {
				d = s
			}
			if err := t.PutARRChange(&domain.ARRChange{AccountID: c.AccountID, Date: d, ARR: before, Cause: domain.CauseStart}); err != nil {
				return err
			}
			h = append([]domain.ARRChange{{Date: d, ARR: before}}, h...)
		}
	}
	at := domain.Money{Currency: c.ARR.Currency} // in effect on c's day before c
	for _, e := range h {
		if e.Date <= c.Date {
			at = e.ARR
		}
	}
	if err := t.putARRJoined(c, false); err != nil {
		return err
	}
	delta := c.ARR.Amount - at.Amount
	if delta == 0 || at.Currency != c.ARR.Currency && at.Amount != 0 {
		return nil
	}
	for _, e := range h {
		if e.Date > c.Date && e.ARR.Currency == c.ARR.Currency {
			e.AccountID, e.ARR.Amount = c.AccountID, max(0, e.ARR.Amount+delta)
			if err := t.PutARRChange(&e); err != nil {
				return err
			}
		}
	}
	return nil
}

// startARR dates the account's first known ARR from its contract start,
// given (or moved earlier) after the account was written: a new account's
// ARR is recorded from its start, and one whose start is set later (in the
// account form, by a re-import with --map 'Create Date=contract_start')
// is treated alike. Nothing is done when the history already holds an entry
// on or before start.
func (t *Tx) startARR(acct uint64, start domain.Date) error {
	h, err := t.ARRHistory(acct)
	if err != nil || len(h) == 0 || h[0].Date <= start {
		return err
	}
	first := h[0]
	return t.PutARRChange(&domain.ARRChange{AccountID: acct, Date: start, ARR: first.ARR, Cause: domain.CauseStart})
}
