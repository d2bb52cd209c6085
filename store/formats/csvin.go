package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/tend-cli/tend/domain"
)

// Kinds of CSV import.
const (
	KindAccounts     = "accounts"
	KindContacts     = "contacts"
	KindInteractions = "interactions"
	KindSurveys      = "surveys"
	KindOrders       = "orders"
)

// CSVOptions say how to read a CSV file.
type CSVOptions struct {
	Kind       string            // accounts (default), contacts, interactions, surveys or orders
	Map        map[string]string // column header → field, overriding the recognised headers
	DateFormat string            // "", "mdy", "dmy" or "ymd": how to read ambiguous dates like 03/04/2026
	Currency   string            // currency of amounts without one
	// ContractStart, when set, is the contract start of account rows that
	// give none (and are not prospects): a default the user gives
	// explicitly (--contract-start). It is never guessed from a create date.
	ContractStart domain.Date
	Today         domain.Date
}

// RowError is one bad cell or row: nothing of that row is imported.
type RowError struct {
	Row    int    `json:"row"` // as a spreadsheet numbers it: the header is row 1
	Column string `json:"column,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}

func (e RowError) String() string {
	switch {
	case e.Column != "" && e.Value != "":
		return fmt.Sprintf("row %d, column %q: %q: %s", e.Row, domain.Excerpt(e.Column, 60), domain.Excerpt(e.Value, 60), e.Reason)
	case e.Column != "":
		return fmt.Sprintf("row %d, column %q: %s", e.Row, domain.Excerpt(e.Column, 60), e.Reason)
	}
	return fmt.Sprintf("row %d: %s", e.Row, e.Reason)
}

// AccountRow is an account read from a row; Set names the fields the file gave.
type AccountRow struct {
	Row     int
	Account domain.Account
	Set     map[string]bool
}

// ContactRow is a contact read from a row, for the account named in it.
type ContactRow struct {
	Row     int
	Account string
	Contact domain.Contact
}

// InteractionRow is an interaction read from a row, for the account named in it.
type InteractionRow struct {
	Row         int
	Account     string
	Interaction domain.Interaction
}

// ParsedCSV is what a CSV file holds, checked, before anything is written.
type ParsedCSV struct {
	Kind         string
	Delimiter    rune
	Columns      []string // headers as in the file
	Fields       []string // the field each column feeds ("" when unknown)
	Unknown      []string // columns tend does not know (kept as custom fields on accounts)
	Rows         int      // data rows read
	Accounts     []AccountRow
	Contacts     []ContactRow
	Interactions []InteractionRow
	Surveys      []SurveyRow
	Orders       []OrderRow
	Errors       []RowError
}

// Fields each kind knows, with the headers of common CRM exports that feed them
// (compared lowercased with everything but letters and digits removed).
var aliases = map[string]map[string][]string{
	KindAccounts: {
		"name":             {"accountname", "companyname", "name", "company", "account", "organization", "organisation", "organizationname", "organisationname"},
		"uid":              {"uid", "tenduid"},                 // tend's own export: the global id
		"tend_number":      {"tendno", "tendnumber", "tendid"}, // tend's own export: that book's #N, never matched
		"external_id":      {"id", "accountid", "recordid", "companyid", "externalid", "crmid", "hubspotid", "salesforceid"},
		"industry":         {"industry"},
		"segment":          {"segment", "customersegment"},
		"employees":        {"employees", "numberofemployees", "employeecount", "companysize"},
		"tier":             {"tier", "accounttier", "strategy"},
		"stage":            {"stage", "lifecyclestage", "type", "accounttype"},
		"owner":            {"owner", "accountowner", "companyowner", "csm", "customersuccessmanager"},
		"account_exec":     {"accountexecutive", "ae", "salesrep"},
		"website":          {"website", "companydomainname", "domain", "url", "webaddress"},
		"tags":             {"tags", "labels"},
		"arr":              {"arr", "annualrecurringrevenue", "recurringrevenue", "arrusd", "arreur", "arrgbp"},
		"company_revenue":  {"annualrevenue", "revenue", "companyrevenue", "annualcompanyrevenue"}, // the customer company's own revenue, never ARR
		"contract_start":   {"contractstart", "contractstartdate", "startdate", "customersince"},
		"currency":         {"currency", "currencycode"},
		"closed_on":        {"closedon", "churndate", "churnedon"},
		"closed_reason":    {"closedreason", "churnreason"},
		"renewal":          {"renewal", "renewaldate", "contractend", "contractenddate"},
		"create_date":      {"createdate", "createddate", "created", "datecreated"},
		"cadence_days":     {"cadence", "cadencedays", "checkincadence"},
		"notice_days":      {"noticedays", "renewalnotice", "renewalnoticedays"},
		"acquisition_cost": {"acquisitioncost", "cac"},
		"growth_potential": {"growthpotential"},
		"replaceability":   {"replaceability"},
	},
	KindContacts: {
		"account":    {"accountname", "company", "companyname", "account", "associatedcompany", "organization"},
		"first_name": {"firstname", "first", "givenname"},
		"last_name":  {"lastname", "last", "surname", "familyname"},
		"name":       {"name", "fullname", "contactname"},
		"email":      {"email", "emailaddress", "workemail"},
		"phone":      {"phone", "phonenumber", "mobile", "mobilephone", "workphone"},
		"title":      {"title", "jobtitle", "position"},
		"role":       {"role", "stakeholderrole", "buyingrole"},
	},
	KindInteractions: {
		"account":   {"accountname", "company", "companyname", "account", "associatedcompany"},
		"date":      {"date", "activitydate", "createdate", "timestamp", "when"},
		"channel":   {"channel", "type", "activitytype"},
		"summary":   {"summary", "notes", "note", "description", "body", "subject", "details"},
		"sentiment": {"sentiment"},
	},
	KindSurveys: surveyColumns,
	KindOrders:  orderColumns,
}

var dateFields = map[string]bool{"contract_start": true, "renewal": true, "create_date": true, "date": true, "closed_on": true}

func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sniff picks the delimiter that splits the header line into the most fields.
func sniff(line []byte) rune {
	best, bestN := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		n, inQ := 0, false
		for _, c := range string(line) {
			switch {
			case c == '"':
				inQ = !inQ
			case c == d && !inQ:
				n++
			}
		}
		if n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

// ParseCSV reads and checks a CSV file: UTF-8 with or without BOM, CRLF or
// LF, comma, semicolon, tab or pipe delimited (sniffed), quoted fields with
// newlines. Every bad row is reported with its row number, column, value and
// reason; nothing is written here. A field longer than MaxCSVField rejects its
// row; a row longer than MaxCSVRow stops the reading with an error (the rest of
// the input is not read).
func ParseCSV(r io.Reader, opt CSVOptions) (*ParsedCSV, error) {
	if opt.Kind == "" {
		opt.Kind = KindAccounts
	}
	known, ok := aliases[opt.Kind]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q (want accounts, contacts, interactions, surveys or orders)", opt.Kind)
	}
	switch opt.DateFormat {
	case "", "mdy", "dmy", "ymd":
	default:
		return nil, fmt.Errorf("unknown date format %q (want mdy, dmy or ymd)", opt.DateFormat)
	}
	lim := &boundedReader{r: r, limit: MaxCSVRow + csvBuffer}
	br := bufio.NewReaderSize(lim, csvBuffer)
	var bom int64
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
		bom = 3
	}
	first, _ := br.Peek(64 * 1024)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	p := &ParsedCSV{Kind: opt.Kind, Delimiter: sniff(first)}
	cr := csv.NewReader(br)
	cr.Comma = p.Delimiter
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if lim.hit || cr.InputOffset() > MaxCSVRow {
		return nil, rowTooLong(1, nil, header)
	}
	if err == io.EOF {
		return nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	for i, h := range header {
		if len(h) > MaxCSVField {
			return nil, fmt.Errorf("row 1, column %d: %q: a header longer than %s", i+1, domain.Excerpt(h, 60), mib(MaxCSVField))
		}
	}
	lim.mark = bom + cr.InputOffset()
	unguard(header)
	p.Columns = header
	p.Fields = make([]string, len(header))
	lookup := map[string]string{}
	for field, names := range known {
		for _, n := range names {
			lookup[n] = field
		}
	}
	explicit := map[string]string{}
	for col, field := range opt.Map {
		explicit[normHeader(col)] = field
		if _, ok := known[field]; !ok {
			return nil, fmt.Errorf("--map %s=%s: %s has no field %q", col, field, opt.Kind, field)
		}
	}
	used := map[string]bool{}
	for i, h := range header {
		n := normHeader(h)
		if f, ok := explicit[n]; ok {
			p.Fields[i] = f
		} else if f, ok := lookup[n]; ok && !used[f] {
			p.Fields[i] = f
		}
		if p.Fields[i] == "" {
			p.Unknown = append(p.Unknown, h)
		}
		used[p.Fields[i]] = true
	}
	need := map[string][]string{KindAccounts: {"name"}, KindContacts: {"account", "email|name|first_name"}, KindInteractions: {"account", "date"},
		KindSurveys: {"account", "date", "score|nps|csat"}, KindOrders: {"account", "date", "amount"}}[opt.Kind]
	for _, f := range need {
		found := false
		for _, alt := range strings.Split(f, "|") {
			found = found || used[alt]
		}
		if !found {
			return nil, fmt.Errorf("no column for %s (headers: %s); name one with --map 'Header=%s'", strings.ReplaceAll(f, "|", " or "), domain.Excerpt(strings.Join(header, ", "), 200), strings.Split(f, "|")[0])
		}
	}
	var records [][]string
	for {
		start := cr.InputOffset()
		rec, err := cr.Read()
		row := len(records) + 2
		if lim.hit || cr.InputOffset()-start > MaxCSVRow {
			return nil, rowTooLong(row, header, rec)
		}
		lim.mark = bom + cr.InputOffset()
		if err == io.EOF {
			break
		}
		if err == nil {
			if col := longField(rec); col >= 0 {
				e := RowError{Row: row, Column: fmt.Sprintf("column %d", col+1), Value: domain.Excerpt(rec[col], 60), Reason: "longer than " + mib(MaxCSVField) + ", the most one field may hold"}
				if col < len(header) {
					e.Column = header[col]
				}
				p.Errors = append(p.Errors, e)
				records = append(records, nil)
				continue
			}
		}
		if err != nil {
			p.Errors = append(p.Errors, RowError{Row: row, Reason: "unreadable CSV: " + err.Error()})
			records = append(records, nil)
			continue
		}
		records = append(records, unguard(rec))
	}
	p.Rows = len(records)
	formats := columnDateFormats(p, records, opt.DateFormat)
	for i, rec := range records {
		if rec == nil {
			continue
		}
		row := i + 2
		if blank(rec) {
			continue
		}
		if len(rec) != len(header) {
			p.Errors = append(p.Errors, RowError{Row: row, Reason: fmt.Sprintf("has %d fields, the header has %d", len(rec), len(header))})
			continue
		}
		c := cells{p: p, rec: rec, row: row, opt: opt, formats: formats}
		switch opt.Kind {
		case KindAccounts:
			c.account()
		case KindContacts:
			c.contact()
		case KindInteractions:
			c.interaction()
		case KindSurveys:
			c.survey()
		case KindOrders:
			c.order()
		}
		p.Errors = append(p.Errors, c.errs...)
	}
	sort.SliceStable(p.Errors, func(a, b int) bool { return p.Errors[a].Row < p.Errors[b].Row })
	return p, nil
}

// unguard drops, in place, the ' that guards a cell a spreadsheet would run
// as a formula: tend's own CSV export (and many spreadsheets) write a value
// that begins with = + - @ tab or CR as '=…. Exactly that is dropped; a '
// before anything else is the value's own.
func unguard(rec []string) []string {
	for i, v := range rec {
		if len(v) >= 2 && v[0] == '\'' && strings.IndexByte("=+-@\t\r", v[1]) >= 0 {
			rec[i] = v[1:]
		}
	}
	return rec
}

// rowTooLong is the error for a row past MaxCSVRow; rec is what was read of
// it, the last field the one it stopped in.
func rowTooLong(row int, header, rec []string) error {
	where := fmt.Sprintf("row %d", row)
	empty := true
	for _, f := range rec {
		empty = empty && f == ""
	}
	if empty {
		return fmt.Errorf("%s: more than %s of empty lines", where, mib(MaxCSVRow))
	}
	col := len(rec) - 1
	if col < len(header) {
		where += fmt.Sprintf(", column %q", domain.Excerpt(header[col], 60))
	} else {
		where += fmt.Sprintf(", column %d", col+1)
	}
	return fmt.Errorf("%s: the row is longer than %s, the most one row may hold (is a quote left open?); the field begins %q", where, mib(MaxCSVRow), domain.Excerpt(rec[col], 60))
}

// longField returns the index of the first field of rec longer than
// MaxCSVField, or -1.
func longField(rec []string) int {
	for i, f := range rec {
		if len(f) > MaxCSVField {
			return i
		}
	}
	return -1
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

var (
	reISO   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$`)
	reSlash = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T].*)?$`)
	reDot   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T].*)?$`)
)

// columnDateFormats decides, per date column, how to read slash dates: a
// value with a first part above 12 settles it as day/month, a second part
// above 12 as month/day; a column where every value could be either is
// ambiguous (its values are rejected) unless a format was given.
func columnDateFormats(p *ParsedCSV, records [][]string, given string) map[int]string {
	out := map[int]string{}
	for i, f := range p.Fields {
		if !dateFields[f] {
			continue
		}
		if given != "" {
			out[i] = given
			continue
		}
		format := ""
		for _, rec := range records {
			if i >= len(rec) {
				continue
			}
			m := reSlash.FindStringSubmatch(strings.TrimSpace(rec[i]))
			if m == nil {
				continue
			}
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			switch {
			case a > 12 && b <= 12:
				format = "dmy"
			case b > 12 && a <= 12:
				format = "mdy"
			}
			if format != "" {
				break
			}
		}
		out[i] = format
	}
	return out
}
