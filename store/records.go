package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// AccountRecords reads one account with everything that belongs to it.
func (t *Tx) AccountRecords(id uint64) (domain.AccountRecords, error) {
	var r domain.AccountRecords
	var err error
	if r.Account, err = t.Account(id); err != nil {
		return r, err
	}
	if r.Contacts, err = t.Contacts(id); err != nil {
		return r, err
	}
	if r.Interactions, err = listPrefix[domain.Interaction](t.b(bInteractions), id); err != nil {
		return r, err
	}
	var p domain.Plan
	if found, err := getJSON(t.b(bPlans), u64(id), &p); err != nil {
		return r, err
	} else if found {
		r.Plan = &p
	}
	if r.ActionItems, err = t.ActionItems(id); err != nil {
		return r, err
	}
	if r.Opportunities, err = t.Opportunities(id); err != nil {
		return r, err
	}
	if r.Risks, err = t.Risks(id); err != nil {
		return r, err
	}
	if r.Orders, err = t.Orders(id); err != nil {
		return r, err
	}
	if r.Surveys, err = t.Surveys(id); err != nil {
		return r, err
	}
	if r.Wins, err = t.Wins(id); err != nil {
		return r, err
	}
	if r.ARRHistory, err = t.ARRHistory(id); err != nil {
		return r, err
	}
	if r.Snoozes, err = listPrefix[domain.Snooze](t.b(bSnoozes), id); err != nil {
		return r, err
	}
	var d domain.Draft
	if found, err := getJSON(t.b(bDrafts), u64(id), &d); err != nil {
		return r, err
	} else if found {
		r.Draft = &d
	}
	return r, nil
}

// AccountIDs lists every account ID in order.
func (t *Tx) AccountIDs() []uint64 {
	var ids []uint64
	c := t.b(bAccounts).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		ids = append(ids, decodeU64(k))
	}
	return ids
}

// PutAccountRecords writes a new account and everything that belongs to it
// exactly as given (numbers, UIDs and timestamps kept): a full export taken
// back into a book that does not hold these numbers yet (an empty book). It
// never replaces anything: an account number or UID already in the book is an
// error. Records without a UID (an export of schema 1) get one. Every record
// is validated first; nothing is written if one is invalid (the transaction
// fails).
//
// A reference between records that does not point at a record of the same
// account in the file — an interaction's or a draft's attendee, a survey
// answer's contact, an action item's source interaction naming another
// account's record or none — is dropped rather than refused: the record is
// kept and only that reference is cleared (it could only ever point at the
// wrong record, or at nothing), so nothing else is lost and the book passes
// tend check. Refusing would make one bad link block the whole file.
func (t *Tx) PutAccountRecords(r *domain.AccountRecords) error {
	a := &r.Account
	if a.ID == 0 {
		return domain.Invalid("account.id", "0", "a full export's accounts carry their IDs")
	}
	where := func(what string, id uint64, err error) error {
		return fmt.Errorf("account %d (%s), %s %d: %w", a.ID, domain.Printable(a.Name), what, id, err)
	}
	fillUID(&a.UID)
	if err := a.Validate(); err != nil {
		return where("account", a.ID, err)
	}
	if t.b(bAccounts).Get(u64(a.ID)) != nil {
		return domain.Errorf(domain.ECONFLICT, "account #%d is already in the book; an export is only taken back as-is into an empty book", a.ID)
	}
	if id, ok := t.AccountByUID(a.UID); ok {
		return domain.Errorf(domain.ECONFLICT, "account UID %s is already account #%d", a.UID, id)
	}
	if err := t.b(bAccountUIDs).Put([]byte(a.UID), u64(a.ID)); err != nil {
		return err
	}
	bump := keepID
	put := func(bucket []byte, key []byte, id uint64, v any) error {
		b := t.b(bucket)
		if err := bump(b, id); err != nil {
			return err
		}
		return putJSON(b, key, v)
	}
	if err := put(bAccounts, u64(a.ID), a.ID, a); err != nil {
		return err
	}
	contacts, interactions := map[uint64]bool{}, map[uint64]bool{} // this account's, in the file
	for i := range r.Contacts {
		c := &r.Contacts[i]
		fillUID(&c.UID)
		if err := errors.Join(c.Validate(), owner(c.AccountID, a.ID)); err != nil {
			return where("contact", c.ID, err)
		}
		if err := put(bContacts, key2(a.ID, c.ID), c.ID, c); err != nil {
			return err
		}
		contacts[c.ID] = true
	}
	for i := range r.Interactions {
		if in := &r.Interactions[i]; in.AccountID == a.ID {
			interactions[in.ID] = true
		}
	}
	// ownContacts keeps the attendees that are this account's contacts.
	ownContacts := func(ids []uint64) []uint64 {
		var kept []uint64
		for _, id := range ids {
			if contacts[id] {
				kept = append(kept, id)
			}
		}
		return kept
	}
	for i := range r.Interactions {
		in := &r.Interactions[i]
		in.Attendees = ownContacts(in.Attendees)
		fillUID(&in.UID)
		if err := errors.Join(validInteraction(in), owner(in.AccountID, a.ID)); err != nil {
			return where("interaction", in.ID, err)
		}
		k := interactionKey(a.ID, in.At, in.ID)
		if err := put(bInteractions, k, in.ID, in); err != nil {
			return err
		}
		if err := t.b(bInterIDs).Put(u64(in.ID), k); err != nil {
			return err
		}
	}
	if r.Plan != nil {
		if err := errors.Join(r.Plan.Validate(), owner(r.Plan.AccountID, a.ID)); err != nil {
			return where("plan", a.ID, err)
		}
		for i := range r.Plan.Goals {
			g := &r.Plan.Goals[i]
			fillUID(&g.UID)
			if err := bump(t.b(bPlans), g.ID); err != nil {
				return err
			}
		}
		if err := putJSON(t.b(bPlans), u64(a.ID), r.Plan); err != nil {
			return err
		}
	}
	type child struct {
		bucket []byte
		what   string
		id     uint64
		acct   uint64
		uid    *string
		v      any
		check  func() error
	}
	var kids []child
	for i := range r.ActionItems {
		x := &r.ActionItems[i]
		if !interactions[x.Source] {
			x.Source = 0
		}
		kids = append(kids, child{bActions, "action item", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for i := range r.Opportunities {
		x := &r.Opportunities[i]
		kids = append(kids, child{bOpps, "opportunity", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for i := range r.Risks {
		x := &r.Risks[i]
		kids = append(kids, child{bRisks, "risk", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for i := range r.Orders {
		x := &r.Orders[i]
		kids = append(kids, child{bOrders, "order", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for i := range r.Surveys {
		x := &r.Surveys[i]
		if !contacts[x.ContactID] {
			x.ContactID = 0
		}
		kids = append(kids, child{bSurveys, "survey", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for i := range r.Wins {
		x := &r.Wins[i]
		kids = append(kids, child{bWins, "win", x.ID, x.AccountID, &x.UID, x, x.Validate})
	}
	for _, k := range kids {
		if k.id == 0 {
			return where(k.what, 0, errors.New("has no ID"))
		}
		fillUID(k.uid)
		if err := errors.Join(k.check(), owner(k.acct, a.ID)); err != nil {
			return where(k.what, k.id, err)
		}
		if err := put(k.bucket, key2(a.ID, k.id), k.id, k.v); err != nil {
			return err
		}
	}
	for i := range r.ARRHistory {
		c := &r.ARRHistory[i]
		if err := owner(c.AccountID, a.ID); err != nil {
			return where("ARR change", 0, err)
		}
		if err := putJSON(t.b(bARR), dateKey(a.ID, int32(c.Date)), c); err != nil {
			return err
		}
	}
	for _, z := range r.Snoozes {
		if err := owner(z.AccountID, a.ID); err != nil {
			return where("snooze", 0, err)
		}
		if err := putJSON(t.b(bSnoozes), append(u64(a.ID), z.Key...), z); err != nil {
			return err
		}
	}
	if r.Draft != nil {
		r.Draft.Attendees = ownContacts(r.Draft.Attendees)
		if err := putJSON(t.b(bDrafts), u64(a.ID), r.Draft); err != nil {
			return err
		}
	}
	t.touch(a.ID)
	t.allNotes(a.ID)
	return nil
}

func owner(got, want uint64) error {
	if got != want {
		return fmt.Errorf("belongs to account %d, not %d", got, want)
	}
	return nil
}

// AppendAccountRecordsJSON appends the account's records to dst as the JSON
// object that encoding/json gives for its domain.AccountRecords, copying
// each stored record's JSON as it is instead of decoding and encoding it
// again (every record is stored by json.Marshal of its type: putJSON). A
// full export is then a copy, not a decode and an encode of every record
// (TestRawExportIsTheStructExport checks the two agree).
func (t *Tx) AppendAccountRecordsJSON(dst []byte, id uint64) ([]byte, error) {
	p := u64(id)
	acct := t.b(bAccounts).Get(p)
	if acct == nil {
		return dst, notFound("account", id)
	}
	dst = append(dst, `{"account":`...)
	dst = append(dst, acct...)
	list := func(name string, b []byte, omitEmpty bool) {
		c := t.b(b).Cursor()
		k, v := c.Seek(p)
		if k == nil || !bytes.HasPrefix(k, p) {
			if !omitEmpty {
				dst = append(dst, `,"`+name+`":null`...)
			}
			return
		}
		dst = append(dst, `,"`+name+`":[`...)
		for first := true; k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if !first {
				dst = append(dst, ',')
			}
			dst, first = append(dst, v...), false
		}
		dst = append(dst, ']')
	}
	one := func(name string, b []byte) {
		if v := t.b(b).Get(p); v != nil {
			dst = append(dst, `,"`+name+`":`...)
			dst = append(dst, v...)
		}
	}
	list("contacts", bContacts, false)
	list("interactions", bInteractions, false)
	one("plan", bPlans)
	list("action_items", bActions, false)
	list("opportunities", bOpps, false)
	list("risks", bRisks, false)
	list("orders", bOrders, false)
	list("surveys", bSurveys, false)
	list("wins", bWins, false)
	list("arr_history", bARR, false)
	list("snoozes", bSnoozes, true)
	one("draft", bDrafts)
	return append(dst, '}'), nil
}
