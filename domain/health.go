package domain

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Health weights: the share each signal has in the score when it has data.
// A signal without data is left out and the others renormalised.
const (
	WeightEngagement  = 20 // days since the last touch against the check-in cadence
	WeightNPS         = 15 // latest NPS answer
	WeightCSAT        = 10 // latest CSAT answer
	WeightRisks       = 15 // open risks by severity
	WeightARRTrend    = 10 // ARR now against a year ago
	WeightOverdue     = 10 // overdue action items
	WeightGoals       = 10 // mean goal progress
	WeightRenewal     = 5  // renewal near without a renewal opportunity
	WeightStakeholder = 5  // a champion and a decision maker known
)

// MinHealthEvidence is how many signals must rest on records of the account
// for a health score: with fewer, health is "not enough data". Evidence is
// what was recorded — a touch within a cadence, a survey answer, an ARR a
// year ago, action items, goals, an open risk, contacts — never the absence
// of records: "0 open risks" on an account nobody has worked says nothing,
// and neither does a renewal date alone.
const MinHealthEvidence = 2

// Band is a health band.
type Band int

const (
	BandNone    Band = iota // not enough data
	BandAtRisk              // below 50
	BandWatch               // 50–74
	BandHealthy             // 75 and up
)

func (b Band) String() string {
	return [...]string{"not enough data", "at risk", "watch", "healthy"}[b]
}

// BandOf a score (-1 for none).
func BandOf(score int) Band {
	switch {
	case score < 0:
		return BandNone
	case score < 50:
		return BandAtRisk
	case score < 75:
		return BandWatch
	}
	return BandHealthy
}

// Signal is one input of the health score, explained.
type Signal struct {
	Name   string  `json:"name"`
	Value  string  `json:"value"`  // the input, in words ("41 days since last touch, cadence 30")
	Score  float64 `json:"score"`  // 0–100 for this signal
	Weight float64 `json:"weight"` // share of the total after renormalising, 0–1
	Points float64 `json:"points"` // Score × Weight: what it adds to the health score
}

// HealthReport is a health score with its explanation.
type HealthReport struct {
	Score   int      `json:"score"` // 0–100, -1 when there is not enough data (see MinHealthEvidence)
	Band    string   `json:"band"`
	Signals []Signal `json:"signals"`
	Missing []string `json:"missing,omitempty"` // signals left out for want of data
	Reason  string   `json:"reason,omitempty"`  // why there is no score: "not enough data: …"
}

// Health computes the explained health score of an account on today.
func Health(s *Summary, today Date) HealthReport { return health(s, today, true) }

// HealthScore is Health's score alone, without building the explanation
// (what the portfolio needs for every account at start).
func HealthScore(s *Summary, today Date) int { return health(s, today, false).Score }

func health(s *Summary, today Date, explain bool) HealthReport {
	var buf [9]Signal
	sig := buf[:0]
	var missing []string
	evidence := 0
	// add adds a signal with data; ok false leaves it out as missing.
	// Signals that rest on records of the account count as evidence.
	add := func(name string, weight int, ok bool, score float64, value func() string) {
		if !ok {
			if explain {
				missing = append(missing, name)
			}
			return
		}
		switch name {
		case "risks":
			if s.Risks != [4]int{} {
				evidence++ // an open risk is a record; none is not
			}
		case "renewal":
		default:
			evidence++
		}
		x := Signal{Name: name, Score: clamp100(score), Weight: float64(weight)}
		if explain {
			x.Value = value()
		}
		sig = append(sig, x)
	}
	// Engagement: full marks within the cadence, falling to zero at three cadences.
	if !s.LastTouch.IsZero() && s.CadenceDays > 0 {
		days := today.Sub(s.LastTouch)
		r := float64(days) / float64(s.CadenceDays)
		add("engagement", WeightEngagement, true, 100-(r-1)*50, func() string {
			return fmt.Sprintf("%s since last touch, cadence %d", plural(days, "day"), s.CadenceDays)
		})
	} else {
		add("engagement", WeightEngagement, false, 0, nil)
	}
	add("nps", WeightNPS, s.NPS >= 0, float64(s.NPS)*10, func() string { return fmt.Sprintf("latest NPS answer %d/10", s.NPS) })
	add("csat", WeightCSAT, s.CSAT >= 1, float64(s.CSAT-1)*25, func() string { return fmt.Sprintf("latest CSAT %d/5", s.CSAT) })
	open := s.Risks[0] + s.Risks[1] + s.Risks[2] + s.Risks[3]
	riskScore := 100 - 10*float64(s.Risks[0]) - 20*float64(s.Risks[1]) - 35*float64(s.Risks[2]) - 60*float64(s.Risks[3])
	add("risks", WeightRisks, true, riskScore, func() string {
		return fmt.Sprintf("%d open (%d critical, %d high)", open, s.Risks[3], s.Risks[2])
	})
	if s.ARRYearAgo > 0 {
		ch := float64(s.ARR.Amount-s.ARRYearAgo) / float64(s.ARRYearAgo)
		// flat is 70; +10% or more is 100; -23% or worse is 0.
		add("arr_trend", WeightARRTrend, true, 70+ch*300, func() string { return fmt.Sprintf("ARR %+.0f%% in 12 months", ch*100) })
	} else {
		add("arr_trend", WeightARRTrend, false, 0, nil)
	}
	if n := len(s.Items); n > 0 {
		od := s.Overdue(today)
		add("overdue_items", WeightOverdue, true, 100-25*float64(od), func() string { return fmt.Sprintf("%d of %d open items overdue", od, n) })
	} else {
		add("overdue_items", WeightOverdue, false, 0, nil)
	}
	add("goals", WeightGoals, s.GoalProgress >= 0, float64(s.GoalProgress), func() string { return fmt.Sprintf("goals %d%% of the way", s.GoalProgress) })
	if d, ok := s.DaysToRenewal(today); ok && s.Stage != StageClosed {
		score, why := 100.0, ""
		switch {
		case s.RenewalOpp:
			why = ", renewal opportunity open"
		case d <= s.NoticeDays:
			score, why = 0, fmt.Sprintf(", inside the %d-day notice window, no renewal opportunity", s.NoticeDays)
		case d <= 2*s.NoticeDays:
			score, why = 50, ", no renewal opportunity yet"
		}
		add("renewal", WeightRenewal, true, score, func() string { return fmt.Sprintf("renewal in %d days", d) + why })
	} else {
		add("renewal", WeightRenewal, false, 0, nil)
	}
	cov, why := 0.0, "no champion, no decision maker"
	switch {
	case s.Champion && s.DecisionMaker:
		cov, why = 100, "champion and decision maker known"
	case s.Champion:
		cov, why = 50, "champion known, no decision maker"
	case s.DecisionMaker:
		cov, why = 50, "decision maker known, no champion"
	}
	add("stakeholders", WeightStakeholder, s.Contacts > 0 || s.Champion || s.DecisionMaker, cov, func() string { return why })

	total := 0.0
	for _, x := range sig {
		total += x.Weight
	}
	r := HealthReport{Score: -1, Missing: missing}
	if explain {
		r.Signals = slices.Clone(sig)
	} else {
		r.Signals = sig
	}
	if total == 0 || evidence < MinHealthEvidence {
		r.Band = BandNone.String()
		if explain {
			var need []string
			for _, m := range missing {
				if m != "renewal" {
					need = append(need, SignalWords(m))
				}
			}
			r.Reason = fmt.Sprintf("not enough data: %d of the %d signals a score needs have records (missing: %s)", evidence, MinHealthEvidence, strings.Join(need, ", "))
			for i := range r.Signals { // what is known, unweighted
				r.Signals[i].Weight, r.Signals[i].Points = 0, 0
			}
		} else {
			r.Signals = nil
		}
		return r
	}
	sum := 0.0
	for i := range r.Signals {
		r.Signals[i].Weight /= total
		r.Signals[i].Points = r.Signals[i].Score * r.Signals[i].Weight
		sum += r.Signals[i].Points
	}
	r.Score = int(math.Round(sum))
	r.Band = BandOf(r.Score).String()
	if !explain {
		r.Signals = nil
	}
	return r
}

func clamp100(f float64) float64 { return max(0, min(100, f)) }

// Trend is the change of health since the previous month: the score now
// minus the last one recorded in the month before today's; ok is false when
// there is no such record.
func Trend(s *Summary, now int, today Date) (int, bool) {
	prev := -1
	switch MonthIndex(today) - s.HealthMonth {
	case 0: // refreshed this month: HealthPrev is last month's
		prev = s.HealthPrev
	case 1: // last refreshed last month: its last score is last month's
		prev = s.HealthLast
	}
	if prev < 0 || now < 0 {
		return 0, false
	}
	return now - prev, true
}

// SignalWords names a health signal as a person says it.
func SignalWords(name string) string {
	switch name {
	case "engagement":
		return "a logged touch"
	case "nps":
		return "an NPS answer"
	case "csat":
		return "a CSAT answer"
	case "arr_trend":
		return "ARR a year ago"
	case "overdue_items":
		return "action items"
	case "goals":
		return "goals"
	case "stakeholders":
		return "contacts"
	}
	return strings.ReplaceAll(name, "_", " ")
}

// SignalName is a health signal's short name for people (arr_trend: "ARR trend").
func SignalName(name string) string {
	switch name {
	case "arr_trend":
		return "ARR trend"
	case "overdue_items":
		return "overdue items"
	case "nps":
		return "NPS"
	case "csat":
		return "CSAT"
	}
	return strings.ReplaceAll(name, "_", " ")
}
