package app

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

func newBook(t *testing.T, accounts int) *store.Store {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	if err := NewDemoBook(st, accounts, 0, 1, testNow); err != nil {
		t.Fatal(err)
	}
	return st
}

// The use cases the command line calls return coded errors: the code, not
// the message, decides the exit status.
func TestAccountUseCasesAndTheirCodes(t *testing.T) {
	st := newBook(t, 3)
	today := domain.DateOf(testNow)
	if err := NewDemoBook(st, 3, 0, 1, testNow); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("a second demo into a book: %v", err)
	}
	for _, name := range []string{"Acme Robotics", "Acme Rockets"} {
		a := domain.NewAccount(name)
		if err := AddAccount(st, &a); err != nil || a.ID == 0 {
			t.Fatalf("add %s: %v (#%d)", name, err, a.ID)
		}
	}
	bad := domain.NewAccount("")
	if err := AddAccount(st, &bad); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("an account without a name: %v", err)
	}
	rows, err := ListAccounts(st, today)
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if v, err := ShowAccount(st, "acme robotics", today); err != nil || v.Account.Name != "Acme Robotics" {
		t.Errorf("show: %v %q", err, v.Account.Name)
	}
	if _, err := ShowAccount(st, "nothing-like-this", today); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("show a missing account: %v", err)
	}
	if _, err := DeleteAccount(st, "acme"); domain.ErrorCode(err) != domain.EAMBIGUOUS {
		t.Errorf("delete by a part of a name: %v", err)
	}
	if s, err := DeleteAccount(st, "Acme Rockets"); err != nil || s.Name != "Acme Rockets" {
		t.Errorf("delete: %v %q", err, s.Name)
	}
	if rows, _ := ListAccounts(st, today); len(rows) != 4 {
		t.Errorf("%d accounts after a delete", len(rows))
	}
	if probs, err := Check(st); err != nil || len(probs) != 0 {
		t.Errorf("check: %v %v", probs, err)
	}
	if n, err := Rebuild(st, nil); err != nil || n != 4 {
		t.Errorf("rebuild: %d %v", n, err)
	}
}

func TestTargetsAndReport(t *testing.T) {
	st := newBook(t, 20)
	for _, c := range []struct {
		key, text string
		want      float64
	}{{"nps", "40", 40}, {"churn", "2%", 0.02}, {"cac", "12k", 1_200_000}, {"csat", "4.5", 4.5}, {"margin", "75%", 0.75}} {
		d, v, err := ParseTarget(c.key, c.text)
		if err != nil || v != c.want {
			t.Errorf("%s %s: %v %v", c.key, c.text, v, err)
			continue
		}
		if err := SetTarget(st, d.Key, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range [][2]string{{"nps", "500"}, {"csat", "9"}, {"happiness", "1"}, {"gross_margin", "0"}} {
		if _, _, err := ParseTarget(bad[0], bad[1]); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%v: %v", bad, err)
		}
	}
	tg, err := ReadTargets(st)
	if err != nil || tg.GrossMargin != 0.75 || tg.Targets["cac"].Value != 1_200_000 || len(tg.Targets) != 4 {
		t.Errorf("targets %+v, %v", tg, err)
	}
	p := domain.PeriodOf(domain.Quarter, domain.DateOf(testNow))
	book, _ := domain.ParseScope("book")
	r, err := BuildReport(st, book, p, "nps")
	if err != nil || len(r.Rows) != len(domain.KPIDefs) || r.Row.Key != "nps" || len(r.Explain) < 2 {
		t.Errorf("report: %v, %d rows, row %q, %d explain lines", err, len(r.Rows), r.Row.Key, len(r.Explain))
	}
	if _, err := BuildReport(st, book, p, "happiness"); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("explain an unknown KPI: %v", err)
	}
	sc, _ := domain.ParseScope("segment:Nowhere")
	if _, err := BuildReport(st, sc, p, ""); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("an empty scope: %v", err)
	}
	if res, err := Triage(st, domain.DateOf(testNow), domain.DefaultTriageWeights()); err != nil || res.Rows == nil {
		t.Errorf("triage: %v", err)
	}
}
