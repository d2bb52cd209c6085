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
	pos := make(map[uint64]int, len(sums))
	counts := map[string]int{}
	for i := range sums {
		s := &sums[i]
		in.Accounts[i] = domain.KPIAccount{ID: s.ID, Name: s.Name, Segment: s.Segment, Tier: s.Tier, Owner: s.Owner, Stage: s.Stage,
			ContractStart: s.ContractStart, ClosedOn: s.ClosedOn, AcquisitionCost: s.AcquisitionCost}
		pos[s.ID] = i
		counts[s.ARR.Currency]++
	}
	best := 0
	for c, n := range counts { // the book's main currency
		if n > best || n == best && c < in.Currency {
			in.Currency, best = c, n
		}
	}
	err = t.b(bARR).ForEach(func(k, v []byte) error {
		var c domain.ARRChange
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("ARR history %x does not decode: %w", k, err)
		}
		if p, ok := pos[c.AccountID]; ok {
			in.Accounts[p].ARR = append(in.Accounts[p].ARR, c)
		}
		return nil
	})
	if err != nil {
		return in, err
	}
	if err := forEachJSON(t, bOrders, func(o domain.Order) { in.Orders = append(in.Orders, o) }); err != nil {
		return in, err
	}
	if err := forEachJSON(t, bSurveys, func(r domain.SurveyResponse) { in.Surveys = append(in.Surveys, r) }); err != nil {
		return in, err
	}
	err = forEachJSON(t, bOpps, func(o domain.Opportunity) {
		if o.Stage == domain.OppWon {
			in.Opps = append(in.Opps, o)
		}
	})
	if err != nil {
		return in, err
	}
	if _, err := t.Setting(SettingTargets, &in.Targets); err != nil {
		return in, err
	}
	if _, err := t.Setting(SettingGrossMargin, &in.GrossMargin); err != nil {
		return in, err
	}
	return in, nil
}

func forEachJSON[T any](t *Tx, bucket []byte, fn func(T)) error {
	return t.b(bucket).ForEach(func(k, v []byte) error {
		var x T
		if err := json.Unmarshal(v, &x); err != nil {
			return fmt.Errorf("%s record %x does not decode: %w", bucket, k, err)
		}
		fn(x)
		return nil
	})
}
