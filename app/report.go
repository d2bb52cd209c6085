package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Report is the KPI report of a scope over a period, as the KPI pane and
// `tend report` show it; Explain, when a KPI was asked for, lists the records
// behind it (its first line says what it is) and Row is that KPI's row.
type Report struct {
	domain.KPIReport
	Explain []string
	Row     domain.KPIRow
}

// KPIKeys lists the keys of every KPI, in report order.
func KPIKeys() []string {
	keys := make([]string, len(domain.KPIDefs))
	for i, d := range domain.KPIDefs {
		keys[i] = d.Key
	}
	return keys
}

// BuildReport computes the KPI report of scope sc over period p; explain, when
// not "", is the key of a KPI whose records to list (EINVALID when it names
// none). A scope without accounts fails with ENOTFOUND.
func BuildReport(st Store, sc domain.Scope, p domain.Period, explain string) (Report, error) {
	var key string
	if explain != "" {
		d, ok := domain.KPIDefOf(explain)
		if !ok {
			return Report{}, domain.Invalid("kpi", explain, "unknown KPI (want one of %s)", strings.Join(KPIKeys(), ", "))
		}
		key = d.Key
	}
	var in domain.KPIInput
	typed := sc
	if err := st.View(func(tx *store.Tx) (err error) {
		if sc.Kind == "account" {
			// account:NAME resolves as other commands resolve a name (an
			// ambiguous one fails naming the accounts with their #IDs)
			a, err := tx.FindAccount(sc.Value)
			if err != nil {
				return err
			}
			sc = domain.Scope{Kind: "account", Value: fmt.Sprintf("#%d", a.ID)}
		}
		in, err = tx.KPIInput()
		return
	}); err != nil {
		return Report{}, err
	}
	r := Report{KPIReport: in.Report(sc, p)}
	r.Scope = typed.String()
	if r.Accounts == 0 {
		return Report{}, domain.Errorf(domain.ENOTFOUND, "scope %s has no accounts", sc)
	}
	if key != "" {
		r.Explain = in.Explain(key, sc, p)
		for _, x := range r.Rows {
			if x.Key == key {
				r.Row = x
			}
		}
	}
	return r, nil
}

// Targets are the KPI targets of the book and the gross margin used for CLTV.
type Targets struct {
	Targets     map[string]domain.Target
	GrossMargin float64 // 0–1; the default when the book sets none
}

// ReadTargets reads the book's KPI targets and gross margin.
func ReadTargets(st Store) (Targets, error) {
	var t Targets
	err := st.View(func(tx *store.Tx) error {
		if _, err := tx.Setting(store.SettingTargets, &t.Targets); err != nil {
			return err
		}
		_, err := tx.Setting(store.SettingGrossMargin, &t.GrossMargin)
		return err
	})
	if t.GrossMargin == 0 {
		t.GrossMargin = domain.DefaultGrossMargin
	}
	return t, err
}

// GrossMarginKey is what SetTarget takes for the gross margin (also "margin").
const GrossMarginKey = "gross_margin"

// ParseTarget reads a target for the KPI key as a person writes it: money
// (12k), a percentage (2%, 0.02), a CSAT (4.5) or an NPS (40); key may be
// gross_margin (75%). It fails with EINVALID.
func ParseTarget(key, text string) (domain.KPIDef, float64, error) {
	if key == GrossMarginKey || key == "margin" {
		v, err := parsePercent(text)
		if err != nil || v <= 0 || v > 1 {
			return domain.KPIDef{}, 0, domain.Invalid("gross margin", text, "want a percentage between 0 and 100, e.g. 75%%")
		}
		return domain.KPIDef{Key: GrossMarginKey, Name: "Gross margin", Unit: "percent"}, v, nil
	}
	d, ok := domain.KPIDefOf(key)
	if !ok {
		return d, 0, domain.Invalid("kpi", key, "unknown KPI (want one of %s or %s)", strings.Join(KPIKeys(), ", "), GrossMarginKey)
	}
	var v float64
	var err error
	switch d.Unit {
	case "money":
		var m domain.Money
		if m, err = domain.ParseMoney(text, domain.DefaultCurrency); err == nil {
			v = float64(m.Amount)
		}
	case "percent":
		v, err = parsePercent(text)
		if (d.Key == domain.KPINRR || d.Key == domain.KPIGRR) && err != nil {
			if v, err = parsePercentUpTo(text, 100); err == nil {
				if e := domain.ValidateTarget(d.Key, v); e != nil {
					return d, 0, e // NRR above 300%, GRR above 100%: the rule says why
				}
			}
		}
	case "csat":
		v, err = strconv.ParseFloat(text, 64)
		if err == nil && (v < 1 || v > 5) {
			err = fmt.Errorf("a CSAT target is between 1 and 5")
		}
	default:
		v, err = strconv.ParseFloat(text, 64)
		if err == nil && (v < -100 || v > 100) {
			err = fmt.Errorf("an NPS target is between -100 and 100")
		}
	}
	if err != nil {
		return d, 0, domain.Invalid("target "+d.Key, text, "%v", err)
	}
	return d, v, nil
}

// SetTarget stores the target v of the KPI key (or the gross margin), as
// ParseTarget read it.
func SetTarget(st Store, key string, v float64) error {
	if key == GrossMarginKey || key == "margin" {
		return st.Update(func(tx *store.Tx) error { return tx.PutSetting(store.SettingGrossMargin, v) })
	}
	d, ok := domain.KPIDefOf(key)
	if !ok {
		return domain.Invalid("kpi", key, "unknown KPI")
	}
	return st.Update(func(tx *store.Tx) error {
		t := map[string]domain.Target{}
		if _, err := tx.Setting(store.SettingTargets, &t); err != nil {
			return err
		}
		t[d.Key] = domain.Target{Value: v}
		return tx.PutSetting(store.SettingTargets, t)
	})
}

// parsePercent reads 75%, 75 or 0.75 as 0.75.
func parsePercent(s string) (float64, error) { return parsePercentUpTo(s, 1) }

// parsePercentUpTo reads a percentage as parsePercent does, up to hi (3 is 300%).
func parsePercentUpTo(s string, hi float64) (float64, error) {
	t := strings.TrimSpace(s)
	pct := strings.HasSuffix(t, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(t, "%"), 64)
	if err != nil {
		return 0, fmt.Errorf("not a number")
	}
	if pct || v > 1 {
		v /= 100
	}
	if v < 0 || v > hi {
		return 0, fmt.Errorf("a percentage is between 0 and %.0f", hi*100)
	}
	return v, nil
}
