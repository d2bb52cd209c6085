package formats

// Turning one CSV row into an account, a contact or an interaction, cell by
// cell, every bad cell reported with its row and column.

import (
	"errors"
	"fmt"
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
	if c.invalid(errors.Join(a.Validate(), a.ValidateLifecycle()), colOf) {
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
