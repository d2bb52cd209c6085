package domain

import (
	"strings"
)

// KPI keys, in report order.
const (
	KPICLTV          = "cltv"
	KPICAC           = "cac"
	KPIRetention     = "retention"
	KPIChurn         = "churn"
	KPINPS           = "nps"
	KPICSAT          = "csat"
	KPIAOV           = "aov"
	KPIUpsell        = "upsell_rate"
	KPINRR           = "nrr"
	KPIGRR           = "grr"
	KPIConcentration = "concentration"
)

// KPIDef describes a KPI: its name, how it is shown and which way is good.
type KPIDef struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	Unit        string `json:"unit"` // money, percent, score, csat
	LowerBetter bool   `json:"lower_is_better"`
	Formula     string `json:"formula"`
}

// KPIDefs lists every KPI of the report.
var KPIDefs = []KPIDef{
	{KPICLTV, "Customer lifetime value", "money", false, "average ARR of accounts active at period end × gross margin ÷ churn rate of the 12 months to period end"},
	{KPICAC, "Customer acquisition cost", "money", true, "acquisition cost of accounts whose contract started in the period ÷ new accounts"},
	{KPIRetention, "Retention rate", "percent", false, "(customers at end − new) ÷ customers at start"},
	{KPIChurn, "Churn rate", "percent", true, "customers lost in the period ÷ customers at start"},
	{KPINPS, "Net promoter score", "score", false, "100 × (promoters 9–10 − detractors 0–6) ÷ NPS responses in the period"},
	{KPICSAT, "CSAT", "csat", false, "mean of CSAT responses (1–5) in the period"},
	{KPIAOV, "Average order value", "money", false, "sum of order amounts in the period ÷ number of orders"},
	{KPIUpsell, "Upsell/cross-sell rate", "percent", false, "customers with an upsell, cross-sell or expansion won in the period while a customer ÷ customers during the period"},
	{KPINRR, "Net revenue retention", "percent", false, "ARR at period end of accounts active at period start ÷ their ARR at period start"},
	{KPIGRR, "Gross revenue retention", "percent", false, "as NRR, each account's end ARR capped at its start ARR"},
	{KPIConcentration, "Revenue concentration (top 20%)", "percent", true, "share of ARR at period end held by the top 20% of active accounts"},
}

// KPIDefOf finds a KPI's definition by key (or unique prefix).
func KPIDefOf(key string) (KPIDef, bool) {
	k := strings.ToLower(strings.TrimSpace(key))
	var found []KPIDef
	for _, d := range KPIDefs {
		if d.Key == k {
			return d, true
		}
		if strings.HasPrefix(d.Key, k) && k != "" {
			found = append(found, d)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return KPIDef{}, false
}

// Value is a KPI figure or the reason there is none.
type Value struct {
	V      float64 `json:"value"`
	OK     bool    `json:"ok"`
	Reason string  `json:"reason,omitempty"` // why there is no figure
}

func na(reason string) Value { return Value{Reason: reason} }

func val(v float64) Value { return Value{V: v, OK: true} }

// Target is a KPI's goal, in the unit of its values (minor units for money, 0–1 for percentages); the KPI's direction says which side is good.
type Target struct {
	Value float64 `json:"value"`
}

// KPIRow is one KPI of a report.
type KPIRow struct {
	KPIDef
	Current  Value   `json:"current"`
	Previous Value   `json:"previous"`
	YTD      Value   `json:"ytd"`
	Target   *Target `json:"target,omitempty"`
	OnTarget *bool   `json:"on_target,omitempty"`
	Trend    []Value `json:"trend"` // the last 12 periods, oldest first, ending with the current one
}

// Period statuses: whether a report's period has ended, runs (to date) or lies ahead.
const (
	PeriodEnded      = "ended"
	PeriodToDate     = "to date"
	PeriodNotStarted = "not started"
)

// KPIReport is the KPI table for a scope and period. Money figures are in
// minor units of Currency, as Value always carries them; the CSV and JSON
// of the command line write major units (see the report format).
type KPIReport struct {
	Scope     string   `json:"scope"`      // as typed: book, segment:NAME, account:ID
	ScopeName string   `json:"scope_name"` // as people read it: an account by its name
	Period    string   `json:"period"`     // as typed: 2026-Q4
	Status    string   `json:"period_status"`
	ToDate    bool     `json:"to_date"` // the period has not ended: its figures run to today
	Currency  string   `json:"currency"`
	Accounts  int      `json:"-"`         // accounts in the scope, whenever they were customers
	Customers int      `json:"customers"` // accounts that were customers during the period (to date)
	Rows      []KPIRow `json:"kpis"`
}

// PeriodLabel is the period as shown: 2026-Q4, "2026-Q4 to date", "2030 (not started)".
func (r *KPIReport) PeriodLabel() string {
	switch r.Status {
	case PeriodToDate:
		return r.Period + " to date"
	case PeriodNotStarted:
		return r.Period + " (not started)"
	}
	return r.Period
}
