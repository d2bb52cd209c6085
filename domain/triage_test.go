package domain

import (
	"strings"
	"testing"
)

// triageBook has one account per reason, each alone in its row, plus a quiet
// neighbour that is fine. Today is Saturday 2026-11-28.
func triageBook() *Book {
	today := d("2026-11-28")
	base := func(id uint64, name string) Summary {
		return Summary{ID: id, Name: name, Stage: StageRetention, Tier: TierRelationship, ContractStart: d("2025-01-01"), CadenceDays: 30,
			LastTouch: today.AddDays(-2), NoticeDays: 90, Renewal: today.AddDays(300), ARR: usd(10_000), NPS: -1, CSAT: -1, GoalProgress: -1, HealthPrev: -1, GrowthPotential: 3, Replaceability: 3}
	}
	var sums []Summary
	s := base(1, "Overdue Co")
	s.Items = []ItemRef{{ID: 11, Due: today.AddDays(-4), Text: "send pricing"}, {ID: 12, Due: today.AddDays(3), Text: "later"}}
	sums = append(sums, s)
	s = base(2, "Today Co")
	s.Items = []ItemRef{{ID: 21, Due: today, Text: "call back"}}
	sums = append(sums, s)
	s = base(3, "Renewal Co")
	s.Renewal = today.AddDays(30)
	sums = append(sums, s)
	s = base(4, "Lapsed Co")
	s.Renewal = today.AddDays(-5)
	sums = append(sums, s)
	s = base(5, "Quiet Co")
	s.LastTouch = today.AddDays(-50)
	sums = append(sums, s)
	s = base(6, "Falling Co")
	s.HealthPrev, s.HealthMonth = 95, MonthIndex(today) // its health today is far lower
	s.Risks = [4]int{0, 0, 1, 1}
	sums = append(sums, s)
	s = base(7, "Escalated Co")
	s.Escalations = []RiskRef{{ID: 71, Severity: SevCritical, Title: "P1 outage"}}
	sums = append(sums, s)
	s = base(8, "Goal Co")
	s.Goals = []GoalRef{{ID: 81, Title: "WAU", Start: today.AddDays(-100), Due: today.AddDays(-1), Progress: 0.4}, {ID: 82, Title: "CSAT", Start: today.AddDays(-90), Due: today.AddDays(10), Progress: 0.1}}
	sums = append(sums, s)
	s = base(9, "Onboarding Co")
	s.Stage = StageOnboarding
	s.Onboarding = []Date{today.AddDays(-3), today.AddDays(5)}
	sums = append(sums, s)
	s = base(10, "Deal Co")
	s.Opps = []OppRef{{ID: 101, Title: "Upsell analytics", Kind: OppUpsell, CloseDate: today.AddDays(-6)}}
	sums = append(sums, s)
	s = base(11, "Fine Co")
	s.RenewalOpp = true
	sums = append(sums, s)
	s = base(12, "Closed Co")
	s.Stage, s.ClosedOn = StageClosed, today.AddDays(-10)
	s.Items = []ItemRef{{ID: 121, Due: today.AddDays(-30), Text: "ignored"}}
	sums = append(sums, s)
	return NewBook(sums, today)
}

func TestTriageFindsEveryReason(t *testing.T) {
	rows := Triage(triageBook()).Rows()
	got := map[string]TriageRow{}
	for _, r := range rows {
		got[r.Account+"/"+string(r.Reason)] = r
	}
	want := map[string]string{
		"Overdue Co/overdue_item":         "send pricing — overdue 4 days",
		"Today Co/due_today":              "call back — due today",
		"Renewal Co/renewal":              "renews in 30 days (2026-12-28), inside the 90-day notice window, no renewal opportunity",
		"Lapsed Co/renewal_past":          "renewal passed 5 days ago (2026-11-23) and no renewal opportunity",
		"Quiet Co/quiet":                  "no touch for 50 days (check in every 30)",
		"Escalated Co/escalation":         "open critical escalation: P1 outage",
		"Goal Co/goal_overdue":            `goal "WAU" was due 1 day ago at 40%`,
		"Goal Co/goal_off_track":          `goal "CSAT" is off track: 10% done, due 2026-12-08`,
		"Onboarding Co/onboarding_behind": "onboarding behind: 1 step past due",
		"Deal Co/opp_past_close":          `upsell opportunity "Upsell analytics" passed its close date 6 days ago`,
	}
	for k, why := range want {
		r, ok := got[k]
		if !ok {
			t.Errorf("missing row %s", k)
			continue
		}
		if r.Why != why {
			t.Errorf("%s why = %q\n want %q", k, r.Why, why)
		}
	}
	if _, ok := got["Falling Co/health_drop"]; !ok {
		t.Error("missing the health drop row")
	}
	for k := range got {
		if strings.HasPrefix(k, "Fine Co") || strings.HasPrefix(k, "Closed Co") {
			t.Errorf("unexpected row %s", k)
		}
	}
	if len(rows) != 11 {
		t.Errorf("%d rows", len(rows))
	}
}

func TestTriageOrderAndExplanation(t *testing.T) {
	rows := Triage(triageBook()).Rows()
	for i := 1; i < len(rows); i++ {
		if rows[i].Urgency > rows[i-1].Urgency {
			t.Fatalf("row %d (%v) ranks above a less urgent one", i, rows[i].Urgency)
		}
	}
	// An escalation (7 + critical 6) outranks a quiet account (4 + 2 days × 0.1).
	pos := map[Reason]int{}
	for i, r := range rows {
		pos[r.Reason] = i
	}
	if pos[ReasonEscalation] > pos[ReasonQuiet] || pos[ReasonRenewalPassed] > pos[ReasonGoalOffTrack] {
		t.Errorf("order %v", pos)
	}
	for _, r := range rows {
		sum := 0.0
		for _, x := range r.Terms {
			if x.Points != x.Value*x.Coefficient {
				t.Errorf("%s term %s: %v × %v ≠ %v", r.Key, x.Name, x.Value, x.Coefficient, x.Points)
			}
			sum += x.Points
		}
		if d := sum - r.Urgency; d > 0.01 || d < -0.01 {
			t.Errorf("%s: terms add to %v, urgency %v", r.Key, sum, r.Urgency)
		}
	}
	// A key account weighs more: the same overdue item gains UrgencyKeyAccount.
	overdue := func(key bool) float64 {
		b := triageBook()
		b.Key[0] = key
		for _, r := range Triage(b).Rows() {
			if r.Reason == ReasonOverdueItem {
				return r.Urgency
			}
		}
		return -1
	}
	if d := overdue(true) - overdue(false); d < UrgencyKeyAccount-0.01 || d > UrgencyKeyAccount+0.01 {
		t.Errorf("key account adds %v, want %v", d, UrgencyKeyAccount)
	}
}

func TestTriageSnoozesAndEmptyQueue(t *testing.T) {
	b := triageBook()
	today := b.Today
	for i := range b.Sums {
		s := &b.Sums[i]
		keys := []string{"renewal", "quiet", "health", "onboarding"}
		for _, it := range s.Items {
			keys = append(keys, "item:"+itoa(int(it.ID)))
		}
		for _, r := range s.Escalations {
			keys = append(keys, "escalation:"+itoa(int(r.ID)))
		}
		for _, g := range s.Goals {
			keys = append(keys, "goal:"+itoa(int(g.ID)))
		}
		for _, o := range s.Opps {
			keys = append(keys, "opp:"+itoa(int(o.ID)))
		}
		for _, k := range keys {
			s.Snoozes = append(s.Snoozes, SnoozeRef{Key: k, Until: today + 1})
		}
	}
	if rows := Triage(b).Rows(); len(rows) != 0 {
		t.Errorf("snoozed rows still shown: %+v", rows)
	}
	if d, what, ok := NextDue(b); !ok || d != today+3 || !strings.Contains(what, "later") {
		t.Errorf("next due %v %q %v", d, what, ok)
	}
	// A snooze that ended brings the row back.
	b.Today = today + 2
	if rows := Triage(b).Rows(); len(rows) == 0 {
		t.Error("rows must return after the snooze")
	}
}

func TestParseSnooze(t *testing.T) {
	today := d("2026-11-28")
	for in, want := range map[string]string{"1d": "2026-11-29", "3d": "2026-12-01", "fri": "2026-12-04", "2026-12-01": "2026-12-01", "+2w": "2026-12-12"} {
		if got, err := ParseSnooze(in, today); err != nil || got.String() != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	for _, bad := range []string{"today", "yesterday", "2026-11-01", "soon", ""} {
		if _, err := ParseSnooze(bad, today); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The weights are a value: the defaults rank as Triage does, other weights
// rerank without touching the defaults, and Reasons keeps only those kinds.
func TestTriageWith(t *testing.T) {
	def := Triage(triageBook()).Rows()
	same := TriageWith(triageBook(), DefaultTriageWeights()).Rows()
	if len(def) != len(same) {
		t.Fatalf("defaults: %d rows, want %d", len(same), len(def))
	}
	for i := range def {
		if def[i].Key != same[i].Key || def[i].Urgency != same[i].Urgency {
			t.Fatalf("row %d: %+v, want %+v", i, same[i], def[i])
		}
	}
	for _, r := range Reasons {
		if _, ok := UrgencyBase[r]; !ok {
			t.Errorf("reason %s has no base urgency", r)
		}
	}
	w := DefaultTriageWeights()
	w.Base[ReasonOppPastClose] = 50
	w.PerDayPast = 1
	rows := TriageWith(triageBook(), w).Rows()
	if rows[0].Reason != ReasonOppPastClose {
		t.Errorf("first row %s, want the opportunity weighed 50", rows[0].Reason)
	}
	if got := rows[0].Terms[1]; got.Coefficient != 1 || got.Points != 6 {
		t.Errorf("days past close term: %+v", got)
	}
	if UrgencyBase[ReasonOppPastClose] != 3 || DefaultTriageWeights().Base[ReasonOppPastClose] != 3 {
		t.Error("changing weights changed the defaults")
	}
	w = DefaultTriageWeights()
	w.Reasons = []Reason{ReasonEscalation, ReasonQuiet}
	rows = TriageWith(triageBook(), w).Rows()
	if len(rows) != 2 {
		t.Fatalf("reasons escalation and quiet: %d rows %+v", len(rows), rows)
	}
	for _, r := range rows {
		if r.Reason != ReasonEscalation && r.Reason != ReasonQuiet {
			t.Errorf("row of reason %s shown", r.Reason)
		}
	}
}

// The reasons' words show dates in the weights' layout; Due stays a Date.
func TestTriageDateLayout(t *testing.T) {
	w := DefaultTriageWeights()
	w.DateLayout = "2 Jan 2006"
	found := false
	for _, r := range TriageWith(triageBook(), w).Rows() {
		if r.Reason == ReasonRenewal {
			found = true
			if !strings.Contains(r.Why, "(28 Dec 2026)") || r.Due.String() != "2026-12-28" {
				t.Errorf("renewal: %q due %v", r.Why, r.Due)
			}
		}
	}
	if !found {
		t.Fatal("no renewal row")
	}
}
