package domain

// Explaining a KPI figure: the records behind it, and the targets it is held to.

import (
	"fmt"
	"slices"
)

// Explain lists the records behind a KPI's figure for the period, one line each.
func (in *KPIInput) Explain(key string, s Scope, p Period) []string {
	sc := in.scope(s)
	def, _ := KPIDefOf(key)
	out := []string{fmt.Sprintf("%s (%s), %s, scope %s: %s", def.Name, def.Key, p, s, def.Formula)}
	name := map[uint64]string{}
	for _, a := range sc.accts {
		name[a.ID] = a.Name
	}
	switch def.Key {
	case KPINPS, KPICSAT:
		defer func() { slices.Sort(out[1:]) }()
		csat := def.Key == KPICSAT
		for _, r := range in.Surveys {
			if r.CSAT == csat && p.Contains(r.Date) && sc.ids[r.AccountID] {
				cat := ""
				if !csat {
					cat = map[bool]string{true: "promoter", false: "passive"}[r.Score >= 9]
					if r.Score <= 6 {
						cat = "detractor"
					}
				}
				out = append(out, fmt.Sprintf("%s  %-40s %2d  %s", r.Date, Printable(name[r.AccountID]), r.Score, cat))
			}
		}
	case KPIChurn, KPIRetention:
		c := sc.counts(p)
		out = append(out, fmt.Sprintf("at start %d, new %d, lost %d, at end %d", c.start, c.new, c.lost, c.end))
		for _, a := range sc.accts {
			switch {
			case !a.ClosedOn.IsZero() && p.Contains(a.ClosedOn) && !a.closedBefore(p.Start):
				out = append(out, fmt.Sprintf("lost %s  %s", a.ClosedOn, Printable(a.Name)))
			case a.Stage != StageProspecting && p.Contains(a.ContractStart):
				out = append(out, fmt.Sprintf("new  %s  %s", a.ContractStart, Printable(a.Name)))
			}
		}
	case KPIAOV:
		defer func() { slices.Sort(out[1:]) }()
		for _, o := range in.Orders {
			if p.Contains(o.Date) && sc.ids[o.AccountID] {
				out = append(out, fmt.Sprintf("%s  %-40s %s", o.Date, Printable(name[o.AccountID]), Money{Amount: o.Amount, Currency: in.Currency}))
			}
		}
	case KPIUpsell:
		defer func() { slices.Sort(out[1:]) }()
		for _, o := range in.Wins {
			if p.Contains(o.Date) && sc.ids[o.AccountID] {
				out = append(out, fmt.Sprintf("%s  %-40s %s %s", o.Date, Printable(name[o.AccountID]), o.Kind, Money{Amount: o.Value, Currency: in.Currency}))
			}
		}
	case KPICAC:
		defer func() { slices.Sort(out[1:]) }()
		for _, a := range sc.accts {
			if a.Stage != StageProspecting && p.Contains(a.ContractStart) {
				out = append(out, fmt.Sprintf("%s  %-40s %s", a.ContractStart, Printable(a.Name), Money{Amount: a.AcquisitionCost, Currency: in.Currency}))
			}
		}
	default: // ARR-based: list accounts with their ARR at start and end
		defer func() { slices.Sort(out[1:]) }()
		for _, a := range sc.accts {
			if a.activeOn(p.Start) || a.activeOn(p.End) {
				out = append(out, fmt.Sprintf("%-40s ARR %s → %s", Printable(a.Name), Money{Amount: a.arrOn(p.Start), Currency: in.Currency}.Short(), Money{Amount: a.arrOn(p.End), Currency: in.Currency}.Short()))
			}
		}
	}
	return out
}

// largest returns the k largest values of xs (reordering xs), by quickselect:
// linear time, where sorting the whole book for every period is not.
func largest(xs []int64, k int) []int64 {
	if k >= len(xs) {
		return xs
	}
	lo, hi, want := 0, len(xs)-1, len(xs)-k // want: the first index of the top k once partitioned
	for lo < hi {
		pivot := xs[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return xs[want:]
		}
	}
	return xs[want:]
}

// ValidateTarget reports whether v is a sensible target for the KPI with the
// given key, in the units the report uses (money in minor units, percentages
// as fractions, NPS −100…100, CSAT 1…5).
func ValidateTarget(key string, v float64) error {
	var def *KPIDef
	for i := range KPIDefs {
		if KPIDefs[i].Key == key {
			def = &KPIDefs[i]
		}
	}
	switch {
	case def == nil:
		return Invalid("target", key, "no such KPI")
	case isNaNInf(v):
		return Invalid(key, ftoa(v), "not a number")
	}
	ok := true
	switch def.Unit {
	case "money":
		ok = v >= 0 && v <= float64(MaxMoney)
	case "percent":
		ok = v >= 0 && (v <= 1 || def.Key == KPINRR && v <= 3)
	case "csat":
		ok = v >= 1 && v <= 5
	default:
		ok = v >= -100 && v <= 100
	}
	if !ok {
		return Invalid(key, ftoa(v), "out of range for a %s target", def.Unit)
	}
	return nil
}
