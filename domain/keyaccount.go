package domain

import (
	"math"
	"slices"
)

// Key-account score weights: revenue alone does not make a key account; how
// much the account can grow and how hard it would be to replace count too.
const (
	KeyWeightARR          = 0.5  // ARR percentile among active accounts (0–1)
	KeyWeightGrowth       = 0.25 // growth potential 1–5, scaled to 0–1
	KeyWeightIrreplacable = 0.25 // how hard to replace: (5 − replaceability)/4, replaceability 1 = irreplaceable
	KeyShare              = 0.10 // the top 10% of active accounts by score are key accounts
)

// KeyAccountScore is 100 × (0.5 × ARR percentile + 0.25 × (growth−1)/4 + 0.25 × (5−replaceability)/4).
// A replaceability of 1 means the customer is hard to replace (they would be missed most).
func KeyAccountScore(arrPercentile float64, growth, replaceability int) float64 {
	g := float64(max(1, min(5, growth))-1) / 4
	r := float64(5-max(1, min(5, replaceability))) / 4
	return 100 * (KeyWeightARR*arrPercentile + KeyWeightGrowth*g + KeyWeightIrreplacable*r)
}

// HardToReplace is how hard the customer is to replace on a scale of 1 (easy)
// to 5 (irreplaceable): the replaceability scale turned around.
func HardToReplace(replaceability int) int { return 6 - replaceability }

// KeyAccounts scores every account and flags the top KeyShare of active ones.
// Inactive (closed, prospect) accounts score 0 and are never key; neither is
// an account without an ARR, whatever its growth and replaceability.
func KeyAccounts(sums []Summary, today Date) ([]float64, []bool) {
	n := len(sums)
	scores := make([]float64, n)
	key := make([]bool, n)
	var arrs []int64
	for i := range sums {
		if sums[i].Active(today) {
			arrs = append(arrs, sums[i].ARR.Amount)
		}
	}
	if len(arrs) == 0 {
		return scores, key
	}
	slices.Sort(arrs)
	var active []int
	for i := range sums {
		s := &sums[i]
		if !s.Active(today) {
			continue
		}
		// percentile: share of active accounts with a lower ARR.
		below, _ := slices.BinarySearch(arrs, s.ARR.Amount)
		pct := 0.0
		if len(arrs) > 1 {
			pct = float64(below) / float64(len(arrs)-1)
		}
		scores[i] = KeyAccountScore(pct, s.GrowthPotential, s.Replaceability)
		active = append(active, i)
	}
	// Exactly the top KeyShare (at least one): ties go to the larger ARR, then the older account.
	slices.SortFunc(active, func(a, b int) int {
		switch {
		case scores[a] != scores[b]:
			if scores[a] > scores[b] {
				return -1
			}
			return 1
		case sums[a].ARR.Amount != sums[b].ARR.Amount:
			if sums[a].ARR.Amount > sums[b].ARR.Amount {
				return -1
			}
			return 1
		}
		return cmpU64(sums[a].ID, sums[b].ID)
	})
	k := int(math.Ceil(float64(len(active)) * KeyShare))
	for _, i := range active[:k] {
		key[i] = sums[i].ARR.Amount > 0 // no ARR (a CRM import without one): nothing yet to keep
	}
	return scores, key
}
