package app

// Taking a CRM's CSV export (accounts, contacts, interactions) into the book.

import (
	"errors"
	"fmt"
	"io"
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

// accountIndex finds the book's account for an imported one: by its CRM ID,
// else by name and website domain, else by name alone when one of the two
// has no website and the name is the book's only account of that name.
type accountIndex struct {
	keys  map[string]uint64   // "id:…" and "name:…|domain" → account
	names map[string][]uint64 // folded name → accounts
	sites map[uint64]string   // account → website domain
}

func newAccountIndex(accts []domain.Account) *accountIndex {
	x := &accountIndex{keys: map[string]uint64{}, names: map[string][]uint64{}, sites: map[uint64]string{}}
	for i := range accts {
		x.add(&accts[i])
	}
	return x
}

func accountKeys(a *domain.Account) []string {
	var keys []string
	if a.ExternalID != "" {
		keys = append(keys, "id:"+strings.ToLower(strings.TrimSpace(a.ExternalID)))
	}
	return append(keys, "name:"+domain.Fold(a.Name)+"|"+domain.Domain(a.Website))
}

func (x *accountIndex) add(a *domain.Account) {
	for _, k := range accountKeys(a) {
		if _, taken := x.keys[k]; !taken {
			x.keys[k] = a.ID
		}
	}
	n := domain.Fold(a.Name)
	x.names[n] = append(x.names[n], a.ID)
	x.sites[a.ID] = domain.Domain(a.Website)
}

// find returns the matching account, or 0.
func (x *accountIndex) find(a *domain.Account) uint64 {
	for _, k := range accountKeys(a) {
		if id, ok := x.keys[k]; ok {
			return id
		}
	}
	if ids := x.names[domain.Fold(a.Name)]; len(ids) == 1 && (domain.Domain(a.Website) == "" || x.sites[ids[0]] == "") {
		return ids[0]
	}
	return 0
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

// applyAccounts merges parsed account rows in one transaction: a row that
// matches an account (by CRM ID, else name and website domain) updates the
// fields it gives, field by field against what the CSV gave last time (see
// domain.Merge3), so that what was changed in tend since is kept and reported.
func applyAccounts(tx *store.Tx, rows []formats.AccountRow, source string, mode ImportMode, res *ImportResult, progress func(done, total int)) error {
	existing, err := tx.Accounts()
	if err != nil {
		return err
	}
	index := newAccountIndex(existing)
	m := &merger{tx: tx, mode: mode, res: res, source: source}
	for n, r := range rows {
		if progress != nil && n%500 == 0 {
			progress(n, len(rows))
		}
		in := r.Account
		incoming, err := csvIncoming(&in, r.Set)
		if err != nil {
			return err
		}
		id := index.find(&in)
		if in.UID != "" { // tend's own CSV export: the global id decides
			id, _ = tx.AccountByUID(in.UID)
		}
		if id == 0 {
			if err := tx.PutAccountWith(&in, &domain.ARRChange{Cause: domain.CauseImport}); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			if ids := index.names[domain.Fold(in.Name)]; len(ids) > 0 {
				res.Duplicates = append(res.Duplicates, duplicateOf(&in, ids))
			}
			index.add(&in)
			countNoStart(res, &in)
			if err := tx.PutImportBase(source, in.UID, incoming); err != nil {
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
		merged, changes, newBase := domain.Merge3(base, local, incoming, mode.PreferFile)
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
		if err := tx.PutAccountWith(&cur, &domain.ARRChange{Cause: domain.CauseImport}); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		res.Updated++
	}
	return nil
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

// findAccountRef resolves an account named in a contact or interaction row.
func findAccountRef(tx *store.Tx, cache map[string]uint64, ref string) (uint64, error) {
	k := domain.Fold(ref)
	if id, ok := cache[k]; ok {
		return id, nil
	}
	s, err := tx.FindAccountExact(ref)
	if err != nil {
		return 0, err
	}
	cache[k] = s.ID
	return s.ID, nil
}

func applyContacts(tx *store.Tx, rows []formats.ContactRow, res *ImportResult) error {
	cache := map[string]uint64{}
	for _, r := range rows {
		id, err := findAccountRef(tx, cache, r.Account)
		if err != nil {
			res.Rejected = append(res.Rejected, formats.RowError{Row: r.Row, Column: "account", Value: r.Account, Reason: err.Error()})
			continue
		}
		cs, err := tx.Contacts(id)
		if err != nil {
			return err
		}
		c := r.Contact
		c.AccountID = id
		for _, x := range cs {
			if (c.Email != "" && strings.EqualFold(x.Email, c.Email)) || (c.Email == "" && domain.Fold(x.Name) == domain.Fold(c.Name)) {
				if x.Name == c.Name && x.Title == c.Title && x.Phone == c.Phone && (c.Role == "" || x.Role == c.Role) {
					res.Skipped++
					c.ID = ^uint64(0)
					break
				}
				c.ID, c.Created, c.LastTouch = x.ID, x.Created, x.LastTouch
				if c.Role == "" {
					c.Role = x.Role
				}
			}
		}
		if c.ID == ^uint64(0) {
			continue
		}
		isNew := c.ID == 0
		if err := tx.PutContact(&c); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		if isNew {
			res.New++
		} else {
			res.Updated++
		}
	}
	return nil
}

func applyInteractions(tx *store.Tx, rows []formats.InteractionRow, res *ImportResult) error {
	cache := map[string]uint64{}
	seen := map[uint64]map[string]bool{}
	for _, r := range rows {
		id, err := findAccountRef(tx, cache, r.Account)
		if err != nil {
			res.Rejected = append(res.Rejected, formats.RowError{Row: r.Row, Column: "account", Value: r.Account, Reason: err.Error()})
			continue
		}
		if seen[id] == nil {
			seen[id] = map[string]bool{}
			cur := store.Cursor{}
			for {
				page, next, err := tx.Interactions(id, cur, 500)
				if err != nil {
					return err
				}
				for _, x := range page {
					seen[id][x.At.UTC().Format(time.RFC3339)+"|"+x.Summary] = true
				}
				if !next.More() {
					break
				}
				cur = next
			}
		}
		in := r.Interaction
		in.AccountID = id
		k := in.At.UTC().Format(time.RFC3339) + "|" + in.Summary
		if seen[id][k] {
			res.Skipped++
			continue
		}
		seen[id][k] = true
		if err := tx.AddInteraction(&in); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		res.New++
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
	res := &ImportResult{Rejected: p.Errors, Unknown: p.Unknown, DryRun: dry}
	err = st.Update(func(tx *store.Tx) error {
		var err error
		switch p.Kind {
		case formats.KindAccounts:
			err = applyAccounts(tx, p.Accounts, csvSource(p.Columns), mode, res, progress)
		case formats.KindContacts:
			err = applyContacts(tx, p.Contacts, res)
		case formats.KindInteractions:
			err = applyInteractions(tx, p.Interactions, res)
		case formats.KindSurveys:
			err = applySurveys(tx, p.Surveys, res)
		case formats.KindOrders:
			err = applyOrders(tx, p.Orders, res)
		}
		if err == nil && dry {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if p.Kind == formats.KindAccounts {
		res.Notes = csvNotes(res, p.Columns, p.Fields)
	}
	return res, err
}
