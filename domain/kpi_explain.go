package domain

// Explaining a KPI figure: the records behind it, and the targets it is held to.

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Explain lists the records behind a KPI's figure for the period, one line
// each: exactly those in its formula, then the totals the figure is made of.
// The first line names the KPI, period, scope and formula.
func (in *KPIInput) Explain(key string, s Scope, p Period) []string {
	sc := in.scope(s)
	def, _ := KPIDefOf(key)
	label := p.String()
	q, started := in.span(p)
	if started && q.End != p.End {
		label += " to date"
	}
	out := []string{fmt.Sprintf("%s (%s), %s, scope %s: %s", def.Name, def.Key, label, sc.name(s), def.Formula)}
	if !started {
		return append(out, "n/a: "+NotStarted)
	}
	cur := sc.conv.Currency
	money := func(v int64) string { return Money{Amount: v, Currency: cur}.String() }
	name := map[uint64]string{}
	for _, a := range sc.accts {
		name[a.ID] = a.Name
	}
	var lines []string
	var total []string
	switch def.Key {
	case KPINPS, KPICSAT:
		csat := def.Key == KPICSAT
		var n, pro, det, sum int
		for _, r := range in.Surveys {
			if r.CSAT == csat && p.Contains(r.Date) && (sc.byID[r.AccountID] != nil) {
				cat := ""
				n++
				sum += int(r.Score)
				if !csat {
					switch {
					case r.Score >= 9:
						cat = "promoter"
						pro++
					case r.Score <= 6:
						cat = "detractor"
						det++
					default:
						cat = "passive"
					}
				}
				lines = append(lines, fmt.Sprintf("%s  %-40s %2d  %s", r.Date, Printable(name[r.AccountID]), r.Score, cat))
			}
		}
		if csat {
			total = append(total, fmt.Sprintf("total: %s, sum of scores %d", plural(n, "response"), sum))
		} else {
			total = append(total, fmt.Sprintf("total: %s, %s, %s, %s", plural(n, "response"), plural(pro, "promoter"), plural(n-pro-det, "passive"), plural(det, "detractor")))
		}
	case KPIChurn, KPIRetention:
		c := sc.counts(q)
		for _, a := range sc.accts {
			switch {
			case a.lostIn(q):
				lines = append(lines, fmt.Sprintf("lost %s  %s", a.ClosedOn, Printable(a.Name)))
			case a.startedIn(q):
				lines = append(lines, fmt.Sprintf("new  %s  %s", a.ContractStart, Printable(a.Name)))
			}
		}
		total = append(total, fmt.Sprintf("total: customers at start %d, new %d, lost %d, at end %d", c.start, c.new, c.lost, c.end))
	case KPIAOV:
		var sum int64
		n := 0
		for i := range in.Orders {
			o := &in.Orders[i]
			if p.Contains(o.Date) && (sc.byID[o.AccountID] != nil) {
				v, miss := sc.order(o)
				amt := money(v)
				if miss != "" {
					amt = fmt.Sprintf("%s (no %s rate)", Money{Amount: o.Amount, Currency: miss}, miss)
				}
				lines = append(lines, fmt.Sprintf("%s  %-40s %s", o.Date, Printable(name[o.AccountID]), amt))
				sum += v
				n++
			}
		}
		total = append(total, fmt.Sprintf("total: %s, sum %s", plural(n, "order"), money(sum)))
	case KPIUpsell:
		wins, won, customers := sc.upsell(p, q)
		for _, o := range wins {
			v := Money{Amount: o.Value, Currency: firstOf(o.Currency, cur)}
			lines = append(lines, fmt.Sprintf("%s  %-40s %s %s", o.Date, Printable(name[o.AccountID]), o.Kind, v))
		}
		total = append(total, fmt.Sprintf("total: %s with a win of %s in the period", plural(len(won), "account"), plural(customers, "customer")))
	case KPICAC:
		var sum int64
		n, recorded := 0, 0
		for _, a := range sc.accts {
			if a.startedIn(q) {
				v, miss := sc.acquisition(a)
				amt := money(v)
				if miss != "" {
					amt = fmt.Sprintf("%s (no %s rate)", Money{Amount: a.AcquisitionCost, Currency: miss}, miss)
				}
				lines = append(lines, fmt.Sprintf("%s  %-40s %s", a.ContractStart, Printable(a.Name), amt))
				sum += v
				n++
				if a.AcquisitionCost != 0 {
					recorded++
				}
			}
		}
		if recorded == 0 && n > 0 {
			total = append(total, fmt.Sprintf("total: %s, %s: CAC is n/a", plural(n, "new account"), NoAcquisitionCost))
			break
		}
		total = append(total, fmt.Sprintf("total: %s, acquisition cost %s", plural(n, "new account"), money(sum)))
	case KPINRR, KPIGRR:
		var start, end int64
		for _, a := range sc.accts {
			if !a.activeOn(q.Start) {
				continue
			}
			s, m1 := sc.arrOn(a, q.Start)
			e, m2 := sc.arrOn(a, q.End)
			if def.Key == KPIGRR {
				e = min(e, s)
			}
			note := ""
			if m := firstOf(m1, m2); m != "" {
				note = fmt.Sprintf("  (no %s rate)", m)
			}
			lines = append(lines, fmt.Sprintf("%-40s start ARR %s → end ARR %s%s", Printable(a.Name), money(s), money(e), note))
			start += s
			end += e
		}
		total = append(total, fmt.Sprintf("total: %s active at period start, start ARR %s, end ARR %s", plural(len(lines), "account"), money(start), money(end)))
	case KPICLTV:
		var sum int64
		for _, a := range sc.accts {
			if a.activeOn(q.End) {
				v, m := sc.arrOn(a, q.End)
				note := ""
				if m != "" {
					note = fmt.Sprintf("  (no %s rate)", m)
				}
				lines = append(lines, fmt.Sprintf("%-40s ARR at end %s%s", Printable(a.Name), money(v), note))
				sum += v
			}
		}
		year := Period{Kind: Year, Start: q.End.AddMonths(-12), End: q.End}
		c := sc.counts(year)
		avg := int64(0)
		if len(lines) > 0 {
			avg = sum / int64(len(lines))
		}
		total = append(total, fmt.Sprintf("total: %s active at period end, ARR %s, average %s", plural(len(lines), "account"), money(sum), money(avg)),
			fmt.Sprintf("total: churn of the 12 months %s to %s: %d lost of %d customers at start; gross margin %.0f%%", year.Start, year.End.AddDays(-1), c.lost, c.start, sc.margin*100))
	case KPIConcentration:
		type acc struct {
			name string
			arr  int64
		}
		var as []acc
		var sum int64
		for _, a := range sc.accts {
			if v, _ := sc.arrOn(a, q.End); v > 0 {
				as = append(as, acc{Printable(a.Name), v})
				sum += v
			}
		}
		slices.SortStableFunc(as, func(x, y acc) int {
			switch {
			case x.arr > y.arr:
				return -1
			case x.arr < y.arr:
				return 1
			}
			return strings.Compare(x.name, y.name)
		})
		top := int(math.Ceil(float64(len(as)) * 0.2))
		var topSum int64
		for i, x := range as[:top] {
			topSum += x.arr
			lines = append(lines, fmt.Sprintf("%3d. %-40s ARR at end %s", i+1, x.name, money(x.arr)))
		}
		total = append(total, fmt.Sprintf("total: top %d of %s with ARR hold %s of %s", top, plural(len(as), "account"), money(topSum), money(sum)))
	}
	if def.Key != KPIConcentration && def.Key != KPIChurn && def.Key != KPIRetention {
		slices.Sort(lines)
	}
	out = append(out, lines...)
	return append(out, total...)
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

// MaxNRRTarget is the largest NRR target: 300%.
const MaxNRRTarget = 3.0

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
		ok = v >= 0 && (v <= 1 || def.Key == KPINRR && v <= MaxNRRTarget)
	case "csat":
		ok = v >= 1 && v <= 5
	default:
		ok = v >= -100 && v <= 100
	}
	if !ok && def.Key == KPINRR {
		return Invalid(key, ftoa(v), "an NRR target is between 0%% and %.0f%%", MaxNRRTarget*100)
	}
	if !ok && def.Key == KPIGRR {
		return Invalid(key, ftoa(v), "a GRR target is between 0%% and 100%%: GRR caps each account's end ARR at its start ARR, so it never exceeds 100%% (set an NRR target above 100%% instead)")
	}
	if !ok {
		return Invalid(key, ftoa(v), "out of range for a %s target", def.Unit)
	}
	return nil
}
