package app

// Exports: the whole book as JSON, one kind of record as CSV, and writing
// any of them to a file without ever destroying what it replaces.

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// ExportJSON writes the whole book, lossless, from one read transaction.
func ExportJSON(st *store.Store, w io.Writer) error {
	return st.View(func(tx *store.Tx) error {
		bw := formats.NewBookWriter(w, tx.Identity().BookID)
		var buf []byte
		for _, id := range tx.AccountIDs() {
			var err error
			if buf, err = tx.AppendAccountRecordsJSON(buf[:0], id); err != nil {
				return err
			}
			if err := bw.RawAccount(buf); err != nil {
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

// ExportCSV writes one kind of record as CSV for spreadsheets.
func ExportCSV(st *store.Store, w io.Writer, kind string) error {
	cw := csv.NewWriter(w)
	// Cells that a spreadsheet would run as a formula are quoted with a
	// leading '; control and escape characters are neutralised as the
	// terminal views do (printing the file never replays them), lines and
	// tabs kept.
	safe := func(s string) string {
		return formats.GuardFormula(domain.PrintableText(s))
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
			keys := customKeys(len(accts), func(i int) map[string]string { return accts[i].Custom })
			write(append([]string{"UID", "Tend No", "External ID", "Account Name", "Industry", "Segment", "Employees", "Tier", "Stage", "Owner", "Account Executive", "Website", "Tags", "ARR", "Currency", "Contract Start", "Renewal Date", "Renewal Notice Days", "Cadence Days", "Acquisition Cost", "Growth Potential", "Replaceability", "Closed On", "Closed Reason", "Company Revenue"}, customHeaders(keys)...)...)
			for _, a := range accts {
				write(append([]string{a.UID, strconv.FormatUint(a.ID, 10), a.ExternalID, a.Name, a.Industry, a.Segment, strconv.Itoa(a.Employees), string(a.Tier), string(a.Stage), a.Owner, a.AccountExec, a.Website,
					strings.Join(a.Tags, ";"), decimal(a.ARR.Amount), a.ARR.Currency, a.ContractStart.String(), a.Renewal.String(), strconv.Itoa(a.NoticeDays), strconv.Itoa(a.CadenceDays),
					decimal(a.AcquisitionCost.Amount), strconv.Itoa(a.GrowthPotential), strconv.Itoa(a.Replaceability), a.ClosedOn.String(), a.ClosedReason, companyRevenue(a.CompanyRevenue)}, customValues(keys, a.Custom)...)...)
			}
		case formats.KindContacts:
			var all []domain.Contact
			names := map[uint64][2]string{}
			for _, a := range accts {
				cs, err := tx.Contacts(a.ID)
				if err != nil {
					return err
				}
				all = append(all, cs...)
				names[a.ID] = [2]string{a.Name, a.UID}
			}
			keys := customKeys(len(all), func(i int) map[string]string { return all[i].Custom })
			write(append([]string{"Account Name", "Account UID", "Name", "Title", "Email", "Phone", "Role", "Preferred Channel", "Last Touch", "External ID"}, customHeaders(keys)...)...)
			for _, c := range all {
				lt := ""
				if !c.LastTouch.IsZero() {
					lt = c.LastTouch.UTC().Format(time.RFC3339)
				}
				n := names[c.AccountID]
				write(append([]string{n[0], n[1], c.Name, c.Title, c.Email, c.Phone, string(c.Role), string(c.Channel), lt, c.ExternalID}, customValues(keys, c.Custom)...)...)
			}
		case formats.KindInteractions:
			write("Account Name", "Account UID", "Date", "Channel", "Sentiment", "Summary", "External ID")
			for _, a := range accts {
				cur := store.Cursor{}
				for {
					page, next, err := tx.Interactions(a.ID, cur, 500)
					if err != nil {
						return err
					}
					for _, in := range page {
						at := in.At.UTC().Format(time.RFC3339Nano)
						if in.DateOnly { // the date alone, read back as one
							at = in.At.UTC().Format(time.DateOnly)
						}
						write(a.Name, a.UID, at, string(in.Channel), string(in.Sentiment), in.Summary, in.ExternalID)
					}
					if !next.More() {
						break
					}
					cur = next
				}
			}
		case "action-items", "actions", "items":
			write("Account Name", "Account UID", "UID", "Action Item", "Due", "Done", "Snoozed Until", "Created")
			for _, a := range accts {
				items, err := tx.ActionItems(a.ID)
				if err != nil {
					return err
				}
				for _, it := range items {
					write(a.Name, a.UID, it.UID, it.Text, it.Due.String(), strconv.FormatBool(it.Done), it.SnoozedUntil.String(), it.Created.UTC().Format(time.RFC3339))
				}
			}
		default:
			return domain.Invalid("kind", kind, "want accounts, contacts, interactions or action-items")
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
func WriteOutput(st *store.Store, path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
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

// companyRevenue is the customer company's own revenue for the accounts CSV
// (in major units, with its currency code when it is not the ARR's), or ""
// when unknown.
func companyRevenue(m domain.Money) string {
	if m.Amount == 0 {
		return ""
	}
	return decimal(m.Amount) + " " + m.Currency
}

// customKeys are the custom fields n records have, sorted.
func customKeys(n int, custom func(i int) map[string]string) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range n {
		for k := range custom(i) {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// customHeaders name custom fields' columns "custom.KEY": the import takes
// them back as the custom field KEY, never as one of its own fields.
func customHeaders(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = formats.CustomPrefix + k
	}
	return out
}

func customValues(keys []string, custom map[string]string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = custom[k]
	}
	return out
}
