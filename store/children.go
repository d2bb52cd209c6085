package store

// The other records of an account: action items, opportunities, risks,
// orders, survey answers, wins and the ARR history.

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/tend-cli/tend/domain"
)

func putChild[T any](t *Tx, bucket []byte, acct uint64, id *uint64, uid *string, v *T, validate func() error) error {
	if err := validate(); err != nil {
		return err
	}
	if err := t.mustAccount(acct); err != nil {
		return err
	}
	b := t.b(bucket)
	if *id == 0 {
		n, err := nextSeq(b)
		if err != nil {
			return err
		}
		*id = n
	} else if err := keepID(b, *id); err != nil {
		return err
	}
	*uid = uidOf(*uid, func() string { return storedUID(b, key2(acct, *id)) })
	t.touch(acct)
	return putJSON(b, key2(acct, *id), v)
}

// PutActionItem validates and stores an action item.
func (t *Tx) PutActionItem(a *domain.ActionItem) error {
	if a.Created.IsZero() {
		a.Created = t.now()
	}
	a.SetDone(a.Done, t.now())
	return putChild(t, bActions, a.AccountID, &a.ID, &a.UID, a, a.Validate)
}

// ActionItem reads one action item.
func (t *Tx) ActionItem(acct, id uint64) (domain.ActionItem, error) {
	var a domain.ActionItem
	found, err := getJSON(t.b(bActions), key2(acct, id), &a)
	if err == nil && !found {
		err = notFound("action item", id)
	}
	return a, err
}

// ActionItems of an account, oldest first.
func (t *Tx) ActionItems(acct uint64) ([]domain.ActionItem, error) {
	return listPrefix[domain.ActionItem](t.b(bActions), acct)
}

// DeleteActionItem removes an action item.
func (t *Tx) DeleteActionItem(acct, id uint64) error {
	t.touch(acct)
	return t.b(bActions).Delete(key2(acct, id))
}

// PutOpportunity validates and stores an opportunity.
func (t *Tx) PutOpportunity(o *domain.Opportunity) error {
	return putChild(t, bOpps, o.AccountID, &o.ID, &o.UID, o, o.Validate)
}

// Opportunities of an account.
func (t *Tx) Opportunities(acct uint64) ([]domain.Opportunity, error) {
	return listPrefix[domain.Opportunity](t.b(bOpps), acct)
}

// PutRisk validates and stores a risk.
func (t *Tx) PutRisk(r *domain.Risk) error {
	return putChild(t, bRisks, r.AccountID, &r.ID, &r.UID, r, r.Validate)
}

// Risks of an account.
func (t *Tx) Risks(acct uint64) ([]domain.Risk, error) {
	return listPrefix[domain.Risk](t.b(bRisks), acct)
}

// PutOrder validates and stores an order.
func (t *Tx) PutOrder(o *domain.Order) error {
	return putChild(t, bOrders, o.AccountID, &o.ID, &o.UID, o, o.Validate)
}

// Orders of an account.
func (t *Tx) Orders(acct uint64) ([]domain.Order, error) {
	return listPrefix[domain.Order](t.b(bOrders), acct)
}

// PutSurvey validates and stores a survey response.
func (t *Tx) PutSurvey(r *domain.SurveyResponse) error {
	return putChild(t, bSurveys, r.AccountID, &r.ID, &r.UID, r, r.Validate)
}

// Surveys of an account.
func (t *Tx) Surveys(acct uint64) ([]domain.SurveyResponse, error) {
	return listPrefix[domain.SurveyResponse](t.b(bSurveys), acct)
}

// PutWin validates and stores a win.
func (t *Tx) PutWin(w *domain.Win) error {
	return putChild(t, bWins, w.AccountID, &w.ID, &w.UID, w, w.Validate)
}

// Wins of an account.
func (t *Tx) Wins(acct uint64) ([]domain.Win, error) {
	return listPrefix[domain.Win](t.b(bWins), acct)
}

// PutARRChange records the account's ARR from a date on (one entry per day).
func (t *Tx) PutARRChange(c *domain.ARRChange) error {
	t.touch(c.AccountID)
	return putJSON(t.b(bARR), dateKey(c.AccountID, int32(c.Date)), c)
}

// putARRJoined records c like PutARRChange. An import's or an edit's entry
// (onlyChange) is written only when it changes the ARR: not when its ARR is
// the one in effect before its day; a win or a churn is always recorded
// (a renewal at the same ARR still rolled the book). When the day already
// has an entry (two changes on one day: an import and a won cross-sell, a
// renewal and an expansion), the causes are kept side by side, each with
// the change it made: "import (+$10k); cross-sell won: Seats (+$15k)".
func (t *Tx) putARRJoined(c *domain.ARRChange, onlyChange bool) error {
	h, err := t.ARRHistory(c.AccountID)
	if err != nil {
		return err
	}
	before := domain.Money{Currency: c.ARR.Currency} // in effect before c's day
	var same *domain.ARRChange                       // the day's entry
	for i := range h {
		switch {
		case h[i].Date < c.Date:
			before = h[i].ARR
		case h[i].Date == c.Date:
			same = &h[i]
		}
	}
	if same == nil {
		if onlyChange && (c.ARR == before || (c.ARR.Amount == 0 && before.Amount == 0)) {
			return nil // nothing changed
		}
		if len(h) == 0 && c.ARR.Amount == 0 {
			return nil // $0 to $0: a prospect that never had an ARR, closed
		}
		return t.PutARRChange(c)
	}
	if onlyChange && c.ARR == same.ARR {
		return nil // the day's entry already says so
	}
	if same.Cause != "" && c.Cause != "" && !strings.Contains(same.Cause, c.Cause) {
		old := same.Cause
		if !strings.Contains(old, "; ") && same.ARR.Currency == before.Currency {
			old += " (" + delta(same.ARR, before) + ")"
		}
		c.Cause = old + "; " + c.Cause + " (" + delta(c.ARR, same.ARR) + ")"
	}
	return t.PutARRChange(c)
}

// delta is the change from a to b as a signed short amount: +$15k, −$5k.
func delta(b, a domain.Money) string {
	d, sign := b.Amount-a.Amount, "+"
	if d < 0 {
		sign, d = "−", -d
	}
	return sign + domain.Money{Amount: d, Currency: b.Currency}.Short()
}

// ClearARRAfter deletes the account's ARR history entries dated after d
// (an account that closed on d paid nothing since: what was recorded later
// no longer holds).
func (t *Tx) ClearARRAfter(acct uint64, d domain.Date) error {
	c := t.b(bARR).Cursor()
	p := u64(acct)
	for k, _ := c.Seek(dateKey(acct, int32(d)+1)); k != nil && bytes.HasPrefix(k, p); k, _ = c.Seek(dateKey(acct, int32(d)+1)) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	t.touch(acct)
	return nil
}

// ARRHistory of an account, oldest first.
func (t *Tx) ARRHistory(acct uint64) ([]domain.ARRChange, error) {
	return listPrefix[domain.ARRChange](t.b(bARR), acct)
}

// arrAt is the account's ARR (minor units) on day d from its history, 0 when unknown.
func (t *Tx) arrAt(acct uint64, d domain.Date) int64 {
	k, v := seekBefore(t.b(bARR).Cursor(), dateKey(acct, int32(d)+1))
	if k == nil || !bytes.HasPrefix(k, u64(acct)) {
		return 0
	}
	var ch domain.ARRChange
	if json.Unmarshal(v, &ch) != nil {
		return 0
	}
	return ch.ARR.Amount
}

// Risk reads one risk.
func (t *Tx) Risk(acct, id uint64) (domain.Risk, error) {
	var r domain.Risk
	found, err := getJSON(t.b(bRisks), key2(acct, id), &r)
	if err == nil && !found {
		err = notFound("risk", id)
	}
	return r, err
}
