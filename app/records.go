package app

// Writes that complete an action started on a record some time ago (a form,
// a confirmation, a key on a list): each names the account it was started
// on (Ref: number and global UID) and the record as it was then (its number
// and UID), and acts on that record or on nothing. The file itself is asked
// inside the write, so that neither a write from another process, a
// deletion, nor a restore of another book between the start and the end
// turns it onto another customer. A program that loaded a book passes st
// pinned to it (Expecting).

import (
	"fmt"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Ref names the account an action was started on, by what cannot change
// under it: its number and its global UID.
type Ref struct {
	ID  uint64
	UID string
}

// RefOf names an account.
func RefOf(a *domain.Account) Ref { return Ref{ID: a.ID, UID: a.UID} }

// onAccount runs fn in one write, only if acct is still the account under
// its number: ENOTFOUND when it was deleted, ECONFLICT when the number now
// names another account.
func onAccount(st Store, acct Ref, fn func(*store.Tx) error) error {
	return st.Update(func(tx *store.Tx) error {
		if err := tx.RequireAccount(acct.ID, acct.UID); err != nil {
			return err
		}
		return fn(tx)
	})
}

// sameRecord fails unless the stored record (found, with its UID got) is the
// one the action was started on (uid): a record deleted elsewhere is not
// brought back (ENOTFOUND), and one that took its number is not overwritten
// (ECONFLICT).
func sameRecord(what string, uid, got string, found bool) error {
	switch {
	case !found:
		return domain.Errorf(domain.ENOTFOUND, "%s was deleted elsewhere", what)
	case uid != "" && got != uid:
		return domain.Errorf(domain.ECONFLICT, "%s is now another record", what)
	}
	return nil
}

// stored reads a record for sameRecord: ENOTFOUND from read is "not found",
// any other error is returned.
func stored[T any](read func() (T, error)) (T, bool, error) {
	x, err := read()
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return x, false, err
	}
	return x, err == nil, nil
}

func findUID[T any](list []T, match func(*T) (uint64, string), id uint64) (string, bool) {
	for i := range list {
		if x, uid := match(&list[i]); x == id {
			return uid, true
		}
	}
	return "", false
}

// SaveAccount stores the account's profile (a) over the account acct. A
// changed ARR is recorded in the ARR history as "edited"; closing the
// account records its churn (ARR zero from the day it closed, "churned":
// domain.Churn, which refuses a day before the contract start).
func SaveAccount(st Store, acct Ref, a domain.Account) error {
	return EditAccount(st, acct, nil, a)
}

// EditAccount is SaveAccount for an edit that started from was (a form's
// first values): only the fields changed from was are written onto the
// account as stored, so a change made elsewhere meanwhile (a won renewal,
// a closure, another cockpit) stays; a field changed both here and there
// is a conflict (ECONFLICT, nothing saved). A nil was writes a whole.
func EditAccount(st Store, acct Ref, was *domain.Account, a domain.Account) error {
	return onAccount(st, acct, func(tx *store.Tx) error {
		old, err := tx.Account(acct.ID)
		if err != nil {
			return err
		}
		if was != nil {
			cur := old
			if err := overEdit("account "+domain.Excerpt(old.Name, 40), *was, a, &cur); err != nil {
				return err
			}
			a = cur
		}
		ch, err := saveAccountChange(&old, &a)
		if err != nil {
			return err
		}
		if ch != nil {
			if today := tx.Today(); ch.Date > today {
				return domain.Invalid("closed_on", ch.Date.String(), "is in the future: close the account on the day it closed, once it has (today is %s)", today)
			}
			return putChurn(tx, &a, ch)
		}
		return tx.PutAccount(&a)
	})
}

// DeleteAccountOf deletes the account acct and everything it owns, if it is
// still that account (DeleteAccount, for the command line, finds it by
// what a person typed).
func DeleteAccountOf(st Store, acct Ref) error {
	return onAccount(st, acct, func(tx *store.Tx) error { return tx.DeleteAccount(acct.ID) })
}

// SaveContact stores a contact of the account acct: a new one when c.ID is
// 0, else over the stored contact c.ID if it is still the one with c.UID.
func SaveContact(st Store, acct Ref, c domain.Contact) error {
	c.AccountID = acct.ID
	return onAccount(st, acct, func(tx *store.Tx) error {
		if c.ID != 0 {
			cs, err := tx.Contacts(c.AccountID)
			if err != nil {
				return err
			}
			got, found := findUID(cs, func(x *domain.Contact) (uint64, string) { return x.ID, x.UID }, c.ID)
			if err := sameRecord("contact "+domain.Printable(c.Name), c.UID, got, found); err != nil {
				return err
			}
		}
		return tx.PutContact(&c)
	})
}

// SaveRisk stores a risk of the account acct (new when r.ID is 0, else over
// the same stored risk), its status set on today (domain.Risk.SetStatus:
// resolving stamps the day, reopening clears it).
func SaveRisk(st Store, acct Ref, r domain.Risk, today domain.Date) error {
	r.AccountID = acct.ID
	r.SetStatus(r.Status, today)
	if err := domain.CheckRiskDates(&r, today); err != nil {
		return err
	}
	return onAccount(st, acct, func(tx *store.Tx) error {
		if r.ID != 0 {
			cur, found, err := stored(func() (domain.Risk, error) { return tx.Risk(r.AccountID, r.ID) })
			if err != nil {
				return err
			}
			if err := sameRecord(fmt.Sprintf("risk %q", domain.Printable(r.Title)), r.UID, cur.UID, found); err != nil {
				return err
			}
		}
		return tx.PutRisk(&r)
	})
}

// SaveOpportunity stores an opportunity of the account acct (new when o.ID
// is 0, else over the same stored one), moved to its stage on today
// (domain.Opportunity.Move: won or lost closes it, at probability 100 or 0).
// Winning it moves the book with the default terms (SaveOpportunityWith: a
// renewal rolls the renewal date 12 months and takes the opportunity's
// value as ARR; an expansion, upsell or cross-sell raises the ARR by it).
func SaveOpportunity(st Store, acct Ref, o domain.Opportunity, today domain.Date) error {
	_, err := SaveOpportunityWith(st, acct, o, today, domain.WinTerms{})
	return err
}

// SaveWin records a win of the account acct.
func SaveWin(st Store, acct Ref, w domain.Win) error {
	w.AccountID = acct.ID
	return onAccount(st, acct, func(tx *store.Tx) error { return tx.PutWin(&w) })
}

// AddGoal adds a goal to the account's plan as it is stored when written
// (changes made elsewhere meanwhile stay).
func AddGoal(st Store, acct Ref, g domain.Goal) error {
	return onAccount(st, acct, func(tx *store.Tx) error {
		p, err := tx.Plan(acct.ID)
		if err != nil {
			return err
		}
		p.AccountID = acct.ID
		p.Goals = append(p.Goals, g)
		return tx.PutPlan(&p)
	})
}

// SetStepDone marks the onboarding step at index of the stored plan done
// (or not), if it still has the text it was shown with: ECONFLICT otherwise.
func SetStepDone(st Store, acct Ref, index int, text string, done bool) error {
	return onAccount(st, acct, func(tx *store.Tx) error {
		p, err := tx.Plan(acct.ID)
		if err != nil {
			return err
		}
		if index < 0 || index >= len(p.Onboarding) || p.Onboarding[index].Text != text {
			return domain.Errorf(domain.ECONFLICT, "the onboarding step %q changed elsewhere", domain.Printable(text))
		}
		p.Onboarding[index].Done = done
		return tx.PutPlan(&p)
	})
}

// SaveActionItem stores an action item of the account acct: a new one when
// it.ID is 0; else it changes the text and due date of the stored item it.ID
// (if it is still the one with it.UID) and nothing else.
func SaveActionItem(st Store, acct Ref, it domain.ActionItem) error {
	it.AccountID = acct.ID
	if it.ID == 0 {
		return onAccount(st, acct, func(tx *store.Tx) error { return tx.PutActionItem(&it) })
	}
	return changeItem(st, acct, it, func(cur *domain.ActionItem) { cur.Text, cur.Due = it.Text, it.Due })
}

// SetItemDone marks the stored action item it.ID of the account acct done
// (or open again) at at (domain.ActionItem.SetDone), if it is still the one
// with it.UID; the rest of it stays as stored.
func SetItemDone(st Store, acct Ref, it domain.ActionItem, done bool, at time.Time) error {
	it.AccountID = acct.ID
	return changeItem(st, acct, it, func(cur *domain.ActionItem) { cur.SetDone(done, at) })
}

// changeItem changes the stored item it.ID, if it is still the one with it.UID.
func changeItem(st Store, acct Ref, it domain.ActionItem, change func(*domain.ActionItem)) error {
	return onAccount(st, acct, func(tx *store.Tx) error {
		cur, found, err := stored(func() (domain.ActionItem, error) { return tx.ActionItem(it.AccountID, it.ID) })
		if err != nil {
			return err
		}
		if err := sameRecord(fmt.Sprintf("%q", domain.Printable(it.Text)), it.UID, cur.UID, found); err != nil {
			return err
		}
		change(&cur)
		return tx.PutActionItem(&cur)
	})
}

// SaveDraft keeps the note being typed on an account, so that a quit or a
// crash does not lose it (SaveNote drops it), and returns it as stored.
// No draft text is lost: when d's slot holds a text that another note editor
// wrote (another cockpit, or one that resumed the draft after a crash) and
// that d's editor never read (d.Base), that text stays and d is kept in a
// slot of its own beside it (moved).
func SaveDraft(st Store, d domain.Draft) (saved domain.Draft, moved bool, err error) {
	err = st.Update(func(tx *store.Tx) error {
		cur, found, err := tx.Draft(d.AccountID, d.Slot)
		if err != nil {
			return err
		}
		if found && !ownDraft(cur, d) {
			moved = true
			d.Slot = tx.FreeDraftSlot(d.AccountID)
			if mine, ok, err := writersDraft(tx, d); err != nil {
				return err
			} else if ok {
				d.Slot = mine // moved by an earlier save of this editor
			}
		}
		return tx.PutDraft(&d)
	})
	d.Base = d.Text
	return d, moved, err
}

// ownDraft says whether cur, stored in the slot d is written to, may be
// replaced by d: typed by d's editor, the text it last read or wrote, the
// same text, or nothing.
func ownDraft(cur, d domain.Draft) bool {
	return (cur.Writer != "" && cur.Writer == d.Writer) || cur.Text == d.Base || cur.Text == d.Text || strings.TrimSpace(cur.Text) == ""
}

// writersDraft finds the slot d's editor already writes on the account.
func writersDraft(tx *store.Tx, d domain.Draft) (uint64, bool, error) {
	ds, err := tx.AccountDrafts(d.AccountID)
	if err != nil || d.Writer == "" {
		return 0, false, err
	}
	for _, o := range ds {
		if o.Writer == d.Writer {
			return o.Slot, true, nil
		}
	}
	return 0, false, nil
}

// AccountDrafts lists the note drafts kept for the account acct.
func AccountDrafts(st Store, acct uint64) ([]domain.Draft, error) {
	var ds []domain.Draft
	err := st.View(func(tx *store.Tx) (err error) {
		ds, err = tx.AccountDrafts(acct)
		return err
	})
	return ds, err
}

// DiscardDraft drops the note draft kept for the account acct in the slot
// (nothing when it has none, or when the draft was typed for another account
// that had the number).
func DiscardDraft(st Store, acct Ref, slot uint64) error {
	return st.Update(func(tx *store.Tx) error {
		d, found, err := tx.Draft(acct.ID, slot)
		if err != nil || !found {
			return err
		}
		if d.AccountUID == "" || acct.UID == "" || d.AccountUID == acct.UID {
			return tx.DeleteDraft(acct.ID, slot)
		}
		return nil
	})
}
