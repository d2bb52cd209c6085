package formats

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	stdunicode "unicode"

	"github.com/tend-cli/tend/domain"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// KindList names the kinds of CSV import, for help and errors.
const KindList = "accounts, contacts, interactions, deals, surveys, orders or action-items"

// Kinds of CSV import.
const (
	KindAccounts     = "accounts"
	KindContacts     = "contacts"
	KindInteractions = "interactions"
	KindDeals        = "deals"
	KindSurveys      = "surveys"
	KindOrders       = "orders"
	KindActionItems  = "action-items"
	// KindDetect reads a file as the kind its columns say (DetectKind),
	// accounts when they say nothing.
	KindDetect = "detect"
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
	// Locale says how numbers are written: "en" (1,234.56), "de" (1.234,56)
	// or "" to decide per column from its values (a column that cannot be
	// told rejects its ambiguous values, such as 750.000).
	Locale string
	// Location is the time zone of times that do not say theirs (UTC when nil).
	Location *time.Location
	Today    domain.Date
}

// Ignored is a column whose values are not imported, and why.
type Ignored struct {
	Column string `json:"column"`
	Reason string `json:"reason"`
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

// AccountRef is how a contact or activity row names its company, in the
// order an import tries them: the CRM's association (the associated
// company's record ids, then its name or domain), then the free-text company
// column, which only counts when the row has no association at all.
type AccountRef struct {
	IDs     []string // "Associated Company IDs", "Account ID"
	Name    string   // "Associated Company", "Account Name": a name or a domain
	Company string   // "Company Name" as typed by a person
	// The headers of those columns, for reporting.
	IDsColumn, NameColumn, CompanyColumn string
	UID                                  string // tend's own export: the account's global id, which decides
	CRM                                  string // whose ids IDs are (see ParsedCSV.IDCRM)
}

// Empty reports whether the row names no company at all.
func (r AccountRef) Empty() bool {
	return len(r.IDs) == 0 && r.Name == "" && r.Company == "" && r.UID == ""
}

// ContactRow is a contact read from a row, for the account named in it.
type ContactRow struct {
	Row     int
	Account AccountRef
	Contact domain.Contact
}

// InteractionRow is an interaction read from a row, for the account named in it.
type InteractionRow struct {
	Row         int
	Account     AccountRef
	Interaction domain.Interaction
}

// DealRow is a deal (opportunity) read from a row, for the account named in it.
type DealRow struct {
	Row     int
	Account AccountRef
	Deal    domain.Opportunity
	// Type is the CRM's deal type as the row gives it ("" when the file has
	// no type column or the cell is empty), and Grows what it says a win does
	// to an existing customer's ARR.
	Type  string
	Grows DealGrows
}

// DealGrows is what a deal's type says its win does to the ARR.
type DealGrows int

const (
	// GrowsUnknown: no type, or one that is none of tend's kinds; the deal is
	// kept as an expansion, and its win leaves the ARR alone.
	GrowsUnknown DealGrows = iota
	// GrowsKind: the type is one of tend's kinds (upsell, cross-sell,
	// expansion, renewal; "Existing Business" is an upsell), in Deal.Kind.
	GrowsKind
	// GrowsNew: "New Business", a new customer's first deal, which is no
	// expansion (the ARR starts at the contract start).
	GrowsNew
)

// ParsedCSV is what a CSV file holds, checked, before anything is written.
type ParsedCSV struct {
	Kind         string
	Delimiter    rune
	Columns      []string  // headers as in the file
	Fields       []string  // the field each column feeds ("" when unknown)
	Unknown      []string  // columns tend does not know, kept as custom fields (accounts, contacts)
	Ignored      []Ignored // columns not imported, with the reason
	Notes        []string  // how the file was read where it had to be decided (number locale per column, time zone)
	CRM          string    // "hubspot", "salesforce", "tend" or "": whose export it is, from its columns
	Footer       int       // report footer lines recognised and skipped ("Grand Totals", "Generated By", …)
	Rows         int       // data rows read
	Accounts     []AccountRow
	Contacts     []ContactRow
	Interactions []InteractionRow
	Deals        []DealRow
	Stages       map[string]domain.OppStage // a deals file's stages as read, to tend's
	Surveys      []SurveyRow
	Orders       []OrderRow
	ActionItems  []ActionItemRow
	Errors       []RowError

	colOf map[string]int // each known field's column
	// labelled are the columns that feed a text field another column feeds
	// too: each is added to it as a line of its own, "Header: value".
	labelled map[int]bool
}

// appendable are the text fields several columns may feed: the first (the
// column whose header names the field, else the first mapped to it) is the
// text, each other one a labelled line after it.
var appendable = map[string]map[string]bool{KindInteractions: {"summary": true}}

// labelledColumns are the columns of fields that add to a text field
// another column feeds (see appendable).
func labelledColumns(fields []string, best map[string]int, texts map[string]bool) map[int]bool {
	out := map[int]bool{}
	for f := range texts {
		first, ok := best[f]
		for i, g := range fields {
			if g != f {
				continue
			}
			if !ok {
				first, ok = i, true
			}
			if i != first {
				out[i] = true
			}
		}
	}
	return out
}

// ownerLike reports whether a header names a person who owns a record
// ("Activity assigned to", "Owner", "Created by").
func ownerLike(h string) bool {
	n := normHeader(h)
	for _, w := range []string{"assignedto", "assignee", "owner", "createdby"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// IDCRM is whose record ids the file's id columns hold, as a company's id is
// kept (domain.Account.ExternalCRM): "hubspot" or "salesforce" for their
// exports, "" (any CRM's) for tend's own, "csv" for any other export.
func (p *ParsedCSV) IDCRM() string {
	switch p.CRM {
	case "hubspot", "salesforce":
		return p.CRM
	case "tend":
		return ""
	}
	return "csv"
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
		"account_id":  {"associatedcompanyids", "associatedcompanyid", "accountid", "companyid"},
		"account":     {"associatedcompany", "accountname", "account"},
		"company":     {"companyname", "company", "organization", "organisation"},
		"external_id": {"recordid", "contactid", "id", "externalid", "crmid"},
		"account_uid": {"accountuid"}, // tend's own export: the account's global id
		"channel":     {"preferredchannel"},
		"last_touch":  {"lasttouch"},
		"first_name":  {"firstname", "first", "givenname"},
		"last_name":   {"lastname", "last", "surname", "familyname"},
		"name":        {"name", "fullname", "contactname"},
		"email":       {"email", "emailaddress", "workemail"},
		"phone":       {"phone", "phonenumber", "mobile", "mobilephone", "workphone"},
		"title":       {"title", "jobtitle", "position"},
		"role":        {"role", "stakeholderrole", "buyingrole"},
	},
	KindInteractions: {
		"account_id":  {"associatedcompanyids", "associatedcompanyid", "accountid", "companyid"},
		"account":     {"associatedcompany", "accountname", "account", "relatedto"},
		"company":     {"companyname", "company"},
		"external_id": {"activityid", "engagementid", "taskid", "eventid", "recordid", "id", "externalid"},
		"account_uid": {"accountuid"},
		"date":        {"date", "activitydate", "timestamp", "when", "createdate", "datetime", "activitydatetime"},
		"channel":     {"channel", "type", "activitytype", "tasksubtype"},
		"subject":     {"subject", "title", "activitysubject"},
		"summary":     {"summary", "body", "notes", "note", "description", "details", "comments", "fullcomments", "activitybody"},
		"sentiment":   {"sentiment"},
	},
	KindDeals: {
		"external_id": {"opportunityid", "dealid", "recordid", "id", "externalid"},
		"account_id":  {"accountid", "associatedcompanyids", "associatedcompanyid", "companyid"},
		"account":     {"account", "accountname", "associatedcompany"},
		"company":     {"companyname", "company"},
		"account_uid": {"accountuid"},
		"title":       {"opportunityname", "dealname", "name", "title"},
		"product":     {"product", "productname"},
		"stage":       {"dealstage", "stage", "opportunitystage", "status"},
		"amount":      {"amount", "closevalue", "dealamount", "value", "opportunityamount", "expectedrevenue"},
		"currency":    {"currency", "currencycode", "opportunitycurrency"},
		"close_date":  {"closedate", "expectedclosedate"},
		"probability": {"probability", "probabilitypercent", "dealprobability"},
		"kind":        {"type", "opportunitytype", "dealtype", "kind"},
		"open_date":   {"engagedate", "createdate", "createddate"},
		"owner":       {"salesagent", "dealowner", "opportunityowner", "owner"},
	},
	KindSurveys:     surveyColumns,
	KindOrders:      orderColumns,
	KindActionItems: actionItemColumns,
}

// notKept are fields a kind reads but has nowhere to keep, with the reason
// (listed as ignored columns).
var notKept = map[string]map[string]string{
	KindDeals: {
		"open_date": "tend's opportunities have no start date",
		"owner":     "tend's opportunities have no owner (the account's owner is the account's)",
	},
	KindContacts: {"last_touch": "tend keeps a contact's last touch from its interactions"},
}

var dateFields = map[string]bool{"contract_start": true, "renewal": true, "create_date": true, "date": true, "closed_on": true, "due": true, "snoozed_until": true, "created": true}

func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if stdunicode.IsLetter(r) || stdunicode.IsDigit(r) {
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
	detect := opt.Kind == KindDetect
	if opt.Kind == "" || detect {
		opt.Kind = KindAccounts
	}
	known, ok := aliases[opt.Kind]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q (want %s)", opt.Kind, KindList)
	}
	switch opt.Locale {
	case "", "en", "de":
	default:
		return nil, fmt.Errorf("unknown locale %q (want en for 1,234.56 or de for 1.234,56)", opt.Locale)
	}
	switch opt.DateFormat {
	case "", "mdy", "dmy", "ymd":
	default:
		return nil, fmt.Errorf("unknown date format %q (want mdy, dmy or ymd)", opt.DateFormat)
	}
	lim := &boundedReader{r: utf16Decoded(r), limit: MaxCSVRow + csvBuffer}
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
	if k := DetectKind(header); detect && k != "" {
		opt.Kind, known, p.Kind = k, aliases[k], k
	}
	p.Columns = header
	p.Fields = make([]string, len(header))
	type alias struct {
		field string
		rank  int
	}
	lookup := map[string]alias{}
	for field, names := range known {
		for r, n := range names {
			lookup[n] = alias{field, r}
		}
	}
	explicit := map[string]string{}
	mapped := map[string]bool{}
	inFile := map[string]bool{}
	for _, h := range header {
		inFile[normHeader(h)] = true
	}
	for _, col := range slices.Sorted(maps.Keys(opt.Map)) {
		field := opt.Map[col]
		if !inFile[normHeader(col)] {
			return nil, fmt.Errorf("--map %s=%s: the file has no column %q (its columns: %s)", col, field, col, domain.Excerpt(strings.Join(header, ", "), 200))
		}
		if _, ok := known[field]; !ok && field != FieldIgnore {
			return nil, fmt.Errorf("--map %s=%s: %s has no field %q (or %q to leave the column out)", col, field, opt.Kind, field, FieldIgnore)
		}
		if mapped[field] && field != FieldIgnore && !appendable[opt.Kind][field] {
			return nil, fmt.Errorf("--map %s=%s: another column is mapped to %s already (one column a field)", col, field, field)
		}
		explicit[normHeader(col)] = field
		mapped[field] = true
	}
	// Each field takes the column whose header is its likeliest name ("Activity
	// date" before "Create Date"); a column given with --map always wins.
	best := map[string]int{}
	for i, h := range header {
		n := normHeader(h)
		if f, ok := explicit[n]; ok {
			p.Fields[i] = f
			continue
		}
		a, ok := lookup[n]
		if !ok || mapped[a.field] && !appendable[opt.Kind][a.field] {
			continue
		}
		if j, taken := best[a.field]; !taken || lookup[normHeader(header[j])].rank > a.rank {
			best[a.field] = i
		}
	}
	for f, i := range best {
		p.Fields[i] = f
	}
	p.labelled = labelledColumns(p.Fields, best, appendable[opt.Kind])
	p.CRM = detectCRM(header)
	if p.CRM == "tend" && opt.Kind == KindAccounts {
		for i, h := range header {
			if normHeader(h) == "id" && explicit[normHeader(h)] == "" {
				p.Fields[i] = "tend_number" // tend's own #N, never a CRM id
			}
		}
	}
	used := map[string]bool{}
	for i, h := range header {
		switch f := p.Fields[i]; {
		case f == FieldIgnore:
			p.Fields[i] = ""
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: "left out with --map"})
		case notKept[opt.Kind][f] != "":
			p.Fields[i] = ""
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: notKept[opt.Kind][f]})
		case f != "":
			used[f] = true
		case strings.TrimSpace(h) == "":
		case opt.Kind == KindInteractions && ownerLike(h):
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: "notes have no owner field (the account's owner is the account's); --map '" + h + "=summary' keeps it as a line of the note's text"})
		case opt.Kind == KindInteractions:
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: "notes have no custom fields; --map '" + h + "=summary' keeps it as a line of the note's text"})
		case opt.Kind == KindDeals:
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: "opportunities have no custom fields"})
		case opt.Kind == KindActionItems:
			p.Ignored = append(p.Ignored, Ignored{Column: h, Reason: "action items have no custom fields"})
		default:
			p.Unknown = append(p.Unknown, h)
		}
	}
	if k := DetectKind(header); k != "" && k != opt.Kind && len(opt.Map) == 0 {
		return nil, fmt.Errorf("the columns (%s) look like %s, not %s: import with --kind %s, or name the columns with --map", domain.Excerpt(strings.Join(header, ", "), 200), k, opt.Kind, k)
	}
	need := map[string][]string{KindAccounts: {"name"}, KindContacts: {"account_id|account|company|account_uid", "email|name|first_name"}, KindInteractions: {"account_id|account|company|account_uid", "date"}, KindDeals: {"account_id|account|company|account_uid", "stage"},
		KindSurveys: {"account", "date", "score|nps|csat"}, KindOrders: {"account", "date", "amount"}, KindActionItems: {"account|account_uid", "text"}}[opt.Kind]
	for _, f := range need {
		found := false
		for _, alt := range strings.Split(f, "|") {
			found = found || used[alt]
		}
		if !found {
			what, suggest := strings.ReplaceAll(f, "|", " or "), strings.Split(f, "|")[0]
			if strings.HasPrefix(f, "account_id") {
				suggest = "account"
				what = "the account (an association such as \"Associated Company\", \"Account Name\" or \"Account ID\", or a company name)"
			}
			if detect && DetectKind(header) == "" {
				// Nothing says what the file holds, and it is no list of
				// companies: never written into accounts' custom fields.
				return nil, fmt.Errorf("cannot tell what the columns (%s) hold: no account name column, and nothing of another kind; say what the file is with --kind (%s), or name the account name column with --map 'Header=name'", domain.Excerpt(strings.Join(header, ", "), 200), KindList)
			}
			return nil, fmt.Errorf("no column for %s (headers: %s); name one with --map 'Header=%s'%s", what, domain.Excerpt(strings.Join(header, ", "), 200), suggest, kindHint(opt.Kind, header))
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
		if col := unclosedQuote(rec, len(header), p.Delimiter); col >= 0 {
			name := fmt.Sprintf("column %d", col+1)
			if col < len(header) {
				name = fmt.Sprintf("column %q", domain.Excerpt(header[col], 60))
			}
			return nil, fmt.Errorf("row %d, %s: an unclosed quote: the rows after it were read into this cell (it begins %q); close the quote, or double a quote inside a quoted value (\"\"), and import again", row, name, domain.Excerpt(strings.SplitN(rec[col], "\n", 2)[0], 60))
		}
		records = append(records, unguard(rec))
	}
	p.Rows = len(records)
	switch opt.Kind { // room for every row at once: no copying as they are read
	case KindAccounts:
		p.Accounts = make([]AccountRow, 0, len(records))
	case KindContacts:
		p.Contacts = make([]ContactRow, 0, len(records))
	case KindInteractions:
		p.Interactions = make([]InteractionRow, 0, len(records))
	case KindDeals:
		p.Deals = make([]DealRow, 0, len(records))
	}
	style := trailingStyle(records, len(header))
	formats := columnDateFormats(p, records, opt.DateFormat)
	locales := columnLocales(p, records, opt.Locale)
	for i, rec := range records {
		if rec == nil {
			continue
		}
		row := i + 2
		if blank(rec) {
			continue
		}
		if footerLine(rec) {
			p.Footer++
			continue
		}
		if len(rec) == len(header)+style && emptyFrom(rec, len(header)) {
			rec = rec[:len(header)] // the export's style: every row has them
		}
		if len(rec) > len(header) {
			p.Errors = append(p.Errors, RowError{Row: row, Reason: fmt.Sprintf("has %d fields, the header has %d: a %s inside a value that is not quoted?", len(rec), len(header), delimiterName(p.Delimiter))})
			continue
		}
		for len(rec) < len(header) {
			rec = append(rec, "") // trailing cells left out, as spreadsheets do
		}
		c := cells{p: p, rec: rec, row: row, opt: opt, formats: formats, locales: locales}
		switch opt.Kind {
		case KindAccounts:
			c.account()
		case KindContacts:
			c.contact()
		case KindInteractions:
			c.interaction()
		case KindDeals:
			c.deal()
		case KindSurveys:
			c.survey()
		case KindOrders:
			c.order()
		case KindActionItems:
			c.actionItem()
		}
		p.Errors = append(p.Errors, c.errs...)
	}
	sort.SliceStable(p.Errors, func(a, b int) bool { return p.Errors[a].Row < p.Errors[b].Row })
	return p, nil
}

// utf16Decoded reads r as UTF-8: a UTF-16 file (Excel's "Unicode text",
// told by its byte-order mark or, without one, by the zero bytes of its
// first ASCII characters) is decoded; any other is read as it is.
func utf16Decoded(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	b, _ := br.Peek(4)
	var e unicode.Endianness
	switch {
	case len(b) >= 2 && b[0] == 0xFF && b[1] == 0xFE, len(b) == 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		e = unicode.LittleEndian
	case len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF, len(b) == 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		e = unicode.BigEndian
	default:
		return br
	}
	return transform.NewReader(br, unicode.UTF16(e, unicode.UseBOM).NewDecoder())
}

// GuardFormula is how tend's CSV export writes a cell a spreadsheet would
// run as a formula: a value that begins with = + - @ tab or CR, after any
// quotes of its own ('=x), gets one ' more. unguard drops exactly
// that one, so every value reads back as it was.
func GuardFormula(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

func formulaLike(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// unguard drops, in place, the ' that guards a cell a spreadsheet would run
// as a formula (see GuardFormula; many spreadsheets write '=… too): one '
// before what is formula-like; a ' before anything else is the value's own.
func unguard(rec []string) []string {
	for i, v := range rec {
		if len(v) >= 2 && v[0] == '\'' && formulaLike(v[1:]) {
			rec[i] = v[1:]
		}
	}
	return rec
}

// unclosedQuote returns the column of rec whose quote was left open, or -1:
// a cell that runs over several lines, in a record with fewer fields than
// the header (the rest of the file read into it) or with a line inside it
// that has as many delimiters as a row (the rows after it read into it).
func unclosedQuote(rec []string, fields int, delim rune) int {
	for i, v := range rec {
		if !strings.Contains(v, "\n") {
			continue
		}
		if len(rec) < fields {
			return i
		}
		for _, line := range strings.Split(v, "\n")[1:] {
			if fields >= 3 && strings.Count(line, string(delim)) >= fields-1 {
				return i
			}
		}
	}
	return -1
}

// trailingStyle is the number of empty fields past the header that every
// data row has (an export that ends each row with a delimiter), else 0; a
// single row says nothing of a style.
func trailingStyle(records [][]string, fields int) int {
	style, rows := -1, 0
	for _, rec := range records {
		if rec == nil || blank(rec) || footerLine(rec) {
			continue
		}
		rows++
		k := 0
		if len(rec) > fields && emptyFrom(rec, fields) {
			k = len(rec) - fields
		}
		switch {
		case style < 0:
			style = k
		case style != k:
			return 0
		}
	}
	if rows < 2 {
		return 0
	}
	return max(style, 0)
}

// emptyFrom reports whether every field of rec from i on is empty.
func emptyFrom(rec []string, i int) bool {
	return blank(rec[i:])
}

func delimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return string(d)
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
		format, decided, ambiguous := "", "", ""
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
			case a > 12 && b <= 12 && format == "":
				format, decided = "dmy", m[1]+"/"+m[2]+"/"+m[3]
			case b > 12 && a <= 12 && format == "":
				format, decided = "mdy", m[1]+"/"+m[2]+"/"+m[3]
			case a <= 12 && b <= 12 && a != b && ambiguous == "":
				ambiguous = m[1] + "/" + m[2] + "/" + m[3]
			}
			if format != "" && ambiguous != "" {
				break
			}
		}
		out[i] = format
		if format != "" && ambiguous != "" { // read one way by inference: said
			how, other := "day/month", "mdy"
			if format == "mdy" {
				how, other = "month/day", "dmy"
			}
			p.Notes = append(p.Notes, fmt.Sprintf("column %q: dates like %s read as %s: the column has %s; --date-format %s reads them the other way",
				domain.Excerpt(p.Columns[i], 60), ambiguous, how, decided, other))
		}
	}
	return out
}

// CustomPrefix begins the header of a custom field's column in tend's own
// CSV export ("custom.salesforce_id"): read back as that custom field.
const CustomPrefix = "custom."

// FieldIgnore, as the field of --map 'Column=ignore', leaves a column out.
const FieldIgnore = "ignore"

// footerPrefixes begin the lines a CRM report puts under its rows
// (Salesforce: "Grand Totals (250 records)", "Generated By: …", "Copyright
// (c) 2000-2026 salesforce.com…", "Confidential Information - Do Not
// Distribute").
var footerPrefixes = []string{"grand total", "generated by", "copyright", "©", "(c) ", "confidential", "report generated", "filtered by", "total records"}

// footerLine reports whether rec is a report's footer: its first cell begins
// like one and every other cell is empty.
func footerLine(rec []string) bool {
	first := strings.ToLower(strings.TrimSpace(rec[0]))
	for _, f := range rec[1:] {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	for _, p := range footerPrefixes {
		if strings.HasPrefix(first, p) {
			return true
		}
	}
	return false
}

// detectCRM says whose export the header is: tend's own, HubSpot's or
// Salesforce's; "" when it cannot tell.
func detectCRM(header []string) string {
	has := map[string]bool{}
	for _, h := range header {
		has[normHeader(h)] = true
	}
	switch {
	case has["uid"] || has["tenduid"] || has["tendno"]:
		return "tend"
	case has["recordid"] || has["associatedcompany"] || has["associatedcompanyids"] || has["companydomainname"] || has["activityid"] || has["dealstage"] && has["dealname"]:
		return "hubspot"
	case has["accountid"] || has["opportunityname"] || has["accountname"] && (has["accountowner"] || has["billingcountry"] || has["type"]):
		return "salesforce"
	}
	return ""
}

// kindHint says which kind a header looks like when it is not the one asked.
func kindHint(asked string, header []string) string {
	if k := DetectKind(header); k != "" && k != asked {
		return fmt.Sprintf("; the columns look like %s: import with --kind %s", k, k)
	}
	return ""
}

// DetectKind says what kind of records a header holds, from columns only that
// kind has: "" when it cannot tell.
func DetectKind(header []string) string {
	has := map[string]bool{}
	for _, h := range header {
		has[normHeader(h)] = true
	}
	any := func(names ...string) bool {
		for _, n := range names {
			if has[n] {
				return true
			}
		}
		return false
	}
	switch {
	case any("dealstage", "opportunityname", "dealname", "closevalue", "engagedate") || any("stage") && any("amount", "closedate", "probability"):
		return KindDeals
	case any("actionitem", "snoozeduntil"):
		return KindActionItems // tend's own action-items export
	case any("subject", "body", "activitydate", "activitytype", "activityid", "engagementid") || any("accountuid") && any("summary", "sentiment"):
		return KindInteractions
	case any("nps", "npsscore", "netpromoterscore", "likelihoodtorecommend", "csat", "csatscore", "satisfactionscore", "responseid", "surveyresponseid"):
		return KindSurveys
	case any("orderid", "ordernumber", "orderno", "invoiceid", "invoicenumber", "invoiceno", "ordertotal", "ordervalue", "invoiceamount", "invoicetotal", "orderdate", "invoicedate"):
		return KindOrders
	}
	company := any("industry", "website", "companydomainname", "employees", "numberofemployees", "arr", "annualrevenue", "revenue", "tier", "sector")
	switch {
	case any("firstname", "lastname", "jobtitle", "contactname", "fullname") || any("email", "emailaddress") && !company:
		return KindContacts
	case any("companyname", "accountname", "name", "organization", "account", "company") && company:
		return KindAccounts
	}
	return ""
}

var (
	reDE = regexp.MustCompile(`^\d{1,3}(\.\d{3})+,\d+$|^\d{1,3}(\.\d{3}){2,}$|^\d+,\d{1,2}$`)
	reEN = regexp.MustCompile(`^\d{1,3}(,\d{3})+\.\d+$|^\d{1,3}(,\d{3}){2,}$|^\d+\.\d{1,2}$`)
	// reAmbiguous: 750.000 could be either (1,200 is read as English, as
	// most exports write it).
	reAmbiguous = regexp.MustCompile(`^\d{1,3}\.\d{3}$`)
)

// numberFields are the fields read as numbers.
var numberFields = map[string]bool{"arr": true, "company_revenue": true, "acquisition_cost": true, "amount": true}

// dealStages maps the stages of HubSpot's deal pipeline, Salesforce's
// opportunity stages and plain sales pipelines (compared as headers are) to
// tend's.
var dealStages = map[string]domain.OppStage{
	"won": domain.OppWon, "closedwon": domain.OppWon, "win": domain.OppWon,
	"lost": domain.OppLost, "closedlost": domain.OppLost, "loss": domain.OppLost,
	"prospecting": domain.OppQualify, "qualification": domain.OppQualify, "qualify": domain.OppQualify, "appointmentscheduled": domain.OppQualify,
	"qualifiedtobuy": domain.OppQualify, "needsanalysis": domain.OppQualify, "new": domain.OppQualify, "lead": domain.OppQualify, "discovery": domain.OppQualify,
	"engaging": domain.OppPropose, "propose": domain.OppPropose, "proposal": domain.OppPropose, "proposalpricequote": domain.OppPropose,
	"presentationscheduled": domain.OppPropose, "valueproposition": domain.OppPropose, "iddecisionmakers": domain.OppPropose,
	"perceptionanalysis": domain.OppPropose, "decisionmakerboughtin": domain.OppPropose, "demo": domain.OppPropose,
	"negotiate": domain.OppNegotiate, "negotiation": domain.OppNegotiate, "negotiationreview": domain.OppNegotiate, "contractsent": domain.OppNegotiate,
}

// dealKinds maps a CRM's deal type to tend's opportunity kinds.
// A type not here (and "New Business") says nothing of an existing
// customer's ARR: see DealRow.Grows.
var dealKinds = map[string]domain.OppKind{
	"upsell": domain.OppUpsell, "crosssell": domain.OppCrossSell, "expansion": domain.OppExpansion, "renewal": domain.OppRenewal,
	"existingbusiness": domain.OppUpsell, "existingcustomer": domain.OppUpsell, "existingcustomerupgrade": domain.OppUpsell,
	"existingcustomerreplacement": domain.OppRenewal, "existingcustomerdowngrade": domain.OppRenewal,
}

// newBusiness are the deal types of a new customer's first deal.
var newBusiness = map[string]bool{"newbusiness": true, "newcustomer": true, "new": true, "newlogo": true}

// columnLocales decides, per amount column, how its numbers are written:
// the locale given, else what its values show (1.250.000 or 12,50 is German;
// 1,250,000 or 12.50 English), noted; a column that shows neither leaves
// values like 750.000 ambiguous (rejected, asking for --locale).
func columnLocales(p *ParsedCSV, records [][]string, given string) map[int]string {
	out := map[int]string{}
	for i, f := range p.Fields {
		if !numberFields[f] {
			continue
		}
		if given != "" {
			out[i] = given
			continue
		}
		de, en := false, false
		for _, rec := range records {
			if i >= len(rec) {
				continue
			}
			v := bareNumber(rec[i])
			de = de || reDE.MatchString(v)
			en = en || reEN.MatchString(v)
		}
		switch {
		case de && !en:
			out[i] = "de"
			p.Notes = append(p.Notes, fmt.Sprintf("column %q read as German numbers (1.234,56), from its values; say --locale en if it is not", domain.Excerpt(p.Columns[i], 60)))
		case en && !de:
			out[i] = "en"
		}
	}
	return out
}

// bareNumber is v without currency symbols, codes and spaces.
func bareNumber(v string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == ',' {
			return r
		}
		return -1
	}, v)
}

// HeaderKind reads a CSV file's header line and says what kind of records
// its columns hold (DetectKind): "" when they do not say.
func HeaderKind(r io.Reader) (string, error) {
	br := bufio.NewReaderSize(io.LimitReader(r, 64*1024), 64*1024)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	line, err := br.ReadBytes('\n')
	if len(line) == 0 && err != nil {
		if err == io.EOF {
			return "", errors.New("the file is empty")
		}
		return "", err
	}
	cr := csv.NewReader(bytes.NewReader(line))
	cr.Comma, cr.LazyQuotes, cr.FieldsPerRecord = sniff(line), true, -1
	header, err := cr.Read()
	if err != nil {
		return "", fmt.Errorf("reading the header: %w", err)
	}
	return DetectKind(unguard(header)), nil
}

// ParseColumnMap reads "Column=field, Column=field" (the cockpit's --map):
// each field one kind knows (kind, or any kind for KindDetect or ""), or
// FieldIgnore.
func ParseColumnMap(s, kind string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		i := strings.LastIndex(pair, "=")
		if i < 0 {
			return nil, fmt.Errorf("%q: want Column=field", strings.TrimSpace(pair))
		}
		col, field := strings.TrimSpace(pair[:i]), strings.TrimSpace(pair[i+1:])
		if col == "" || field == "" {
			return nil, fmt.Errorf("%q: want Column=field", strings.TrimSpace(pair))
		}
		if !knownField(kind, field) {
			what := "no kind of record"
			if kind != "" && kind != KindDetect {
				what = kind
			}
			return nil, fmt.Errorf("%s=%s: %s has no field %q (or %q to leave the column out)", col, field, what, field, FieldIgnore)
		}
		out[col] = field
	}
	return out, nil
}

func knownField(kind, field string) bool {
	if field == FieldIgnore {
		return true
	}
	for k, fields := range aliases {
		if _, ok := fields[field]; ok && (kind == "" || kind == KindDetect || kind == k) {
			return true
		}
	}
	return false
}
