package app

// Survey answers and orders imported from CSV (tend import --kind surveys,
// --kind orders). A row's account is found by its UID, #N or exact name,
// else its CRM ID. Importing the same file again adds nothing: a row is the
// record with its UID (given, or made from the tool's answer or order id on
// that account), else the record alike in content (account, date, kind,
// score and contact; account, date and amount), each record matched once,
// so that two alike orders in a file are still two.

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// rowAccounts finds the accounts rows name.
type rowAccounts struct {
	tx    *store.Tx
	cache map[string]domain.Account
	byExt map[string]uint64 // CRM ID (lowercased) → account, read when first needed
}

func (x *rowAccounts) find(ref string) (domain.Account, error) {
	k := domain.Fold(ref)
	if a, ok := x.cache[k]; ok {
		return a, nil
	}
	s, err := x.tx.FindAccountExact(ref)
	id := s.ID
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		if x.byExt == nil {
			x.byExt = map[string]uint64{}
			accts, err := x.tx.Accounts()
			if err != nil {
				return domain.Account{}, err
			}
			for _, a := range accts {
				if e := strings.ToLower(strings.TrimSpace(a.ExternalID)); e != "" {
					x.byExt[e] = a.ID
				}
			}
		}
		if ext, ok := x.byExt[strings.ToLower(strings.TrimSpace(ref))]; ok {
			id, err = ext, nil
		}
	}
	if err != nil {
		return domain.Account{}, err
	}
	a, err := x.tx.Account(id)
	if err != nil {
		return domain.Account{}, err
	}
	x.cache[k] = a
	return a, nil
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

func rejectAccount(res *ImportResult, row int, col, value string, err error) {
	res.Rejected = append(res.Rejected, formats.RowError{Row: row, Column: col, Value: value, Reason: OneLine(err).Error()})
}

func applySurveys(tx *store.Tx, rows []formats.SurveyRow, res *ImportResult) error {
	accts := &rowAccounts{tx: tx, cache: map[string]domain.Account{}}
	match := map[uint64]*matcher{}
	contacts := map[uint64][]domain.Contact{}
	for _, r := range rows {
		a, err := accts.find(r.Account)
		if err != nil {
			rejectAccount(res, r.Row, r.AccountColumn, r.Account, err)
			continue
		}
		if match[a.ID] == nil {
			list, err := tx.Surveys(a.ID)
			if err != nil {
				return err
			}
			m := &matcher{uids: map[string]bool{}, have: map[string]int{}, used: map[string]int{}}
			for i := range list {
				m.uids[list[i].UID] = true
				m.have[surveyKey(&list[i])]++
			}
			match[a.ID] = m
			if contacts[a.ID], err = tx.Contacts(a.ID); err != nil {
				return err
			}
		}
		s := r.Survey
		s.AccountID = a.ID
		if r.Contact != "" {
			for _, c := range contacts[a.ID] {
				if strings.EqualFold(c.Email, r.Contact) || (!strings.Contains(r.Contact, "@") && domain.Fold(c.Name) == domain.Fold(r.Contact)) {
					s.ContactID = c.ID
					break
				}
			}
			if s.ContactID == 0 {
				res.Rejected = append(res.Rejected, formats.RowError{Row: r.Row, Column: r.ContactColumn, Value: r.Contact,
					Reason: fmt.Sprintf("no contact with this email on %s: add it (tend contact add), or leave the cell empty", domain.Printable(a.Name))})
				continue
			}
		}
		if s.UID == "" && r.SourceID != "" {
			s.UID = sourceUID(a.UID, "survey", r.SourceID)
		}
		if match[a.ID].seen(s.UID, surveyKey(&s)) {
			res.Skipped++
			continue
		}
		if err := tx.PutSurvey(&s); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		match[a.ID].uids[s.UID] = true
		res.New++
	}
	return nil
}

func applyOrders(tx *store.Tx, rows []formats.OrderRow, res *ImportResult) error {
	accts := &rowAccounts{tx: tx, cache: map[string]domain.Account{}}
	match := map[uint64]*matcher{}
	for _, r := range rows {
		a, err := accts.find(r.Account)
		if err != nil {
			rejectAccount(res, r.Row, r.AccountColumn, r.Account, err)
			continue
		}
		if match[a.ID] == nil {
			list, err := tx.Orders(a.ID)
			if err != nil {
				return err
			}
			m := &matcher{uids: map[string]bool{}, have: map[string]int{}, used: map[string]int{}}
			for i := range list {
				m.uids[list[i].UID] = true
				m.have[orderKey(&list[i])]++
			}
			match[a.ID] = m
		}
		o := r.Order
		o.AccountID = a.ID
		if o.UID == "" && r.SourceID != "" {
			o.UID = sourceUID(a.UID, "order", r.SourceID)
		}
		if match[a.ID].seen(o.UID, orderKey(&o)) {
			res.Skipped++
			continue
		}
		if err := tx.PutOrder(&o); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		match[a.ID].uids[o.UID] = true
		res.New++
	}
	return nil
}
