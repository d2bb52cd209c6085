package views

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// p changes the period's length around the day in view, so that three
// presses come back; [ ] move; . comes back to the current period.
func TestKPIPeriodNavigation(t *testing.T) {
	k := NewKPI(testCtx()) // today 2026-11-28: 2026-Q4
	seq := []struct{ key, want string }{
		{"p", "2026"}, {"p", "2026-11"}, {"p", "2026-Q4"},
		{"[", "2026-Q3"}, {"p", "2026"}, {"p", "2026-09"}, {"p", "2026-Q3"}, // a past period: its last day stays in view
		{"[", "2026-Q2"}, {"[", "2026-Q1"}, {".", "2026-Q4"},
		{"p", "2026"}, {"]", "2027"}, {"p", "2027-12"}, {".", "2026-11"}, {"p", "2026-Q4"},
	}
	for i, s := range seq {
		press(t, k, s.key)
		if got := k.period.String(); got != s.want {
			t.Fatalf("step %d (%s): %s, want %s", i, s.key, got, s.want)
		}
	}
}

// The pane names the scope and the period as the report does, and says why
// a figure is n/a.
func TestKPIPaneSaysToDateAndWhyNA(t *testing.T) {
	ctx := testCtx()
	k := NewKPI(ctx)
	k.SetSize(100, 30)
	in := domain.KPIInput{Currency: "USD", Today: ctx.Today(), Accounts: []domain.KPIAccount{
		{ID: 9, Name: "Acme Robotics", Stage: domain.StageRetention, ContractStart: domain.NewDate(2025, 1, 1)}}}
	k.SetScopes([]domain.Scope{{Kind: "book"}, {Kind: "account", Value: "9"}})
	press(t, k, "s")
	r := in.Report(domain.Scope{Kind: "account", Value: "9"}, k.period)
	k.Update(KPIReportMsg{Report: &r})
	v := k.View()
	if !strings.Contains(v, "KPIs · Acme Robotics · 2026-Q4 to date · 1 customer") {
		t.Errorf("heading:\n%s", v)
	}
	if !strings.Contains(v, "n/a: no ARR") && !strings.Contains(v, "n/a: ") {
		t.Errorf("no reason for n/a:\n%s", v)
	}
	row := domain.KPIRow{Current: domain.Value{Reason: "no churn"}, Previous: domain.Value{Reason: "no churn"}, YTD: domain.Value{V: 1, OK: true}}
	if got := naReasons(&row); got != "current, previous: no churn" {
		t.Errorf("reasons %q", got)
	}
	row.YTD = domain.Value{Reason: "no churn"}
	if got := naReasons(&row); got != "no churn" {
		t.Errorf("reasons %q", got)
	}
	row.Previous = domain.Value{Reason: "period has not started"}
	if got := naReasons(&row); got != "current: no churn; previous: period has not started; YTD: no churn" {
		t.Errorf("reasons %q", got)
	}
}
