package domain

import (
	"strings"
	"testing"
)

func validAccount() Account {
	a := NewAccount("Acme Robotics")
	a.Website = "acme.example.com"
	a.ContractStart = d("2025-01-15")
	a.Renewal = d("2026-01-15")
	a.ARR = Money{12_000_000, "USD"}
	return a
}

func TestAccountValidate(t *testing.T) {
	a := validAccount()
	if err := a.Validate(); err != nil {
		t.Fatalf("valid account: %v", err)
	}
	cases := []struct {
		field string
		mut   func(*Account)
	}{
		{"name", func(a *Account) { a.Name = "  " }},
		{"name", func(a *Account) { a.Name = strings.Repeat("x", 201) }},
		{"tier", func(a *Account) { a.Tier = "gold" }},
		{"stage", func(a *Account) { a.Stage = "" }},
		{"closed_on", func(a *Account) { a.Stage = StageClosed; a.ClosedReason = "budget" }},
		{"closed_reason", func(a *Account) { a.Stage = StageClosed; a.ClosedOn = d("2026-01-01") }},
		{"arr", func(a *Account) { a.ARR.Amount = -1 }},
		{"arr", func(a *Account) { a.ARR.Amount = MaxMoney + 1 }},
		{"arr", func(a *Account) { a.ARR.Currency = "dollars" }},
		{"renewal", func(a *Account) { a.Renewal = d("2024-01-01") }},
		{"cadence_days", func(a *Account) { a.CadenceDays = 0 }},
		{"renewal_notice_days", func(a *Account) { a.NoticeDays = 400 }},
		{"growth_potential", func(a *Account) { a.GrowthPotential = 6 }},
		{"replaceability", func(a *Account) { a.Replaceability = 0 }},
		{"website", func(a *Account) { a.Website = "not a site" }},
		{"employees", func(a *Account) { a.Employees = -3 }},
	}
	for _, c := range cases {
		a := validAccount()
		c.mut(&a)
		errs := FieldErrors(a.Validate())
		if len(errs) == 0 {
			t.Errorf("%s: no error", c.field)
			continue
		}
		if errs[0].Field != c.field || errs[0].Code != EINVALID {
			t.Errorf("%s: got %+v", c.field, errs[0])
		}
	}
	// Several faults are all reported.
	a = validAccount()
	a.Name, a.Tier, a.CadenceDays = "", "x", 0
	if n := len(FieldErrors(a.Validate())); n != 3 {
		t.Errorf("want 3 errors, got %d: %v", n, a.Validate())
	}
}

func TestOtherValidation(t *testing.T) {
	cases := []struct {
		name string
		err  error
	}{
		{"contact email", (&Contact{Name: "Ana", Email: "ana-at-example"}).Validate()},
		{"contact phone", (&Contact{Name: "Ana", Phone: "call me"}).Validate()},
		{"contact role", (&Contact{Name: "Ana", Role: "boss"}).Validate()},
		{"interaction channel", (&Interaction{At: d("2026-01-01").Time(), Channel: "fax"}).Validate()},
		{"goal target", (&Goal{Title: "x", Metric: "m", Baseline: 1, Target: 1}).Validate()},
		{"goal dates", (&Goal{Title: "x", Metric: "m", Target: 1, Start: d("2026-02-01"), Due: d("2026-01-01")}).Validate()},
		{"item text", (&ActionItem{}).Validate()},
		{"opp probability", (&Opportunity{Title: "x", Kind: OppUpsell, Stage: OppQualify, Probability: 120}).Validate()},
		{"opp won without date", (&Opportunity{Title: "x", Kind: OppUpsell, Stage: OppWon, Probability: 100}).Validate()},
		{"risk resolved before opened", (&Risk{Title: "x", Kind: RiskConcern, Severity: SevLow, Status: RiskResolved, Opened: d("2026-02-01"), Resolved: d("2026-01-01")}).Validate()},
		{"order zero", (&Order{Date: d("2026-01-01")}).Validate()},
		{"nps 11", (&SurveyResponse{Kind: SurveyNPS, Score: 11, Date: d("2026-01-01")}).Validate()},
		{"csat 0", (&SurveyResponse{Kind: SurveyCSAT, Score: 0, Date: d("2026-01-01")}).Validate()},
		{"win title", (&Win{Date: d("2026-01-01")}).Validate()},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: want an error", c.name)
		}
	}
	ok := []error{
		(&Contact{Name: "Ana", Email: "ana@example.com", Phone: "+1 (555) 123-4567", Role: RoleChampion}).Validate(),
		(&SurveyResponse{Kind: SurveyNPS, Score: 0, Date: d("2026-01-01")}).Validate(),
		(&Opportunity{Title: "x", Kind: OppRenewal, Stage: OppWon, Probability: 100, ClosedOn: d("2026-01-01")}).Validate(),
	}
	for i, err := range ok {
		if err != nil {
			t.Errorf("valid record %d: %v", i, err)
		}
	}
}

func TestParseEnum(t *testing.T) {
	if r, err := ParseEnum("role", "Decision Maker", Roles); err != nil || r != RoleDecisionMaker {
		t.Errorf("got %v %v", r, err)
	}
	if r, err := ParseEnum("tier", "strat", Tiers); err != nil || r != TierStrategic {
		t.Errorf("prefix: got %v %v", r, err)
	}
	if _, err := ParseEnum("stage", "re", Stages); err == nil { // relationship-building or retention
		t.Error("an ambiguous prefix must fail")
	}
}

func TestGoalProgressAndStatus(t *testing.T) {
	up := Goal{Baseline: 100, Target: 300, Current: 200, Start: d("2026-01-01"), Due: d("2026-12-31")}
	down := Goal{Baseline: 30, Target: 8, Current: 19}
	if up.Progress() != 0.5 || down.Progress() != 0.5 {
		t.Errorf("progress %v %v", up.Progress(), down.Progress())
	}
	if s := up.Status(d("2026-06-01")); s != GoalOnTrack {
		t.Errorf("half way in June: %s", s)
	}
	if s := up.Status(d("2026-11-30")); s != GoalAtRisk {
		t.Errorf("half way in late November: %s", s)
	}
	if s := up.Status(d("2027-01-05")); s != GoalOverdue {
		t.Errorf("past due: %s", s)
	}
	over := Goal{Baseline: 0, Target: 10, Current: 15}
	if over.Progress() != 1 || over.Status(d("2030-01-01")) != GoalDone {
		t.Error("past the target is done")
	}
}
