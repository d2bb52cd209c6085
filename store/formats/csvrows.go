package formats

// Turning one CSV row into an account, a contact or an interaction, cell by
// cell, every bad cell reported with its row and column.

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tend-cli/tend/domain"
)

// cells reads one row.
type cells struct {
	p       *ParsedCSV
	rec     []string
	row     int
	opt     CSVOptions
	formats map[int]string
	locales map[int]string
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
		if f != "" && (v != "" && nameFields[f] || !Empty(v)) {
			fn(i, f, v)
		}
	}
}

// nameFields are the fields a placeholder word is a value of: a person
// named Null, a company named None.
var nameFields = map[string]bool{"name": true, "first_name": true, "last_name": true}

// Empty reports whether a cell says nothing: blank, or exactly a placeholder
// such as "N/A", "#N/A", "-", "k.A." or "TBD" that exports and spreadsheets
// write for no value (never for a name: see nameFields).
func Empty(v string) bool {
	if len(v) == 0 {
		return true
	}
	if len(v) > 8 && v[0] > ' ' && v[len(v)-1] > ' ' {
		return false // longer than any placeholder
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "n/a", "#n/a", "-", "--", "—", "–", "null", "(none)", "none", "k.a.", "k. a.", "n.a.", "n/v", "tbd", "unknown":
		return true
	}
	return false
}

// invalid reports the domain's field errors against the columns that fed
// the fields; it says whether there were any.
func (c *cells) invalid(err error, colOf map[string]int) bool {
	for _, fe := range domain.FieldErrors(err) {
		col, ok := colOf[fe.Field]
		if !ok {
			col = -1
		}
		if col >= 0 && c.failed(col) {
			continue // that cell is reported already
		}
		c.fail(col, fe.Field+": "+fe.Message)
	}
	return err != nil
}

// failed reports whether a bad cell of column col is reported for this row.
func (c *cells) failed(col int) bool {
	for _, e := range c.errs {
		if e.Row == c.row && e.Column == c.p.Columns[col] {
			return true
		}
	}
	return false
}

// columns maps each known field to its column.
func (c *cells) columns() map[string]int {
	if c.p.colOf != nil {
		return c.p.colOf
	}
	m := map[string]int{}
	for i, f := range c.p.Fields {
		if f != "" {
			m[f] = i
		}
	}
	c.p.colOf = m // the same for every row: built once
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
	return c.moneyIn(col, v, c.opt.Currency)
}

// moneyIn reads an amount written as its column's locale says (see
// columnLocales), in currency when it names none.
func (c *cells) moneyIn(col int, v, currency string) (domain.Money, bool) {
	sep := map[string]string{"de": ".", "en": ","}[c.locales[col]]
	if whole, _, _ := strings.Cut(bareNumber(v), map[string]string{"de": ",", "en": "."}[c.locales[col]]); sep != "" && strings.Contains(whole, sep) && !reGrouped.MatchString(whole) {
		c.fail(col, fmt.Sprintf("not a number: digits grouped by %q come in threes (1%s234%s567)", sep, sep, sep))
		return domain.Money{}, false
	}
	switch c.locales[col] {
	case "de":
		v = strings.NewReplacer(".", "", ",", ".").Replace(v)
	case "en":
		v = strings.ReplaceAll(v, ",", "")
	default:
		if reAmbiguous.MatchString(bareNumber(v)) {
			c.fail(col, "ambiguous number: are . and , thousands or decimals here? Say which with --locale en (1,234.56) or --locale de (1.234,56)")
			return domain.Money{}, false
		}
	}
	m, err := domain.ParseMoney(v, currency)
	if err != nil {
		c.fail(col, domain.FieldErrors(err)[0].Message)
		return m, false
	}
	return m, true
}

func (c *cells) number(col int, v string, lo, hi int) (int, bool) {
	v = strings.NewReplacer(" ", "", "_", "", "\u00a0", "", "'", "").Replace(v)
	if reGrouped.MatchString(v) { // 1,200 or 1.200: a whole number has no decimals
		v = strings.NewReplacer(",", "", ".", "").Replace(v)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		c.fail(col, fmt.Sprintf("want a whole number from %d to %d", lo, hi))
		return 0, false
	}
	return n, true
}

var reGrouped = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+$`)

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
			a.ExternalID, a.ExternalCRM = v, c.p.IDCRM()
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
		case "company_revenue":
			a.CompanyRevenue, _ = c.money(col, v)
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
		if a.CompanyRevenue.Amount > 0 {
			a.CompanyRevenue.Currency = currency
		}
	}
	if a.ContractStart.IsZero() && !c.opt.ContractStart.IsZero() && a.Stage != domain.StageProspecting {
		a.ContractStart, set["contract_start"] = c.opt.ContractStart, true
	}
	c.customs(func(k, v string) { custom(&a, k, v) })
	if a.Stage == domain.StageClosed && a.ClosedOn.IsZero() {
		a.ClosedOn = c.opt.Today // the first import's day: a later one keeps it (see app's applyAccounts)
	}
	if a.Stage == domain.StageClosed && a.ClosedReason == "" {
		a.ClosedReason = "imported as a former customer"
	}
	// Every bad cell of the row is listed: the checks of the whole account
	// too, past cells already found bad.
	if c.invalid(errors.Join(a.Validate(), a.ValidateLifecycle()), colOf) || len(c.errs) > n0 {
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

// customs calls fn for every non-empty cell of a column tend has no field for.
func (c *cells) customs(fn func(k, v string)) {
	for i, f := range c.p.Fields {
		if f == "" && !Empty(c.rec[i]) && strings.TrimSpace(c.p.Columns[i]) != "" && !c.ignored(i) {
			k := strings.TrimSpace(c.p.Columns[i])
			if strings.HasPrefix(k, CustomPrefix) && len(k) > len(CustomPrefix) {
				k = k[len(CustomPrefix):]
			}
			fn(k, strings.TrimSpace(c.rec[i]))
		}
	}
}

// ignored reports whether column i was left out (--map 'Column=ignore').
func (c *cells) ignored(i int) bool {
	for _, g := range c.p.Ignored {
		if g.Column == c.p.Columns[i] {
			return true
		}
	}
	return false
}

// ref reads the columns that name the row's company.
func (c *cells) ref(col int, f, v string, r *AccountRef) {
	switch f {
	case "account_id":
		r.IDs = append(r.IDs, strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || r == '|' || r == ' ' })...)
		r.IDsColumn, r.CRM = c.p.Columns[col], c.p.IDCRM()
	case "account":
		r.Name, r.NameColumn = v, c.p.Columns[col]
	case "company":
		r.Company, r.CompanyColumn = v, c.p.Columns[col]
	case "account_uid":
		r.UID = strings.ToLower(v)
	}
}

func (c *cells) contact() {
	var x domain.Contact
	var acct AccountRef
	var first, last string
	colOf := c.columns()
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account", "account_id", "company", "account_uid":
			c.ref(col, f, v, &acct)
		case "external_id":
			x.ExternalID = v
		case "channel":
			ch, err := domain.ParseEnum("preferred_channel", v, domain.Channels)
			if err != nil {
				c.fail(col, "want call, email, meeting, qbr, chat or note")
			}
			x.Channel = ch
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
	c.customs(func(k, v string) {
		if x.Custom == nil {
			x.Custom = map[string]string{}
		}
		x.Custom[k] = v
	})
	if x.Name == "" {
		x.Name = strings.TrimSpace(first + " " + last)
	}
	if x.Name == "" {
		x.Name = x.Email
	}
	if acct.Empty() {
		c.fail(-1, "no account given")
	}
	if err := x.Validate(); err != nil {
		c.invalid(err, colOf)
	}
	if len(c.errs) > n0 {
		return
	}
	c.p.Contacts = append(c.p.Contacts, ContactRow{Row: c.row, Account: acct, Contact: x})
}

var reTime = regexp.MustCompile(`^[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$`)

// at reads a date with its time of day and zone: "2026-11-02 16:40",
// "2026-11-02T16:40:00+01:00", "11/02/2026 4:40 PM", "02.11.2026 16:40".
// A time without a zone is in opt.Location (UTC when none). A day without a
// time is that date alone (dateOnly), whatever the zone: see
// domain.Interaction.DateOnly.
func (c *cells) at(col int, v string) (at time.Time, dateOnly, ok bool) {
	d, ok := c.date(col, v)
	if !ok {
		return time.Time{}, false, false
	}
	loc := c.opt.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, dd := d.Time().Date()
	rest := strings.TrimSpace(v)
	if i := strings.IndexAny(rest, "T "); i >= 0 {
		rest = rest[i:]
	} else {
		return domain.DateOnlyAt(d), true, true
	}
	x := reTime.FindStringSubmatch(rest)
	if x == nil {
		c.fail(col, "not a time of day (want 16:40, 4:40 PM or 16:40:00+01:00 after the date)")
		return time.Time{}, false, false
	}
	h, _ := strconv.Atoi(x[1])
	mi, _ := strconv.Atoi(x[2])
	sec, _ := strconv.Atoi(x[3])
	nsec, _ := strconv.Atoi((x[4] + "000000000")[:9]) // a fraction of a second is kept (tend's own export writes nanoseconds)
	x = append(x[:4], x[5:]...)
	switch strings.ToLower(x[4]) {
	case "pm":
		if h < 12 {
			h += 12
		}
	case "am":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 59 || x[4] != "" && (h > 23) {
		c.fail(col, "no such time of day")
		return time.Time{}, false, false
	}
	switch z := x[5]; z {
	case "":
	case "Z", "UTC", "GMT":
		loc = time.UTC
	default:
		z = strings.ReplaceAll(z, ":", "")
		oh, _ := strconv.Atoi(z[1:3])
		om, _ := strconv.Atoi(z[3:5])
		off := oh*3600 + om*60
		if z[0] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(y, m, dd, h, mi, sec, nsec, loc)
	if t.Hour() != h || t.Minute() != mi {
		c.fail(col, fmt.Sprintf("no such time in %s: the clocks went forward then (daylight saving time); give the time with its zone, such as +01:00", loc))
		return time.Time{}, false, false
	}
	return t.UTC(), false, true
}

func (c *cells) interaction() {
	in := domain.Interaction{Channel: domain.ChannelNote}
	var acct AccountRef
	var subject, body string
	var lines []string // other columns fed to the text, labelled
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account", "account_id", "company", "account_uid":
			c.ref(col, f, v, &acct)
		case "external_id":
			in.ExternalID = v
		case "date":
			in.At, in.DateOnly, _ = c.at(col, v)
		case "channel":
			ch, err := domain.ParseEnum("channel", v, domain.Channels)
			if err != nil {
				switch strings.ToLower(v) {
				case "phone", "phone call", "calls", "logged call":
					ch = domain.ChannelCall
				case "meeting", "meetings", "video call", "zoom", "event":
					ch = domain.ChannelMeeting
				case "emails", "incoming email", "outgoing email", "logged email":
					ch = domain.ChannelEmail
				default:
					ch = domain.ChannelNote
				}
			}
			in.Channel = ch
		case "subject":
			subject = c.rec[col] // the text as written (only its ends trimmed below)
		case "summary":
			if c.p.labelled[col] {
				lines = append(lines, strings.TrimSpace(c.p.Columns[col])+": "+v)
			} else {
				body = c.rec[col]
			}
		case "sentiment":
			s, err := domain.ParseEnum("sentiment", v, domain.Sentiments)
			if err != nil {
				c.fail(col, "want positive, neutral or negative")
			}
			in.Sentiment = s
		}
	})
	// Subject and body both kept: the subject, a blank line, the body.
	subject, body = strings.TrimSpace(subject), strings.TrimSpace(body)
	switch {
	case subject != "" && body != "":
		in.Summary = subject + "\n\n" + body
	default:
		in.Summary = subject + body
	}
	if len(lines) > 0 {
		in.Summary = strings.TrimSpace(in.Summary + "\n" + strings.Join(lines, "\n"))
	}
	if acct.Empty() {
		c.fail(-1, "no account given")
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

// deal reads a deal (HubSpot), an opportunity (Salesforce) or a plain sales
// pipeline's row. Its stage is mapped to tend's (the mapping is in
// ParsedCSV.Stages, for the report); a deal whose type does not say it grows
// an existing customer (upsell, cross-sell, expansion) or renews is new
// business: it never counts as an upsell. DealRow.Grows says what the type said.
func (c *cells) deal() {
	o := domain.Opportunity{Kind: domain.OppNewBusiness, Stage: domain.OppQualify, Probability: -1}
	o.Value.Currency = c.currency()
	var acct AccountRef
	var product, currency, dealType string
	grows := GrowsUnknown
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account", "account_id", "company", "account_uid":
			c.ref(col, f, v, &acct)
		case "external_id":
			o.ExternalID = v
		case "title":
			o.Title = v
		case "product":
			product = v
		case "stage":
			st, ok := dealStages[normHeader(v)]
			if !ok {
				if s, err := domain.ParseEnum("stage", v, domain.OppStages); err == nil {
					st, ok = s, true
				}
			}
			if !ok {
				c.fail(col, "a stage tend does not know; tend's are qualify, propose, negotiate, won and lost (Closed Won, Prospecting, Engaging … are read)")
				return
			}
			if c.p.Stages == nil {
				c.p.Stages = map[string]domain.OppStage{}
			}
			c.p.Stages[v] = st
			o.Stage = st
		case "amount":
			o.Value, _ = c.money(col, v)
		case "currency":
			if cur := strings.ToUpper(v); len(cur) == 3 {
				currency = cur
			} else {
				c.fail(col, "want a 3-letter currency code like USD")
			}
		case "close_date":
			o.CloseDate, _ = c.date(col, v)
		case "probability":
			n, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if err != nil || n < 0 || n > 100 {
				c.fail(col, "want a probability from 0 to 100")
				return
			}
			if n > 0 && n <= 1 && !strings.HasSuffix(v, "%") && strings.Contains(v, ".") {
				n *= 100 // 0.6
			}
			o.Probability = int(n + 0.5)
		case "kind":
			dealType = strings.TrimSpace(v)
			if k, ok := dealKinds[normHeader(v)]; ok {
				o.Kind, grows = k, GrowsKind
			} else if newBusiness[normHeader(v)] {
				grows = GrowsNew
			}
		}
	})
	if currency != "" {
		o.Value.Currency = currency
	}
	switch {
	case o.Title == "" && product != "":
		o.Title = product
	case o.Title != "" && product != "" && !strings.Contains(o.Title, product):
		o.Title += " (" + product + ")"
	}
	if o.Title == "" && o.ExternalID != "" {
		o.Title = "Deal " + o.ExternalID
	}
	if !o.Open() {
		o.ClosedOn = o.CloseDate
		if o.ClosedOn.IsZero() {
			o.ClosedOn = c.opt.Today
		}
		o.Probability = map[bool]int{true: 100, false: 0}[o.Stage == domain.OppWon]
	}
	if o.Probability < 0 {
		o.Probability = map[domain.OppStage]int{domain.OppQualify: 10, domain.OppPropose: 40, domain.OppNegotiate: 70}[o.Stage]
	}
	if acct.Empty() {
		c.fail(-1, "no account given")
	}
	if len(c.errs) > n0 {
		return
	}
	if err := o.Validate(); err != nil {
		c.invalid(err, c.columns())
		return
	}
	c.p.Deals = append(c.p.Deals, DealRow{Row: c.row, Account: acct, Deal: o, Type: dealType, Grows: grows})
}
