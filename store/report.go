package store

import (
	"encoding/json"
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// Settings names.
const (
	SettingTargets     = "kpi_targets"  // map[kpi key]domain.Target
	SettingGrossMargin = "gross_margin" // float64, 0–1
	SettingFX          = "fx_rates"     // domain.FXRates: the book currency and dated exchange rates
)

// KPIInput reads what the KPI report needs: every account's dates and ARR
// history, orders, survey responses, won expansions, targets and margin.
func (t *Tx) KPIInput() (domain.KPIInput, error) {
	var in domain.KPIInput
	// Only the compact metrics records are read: one per account, in order.
	mb := t.b(bMetrics)
	n := int(min(t.b(bAccounts).Sequence(), 10_000_000))
	in.Accounts = make([]domain.KPIAccount, 0, n)
	// Room for a year of orders and surveys per account, so appends rarely copy.
	in.Orders = make([]domain.KPIOrder, 0, 10*n)
	in.Surveys = make([]domain.KPISurvey, 0, 8*n)
	counts := map[string]int{}
	c := mb.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		in.Accounts = append(in.Accounts, domain.KPIAccount{ID: decodeU64(k)})
		cur, err := decodeMetrics(v, &in.Accounts[len(in.Accounts)-1], &in)
		if err != nil {
			return in, fmt.Errorf("metrics of account %d: %w", decodeU64(k), err)
		}
		counts[cur]++
	}
	in.Currency = BookCurrency(counts)
	in.Today = t.Today()
	var fx domain.FXRates
	if ok, err := t.Setting(SettingFX, &fx); err != nil {
		return in, err
	} else if ok {
		in.FX = &fx
		if fx.Currency != "" {
			in.Currency = fx.Currency // the book currency, once rates were set against it
		}
	}
	if _, err := t.Setting(SettingTargets, &in.Targets); err != nil {
		return in, err
	}
	if _, err := t.Setting(SettingGrossMargin, &in.GrossMargin); err != nil {
		return in, err
	}
	return in, nil
}

// BookCurrency is the currency most accounts' ARR is in (the first by code
// on a tie; the default on an empty book), until exchange rates fix it.
func BookCurrency(counts map[string]int) string {
	cur, best := "", 0
	for c, n := range counts {
		if c == "" {
			continue
		}
		if n > best || n == best && c < cur {
			cur, best = c, n
		}
	}
	if cur == "" {
		return domain.DefaultCurrency
	}
	return cur
}

// FXRates reads the book's exchange rates; when none were set, the book
// currency is the one most accounts are in.
func (t *Tx) FXRates() (domain.FXRates, error) {
	var fx domain.FXRates
	if _, err := t.Setting(SettingFX, &fx); err != nil {
		return fx, err
	}
	if fx.Currency == "" {
		counts := map[string]int{}
		err := t.b(bMetrics).ForEach(func(_, v []byte) error {
			var a domain.KPIAccount
			var in domain.KPIInput
			cur, err := decodeMetrics(v, &a, &in)
			counts[cur]++
			return err
		})
		if err != nil {
			return fx, err
		}
		fx.Currency = BookCurrency(counts)
	}
	return fx, nil
}

// PutFXRates stores the book's exchange rates, validated.
func (t *Tx) PutFXRates(fx domain.FXRates) error {
	if err := fx.Validate(); err != nil {
		return err
	}
	return t.PutSetting(SettingFX, fx)
}

// ValidateSetting checks a setting's raw JSON as a full export carries it:
// a known name and a value of the right shape and range.
func ValidateSetting(name string, raw []byte) error {
	switch name {
	case SettingTargets:
		var t map[string]domain.Target
		if err := json.Unmarshal(raw, &t); err != nil {
			return domain.Invalid("settings."+name, cut(string(raw)), "want an object of KPI targets like {\"nps\": {\"value\": 40}}")
		}
		for k, v := range t {
			if err := domain.ValidateTarget(k, v.Value); err != nil {
				return fmt.Errorf("settings.%s: %w", name, err)
			}
		}
	case SettingGrossMargin:
		var m float64
		if err := json.Unmarshal(raw, &m); err != nil || m < 0 || m > 1 {
			return domain.Invalid("settings."+name, cut(string(raw)), "want a fraction between 0 and 1")
		}
	case SettingFX:
		var fx domain.FXRates
		if err := json.Unmarshal(raw, &fx); err != nil {
			return domain.Invalid("settings."+name, cut(string(raw)), "want {\"currency\": \"USD\", \"rates\": {\"EUR\": [{\"from\": \"2026-01-01\", \"rate\": \"1.08\"}]}}")
		}
		if err := fx.Validate(); err != nil {
			return fmt.Errorf("settings.%s: %w", name, err)
		}
	default:
		return domain.Invalid("settings", cut(name), "unknown setting (known: %s, %s, %s)", SettingTargets, SettingGrossMargin, SettingFX)
	}
	return nil
}

// cut shortens untrusted text for a message.
func cut(s string) string {
	s = domain.Printable(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
