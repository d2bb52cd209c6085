package domain

import (
	"cmp"
	"fmt"
	"maps"
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
	UrgencyPerDayLate      = 0.3 // per day overdue or past a date, up to UrgencyLateCap
	UrgencyLateCap         = 6.0
	UrgencyPerDayQuiet     = 0.1 // per day silent beyond the cadence, up to UrgencyQuietCap
	UrgencyQuietCap        = 5.0
	UrgencyPerHealthPt     = 0.2 // per health point dropped beyond the threshold
	UrgencyARR             = 2.0 // × the account's ARR percentile (0–1)
	UrgencyKeyAccount      = 3.0 // a key account
	UrgencyRenewalWindow   = 3.0 // × the share of the notice window used
	UrgencyPerStepBehind   = 0.5 // per onboarding step past due
	UrgencyPerDayPastClose = 0.1 // per day an opportunity is past its close date, 30 days at most
	HealthDropThreshold    = 10  // points lost since last month that put an account in the queue
	SoonDays               = 14  // the empty queue names what comes due within this many days
)

// Reasons are every reason, in the queue's order of reasons.
var Reasons = []Reason{ReasonOverdueItem, ReasonDueToday, ReasonRenewal, ReasonRenewalPassed, ReasonQuiet,
	ReasonHealthDrop, ReasonEscalation, ReasonGoalOverdue, ReasonGoalOffTrack, ReasonOnboarding, ReasonOppPastClose}

// TriageWeights are the urgency coefficients and the reasons shown: the
// defaults (DefaultTriageWeights) or the config file's. A value, passed to
// TriageWith; nothing global changes at run time.
type TriageWeights struct {
	Base          map[Reason]float64   // what the reason alone is worth
	Severity      map[Severity]float64 // added for an escalation's severity
	PerDayLate    float64              // per day overdue or past a date, up to LateCap
	LateCap       float64
	PerDayQuiet   float64 // per day silent beyond the cadence, up to QuietCap
	QuietCap      float64
	PerHealthPt   float64 // per health point dropped beyond the threshold
	RenewalWindow float64 // × the share of the notice window used
	PerStepBehind float64 // per onboarding step past due
	PerDayPast    float64 // per day an opportunity is past its close date (30 days at most)
	ARR           float64 // × the account's ARR percentile (0–1)
	KeyAccount    float64 // a key account
	// Reasons are the kinds of rows shown; nil: every reason.
	Reasons []Reason
	// DateLayout is how the reasons' text shows a date (one of DateLayouts;
	// "" is ISO). Only the words change: TriageRow.Due stays a Date.
	DateLayout string
}

// DefaultTriageWeights are the coefficients above; each call returns new
// maps, which the caller may change.
func DefaultTriageWeights() TriageWeights {
	return TriageWeights{Base: maps.Clone(UrgencyBase), Severity: maps.Clone(UrgencySeverity),
		PerDayLate: UrgencyPerDayLate, LateCap: UrgencyLateCap, PerDayQuiet: UrgencyPerDayQuiet, QuietCap: UrgencyQuietCap,
		PerHealthPt: UrgencyPerHealthPt, RenewalWindow: UrgencyRenewalWindow, PerStepBehind: UrgencyPerStepBehind,
		PerDayPast: UrgencyPerDayPastClose, ARR: UrgencyARR, KeyAccount: UrgencyKeyAccount}
}

// Shows reports whether rows of reason r are in the queue.
func (w *TriageWeights) Shows(r Reason) bool {
	return w.Reasons == nil || slices.Contains(w.Reasons, r)
}

// Term is one part of a row's urgency.
type Term struct {
	Name        string  `json:"name"`
	Value       float64 `json:"value"`
	Coefficient float64 `json:"coefficient"`
	Points      float64 `json:"points"`
}

// TriageRow is one thing that needs the user today.
type TriageRow struct {
	Key        string  `json:"key"` // stable per account: "item:12", "quiet", "escalation:3" …
	AccountID  uint64  `json:"account_id"`
	AccountUID string  `json:"account_uid,omitempty"` // the account's global id: the number alone may name another account after a restore
	Account    string  `json:"account"`
	Reason     Reason  `json:"reason"`
	Why        string  `json:"why"` // the reason in words
	Ref        uint64  `json:"ref,omitempty"`
	Due        Date    `json:"due,omitzero"`
	Urgency    float64 `json:"urgency"`
	Terms      []Term  `json:"terms"`
}

// hit is a row of the queue before it is put in words: compact, so ranking
// 100k accounts' rows is cheap; the words and the breakdown are built only for
// the rows someone looks at.
type hit struct {
	pos     int32 // the account's position in the book
	reason  Reason
	idx     int32   // which item, escalation, goal or opportunity of the summary (-1 for none)
	n       float64 // the reason's measure: days late, days quiet, points dropped, steps behind…
	urgency float64
	order   uint64 // sort key: urgency descending, then book position, reason, record
}

var reasonOrder = map[Reason]uint64{ReasonOverdueItem: 0, ReasonDueToday: 1, ReasonRenewal: 2, ReasonRenewalPassed: 3, ReasonQuiet: 4,
	ReasonHealthDrop: 5, ReasonEscalation: 6, ReasonGoalOverdue: 7, ReasonGoalOffTrack: 8, ReasonOnboarding: 9, ReasonOppPastClose: 10}

// TriageQueue is today's queue, most urgent first.
type TriageQueue struct {
	b    *Book
	w    TriageWeights
	hits []hit
}

// Len is the number of rows.
func (q *TriageQueue) Len() int { return len(q.hits) }

// Rows puts every row in words (for scripts).
func (q *TriageQueue) Rows() []TriageRow {
	out := make([]TriageRow, len(q.hits))
	for i := range q.hits {
		out[i] = q.Row(i)
	}
	return out
}

// Remove takes row i off the queue (acted on; the write follows).
func (q *TriageQueue) Remove(i int) {
	if i >= 0 && i < len(q.hits) {
		q.hits = append(q.hits[:i:i], q.hits[i+1:]...)
	}
}

// Kinds is the number of distinct reasons in the queue.
func (q *TriageQueue) Kinds() int {
	seen := map[Reason]bool{}
	for _, h := range q.hits {
		seen[h.reason] = true
	}
	return len(seen)
}

// Triage builds today's queue from the book, most urgent first, with the
// default weights. Rows that were snoozed past today are left out.
func Triage(b *Book) *TriageQueue { return TriageWith(b, DefaultTriageWeights()) }

// TriageWith builds today's queue with the weights w: their coefficients,
// and only the reasons they show.
func TriageWith(b *Book, w TriageWeights) *TriageQueue {
	today := b.Today
	q := &TriageQueue{b: b, w: w}
	scan := func(lo, hi int, out *[]hit) {
		for i := lo; i < hi; i++ {
			s := &b.Sums[i]
			if s.Stage == StageClosed || s.Stage == StageProspecting {
				continue
			}
			add := func(reason Reason, idx int, n float64) {
				if w.Reasons != nil && !w.Shows(reason) {
					return
				}
				h := hit{pos: int32(i), reason: reason, idx: int32(idx), n: n}
				if len(s.Snoozes) > 0 && s.Snoozed(q.key(&h), today) {
					return
				}
				q.terms(&h, func(_ string, v, c float64) { h.urgency += v * c })
				h.urgency = math.Round(h.urgency*100) / 100
				u := uint64(max(0, min(65535, h.urgency*100)))
				h.order = (65535-u)<<48 | uint64(i)<<24 | reasonOrder[reason]<<20 | uint64(idx+1)&(1<<20-1)
				*out = append(*out, h)
			}
			for j, it := range s.Items {
				switch {
				case it.Due != 0 && it.Due < today:
					add(ReasonOverdueItem, j, float64(today.Sub(it.Due)))
				case it.Due == today:
					add(ReasonDueToday, j, 0)
				}
			}
			if d, ok := s.DaysToRenewal(today); ok && !s.RenewalOpp {
				switch {
				case d < 0:
					add(ReasonRenewalPassed, -1, float64(-d))
				case d <= s.NoticeDays:
					add(ReasonRenewal, -1, float64(d))
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
					add(ReasonQuiet, -1, float64(since))
				}
			}
			if b.HasTrend[i] && b.Trend[i] <= -HealthDropThreshold {
				add(ReasonHealthDrop, -1, float64(-b.Trend[i]))
			}
			for j := range s.Escalations {
				add(ReasonEscalation, j, 0)
			}
			for j, g := range s.Goals {
				switch g.Status(today) {
				case GoalOverdue:
					add(ReasonGoalOverdue, j, float64(today.Sub(g.Due)))
				case GoalAtRisk:
					add(ReasonGoalOffTrack, j, 0)
				}
			}
			behind := 0
			for _, d := range s.Onboarding {
				if d != 0 && d < today {
					behind++
				}
			}
			if behind > 0 {
				add(ReasonOnboarding, -1, float64(behind))
			}
			for j, o := range s.Opps {
				if o.CloseDate < today {
					add(ReasonOppPastClose, j, float64(today.Sub(o.CloseDate)))
				}
			}
		}
	}
	// Both cores: each scans half the book.
	n := len(b.Sums)
	var second []hit
	if n > 20_000 {
		both(func() {
			q.hits = make([]hit, 0, n)
			scan(0, n/2, &q.hits)
		}, func() {
			second = make([]hit, 0, n)
			scan(n/2, n, &second)
		})
	} else {
		q.hits = make([]hit, 0, 2*n)
		scan(0, n, &q.hits)
	}
	q.hits = append(q.hits, second...)
	// Most urgent first; ties in book order, then by reason and record: a
	// total order packed in one integer, so sorting 100k rows is cheap.
	type ref struct {
		order uint64
		i     int32
	}
	refs := make([]ref, len(q.hits))
	for i := range q.hits {
		refs[i] = ref{q.hits[i].order, int32(i)}
	}
	slices.SortFunc(refs, func(x, y ref) int { return cmp.Compare(x.order, y.order) })
	sorted := make([]hit, len(q.hits))
	for i, r := range refs {
		sorted[i] = q.hits[r.i]
	}
	q.hits = sorted
	return q
}

var severityTerm = map[Severity]string{SevCritical: "severity critical", SevHigh: "severity high", SevMedium: "severity medium", SevLow: "severity low"}
var reasonTerm = func() map[Reason]string {
	m := map[Reason]string{}
	for r := range UrgencyBase {
		m[r] = "reason: " + strings.ReplaceAll(string(r), "_", " ")
	}
	return m
}()

// terms calls fn with each term of a hit's urgency: one definition serves the
// ranking and the breakdown shown on ?.
func (q *TriageQueue) terms(h *hit, fn func(name string, value, coef float64)) {
	s := &q.b.Sums[h.pos]
	w := &q.w
	fn(reasonTerm[h.reason], 1, w.Base[h.reason])
	switch h.reason {
	case ReasonOverdueItem, ReasonRenewalPassed, ReasonGoalOverdue:
		fn("days late", capped(h.n, w.LateCap, w.PerDayLate), w.PerDayLate)
	case ReasonRenewal:
		fn("window used", 1-h.n/float64(max(1, s.NoticeDays)), w.RenewalWindow)
	case ReasonQuiet:
		fn("days past cadence", capped(h.n-float64(s.CadenceDays), w.QuietCap, w.PerDayQuiet), w.PerDayQuiet)
	case ReasonHealthDrop:
		fn("points beyond threshold", h.n-HealthDropThreshold, w.PerHealthPt)
	case ReasonEscalation:
		sev := s.Escalations[h.idx].Severity
		fn(severityTerm[sev], 1, w.Severity[sev])
	case ReasonOnboarding:
		fn("steps behind", h.n, w.PerStepBehind)
	case ReasonOppPastClose:
		fn("days past close", math.Min(h.n, 30), w.PerDayPast)
	}
	fn("ARR percentile", q.b.ARRPct[h.pos], w.ARR)
	if q.b.Key[h.pos] {
		fn("key account", 1, w.KeyAccount)
	}
}

// capped is n days, at most the days that earn limit points at perDay each
// (no limit when perDay is 0).
func capped(n, limit, perDay float64) float64 {
	if perDay <= 0 {
		return n
	}
	return math.Min(n, limit/perDay)
}

// key is the row's stable key within its account (what a snooze names).
func (q *TriageQueue) key(h *hit) string {
	s := &q.b.Sums[h.pos]
	id := func(v uint64) string { return strconv.FormatUint(v, 10) }
	switch h.reason {
	case ReasonOverdueItem, ReasonDueToday:
		return "item:" + id(s.Items[h.idx].ID)
	case ReasonRenewal, ReasonRenewalPassed:
		return "renewal"
	case ReasonQuiet:
		return "quiet"
	case ReasonHealthDrop:
		return "health"
	case ReasonEscalation:
		return "escalation:" + id(s.Escalations[h.idx].ID)
	case ReasonGoalOverdue, ReasonGoalOffTrack:
		return "goal:" + id(s.Goals[h.idx].ID)
	case ReasonOnboarding:
		return "onboarding"
	case ReasonOppPastClose:
		return "opp:" + id(s.Opps[h.idx].ID)
	}
	return string(h.reason)
}

// Index finds the row with a key on the account numbered acct whose global
// id is uid, or returns -1: the row is gone (acted on, elsewhere too) or the
// number now names another account. It does not put rows in words.
func (q *TriageQueue) Index(acct uint64, uid, key string) int {
	if uid == "" {
		return -1
	}
	for i := range q.hits {
		h := &q.hits[i]
		if s := &q.b.Sums[h.pos]; s.ID == acct && s.UID == uid && q.key(h) == key {
			return i
		}
	}
	return -1
}

// Row puts row i in words, with its urgency breakdown.
func (q *TriageQueue) Row(i int) TriageRow {
	h := &q.hits[i]
	s := &q.b.Sums[h.pos]
	n := int(h.n)
	r := TriageRow{Key: q.key(h), AccountID: s.ID, AccountUID: s.UID, Account: s.Name, Reason: h.reason, Urgency: h.urgency}
	switch h.reason {
	case ReasonOverdueItem:
		it := s.Items[h.idx]
		r.Ref, r.Due, r.Why = it.ID, it.Due, fmt.Sprintf("%s — overdue %s", it.Text, plural(n, "day"))
	case ReasonDueToday:
		it := s.Items[h.idx]
		r.Ref, r.Due, r.Why = it.ID, it.Due, it.Text+" — due today"
	case ReasonRenewalPassed:
		r.Due, r.Why = s.Renewal, fmt.Sprintf("renewal passed %s ago (%s) and no renewal opportunity", plural(n, "day"), s.Renewal.Format(q.w.DateLayout))
	case ReasonRenewal:
		r.Due, r.Why = s.Renewal, fmt.Sprintf("renews in %s (%s), inside the %d-day notice window, no renewal opportunity", plural(n, "day"), s.Renewal.Format(q.w.DateLayout), s.NoticeDays)
	case ReasonQuiet:
		r.Due = s.LastTouch.AddDays(s.CadenceDays)
		r.Why = fmt.Sprintf("no touch for %s (check in every %d)", plural(n, "day"), s.CadenceDays)
		if s.LastTouch.IsZero() {
			r.Due, r.Why = 0, fmt.Sprintf("never touched since the contract started %s ago (check in every %d days)", plural(n, "day"), s.CadenceDays)
		}
	case ReasonHealthDrop:
		hs := q.b.Health[h.pos]
		r.Why = fmt.Sprintf("health fell %d points since last month, to %d (%s)", n, hs, BandOf(hs))
	case ReasonEscalation:
		e := s.Escalations[h.idx]
		r.Ref, r.Why = e.ID, fmt.Sprintf("open %s escalation: %s", e.Severity, e.Title)
	case ReasonGoalOverdue:
		g := s.Goals[h.idx]
		r.Ref, r.Due, r.Why = g.ID, g.Due, fmt.Sprintf("goal %q was due %s ago at %.0f%%", g.Title, plural(n, "day"), g.Progress*100)
	case ReasonGoalOffTrack:
		g := s.Goals[h.idx]
		r.Ref, r.Due, r.Why = g.ID, g.Due, fmt.Sprintf("goal %q is off track: %.0f%% done, due %s", g.Title, g.Progress*100, g.Due.Format(q.w.DateLayout))
	case ReasonOnboarding:
		r.Why = fmt.Sprintf("onboarding behind: %s past due", plural(n, "step"))
	case ReasonOppPastClose:
		o := s.Opps[h.idx]
		r.Ref, r.Due, r.Why = o.ID, o.CloseDate, fmt.Sprintf("%s opportunity %q passed its close date %s ago", o.Kind, o.Title, plural(n, "day"))
	}
	q.terms(h, func(name string, v, c float64) {
		r.Terms = append(r.Terms, Term{Name: name, Value: v, Coefficient: c, Points: v * c})
	})
	return r
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

func plural(n int, unit string) string { return Plural(n, unit) }

// ParseSnooze reads how long to put a row off: 1d, 3d, 2w, fri, tomorrow,
// 2026-12-01 (anything ParseDate reads). The date must be after today.
func ParseSnooze(s string, today Date) (Date, error) { return ParseSnoozeIn(s, today, "") }

// ParseSnoozeIn is ParseSnooze that also takes a date written in layout (the
// date_format setting, see ParseDateIn).
func ParseSnoozeIn(s string, today Date, layout string) (Date, error) {
	d, err := ParseDateIn(s, today, layout)
	if err != nil {
		return 0, err
	}
	if d <= today {
		return 0, Invalid("snooze", s, "must be a day after today")
	}
	return d, nil
}
