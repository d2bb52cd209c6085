package app

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// errDryRun rolls back a dry run's transaction after it has counted everything.
var errDryRun = errors.New("dry run")

// importResult says what an import did (or would do).
type importResult struct {
	New      int                `json:"new"`
	Updated  int                `json:"updated"`
	Skipped  int                `json:"unchanged"`
	Rejected []formats.RowError `json:"rejected"`
	Unknown  []string           `json:"unknown_columns,omitempty"`
	DryRun   bool               `json:"dry_run"`
}

// accountKey is how a re-import finds an account again: its external ID, else
// its normalised name and website domain.
func accountKeys(a *domain.Account) []string {
	var keys []string
	if a.ExternalID != "" {
		keys = append(keys, "id:"+strings.ToLower(strings.TrimSpace(a.ExternalID)))
	}
	return append(keys, "name:"+domain.Fold(a.Name)+"|"+domain.Domain(a.Website))
}

// applyAccounts upserts parsed account rows in one transaction.
func applyAccounts(tx *store.Tx, rows []formats.AccountRow, res *importResult, progress func(done, total int)) error {
	existing, err := tx.Accounts()
	if err != nil {
		return err
	}
	index := map[string]uint64{}
	for i := range existing {
		for _, k := range accountKeys(&existing[i]) {
			index[k] = existing[i].ID
		}
	}
	for n, r := range rows {
		if progress != nil && n%500 == 0 {
			progress(n, len(rows))
		}
		in := r.Account
		var id uint64
		for _, k := range accountKeys(&in) {
			if x, ok := index[k]; ok {
				id = x
				break
			}
		}
		if id == 0 {
			if err := tx.PutAccount(&in); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			for _, k := range accountKeys(&in) {
				index[k] = in.ID
			}
			res.New++
			continue
		}
		cur, err := tx.Account(id)
		if err != nil {
			return err
		}
		merged := mergeAccount(cur, in, r.Set)
		if accountsEqual(cur, merged) {
			res.Skipped++
			continue
		}
		if err := tx.PutAccount(&merged); err != nil {
			return fmt.Errorf("row %d: %w", r.Row, err)
		}
		res.Updated++
	}
	return nil
}

// mergeAccount takes from the imported account the fields its file gave.
func mergeAccount(cur, in domain.Account, set map[string]bool) domain.Account {
	m := cur
	if set["name"] {
		m.Name = in.Name
	}
	if set["external_id"] {
		m.ExternalID = in.ExternalID
	}
	pick := func(f string, dst *string, v string) {
		if set[f] {
			*dst = v
		}
	}
	pick("industry", &m.Industry, in.Industry)
	pick("segment", &m.Segment, in.Segment)
	pick("owner", &m.Owner, in.Owner)
	pick("account_exec", &m.AccountExec, in.AccountExec)
	pick("website", &m.Website, in.Website)
	if set["employees"] {
		m.Employees = in.Employees
	}
	if set["tier"] {
		m.Tier = in.Tier
	}
	if set["stage"] {
		m.Stage, m.ClosedOn, m.ClosedReason = in.Stage, in.ClosedOn, in.ClosedReason
	}
	if set["tags"] {
		m.Tags = in.Tags
	}
	if set["arr"] {
		m.ARR = in.ARR
	}
	if set["acquisition_cost"] {
		m.AcquisitionCost = in.AcquisitionCost
	}
	if set["contract_start"] {
		m.ContractStart = in.ContractStart
	}
	if set["renewal"] {
		m.Renewal = in.Renewal
	}
	if set["cadence_days"] {
		m.CadenceDays = in.CadenceDays
	}
	if set["notice_days"] {
		m.NoticeDays = in.NoticeDays
	}
	if set["growth_potential"] {
		m.GrowthPotential = in.GrowthPotential
	}
	if set["replaceability"] {
		m.Replaceability = in.Replaceability
	}
	for k, v := range in.Custom {
		if m.Custom == nil {
			m.Custom = map[string]string{}
		}
		m.Custom[k] = v
	}
	return m
}

func accountsEqual(a, b domain.Account) bool {
	a.Updated, b.Updated = time.Time{}, time.Time{}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// findAccountRef resolves an account named in a contact or interaction row.
func findAccountRef(tx *store.Tx, cache map[string]uint64, ref string) (uint64, error) {
	k := domain.Fold(ref)
	if id, ok := cache[k]; ok {
		return id, nil
	}
	s, err := tx.FindAccount(ref)
	if err != nil {
		return 0, err
	}
	cache[k] = s.ID
	return s.ID, nil
}

func applyContacts(tx *store.Tx, rows []formats.ContactRow, res *importResult) error {
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

func applyInteractions(tx *store.Tx, rows []formats.InteractionRow, res *importResult) error {
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

// importCSV reads, checks and applies a CSV file: every good row in one
// transaction (all or nothing), every bad row reported.
func importCSV(st *store.Store, r io.Reader, opt formats.CSVOptions, dry bool, progress func(done, total int)) (*importResult, error) {
	p, err := formats.ParseCSV(r, opt)
	if err != nil {
		return nil, err
	}
	res := &importResult{Rejected: p.Errors, Unknown: p.Unknown, DryRun: dry}
	err = st.Update(func(tx *store.Tx) error {
		var err error
		switch p.Kind {
		case formats.KindAccounts:
			err = applyAccounts(tx, p.Accounts, res, progress)
		case formats.KindContacts:
			err = applyContacts(tx, p.Contacts, res)
		case formats.KindInteractions:
			err = applyInteractions(tx, p.Interactions, res)
		}
		if err == nil && dry {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// importJSON takes a full export back, in one transaction.
func importJSON(st *store.Store, r io.Reader, dry bool) (*importResult, error) {
	res := &importResult{DryRun: dry}
	err := st.Update(func(tx *store.Tx) error {
		settings, err := formats.ReadBook(r, func(rec *domain.AccountRecords) error {
			if _, err := tx.Account(rec.Account.ID); err == nil {
				res.Updated++
			} else {
				res.New++
			}
			return tx.PutAccountRecords(rec)
		})
		if err != nil {
			return err
		}
		for k, v := range settings {
			if err := tx.PutSettingRaw(k, v); err != nil {
				return err
			}
		}
		if dry {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

// exportJSON writes the whole book, lossless, from one read transaction.
func exportJSON(st *store.Store, w io.Writer) error {
	return st.View(func(tx *store.Tx) error {
		bw := formats.NewBookWriter(w)
		for _, id := range tx.AccountIDs() {
			rec, err := tx.AccountRecords(id)
			if err != nil {
				return err
			}
			if err := bw.Account(&rec); err != nil {
				return err
			}
		}
		settings, err := tx.Settings()
		if err != nil {
			return err
		}
		return bw.Close(settings)
	})
}

// exportCSV writes one kind of record as CSV for spreadsheets.
func exportCSV(st *store.Store, w io.Writer, kind string) error {
	cw := csv.NewWriter(w)
	// Cells that a spreadsheet would run as a formula are quoted with a leading '.
	safe := func(s string) string {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			return "'" + s
		}
		return s
	}
	write := func(rec ...string) {
		for i := range rec {
			rec[i] = safe(rec[i])
		}
		_ = cw.Write(rec)
	}
	err := st.View(func(tx *store.Tx) error {
		accts, err := tx.Accounts()
		if err != nil {
			return err
		}
		switch kind {
		case formats.KindAccounts:
			write("ID", "External ID", "Account Name", "Industry", "Segment", "Employees", "Tier", "Stage", "Owner", "Account Executive", "Website", "Tags", "ARR", "Currency", "Contract Start", "Renewal Date", "Renewal Notice Days", "Cadence Days", "Acquisition Cost", "Growth Potential", "Replaceability", "Closed On", "Closed Reason")
			for _, a := range accts {
				write(strconv.FormatUint(a.ID, 10), a.ExternalID, a.Name, a.Industry, a.Segment, strconv.Itoa(a.Employees), string(a.Tier), string(a.Stage), a.Owner, a.AccountExec, a.Website,
					strings.Join(a.Tags, ";"), decimal(a.ARR.Amount), a.ARR.Currency, a.ContractStart.String(), a.Renewal.String(), strconv.Itoa(a.NoticeDays), strconv.Itoa(a.CadenceDays),
					decimal(a.AcquisitionCost.Amount), strconv.Itoa(a.GrowthPotential), strconv.Itoa(a.Replaceability), a.ClosedOn.String(), a.ClosedReason)
			}
		case formats.KindContacts:
			write("Account Name", "Name", "Title", "Email", "Phone", "Role", "Preferred Channel", "Last Touch")
			for _, a := range accts {
				cs, err := tx.Contacts(a.ID)
				if err != nil {
					return err
				}
				for _, c := range cs {
					lt := ""
					if !c.LastTouch.IsZero() {
						lt = c.LastTouch.UTC().Format(time.RFC3339)
					}
					write(a.Name, c.Name, c.Title, c.Email, c.Phone, string(c.Role), string(c.Channel), lt)
				}
			}
		case formats.KindInteractions:
			write("Account Name", "Date", "Channel", "Sentiment", "Summary")
			for _, a := range accts {
				cur := store.Cursor{}
				for {
					page, next, err := tx.Interactions(a.ID, cur, 500)
					if err != nil {
						return err
					}
					for _, in := range page {
						write(a.Name, in.At.UTC().Format(time.RFC3339), string(in.Channel), string(in.Sentiment), in.Summary)
					}
					if !next.More() {
						break
					}
					cur = next
				}
			}
		case "action-items", "actions", "items":
			write("Account Name", "Action Item", "Due", "Done", "Snoozed Until", "Created")
			for _, a := range accts {
				items, err := tx.ActionItems(a.ID)
				if err != nil {
					return err
				}
				for _, it := range items {
					write(a.Name, it.Text, it.Due.String(), strconv.FormatBool(it.Done), it.SnoozedUntil.String(), it.Created.UTC().Format(time.RFC3339))
				}
			}
		default:
			return &usageError{fmt.Sprintf("--kind %q: want accounts, contacts, interactions or action-items", kind)}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func decimal(minor int64) string {
	s := strconv.FormatInt(minor/100, 10)
	if c := minor % 100; c != 0 {
		s += "." + strconv.FormatInt(100+c, 10)[1:]
	}
	return s
}

// writeOutput sends what write produces to standard output ("" or "-") or
// to the file at path. The file is replaced only once write has succeeded
// and the data is on disk (a failure leaves the old file as it was), and it
// is never one of the book's own files (the data file or its backups).
func writeOutput(st *store.Store, path string, env *Env, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(env.Stdout)
	}
	if what := st.OwnFile(path); what != "" {
		return fmt.Errorf("refusing to write %s: it is %s; choose another file", path, what)
	}
	return store.WriteFileAtomic(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}
