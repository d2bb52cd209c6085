package domain

import (
	"slices"
	"strings"
)

// The agenda: the days ahead, from the summaries alone (no account's
// records are read), so it is one pass over the book even at 100k
// accounts: action items coming due, renewals with the ARR at stake,
// check-ins and QBRs planned from each account's cadence, goals' due
// dates and opportunities' close dates.

// AgendaKind is what an agenda entry is.
type AgendaKind string

const (
	AgendaItem    AgendaKind = "item"        // an open action item falls due
	AgendaRenewal AgendaKind = "renewal"     // the contract renews
	AgendaCheckIn AgendaKind = "check-in"    // the last touch plus the cadence, or the open item that books it (RecordID)
	AgendaQBR     AgendaKind = "qbr"         // a quarterly review of a key or strategic account
	AgendaGoal    AgendaKind = "goal"        // a goal's due date
	AgendaClose   AgendaKind = "opportunity" // an opportunity's close date
)

// AgendaEvent is one dated thing on the agenda.
type AgendaEvent struct {
	On         Date       `json:"on"`
	Kind       AgendaKind `json:"kind"`
	AccountID  uint64     `json:"account_id"`
	AccountUID string     `json:"account_uid,omitempty"`
	Account    string     `json:"account"`
	RecordID   uint64     `json:"record_id,omitempty"` // the item (a booked check-in's too), goal or opportunity
	Title      string     `json:"title"`
	ARR        Money      `json:"arr,omitzero"`                  // renewals: the ARR at stake
	RenewalOpp bool       `json:"renewal_opportunity,omitempty"` // renewals: one is open
}

// Key is the event's identity across re-computations: the same renewal,
// item or planned check-in has the same key when its date moves, so a
// calendar export updates it instead of adding another.
func (e *AgendaEvent) Key() string {
	switch e.Kind {
	case AgendaItem, AgendaGoal, AgendaClose:
		return e.AccountUID + "/" + string(e.Kind) + "/" + itoa(int(e.RecordID))
	case AgendaQBR: // one per quarter
		return e.AccountUID + "/qbr/" + e.On.Format("2006-01")
	}
	return e.AccountUID + "/" + string(e.Kind) // the next renewal, the next check-in (booked or by the cadence)
}

// RenewalMonth is the renewals of one calendar month.
type RenewalMonth struct {
	Month   Date    `json:"month"` // its first day
	Count   int     `json:"count"`
	ARR     []Money `json:"arr"`      // at stake, one amount per currency, by currency code
	WithOpp int     `json:"with_opp"` // renewals with an open renewal opportunity
}

// add counts m in the month's ARR at stake.
func (r *RenewalMonth) add(m Money) {
	i, found := slices.BinarySearchFunc(r.ARR, m.Currency, func(x Money, c string) int { return strings.Compare(x.Currency, c) })
	if found {
		r.ARR[i].Amount += m.Amount
		return
	}
	r.ARR = slices.Insert(r.ARR, i, m)
}

// Agenda is what comes up from today to To.
type Agenda struct {
	Today    Date           `json:"today"`
	To       Date           `json:"to"` // the last day listed
	Events   []AgendaEvent  `json:"events"`
	Overdue  int            `json:"overdue_items"`     // open items already past due (triage lists them)
	Late     int            `json:"overdue_check_ins"` // check-ins already past (triage: quiet accounts)
	Renewals []RenewalMonth `json:"renewals_by_month"` // the next 12 months, each month listed
}

// QBRTiers are the tiers that get a quarterly business review, planned
// every three months from the contract start.
var QBRTiers = []Tier{TierKey, TierStrategic}

// NewAgenda is the agenda of the book's accounts (only the one numbered
// acct, when not 0) from today for days days, with renewals by month for
// the next 12 months.
func NewAgenda(sums []Summary, today Date, days int, acct uint64) Agenda {
	days = max(1, days)
	ag := Agenda{Today: today, To: today.AddDays(days - 1)}
	y, m, _ := today.Parts()
	first := NewDate(y, m, 1)
	months := make([]RenewalMonth, 12)
	for i := range months {
		months[i].Month = first.AddMonths(i)
	}
	horizon := first.AddMonths(12)
	in := func(d Date) bool { return d >= today && d <= ag.To }
	if acct == 0 {
		// About one entry per account in two weeks (85k at 100k accounts):
		// room for that at once spares the copies of growing.
		ag.Events = make([]AgendaEvent, 0, len(sums)*max(14, days)/14)
	}
	for i := range sums {
		s := &sums[i]
		if acct != 0 && s.ID != acct {
			continue
		}
		if s.Stage == StageClosed || !s.ClosedOn.IsZero() && s.ClosedOn <= today {
			continue
		}
		ev := func(on Date, k AgendaKind, rec uint64, title string) AgendaEvent {
			return AgendaEvent{On: on, Kind: k, AccountID: s.ID, AccountUID: s.UID, Account: s.Name, RecordID: rec, Title: title}
		}
		booked := false // the first open check-in item books the next check-in: it stands for the cadence's
		for _, it := range s.Items {
			kind := AgendaItem
			if !booked && IsCheckIn(it.Text) {
				booked, kind = true, AgendaCheckIn // listed once, as the check-in (its key, its calendar UID)
			}
			switch {
			case it.Due == 0:
			case it.Due < today:
				ag.Overdue++
			case in(it.Due):
				ag.Events = append(ag.Events, ev(it.Due, kind, it.ID, it.Text))
			}
		}
		if r := s.Renewal; r >= today && r < horizon {
			mo := &months[MonthIndex(r)-MonthIndex(first)]
			mo.Count++
			mo.add(s.ARR)
			if s.RenewalOpp {
				mo.WithOpp++
			}
			if in(r) {
				e := ev(r, AgendaRenewal, 0, "renewal")
				e.ARR, e.RenewalOpp = s.ARR, s.RenewalOpp
				ag.Events = append(ag.Events, e)
			}
		}
		if s.LastTouch != 0 && s.CadenceDays > 0 && !booked {
			switch next := s.LastTouch.AddDays(s.CadenceDays); {
			case next < today:
				ag.Late++
			case in(next):
				ag.Events = append(ag.Events, ev(next, AgendaCheckIn, 0, "check-in"))
			}
		}
		if slices.Contains(QBRTiers, s.Tier) && s.ContractStart != 0 && s.ContractStart <= ag.To {
			// The first quarter anniversary of the contract start on or after today.
			k := max(3, (MonthIndex(today)-MonthIndex(s.ContractStart))/3*3-3)
			for d := s.ContractStart.AddMonths(k); d <= ag.To; k, d = k+3, s.ContractStart.AddMonths(k+3) {
				if d >= today {
					ag.Events = append(ag.Events, ev(d, AgendaQBR, 0, "QBR"))
				}
			}
		}
		for _, g := range s.Goals {
			if in(g.Due) {
				ag.Events = append(ag.Events, ev(g.Due, AgendaGoal, g.ID, g.Title))
			}
		}
		for _, o := range s.Opps {
			if in(o.CloseDate) {
				ag.Events = append(ag.Events, ev(o.CloseDate, AgendaClose, o.ID, o.Title))
			}
		}
	}
	ag.Events = byDay(ag.Events, today, days)
	ag.Renewals = months
	return ag
}

// agendaKinds orders a day's entries: what is at stake first.
var agendaKinds = []AgendaKind{AgendaRenewal, AgendaQBR, AgendaItem, AgendaClose, AgendaGoal, AgendaCheckIn}

// byDay orders events by day, then kind (agendaKinds), then as they came
// (the book's order): a counting sort, no comparison, as the days and the
// kinds are few and the events many (a quarter of a million at 100k accounts).
func byDay(evs []AgendaEvent, today Date, days int) []AgendaEvent {
	nk := len(agendaKinds)
	slot := func(e *AgendaEvent) int {
		return e.On.Sub(today)*nk + max(0, slices.Index(agendaKinds, e.Kind))
	}
	at := make([]int, days*nk+1)
	for i := range evs {
		at[slot(&evs[i])+1]++
	}
	for i := 1; i < len(at); i++ {
		at[i] += at[i-1]
	}
	out := make([]AgendaEvent, len(evs))
	for i := range evs {
		k := slot(&evs[i])
		out[at[k]] = evs[i]
		at[k]++
	}
	return out
}
