package app

// Taking a full JSON export (of this book or another) into the book.

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// ImportJSON merges a full export (of this book or another) into the book, in
// one transaction. Into an empty book it is taken back as it is, numbers
// included. Otherwise every account is matched by its UID, then by its CRM ID,
// then by name and website domain; a match is updated field by field (see
// domain.Merge3) and its records matched by UID; anything unmatched is added
// with numbers of this book. Nothing of the book is ever replaced wholesale.
func ImportJSON(st *store.Store, r io.Reader, mode ImportMode) (*ImportResult, error) {
	res := &ImportResult{DryRun: mode.DryRun}
	err := st.Update(func(tx *store.Tx) error {
		m := &merger{tx: tx, mode: mode, res: res, asIs: tx.Empty(), source: bookSource("")}
		settings, err := formats.ReadBookHeader(r, func(h formats.Header) error {
			m.source = bookSource(h.BookID)
			if m.asIs && h.BookID != "" {
				// An empty book that takes an export back as it is becomes
				// a copy of that book (with a generation of its own).
				return tx.AdoptBookID(h.BookID)
			}
			return nil
		}, m.book)
		if err != nil {
			return err
		}
		if err := m.settings(settings); err != nil {
			return err
		}
		if mode.DryRun {
			return errDryRun
		}
		return nil
	})
	if err == errDryRun {
		err = nil
	}
	return res, err
}

// merger merges the accounts of one import into the book.
type merger struct {
	tx     *store.Tx
	mode   ImportMode
	res    *ImportResult
	source string
	asIs   bool          // the book was empty: take the export as it is
	index  *companyIndex // built on first need

	seen    map[string]string // every UID of the file so far → where it was
	numbers map[string]string // "kind number" of every record taken as it is so far → where it was
	claimed map[uint64]bool   // book accounts already matched by CRM ID or name in this import
	inBook  map[string]uint64 // the UIDs of the book's records → account, read on first need
}

// checkUIDs refuses a file that gives one UID to two records: the second
// would be merged into the first, or the book would hold one identity twice.
func (m *merger) checkUIDs(rec *domain.AccountRecords) error {
	if m.seen == nil {
		m.seen = map[string]string{}
	}
	name := domain.Printable(rec.Account.Name)
	see := func(uid, what string) error {
		if uid == "" {
			return nil
		}
		where := name + ", " + what
		if prev, ok := m.seen[uid]; ok {
			return domain.Errorf(domain.ECONFLICT, "the file gives the UID %s twice (%s; %s): it is damaged or edited by hand", domain.Excerpt(uid, 40), prev, where)
		}
		m.seen[uid] = where
		return nil
	}
	if err := see(rec.Account.UID, "the account"); err != nil {
		return err
	}
	for _, r := range rec.Records() {
		if err := see(r.UID, r.Kind+" "+cutText(r.Label, 30)); err != nil {
			return err
		}
	}
	return nil
}

// newRecordsNotElsewhere checks every record of an account the import adds.
func (m *merger) newRecordsNotElsewhere(rec *domain.AccountRecords, acct uint64) error {
	for _, r := range rec.Records() {
		if err := m.notElsewhere(r.UID, acct, r.Kind+" "+cutText(r.Label, 30)); err != nil {
			return err
		}
	}
	return nil
}

// notElsewhere refuses a record the import is about to add to account acct
// when the book already holds a record with its UID under another account.
func (m *merger) notElsewhere(uid string, acct uint64, what string) error {
	if uid == "" || m.asIs {
		return nil
	}
	if m.inBook == nil {
		var err error
		if m.inBook, err = m.tx.RecordUIDs(); err != nil {
			return err
		}
	}
	if other, ok := m.inBook[uid]; ok && other != acct {
		return domain.Errorf(domain.ECONFLICT, "the file's %s has the UID of a record of account #%d of this book (%s): the file is damaged or edited by hand", domain.Printable(what), other, uid)
	}
	m.inBook[uid] = acct
	return nil
}

// checkNumbers refuses a file taken as it is (into an empty book) that
// gives one number to two accounts, or to two records of a kind (of one
// account or two): the book would hold one of them where the other's
// number leads, neither editable nor deletable.
func (m *merger) checkNumbers(rec *domain.AccountRecords) error {
	if m.numbers == nil {
		m.numbers = map[string]string{}
	}
	name := domain.Printable(rec.Account.Name)
	see := func(kind string, id uint64, what string) error {
		key := fmt.Sprintf("%s %d", kind, id)
		where := name + ", " + what
		if prev, ok := m.numbers[key]; ok {
			return domain.Errorf(domain.ECONFLICT, "the file gives %s #%d twice (%s; %s): it is damaged or edited by hand", kind, id, prev, where)
		}
		m.numbers[key] = where
		return nil
	}
	if err := see("account", rec.Account.ID, "the account"); err != nil {
		return err
	}
	for _, r := range rec.Records() {
		if err := see(r.Kind, r.ID, r.Kind+" "+cutText(r.Label, 30)); err != nil {
			return err
		}
	}
	return nil
}

// checkPlain refuses a file whose account or records hold text with a
// control character (an escape sequence, a bidi override), as the CLI and
// the CSV imports do: the same check (domain.CheckPlain), on every text
// field, line breaks and tabs allowed (an export keeps a note's lines).
func checkPlain(rec *domain.AccountRecords) error {
	name := domain.Printable(rec.Account.Name)
	if err := plainFields(reflect.ValueOf(&rec.Account).Elem(), ""); err != nil {
		return fmt.Errorf("%s, the account: %w", name, err)
	}
	for _, r := range rec.Records() {
		if err := plainFields(reflect.ValueOf(r.Value).Elem(), ""); err != nil {
			return fmt.Errorf("%s, %s %s: %w", name, r.Kind, cutText(r.Label, 30), err)
		}
	}
	return nil
}

// plainFields checks every string of v (a record of package domain), named
// by its JSON field.
func plainFields(v reflect.Value, field string) error {
	switch v.Kind() {
	case reflect.String:
		return domain.CheckPlain(field, v.String(), true)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := plainFields(v.Index(i), field); err != nil {
				return err
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if err := errors.Join(plainFields(it.Key(), field), plainFields(it.Value(), field)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return plainFields(v.Elem(), field)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != reflect.TypeFor[domain.Account]().PkgPath() {
			return nil // time.Time and the like hold no text
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if err := plainFields(v.Field(i), name); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *merger) book(rec *domain.AccountRecords) error {
	if err := checkPlain(rec); err != nil {
		return err
	}
	if err := m.checkUIDs(rec); err != nil {
		return err
	}
	if m.asIs && numbersFit(rec) {
		if err := m.checkNumbers(rec); err != nil {
			return err
		}
		if err := m.tx.PutAccountRecords(rec); err != nil {
			return err
		}
		m.res.New++
		m.res.Accounts = append(m.res.Accounts, AccountChange{Account: rec.Account.Name, ID: rec.Account.ID, Action: "new"})
		return m.baselines(rec)
	}
	id, err := m.match(&rec.Account)
	if err != nil {
		return err
	}
	if id == 0 {
		return m.add(rec)
	}
	return m.update(id, rec)
}

// numbersFit reports whether every number of rec can be kept as it is.
func numbersFit(rec *domain.AccountRecords) bool {
	if rec.Account.ID == 0 || rec.Account.ID > store.MaxLocalID {
		return false
	}
	for _, r := range rec.Records() {
		if r.ID == 0 || r.ID > store.MaxLocalID {
			return false
		}
	}
	return true
}

// match finds the book's account for an imported one: by UID, then by CRM ID,
// then by name and website domain; 0 when there is none.
func (m *merger) match(a *domain.Account) (uint64, error) {
	if a.UID != "" {
		if id, ok := m.tx.AccountByUID(a.UID); ok {
			return id, nil
		}
	}
	if m.index == nil {
		existing, err := m.tx.Accounts()
		if err != nil {
			return 0, err
		}
		m.index = newCompanyIndex(len(existing))
		for i := range existing {
			m.index.add(&existing[i], existing[i].ID)
		}
		m.claimed = map[uint64]bool{}
	}
	// Each of the book's accounts takes at most one of the file's by CRM ID or
	// name: two customers of one name in the file stay two.
	// A website in common is not enough between two books: the name too.
	var id uint64
	if f := m.index.company(crmIDs(a), a.Website, a.Name); f.ent >= 0 && (f.by != byDomain || domain.CompanyKey(m.index.ents[f.ent].name) == domain.CompanyKey(a.Name)) {
		id = m.index.ents[f.ent].id
	}
	if id == 0 || m.claimed[id] {
		return 0, nil
	}
	m.claimed[id] = true
	return id, nil
}

// baselines records what the source gave for each record of rec.
func (m *merger) baselines(rec *domain.AccountRecords) error {
	if err := m.putBase(rec.Account.UID, &rec.Account); err != nil {
		return err
	}
	for _, r := range rec.Records() {
		if err := m.putBase(r.UID, r.Value); err != nil {
			return err
		}
	}
	if rec.Plan != nil {
		return m.putBase(planKey(rec.Account.UID), planBody(rec.Plan))
	}
	return nil
}

// planKey names the baseline of an account plan's strategies and onboarding.
func planKey(accountUID string) string { return accountUID + "/plan" }

// planBody is the part of a plan merged as one record (goals merge one by one).
type planBodyFields struct {
	Strategies []string               `json:"strategies,omitempty"`
	Onboarding []domain.ChecklistItem `json:"onboarding,omitempty"`
}

func planBody(p *domain.Plan) *planBodyFields {
	if p == nil {
		return &planBodyFields{}
	}
	return &planBodyFields{Strategies: p.Strategies, Onboarding: p.Onboarding}
}

// refs maps the numbers an export gives contacts and interactions to this book's.
type refs struct{ contacts, interactions map[uint64]uint64 }

func (r refs) contactList(ids []uint64) []uint64 {
	var out []uint64
	for _, id := range ids {
		if n, ok := r.contacts[id]; ok {
			out = append(out, n)
		}
	}
	return out
}

// add writes an account the book does not have, with this book's numbers.
func (m *merger) add(rec *domain.AccountRecords) error {
	tx := m.tx
	a := rec.Account
	a.ID = 0
	if err := tx.PutAccountWith(&a, &domain.ARRChange{Cause: domain.CauseImport}); err != nil {
		return fmt.Errorf("account %s: %w", domain.Printable(a.Name), err)
	}
	rec.Account.UID = a.UID
	if len(rec.ARRHistory) > 0 {
		if err := tx.ReplaceARRHistory(a.ID, rec.ARRHistory); err != nil {
			return err
		}
	}
	if err := m.newRecordsNotElsewhere(rec, a.ID); err != nil {
		return err
	}
	rf := refs{contacts: map[uint64]uint64{}, interactions: map[uint64]uint64{}}
	for i := range rec.Contacts {
		c := rec.Contacts[i]
		old := c.ID
		c.ID, c.AccountID = 0, a.ID
		if err := tx.PutContact(&c); err != nil {
			return m.where(&a, "contact", c.Name, err)
		}
		rf.contacts[old] = c.ID
		rec.Contacts[i].UID = c.UID
	}
	for i := range rec.Interactions {
		in := rec.Interactions[i]
		old := in.ID
		in.ID, in.AccountID, in.Attendees = 0, a.ID, rf.contactList(in.Attendees)
		if err := tx.AddInteraction(&in); err != nil {
			return m.where(&a, "interaction", in.At.Format("2006-01-02"), err)
		}
		rf.interactions[old] = in.ID
		rec.Interactions[i].UID = in.UID
	}
	if rec.Plan != nil {
		p := *rec.Plan
		p.AccountID = a.ID
		p.Goals = append([]domain.Goal(nil), p.Goals...)
		for i := range p.Goals {
			p.Goals[i].ID = 0
		}
		if err := tx.PutPlan(&p); err != nil {
			return m.where(&a, "plan", "", err)
		}
		for i := range p.Goals {
			rec.Plan.Goals[i].UID = p.Goals[i].UID
		}
	}
	for i := range rec.ActionItems {
		x := rec.ActionItems[i]
		x.ID, x.AccountID, x.Source = 0, a.ID, rf.interactions[x.Source]
		if err := tx.PutActionItem(&x); err != nil {
			return m.where(&a, "action item", x.Text, err)
		}
		rec.ActionItems[i].UID = x.UID
	}
	for i := range rec.Opportunities {
		x := rec.Opportunities[i]
		x.ID, x.AccountID = 0, a.ID
		if err := tx.PutOpportunity(&x); err != nil {
			return m.where(&a, "opportunity", x.Title, err)
		}
		rec.Opportunities[i].UID = x.UID
	}
	for i := range rec.Risks {
		x := rec.Risks[i]
		x.ID, x.AccountID = 0, a.ID
		if err := tx.PutRisk(&x); err != nil {
			return m.where(&a, "risk", x.Title, err)
		}
		rec.Risks[i].UID = x.UID
	}
	for i := range rec.Orders {
		x := rec.Orders[i]
		x.ID, x.AccountID = 0, a.ID
		if err := tx.PutOrder(&x); err != nil {
			return m.where(&a, "order", x.Date.String(), err)
		}
		rec.Orders[i].UID = x.UID
	}
	for i := range rec.Surveys {
		x := rec.Surveys[i]
		x.ID, x.AccountID, x.ContactID = 0, a.ID, rf.contacts[x.ContactID]
		if err := tx.PutSurvey(&x); err != nil {
			return m.where(&a, "survey", x.Date.String(), err)
		}
		rec.Surveys[i].UID = x.UID
	}
	for i := range rec.Wins {
		x := rec.Wins[i]
		x.ID, x.AccountID = 0, a.ID
		if err := tx.PutWin(&x); err != nil {
			return m.where(&a, "win", x.Title, err)
		}
		rec.Wins[i].UID = x.UID
	}
	for _, z := range rec.Snoozes {
		z.AccountID = a.ID
		if err := tx.PutSnooze(z); err != nil {
			return m.where(&a, "snooze", z.Key, err)
		}
	}
	if rec.Draft != nil {
		d := *rec.Draft
		d.AccountID, d.Attendees = a.ID, rf.contactList(d.Attendees)
		if err := tx.PutDraft(&d); err != nil {
			return err
		}
	}
	m.res.New++
	m.res.Accounts = append(m.res.Accounts, AccountChange{Account: a.Name, ID: a.ID, Action: "new"})
	return m.baselines(rec)
}

func (m *merger) where(a *domain.Account, what, name string, err error) error {
	if name != "" {
		what += " " + strings.TrimSpace(cutText(name, 40))
	}
	return fmt.Errorf("account %s, %s: %w", domain.Printable(a.Name), domain.Printable(what), err)
}
