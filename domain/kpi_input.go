package domain

// What the KPI report is computed from: per-account facts, dated records, the scope.

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
)

// KPIAccount is what the report needs of one account.
type KPIAccount struct {
	ID              uint64
	Name            string
	Segment         string
	Tier            Tier
	Owner           string
	Stage           Stage
	ContractStart   Date
	ClosedOn        Date
	AcquisitionCost int64
	AcqCurrency     string      // of AcquisitionCost ("" is the ARR's)
	Currency        string      // of the ARR ("" is the book's)
	ARR             []ARRChange // oldest first; each in its own currency ("" is the account's)
}

// KPIOrder is an order as the report needs it (amount in minor units of
// Currency; "" is the account's).
type KPIOrder struct {
	AccountID uint64
	Date      Date
	Amount    int64
	Currency  string
}

// KPISurvey is a survey answer as the report needs it.
type KPISurvey struct {
	AccountID uint64
	Date      Date
	CSAT      bool // else NPS
	Score     int8
}

// KPIWin is a won upsell, cross-sell or expansion.
type KPIWin struct {
	AccountID uint64
	Date      Date
	Kind      OppKind
	Value     int64
	Currency  string
}

// AddOrders adds orders to the input.
func (in *KPIInput) AddOrders(os ...Order) {
	for _, o := range os {
		in.Orders = append(in.Orders, KPIOrder{AccountID: o.AccountID, Date: o.Date, Amount: o.Amount.Amount, Currency: o.Amount.Currency})
	}
}

// AddSurveys adds survey answers to the input.
func (in *KPIInput) AddSurveys(rs ...SurveyResponse) {
	for _, r := range rs {
		in.Surveys = append(in.Surveys, KPISurvey{AccountID: r.AccountID, Date: r.Date, CSAT: r.Kind == SurveyCSAT, Score: int8(r.Score)})
	}
}

// AddOpportunities adds the won upsell, cross-sell and expansion opportunities among os.
func (in *KPIInput) AddOpportunities(os ...Opportunity) {
	for _, o := range os {
		if o.Stage == OppWon && o.Kind.Grows() {
			in.Wins = append(in.Wins, KPIWin{AccountID: o.AccountID, Date: o.ClosedOn, Kind: o.Kind, Value: o.Value.Amount, Currency: o.Value.Currency})
		}
	}
}

// KPIInput is the book's records behind the report.
type KPIInput struct {
	Accounts    []KPIAccount
	Orders      []KPIOrder
	Surveys     []KPISurvey
	Wins        []KPIWin
	Targets     map[string]Target
	GrossMargin float64 // 0–1; 0.8 when zero
	Currency    string  // the book currency, every amount is converted to
	FX          *FXRates
	Today       Date // periods after it have not started, the one holding it is to date; zero: every period has ended
}

// NoAcquisitionCost is why CAC is n/a when none of the period's new
// accounts has an acquisition cost entered.
const NoAcquisitionCost = "no acquisition cost recorded"

// DefaultGrossMargin is used for CLTV when none is set.
const DefaultGrossMargin = 0.8

// Scope picks the accounts a report covers: "book", "segment:X", "tier:X", "owner:X" or "account:ID".
type Scope struct {
	Kind  string
	Value string
}

// ParseScope reads a scope as typed.
func ParseScope(s string) (Scope, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "book") {
		return Scope{Kind: "book"}, nil
	}
	k, v, ok := strings.Cut(s, ":")
	k = strings.ToLower(k)
	if !ok || v == "" || (k != "segment" && k != "tier" && k != "owner" && k != "account") {
		return Scope{}, Invalid("scope", s, "want book, segment:NAME, tier:NAME, owner:NAME or account:ID")
	}
	return Scope{Kind: k, Value: v}, nil
}

func (s Scope) String() string {
	if s.Kind == "book" || s.Kind == "" {
		return "book"
	}
	return s.Kind + ":" + s.Value
}

func (s Scope) keep(a *KPIAccount) bool {
	switch s.Kind {
	case "segment":
		return strings.EqualFold(a.Segment, s.Value)
	case "tier":
		return strings.EqualFold(string(a.Tier), s.Value)
	case "owner":
		return strings.EqualFold(a.Owner, s.Value)
	case "account":
		return fmt.Sprint(a.ID) == strings.TrimPrefix(s.Value, "#") || strings.EqualFold(a.Name, s.Value)
	}
	return true
}

// customer reports whether the account is ever a customer: not a prospect,
// with a contract start (see CustomerOn).
func (a *KPIAccount) customer() bool { return a.Stage != StageProspecting && !a.ContractStart.IsZero() }

// startedIn reports whether the account's contract started in p: a new customer.
func (a *KPIAccount) startedIn(p Period) bool { return a.customer() && p.Contains(a.ContractStart) }

// customerIn reports whether the account was a customer at some time in p:
// a customer at its start, or new in it.
func (a *KPIAccount) customerIn(p Period) bool { return a.activeOn(p.Start) || a.startedIn(p) }

// lostIn reports whether a customer of p closed in it.
func (a *KPIAccount) lostIn(p Period) bool {
	return !a.ClosedOn.IsZero() && p.Contains(a.ClosedOn) && a.customerIn(p)
}

// activeOn reports whether the account is a customer at the start of day d:
// a customer at the end of the day before (see CustomerOn).
func (a *KPIAccount) activeOn(d Date) bool {
	return CustomerOn(a.Stage, a.ContractStart, a.ClosedOn, d.AddDays(-1))
}

// arrOn is the account's ARR in minor units of its currency at the start of
// day d (0 once closed).
func (a *KPIAccount) arrOn(d Date) (int64, string) {
	if !a.activeOn(d) {
		return 0, ""
	}
	i := sort.Search(len(a.ARR), func(i int) bool { return a.ARR[i].Date >= d })
	if i == 0 {
		if len(a.ARR) > 0 {
			return a.ARR[0].ARR.Amount, a.arrCurrency(0) // started before its first record: take the first
		}
		return 0, ""
	}
	return a.ARR[i-1].ARR.Amount, a.arrCurrency(i - 1)
}

func (a *KPIAccount) arrCurrency(i int) string {
	if c := a.ARR[i].ARR.Currency; c != "" {
		return c
	}
	return a.Currency
}

// arrOn is the account's ARR at the start of day d in the book currency,
// converted with the rate in force the day before; missing names the
// currency without a rate.
func (sc *scoped) arrOn(a *KPIAccount, d Date) (v int64, missing string) {
	x, cur := a.arrOn(d)
	if x == 0 {
		return 0, ""
	}
	v, ok := sc.conv.Convert(x, cur, d.AddDays(-1))
	if !ok {
		return 0, cur
	}
	return v, ""
}

// acquisition is the account's acquisition cost in the book currency, at the
// rate in force on its contract start.
func (sc *scoped) acquisition(a *KPIAccount) (int64, string) {
	cur := a.AcqCurrency
	if cur == "" {
		cur = a.Currency
	}
	v, ok := sc.conv.Convert(a.AcquisitionCost, cur, a.ContractStart)
	if !ok {
		return 0, cur
	}
	return v, ""
}

// scoped is the input filtered to a scope, with the dated records folded into
// per-month totals once: every period is a run of whole months, so each
// period's figure is a sum over a few months, not a scan of every record.
type scoped struct {
	accts  []*KPIAccount
	byID   map[uint64]*KPIAccount
	in     *KPIInput
	conv   *Converter
	margin float64
	mu     sync.Mutex
	memo   map[Period]counts
	orders map[int]*[2]int64 // month → sum of amounts (book currency), count
	noRate map[int]string    // month → a currency of its orders without a rate
	nps    map[int]*[3]int   // month → promoters, detractors, responses
	csat   map[int]*[2]int   // month → sum of scores, responses
	wins   map[int][]*KPIWin // month → won upsells, cross-sells and expansions
}

func (in *KPIInput) scope(s Scope) *scoped {
	sc := &scoped{byID: map[uint64]*KPIAccount{}, in: in, margin: in.GrossMargin, memo: map[Period]counts{},
		orders: map[int]*[2]int64{}, noRate: map[int]string{}, nps: map[int]*[3]int{}, csat: map[int]*[2]int{}, wins: map[int][]*KPIWin{}}
	sc.conv = in.FX.Converter(in.currency())
	if sc.margin <= 0 {
		sc.margin = DefaultGrossMargin
	}
	for i := range in.Accounts {
		if s.keep(&in.Accounts[i]) {
			sc.accts = append(sc.accts, &in.Accounts[i])
			sc.byID[in.Accounts[i].ID] = &in.Accounts[i]
		}
	}
	all := len(sc.accts) == len(in.Accounts)
	for i := range in.Orders {
		o := &in.Orders[i]
		if all || (sc.byID[o.AccountID] != nil) {
			m := MonthIndex(o.Date)
			if sc.orders[m] == nil {
				sc.orders[m] = new([2]int64)
			}
			v, cur := sc.order(o)
			if cur != "" {
				sc.noRate[m] = cur
			}
			sc.orders[m][0] += v
			sc.orders[m][1]++
		}
	}
	for i := range in.Surveys {
		r := &in.Surveys[i]
		if !all && !(sc.byID[r.AccountID] != nil) {
			continue
		}
		m := MonthIndex(r.Date)
		switch {
		case !r.CSAT:
			if sc.nps[m] == nil {
				sc.nps[m] = new([3]int)
			}
			switch {
			case r.Score >= 9:
				sc.nps[m][0]++
			case r.Score <= 6:
				sc.nps[m][1]++
			}
			sc.nps[m][2]++
		default:
			if sc.csat[m] == nil {
				sc.csat[m] = new([2]int)
			}
			sc.csat[m][0] += int(r.Score)
			sc.csat[m][1]++
		}
	}
	for i := range in.Wins {
		o := &in.Wins[i]
		if all || (sc.byID[o.AccountID] != nil) {
			m := MonthIndex(o.Date)
			sc.wins[m] = append(sc.wins[m], o)
		}
	}
	return sc
}

// order is the order's amount in the book currency; the currency without a rate otherwise.
func (sc *scoped) order(o *KPIOrder) (int64, string) {
	cur := o.Currency
	if cur == "" {
		if a := sc.byID[o.AccountID]; a != nil {
			cur = a.Currency
		}
	}
	v, ok := sc.conv.Convert(o.Amount, cur, o.Date)
	if !ok {
		return 0, cur
	}
	return v, ""
}

// currency is the book currency.
func (in *KPIInput) currency() string {
	switch {
	case in.FX != nil && in.FX.Currency != "":
		return in.FX.Currency
	case in.Currency != "":
		return in.Currency
	}
	return DefaultCurrency
}

// months lists the month indexes of a period.
func months(p Period) (int, int) { return MonthIndex(p.Start), MonthIndex(p.End) }

// counts of customers for a period.
type counts struct{ start, new, lost, end int }

func (sc *scoped) counts(p Period) counts {
	sc.mu.Lock()
	c, ok := sc.memo[p]
	sc.mu.Unlock()
	if ok {
		return c
	}
	c = counts{}
	for _, a := range sc.accts {
		if a.activeOn(p.Start) {
			c.start++
		}
		if a.startedIn(p) {
			c.new++
		}
		if a.lostIn(p) {
			c.lost++
		}
	}
	c.end = c.start + c.new - c.lost
	sc.mu.Lock()
	sc.memo[p] = c
	sc.mu.Unlock()
	return c
}

// NotStarted is the reason a period after today has no figures.
const NotStarted = "period has not started"

// span is the part of p that has happened: p itself once it has ended, up to
// the end of today while it runs; false when it has not started.
func (in *KPIInput) span(p Period) (Period, bool) {
	if in.Today == 0 {
		return p, true
	}
	if p.Start > in.Today {
		return p, false
	}
	if p.End > in.Today+1 {
		p.End = in.Today + 1
	}
	return p, true
}

// upsell lists the wins counted by the upsell rate in p (q: p to date) — a
// won upsell, cross-sell or expansion dated in the period while its account
// was a customer — and the customers of the period.
func (sc *scoped) upsell(p, q Period) (wins []*KPIWin, won map[uint64]bool, customers int) {
	won = map[uint64]bool{}
	from, to := months(p)
	for m := from; m < to; m++ {
		for _, o := range sc.wins[m] {
			a := sc.byID[o.AccountID]
			if a == nil || !q.Contains(o.Date) || !a.customerIn(q) || !CustomerOn(a.Stage, a.ContractStart, a.ClosedOn, o.Date) {
				continue
			}
			wins = append(wins, o)
			won[o.AccountID] = true
		}
	}
	for _, a := range sc.accts {
		if a.customerIn(q) {
			customers++
		}
	}
	return wins, won, customers
}

func (sc *scoped) kpi(key string, p Period) Value {
	q, ok := sc.in.span(p)
	if !ok {
		return na(NotStarted)
	}
	switch key {
	case KPIRetention:
		c := sc.counts(q)
		if c.start == 0 {
			return na("no customers at period start")
		}
		return val(float64(c.end-c.new) / float64(c.start))
	case KPIChurn:
		c := sc.counts(q)
		if c.start == 0 {
			return na("no customers at period start")
		}
		return val(float64(c.lost) / float64(c.start))
	case KPINPS:
		var pro, det, n int
		from, to := months(p)
		for m := from; m < to; m++ {
			if x := sc.nps[m]; x != nil {
				pro, det, n = pro+x[0], det+x[1], n+x[2]
			}
		}
		if n == 0 {
			return na("no NPS responses")
		}
		return val(100 * float64(pro-det) / float64(n))
	case KPICSAT:
		var sum, n int
		from, to := months(p)
		for m := from; m < to; m++ {
			if x := sc.csat[m]; x != nil {
				sum, n = sum+x[0], n+x[1]
			}
		}
		if n == 0 {
			return na("no CSAT responses")
		}
		return val(float64(sum) / float64(n))
	case KPIAOV:
		var sum, n int64
		from, to := months(p)
		for m := from; m < to; m++ {
			if cur := sc.noRate[m]; cur != "" {
				return na(NoRate(cur))
			}
			if x := sc.orders[m]; x != nil {
				sum, n = sum+x[0], n+x[1]
			}
		}
		if n == 0 {
			return na("no orders")
		}
		return val(float64(sum) / float64(n))
	case KPIUpsell:
		_, won, customers := sc.upsell(p, q)
		if customers == 0 {
			return na("no customers in the period")
		}
		return val(float64(len(won)) / float64(customers))
	case KPICAC:
		var cost int64
		n, recorded := 0, 0
		for _, a := range sc.accts {
			if a.startedIn(q) {
				v, cur := sc.acquisition(a)
				if cur != "" {
					return na(NoRate(cur))
				}
				cost += v
				n++
				if a.AcquisitionCost != 0 {
					recorded++
				}
			}
		}
		if n == 0 {
			return na("no new accounts")
		}
		if recorded == 0 { // not a cost of $0: nobody entered one
			return na(NoAcquisitionCost)
		}
		return val(float64(cost) / float64(n))
	case KPICLTV:
		var sum int64
		n := 0
		for _, a := range sc.accts {
			if a.activeOn(q.End) {
				v, cur := sc.arrOn(a, q.End)
				if cur != "" {
					return na(NoRate(cur))
				}
				sum += v
				n++
			}
		}
		if n == 0 {
			return na("no active accounts")
		}
		year := Period{Kind: Year, Start: q.End.AddMonths(-12), End: q.End}
		c := sc.counts(year)
		if c.start == 0 {
			return na("no customers a year before")
		}
		if c.lost == 0 {
			return na("no churn")
		}
		churn := float64(c.lost) / float64(c.start)
		return val(float64(sum) / float64(n) * sc.margin / churn)
	case KPINRR, KPIGRR:
		var start, end int64
		for _, a := range sc.accts {
			if !a.activeOn(q.Start) {
				continue
			}
			s, cur := sc.arrOn(a, q.Start)
			e, cur2 := sc.arrOn(a, q.End)
			if cur != "" || cur2 != "" {
				return na(NoRate(firstOf(cur, cur2)))
			}
			if key == KPIGRR {
				e = min(e, s)
			}
			start += s
			end += e
		}
		if start == 0 {
			return na("no ARR at period start")
		}
		return val(float64(end) / float64(start))
	case KPIConcentration:
		var arrs []int64
		var total int64
		for _, a := range sc.accts {
			x, cur := sc.arrOn(a, q.End)
			if cur != "" {
				return na(NoRate(cur))
			}
			if x > 0 {
				arrs = append(arrs, x)
				total += x
			}
		}
		if total == 0 {
			return na("no ARR")
		}
		top := int(math.Ceil(float64(len(arrs)) * 0.2))
		var sum int64
		for _, x := range largest(arrs, top) {
			sum += x
		}
		return val(float64(sum) / float64(total))
	}
	return na("unknown KPI")
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Report computes every KPI for the scope and period: current, previous,
// year to date, target and a 12-period trend. A period that has not ended
// is reported to date; one that has not started has no figures.
func (in *KPIInput) Report(s Scope, p Period) KPIReport {
	sc := in.scope(s)
	r := KPIReport{Scope: s.String(), ScopeName: sc.name(s), Period: p.String(), Currency: in.currency(), Accounts: len(sc.accts)}
	q, started := in.span(p)
	switch {
	case !started:
		r.Status = PeriodNotStarted
	case q.End != p.End:
		r.Status = PeriodToDate
		r.ToDate = true
	default:
		r.Status = PeriodEnded
	}
	if started {
		for _, a := range sc.accts {
			if a.customerIn(q) {
				r.Customers++
			}
		}
	}
	periods := make([]Period, 12)
	pp := p
	for i := 11; i >= 0; i-- {
		periods[i] = pp
		pp = pp.Prev()
	}
	r.Rows = make([]KPIRow, len(KPIDefs))
	one := func(i int) {
		def := KPIDefs[i]
		row := KPIRow{KPIDef: def, Current: sc.kpi(def.Key, p), Previous: sc.kpi(def.Key, p.Prev()), YTD: sc.kpi(def.Key, p.YTD())}
		row.Trend = make([]Value, 12)
		for i, pp := range periods {
			if pp == p {
				row.Trend[i] = row.Current
			} else {
				row.Trend[i] = sc.kpi(def.Key, pp)
			}
		}
		if t, ok := in.Targets[def.Key]; ok {
			tt := t
			row.Target = &tt
			if row.Current.OK {
				on := row.Current.V >= t.Value
				if def.LowerBetter {
					on = row.Current.V <= t.Value
				}
				row.OnTarget = &on
			}
		}
		r.Rows[i] = row
	}
	// Both cores: every other KPI on the second.
	both(func() {
		for i := 0; i < len(KPIDefs); i += 2 {
			one(i)
		}
	}, func() {
		for i := 1; i < len(KPIDefs); i += 2 {
			one(i)
		}
	})
	return r
}

// name is the scope as people read it: an account scope by the account's
// name (not its number), the others as typed.
func (sc *scoped) name(s Scope) string {
	if s.Kind != "account" || len(sc.accts) == 0 {
		return s.String()
	}
	n := sc.accts[0].Name
	for _, a := range sc.accts[1:] {
		if a.Name != n {
			return s.String()
		}
	}
	if len(sc.accts) > 1 {
		return fmt.Sprintf("%s (%d accounts)", Printable(n), len(sc.accts))
	}
	return Printable(n)
}
