package domain

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Reason is why a row is in the triage queue.
type Reason string

const (
	ReasonOverdueItem   Reason = "overdue_item"
	ReasonDueToday      Reason = "due_today"
	ReasonRenewal       Reason = "renewal"      // inside the notice window, no renewal opportunity
	ReasonRenewalPassed Reason = "renewal_past" // renewal date passed, no renewal opportunity
	ReasonQuiet         Reason = "quiet"        // no touch for longer than the cadence
	ReasonHealthDrop    Reason = "health_drop"
	ReasonEscalation    Reason = "escalation"
	ReasonGoalOverdue   Reason = "goal_overdue"
	ReasonGoalOffTrack  Reason = "goal_off_track"
	ReasonOnboarding    Reason = "onboarding_behind"
	ReasonOppPastClose  Reason = "opp_past_close"
)

// Urgency coefficients: a row's urgency is the sum of coefficient × term, the
// way taskwarrior ranks tasks. They live here, in one place.
var (
	// UrgencyBase is what the reason alone is worth.
	UrgencyBase = map[Reason]float64{
		ReasonRenewalPassed: 9, ReasonOverdueItem: 8, ReasonEscalation: 7, ReasonRenewal: 6, ReasonDueToday: 5,
		ReasonHealthDrop: 5, ReasonQuiet: 4, ReasonGoalOverdue: 3, ReasonOnboarding: 3, ReasonOppPastClose: 3, ReasonGoalOffTrack: 2,
	}
	// UrgencySeverity is added for an escalation's severity.
	UrgencySeverity = map[Severity]float64{SevCritical: 6, SevHigh: 4, SevMedium: 2, SevLow: 0}
)

const (
	UrgencyPerDayLate   = 0.3 // per day overdue or past a date, up to UrgencyLateCap
	UrgencyLateCap      = 6.0
	UrgencyPerDayQuiet  = 0.1 // per day silent beyond the cadence, up to UrgencyQuietCap
	UrgencyQuietCap     = 5.0
	UrgencyPerHealthPt  = 0.2 // per health point dropped beyond the threshold
	UrgencyARR          = 2.0 // × the account's ARR percentile (0–1)
	UrgencyKeyAccount   = 3.0 // a key account
	HealthDropThreshold = 10  // points lost since last month that put an account in the queue
	SoonDays            = 14  // the empty queue names what comes due within this many days
)

// Term is one part of a row's urgency.
type Term struct {
	Name        string  `json:"name"`
	Value       float64 `json:"value"`
	Coefficient float64 `json:"coefficient"`
	Points      float64 `json:"points"`
}

// TriageRow is one thing that needs the user today.
type TriageRow struct {
	Key       string  `json:"key"` // stable per account: "item:12", "quiet", "escalation:3" …
	AccountID uint64  `json:"account_id"`
	Account   string  `json:"account"`
	Reason    Reason  `json:"reason"`
	Why       string  `json:"why"` // the reason in words
	Ref       uint64  `json:"ref,omitempty"`
	Due       Date    `json:"due,omitzero"`
	Urgency   float64 `json:"urgency"`
	Terms     []Term  `json:"terms"`
}

// Triage builds today's queue from the book, most urgent first. Rows that
// were snoozed past today are left out.
func Triage(b *Book) []TriageRow {
	today := b.Today
	pct := arrPercentiles(b)
	var rows []TriageRow
	for i := range b.Sums {
		s := &b.Sums[i]
		if s.Stage == StageClosed || s.Stage == StageProspecting {
			continue
		}
		add := func(key string, reason Reason, ref uint64, due Date, why string, extra ...Term) {
			if s.Snoozed(key, today) {
				return
			}
			terms := []Term{{Name: "reason: " + strings.ReplaceAll(string(reason), "_", " "), Value: 1, Coefficient: UrgencyBase[reason]}}
			terms = append(terms, extra...)
			terms = append(terms, Term{Name: "ARR percentile", Value: pct[i], Coefficient: UrgencyARR})
			if b.Key[i] {
				terms = append(terms, Term{Name: "key account", Value: 1, Coefficient: UrgencyKeyAccount})
			}
			u := 0.0
			for j := range terms {
				terms[j].Points = terms[j].Value * terms[j].Coefficient
				u += terms[j].Points
			}
			rows = append(rows, TriageRow{Key: key, AccountID: s.ID, Account: s.Name, Reason: reason, Why: why, Ref: ref, Due: due,
				Urgency: math.Round(u*100) / 100, Terms: terms})
		}
		late := func(days int) Term {
			return Term{Name: "days late", Value: math.Min(float64(days), UrgencyLateCap/UrgencyPerDayLate), Coefficient: UrgencyPerDayLate}
		}
		for _, it := range s.Items {
			switch {
			case it.Due != 0 && it.Due < today:
				n := today.Sub(it.Due)
				add("item:"+strconv.FormatUint(it.ID, 10), ReasonOverdueItem, it.ID, it.Due, fmt.Sprintf("%s — overdue %s", it.Text, plural(n, "day")), late(n))
			case it.Due == today:
				add("item:"+strconv.FormatUint(it.ID, 10), ReasonDueToday, it.ID, it.Due, it.Text+" — due today")
			}
		}
		if d, ok := s.DaysToRenewal(today); ok && !s.RenewalOpp {
			switch {
			case d < 0:
				add("renewal", ReasonRenewalPassed, 0, s.Renewal, fmt.Sprintf("renewal passed %s ago (%s) and no renewal opportunity", plural(-d, "day"), s.Renewal), late(-d))
			case d <= s.NoticeDays:
				add("renewal", ReasonRenewal, 0, s.Renewal, fmt.Sprintf("renews in %s (%s), inside the %d-day notice window, no renewal opportunity", plural(d, "day"), s.Renewal, s.NoticeDays),
					Term{Name: "window used", Value: 1 - float64(d)/float64(max(1, s.NoticeDays)), Coefficient: 3})
			}
		}
		if s.CadenceDays > 0 && s.Active(today) {
			since := -1
			if !s.LastTouch.IsZero() {
				since = today.Sub(s.LastTouch)
			} else if !s.ContractStart.IsZero() {
				since = today.Sub(s.ContractStart)
			}
			if since > s.CadenceDays {
				over := since - s.CadenceDays
				why := fmt.Sprintf("no touch for %s (check in every %d)", plural(since, "day"), s.CadenceDays)
				if s.LastTouch.IsZero() {
					why = fmt.Sprintf("never touched since the contract started %s ago (check in every %d days)", plural(since, "day"), s.CadenceDays)
				}
				add("quiet", ReasonQuiet, 0, s.LastTouch.AddDays(s.CadenceDays), why,
					Term{Name: "days past cadence", Value: math.Min(float64(over), UrgencyQuietCap/UrgencyPerDayQuiet), Coefficient: UrgencyPerDayQuiet})
			}
		}
		if h := b.Health[i]; b.HasTrend[i] && b.Trend[i] <= -HealthDropThreshold {
			drop := -b.Trend[i]
			add("health", ReasonHealthDrop, 0, 0, fmt.Sprintf("health fell %d points since last month, to %d (%s)", drop, h, BandOf(h)),
				Term{Name: "points beyond threshold", Value: float64(drop - HealthDropThreshold), Coefficient: UrgencyPerHealthPt})
		}
		for _, r := range s.Escalations {
			add("escalation:"+strconv.FormatUint(r.ID, 10), ReasonEscalation, r.ID, 0, fmt.Sprintf("open %s escalation: %s", r.Severity, r.Title),
				Term{Name: "severity " + string(r.Severity), Value: 1, Coefficient: UrgencySeverity[r.Severity]})
		}
		for _, g := range s.Goals {
			key := "goal:" + strconv.FormatUint(g.ID, 10)
			switch g.Status(today) {
			case GoalOverdue:
				n := today.Sub(g.Due)
				add(key, ReasonGoalOverdue, g.ID, g.Due, fmt.Sprintf("goal %q was due %s ago at %.0f%%", g.Title, plural(n, "day"), g.Progress*100), late(n))
			case GoalAtRisk:
				add(key, ReasonGoalOffTrack, g.ID, g.Due, fmt.Sprintf("goal %q is off track: %.0f%% done, due %s", g.Title, g.Progress*100, g.Due))
			}
		}
		behind := 0
		for _, d := range s.Onboarding {
			if d != 0 && d < today {
				behind++
			}
		}
		if behind > 0 {
			add("onboarding", ReasonOnboarding, 0, 0, fmt.Sprintf("onboarding behind: %s past due", plural(behind, "step")),
				Term{Name: "steps behind", Value: float64(behind), Coefficient: 0.5})
		}
		for _, o := range s.Opps {
			if o.CloseDate < today {
				n := today.Sub(o.CloseDate)
				add("opp:"+strconv.FormatUint(o.ID, 10), ReasonOppPastClose, o.ID, o.CloseDate, fmt.Sprintf("%s opportunity %q passed its close date %s ago", o.Kind, o.Title, plural(n, "day")),
					Term{Name: "days past close", Value: math.Min(float64(n), 30), Coefficient: 0.1})
			}
		}
	}
	slices.SortStableFunc(rows, func(a, c TriageRow) int {
		switch {
		case a.Urgency > c.Urgency:
			return -1
		case a.Urgency < c.Urgency:
			return 1
		}
		return strings.Compare(a.Account+a.Key, c.Account+c.Key)
	})
	return rows
}

// NextDue is the earliest date after today on which an open action item or a
// renewal notice window comes due, within SoonDays, and what it is; ok is
// false when nothing is coming.
func NextDue(b *Book) (Date, string, bool) {
	today := b.Today
	best := Date(0)
	what := ""
	consider := func(d Date, w string) {
		if d > today && d <= today.AddDays(SoonDays) && (best == 0 || d < best) {
			best, what = d, w
		}
	}
	for i := range b.Sums {
		s := &b.Sums[i]
		if s.Stage == StageClosed {
			continue
		}
		for _, it := range s.Items {
			consider(it.Due, it.Text+" ("+s.Name+")")
		}
		if !s.Renewal.IsZero() && !s.RenewalOpp {
			consider(s.Renewal.AddDays(-s.NoticeDays), "renewal notice window of "+s.Name)
		}
	}
	return best, what, best != 0
}

func arrPercentiles(b *Book) []float64 {
	n := len(b.Sums)
	out := make([]float64, n)
	if n < 2 {
		return out
	}
	arrs := make([]int64, n)
	for i := range b.Sums {
		arrs[i] = b.Sums[i].ARR.Amount
	}
	slices.Sort(arrs)
	for i := range b.Sums {
		below, _ := slices.BinarySearch(arrs, b.Sums[i].ARR.Amount)
		out[i] = float64(below) / float64(n-1)
	}
	return out
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// ParseSnooze reads how long to put a row off: 1d, 3d, 2w, fri, tomorrow,
// 2026-12-01 (anything ParseDate reads). The date must be after today.
func ParseSnooze(s string, today Date) (Date, error) {
	d, err := ParseDate(s, today)
	if err != nil {
		return 0, err
	}
	if d <= today {
		return 0, Invalid("snooze", s, "must be a day after today")
	}
	return d, nil
}
