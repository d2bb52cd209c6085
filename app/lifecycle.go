package app

// The account's lifecycle as writes: winning an opportunity rolls the book
// (domain.Won), closing an account records its churn (domain.Churn), and
// editing the ARR records why. Each is one write: the opportunity or the
// account, the account's new ARR and renewal date, and the ARR history entry
// with its date and cause.

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// SaveOpportunityWith stores an opportunity of the account acct (new when
// o.ID is 0, else over the same stored one), moved to its stage on today
// (domain.Opportunity.Move). When it is won now and was not before, the book
// moves in the same write (domain.Won with the terms t: a renewal rolls the
// renewal date and sets the ARR, an expansion, upsell or cross-sell raises
// it); the ARR change recorded is returned (nil when none). An open
// opportunity whose expected close date has passed is refused.
func SaveOpportunityWith(st Store, acct Ref, o domain.Opportunity, today domain.Date, t domain.WinTerms) (*domain.ARRChange, error) {
	return SaveOpportunityOver(st, acct, nil, o, today, t)
}

// SaveOpportunityOver is SaveOpportunityWith for an edit that started from
// was (a form's first values): only the fields changed from it are written
// onto the opportunity as stored (see EditAccount); nil writes a whole.
func SaveOpportunityOver(st Store, acct Ref, was *domain.Opportunity, o domain.Opportunity, today domain.Date, t domain.WinTerms) (*domain.ARRChange, error) {
	o.AccountID = acct.ID
	o.Move(o.Stage, today)
	if err := domain.CheckOpportunityDates(&o, today); err != nil {
		return nil, err
	}
	var out *domain.ARRChange
	err := onAccount(st, acct, func(tx *store.Tx) error {
		var before *domain.Opportunity
		if o.ID != 0 {
			os, err := tx.Opportunities(o.AccountID)
			if err != nil {
				return err
			}
			got, found := findUID(os, func(x *domain.Opportunity) (uint64, string) { return x.ID, x.UID }, o.ID)
			if err := sameRecord(fmt.Sprintf("opportunity %q", domain.Printable(o.Title)), o.UID, got, found); err != nil {
				return err
			}
			for i := range os {
				if os[i].ID == o.ID {
					before = &os[i]
				}
			}
			if was != nil && before != nil {
				cur := *before
				if err := closedMeanwhile(fmt.Sprintf("opportunity %q", domain.Excerpt(before.Title, 40)), *was, cur); err != nil {
					return err
				}
				if err := overEdit(fmt.Sprintf("opportunity %q", domain.Excerpt(before.Title, 40)), *was, o, &cur); err != nil {
					return err
				}
				o = cur
				o.Move(o.Stage, today)
			}
		}
		if err := tx.PutOpportunity(&o); err != nil {
			return err
		}
		ch, err := moveBook(tx, acct.ID, before, &o, t)
		out = ch
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// moveBook does, inside a write, what saving the opportunity o (before: as
// it was stored, nil for a new one) does to the account acct's book: a win
// rolls or raises it (domain.Won with the terms t), recorded with its cause;
// moving a win that moved the book back to an open stage or lost is refused
// (winning it again would move the book twice). It returns the ARR change
// recorded, nil when none.
func moveBook(tx *store.Tx, acct uint64, before, o *domain.Opportunity, t domain.WinTerms) (*domain.ARRChange, error) {
	if before != nil && before.Stage == domain.OppWon && o.Stage != domain.OppWon {
		h, err := tx.ARRHistory(acct)
		if err != nil {
			return nil, err
		}
		if domain.MovedTheBook(before, h) {
			return nil, domain.Invalid("stage", string(o.Stage), "%q was won on %s and moved the book (its ARR, and a renewal's date): it stays won; if the win was a mistake, delete the opportunity and correct the account in its form",
				domain.Printable(before.Title), before.ClosedOn)
		}
	}
	if o.Stage != domain.OppWon || (before != nil && before.Stage == domain.OppWon) {
		return nil, nil
	}
	a, err := tx.Account(acct)
	if err != nil {
		return nil, err
	}
	ch, changed, err := domain.Won(&a, before, o, t)
	if err != nil || !changed {
		return nil, err
	}
	o.MovedBook = true // it stays won, whatever happens to the ARR history (a closure drops later entries)
	if err := tx.PutOpportunity(o); err != nil {
		return nil, err
	}
	return &ch, tx.PutAccountWith(&a, &ch)
}

// bookState is an account and its ARR history as they were before a write
// that may move the book, for an undo to put back.
type bookState struct {
	acct    domain.Account
	history []domain.ARRChange
}

func bookStateOf(tx *store.Tx, acct uint64) (bookState, error) {
	a, err := tx.Account(acct)
	if err != nil {
		return bookState{}, err
	}
	h, err := tx.ARRHistory(acct)
	return bookState{acct: a, history: h}, err
}

// moved reports whether the account's ARR, renewal date or ARR history are
// no longer as in b.
func (b bookState) moved(tx *store.Tx) bool {
	now, err := bookStateOf(tx, b.acct.ID)
	return err != nil || now.acct.ARR != b.acct.ARR || now.acct.Renewal != b.acct.Renewal || !slices.Equal(now.history, b.history)
}

// restore puts the account and its ARR history back as they were.
func (b bookState) restore(tx *store.Tx) error {
	a := b.acct
	if err := tx.PutAccount(&a); err != nil {
		return err
	}
	return tx.ReplaceARRHistory(a.ID, b.history)
}

// CloseAccount closes the account acct as churned on day on (not after
// today, not before its contract start) for reason: its stage is closed and
// its ARR zero from that day, recorded in the ARR history as "churned".
func CloseAccount(st Store, acct Ref, on domain.Date, reason string, today domain.Date) error {
	if on > today {
		return domain.Invalid("closed_on", on.String(), "is in the future: close the account on the day it closed, once it has (today is %s)", today)
	}
	return onAccount(st, acct, func(tx *store.Tx) error {
		a, err := tx.Account(acct.ID)
		if err != nil {
			return err
		}
		if a.Stage == domain.StageClosed {
			return domain.Errorf(domain.ECONFLICT, "%s is already closed (on %s: %s)", domain.Printable(a.Name), a.ClosedOn, domain.Printable(a.ClosedReason))
		}
		ch, err := domain.Churn(&a, on, reason)
		if err != nil {
			return err
		}
		return putChurn(tx, &a, &ch)
	})
}

// CloseAccountNamed closes the account a person named (a name, a unique part
// of one, #N or a UID) as churned: see CloseAccount. It returns the account.
func CloseAccountNamed(st Store, q string, on domain.Date, reason string, today domain.Date) (domain.Account, error) {
	var a domain.Account
	err := st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccount(q)
		if err != nil {
			return err
		}
		a, err = tx.Account(s.ID)
		return err
	})
	if err != nil {
		return a, OneLine(err)
	}
	if err := CloseAccount(st, RefOf(&a), on, reason, today); err != nil {
		return a, OneLine(err)
	}
	return a, nil
}

// putChurn stores the account a closed with its churn ch, dropping the ARR
// recorded after the day it closed.
func putChurn(tx *store.Tx, a *domain.Account, ch *domain.ARRChange) error {
	if err := tx.PutAccountWith(a, ch); err != nil {
		return err
	}
	return tx.ClearARRAfter(a.ID, ch.Date)
}

// saveAccountChange is what saving an account's profile over the stored one
// records in its ARR history: closing it records the churn (ARR zero from
// the day it closed); any other ARR change is "edited" (nil).
func saveAccountChange(old, a *domain.Account) (*domain.ARRChange, error) {
	if old.Stage == domain.StageClosed || a.Stage != domain.StageClosed {
		return nil, nil
	}
	ch, err := domain.Churn(a, a.ClosedOn, a.ClosedReason)
	if err != nil {
		return nil, err
	}
	return &ch, nil
}

// SameName is an account another account's name matches (folded: case and
// accents aside).
type SameName struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
}

// AccountsNamed returns the accounts of the book named like name (folded),
// other than the account except (0: none), for a warning before a duplicate.
func AccountsNamed(st Store, name string, except uint64) ([]SameName, error) {
	var out []SameName
	err := st.View(func(tx *store.Tx) error {
		accts, err := tx.Accounts()
		if err != nil {
			return err
		}
		k := domain.Fold(name)
		for _, a := range accts {
			if a.ID != except && domain.Fold(a.Name) == k {
				out = append(out, SameName{ID: a.ID, Name: a.Name})
			}
		}
		return nil
	})
	return out, err
}

// AddAccountNamed is AddAccount that also returns the accounts already
// named like a (folded), so that the caller can warn about a duplicate
// (DuplicateWarning): one is allowed, and said.
func AddAccountNamed(st Store, a *domain.Account) ([]SameName, error) {
	var same []SameName
	err := st.Update(func(tx *store.Tx) error {
		accts, err := tx.AccountKeys() // names without decoding every account
		if err != nil {
			return err
		}
		k := domain.Fold(a.Name)
		for _, x := range accts {
			if domain.Fold(x.Name) == k {
				same = append(same, SameName{ID: x.ID, Name: x.Name})
			}
		}
		return tx.PutAccount(a)
	})
	return same, OneLine(err)
}

// DuplicateNames lists the names that more than one account of the book
// carries (folded), each with its accounts, in name order.
func DuplicateNames(st Store) ([][]SameName, error) {
	var out [][]SameName
	err := st.View(func(tx *store.Tx) error {
		accts, err := tx.AccountKeys()
		if err != nil {
			return err
		}
		out = duplicates(accts)
		return nil
	})
	return out, err
}

func duplicates(accts []store.AccountKey) [][]SameName {
	by := map[string][]SameName{}
	for _, a := range accts {
		k := domain.Fold(a.Name)
		by[k] = append(by[k], SameName{ID: a.ID, Name: a.Name})
	}
	var out [][]SameName
	for _, g := range by {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return domain.Fold(out[i][0].Name) < domain.Fold(out[j][0].Name) })
	return out
}

// DuplicateWarning says that name is already taken by others, naming them.
func DuplicateWarning(name string, others []SameName) string {
	if len(others) == 0 {
		return ""
	}
	var list []string
	for _, o := range others {
		list = append(list, fmt.Sprintf("#%d %s", o.ID, domain.Printable(o.Name)))
	}
	return fmt.Sprintf("warning: %q has the name of %s: two accounts with one name are easy to mix up (rename one, or delete the duplicate)", domain.Printable(name), strings.Join(list, ", "))
}
