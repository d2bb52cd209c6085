package domain

import "testing"

// An account without an ARR is never a key account, however it scores on
// growth and replaceability (a CRM import gave twenty ★ to $0 accounts).
func TestNoARRIsNeverAKeyAccount(t *testing.T) {
	today := d("2026-11-28")
	var sums []Summary
	for i := range 20 {
		s := Summary{ID: uint64(i + 1), Stage: StageRetention, ContractStart: d("2024-01-01"), GrowthPotential: 5, Replaceability: 1}
		if i >= 10 {
			s.ARR = Money{Amount: int64(i) * 100_000, Currency: "USD"}
			s.GrowthPotential, s.Replaceability = 1, 5
		}
		sums = append(sums, s)
	}
	_, key := KeyAccounts(sums, today)
	n := 0
	for i, k := range key {
		if k && sums[i].ARR.Amount == 0 {
			t.Errorf("account %d without ARR is a key account", sums[i].ID)
		}
		if k {
			n++
		}
	}
	if n == 0 {
		t.Error("no key account at all")
	}
}
