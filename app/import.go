package app

// What an import does, and how it says so.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
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

// errDryRun rolls back a dry run's transaction after it has counted everything.
var errDryRun = errors.New("dry run")

// ImportResult says what an import did (or would do).
type ImportResult struct {
	Kind      string `json:"kind,omitempty"` // what a CSV's rows were read as (accounts, contacts …)
	New       int    `json:"new"`
	Updated   int    `json:"updated"`
	Skipped   int    `json:"unchanged"`
	Conflicts int    `json:"conflicts"` // fields changed both here and in the file, kept as the book has them
	Merged    int    `json:"merged"`    // rows that are the same company as an earlier row of the file, folded into it
	Repeated  int    `json:"repeated"`  // rows the same as an earlier row of the file (not counted unchanged)
	// Folded are the values of folded rows that differ from the earlier
	// row's (which are kept), each named.
	Folded   []FoldedValue      `json:"folded_values_dropped,omitempty"`
	Rejected []formats.RowError `json:"rejected"`                  // every bad cell (or row problem) of the rows not imported
	Unknown  []string           `json:"unknown_columns,omitempty"` // kept as custom fields
	Ignored  []formats.Ignored  `json:"ignored_columns,omitempty"`
	// Read are the columns read as a field, in the file's order.
	Read   []ColumnRead `json:"columns_read,omitempty"`
	Footer int          `json:"footer_lines,omitempty"` // report footer lines recognised and skipped
	// Possible are the companies matched by name alone: merged, to be checked.
	Possible []Duplicate     `json:"possible_duplicates,omitempty"`
	Accounts []AccountChange `json:"accounts,omitempty"` // what changes, per account
	DryRun   bool            `json:"dry_run"`
	// NoContractStart counts the accounts of the file (not prospects) left
	// without a contract start: they count as prospects until they have one.
	NoContractStart int      `json:"no_contract_start"`
	Notes           []string `json:"notes,omitempty"` // what the user should know about the import, in words
	// Duplicates names each new account whose name another account already
	// has (imported, as a CRM may hold two with other websites; said, so that
	// they are not mixed up).
	Duplicates []string `json:"duplicate_names,omitempty"`
}

// ColumnRead is a column of a CSV file read as a field.
type ColumnRead struct {
	Column string `json:"column"`
	Field  string `json:"field"`
}

// columnsRead are the columns of a parsed CSV read as fields.
func columnsRead(p *formats.ParsedCSV) []ColumnRead {
	var out []ColumnRead
	for i, f := range p.Fields {
		if f != "" {
			out = append(out, ColumnRead{Column: p.Columns[i], Field: f})
		}
	}
	return out
}

// ReportHead is an import's counts in one line: "3 new, 1 updated, 0
// unchanged, 1 rejected", then conflicts, merged and repeated rows when
// there are any.
func ReportHead(res *ImportResult) string {
	s := fmt.Sprintf("%d new, %d updated, %d unchanged, %d rejected", res.New, res.Updated, res.Skipped, res.RejectedRows())
	if res.Conflicts > 0 {
		s += fmt.Sprintf(", %d conflicts", res.Conflicts)
	}
	if res.Merged > 0 {
		s += fmt.Sprintf(", %d merged into an earlier row of the same company", res.Merged)
	}
	if res.Repeated > 0 {
		s += fmt.Sprintf(", %d repeated rows (the same as an earlier row)", res.Repeated)
	}
	return s
}

// ReportLines are what an import did (or would do) beyond its counts, one
// line each, for the command line and the cockpit alike: the changes per
// account, the rows rejected, the values of folded rows dropped, the
// possible duplicates, footer lines skipped, every column (read as which
// field, kept as a custom field, or not imported and why), and the notes.
func ReportLines(res *ImportResult) []string {
	var lines []string
	var changes strings.Builder
	WriteChanges(&changes, res)
	for _, l := range strings.Split(changes.String(), "\n") {
		if l = strings.TrimPrefix(l, "  "); strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	for _, e := range res.Rejected {
		lines = append(lines, "rejected "+e.String())
	}
	for _, d := range res.Folded {
		lines = append(lines, d.String())
	}
	for _, d := range res.Possible {
		lines = append(lines, fmt.Sprintf("possible duplicate, row %d: %s", d.Row, domain.Printable(d.Reason)))
	}
	if res.Footer > 0 {
		lines = append(lines, fmt.Sprintf("%d report footer line(s) skipped (Grand Totals, Generated By, Copyright …)", res.Footer))
	}
	if len(res.Read) > 0 {
		read := make([]string, len(res.Read))
		for i, c := range res.Read {
			read[i] = domain.Printable(domain.Excerpt(c.Column, 40)) + " → " + c.Field
			if c.Field == "create_date" {
				read[i] += " (a custom field)"
			}
		}
		lines = append(lines, "columns read: "+strings.Join(read, ", "))
	}
	if len(res.Unknown) > 0 {
		lines = append(lines, "columns tend does not know, kept as custom fields: "+domain.Excerpt(strings.Join(res.Unknown, ", "), 200))
	}
	for _, g := range res.Ignored {
		lines = append(lines, fmt.Sprintf("column %q not imported: %s", domain.Excerpt(g.Column, 60), g.Reason))
	}
	for _, n := range res.Notes {
		lines = append(lines, "note: "+n)
	}
	return lines
}

// Duplicate is a company an import matched by name alone.
type Duplicate struct {
	Row     int    `json:"row"`
	Account string `json:"account"`
	ID      uint64 `json:"id,omitempty"`
	Reason  string `json:"reason"`
}

// RejectedRows counts the rows not imported (Rejected lists their bad cells).
func (r *ImportResult) RejectedRows() int {
	n, last := 0, -1
	for _, e := range r.Rejected {
		if e.Row != last {
			n++
			last = e.Row
		}
	}
	return n
}

// csvNotes says what a CSV import of accounts left to the user: accounts
// without a contract start (and how to give one), and a company-revenue
// column taken as what it is rather than as ARR.
func csvNotes(res *ImportResult, columns, fields []string) []string {
	var notes []string
	col := func(field string) string {
		for i, f := range fields {
			if f == field {
				return columns[i]
			}
		}
		return ""
	}
	if n := res.NoContractStart; n > 0 {
		from := col("create_date")
		if from == "" {
			from = "COLUMN"
		}
		have, they := fmt.Sprintf("%d accounts have", n), "they count as prospects"
		if n == 1 {
			have, they = "1 account has", "it counts as a prospect"
		}
		notes = append(notes, fmt.Sprintf("%s no contract start: %s until you set one; use --map '%s=contract_start' or --contract-start DATE",
			have, they, domain.Printable(from)))
	}
	if n := len(res.Duplicates); n > 0 {
		notes = append(notes, fmt.Sprintf("%d new account(s) share a name with another account (tend check lists them): %s", n, domain.Excerpt(strings.Join(res.Duplicates, "; "), 300)))
	}
	if rev := col("company_revenue"); rev != "" && col("arr") == "" {
		notes = append(notes, fmt.Sprintf("%q is the customer company's own revenue: kept as company revenue, not as ARR (no ARR column; name one with --map 'COLUMN=arr')", domain.Printable(rev)))
	}
	return notes
}
