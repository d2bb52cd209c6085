package domain

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func usd(major int64) Money { return Money{Amount: major * 100, Currency: "USD"} }

// handBook is a small book whose Q4 2026 figures are worked out by hand below.
//
//	A  customer since 2025-01-01, ARR 100k, 120k from 2026-11-15, acquisition 10k
//	B  customer since 2025-06-01, ARR 50k, closed 2026-11-10, acquisition 5k
//	C  new on 2026-10-15, ARR 30k, acquisition 6k
//	D  customer since 2024-03-01, ARR 200k, 150k from 2026-10-20, acquisition 20k
//	E  a prospect: never counted
//	F  customer since 2025-02-01, ARR 40k, closed 2026-03-01
func handBook() KPIInput {
	acct := func(id uint64, name string, start, closed string, acq int64, arr ...any) KPIAccount {
		a := KPIAccount{ID: id, Name: name, Segment: "Mid-Market", Tier: TierStrategic, Stage: StageRetention, AcquisitionCost: acq * 100}
		if start != "" {
			a.ContractStart = d(start)
		}
		if closed != "" {
			a.ClosedOn, a.Stage = d(closed), StageClosed
		}
		for i := 0; i < len(arr); i += 2 {
			a.ARR = append(a.ARR, ARRChange{AccountID: id, Date: d(arr[i].(string)), ARR: usd(int64(arr[i+1].(int)))})
		}
		return a
	}
	in := KPIInput{Currency: "USD", Accounts: []KPIAccount{
		acct(1, "A", "2025-01-01", "", 10_000, "2025-01-01", 100_000, "2026-11-15", 120_000),
		acct(2, "B", "2025-06-01", "2026-11-10", 5_000, "2025-06-01", 50_000),
		acct(3, "C", "2026-10-15", "", 6_000, "2026-10-15", 30_000),
		acct(4, "D", "2024-03-01", "", 20_000, "2024-03-01", 200_000, "2026-10-20", 150_000),
		{ID: 5, Name: "E", Stage: StageProspecting},
		acct(6, "F", "2025-02-01", "2026-03-01", 0, "2025-02-01", 40_000),
	}}
	in.Accounts[3].Segment = "Enterprise"
	nps := func(id uint64, score int, date string) SurveyResponse {
		return SurveyResponse{AccountID: id, Kind: SurveyNPS, Score: score, Date: d(date)}
	}
	csat := func(id uint64, score int, date string) SurveyResponse {
		return SurveyResponse{AccountID: id, Kind: SurveyCSAT, Score: score, Date: d(date)}
	}
	in.AddSurveys(
		nps(1, 10, "2026-10-05"), nps(1, 9, "2026-12-01"), nps(2, 3, "2026-10-20"), nps(3, 7, "2026-11-01"),
		nps(4, 6, "2026-11-20"), nps(3, 9, "2026-12-31"), nps(1, 0, "2026-09-30"), // the last is Q3
		csat(1, 5, "2026-10-10"), csat(4, 3, "2026-11-11"), csat(3, 4, "2026-12-12"), csat(2, 1, "2027-01-01"),
	)
	in.AddOrders(
		Order{AccountID: 1, Date: d("2026-10-01"), Amount: usd(1000)}, Order{AccountID: 1, Date: d("2026-12-31"), Amount: usd(3000)},
		Order{AccountID: 4, Date: d("2026-11-30"), Amount: usd(2000)}, Order{AccountID: 4, Date: d("2026-09-30"), Amount: usd(9000)},
	)
	in.AddOpportunities(
		Opportunity{AccountID: 1, Kind: OppUpsell, Stage: OppWon, ClosedOn: d("2026-11-01"), Value: usd(20_000)},
		Opportunity{AccountID: 4, Kind: OppRenewal, Stage: OppWon, ClosedOn: d("2026-12-01"), Value: usd(150_000)},
		Opportunity{AccountID: 2, Kind: OppCrossSell, Stage: OppWon, ClosedOn: d("2026-09-30"), Value: usd(5_000)},
	)
	in.Targets = map[string]Target{KPINPS: {Value: 20}, KPIChurn: {Value: 0.05}}
	return in
}

func row(r KPIReport, key string) KPIRow {
	for _, x := range r.Rows {
		if x.Key == key {
			return x
		}
	}
	panic(key)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestKPIsWorkedByHand(t *testing.T) {
	in := handBook()
	q4, _ := ParsePeriod("2026-Q4")
	r := in.Report(Scope{Kind: "book"}, q4)
	want := map[string]float64{
		// At Oct 1: A, B, D (F closed in March) = 3; new C = 1; lost B = 1; at end 3.
		KPIRetention: 2.0 / 3, // (3 − 1) / 3
		KPIChurn:     1.0 / 3, // 1 / 3
		// Q4 NPS: 10, 9, 3, 7, 6, 9 → promoters 3, detractors 2 (3 and 6), n 6 → 100 × 1/6.
		KPINPS:  100.0 / 6,
		KPICSAT: 4,       // (5 + 3 + 4) / 3; the 2027 answer is outside
		KPIAOV:  200_000, // ($1,000 + $3,000 + $2,000) / 3 = $2,000, in cents
		// Won upsell/cross-sell/expansion in Q4: A only (D's is a renewal, B's is in Q3);
		// active at some time in Q4: A, B, C, D → 1/4.
		KPIUpsell: 0.25,
		KPICAC:    600_000, // C's $6,000 / 1 new account
		// Active at Oct 1: A 100k, B 50k, D 200k = 350k. At Jan 1: A 120k, B 0 (closed), D 150k = 270k.
		KPINRR: 270.0 / 350,
		KPIGRR: 250.0 / 350, // A capped at 100k
		// Active at the end: A 120k, C 30k, D 150k → average 100k × 0.8 margin = $80k;
		// 12-month churn: at Jan 1 2026 A, B, D, F = 4, lost F and B = 2 → 0.5; $80k / 0.5 = $160k.
		KPICLTV: 16_000_000,
		// ARR at the end: 150k, 120k, 30k; the top 20% of 3 accounts is 1 account: 150 / 300.
		KPIConcentration: 0.5,
	}
	for k, v := range want {
		got := row(r, k).Current
		if !got.OK || !near(got.V, v) {
			t.Errorf("%s = %+v, want %v", k, got, v)
		}
	}
	if r.Accounts != 6 {
		t.Errorf("accounts in scope %d", r.Accounts)
	}
	// Q3: 3 at start, nobody new or lost.
	if p := row(r, KPIChurn).Previous; !p.OK || p.V != 0 {
		t.Errorf("previous churn %+v", p)
	}
	// Year to date: at Jan 1 A, B, D, F = 4; new C; lost F and B → churn 2/4, retention (3−1)/4.
	if y := row(r, KPIChurn).YTD; !near(y.V, 0.5) {
		t.Errorf("YTD churn %+v", y)
	}
	if y := row(r, KPIRetention).YTD; !near(y.V, 0.5) {
		t.Errorf("YTD retention %+v", y)
	}
	// Targets and direction: NPS 16.7 < 20 is off; churn 33% > 5% (lower is better) is off.
	if o := row(r, KPINPS).OnTarget; o == nil || *o {
		t.Error("NPS should be off target")
	}
	if o := row(r, KPIChurn).OnTarget; o == nil || *o {
		t.Error("churn should be off target")
	}
	if len(row(r, KPINPS).Trend) != 12 || row(r, KPINPS).Trend[11] != row(r, KPINPS).Current {
		t.Error("the trend ends with the current period")
	}
	// Golden JSON of the whole report.
	got, _ := json.MarshalIndent(r, "", "  ")
	golden := filepath.Join("testdata", "kpi_report_2026Q4.json")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		_ = os.MkdirAll("testdata", 0o755)
		_ = os.WriteFile(golden, got, 0o644)
	}
	want2, err := os.ReadFile(golden)
	if err != nil || string(want2) != string(got) {
		t.Errorf("report differs from %s (UPDATE_GOLDEN=1 rewrites it): %v", golden, err)
	}
}

func TestKPIEdgeCases(t *testing.T) {
	in := handBook()
	empty, _ := ParsePeriod("2020-Q1")
	r := in.Report(Scope{Kind: "book"}, empty)
	for _, x := range r.Rows {
		if x.Current.OK {
			t.Errorf("%s in an empty period = %v; want n/a", x.Key, x.Current.V)
		}
		if x.Current.Reason == "" || math.IsNaN(x.Current.V) {
			t.Errorf("%s: n/a needs a reason", x.Key)
		}
	}
	// No churn in the 12 months: CLTV says so instead of dividing by zero.
	q3, _ := ParsePeriod("2025-Q3")
	if v := row(in.Report(Scope{Kind: "book"}, q3), KPICLTV).Current; v.OK || v.Reason != "no churn" {
		t.Errorf("CLTV without churn: %+v", v)
	}
	// An account opened and closed inside one period counts as new and lost, never at start.
	in2 := KPIInput{Accounts: []KPIAccount{
		{ID: 1, Name: "X", Stage: StageClosed, ContractStart: d("2026-10-05"), ClosedOn: d("2026-12-01")},
		{ID: 2, Name: "Y", Stage: StageRetention, ContractStart: d("2025-01-01")},
	}}
	q4, _ := ParsePeriod("2026-Q4")
	sc := in2.scope(Scope{Kind: "book"})
	if c := sc.counts(q4); c != (counts{start: 1, new: 1, lost: 1, end: 1}) {
		t.Errorf("counts %+v", c)
	}
	// Scope: one segment.
	r = in.Report(Scope{Kind: "segment", Value: "enterprise"}, q4)
	if r.Accounts != 1 || !near(row(r, KPINRR).Current.V, 0.75) {
		t.Errorf("segment scope: %d accounts, NRR %+v", r.Accounts, row(r, KPINRR).Current)
	}
	// Explain lists the records behind NPS, in date order.
	ex := in.Explain("nps", Scope{Kind: "book"}, q4)
	if len(ex) != 8 || ex[7] != "total: 6 responses, 3 promoters, 1 passive, 2 detractors" || !strings.HasPrefix(ex[1], "2026-10-05") || !strings.Contains(ex[1], "promoter") {
		t.Errorf("explain: %q", ex)
	}
}

func TestPeriods(t *testing.T) {
	cases := []struct{ in, start, end, prev, label string }{
		{"2026-11", "2026-11-01", "2026-12-01", "2026-10", "2026-11"},
		{"2026-q1", "2026-01-01", "2026-04-01", "2025-Q4", "2026-Q1"},
		{"2028-02", "2028-02-01", "2028-03-01", "2028-01", "2028-02"},
		{"2026", "2026-01-01", "2027-01-01", "2025", "2026"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.in)
		if err != nil || p.Start.String() != c.start || p.End.String() != c.end || p.Prev().String() != c.prev || p.String() != c.label {
			t.Errorf("%s: %+v %v (prev %s)", c.in, p, err, p.Prev())
		}
	}
	for _, bad := range []string{"", "26", "2026-13", "2026-Q5", "2026/11", "abcd"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	p, _ := ParsePeriod("2026-11")
	if y := p.YTD(); y.Start.String() != "2026-01-01" || y.End.String() != "2026-12-01" {
		t.Errorf("YTD %+v", y)
	}
}

func TestKeyAccounts(t *testing.T) {
	today := d("2026-11-28")
	var sums []Summary
	for i := 0; i < 20; i++ {
		sums = append(sums, Summary{ID: uint64(i + 1), Stage: StageRetention, ContractStart: d("2025-01-01"), ARR: usd(int64(1000 * (i + 1))), GrowthPotential: 3, Replaceability: 3})
	}
	// The biggest account is easy to replace and cannot grow; the second is irreplaceable with high growth.
	sums[19].GrowthPotential, sums[19].Replaceability = 1, 5
	sums[18].GrowthPotential, sums[18].Replaceability = 5, 1
	scores, key := KeyAccounts(sums, today)
	if !key[18] || scores[18] <= scores[19] {
		t.Errorf("revenue alone must not decide: scores %v %v key %v %v", scores[18], scores[19], key[18], key[19])
	}
	n := 0
	for _, k := range key {
		if k {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d key accounts of 20, want the top 10%%", n)
	}
}

func TestLargestIsTheTopK(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		n := 1 + r.IntN(300)
		xs := make([]int64, n)
		for i := range xs {
			xs[i] = int64(r.IntN(50)) // many ties
		}
		k := r.IntN(n + 1)
		want := append([]int64(nil), xs...)
		slices.Sort(want)
		var ws, gs int64
		for _, x := range want[n-k:] {
			ws += x
		}
		got := largest(append([]int64(nil), xs...), k)
		for _, x := range got {
			gs += x
		}
		if len(got) != k || gs != ws {
			t.Fatalf("n=%d k=%d: sum %d want %d (len %d)", n, k, gs, ws, len(got))
		}
	}
}
