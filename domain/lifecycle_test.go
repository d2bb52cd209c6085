package domain

import (
	"strings"
	"testing"
	"time"
)

func dollars(major int64) Money { return Money{Amount: major * 100, Currency: "USD"} }

func TestWinRenewalRollsTheRenewalDateAndSetsTheARR(t *testing.T) {
	a := NewAccount("Acme")
	a.ID, a.ARR, a.ContractStart, a.Renewal = 7, dollars(100_000), NewDate(2025, time.December, 15), NewDate(2026, time.December, 15)
	o := Opportunity{Kind: OppRenewal, Title: "FY27 renewal", Value: dollars(110_000), Stage: OppWon, ClosedOn: NewDate(2026, time.November, 20)}
	ch, changed, err := Won(&a, &Opportunity{Kind: OppRenewal, Stage: OppNegotiate}, &o, WinTerms{})
	if err != nil || !changed {
		t.Fatal(changed, err)
	}
	if a.Renewal != NewDate(2027, time.December, 15) || a.ARR != dollars(110_000) {
		t.Errorf("renewal %s, ARR %s", a.Renewal, a.ARR)
	}
	if ch != (ARRChange{AccountID: 7, Date: o.ClosedOn, ARR: dollars(110_000), Cause: "renewal won: FY27 renewal"}) {
		t.Errorf("change %+v", ch)
	}
	// Winning it again (saved a second time) changes nothing.
	if _, changed, _ := Won(&a, &o, &o, WinTerms{}); changed {
		t.Error("a renewal already won rolled the book again")
	}
	// No renewal date: the term runs from the close date; a given ARR and term win.
	b := NewAccount("Beta")
	b.ARR = dollars(50_000)
	if _, err := WinRenewal(&b, &o, 24, dollars(60_000), o.ClosedOn); err != nil || b.Renewal != NewDate(2028, time.November, 20) || b.ARR != dollars(60_000) {
		t.Errorf("from the close date: %s %s %v", b.Renewal, b.ARR, err)
	}
	// No value on the opportunity: the current ARR stays.
	c := NewAccount("Gamma")
	c.ARR = dollars(30_000)
	if ch, _ := WinRenewal(&c, &Opportunity{Title: "r"}, 0, Money{}, o.ClosedOn); ch.ARR != dollars(30_000) || c.Renewal != NewDate(2027, time.November, 20) {
		t.Errorf("default ARR: %+v %s", ch, c.Renewal)
	}
	if _, err := WinRenewal(&c, &o, 500, Money{}, o.ClosedOn); err == nil {
		t.Error("a 500-month term was taken")
	}
}

func TestWonExpansionRaisesTheARR(t *testing.T) {
	a := NewAccount("Acme")
	a.ARR = dollars(100_000)
	on := NewDate(2026, time.October, 1)
	o := Opportunity{Kind: OppUpsell, Title: "Analytics add-on", Value: dollars(20_000), Stage: OppWon, ClosedOn: on}
	ch, changed, err := Won(&a, nil, &o, WinTerms{})
	if err != nil || !changed || a.ARR != dollars(120_000) || ch.Date != on || ch.Cause != "upsell won: Analytics add-on" {
		t.Fatalf("%+v %v %v %s", ch, changed, err, a.ARR)
	}
	b := NewAccount("Beta")
	b.ARR = dollars(100_000)
	if _, changed, _ := Won(&b, nil, &o, WinTerms{KeepARR: true}); changed || b.ARR != dollars(100_000) {
		t.Error("KeepARR raised the ARR")
	}
	eur := o
	eur.Value.Currency = "EUR"
	if _, _, err := Won(&b, nil, &eur, WinTerms{}); err == nil {
		t.Error("an EUR expansion was added to a USD ARR")
	}
	// Lost or open: nothing.
	lost := o
	lost.Stage = OppLost
	if _, changed, _ := Won(&b, nil, &lost, WinTerms{}); changed {
		t.Error("a lost opportunity changed the ARR")
	}
}

func TestChurnClosesTheAccountAndZeroesItsARR(t *testing.T) {
	a := NewAccount("Acme")
	a.ARR, a.ContractStart = dollars(100_000), NewDate(2025, time.March, 1)
	if _, err := Churn(&a, NewDate(2025, time.January, 1), "budget cut"); err == nil || !strings.Contains(err.Error(), "before its contract started") {
		t.Errorf("a closure before the start: %v", err)
	}
	if _, err := Churn(&a, NewDate(2026, time.January, 1), " "); err == nil {
		t.Error("a closure without a reason")
	}
	ch, err := Churn(&a, NewDate(2026, time.January, 1), "budget cut")
	if err != nil || a.Stage != StageClosed || a.ClosedReason != "budget cut" || a.ARR.Amount != 0 || ch.Cause != CauseChurned || ch.ARR.Amount != 0 {
		t.Fatalf("%+v %v %+v", ch, err, a)
	}
	if err := a.Validate(); err != nil {
		t.Error(err)
	}
	a.ClosedOn = NewDate(2024, time.January, 1)
	if err := a.ValidateLifecycle(); err == nil {
		t.Error("ValidateLifecycle took a closure before the contract start")
	}
	if err := a.Validate(); err != nil {
		t.Errorf("Validate (what check and restore ask) refuses a file written before the rule: %v", err)
	}
}

func TestDateRulesThatNeedToday(t *testing.T) {
	today := NewDate(2026, time.November, 28)
	o := Opportunity{Stage: OppPropose, CloseDate: NewDate(2026, time.January, 10)}
	err := CheckOpportunityDates(&o, today)
	if err == nil || !strings.Contains(err.Error(), "close date 2026-01-10 is in the past for an open opportunity: move it to won or lost, or give a new date") {
		t.Errorf("%v", err)
	}
	o.Stage = OppLost
	if err := CheckOpportunityDates(&o, today); err != nil {
		t.Error(err)
	}
	if err := CheckRiskDates(&Risk{Opened: today + 1}, today); err == nil {
		t.Error("a risk opened tomorrow")
	}
	if err := CheckRiskDates(&Risk{Opened: today}, today); err != nil {
		t.Error(err)
	}
}

func TestAnUnrecognisedDateListsTheAcceptedForms(t *testing.T) {
	today := NewDate(2026, time.November, 28)
	_, err := ParseDate("31/12/2027", today)
	if err == nil || strings.Contains(err.Error(), "count and a unit") || !strings.Contains(err.Error(), "not a date tend recognises") || !strings.Contains(err.Error(), "2027-12-31") || !strings.Contains(err.Error(), "+3m") {
		t.Errorf("%v", err)
	}
	if d, err := ParseDateIn("31/12/2027", today, "02/01/2006"); err != nil || d != NewDate(2027, time.December, 31) {
		t.Errorf("in the configured format: %s %v", d, err)
	}
	if _, err := ParseDateIn("2027.12.31", today, "02/01/2006"); err == nil || !strings.Contains(err.Error(), "31/12/2027 (the date_format setting)") {
		t.Errorf("%v", err)
	}
	if _, err := ParseDate("+3x", today); err == nil || !strings.Contains(err.Error(), "unknown unit") {
		t.Errorf("%v", err)
	}
}
