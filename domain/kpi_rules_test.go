package domain

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// randomBook is a book of n accounts with random stages, contract starts
// (some missing), closures and won opportunities (some of prospects, some
// before the start or after the closure), between 2024 and 2027.
func randomBook(r *rand.Rand, n int) KPIInput {
	base := d("2024-01-01")
	day := func() Date { return base.AddDays(r.IntN(4 * 365)) }
	in := KPIInput{Currency: "USD"}
	for i := 0; i < n; i++ {
		a := KPIAccount{ID: uint64(i + 1), Name: fmt.Sprintf("A%d", i+1), Stage: Stages[r.IntN(len(Stages))]}
		if r.IntN(5) > 0 {
			a.ContractStart = day()
		}
		if a.Stage == StageClosed || r.IntN(6) == 0 {
			a.ClosedOn = day()
		}
		a.ARR = []ARRChange{{AccountID: a.ID, Date: a.ContractStart, ARR: usd(int64(1000 + r.IntN(100_000)))}}
		in.Accounts = append(in.Accounts, a)
		for w := r.IntN(4); w > 0; w-- {
			in.Wins = append(in.Wins, KPIWin{AccountID: a.ID, Date: day(), Kind: []OppKind{OppUpsell, OppCrossSell, OppExpansion}[r.IntN(3)], Value: 100})
		}
	}
	return in
}

// The upsell rate never exceeds 100%: every account it counts in the
// numerator is a customer of the period, and each is counted once.
func TestUpsellRateIsAShareOfTheCustomersOfThePeriod(t *testing.T) {
	for seed := uint64(0); seed < 400; seed++ {
		r := rand.New(rand.NewPCG(seed, 13))
		n := 1 + r.IntN(3)
		if seed%4 == 0 {
			n = 1 + r.IntN(60)
		}
		in := randomBook(r, n)
		if seed%2 == 0 {
			in.Today = d("2026-11-29")
		}
		sc := in.scope(Scope{Kind: "book"})
		for p := PeriodOf(Month, d("2024-01-01")); p.Start < d("2028-01-01"); p = p.Next() {
			for _, pp := range []Period{p, PeriodOf(Quarter, p.Start), PeriodOf(Year, p.Start)} {
				v := sc.kpi(KPIUpsell, pp)
				if v.OK && (v.V < 0 || v.V > 1) {
					t.Fatalf("seed %d, %s: upsell rate %v", seed, pp, v.V)
				}
				q, ok := in.span(pp)
				if !ok {
					continue
				}
				wins, won, customers := sc.upsell(pp, q)
				if len(won) > customers {
					t.Fatalf("seed %d, %s: %d accounts with a win of %d customers", seed, pp, len(won), customers)
				}
				for _, w := range wins {
					a := sc.byID[w.AccountID]
					if !a.customerIn(q) || !q.Contains(w.Date) || a.ContractStart.IsZero() || a.Stage == StageProspecting {
						t.Fatalf("seed %d, %s: counted %+v of %+v, not a customer's win in the period", seed, pp, w, a)
					}
				}
			}
		}
	}
}

// The three-account book of the issue: wins of accounts that were not
// customers in the period (a prospect, one closed before, one not started)
// are not counted.
func TestUpsellCountsOnlyCustomersOfThePeriod(t *testing.T) {
	in := KPIInput{Currency: "USD", Accounts: []KPIAccount{
		{ID: 1, Name: "Customer", Stage: StageRetention, ContractStart: d("2025-01-01")},
		{ID: 2, Name: "Closed before", Stage: StageClosed, ContractStart: d("2024-01-01"), ClosedOn: d("2026-06-30")},
		{ID: 3, Name: "Starts after", Stage: StageOnboarding, ContractStart: d("2027-02-01")},
		{ID: 4, Name: "Prospect", Stage: StageOnboarding},
	}}
	for id := uint64(1); id <= 4; id++ {
		in.Wins = append(in.Wins, KPIWin{AccountID: id, Date: d("2026-11-01"), Kind: OppUpsell, Value: 100})
	}
	q4, _ := ParsePeriod("2026-Q4")
	v := row(in.Report(Scope{Kind: "book"}, q4), KPIUpsell).Current
	if !v.OK || v.V != 1 {
		t.Errorf("upsell rate %+v, want 1/1", v)
	}
	ex := in.Explain(KPIUpsell, Scope{Kind: "book"}, q4)
	if len(ex) != 3 || !strings.Contains(ex[1], "Customer") || ex[2] != "total: 1 account with a win of 1 customer in the period" {
		t.Errorf("explain %q", ex)
	}
}

// A period that has not started has no figures (no invented 100% retention
// nor "on target"); the current one runs to date and says so.
func TestPeriodsNotStartedAndToDate(t *testing.T) {
	in := handBook()
	in.Today = d("2026-11-20")
	in.Targets[KPIRetention] = Target{Value: 0.5}
	p, _ := ParsePeriod("2030")
	r := in.Report(Scope{Kind: "book"}, p)
	if r.Status != PeriodNotStarted || r.PeriodLabel() != "2030 (not started)" || r.Customers != 0 {
		t.Errorf("2030: status %q, label %q, %d customers", r.Status, r.PeriodLabel(), r.Customers)
	}
	for _, x := range r.Rows {
		if x.Current.OK || x.Current.Reason != NotStarted || x.YTD.OK || x.OnTarget != nil {
			t.Errorf("2030 %s: %+v, YTD %+v, on target %v", x.Key, x.Current, x.YTD, x.OnTarget)
		}
	}
	q4, _ := ParsePeriod("2026-Q4")
	r = in.Report(Scope{Kind: "book"}, q4)
	if r.Status != PeriodToDate || !r.ToDate || r.PeriodLabel() != "2026-Q4 to date" {
		t.Errorf("Q4: status %q, label %q", r.Status, r.PeriodLabel())
	}
	// To date: A's ARR is 120k from Nov 15, D's 150k; C is new; B lost on Nov 10.
	if v := row(r, KPINRR).Current; !near(v.V, 270.0/350) {
		t.Errorf("NRR to date %+v", v)
	}
	// A contract that starts after today is not new yet.
	in.Accounts[2].ContractStart = d("2026-12-01")
	in.Accounts[2].ARR[0].Date = d("2026-12-01")
	r = in.Report(Scope{Kind: "book"}, q4)
	if c := in.scope(Scope{Kind: "book"}).counts(Period{Kind: Quarter, Start: q4.Start, End: in.Today + 1}); c.new != 0 {
		t.Errorf("a start after today counted as new: %+v", c)
	}
	if v := row(r, KPICAC).Current; v.OK {
		t.Errorf("CAC to date with no new account yet: %+v", v)
	}
	// Strict periods.
	for _, bad := range []string{"2026-+1", "2026-1", "2026-13", "2026-Q5", "2026-q", "+2026", "2026-", "20261", "2026-00", "2026-1x", "abcd"} {
		if _, err := ParsePeriod(bad); err == nil || !strings.Contains(err.Error(), PeriodForms) && !strings.Contains(err.Error(), "year") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	for _, good := range []string{"2026", "2026-Q3", "2026-q3", "2026-07", " 2026-12 "} {
		if _, err := ParsePeriod(good); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
}

// Behind the figure lists exactly the records of each formula, with totals:
// NRR only accounts active at period start; CLTV those active at its end;
// concentration the top accounts.
func TestExplainListsTheRecordsOfTheFormula(t *testing.T) {
	in := handBook()
	q4, _ := ParsePeriod("2026-Q4")
	book := Scope{Kind: "book"}
	nrr := strings.Join(in.Explain(KPINRR, book, q4), "\n")
	if strings.Contains(nrr, "\nC ") || !strings.Contains(nrr, "start ARR $350,000, end ARR $270,000") || strings.Count(nrr, "start ARR $") != 4 {
		t.Errorf("NRR explain:\n%s", nrr)
	}
	grr := strings.Join(in.Explain(KPIGRR, book, q4), "\n")
	if !strings.Contains(grr, "end ARR $250,000") {
		t.Errorf("GRR explain:\n%s", grr)
	}
	cltv := strings.Join(in.Explain(KPICLTV, book, q4), "\n")
	if strings.Contains(cltv, "\nB ") || !strings.Contains(cltv, "3 accounts active at period end, ARR $300,000, average $100,000") || !strings.Contains(cltv, "2 lost of 4") {
		t.Errorf("CLTV explain:\n%s", cltv)
	}
	conc := strings.Join(in.Explain(KPIConcentration, book, q4), "\n")
	if !strings.Contains(conc, "  1. D") || strings.Contains(conc, "A ") || !strings.Contains(conc, "top 1 of 3 accounts with ARR hold $150,000 of $300,000") {
		t.Errorf("concentration explain:\n%s", conc)
	}
	if nrr[strings.Index(nrr, "\n"):] == cltv[strings.Index(cltv, "\n"):] {
		t.Error("NRR and CLTV show the same list")
	}
	for _, k := range []string{KPICAC, KPIAOV, KPIChurn, KPICSAT} {
		ex := in.Explain(k, book, q4)
		if !strings.HasPrefix(ex[len(ex)-1], "total: ") {
			t.Errorf("%s explain has no totals: %q", k, ex)
		}
	}
	// A scope of one account is named, not numbered.
	r := in.Report(Scope{Kind: "account", Value: "4"}, q4)
	if r.ScopeName != "D" || r.Scope != "account:4" {
		t.Errorf("scope %q named %q", r.Scope, r.ScopeName)
	}
}

// Amounts in another currency are converted with the rate in force on their
// date, or the KPI is n/a and names the missing rate; never summed raw.
func TestKPIsConvertCurrencies(t *testing.T) {
	in := handBook()
	q4, _ := ParsePeriod("2026-Q4")
	book := Scope{Kind: "book"}
	// D's ARR is in euros: 200k, 150k from Oct 20.
	d4 := &in.Accounts[3]
	d4.Currency = "EUR"
	for i := range d4.ARR {
		d4.ARR[i].ARR.Currency = "EUR"
	}
	r := in.Report(book, q4)
	for _, k := range []string{KPINRR, KPIGRR, KPICLTV, KPIConcentration} {
		if v := row(r, k).Current; v.OK || v.Reason != "no EUR rate; tend fx set EUR RATE" {
			t.Errorf("%s without a EUR rate: %+v", k, v)
		}
	}
	if v := row(r, KPIRetention).Current; !v.OK {
		t.Errorf("retention needs no rate: %+v", v)
	}
	// 1 EUR = 1.10 USD until Oct 31, 1.20 from Nov 1.
	in.FX = &FXRates{Currency: "USD"}
	in.FX.Set("EUR", 0, 110_000_000)
	in.FX.Set("EUR", d("2026-11-01"), 120_000_000)
	r = in.Report(book, q4)
	// NRR: start A 100k + B 50k + D 200k×1.10 = 370k; end A 120k + D 150k×1.20 = 300k.
	if v := row(r, KPINRR).Current; !v.OK || !near(v.V, 300.0/370) {
		t.Errorf("NRR converted: %+v", v)
	}
	// An order in GBP without a rate: AOV is n/a.
	in.Orders = append(in.Orders, KPIOrder{AccountID: 1, Date: d("2026-10-02"), Amount: 100, Currency: "GBP"})
	if v := row(in.Report(book, q4), KPIAOV).Current; v.OK || !strings.Contains(v.Reason, "no GBP rate") {
		t.Errorf("AOV with a GBP order and no rate: %+v", v)
	}
}

func TestFXRates(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{{"1.08", 108_000_000}, {"0,92", 92_000_000}, {"151.37", 15_137_000_000}, {"0.00672", 672_000}, {"2", 200_000_000}} {
		if u, err := ParseRate(c.in); err != nil || u != c.want || FormatRate(u) != strings.ReplaceAll(c.in, ",", ".") {
			t.Errorf("%s: %d %v (%s)", c.in, u, err, FormatRate(u))
		}
	}
	for _, bad := range []string{"", "0", "-1", "1.2.3", "abc", "1e3", "0.000000001", "2000000"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("rate %q accepted", bad)
		}
	}
	var x FXRates
	x.Currency = "USD"
	x.Set("EUR", d("2026-07-01"), 110_000_000)
	x.Set("EUR", 0, 108_000_000)
	x.Set("EUR", d("2026-07-01"), 111_000_000) // replaces
	if len(x.Rates["EUR"]) != 2 || x.Rates["EUR"][0].From != 0 || x.Rates["EUR"][1].Rate != "1.11" || x.Validate() != nil {
		t.Fatalf("rates %+v %v", x, x.Validate())
	}
	c := x.Converter("GBP")
	for _, k := range []struct {
		amount int64
		cur    string
		on     string
		want   int64
		ok     bool
	}{{10_000, "EUR", "2026-06-30", 10_800, true}, {10_000, "EUR", "2026-07-01", 11_100, true}, {5, "EUR", "2026-01-01", 5, true}, {-10_000, "EUR", "2026-01-01", -10_800, true},
		{100, "USD", "2026-01-01", 100, true}, {100, "", "2026-01-01", 100, true}, {100, "JPY", "2026-01-01", 0, false}, {MaxMoney, "EUR", "2026-01-01", MaxMoney / 100 * 108, true}} {
		if got, ok := c.Convert(k.amount, k.cur, d(k.on)); got != k.want || ok != k.ok {
			t.Errorf("%d %s on %s: %d %v", k.amount, k.cur, k.on, got, ok)
		}
	}
	if !x.Delete("EUR", d("2026-07-01"), false) || len(x.Rates["EUR"]) != 1 || x.Delete("EUR", d("2020-01-01"), false) || !x.Delete("EUR", 0, true) || len(x.Rates) != 0 {
		t.Errorf("delete: %+v", x)
	}
	bad := FXRates{Currency: "usd", Rates: map[string][]FXRate{"EUR": {{From: 5, Rate: "1"}, {From: 5, Rate: "x"}}}}
	if err := bad.Validate(); err == nil || strings.Count(err.Error(), "\n") < 2 {
		t.Errorf("validate: %v", err)
	}
}
