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
	"time"
	"unicode"

	"github.com/tend-cli/tend/domain"
)

// Kinds of CSV import.
const (
	KindAccounts     = "accounts"
	KindContacts     = "contacts"
	KindInteractions = "interactions"
)

// CSVOptions say how to read a CSV file.
type CSVOptions struct {
	Kind       string            // accounts (default), contacts or interactions
	Map        map[string]string // column header → field, overriding the recognised headers
	DateFormat string            // "", "mdy", "dmy" or "ymd": how to read ambiguous dates like 03/04/2026
	Currency   string            // currency of amounts without one
	Today      domain.Date
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
		"arr":              {"arr", "annualrevenue", "annualrecurringrevenue", "revenue", "contractvalue"},
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
		return nil, fmt.Errorf("unknown kind %q (want accounts, contacts or interactions)", opt.Kind)
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
	need := map[string][]string{KindAccounts: {"name"}, KindContacts: {"account", "email|name|first_name"}, KindInteractions: {"account", "date"}}[opt.Kind]
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

// cells reads one row.
type cells struct {
	p       *ParsedCSV
	rec     []string
	row     int
	opt     CSVOptions
	formats map[int]string
	errs    []RowError
}

func (c *cells) fail(col int, reason string) {
	e := RowError{Row: c.row, Reason: reason}
	if col >= 0 {
		e.Column, e.Value = c.p.Columns[col], c.rec[col]
	}
	c.errs = append(c.errs, e)
}

// each calls fn for every non-empty known cell.
func (c *cells) each(fn func(col int, field, v string)) {
	for i, f := range c.p.Fields {
		v := strings.TrimSpace(c.rec[i])
		if f != "" && v != "" {
			fn(i, f, v)
		}
	}
}

// invalid reports the domain's field errors against the columns that fed
// the fields; it says whether there were any.
func (c *cells) invalid(err error, colOf map[string]int) bool {
	for _, fe := range domain.FieldErrors(err) {
		col, ok := colOf[fe.Field]
		if !ok {
			col = -1
		}
		c.fail(col, fe.Field+": "+fe.Message)
	}
	return err != nil
}

// columns maps each known field to its column.
func (c *cells) columns() map[string]int {
	m := map[string]int{}
	for i, f := range c.p.Fields {
		if f != "" {
			m[f] = i
		}
	}
	return m
}

func (c *cells) date(col int, v string) (domain.Date, bool) {
	v = strings.TrimSpace(v)
	var y, m, d int
	switch {
	case reISO.MatchString(v):
		x := reISO.FindStringSubmatch(v)
		y, _ = strconv.Atoi(x[1])
		m, _ = strconv.Atoi(x[2])
		d, _ = strconv.Atoi(x[3])
	case reDot.MatchString(v):
		x := reDot.FindStringSubmatch(v)
		d, _ = strconv.Atoi(x[1])
		m, _ = strconv.Atoi(x[2])
		y, _ = strconv.Atoi(x[3])
	case reSlash.MatchString(v):
		x := reSlash.FindStringSubmatch(v)
		a, _ := strconv.Atoi(x[1])
		b, _ := strconv.Atoi(x[2])
		y, _ = strconv.Atoi(x[3])
		switch c.formats[col] {
		case "dmy":
			d, m = a, b
		case "mdy", "ymd":
			m, d = a, b
		default:
			if a != b {
				c.fail(col, "ambiguous date: month/day or day/month? Say which with --date-format mdy or dmy")
				return 0, false
			}
			m, d = a, b
		}
	default:
		c.fail(col, "not a date (want 2026-12-01, 12/01/2026 or 01.12.2026)")
		return 0, false
	}
	if m < 1 || m > 12 || d < 1 || d > domain.DaysIn(y, time.Month(m)) || y < 1900 || y > 2200 {
		c.fail(col, "no such date")
		return 0, false
	}
	return domain.NewDate(y, time.Month(m), d), true
}

func (c *cells) money(col int, v string) (domain.Money, bool) {
	m, err := domain.ParseMoney(v, c.opt.Currency)
	if err != nil {
		c.fail(col, domain.FieldErrors(err)[0].Message)
		return m, false
	}
	return m, true
}

func (c *cells) number(col int, v string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(strings.NewReplacer(",", "", " ", "", "_", "").Replace(v))
	if err != nil || n < lo || n > hi {
		c.fail(col, fmt.Sprintf("want a whole number from %d to %d", lo, hi))
		return 0, false
	}
	return n, true
}

// crmTypes maps CRM account types to lifecycle stages.
var crmTypes = map[string]domain.Stage{
	"customer": domain.StageRetention, "client": domain.StageRetention, "active": domain.StageRetention,
	"prospect": domain.StageProspecting, "lead": domain.StageProspecting, "opportunity": domain.StageProspecting,
	"former customer": domain.StageClosed, "churned": domain.StageClosed,
}

func (c *cells) account() {
	a := domain.NewAccount("")
	a.Stage = domain.StageRetention
	a.ARR.Currency, a.AcquisitionCost.Currency = c.currency(), c.currency()
	set := map[string]bool{}
	colOf := c.columns()
	n0 := len(c.errs)
	currency := ""
	c.each(func(col int, f, v string) {
		set[f] = true
		switch f {
		case "name":
			a.Name = v
		case "uid":
			a.UID = strings.ToLower(v)
		case "tend_number":
			// another book's #N: never used to match (identity is the UID)
		case "external_id":
			a.ExternalID = v
		case "industry":
			a.Industry = v
		case "segment":
			a.Segment = v
		case "owner":
			a.Owner = v
		case "account_exec":
			a.AccountExec = v
		case "website":
			a.Website = v
		case "tags":
			for _, t := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == '|' }) {
				if t = strings.TrimSpace(t); t != "" {
					a.Tags = append(a.Tags, t)
				}
			}
		case "employees":
			a.Employees, _ = c.number(col, v, 0, 10_000_000)
		case "tier":
			t, err := domain.ParseEnum("tier", v, domain.Tiers)
			if err != nil {
				c.fail(col, "want transactional, relationship, strategic or key")
			}
			a.Tier = t
		case "stage":
			if st, ok := crmTypes[strings.ToLower(v)]; ok {
				a.Stage = st
			} else if st, err := domain.ParseEnum("stage", v, domain.Stages); err == nil {
				a.Stage = st
			} else {
				set["stage"] = false
				custom(&a, c.p.Columns[col], v) // a CRM type tend has no stage for (partner, reseller…)
			}
		case "arr":
			a.ARR, _ = c.money(col, v)
		case "acquisition_cost":
			a.AcquisitionCost, _ = c.money(col, v)
		case "contract_start":
			a.ContractStart, _ = c.date(col, v)
		case "closed_on":
			a.ClosedOn, _ = c.date(col, v)
		case "closed_reason":
			a.ClosedReason = v
		case "currency":
			if cur := strings.ToUpper(strings.TrimSpace(v)); len(cur) == 3 {
				currency = cur
			} else {
				c.fail(col, "want a 3-letter currency code like USD")
			}
		case "renewal":
			a.Renewal, _ = c.date(col, v)
		case "create_date":
			if d, ok := c.date(col, v); ok {
				custom(&a, "create_date", d.String())
			}
		case "cadence_days":
			a.CadenceDays, _ = c.number(col, v, 1, 365)
		case "notice_days":
			a.NoticeDays, _ = c.number(col, v, 0, 365)
		case "growth_potential":
			a.GrowthPotential, _ = c.number(col, v, 1, 5)
		case "replaceability":
			a.Replaceability, _ = c.number(col, v, 1, 5)
		}
	})
	if currency != "" { // the row's currency column: the currency of its plain amounts
		a.ARR.Currency, a.AcquisitionCost.Currency = currency, currency
	}
	for i, f := range c.p.Fields {
		if f == "" && strings.TrimSpace(c.rec[i]) != "" {
			custom(&a, c.p.Columns[i], strings.TrimSpace(c.rec[i]))
		}
	}
	if a.Stage == domain.StageClosed && a.ClosedOn.IsZero() {
		a.ClosedOn, a.ClosedReason = c.opt.Today, "imported as a former customer"
	}
	if len(c.errs) > n0 {
		return
	}
	if c.invalid(a.Validate(), colOf) {
		return
	}
	c.p.Accounts = append(c.p.Accounts, AccountRow{Row: c.row, Account: a, Set: set})
}

func custom(a *domain.Account, k, v string) {
	if a.Custom == nil {
		a.Custom = map[string]string{}
	}
	a.Custom[k] = v
}

func (c *cells) currency() string {
	if c.opt.Currency != "" {
		return c.opt.Currency
	}
	return domain.DefaultCurrency
}

func (c *cells) contact() {
	var x domain.Contact
	var acct, first, last string
	colOf := c.columns()
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account":
			acct = v
		case "first_name":
			first = v
		case "last_name":
			last = v
		case "name":
			x.Name = v
		case "email":
			x.Email = v
		case "phone":
			x.Phone = v
		case "title":
			x.Title = v
		case "role":
			r, err := domain.ParseEnum("role", v, domain.Roles)
			if err != nil {
				c.fail(col, "want decision maker, champion, influencer, user or blocker")
			}
			x.Role = r
		}
	})
	if x.Name == "" {
		x.Name = strings.TrimSpace(first + " " + last)
	}
	if x.Name == "" {
		x.Name = x.Email
	}
	if acct == "" {
		c.fail(-1, "no account given")
		return
	}
	if len(c.errs) > n0 {
		return
	}
	if c.invalid(x.Validate(), colOf) {
		return
	}
	c.p.Contacts = append(c.p.Contacts, ContactRow{Row: c.row, Account: acct, Contact: x})
}

func (c *cells) interaction() {
	in := domain.Interaction{Channel: domain.ChannelNote}
	var acct string
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account":
			acct = v
		case "date":
			if d, ok := c.date(col, v); ok {
				in.At = d.Time().Add(12 * time.Hour) // a day without a time: noon UTC
				if t, err := time.Parse(time.RFC3339, v); err == nil {
					in.At = t.UTC()
				}
			}
		case "channel":
			ch, err := domain.ParseEnum("channel", v, domain.Channels)
			if err != nil {
				switch strings.ToLower(v) {
				case "phone", "phone call":
					ch = domain.ChannelCall
				case "meeting", "video call", "zoom":
					ch = domain.ChannelMeeting
				default:
					ch = domain.ChannelNote
				}
			}
			in.Channel = ch
		case "summary":
			in.Summary = v
		case "sentiment":
			s, err := domain.ParseEnum("sentiment", v, domain.Sentiments)
			if err != nil {
				c.fail(col, "want positive, neutral or negative")
			}
			in.Sentiment = s
		}
	})
	if acct == "" {
		c.fail(-1, "no account given")
		return
	}
	if in.At.IsZero() && len(c.errs) == n0 {
		c.fail(-1, "no date given")
	}
	if len(c.errs) > n0 {
		return
	}
	if err := in.Validate(); err != nil {
		c.fail(-1, domain.FieldErrors(err)[0].Error())
		return
	}
	c.p.Interactions = append(c.p.Interactions, InteractionRow{Row: c.row, Account: acct, Interaction: in})
}
