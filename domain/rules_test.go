package domain

import (
	"testing"
	"time"
)

func TestCustomerOn(t *testing.T) {
	d := func(s string) Date { x, _ := ParseISODate(s); return x }
	start, closed := d("2026-01-10"), d("2026-06-30")
	cases := []struct {
		stage Stage
		day   string
		want  bool
	}{
		{StageRetention, "2026-01-09", false},
		{StageRetention, "2026-01-10", true},
		{StageRetention, "2026-06-29", true},
		{StageRetention, "2026-06-30", false},
		{StageProspecting, "2026-03-01", false},
	}
	for _, c := range cases {
		if got := CustomerOn(c.stage, start, closed, d(c.day)); got != c.want {
			t.Errorf("%s on %s: %v", c.stage, c.day, got)
		}
	}
	if CustomerOn(StageOnboarding, 0, 0, d("1990-01-01")) || CustomerOn(StageRetention, 0, 0, d("2030-01-01")) {
		t.Error("no contract start: a prospect, never a customer")
	}
	if StageShown(StageRetention, 0) != StageProspecting || StageShown(StageClosed, 0) != StageClosed || StageShown(StageRetention, start) != StageRetention {
		t.Error("StageShown: an open account without a start shows as a prospect")
	}
	// The KPI report's "at the start of d" is "on the day before".
	k := KPIAccount{Stage: StageRetention, ContractStart: start, ClosedOn: closed}
	for _, day := range []string{"2026-01-10", "2026-01-11", "2026-06-30", "2026-07-01"} {
		if k.activeOn(d(day)) != CustomerOn(k.Stage, start, closed, d(day).AddDays(-1)) {
			t.Errorf("activeOn %s disagrees", day)
		}
	}
}

func TestOpportunityMove(t *testing.T) {
	today := Date(20000)
	o := Opportunity{Stage: OppPropose, Probability: 40}
	o.Move(OppWon, today)
	if o.Probability != 100 || o.ClosedOn != today {
		t.Fatalf("won: %+v", o)
	}
	o.Move(OppLost, today+3) // already closed: the day stays
	if o.Probability != 0 || o.ClosedOn != today {
		t.Fatalf("lost: %+v", o)
	}
	o.Move(OppNegotiate, today+5)
	if !o.Open() || !o.ClosedOn.IsZero() {
		t.Fatalf("reopened: %+v", o)
	}
}

func TestRiskSetStatusAndItemSetDone(t *testing.T) {
	r := Risk{Status: RiskOpen, Opened: Date(20010)}
	r.SetStatus(RiskResolved, Date(20000)) // never before it opened
	if r.Resolved != Date(20010) {
		t.Fatalf("resolved %v", r.Resolved)
	}
	r.SetStatus(RiskMitigating, Date(20020))
	if !r.Resolved.IsZero() {
		t.Fatalf("reopened %v", r.Resolved)
	}
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	var a ActionItem
	a.SetDone(true, now)
	a.SetDone(true, now.Add(time.Hour)) // already done: the time stays
	if !a.Done || !a.DoneAt.Equal(now) {
		t.Fatalf("done %+v", a)
	}
	a.SetDone(false, now)
	if a.Done || !a.DoneAt.IsZero() {
		t.Fatalf("open %+v", a)
	}
}
