package domain

import (
	"math"
	"strings"
	"testing"
)

func TestHealthExplainsAndRenormalises(t *testing.T) {
	today := d("2026-11-28")
	s := Summary{CadenceDays: 30, LastTouch: today.AddDays(-10), NPS: 9, CSAT: -1, GoalProgress: -1,
		Champion: true, DecisionMaker: true, HealthPrev: -1}
	h := Health(&s, today)
	// Present: engagement 100, nps 90, risks 100, stakeholders 100. Missing: csat, arr_trend, overdue_items, goals, renewal.
	// Weights 20+15+15+5 = 55; score = (20*100 + 15*90 + 15*100 + 5*100) / 55 = 97.27 → 97.
	if h.Score != 97 || h.Band != "healthy" {
		t.Errorf("score %d band %s", h.Score, h.Band)
	}
	if len(h.Missing) != 5 {
		t.Errorf("missing %v", h.Missing)
	}
	sum, wsum := 0.0, 0.0
	for _, sg := range h.Signals {
		sum += sg.Points
		wsum += sg.Weight
	}
	if math.Abs(sum-97.27) > 0.01 || math.Abs(wsum-1) > 1e-9 {
		t.Errorf("points add to %v, weights to %v", sum, wsum)
	}
}

func TestHealthFallsWithNeglect(t *testing.T) {
	today := d("2026-11-28")
	good := Summary{CadenceDays: 30, LastTouch: today.AddDays(-5), NPS: 9, CSAT: 5, GoalProgress: 80, Champion: true, DecisionMaker: true,
		Renewal: today.AddDays(200), NoticeDays: 90, ARR: Money{110, "USD"}, ARRYearAgo: 100}
	bad := good
	bad.LastTouch = today.AddDays(-95)
	bad.NPS, bad.CSAT = 3, 2
	bad.Risks = [4]int{0, 0, 1, 1}
	bad.Items = []ItemRef{{ID: 1, Due: today.AddDays(-3)}, {ID: 2, Due: today.AddDays(-9)}}
	bad.Renewal = today.AddDays(30)
	bad.ARR.Amount = 80
	hg, hb := Health(&good, today), Health(&bad, today)
	if hg.Score < 75 || hb.Score >= 50 {
		t.Errorf("good %d (%s) bad %d (%s)", hg.Score, hg.Band, hb.Score, hb.Band)
	}
	if BandOf(49) != BandAtRisk || BandOf(50) != BandWatch || BandOf(75) != BandHealthy || BandOf(-1) != BandNone {
		t.Error("band edges")
	}
}

// With too little recorded about an account, health says so and names what
// is missing, instead of a confident "80 healthy" made of "0 open risks".
func TestHealthKnowsWhenItDoesNotKnow(t *testing.T) {
	today := d("2026-11-28")
	empty := Summary{NPS: -1, CSAT: -1, GoalProgress: -1, CadenceDays: 30, Renewal: today.AddDays(200), NoticeDays: 90}
	h := Health(&empty, today)
	if h.Score != -1 || h.Band != "not enough data" || HealthScore(&empty, today) != -1 || BandOf(h.Score) != BandNone {
		t.Errorf("an account with no records: %+v", h)
	}
	if !strings.Contains(h.Reason, "not enough data: 0 of the 2") || !strings.Contains(h.Reason, "a logged touch") || !strings.Contains(h.Reason, "an NPS answer") || strings.Contains(h.Reason, "renewal") {
		t.Errorf("reason %q", h.Reason)
	}
	for _, sg := range h.Signals {
		if sg.Points != 0 {
			t.Errorf("a signal adds points to no score: %+v", sg)
		}
	}
	one := empty
	one.LastTouch = today.AddDays(-3) // one signal with records: still not enough
	if h := Health(&one, today); h.Score != -1 || !strings.Contains(h.Reason, "1 of the 2") {
		t.Errorf("one signal: %+v", h)
	}
	two := one
	two.NPS = 8
	if h := Health(&two, today); h.Score < 0 || h.Reason != "" {
		t.Errorf("two signals: %+v", h)
	}
	risky := one
	risky.Risks = [4]int{0, 0, 0, 1} // an open risk is a record
	if h := Health(&risky, today); h.Score < 0 {
		t.Errorf("a touch and a critical risk: %+v", h)
	}
	// Unknown has no trend: it is neither 0 nor 80.
	two.HealthMonth, two.HealthPrev = MonthIndex(today), 90
	if _, ok := Trend(&two, HealthScore(&empty, today), today); ok {
		t.Error("a trend from an unknown score")
	}
}

func TestSummarizeKeepsPreviousMonthHealth(t *testing.T) {
	a := NewAccount("Acme")
	nov := d("2026-11-28")
	s1 := Summarize(&a, Facts{}, nil, nov, nil)
	if s1.HealthPrev != -1 || s1.HealthMonth != MonthIndex(nov) {
		t.Fatalf("first summary %+v", s1)
	}
	dec := d("2026-12-02")
	s2 := Summarize(&a, Facts{}, &s1, dec, nil)
	if s2.HealthPrev != s1.HealthLast {
		t.Errorf("December keeps November's last score: %d want %d", s2.HealthPrev, s1.HealthLast)
	}
	s3 := Summarize(&a, Facts{}, &s2, dec.AddDays(1), nil)
	if s3.HealthPrev != s1.HealthLast {
		t.Error("a second December refresh keeps the November score")
	}
	feb := d("2027-02-10")
	if s4 := Summarize(&a, Facts{}, &s3, feb, nil); s4.HealthPrev != -1 {
		t.Error("a gap of more than a month has no previous score")
	}
}

func TestTrendIsAgainstLastMonth(t *testing.T) {
	today := d("2026-11-28")
	nov, oct := MonthIndex(today), MonthIndex(today)-1
	cases := []struct {
		month, last, prev int
		want              int
		ok                bool
	}{
		{nov, 70, 60, 10, true},     // refreshed this month: against October's last score
		{oct, 55, 40, 15, true},     // last refreshed in October: its last score is October's
		{oct - 1, 55, 40, 0, false}, // older than last month: no trend
		{nov, 70, -1, 0, false},
	}
	for _, c := range cases {
		s := Summary{HealthMonth: c.month, HealthLast: c.last, HealthPrev: c.prev}
		got, ok := Trend(&s, 70, today)
		if got != c.want || ok != c.ok {
			t.Errorf("%+v: %d %v", c, got, ok)
		}
	}
}
