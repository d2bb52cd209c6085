package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// Tx is one transaction on the book. Writes record which accounts they touch;
// at commit the store refreshes those accounts' summaries and logs the change.
type Tx struct {
	tx       *bolt.Tx
	s        *Store
	touched  map[uint64]bool
	order    []uint64
	seedPrev map[uint64]int // demo only: previous month's health to seed
}

func (t *Tx) now() time.Time { return t.s.now().UTC() }

// Today is the civil date in the user's zone.
func (t *Tx) Today() domain.Date { return domain.DateOf(t.s.now().In(t.s.loc())) }

func (t *Tx) touch(acct uint64) {
	if t.touched == nil {
		return
	}
	if !t.touched[acct] {
		t.touched[acct] = true
		t.order = append(t.order, acct)
	}
}

func notFound(what string, id uint64) error {
	return domain.Errorf(domain.ENOTFOUND, "%s #%d not found", what, id)
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

func getJSON(b *bolt.Bucket, k []byte, v any) (bool, error) {
	data := b.Get(k)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("record %x in %s does not decode: %w", k, "bucket", err)
	}
	return true, nil
}

// listPrefix decodes every record under the account's prefix, in key order.
func listPrefix[T any](b *bolt.Bucket, acct uint64) ([]T, error) {
	var out []T
	p := u64(acct)
	c := b.Cursor()
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return out, fmt.Errorf("record %x does not decode: %w", k, err)
		}
		out = append(out, x)
	}
	return out, nil
}

func deletePrefix(b *bolt.Bucket, p []byte) error {
	c := b.Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Seek(p) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) nextID(b []byte) (uint64, error) { return nextSeq(t.b(b)) }

// nextSeq is the bucket's next ID, refusing to go past MaxLocalID.
func nextSeq(b *bolt.Bucket) (uint64, error) {
	if b.Sequence() >= MaxLocalID {
		return 0, domain.Errorf(domain.EINVALID, "no more record numbers in this book (the counter is at %d)", b.Sequence())
	}
	return b.NextSequence()
}

// keepID makes an explicit ID safe to store: within MaxLocalID, and the
// bucket's sequence moved past it so that a new record never takes it.
func keepID(b *bolt.Bucket, id uint64) error {
	if id > MaxLocalID {
		return domain.Invalid("id", fmt.Sprint(id), "a record number must be at most %d", uint64(MaxLocalID))
	}
	if id > b.Sequence() {
		return b.SetSequence(id)
	}
	return nil
}

// uidOf gives a record its global UID: the one it carries, else the one the
// stored version has (a form that did not carry it), else a new one.
func uidOf(uid string, stored func() string) string {
	if uid != "" {
		return uid
	}
	if stored != nil {
		if u := stored(); u != "" {
			return u
		}
	}
	return NewUID()
}

// storedUID reads the UID of the JSON record under k, or "".
func storedUID(b *bolt.Bucket, k []byte) string {
	v := b.Get(k)
	if v == nil {
		return ""
	}
	var x struct {
		UID string `json:"uid"`
	}
	_ = json.Unmarshal(v, &x)
	return x.UID
}

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

// ---- accounts

// PutAccount validates and stores a; a zero ID creates it (ID and Created set).
// An ARR change is recorded in the ARR history with today's date.
func (t *Tx) PutAccount(a *domain.Account) error {
	if err := a.Validate(); err != nil {
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
	if old.ID == 0 || old.ARR != a.ARR {
		d := t.Today()
		if !a.ContractStart.IsZero() && old.ID == 0 && a.ContractStart < d {
			d = a.ContractStart
		}
		if err := t.PutARRChange(&domain.ARRChange{AccountID: a.ID, Date: d, ARR: a.ARR}); err != nil {
			return err
		}
	}
	t.touch(a.ID)
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
	t.touch(id)
	return nil
}

// ---- contacts

// PutContact validates and stores c; a zero ID creates it.
func (t *Tx) PutContact(c *domain.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := t.mustAccount(c.AccountID); err != nil {
		return err
	}
	if c.ID == 0 {
		id, err := t.nextID(bContacts)
		if err != nil {
			return err
		}
		c.ID, c.Created = id, t.now()
	} else if err := keepID(t.b(bContacts), c.ID); err != nil {
		return err
	}
	c.UID = uidOf(c.UID, func() string { return storedUID(t.b(bContacts), key2(c.AccountID, c.ID)) })
	t.touch(c.AccountID)
	return putJSON(t.b(bContacts), key2(c.AccountID, c.ID), c)
}

// Contacts of an account, in creation order.
func (t *Tx) Contacts(acct uint64) ([]domain.Contact, error) {
	return listPrefix[domain.Contact](t.b(bContacts), acct)
}

// DeleteContact removes a contact.
func (t *Tx) DeleteContact(acct, id uint64) error {
	t.touch(acct)
	return t.b(bContacts).Delete(key2(acct, id))
}

// ---- interactions

// AddInteraction validates and stores an interaction; its attendees' last touch moves forward.
func (t *Tx) AddInteraction(i *domain.Interaction) error {
	if i.At.IsZero() {
		i.At = t.now()
	}
	i.At = i.At.UTC()
	if err := i.Validate(); err != nil {
		return err
	}
	if err := t.mustAccount(i.AccountID); err != nil {
		return err
	}
	if i.ID == 0 {
		id, err := t.nextID(bInteractions)
		if err != nil {
			return err
		}
		i.ID = id
	} else if err := keepID(t.b(bInteractions), i.ID); err != nil {
		return err
	}
	if i.UID == "" {
		i.UID = NewUID()
	}
	k := interactionKey(i.AccountID, i.At, i.ID)
	if err := putJSON(t.b(bInteractions), k, i); err != nil {
		return err
	}
	if err := t.b(bInterIDs).Put(u64(i.ID), k); err != nil {
		return err
	}
	for _, cid := range i.Attendees {
		var c domain.Contact
		if found, err := getJSON(t.b(bContacts), key2(i.AccountID, cid), &c); err != nil {
			return err
		} else if found && c.LastTouch.Before(i.At) {
			c.LastTouch = i.At
			if err := putJSON(t.b(bContacts), key2(i.AccountID, cid), &c); err != nil {
				return err
			}
		}
	}
	t.touch(i.AccountID)
	return nil
}

// Interactions returns up to n interactions of the account, newest first,
// strictly older than the cursor (pass the zero Cursor for the newest page),
// and the cursor for the next page (zero when there is none).
func (t *Tx) Interactions(acct uint64, after Cursor, n int) ([]domain.Interaction, Cursor, error) {
	c := t.b(bInteractions).Cursor()
	p := u64(acct)
	from := u64(acct + 1)
	if after.key != nil {
		from = after.key
	}
	k, v := seekBefore(c, from)
	var out []domain.Interaction
	for ; k != nil && bytes.HasPrefix(k, p) && len(out) < n; k, v = c.Prev() {
		var i domain.Interaction
		if err := json.Unmarshal(v, &i); err != nil {
			return out, Cursor{}, fmt.Errorf("interaction %x does not decode: %w", k, err)
		}
		out = append(out, i)
	}
	next := Cursor{}
	if len(out) == n && k != nil && bytes.HasPrefix(k, p) {
		last := out[len(out)-1]
		next.key = interactionKey(acct, last.At, last.ID)
	}
	return out, next, nil
}

// Cursor marks a place in a timeline.
type Cursor struct{ key []byte }

// More reports whether there is a next page.
func (c Cursor) More() bool { return c.key != nil }

// lastInteraction is the newest interaction's time, or zero.
func (t *Tx) lastInteraction(acct uint64) time.Time {
	k, _ := seekBefore(t.b(bInteractions).Cursor(), u64(acct+1))
	if k == nil || len(k) != 24 || binary.BigEndian.Uint64(k) != acct {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[8:])^(1<<63))).UTC()
}

// CountInteractions counts the account's interactions.
func (t *Tx) CountInteractions(acct uint64) int {
	n := 0
	p := u64(acct)
	c := t.b(bInteractions).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		n++
	}
	return n
}

// ---- plans

// Plan of the account (an empty plan when none is stored).
func (t *Tx) Plan(acct uint64) (domain.Plan, error) {
	p := domain.Plan{AccountID: acct}
	_, err := getJSON(t.b(bPlans), u64(acct), &p)
	return p, err
}

// PutPlan validates and stores the plan, giving new goals IDs.
func (t *Tx) PutPlan(p *domain.Plan) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := t.mustAccount(p.AccountID); err != nil {
		return err
	}
	var stored domain.Plan
	if _, err := getJSON(t.b(bPlans), u64(p.AccountID), &stored); err != nil {
		return err
	}
	for i := range p.Goals {
		g := &p.Goals[i]
		if g.ID == 0 {
			id, err := t.nextID(bPlans)
			if err != nil {
				return err
			}
			g.ID = id
		} else if err := keepID(t.b(bPlans), g.ID); err != nil {
			return err
		}
		g.UID = uidOf(g.UID, func() string {
			for _, o := range stored.Goals {
				if o.ID == g.ID {
					return o.UID
				}
			}
			return ""
		})
	}
	p.Updated = t.now()
	t.touch(p.AccountID)
	return putJSON(t.b(bPlans), u64(p.AccountID), p)
}

// ---- generic children: action items, opportunities, risks, orders, surveys, wins

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
	if a.Done && a.DoneAt.IsZero() {
		a.DoneAt = t.now()
	}
	if !a.Done {
		a.DoneAt = time.Time{}
	}
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

// ---- triage snoozes

// PutSnooze puts off one triage row of an account until a date (a zero date removes the snooze).
func (t *Tx) PutSnooze(z domain.Snooze) error {
	if err := t.mustAccount(z.AccountID); err != nil {
		return err
	}
	if z.Key == "" || len(z.Key) > 200 {
		return domain.Invalid("key", z.Key, "a triage row key is 1 to 200 bytes")
	}
	k := append(u64(z.AccountID), z.Key...)
	t.touch(z.AccountID)
	if z.Until.IsZero() {
		return t.b(bSnoozes).Delete(k)
	}
	return putJSON(t.b(bSnoozes), k, z)
}

// ---- drafts

// PutDraft stores the account's draft (one per account). Drafts do not bump
// the change counter's summaries: they are not part of the book yet.
func (t *Tx) PutDraft(d *domain.Draft) error {
	d.Saved = t.now()
	return putJSON(t.b(bDrafts), u64(d.AccountID), d)
}

// Drafts lists every saved draft.
func (t *Tx) Drafts() ([]domain.Draft, error) {
	var out []domain.Draft
	err := t.b(bDrafts).ForEach(func(k, v []byte) error {
		var d domain.Draft
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// DeleteDraft removes the account's draft.
func (t *Tx) DeleteDraft(acct uint64) error { return t.b(bDrafts).Delete(u64(acct)) }

// ---- settings

// Setting reads a named setting into v; false when unset.
func (t *Tx) Setting(name string, v any) (bool, error) {
	return getJSON(t.b(bSettings), []byte(name), v)
}

// PutSetting stores a named setting.
func (t *Tx) PutSetting(name string, v any) error {
	t.touch(0)
	return putJSON(t.b(bSettings), []byte(name), v)
}

// ---- summaries

// Summaries decodes every account summary, in ID order.
func (t *Tx) Summaries() ([]domain.Summary, error) {
	b := t.b(bSummaries)
	// The accounts' ID sequence bounds the count without walking the bucket.
	out := make([]domain.Summary, 0, min(t.b(bAccounts).Sequence(), 10_000_000))
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		out = append(out, domain.Summary{})
		if err := decodeSummary(v, &out[len(out)-1]); err != nil {
			return nil, fmt.Errorf("summary of account %d: %w", decodeU64(k), err)
		}
	}
	return out, nil
}

// SummariesOf decodes the summaries of the given accounts; missing ones (deleted) are left out.
func (t *Tx) SummariesOf(ids []uint64) ([]domain.Summary, error) {
	b := t.b(bSummaries)
	var out []domain.Summary
	for _, id := range ids {
		v := b.Get(u64(id))
		if v == nil {
			continue
		}
		var s domain.Summary
		if err := decodeSummary(v, &s); err != nil {
			return nil, fmt.Errorf("summary of account %d: %w", id, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// Summary of one account.
func (t *Tx) Summary(id uint64) (domain.Summary, error) {
	var s domain.Summary
	v := t.b(bSummaries).Get(u64(id))
	if v == nil {
		return s, notFound("account", id)
	}
	return s, decodeSummary(v, &s)
}

// refresh rebuilds the summary of one account from its records.
func (t *Tx) refresh(acct uint64) error {
	a, err := t.Account(acct)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil // deleted
	} else if err != nil {
		return err
	}
	var f domain.Facts
	if f.Contacts, err = t.Contacts(acct); err != nil {
		return err
	}
	f.LastTouch = t.lastInteraction(acct)
	if f.Items, err = t.ActionItems(acct); err != nil {
		return err
	}
	if f.Risks, err = t.Risks(acct); err != nil {
		return err
	}
	if f.Opps, err = t.Opportunities(acct); err != nil {
		return err
	}
	plan, err := t.Plan(acct)
	if err != nil {
		return err
	}
	f.Plan = &plan
	if f.Snoozes, err = listPrefix[domain.Snooze](t.b(bSnoozes), acct); err != nil {
		return err
	}
	surveys, err := t.Surveys(acct)
	if err != nil {
		return err
	}
	for i := range surveys {
		r := &surveys[i]
		switch {
		case r.Kind == domain.SurveyNPS && (f.LatestNPS == nil || r.Date >= f.LatestNPS.Date):
			f.LatestNPS = r
		case r.Kind == domain.SurveyCSAT && (f.LatestCSAT == nil || r.Date >= f.LatestCSAT.Date):
			f.LatestCSAT = r
		}
	}
	today := t.Today()
	f.ARRYearAgo = t.arrAt(acct, today.AddMonths(-12))
	var prev *domain.Summary
	if old, err := t.Summary(acct); err == nil {
		prev = &old
	}
	s := domain.Summarize(&a, f, prev, today, t.s.loc())
	if p, ok := t.seedPrev[acct]; ok {
		s.HealthPrev = p
	}
	if err := t.b(bSummaries).Put(u64(acct), encodeSummary(nil, &s)); err != nil {
		return err
	}
	orders, err := t.Orders(acct)
	if err != nil {
		return err
	}
	arr, err := t.ARRHistory(acct)
	if err != nil {
		return err
	}
	return t.b(bMetrics).Put(u64(acct), encodeMetrics(nil, &a, arr, orders, surveys, f.Opps))
}

// finish refreshes touched summaries and logs the change.
func (t *Tx) finish() error {
	if len(t.order) == 0 {
		return nil
	}
	sort.Slice(t.order, func(i, j int) bool { return t.order[i] < t.order[j] })
	for _, id := range t.order {
		if id == 0 {
			continue
		}
		if err := t.refresh(id); err != nil {
			return err
		}
	}
	m := t.b(bMeta)
	n := decodeU64(m.Get(kCounter)) + 1
	if err := m.Put(kCounter, u64(n)); err != nil {
		return err
	}
	log := t.b(bChanges)
	// One entry per write; up to 64 account IDs, else "many" (readers reload all).
	var v []byte
	if len(t.order) <= 64 {
		v = make([]byte, 0, 8*len(t.order))
		for _, id := range t.order {
			v = binary.BigEndian.AppendUint64(v, id)
		}
	}
	if err := log.Put(u64(n), v); err != nil {
		return err
	}
	if n > maxChangeLog {
		c := log.Cursor()
		for k, _ := c.First(); k != nil && decodeU64(k) <= n-maxChangeLog; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Changes is the change counter: the number of writes the file has seen.
func (t *Tx) Changes() uint64 { return decodeU64(t.b(bMeta).Get(kCounter)) }

// ChangedSince lists the accounts written after change number since; all is
// true when the log no longer reaches back that far or a write touched many
// accounts (reload everything).
func (t *Tx) ChangedSince(since uint64) (ids []uint64, all bool) {
	now := t.Changes()
	if now <= since {
		return nil, false
	}
	log := t.b(bChanges)
	if log.Get(u64(since+1)) == nil {
		return nil, true
	}
	seen := map[uint64]bool{}
	c := log.Cursor()
	for k, v := c.Seek(u64(since + 1)); k != nil; k, v = c.Next() {
		if len(v) == 0 {
			return nil, true
		}
		for i := 0; i+8 <= len(v); i += 8 {
			id := binary.BigEndian.Uint64(v[i:])
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, false
}

// How loosely a name typed by a person may match an account.
type matchLevel int

const (
	matchExact  matchLevel = iota // the whole name (case and accents folded); for destructive commands
	matchPrefix                   // or a unique beginning of it; for writes such as a note
	matchPart                     // or a unique part of it; for reading
)

// FindAccount resolves what a person typed to one account for reading: a
// global UID, #N (or a bare number), or a name: exact (case-insensitive),
// else a unique beginning, else a unique part. An ambiguous name fails with
// the candidates listed.
func (t *Tx) FindAccount(q string) (domain.Summary, error) { return t.findAccount(q, matchPart) }

// FindAccountForWrite is FindAccount for commands that write to the account
// (a note, an import's rows): a part of a name in the middle ("bot" for "Acme
// Robotics") is not enough; it fails listing the candidates.
func (t *Tx) FindAccountForWrite(q string) (domain.Summary, error) {
	return t.findAccount(q, matchPrefix)
}

// FindAccountExact resolves an account for a destructive command: a global
// UID, #N, or the exact name (case-insensitive). A partial match fails with
// the candidates listed, and deletes nothing.
func (t *Tx) FindAccountExact(q string) (domain.Summary, error) { return t.findAccount(q, matchExact) }

func (t *Tx) findAccount(q string, level matchLevel) (domain.Summary, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return domain.Summary{}, domain.Invalid("account", q, "empty; give a name, #N or a UID")
	}
	if domain.ValidUID(strings.ToLower(q)) {
		if id, ok := t.AccountByUID(strings.ToLower(q)); ok {
			return t.Summary(id)
		}
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account has the UID %s", q)
	}
	// #N is always a number. A bare number is an account's exact name if one
	// has it, else (except for destructive commands) #N; never a beginning or
	// a part of a name, so that "20" does not mean "2024 Ventures".
	id, numeric := parseID(q)
	if numeric && strings.HasPrefix(q, "#") {
		return t.Summary(id)
	}
	all, err := t.Summaries()
	if err != nil {
		return domain.Summary{}, err
	}
	fq := domain.Fold(q)
	var exact, prefix, part []domain.Summary
	for _, s := range all {
		switch n := domain.Fold(s.Name); {
		case n == fq:
			exact = append(exact, s)
		case strings.HasPrefix(n, fq):
			prefix = append(prefix, s)
		case strings.Contains(n, fq):
			part = append(part, s)
		}
	}
	if numeric && len(exact) == 0 && level != matchExact {
		if s, err := t.Summary(id); err == nil {
			return s, nil
		}
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is #%d or named %q", id, q)
	}
	if numeric {
		prefix, part = nil, nil
	}
	sets := [][]domain.Summary{exact, prefix, part}
	for i, set := range sets {
		switch {
		case len(set) == 0:
			continue
		case i > int(level):
			near := append(append([]domain.Summary(nil), prefix...), part...)
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q is not the exact name of an account; it is part of %s; give the exact name or the #N", domain.Excerpt(q, 60), candidates(near))
		case len(set) == 1:
			return set[0], nil
		case i == 0:
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q names %d accounts: %s; give the #N of the one you mean", domain.Excerpt(q, 60), len(set), candidates(set))
		default:
			return domain.Summary{}, domain.Errorf(domain.EAMBIGUOUS, "%q matches %d accounts: %s", domain.Excerpt(q, 60), len(set), candidates(set))
		}
	}
	if numeric && level == matchExact {
		if s, err := t.Summary(id); err == nil {
			return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is named %q; for %s write #%d", q, domain.Excerpt(s.Name, 60), id)
		}
	}
	if level == matchExact {
		return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account is named %q", domain.Excerpt(q, 60))
	}
	return domain.Summary{}, domain.Errorf(domain.ENOTFOUND, "no account matches %q", domain.Excerpt(q, 60))
}

func parseID(s string) (uint64, bool) {
	s = strings.TrimPrefix(s, "#")
	var id uint64
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		id = id*10 + uint64(r-'0')
		if id > 1<<53 {
			return 0, false
		}
	}
	return id, true
}

// candidates lists accounts as "Name (#N)", at most eight.
func candidates(set []domain.Summary) string {
	names := make([]string, 0, 9)
	for i, s := range set {
		if i == 8 {
			names = append(names, fmt.Sprintf("and %d more", len(set)-8))
			break
		}
		names = append(names, fmt.Sprintf("%s (#%d)", domain.Excerpt(s.Name, 60), s.ID))
	}
	return strings.Join(names, ", ")
}

// b returns a bucket; in a write transaction its pages are filled to 90%
// before they split, since most keys arrive in ascending order (IDs, times).
func (t *Tx) b(name []byte) *bolt.Bucket {
	b := t.tx.Bucket(name)
	if t.tx.Writable() {
		b.FillPercent = 0.9
	}
	return b
}

// seekBefore positions c on the last key strictly before k.
func seekBefore(c *bolt.Cursor, k []byte) ([]byte, []byte) {
	if found, _ := c.Seek(k); found == nil {
		return c.Last()
	}
	return c.Prev()
}

// DeleteInteraction removes one interaction (undo of a logged touch).
func (t *Tx) DeleteInteraction(acct, id uint64) error {
	k := t.b(bInterIDs).Get(u64(id))
	if k == nil || !bytes.HasPrefix(k, u64(acct)) {
		return notFound("interaction", id)
	}
	k = bytes.Clone(k)
	if err := t.b(bInteractions).Delete(k); err != nil {
		return err
	}
	t.touch(acct)
	return t.b(bInterIDs).Delete(u64(id))
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

// Settings reads every setting as raw JSON (for a full export).
func (t *Tx) Settings() (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	err := t.b(bSettings).ForEach(func(k, v []byte) error {
		out[string(k)] = append(json.RawMessage(nil), v...)
		return nil
	})
	return out, err
}

// PutSettingRaw stores a setting's raw JSON (from a full export).
func (t *Tx) PutSettingRaw(name string, v json.RawMessage) error {
	if err := ValidateSetting(name, v); err != nil {
		return err
	}
	t.touch(0)
	return t.b(bSettings).Put([]byte(name), v)
}
