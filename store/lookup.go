package store

// One record of an account by its number, and its removal: what the
// create/read/edit/delete use cases need for every kind.

import (
	"bytes"
	"time"

	"github.com/tend-cli/tend/domain"
)

// getChild reads one record of an account from a bucket keyed account + ID.
func getChild[T any](t *Tx, bucket []byte, what string, acct, id uint64) (T, error) {
	var v T
	found, err := getJSON(t.b(bucket), key2(acct, id), &v)
	if err == nil && !found {
		err = notFound(what, id)
	}
	return v, err
}

// deleteChild removes one record of an account (ENOTFOUND when it is not there).
func (t *Tx) deleteChild(bucket []byte, what string, acct, id uint64) error {
	b := t.b(bucket)
	if b.Get(key2(acct, id)) == nil {
		return notFound(what, id)
	}
	t.touch(acct)
	return b.Delete(key2(acct, id))
}

// Contact reads one contact.
func (t *Tx) Contact(acct, id uint64) (domain.Contact, error) {
	return getChild[domain.Contact](t, bContacts, "contact", acct, id)
}

// Opportunity reads one opportunity.
func (t *Tx) Opportunity(acct, id uint64) (domain.Opportunity, error) {
	return getChild[domain.Opportunity](t, bOpps, "opportunity", acct, id)
}

// Order reads one order.
func (t *Tx) Order(acct, id uint64) (domain.Order, error) {
	return getChild[domain.Order](t, bOrders, "order", acct, id)
}

// Survey reads one survey answer.
func (t *Tx) Survey(acct, id uint64) (domain.SurveyResponse, error) {
	return getChild[domain.SurveyResponse](t, bSurveys, "survey answer", acct, id)
}

// Win reads one win.
func (t *Tx) Win(acct, id uint64) (domain.Win, error) {
	return getChild[domain.Win](t, bWins, "win", acct, id)
}

// DeleteOpportunity removes an opportunity.
func (t *Tx) DeleteOpportunity(acct, id uint64) error {
	return t.deleteChild(bOpps, "opportunity", acct, id)
}

// DeleteRisk removes a risk.
func (t *Tx) DeleteRisk(acct, id uint64) error { return t.deleteChild(bRisks, "risk", acct, id) }

// DeleteOrder removes an order.
func (t *Tx) DeleteOrder(acct, id uint64) error { return t.deleteChild(bOrders, "order", acct, id) }

// DeleteSurvey removes a survey answer.
func (t *Tx) DeleteSurvey(acct, id uint64) error {
	return t.deleteChild(bSurveys, "survey answer", acct, id)
}

// DeleteWin removes a win.
func (t *Tx) DeleteWin(acct, id uint64) error { return t.deleteChild(bWins, "win", acct, id) }

// Interaction reads one interaction of the account.
func (t *Tx) Interaction(acct, id uint64) (domain.Interaction, error) {
	var i domain.Interaction
	k := t.b(bInterIDs).Get(u64(id))
	if k == nil || !bytes.HasPrefix(k, u64(acct)) {
		return i, notFound("note", id)
	}
	found, err := getJSON(t.b(bInteractions), k, &i)
	if err == nil && !found {
		err = notFound("note", id)
	}
	return i, err
}

// PutInteraction stores an interaction: a new one when its ID is 0 or not
// in the book, else over the stored one (moved in the timeline when its time
// changed).
func (t *Tx) PutInteraction(i *domain.Interaction) error {
	if i.ID != 0 {
		if k := t.b(bInterIDs).Get(u64(i.ID)); k != nil {
			if !bytes.HasPrefix(k, u64(i.AccountID)) {
				return domain.Errorf(domain.ECONFLICT, "note #%d belongs to another account", i.ID)
			}
			if i.At.IsZero() {
				return domain.Invalid("at", "", "required")
			}
			if err := i.Validate(); err != nil {
				return err
			}
			if i.UID == "" {
				i.UID = storedUID(t.b(bInteractions), k)
			}
			if err := t.b(bInteractions).Delete(bytes.Clone(k)); err != nil {
				return err
			}
		}
	}
	return t.AddInteraction(i)
}

// Now is the store's clock (UTC), for stamps written inside a write.
func (t *Tx) Now() time.Time { return t.now() }
