package app

// Taking a CRM's CSV export (accounts, contacts, interactions) into the book.

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

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
		case "external_id":
			out["external_id"], out["external_crm"] = true, true
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

// accountDefaults are the fields of an account nobody has filled in yet. A
// source that never gave an account before merges as if it had given these:
// a default (ARR 0, stage onboarding, cadence 30 days) takes the source's
// value; a value someone typed stays, and differs, as a conflict.
func accountDefaults() domain.Fields {
	a := domain.NewAccount("")
	f, _ := domain.FieldsOf(&a)
	return f
}

// crmIDField is the custom field that records, beside an account's own
// external id, the id another CRM (or another record of the same CRM) gives
// the same company.
func crmIDField(crm string) string {
	switch crm {
	case "hubspot", "salesforce":
		return crm + "_id"
	}
	return "crm_id"
}

// sameDomain reports whether two websites are one company's domain.
func sameDomain(a, b string) bool {
	d := domain.CompanyDomain(a)
	return d != "" && d == domain.CompanyDomain(b)
}

// sameID reports whether two CRM record ids are one record's: exactly
// (trimmed), a Salesforce 18-character id the same as its 15-character form.
func sameID(a, b string) bool {
	return domain.SalesforceID15(strings.TrimSpace(a)) == domain.SalesforceID15(strings.TrimSpace(b))
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func unJSON(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) != nil {
		return ""
	}
	return s
}

// recordOtherID puts id beside the account's external id: in inc's custom
// field for the CRM, added to what cur (the account) has there already.
func recordOtherID(inc domain.Fields, cur map[string]string, crm, id string) {
	k := crmIDField(crm)
	have := unJSON(inc["custom."+k])
	if have == "" && cur != nil {
		have = cur[k]
	}
	inc["custom."+k] = jsonString(withID(have, id))
}

// withID is the list of ids have ("a;b") with id added when it lacks it.
func withID(have, id string) string {
	for _, x := range strings.Split(have, ";") {
		if sameID(x, id) {
			return have
		}
	}
	if have != "" {
		return have + ";" + id
	}
	return id
}

// fold adds to inc (a group's first row) what a later row of the same
// company gives that inc does not: the first row's spelling, ids and values
// stay; another external id is recorded beside it. It returns the fields
// whose other value it did not take (sorted by field), so that they are
// reported rather than dropped without a word.
func fold(inc, more domain.Fields, crm string) []FoldedValue {
	var dropped []FoldedValue
	for k, v := range more {
		switch {
		case k == "name" && v != inc[k]: // the other spelling, always named
			dropped = append(dropped, FoldedValue{Field: k, Kept: inc[k], Dropped: v})
		case k == "name":
		case k == "external_id":
			if id := unJSON(v); id != "" && inc[k] != "" && !sameID(unJSON(inc[k]), id) {
				recordOtherID(inc, nil, crm, id)
			} else if inc[k] == "" {
				inc[k] = v
			}
		case k == "website" && inc[k] != "" && sameDomain(unJSON(v), unJSON(inc[k])):
		case inc[k] == "" || inc[k] == "0":
			inc[k] = v
		case v != "" && v != inc[k]:
			dropped = append(dropped, FoldedValue{Field: k, Kept: inc[k], Dropped: v})
		}
	}
	sort.Slice(dropped, func(i, j int) bool { return dropped[i].Field < dropped[j].Field })
	return dropped
}

// FoldedValue is a value of a row folded into an earlier row of the same
// company that differs from the earlier row's: the earlier one is kept.
type FoldedValue struct {
	Row     int    `json:"row"` // the folded row
	Account string `json:"account"`
	ID      uint64 `json:"id,omitempty"`
	Field   string `json:"field"`
	Kept    string `json:"kept"`    // JSON, as domain.Fields hold it
	Dropped string `json:"dropped"` // JSON
}

// String says what was kept and what dropped, for people.
func (f FoldedValue) String() string {
	acct := domain.Printable(domain.Excerpt(f.Account, 60))
	if f.ID != 0 {
		acct += fmt.Sprintf(" (#%d)", f.ID)
	}
	return fmt.Sprintf("row %d folded into %s: %s: kept %s, dropped %s", f.Row, acct, f.Field, showValue(f.Kept), showValue(f.Dropped))
}

// keepIdentity makes a company matched to the account cur keep cur's
// spelling, website and external id: a name that is the same company's
// (same normalised name) and a website of the same domain are dropped from
// inc, and another external id is recorded beside cur's.
func keepIdentity(inc domain.Fields, cur *domain.Account, crm string) {
	if v, ok := inc["name"]; ok && domain.CompanyKey(unJSON(v)) == domain.CompanyKey(cur.Name) {
		delete(inc, "name")
	}
	if v, ok := inc["website"]; ok && sameDomain(unJSON(v), cur.Website) {
		delete(inc, "website")
	}
	if v, ok := inc["external_id"]; ok && cur.ExternalID != "" {
		same := sameID(unJSON(v), cur.ExternalID)
		if id := unJSON(v); id != "" && !same {
			recordOtherID(inc, cur.Custom, crm, id)
		}
		delete(inc, "external_id")
		if !same || cur.ExternalCRM != "" {
			delete(inc, "external_crm") // cur's id keeps its CRM; an old one of unknown CRM learns it
		}
	}
}

// accountGroup is the rows of one file that are one company: the first
// decides, the others add what it lacks.
type accountGroup struct {
	ent    int
	rows   []int
	others []int // companies of the same name with other websites
}

// applyAccounts merges parsed account rows in one transaction. Each row is
// matched to a company (see companyIndex.company): one the book has, or one
// an earlier row of the file is. Rows of one company are folded into the
// first (its spelling and ids kept, the others' ids recorded beside them),
// then merged into the account field by field against what this source gave
// last time (see domain.Merge3), so that what was changed in tend since is
// kept and reported, and importing the same file again changes nothing.
func applyAccounts(tx *store.Tx, p *formats.ParsedCSV, mode ImportMode, res *ImportResult, progress func(done, total int)) error {
	rows, source, crm := p.Accounts, csvSource(p.Columns), p.CRM
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	byAcct := make(map[uint64]int, len(x.ents))
	for e, en := range x.ents {
		byAcct[en.id] = e
	}
	var groups []*accountGroup
	groupOf := map[int]*accountGroup{}
	nameCol := ""
	for i, f := range p.Fields {
		if f == "name" {
			nameCol = p.Columns[i]
		}
	}
	for n := range rows {
		in := &rows[n].Account
		var m match
		if in.UID != "" { // tend's own CSV export: the global id decides
			m = match{ent: -1}
			if id, ok := tx.AccountByUID(in.UID); ok {
				m = match{ent: byAcct[id], by: "uid"}
			}
		} else {
			m = x.company(crmIDs(in), in.Website, in.Name)
		}
		if m.problem != "" {
			res.Rejected = append(res.Rejected, formats.RowError{Row: rows[n].Row, Column: nameCol, Value: in.Name, Reason: m.problem})
			continue
		}
		e := m.ent
		if e < 0 {
			e = x.add(in, 0)
		} else {
			x.alias(e, crmIDs(in), in.Website, in.Name)
			if m.by == byName {
				en := x.ents[e]
				res.Possible = append(res.Possible, Duplicate{Row: rows[n].Row, Account: en.name, ID: en.id,
					Reason: fmt.Sprintf("%q taken as %s by its name alone (no CRM id or website in common): merged; check that it is the same company", domain.Excerpt(in.Name, 60), x.describe([]int{e}))})
			}
		}
		g := groupOf[e]
		if g == nil {
			g = &accountGroup{ent: e, others: m.others}
			groupOf[e] = g
			groups = append(groups, g)
		} else {
			res.Merged++
		}
		g.rows = append(g.rows, n)
	}
	m := &merger{tx: tx, mode: mode, res: res, source: source}
	for gi, g := range groups {
		rowProgress(progress, gi, len(groups))
		first := rows[g.rows[0]]
		inc, err := csvIncoming(&first.Account, first.Set)
		if err != nil {
			return err
		}
		folded := len(res.Folded)
		for _, n := range g.rows[1:] {
			more, err := csvIncoming(&rows[n].Account, rows[n].Set)
			if err != nil {
				return err
			}
			for _, d := range fold(inc, more, crm) {
				d.Row, d.Account, d.ID = rows[n].Row, x.ents[g.ent].name, x.ents[g.ent].id
				res.Folded = append(res.Folded, d)
			}
		}
		id := x.ents[g.ent].id
		if id == 0 {
			in := first.Account
			if len(g.rows) > 1 { // what the later rows add (a single row's fields are its own)
				if err := domain.ApplyFields(&in, inc); err != nil {
					return err
				}
			}
			if err := putImported(tx, &in); err != nil {
				return fmt.Errorf("row %d: %w", first.Row, err)
			}
			x.ents[g.ent].id = in.ID
			for i := range res.Folded[folded:] {
				res.Folded[folded+i].ID = in.ID
			}
			if len(g.others) > 0 {
				ids := make([]uint64, len(g.others))
				for i, o := range g.others {
					ids[i] = x.ents[o].id
				}
				res.Duplicates = append(res.Duplicates, duplicateOf(&in, ids))
			}
			countNoStart(res, &in)
			if err := tx.PutImportBase(source, in.UID, inc); err != nil {
				return err
			}
			res.New++
			res.Accounts = append(res.Accounts, AccountChange{Account: in.Name, ID: in.ID, Action: "new"})
			continue
		}
		cur, err := tx.Account(id)
		if err != nil {
			return err
		}
		keepIdentity(inc, &cur, crm)
		if cur.Stage == domain.StageClosed && !first.Set["closed_on"] {
			// A former customer closed at an earlier import stays closed on
			// that day: only the file's own close date moves it.
			delete(inc, "closed_on")
			delete(inc, "closed_reason")
		}
		old := cur
		base, err := tx.ImportBase(source, cur.UID)
		if err != nil {
			return err
		}
		if base == nil {
			base = accountDefaults()
		}
		local, err := domain.FieldsOf(&cur)
		if err != nil {
			return err
		}
		merged, changes, newBase := domain.Merge3(base, local, inc, mode.PreferFile)
		if err := tx.PutImportBase(source, cur.UID, newBase); err != nil {
			return err
		}
		if len(changes) == 0 {
			countNoStart(res, &cur)
			res.Skipped++
			continue
		}
		ch := AccountChange{Account: cur.Name, ID: cur.ID, Action: "updated"}
		m.note(&ch, "account", changes)
		res.Accounts = append(res.Accounts, ch)
		if len(merged) == 0 {
			countNoStart(res, &cur)
			res.Skipped++ // only conflicts, all kept
			continue
		}
		if err := domain.ApplyFields(&cur, merged); err != nil {
			return err
		}
		countNoStart(res, &cur)
		churn, err := saveAccountChange(&old, &cur)
		if err == nil && churn != nil {
			err = putChurn(tx, &cur, churn) // closed by this import: churned, as tend account close does
		} else if err == nil {
			err = tx.PutAccountWith(&cur, &domain.ARRChange{Cause: domain.CauseImport})
		}
		if err != nil {
			return fmt.Errorf("row %d: %w", first.Row, err)
		}
		res.Updated++
	}
	return nil
}

// putImported writes a new account of an import. One the file says is a
// former customer (closed) is written as the customer it was, its ARR from
// its contract start, then closed as churned on its close day, as tend
// account close does: the churn counts in that period.
func putImported(tx *store.Tx, a *domain.Account) error {
	if a.Stage != domain.StageClosed || a.ARR.Amount == 0 {
		return tx.PutAccountWith(a, &domain.ARRChange{Cause: domain.CauseImport})
	}
	on, reason := a.ClosedOn, a.ClosedReason
	a.Stage, a.ClosedOn, a.ClosedReason = domain.StageRetention, 0, ""
	if err := tx.PutAccountWith(a, &domain.ARRChange{Cause: domain.CauseImport}); err != nil {
		return err
	}
	ch, err := domain.Churn(a, on, reason)
	if err != nil {
		return err
	}
	return putChurn(tx, a, &ch)
}

// duplicateOf says that the new account a has the name of the accounts ids.
func duplicateOf(a *domain.Account, ids []uint64) string {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = fmt.Sprintf("#%d", id)
	}
	return fmt.Sprintf("new #%d %s has the name of %s", a.ID, domain.Printable(a.Name), strings.Join(list, ", "))
}

// countNoStart counts an account of the file that, imported, has no contract
// start (a prospect until it has one).
func countNoStart(res *ImportResult, a *domain.Account) {
	if a.ContractStart.IsZero() && a.Stage != domain.StageProspecting && a.Stage != domain.StageClosed {
		res.NoContractStart++
	}
}

// contactSet is an account's contacts, read once per import, found by CRM
// record id, email, or (without an email) name.
type contactSet struct {
	list    []domain.Contact
	pending []int // per contact: its index in the writes waiting, or -1
	keys    map[string]int
}

// pendingWrite is a record an import will write, and the row it came from.
type pendingWrite[T any] struct {
	row int
	rec T
}

// inKeyOrder is the order to write writes in: by account, then ID (new
// records, ID 0, last, in row order): bbolt keeps the records of one
// transaction in memory until it commits, and a leaf that grows by keys
// inserted in random places costs a copy of the leaf each time (quadratic);
// in key order each is an append. The indexes are sorted, not the records
// (which are large to move).
func inKeyOrder[T any](w []pendingWrite[T], key func(*T) (uint64, uint64)) []int32 {
	type k struct {
		acct, id uint64
		i        int32
	}
	ks := make([]k, len(w))
	for i := range w {
		a, id := key(&w[i].rec)
		ks[i] = k{a, id - 1, int32(i)} // 0 (new) wraps to the largest
	}
	slices.SortFunc(ks, func(a, b k) int {
		if c := cmp.Compare(a.acct, b.acct); c != 0 {
			return c
		}
		if c := cmp.Compare(a.id, b.id); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	order := make([]int32, len(ks))
	for i := range ks {
		order[i] = ks[i].i
	}
	return order
}

func contactKeys(c *domain.Contact) []string {
	var ks []string
	if c.ExternalID != "" {
		ks = append(ks, "id:"+idKey(c.ExternalID))
	}
	if c.Email != "" {
		ks = append(ks, "email:"+strings.ToLower(c.Email))
	} else {
		ks = append(ks, "name:"+domain.Fold(c.Name))
	}
	return ks
}

func (s *contactSet) put(i int) {
	for _, k := range contactKeys(&s.list[i]) {
		s.keys[k] = i
	}
}

// find returns the contact an imported one is, or -1: the same CRM record
// id; else the same email (case aside), whatever their CRM ids (the same
// person in two CRMs); else, neither having an email, the same name unless
// both have CRM ids and they differ (two people of one name).
func (s *contactSet) find(c *domain.Contact) int {
	if c.ExternalID != "" {
		if i, ok := s.keys["id:"+idKey(c.ExternalID)]; ok {
			return i
		}
	}
	if c.Email != "" {
		if i, ok := s.keys["email:"+strings.ToLower(c.Email)]; ok {
			return i
		}
		return -1
	}
	if i, ok := s.keys["name:"+domain.Fold(c.Name)]; ok && (c.ExternalID == "" || s.list[i].ExternalID == "") {
		return i
	}
	return -1
}

// keepContactID makes an imported contact matched to x keep x's spelling of
// its email and CRM id: another id is recorded beside it, in the custom
// field of the file's CRM (see crmIDField).
func keepContactID(c *domain.Contact, x *domain.Contact, crm string) {
	if strings.EqualFold(c.Email, x.Email) {
		c.Email = x.Email
	}
	if c.ExternalID == "" || x.ExternalID == "" || strings.EqualFold(c.ExternalID, x.ExternalID) {
		return
	}
	k := crmIDField(crm)
	custom := map[string]string{k: withID(x.Custom[k], c.ExternalID)}
	for kk, v := range c.Custom {
		if kk != k {
			custom[kk] = v
		}
	}
	c.Custom, c.ExternalID = custom, x.ExternalID
}

func sameStrings(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func refError(r formats.AccountRef, row int, why string) formats.RowError {
	e := formats.RowError{Row: row, Column: r.NameColumn, Value: r.Name, Reason: why}
	switch {
	case r.Name == "" && len(r.IDs) > 0:
		e.Column, e.Value = r.IDsColumn, strings.Join(r.IDs, ";")
	case r.Name == "":
		e.Column, e.Value = r.CompanyColumn, r.Company
	}
	return e
}

func applyContacts(tx *store.Tx, rows []formats.ContactRow, source, crm string, prefer bool, res *ImportResult, progress func(done, total int)) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	have := map[uint64]*contactSet{} // each account's contacts, read once
	writes := make([]pendingWrite[domain.Contact], 0, len(rows))
	for n, r := range rows {
		rowProgress(progress, n, len(rows))
		id, why := x.ref(r.Account)
		if why != "" {
			res.Rejected = append(res.Rejected, refError(r.Account, r.Row, why))
			continue
		}
		set := have[id]
		if set == nil {
			cs, err := tx.Contacts(id)
			if err != nil {
				return err
			}
			set = &contactSet{list: cs, pending: make([]int, len(cs)), keys: make(map[string]int, len(cs))}
			for i := range cs {
				set.pending[i] = -1
				set.put(i)
			}
			have[id] = set
		}
		c := r.Contact
		c.AccountID = id
		at := set.find(&c)
		if at >= 0 {
			keepContactID(&c, &set.list[at], crm)
		}
		if at >= 0 && set.list[at].UID != "" { // in the book: merged field by field (import_merge.go)
			x := set.list[at]
			merged, changes, err := mergeFromFile(tx, source, x.UID, x, c, prefer)
			if err != nil {
				return err
			}
			res.Conflicts += conflictsOf(changes)
			if err := noteChanges(tx, res, id, "contact "+x.Name, changes); err != nil {
				return err
			}
			if !changesWrite(changes, prefer) {
				res.Skipped++
				continue
			}
			c = merged
		} else if at >= 0 {
			x := &set.list[at]
			if x.Name == c.Name && x.Title == c.Title && x.Phone == c.Phone && (c.Role == "" || x.Role == c.Role) && (c.Channel == "" || x.Channel == c.Channel) &&
				(c.Email == "" || x.Email == c.Email) && (c.ExternalID == "" || x.ExternalID == c.ExternalID) && (len(c.Custom) == 0 || sameStrings(x.Custom, c.Custom)) {
				res.Repeated++ // an earlier row's contact, not in the book before
				continue
			}
			c.ID, c.UID, c.Created, c.LastTouch = x.ID, x.UID, x.Created, x.LastTouch
			if c.Role == "" {
				c.Role = x.Role
			}
			if c.Channel == "" {
				c.Channel = x.Channel
			}
			if c.ExternalID == "" {
				c.ExternalID = x.ExternalID
			}
		}
		if at < 0 {
			set.list = append(set.list, c)
			set.pending = append(set.pending, len(writes))
			writes = append(writes, pendingWrite[domain.Contact]{r.Row, c})
			set.put(len(set.list) - 1)
			res.New++
			continue
		}
		set.list[at] = c
		set.put(at)
		if pi := set.pending[at]; pi >= 0 {
			writes[pi].rec = c // an earlier row's contact, not written yet
		} else {
			set.pending[at] = len(writes)
			writes = append(writes, pendingWrite[domain.Contact]{r.Row, c})
		}
		res.Updated++
	}
	for _, i := range inKeyOrder(writes, func(c *domain.Contact) (uint64, uint64) { return c.AccountID, c.ID }) {
		isNew := writes[i].rec.ID == 0
		if err := tx.PutContact(&writes[i].rec); err != nil {
			return fmt.Errorf("row %d: %w", writes[i].row, err)
		}
		if isNew { // what this source gave, for the next import's merge
			given := writes[i].rec
			if err := recordBase(tx, source, given.UID, &given); err != nil {
				return err
			}
		}
	}
	return nil
}

// interactionKey is what makes two activities one: the CRM's record id, or
// the account, the instant, and the whole text (subject and body).
func interactionKey(in *domain.Interaction) string {
	return in.At.UTC().Format(time.RFC3339Nano) + "|" + in.Summary
}

// rowProgress tells progress (when there is one) that done of total rows
// are checked, every 500 rows.
func rowProgress(progress func(done, total int), done, total int) {
	if progress != nil && done%500 == 0 {
		progress(done, total)
	}
}

func applyInteractions(tx *store.Tx, rows []formats.InteractionRow, source string, prefer bool, res *ImportResult, progress func(done, total int)) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	seen := map[uint64]map[string]int8{}                // 1: in the book, 2: an earlier row's
	byExt := map[uint64]map[string]domain.Interaction{} // the stored activities with a CRM id, per account by id
	writes := make([]pendingWrite[domain.Interaction], 0, len(rows))
	for n, r := range rows {
		rowProgress(progress, n, len(rows))
		id, why := x.ref(r.Account)
		if why != "" {
			res.Rejected = append(res.Rejected, refError(r.Account, r.Row, why))
			continue
		}
		if seen[id] == nil {
			seen[id] = map[string]int8{}
			cur := store.Cursor{}
			for {
				page, next, err := tx.Interactions(id, cur, 500)
				if err != nil {
					return err
				}
				for i := range page {
					seen[id][interactionKey(&page[i])] = 1
					if page[i].ExternalID != "" {
						seen[id]["id:"+idKey(page[i].ExternalID)] = 1
						if byExt[id] == nil {
							byExt[id] = map[string]domain.Interaction{}
						}
						byExt[id][idKey(page[i].ExternalID)] = page[i]
					}
				}
				if !next.More() {
					break
				}
				cur = next
			}
		}
		in := r.Interaction
		in.AccountID = id
		if cur, ok := byExt[id][idKey(in.ExternalID)]; ok && in.ExternalID != "" {
			// The same activity (its CRM id) again, perhaps corrected in
			// the CRM: merged field by field, as an order is, against what
			// the CRM gave last time, or (no baseline is written when an
			// activity is added, which would double an import's writes) the
			// note as it is.
			if in.At.Equal(cur.At) && in.Summary == cur.Summary && in.Channel == cur.Channel && (in.Sentiment == "" || in.Sentiment == cur.Sentiment) {
				res.Skipped++
				continue
			}
			if base, err := tx.ImportBase(source, cur.UID); err != nil {
				return err
			} else if base == nil {
				if err := recordBase(tx, source, cur.UID, &cur); err != nil {
					return err
				}
			}
			in.ID, in.UID = cur.ID, cur.UID
			merged, err := mergeAgain(tx, res, source, prefer, id, "note of "+cur.At.Format(time.DateOnly), cur.UID, cur, in, tx.PutInteraction)
			if err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			byExt[id][idKey(in.ExternalID)] = merged
			continue
		}
		k := interactionKey(&in)
		was := seen[id][k]
		if in.ExternalID != "" {
			was = max(was, seen[id]["id:"+idKey(in.ExternalID)])
		}
		if was == 1 {
			res.Skipped++
			continue
		}
		if was == 2 {
			res.Repeated++
			continue
		}
		seen[id][k] = 2
		if in.ExternalID != "" {
			seen[id]["id:"+idKey(in.ExternalID)] = 2
		}
		writes = append(writes, pendingWrite[domain.Interaction]{r.Row, in})
		res.New++
	}
	// In key order (account, time): see inKeyOrder.
	order := make([]int32, len(writes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		x, y := &writes[a].rec, &writes[b].rec
		if c := cmp.Compare(x.AccountID, y.AccountID); c != 0 {
			return c
		}
		return x.At.Compare(y.At)
	})
	for _, i := range order {
		if err := tx.AddInteraction(&writes[i].rec); err != nil {
			return fmt.Errorf("row %d: %w", writes[i].row, err)
		}
	}
	return nil
}

// ImportCSV reads, checks and applies a CSV file: every good row in one
// transaction (all or nothing), every bad row reported.
func ImportCSV(st *store.Store, r io.Reader, opt formats.CSVOptions, mode ImportMode, progress func(done, total int)) (*ImportResult, error) {
	p, err := formats.ParseCSV(r, opt)
	if err != nil {
		return nil, err
	}
	dry := mode.DryRun
	if progress != nil && p.Rows > 0 {
		// The progress counts the file's rows (every kind, the bad ones
		// too), whatever each kind counts as it goes (an account per company).
		report := progress
		progress = func(done, total int) { report(done*p.Rows/max(1, total), p.Rows) }
		report(0, p.Rows)
		defer report(p.Rows, p.Rows)
	}
	res := &ImportResult{Kind: p.Kind, Rejected: p.Errors, Unknown: p.Unknown, Ignored: p.Ignored, Read: columnsRead(p), Notes: p.Notes, Footer: p.Footer, DryRun: dry}
	err = st.Update(func(tx *store.Tx) error {
		var err error
		switch p.Kind {
		case formats.KindAccounts:
			err = applyAccounts(tx, p, mode, res, progress)
		case formats.KindContacts:
			err = applyContacts(tx, p.Contacts, csvSource(p.Columns), p.CRM, mode.PreferFile, res, progress)
		case formats.KindInteractions:
			err = applyInteractions(tx, p.Interactions, csvSource(p.Columns), mode.PreferFile, res, progress)
		case formats.KindDeals:
			err = applyDeals(tx, p, mode.PreferFile, res)
		case formats.KindSurveys:
			err = applySurveys(tx, p.Surveys, csvSource(p.Columns), mode.PreferFile, res)
		case formats.KindOrders:
			err = applyOrders(tx, p.Orders, csvSource(p.Columns), mode.PreferFile, res)
		case formats.KindActionItems:
			err = applyActionItems(tx, p.ActionItems, csvSource(p.Columns), mode.PreferFile, res)
		}
		sort.SliceStable(res.Rejected, func(a, b int) bool { return res.Rejected[a].Row < res.Rejected[b].Row })
		if err == nil && dry {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if p.Kind == formats.KindAccounts {
		res.Notes = append(csvNotes(res, p.Columns, p.Fields), p.Notes...)
	}
	return res, err
}
