package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// ImportMode says how an import writes.
type ImportMode struct {
	DryRun     bool // check, merge and report in a transaction that is rolled back
	PreferFile bool // on a conflict take the file's value (default: keep the book's)
}

// AccountChange says what an import does (or would do) to one account.
type AccountChange struct {
	Account string         `json:"account"`
	ID      uint64         `json:"id,omitempty"`
	Action  string         `json:"action"` // new, updated
	Records []RecordChange `json:"records,omitempty"`
}

// RecordChange is one record of an account that an import adds or changes.
type RecordChange struct {
	Record string               `json:"record"` // "account", "contact Ana Lopez", …
	Action string               `json:"action"` // new, updated
	Fields []domain.FieldChange `json:"fields,omitempty"`
}

// Import sources: where a record came from, for the baselines a re-import
// merges against. A CSV's source is its set of columns: the next export of the
// same CRM report has the same columns, another CRM's (or another book's) has
// others, so one never counts as the other's earlier version.
func csvSource(columns []string) string {
	norm := make([]string, 0, len(columns))
	for _, c := range columns {
		norm = append(norm, strings.ToLower(strings.TrimSpace(c)))
	}
	sort.Strings(norm)
	sum := sha256.Sum256([]byte(strings.Join(norm, "\x00")))
	return "csv:" + hex.EncodeToString(sum[:8])
}

func bookSource(bookID string) string {
	if bookID == "" {
		return "book:unknown"
	}
	return "book:" + bookID
}

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
	index  *accountIndex // built on first need

	seen    map[string]string // every UID of the file so far → where it was
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

func (m *merger) book(rec *domain.AccountRecords) error {
	if err := m.checkUIDs(rec); err != nil {
		return err
	}
	if m.asIs && numbersFit(rec) {
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
		m.index = newAccountIndex(existing)
		m.claimed = map[uint64]bool{}
	}
	// Each of the book's accounts takes at most one of the file's by CRM ID or
	// name: two customers of one name in the file stay two.
	id := m.index.find(a)
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
	if err := tx.PutAccount(&a); err != nil {
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

// merge3 merges one record of the file into the book's version of it: it
// returns whether the local record changed, and notes the change.
// A source that never gave the record merges against defaults (nil: none).
func merge3[T any](m *merger, ch *AccountChange, label, uid string, local, file *T, defaults domain.Fields) (bool, error) {
	var base domain.Fields
	if uid != "" {
		var err error
		if base, err = m.tx.ImportBase(m.source, uid); err != nil {
			return false, err
		}
	}
	if base == nil {
		base = defaults
	}
	lf, err := domain.FieldsOf(local)
	if err != nil {
		return false, err
	}
	ff, err := domain.FieldsOf(file)
	if err != nil {
		return false, err
	}
	// A field the file leaves empty is part of what it gives.
	for k := range lf {
		if _, ok := ff[k]; !ok && !strings.HasPrefix(k, "custom.") {
			ff[k] = ""
		}
	}
	merged, changes, newBase := domain.Merge3(base, lf, ff, m.mode.PreferFile)
	if uid != "" {
		if err := m.tx.PutImportBase(m.source, uid, newBase); err != nil {
			return false, err
		}
	}
	m.note(ch, label, changes)
	if len(merged) == 0 {
		return false, nil
	}
	return true, domain.ApplyFields(local, merged)
}

// note adds a record's field changes to the account's change.
func (m *merger) note(ch *AccountChange, label string, changes []domain.FieldChange) {
	if len(changes) == 0 {
		return
	}
	for _, c := range changes {
		if c.Conflict && c.Kept == "book" {
			m.res.Conflicts++
		}
	}
	ch.Records = append(ch.Records, RecordChange{Record: label, Action: "updated", Fields: changes})
}

// update merges an imported account into the book's account id.
func (m *merger) update(id uint64, rec *domain.AccountRecords) error {
	tx := m.tx
	cur, err := tx.AccountRecords(id)
	if err != nil {
		return err
	}
	a := cur.Account
	ch := AccountChange{Account: a.Name, ID: a.ID, Action: "updated"}
	fileAcct := rec.Account
	changed, err := merge3(m, &ch, "account", rec.Account.UID, &a, &fileAcct, accountDefaults())
	if err != nil {
		return err
	}
	if changed {
		if err := tx.PutAccount(&a); err != nil {
			return m.where(&a, "account", "", err)
		}
	}
	// ARR history: dates the book does not have are added; the book's own stay.
	have := map[domain.Date]bool{}
	for _, h := range cur.ARRHistory {
		have[h.Date] = true
	}
	for _, h := range rec.ARRHistory {
		if !have[h.Date] {
			h.AccountID = id
			if err := tx.PutARRChange(&h); err != nil {
				return err
			}
			ch.Records = append(ch.Records, RecordChange{Record: "ARR " + h.ARR.String() + " from " + h.Date.String(), Action: "new"})
		}
	}
	rf := refs{contacts: map[uint64]uint64{}, interactions: map[uint64]uint64{}}
	// Contacts: by UID, else (an export without UIDs) by email, else by name.
	err = mergeKids(m, &ch, id, cur.Contacts, rec.Contacts,
		func(c *domain.Contact) string { return c.UID },
		func(c *domain.Contact) string {
			if c.Email != "" {
				return "email:" + strings.ToLower(c.Email)
			}
			return "name:" + domain.Fold(c.Name)
		},
		func(c *domain.Contact) string { return "contact " + c.Name },
		func(file, local *domain.Contact) { rf.contacts[file.ID] = local.ID },
		func(c *domain.Contact, isNew bool) error {
			old := c.ID
			if isNew {
				c.ID = 0
			}
			c.AccountID = id
			if err := tx.PutContact(c); err != nil {
				return err
			}
			rf.contacts[old] = c.ID
			return nil
		})
	if err != nil {
		return m.where(&a, "contact", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Interactions, rec.Interactions,
		func(x *domain.Interaction) string { return x.UID },
		func(x *domain.Interaction) string { return x.At.UTC().Format("2006-01-02T15:04:05Z") + "|" + x.Summary },
		func(x *domain.Interaction) string {
			return "interaction " + x.At.UTC().Format("2006-01-02") + " " + string(x.Channel)
		},
		func(file, local *domain.Interaction) { rf.interactions[file.ID] = local.ID },
		func(x *domain.Interaction, isNew bool) error {
			old := x.ID
			if isNew {
				x.ID, x.Attendees = 0, rf.contactList(x.Attendees)
			} else if err := tx.DeleteInteraction(id, x.ID); err != nil {
				return err // its time may have changed: it is stored again under its new key
			}
			x.AccountID = id
			if err := tx.AddInteraction(x); err != nil {
				return err
			}
			rf.interactions[old] = x.ID
			return nil
		})
	if err != nil {
		return m.where(&a, "interaction", "", err)
	}
	if err := m.mergePlan(&ch, id, rec); err != nil {
		return m.where(&a, "plan", "", err)
	}
	err = mergeKids(m, &ch, id, cur.ActionItems, rec.ActionItems,
		func(x *domain.ActionItem) string { return x.UID },
		func(x *domain.ActionItem) string { return domain.Fold(x.Text) + "|" + x.Due.String() },
		func(x *domain.ActionItem) string { return "action item " + cutText(x.Text, 40) },
		nil,
		func(x *domain.ActionItem, isNew bool) error {
			if isNew {
				x.ID, x.Source = 0, rf.interactions[x.Source]
			}
			x.AccountID = id
			return tx.PutActionItem(x)
		})
	if err != nil {
		return m.where(&a, "action item", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Opportunities, rec.Opportunities,
		func(x *domain.Opportunity) string { return x.UID },
		func(x *domain.Opportunity) string { return domain.Fold(x.Title) + "|" + string(x.Kind) },
		func(x *domain.Opportunity) string { return "opportunity " + x.Title },
		nil,
		func(x *domain.Opportunity, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutOpportunity(x)
		})
	if err != nil {
		return m.where(&a, "opportunity", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Risks, rec.Risks,
		func(x *domain.Risk) string { return x.UID },
		func(x *domain.Risk) string { return domain.Fold(x.Title) + "|" + x.Opened.String() },
		func(x *domain.Risk) string { return "risk " + x.Title },
		nil,
		func(x *domain.Risk, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutRisk(x)
		})
	if err != nil {
		return m.where(&a, "risk", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Orders, rec.Orders,
		func(x *domain.Order) string { return x.UID },
		func(x *domain.Order) string { return x.Date.String() + "|" + x.Amount.String() },
		func(x *domain.Order) string { return "order " + x.Date.String() },
		nil,
		func(x *domain.Order, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutOrder(x)
		})
	if err != nil {
		return m.where(&a, "order", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Surveys, rec.Surveys,
		func(x *domain.SurveyResponse) string { return x.UID },
		func(x *domain.SurveyResponse) string {
			return string(x.Kind) + "|" + x.Date.String() + "|" + fmt.Sprint(x.Score)
		},
		func(x *domain.SurveyResponse) string { return string(x.Kind) + " answer " + x.Date.String() },
		nil,
		func(x *domain.SurveyResponse, isNew bool) error {
			if isNew {
				x.ID, x.ContactID = 0, rf.contacts[x.ContactID]
			}
			x.AccountID = id
			return tx.PutSurvey(x)
		})
	if err != nil {
		return m.where(&a, "survey", "", err)
	}
	err = mergeKids(m, &ch, id, cur.Wins, rec.Wins,
		func(x *domain.Win) string { return x.UID },
		func(x *domain.Win) string { return domain.Fold(x.Title) + "|" + x.Date.String() },
		func(x *domain.Win) string { return "win " + x.Title },
		nil,
		func(x *domain.Win, isNew bool) error {
			if isNew {
				x.ID = 0
			}
			x.AccountID = id
			return tx.PutWin(x)
		})
	if err != nil {
		return m.where(&a, "win", "", err)
	}
	if len(ch.Records) > 0 {
		m.res.Accounts = append(m.res.Accounts, ch)
	}
	if writes(&ch) {
		m.res.Updated++
	} else {
		m.res.Skipped++ // nothing, or only conflicts that kept the book's values
	}
	return nil
}

// writes reports whether an account's change writes anything (more than
// conflicts that keep the book's values).
func writes(ch *AccountChange) bool {
	for _, r := range ch.Records {
		if r.Action == "new" {
			return true
		}
		for _, f := range r.Fields {
			if !f.Conflict || f.Kept != "book" {
				return true
			}
		}
	}
	return false
}

// mergeKids merges one kind of an account's records: a file record whose UID
// (else, for an export without UIDs, whose natural key) the book has is merged
// field by field into it; any other is added. matched tells the caller which
// local record a file record became (to map references); put writes a record.
func mergeKids[T any](m *merger, ch *AccountChange, acct uint64, local, file []T,
	uid, natural, label func(*T) string, matched func(file, local *T), put func(x *T, isNew bool) error) error {
	byUID := map[string]int{}
	byKey := map[string]int{}
	for i := range local {
		if u := uid(&local[i]); u != "" {
			byUID[u] = i
		}
		byKey[natural(&local[i])] = i
	}
	for i := range file {
		f := &file[i]
		j, ok := -1, false
		if u := uid(f); u != "" {
			j, ok = byUID[u]
		} else {
			j, ok = byKey[natural(f)]
		}
		if !ok {
			if err := m.notElsewhere(uid(f), acct, label(f)); err != nil {
				return err
			}
			x := *f
			if err := put(&x, true); err != nil {
				return err
			}
			ch.Records = append(ch.Records, RecordChange{Record: label(&x), Action: "new"})
			if err := m.putBase(uid(&x), f); err != nil {
				return err
			}
			continue
		}
		l := local[j]
		if matched != nil {
			matched(f, &l)
		}
		changed, err := merge3(m, ch, label(&l), uid(f), &l, f, nil)
		if err != nil {
			return err
		}
		if changed {
			if err := put(&l, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *merger) putBase(uid string, v any) error {
	if uid == "" {
		return nil
	}
	f, err := domain.FieldsOf(v)
	if err != nil {
		return err
	}
	return m.tx.PutImportBase(m.source, uid, f)
}

// mergePlan merges goals one by one (by UID) and the strategies and
// onboarding checklist as one record.
func (m *merger) mergePlan(ch *AccountChange, id uint64, rec *domain.AccountRecords) error {
	if rec.Plan == nil {
		return nil
	}
	p, err := m.tx.Plan(id)
	if err != nil {
		return err
	}
	changed := false
	byUID, byKey := map[string]int{}, map[string]int{}
	goalKey := func(g *domain.Goal) string { return domain.Fold(g.Title) + "|" + domain.Fold(g.Metric) }
	for i := range p.Goals {
		byUID[p.Goals[i].UID] = i
		byKey[goalKey(&p.Goals[i])] = i
	}
	for _, g := range rec.Plan.Goals {
		j, ok := byUID[g.UID]
		if g.UID == "" { // an export without UIDs: the same title and metric is the same goal
			j, ok = byKey[goalKey(&g)]
		}
		if !ok {
			if err := m.notElsewhere(g.UID, id, "goal "+g.Title); err != nil {
				return err
			}
			g.ID = 0
			p.Goals = append(p.Goals, g)
			ch.Records = append(ch.Records, RecordChange{Record: "goal " + g.Title, Action: "new"})
			changed = true
			continue
		}
		c, err := merge3(m, ch, "goal "+p.Goals[j].Title, g.UID, &p.Goals[j], &g, nil)
		if err != nil {
			return err
		}
		changed = changed || c
	}
	body := planBody(&p)
	c, err := merge3(m, ch, "plan", planKey(rec.Account.UID), body, planBody(rec.Plan), nil)
	if err != nil {
		return err
	}
	if c {
		p.Strategies, p.Onboarding = body.Strategies, body.Onboarding
		changed = true
	}
	if !changed {
		return nil
	}
	if err := m.tx.PutPlan(&p); err != nil {
		return err
	}
	// New goals got their UIDs in PutPlan: remember what the file gave for them.
	for i := range p.Goals {
		for _, g := range rec.Plan.Goals {
			if g.UID == p.Goals[i].UID && g.UID != "" {
				if err := m.putBase(g.UID, &g); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// settings merges an export's settings: each is validated; a KPI target or
// the gross margin the book has set differently is a conflict.
func (m *merger) settings(in map[string]json.RawMessage) error {
	for name, raw := range in {
		if err := store.ValidateSetting(name, raw); err != nil {
			return err
		}
	}
	ch := AccountChange{Account: "(settings)", Action: "updated"}
	if raw, ok := in[store.SettingTargets]; ok {
		var file, book map[string]domain.Target
		if err := json.Unmarshal(raw, &file); err != nil {
			return err
		}
		if _, err := m.tx.Setting(store.SettingTargets, &book); err != nil {
			return err
		}
		if book == nil {
			book = map[string]domain.Target{}
		}
		lf, ff := domain.Fields{}, domain.Fields{}
		for k, v := range book {
			lf[k] = fmt.Sprint(v.Value)
		}
		for k, v := range file {
			ff[k] = fmt.Sprint(v.Value)
		}
		base, err := m.tx.ImportBase(m.source, "settings:"+store.SettingTargets)
		if err != nil {
			return err
		}
		merged, changes, newBase := domain.Merge3(base, lf, ff, m.mode.PreferFile)
		m.note(&ch, "KPI targets", changes)
		if len(merged) > 0 {
			for k := range merged {
				book[k] = file[k]
			}
			if err := m.tx.PutSetting(store.SettingTargets, book); err != nil {
				return err
			}
		}
		if err := m.tx.PutImportBase(m.source, "settings:"+store.SettingTargets, newBase); err != nil {
			return err
		}
	}
	if raw, ok := in[store.SettingGrossMargin]; ok {
		var book float64
		found, err := m.tx.Setting(store.SettingGrossMargin, &book)
		if err != nil {
			return err
		}
		lf := domain.Fields{}
		if found {
			lf["gross_margin"] = fmt.Sprint(book)
		}
		var file float64
		_ = json.Unmarshal(raw, &file)
		base, err := m.tx.ImportBase(m.source, "settings:"+store.SettingGrossMargin)
		if err != nil {
			return err
		}
		merged, changes, newBase := domain.Merge3(base, lf, domain.Fields{"gross_margin": fmt.Sprint(file)}, m.mode.PreferFile)
		m.note(&ch, "gross margin", changes)
		if len(merged) > 0 {
			if err := m.tx.PutSetting(store.SettingGrossMargin, file); err != nil {
				return err
			}
		}
		if err := m.tx.PutImportBase(m.source, "settings:"+store.SettingGrossMargin, newBase); err != nil {
			return err
		}
	}
	if len(ch.Records) > 0 {
		m.res.Accounts = append(m.res.Accounts, ch)
	}
	return nil
}

// csvFields are the account fields (JSON names) a CSV row gives, from the
// CSV reader's field names.
func csvFields(set map[string]bool) map[string]bool {
	out := map[string]bool{}
	for f, ok := range set {
		if !ok {
			continue
		}
		switch f {
		case "notice_days":
			out["renewal_notice_days"] = true
		case "stage":
			out["stage"], out["closed_on"], out["closed_reason"] = true, true, true
		case "create_date", "uid", "tend_number":
		case "currency":
			out["arr"], out["acquisition_cost"] = true, true
		default:
			out[f] = true
		}
	}
	return out
}

// csvIncoming is what a CSV row gives of an account, as Fields.
func csvIncoming(in *domain.Account, set map[string]bool) (domain.Fields, error) {
	all, err := domain.FieldsOf(in)
	if err != nil {
		return nil, err
	}
	keep := csvFields(set)
	f := domain.Fields{}
	for k := range keep {
		f[k] = all[k] // "" when the row gives it empty
	}
	for k, v := range all {
		if strings.HasPrefix(k, "custom.") {
			f[k] = v
		}
	}
	return f, nil
}

// showValue renders a field value (its JSON encoding) for people.
func showValue(v string) string {
	if v == "" {
		return "(empty)"
	}
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return fmt.Sprintf("%q", domain.Printable(cutText(s, 60)))
	}
	var money domain.Money
	if strings.Contains(v, `"currency"`) && json.Unmarshal([]byte(v), &money) == nil {
		return money.String()
	}
	var list []string
	if json.Unmarshal([]byte(v), &list) == nil {
		return domain.Printable(cutText(strings.Join(list, ", "), 60))
	}
	return domain.Printable(cutText(v, 60))
}

// cutText shortens s to n runes with an ellipsis.
func cutText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// WriteChanges writes what an import did (or would do) per account.
func WriteChanges(w io.Writer, res *ImportResult) {
	for _, a := range res.Accounts {
		if a.Action == "new" {
			if res.DryRun {
				fmt.Fprintf(w, "  + %s\n", domain.Printable(a.Account))
			}
			continue
		}
		fmt.Fprintf(w, "  ~ %s\n", domain.Printable(a.Account))
		for _, r := range a.Records {
			if r.Action == "new" {
				fmt.Fprintf(w, "      + %s\n", domain.Printable(r.Record))
				continue
			}
			for _, f := range r.Fields {
				where := domain.Printable(r.Record) + ": " + f.Field
				switch {
				case f.Conflict && f.Kept == "book":
					fmt.Fprintf(w, "      ! %s: kept %s (changed here; the file says %s)\n", where, showValue(f.Old), showValue(f.New))
				case f.Conflict:
					fmt.Fprintf(w, "      ! %s: %s → %s (changed here too; --prefer file)\n", where, showValue(f.Old), showValue(f.New))
				default:
					fmt.Fprintf(w, "      %s: %s → %s\n", where, showValue(f.Old), showValue(f.New))
				}
			}
		}
	}
	if res.Conflicts > 0 {
		fmt.Fprintf(w, "  ! %d conflict(s): changed here and in the file, your value kept; reported at each import until resolved (edit the field, or import with --prefer file)\n", res.Conflicts)
	}
}
