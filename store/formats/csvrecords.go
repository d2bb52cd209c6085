package formats

// Survey answers (NPS, CSAT) and orders read from a CSV export of a survey
// tool or a billing system, one row each, every bad cell reported with its
// row and column as for accounts.

import (
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// The columns of the surveys and orders kinds (headers compared as for
// accounts). The account column may hold the account's name, its website,
// its CRM ID or its UID (tend's #N is never an account to an import).
var (
	accountRefColumns = []string{"account", "accountname", "company", "companyname", "associatedcompany", "organization", "customer",
		"accountid", "crmid", "companyid", "externalid", "accountuid"}
	surveyColumns = map[string][]string{
		"account":     accountRefColumns,
		"uid":         {"uid", "tenduid"},
		"response_id": {"responseid", "answerid", "surveyresponseid", "id"},
		"date":        {"date", "responsedate", "surveydate", "submitted", "submittedat", "submittedon", "answeredon", "timestamp"},
		"kind":        {"kind", "type", "survey", "surveytype", "metric"},
		"score":       {"score", "rating", "answer", "value"},
		"nps":         {"nps", "npsscore", "netpromoterscore", "likelihoodtorecommend"},
		"csat":        {"csat", "csatscore", "satisfaction", "satisfactionscore"},
		"contact":     {"contact", "contactemail", "email", "respondent", "respondentemail", "emailaddress"},
		"comment":     {"comment", "comments", "feedback", "reason", "verbatim", "text"},
	}
	orderColumns = map[string][]string{
		"account":  accountRefColumns,
		"uid":      {"uid", "tenduid"},
		"order_id": {"orderid", "ordernumber", "orderno", "invoiceid", "invoicenumber", "invoiceno", "id", "number"},
		"date":     {"date", "orderdate", "invoicedate", "closedate", "created", "createdat"},
		"amount":   {"amount", "total", "ordertotal", "ordervalue", "value", "invoiceamount", "invoicetotal", "net", "netamount"},
		"currency": {"currency", "currencycode"},
	}
)

// SurveyRow is a survey answer read from a row, for the account named in it.
type SurveyRow struct {
	Row           int
	Account       string
	AccountColumn string // the header of the account column
	// Contact is who answered (an email, else a name; "" for nobody), to be
	// found among the account's contacts.
	Contact       string
	ContactColumn string
	// SourceID is the survey tool's id of the answer ("" when none): the
	// same id on the same account is the same answer.
	SourceID string
	Survey   domain.SurveyResponse
}

// OrderRow is an order read from a row, for the account named in it.
type OrderRow struct {
	Row           int
	Account       string
	AccountColumn string
	// SourceID is the billing system's order id ("" when none): the same id
	// on the same account is the same order.
	SourceID string
	Order    domain.Order
}

// text checks a cell of free text.
func (c *cells) text(col int, v string) string {
	if r, bad := domain.ControlChar(v, true); bad {
		c.fail(col, fmt.Sprintf("holds a control character (%U)", r))
	}
	return v
}

func (c *cells) header(field string) string {
	for i, f := range c.p.Fields {
		if f == field {
			return c.p.Columns[i]
		}
	}
	return field
}

var surveyKindNames = map[string]domain.SurveyKind{
	"nps": domain.SurveyNPS, "netpromoter": domain.SurveyNPS, "netpromoterscore": domain.SurveyNPS,
	"csat": domain.SurveyCSAT, "satisfaction": domain.SurveyCSAT, "customersatisfaction": domain.SurveyCSAT,
}

func (c *cells) survey() {
	var x domain.SurveyResponse
	r := SurveyRow{Row: c.row, AccountColumn: c.header("account"), ContactColumn: c.header("contact")}
	colOf := c.columns()
	n0 := len(c.errs)
	score, scoreCol := "", -1
	var named domain.SurveyKind // the score came from a column named NPS or CSAT
	c.each(func(col int, f, v string) {
		switch f {
		case "account":
			r.Account = c.text(col, v)
		case "uid":
			x.UID = strings.ToLower(v)
		case "response_id":
			r.SourceID = c.text(col, v)
		case "date":
			x.Date, _ = c.date(col, v)
		case "kind":
			k, ok := surveyKindNames[normHeader(v)]
			if !ok {
				c.fail(col, "want nps or csat")
			}
			x.Kind = k
		case "score":
			if score == "" {
				score, scoreCol = v, col
			}
		case "nps", "csat":
			if named != "" {
				c.fail(col, "an answer is NPS or CSAT, not both")
			}
			score, scoreCol, named = v, col, domain.SurveyKind(f)
		case "contact":
			r.Contact = c.text(col, v)
		case "comment":
			x.Comment = c.text(col, v)
		}
	})
	if r.Account == "" {
		c.fail(-1, "no account given")
		return
	}
	switch {
	case named != "" && x.Kind != "" && x.Kind != named:
		c.fail(colOf["kind"], fmt.Sprintf("says %s, but the score is in the %s column", x.Kind, strings.ToUpper(string(named))))
	case named != "":
		x.Kind = named
	}
	if x.Date.IsZero() && len(c.errs) == n0 {
		c.fail(-1, "no date given")
	}
	if score == "" && len(c.errs) == n0 {
		c.fail(-1, "no score given")
	}
	if x.Kind == "" && len(c.errs) == n0 {
		c.fail(scoreCol, "is it NPS (0–10) or CSAT (1–5)? Add a kind column, or name the column NPS or CSAT (--map 'Score=nps')")
	}
	if len(c.errs) > n0 {
		return
	}
	lo, hi := 0, 10
	if x.Kind == domain.SurveyCSAT {
		lo, hi = 1, 5
	}
	var ok bool
	if x.Score, ok = c.number(scoreCol, score, lo, hi); !ok {
		c.errs[len(c.errs)-1].Reason = fmt.Sprintf("a %s score is a whole number from %d to %d", strings.ToUpper(string(x.Kind)), lo, hi)
		return
	}
	if x.Date > c.opt.Today && c.opt.Today != 0 {
		c.fail(colOf["date"], "is in the future")
		return
	}
	colOf["score"] = scoreCol
	if c.invalid(x.Validate(), colOf) {
		return
	}
	r.Survey = x
	c.p.Surveys = append(c.p.Surveys, r)
}

func (c *cells) order() {
	var x domain.Order
	r := OrderRow{Row: c.row, AccountColumn: c.header("account")}
	colOf := c.columns()
	n0 := len(c.errs)
	amount, amountCol, currency := "", -1, ""
	c.each(func(col int, f, v string) {
		switch f {
		case "account":
			r.Account = c.text(col, v)
		case "uid":
			x.UID = strings.ToLower(v)
		case "order_id":
			r.SourceID = c.text(col, v)
		case "date":
			x.Date, _ = c.date(col, v)
		case "amount":
			amount, amountCol = v, col
		case "currency":
			if cur := strings.ToUpper(strings.TrimSpace(v)); len(cur) == 3 && strings.Trim(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
				currency = cur
			} else {
				c.fail(col, "want a 3-letter currency code like USD")
			}
		}
	})
	if r.Account == "" {
		c.fail(-1, "no account given")
		return
	}
	if x.Date.IsZero() && len(c.errs) == n0 {
		c.fail(-1, "no date given")
	}
	if amount == "" && len(c.errs) == n0 {
		c.fail(-1, "no amount given")
	}
	if len(c.errs) > n0 {
		return
	}
	if currency == "" {
		currency = c.currency()
	}
	m, ok := c.moneyIn(amountCol, amount, currency) // as --locale says
	if !ok {
		return
	}
	x.Amount = m
	if x.Date > c.opt.Today && c.opt.Today != 0 {
		c.fail(colOf["date"], "is in the future")
		return
	}
	if c.invalid(x.Validate(), colOf) {
		return
	}
	r.Order = x
	c.p.Orders = append(c.p.Orders, r)
}

// actionItemColumns are the columns of the action-items kind: tend's own
// export ("Account Name", "Account UID", "UID", "Action Item", "Due", "Done",
// "Snoozed Until", "Created") and a task list's.
var actionItemColumns = map[string][]string{
	"account":       {"account", "accountname", "company", "companyname", "customer"},
	"account_uid":   {"accountuid"},
	"uid":           {"uid", "tenduid"},
	"text":          {"actionitem", "text", "task", "item", "todo", "subject"},
	"due":           {"due", "duedate"},
	"done":          {"done", "completed", "iscompleted", "status"},
	"snoozed_until": {"snoozeduntil"},
	"created":       {"created", "createdat", "createddate", "createdon"},
}

// ActionItemRow is an action item read from a row, for the account named in it.
type ActionItemRow struct {
	Row           int
	Account       string // the account's UID when the file gives one, else its name
	AccountColumn string
	Item          domain.ActionItem
}

func (c *cells) actionItem() {
	var x domain.ActionItem
	r := ActionItemRow{Row: c.row, AccountColumn: c.header("account")}
	uid := ""
	colOf := c.columns()
	n0 := len(c.errs)
	c.each(func(col int, f, v string) {
		switch f {
		case "account":
			r.Account = c.text(col, v)
		case "account_uid":
			uid = strings.ToLower(v)
		case "uid":
			x.UID = strings.ToLower(v)
		case "text":
			x.Text = c.text(col, v)
		case "due":
			x.Due, _ = c.date(col, v)
		case "snoozed_until":
			x.SnoozedUntil, _ = c.date(col, v)
		case "done":
			switch strings.ToLower(v) {
			case "true", "yes", "y", "x", "1", "done", "completed":
				x.Done = true
			case "false", "no", "n", "0", "open", "not started", "in progress":
			default:
				c.fail(col, "want true or false")
			}
		case "created":
			x.Created, _, _ = c.at(col, v) // a date alone: noon UTC of that date
		}
	})
	if uid != "" {
		r.Account, r.AccountColumn = uid, c.header("account_uid")
	}
	if r.Account == "" {
		c.fail(-1, "no account given")
		return
	}
	if len(c.errs) > n0 || c.invalid(x.Validate(), colOf) {
		return
	}
	r.Item = x
	c.p.ActionItems = append(c.p.ActionItems, r)
}
