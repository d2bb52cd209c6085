package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// ICSDays is how far ahead tend export --format ics looks by default: a
// year, so every renewal of the next 12 months is in the calendar.
const ICSDays = 365

// ExportICS writes the agenda (of the account q names, when q is not "")
// from today over days as an iCalendar file of all-day events. Each event's
// UID comes from the record it is about (an action item's, a goal's, an
// opportunity's UID; the account's UID for its renewal, next check-in
// (by the cadence or booked as an item alike) and each quarter's QBR), so importing a later export again updates the events
// instead of adding copies.
func ExportICS(st Store, w io.Writer, today domain.Date, days int, q string, now time.Time) error {
	cal := ics.NewCalendarFor("tend")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("tend agenda")
	cal.SetXWRCalName("tend agenda")
	err := st.View(func(tx *store.Tx) error {
		var acct uint64
		if q != "" {
			s, err := tx.FindAccount(q)
			if err != nil {
				return err
			}
			acct = s.ID
		}
		sums, err := tx.Summaries()
		if err != nil {
			return err
		}
		ag := domain.NewAgenda(sums, today, days, acct)
		uids := recordUIDs{tx: tx, byAcct: map[uint64]map[string]string{}}
		for i := range ag.Events {
			e := &ag.Events[i]
			uid, err := uids.of(e)
			if err != nil {
				return err
			}
			ev := cal.AddEvent(uid)
			ev.SetDtStampTime(now)
			ev.SetAllDayStartAt(e.On.Time())
			ev.SetAllDayEndAt(e.On.AddDays(1).Time())
			summary, desc := icsText(e)
			ev.SetSummary(icsClean(summary))
			ev.SetDescription(icsClean(desc))
			ev.AddProperty(ics.ComponentPropertyCategories, strings.ToUpper(string(e.Kind)))
			ev.SetProperty(ics.ComponentPropertyTransp, "TRANSPARENT")
		}
		return nil
	})
	if err != nil {
		return err
	}
	return cal.SerializeTo(w)
}

// icsText is an event's title and description.
func icsText(e *domain.AgendaEvent) (string, string) {
	where := fmt.Sprintf("Account %s (#%d) in tend.", e.Account, e.AccountID)
	switch e.Kind {
	case domain.AgendaRenewal:
		opp := "No renewal opportunity is open."
		if e.RenewalOpp {
			opp = "A renewal opportunity is open."
		}
		return fmt.Sprintf("Renewal: %s (%s at stake)", e.Account, e.ARR.Short()), fmt.Sprintf("%s renews; ARR %s at stake. %s\n%s", e.Account, e.ARR, opp, where)
	case domain.AgendaCheckIn:
		if e.RecordID != 0 {
			return "Check-in: " + e.Account, fmt.Sprintf("The next check-in, booked as action item #%d: %s\n%s", e.RecordID, e.Title, where)
		}
		return "Check-in: " + e.Account, "The next check-in by the account's cadence (last touch plus cadence).\n" + where
	case domain.AgendaQBR:
		return "QBR: " + e.Account, "Quarterly business review, every three months from the contract start.\n" + where
	case domain.AgendaItem:
		return fmt.Sprintf("Due: %s (%s)", e.Title, e.Account), fmt.Sprintf("Action item #%d falls due.\n%s", e.RecordID, where)
	case domain.AgendaGoal:
		return fmt.Sprintf("Goal due: %s (%s)", e.Title, e.Account), fmt.Sprintf("Goal #%d is due.\n%s", e.RecordID, where)
	case domain.AgendaClose:
		return fmt.Sprintf("Close: %s (%s)", e.Title, e.Account), fmt.Sprintf("Opportunity #%d is due to close.\n%s", e.RecordID, where)
	}
	return e.Title, where
}

// icsClean keeps the lines of s and neutralises every control character
// in them (a carriage return would end a line of the file; an escape
// sequence would reach whatever shows the calendar).
func icsClean(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = domain.Printable(l)
	}
	return strings.Join(lines, "\n")
}

// recordUIDs finds the global UIDs of the records events are about,
// reading each account's records once.
type recordUIDs struct {
	tx     *store.Tx
	byAcct map[uint64]map[string]string // account → "kind/id" → UID
}

func (r *recordUIDs) of(e *domain.AgendaEvent) (string, error) {
	const host = "@tend"
	switch e.Kind {
	case domain.AgendaItem, domain.AgendaGoal, domain.AgendaClose:
	case domain.AgendaQBR:
		return e.AccountUID + "-qbr-" + e.On.Format("2006-01") + host, nil
	default:
		return e.AccountUID + "-" + string(e.Kind) + host, nil
	}
	m, ok := r.byAcct[e.AccountID]
	if !ok {
		m = map[string]string{}
		items, err := r.tx.ActionItems(e.AccountID)
		if err != nil {
			return "", err
		}
		for _, it := range items {
			m[fmt.Sprintf("%s/%d", domain.AgendaItem, it.ID)] = it.UID
		}
		opps, err := r.tx.Opportunities(e.AccountID)
		if err != nil {
			return "", err
		}
		for _, o := range opps {
			m[fmt.Sprintf("%s/%d", domain.AgendaClose, o.ID)] = o.UID
		}
		plan, err := r.tx.Plan(e.AccountID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return "", err
		}
		for _, g := range plan.Goals {
			m[fmt.Sprintf("%s/%d", domain.AgendaGoal, g.ID)] = g.UID
		}
		r.byAcct[e.AccountID] = m
	}
	if uid := m[fmt.Sprintf("%s/%d", e.Kind, e.RecordID)]; uid != "" {
		return uid + host, nil
	}
	return strings.ReplaceAll(e.Key(), "/", "-") + host, nil // a record without a UID (never stored so)
}
