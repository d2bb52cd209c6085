package store

import (
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// Settings names.
const (
	SettingTargets     = "kpi_targets"  // map[kpi key]domain.Target
	SettingGrossMargin = "gross_margin" // float64, 0–1
)

// KPIInput reads what the KPI report needs: every account's summary and ARR
// history, orders, survey responses, won opportunities, targets and margin.
func (t *Tx) KPIInput() (domain.KPIInput, error) {
	var in domain.KPIInput
	sums, err := t.Summaries()
	if err != nil {
		return in, err
	}
	in.Accounts = make([]domain.KPIAccount, len(sums))
	counts := map[string]int{}
	for i := range sums {
		s := &sums[i]
		in.Accounts[i] = domain.KPIAccount{ID: s.ID, Name: s.Name, Segment: s.Segment, Tier: s.Tier, Owner: s.Owner, Stage: s.Stage,
			ContractStart: s.ContractStart, ClosedOn: s.ClosedOn, AcquisitionCost: s.AcquisitionCost}
		counts[s.ARR.Currency]++
	}
	best := 0
	for c, n := range counts { // the book's main currency
		if n > best || n == best && c < in.Currency {
			in.Currency, best = c, n
		}
	}
	for i := range in.Accounts {
		v := t.b(bMetrics).Get(u64(in.Accounts[i].ID))
		if v == nil {
			continue
		}
		if err := decodeMetrics(v, &in.Accounts[i], &in); err != nil {
			return in, fmt.Errorf("metrics of account %d: %w", in.Accounts[i].ID, err)
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
