package app

// Survey answers and orders imported from CSV (tend import --kind surveys,
// --kind orders). A row's account is found in the import's account index,
// as a contact's is: by its UID, a CRM id, its website's domain or its
// normalised name, never a part of a name or tend's #N. Importing the same file again adds nothing: a row is the
// record with its UID (given, or made from the tool's answer or order id on
// that account), else the record alike in content (account, date, kind,
// score and contact; account, date and amount), each record matched once,
// so that two alike orders in a file are still two.

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// importRowAccount is the account a survey or order row names, found in the
// import's account index (see companyIndex.one); a row naming none, or
// several, is rejected and false returned.
func importRowAccount(x *companyIndex, res *ImportResult, row int, col, value string) (entity, bool) {
	e, why := x.one(value)
	if why != "" {
		res.Rejected = append(res.Rejected, formats.RowError{Row: row, Column: col, Value: value, Reason: why})
		return entity{}, false
	}
	return x.ents[e], true
}

// sourceUID is the UID of the record a source's own id (an order number)
// names on an account: the same on every import.
func sourceUID(accountUID, kind, id string) string {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tend:"+accountUID+"/"+kind+"/"+strings.TrimSpace(id))).String()
}

// matcher tells, per account, whether a record is there already: by UID,
// else by a content key, each stored record matched at most once.
type matcher struct {
	uids map[string]bool
	have map[string]int // content key → stored records with it
	used map[string]int // content key → rows matched to them so far
}

func (m *matcher) seen(uid, key string) bool {
	if uid != "" {
		return m.uids[uid]
	}
	if m.used[key] < m.have[key] {
		m.used[key]++
		return true
	}
	return false
}

func surveyKey(s *domain.SurveyResponse) string {
	return fmt.Sprintf("%s|%s|%d|%d", s.Date, s.Kind, s.Score, s.ContactID)
}

func orderKey(o *domain.Order) string {
	return fmt.Sprintf("%s|%d|%s", o.Date, o.Amount.Amount, o.Amount.Currency)
}

// mergeAgain takes a record the source gave before (found by its UID) from
// the file again: what the source changed since is taken, an edit made here
// stays (see mergeFromFile), reported as updated or unchanged. It returns
// the record as written (or cur).
func mergeAgain[T any](tx *store.Tx, res *ImportResult, source string, prefer bool, acct uint64, what, uid string, cur, file T, put func(*T) error) (T, error) {
	merged, changes, err := mergeFromFile(tx, source, uid, cur, file, prefer)
	if err != nil {
		return cur, err
	}
	res.Conflicts += conflictsOf(changes)
	if err := noteChanges(tx, res, acct, what, changes); err != nil {
		return cur, err
	}
	if !changesWrite(changes, prefer) {
		res.Skipped++
		return cur, nil
	}
	if err := put(&merged); err != nil {
		return cur, err
	}
	res.Updated++
	return merged, nil
}

func applySurveys(tx *store.Tx, rows []formats.SurveyRow, source string, prefer bool, res *ImportResult) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	match := map[uint64]*matcher{}
	byUID := map[string]domain.SurveyResponse{} // the answers of the accounts read so far, and those added
	contacts := map[uint64][]domain.Contact{}
	for _, r := range rows {
		a, ok := importRowAccount(x, res, r.Row, r.AccountColumn, r.Account)
		if !ok {
			continue
		}
		if match[a.id] == nil {
			list, err := tx.Surveys(a.id)
			if err != nil {
				return err
			}
			m := &matcher{uids: map[string]bool{}, have: map[string]int{}, used: map[string]int{}}
			for i := range list {
				m.uids[list[i].UID] = true
				m.have[surveyKey(&list[i])]++
				byUID[list[i].UID] = list[i]
			}
			match[a.id] = m
			if contacts[a.id], err = tx.Contacts(a.id); err != nil {
				return err
			}
		}
		s := r.Survey
		s.AccountID = a.id
		if r.Contact != "" {
			for _, c := range contacts[a.id] {
				if strings.EqualFold(c.Email, r.Contact) || (!strings.Contains(r.Contact, "@") && domain.Fold(c.Name) == domain.Fold(r.Contact)) {
					s.ContactID = c.ID
					break
				}
			}
			if s.ContactID == 0 {
				res.Rejected = append(res.Rejected, formats.RowError{Row: r.Row, Column: r.ContactColumn, Value: r.Contact,
					Reason: fmt.Sprintf("no contact with this email on %s: add it (tend contact add), or leave the cell empty", domain.Printable(a.name))})
				continue
			}
		}
		if s.UID == "" && r.SourceID != "" {
			s.UID = sourceUID(a.uid, "survey", r.SourceID)
		}
		if cur, ok := byUID[s.UID]; ok && s.UID != "" && cur.AccountID == a.id {
			// The same answer (its UID, or the tool's response id) again,
			// corrected in the source (NPS 3 → 9): updated as an order is.
			s.ID = cur.ID
			merged, err := mergeAgain(tx, res, source, prefer, a.id, "survey answer of "+cur.Date.String(), s.UID, cur, s, tx.PutSurvey)
			if err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			byUID[s.UID] = merged
			continue
		}
		if match[a.id].seen(s.UID, surveyKey(&s)) {
			res.Skipped++
			continue
		}
		if err := tx.PutSurvey(&s); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		match[a.id].uids[s.UID] = true
		byUID[s.UID] = s
		if err := recordBase(tx, source, s.UID, &s); err != nil { // what this source gave, for the next import
			return err
		}
		res.New++
	}
	return nil
}

func applyOrders(tx *store.Tx, rows []formats.OrderRow, source string, prefer bool, res *ImportResult) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	match := map[uint64]*matcher{}
	byUID := map[string]domain.Order{} // the orders of the accounts read so far, and those added
	for _, r := range rows {
		a, ok := importRowAccount(x, res, r.Row, r.AccountColumn, r.Account)
		if !ok {
			continue
		}
		if match[a.id] == nil {
			list, err := tx.Orders(a.id)
			if err != nil {
				return err
			}
			m := &matcher{uids: map[string]bool{}, have: map[string]int{}, used: map[string]int{}}
			for i := range list {
				m.uids[list[i].UID] = true
				m.have[orderKey(&list[i])]++
				byUID[list[i].UID] = list[i]
			}
			match[a.id] = m
		}
		o := r.Order
		o.AccountID = a.id
		if o.UID == "" && r.SourceID != "" {
			o.UID = sourceUID(a.uid, "order", r.SourceID)
		}
		if cur, ok := byUID[o.UID]; ok && o.UID != "" && cur.AccountID == a.id {
			// The same order (its UID, or the source's order id) again:
			// what the source changed since is taken, an edit made here stays.
			o.ID = cur.ID
			merged, err := mergeAgain(tx, res, source, prefer, a.id, "order of "+cur.Date.String(), o.UID, cur, o, tx.PutOrder)
			if err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			byUID[merged.UID] = merged
			continue
		}
		if match[a.id].seen(o.UID, orderKey(&o)) {
			res.Skipped++
			continue
		}
		if err := tx.PutOrder(&o); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		match[a.id].uids[o.UID] = true
		byUID[o.UID] = o
		if err := recordBase(tx, source, o.UID, &o); err != nil { // what this source gave, for the next import
			return err
		}
		res.New++
	}
	return nil
}

func actionItemKey(a *domain.ActionItem) string {
	return a.Text + "|" + a.Created.UTC().Format(time.RFC3339)
}

// applyActionItems imports action items (tend's own export, or a task list):
// an item is the one with its UID, else the one of the same text created at
// the same second; what the file changed since the last import of the same
// file is taken, an edit made here stays (a conflict).
func applyActionItems(tx *store.Tx, rows []formats.ActionItemRow, source string, prefer bool, res *ImportResult) error {
	x, err := indexBook(tx)
	if err != nil {
		return err
	}
	byUID := map[string]domain.ActionItem{}
	match := map[uint64]*matcher{}
	for _, r := range rows {
		a, ok := importRowAccount(x, res, r.Row, r.AccountColumn, r.Account)
		if !ok {
			continue
		}
		if match[a.id] == nil {
			list, err := tx.ActionItems(a.id)
			if err != nil {
				return err
			}
			m := &matcher{uids: map[string]bool{}, have: map[string]int{}, used: map[string]int{}}
			for i := range list {
				m.uids[list[i].UID] = true
				m.have[actionItemKey(&list[i])]++
				byUID[list[i].UID] = list[i]
			}
			match[a.id] = m
		}
		it := r.Item
		it.AccountID = a.id
		if cur, ok := byUID[it.UID]; ok && it.UID != "" && cur.AccountID == a.id {
			it.ID, it.Source = cur.ID, cur.Source
			if it.Created.IsZero() || it.Created.Equal(cur.Created.Truncate(time.Second)) {
				it.Created = cur.Created // the export keeps whole seconds
			}
			if it.Done == cur.Done {
				it.DoneAt = cur.DoneAt
			}
			merged, changes, err := mergeFromFile(tx, source, it.UID, cur, it, prefer)
			if err != nil {
				return err
			}
			res.Conflicts += conflictsOf(changes)
			if err := noteChanges(tx, res, a.id, "action item "+domain.Excerpt(cur.Text, 40), changes); err != nil {
				return err
			}
			if !changesWrite(changes, prefer) {
				res.Skipped++
				continue
			}
			if err := tx.PutActionItem(&merged); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			byUID[merged.UID] = merged
			res.Updated++
			continue
		}
		if match[a.id].seen(it.UID, actionItemKey(&it)) {
			res.Skipped++
			continue
		}
		if err := tx.PutActionItem(&it); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		match[a.id].uids[it.UID] = true
		byUID[it.UID] = it
		if err := recordBase(tx, source, it.UID, &it); err != nil {
			return err
		}
		res.New++
	}
	return nil
}
