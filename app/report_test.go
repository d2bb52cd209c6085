package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// pastReports renders the reports of past periods (a quarter, a year, a
// month) for the book, a segment and one account, each with every KPI
// explained, as JSON.
func pastReports(t *testing.T, st Store) string {
	t.Helper()
	var b strings.Builder
	for _, period := range []string{"2026-Q3", "2025", "2026-06", "2026-Q2"} {
		p, err := domain.ParsePeriod(period)
		if err != nil {
			t.Fatal(err)
		}
		for _, scope := range []string{"book", "account:2", "tier:key"} {
			sc, _ := domain.ParseScope(scope)
			for _, k := range append([]string{""}, KPIKeys()...) {
				r, err := BuildReport(st, sc, p, k)
				if err != nil {
					t.Fatalf("%s %s %s: %v", period, scope, k, err)
				}
				out, _ := json.Marshal(r)
				b.Write(out)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// Past periods' KPIs never change because of what was added today: accounts
// added with or without a contract start, and accounts imported from a CRM's
// CSV file.
func TestPastPeriodsDoNotMoveWhenAccountsArriveToday(t *testing.T) {
	st := newBook(t, 60)
	before := pastReports(t, st)
	if !strings.Contains(before, `"ok":true`) {
		t.Fatal("the past periods have no figures to compare")
	}
	today := domain.DateOf(testNow)
	noStart := domain.NewAccount("Added Without Start")
	noStart.ARR = domain.Money{Amount: 9_000_000, Currency: "USD"}
	startsToday := domain.NewAccount("Added Starting Today")
	startsToday.ContractStart = today
	startsToday.ARR = domain.Money{Amount: 50_000_000, Currency: "USD"}
	startsToday.Tier = domain.TierKey
	for _, a := range []*domain.Account{&noStart, &startsToday} {
		if err := AddAccount(st, a); err != nil {
			t.Fatal(err)
		}
	}
	if after := pastReports(t, st); after != before {
		t.Fatalf("adding accounts today changed past periods:\n%s", firstDiff(before, after))
	}
	csv := "Account Name,ARR,Contract Start,Create Date,Tier\n" +
		"Imported One,120000,,2019-03-01,key\n" +
		"Imported Two,80000,,,relationship\n" +
		"Imported Three,45000," + today.String() + ",2018-01-01,key\n" +
		"Imported Four,1000000,,2015-06-30,strategic\n"
	path := filepath.Join(t.TempDir(), "crm.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ImportCSV(st, f, formats.CSVOptions{Currency: "USD", Today: today}, ImportMode{}, nil)
	if err != nil || len(res.Rejected) != 0 {
		t.Fatalf("import: %v %+v", err, res)
	}
	if after := pastReports(t, st); after != before {
		t.Fatalf("importing accounts today changed past periods:\n%s", firstDiff(before, after))
	}
	// The current quarter does see the customer that started today.
	q := domain.PeriodOf(domain.Quarter, today)
	book, _ := domain.ParseScope("book")
	r, err := BuildReport(st, book, q, "cac")
	if err != nil || !strings.Contains(strings.Join(r.Explain, "\n"), "Added Starting Today") || strings.Contains(strings.Join(r.Explain, "\n"), "Without Start") {
		t.Errorf("the current quarter's new accounts: %v\n%s", err, strings.Join(r.Explain, "\n"))
	}
	if !r.ToDate || r.Status != domain.PeriodToDate {
		t.Errorf("the current quarter is to date: %+v", r.Status)
	}
}

// firstDiff shows the first line that differs.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "before: " + cutTo(la[i], 600) + "\nafter:  " + cutTo(lb[i], 600)
		}
	}
	return "a different number of reports"
}

func cutTo(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// tend fx: rates are set, dated, listed and deleted on the book file, kept
// as a validated setting, and the report converts with them.
func TestFXRatesUseCases(t *testing.T) {
	st := newBook(t, 5)
	fx, err := FXRates(st)
	if err != nil || fx.Currency != "USD" || len(fx.Rates) != 0 {
		t.Fatalf("no rates yet: %+v %v", fx, err)
	}
	for _, bad := range [][2]string{{"EURO", "1.08"}, {"EUR", "0"}, {"EUR", "abc"}, {"USD", "1"}} {
		if _, err := SetFXRate(st, bad[0], bad[1], 0); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%v: %v", bad, err)
		}
	}
	if _, err := SetFXRate(st, "eur", "1.08", 0); err != nil {
		t.Fatal(err)
	}
	if fx, err = SetFXRate(st, "EUR", "1.1", domain.DateOf(testNow)); err != nil || len(fx.Rates["EUR"]) != 2 || fx.Currency != "USD" {
		t.Fatalf("%+v %v", fx, err)
	}
	var raw []byte
	_ = st.View(func(tx *store.Tx) error {
		all, err := tx.Settings()
		raw = all[store.SettingFX]
		return err
	})
	if err := store.ValidateSetting(store.SettingFX, raw); err != nil || !strings.Contains(string(raw), `"rate":"1.1"`) {
		t.Errorf("stored %s: %v", raw, err)
	}
	if err := store.ValidateSetting(store.SettingFX, []byte(`{"currency":"USD","rates":{"EUR":[{"rate":"-1"}]}}`)); err == nil {
		t.Error("a negative rate passes validation")
	}
	if err := DeleteFXRate(st, "EUR", domain.NewDate(2020, 1, 1), false); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("delete a rate that is not there: %v", err)
	}
	if err := DeleteFXRate(st, "EUR", domain.DateOf(testNow), false); err != nil {
		t.Fatal(err)
	}
	if fx, _ := FXRates(st); len(fx.Rates["EUR"]) != 1 || fx.Rates["EUR"][0].Rate != "1.08" {
		t.Errorf("after deleting the dated rate: %+v", fx)
	}
	if err := DeleteFXRate(st, "EUR", 0, true); err != nil {
		t.Fatal(err)
	}
	if err := DeleteFXRate(st, "EUR", 0, true); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("delete twice: %v", err)
	}
	// A EUR account: money KPIs of the current quarter need a rate.
	a := domain.NewAccount("Euro Customer")
	a.ContractStart = domain.NewDate(2024, 1, 1)
	a.ARR = domain.Money{Amount: 10_000_000, Currency: "EUR"}
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	book, _ := domain.ParseScope("book")
	q := domain.PeriodOf(domain.Quarter, domain.DateOf(testNow))
	r, err := BuildReport(st, book, q, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range r.Rows {
		if x.Key == domain.KPINRR && (x.Current.OK || x.Current.Reason != domain.NoRate("EUR")) {
			t.Errorf("NRR with a EUR account and no rate: %+v", x.Current)
		}
	}
	if _, err := SetFXRate(st, "EUR", "1.08", 0); err != nil {
		t.Fatal(err)
	}
	r, _ = BuildReport(st, book, q, "")
	for _, x := range r.Rows {
		if x.Key == domain.KPINRR && !x.Current.OK {
			t.Errorf("NRR with a EUR rate: %+v", x.Current)
		}
	}
}

// NRR targets above 100% are allowed; GRR ones are refused with the reason.
func TestRetentionTargetsAbove100(t *testing.T) {
	if _, v, err := ParseTarget("nrr", "110%"); err != nil || v != 1.1 {
		t.Errorf("nrr 110%%: %v %v", v, err)
	}
	if err := domain.ValidateTarget("nrr", 1.1); err != nil {
		t.Errorf("validate nrr 1.1: %v", err)
	}
	if _, _, err := ParseTarget("nrr", "400%"); err == nil {
		t.Error("nrr 400% accepted")
	}
	if _, _, err := ParseTarget("grr", "105%"); err == nil || !strings.Contains(err.Error(), "never exceeds 100%") {
		t.Errorf("grr 105%%: %v", err)
	}
	if _, _, err := ParseTarget("churn", "110%"); err == nil {
		t.Error("churn 110% accepted")
	}
}
