package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A renewal won today on an account imported without an ARR moves the ARR
// from its close date only: the periods before it keep $0 (the KPI took the
// first recorded ARR as the ARR since the contract start, so a deal won in
// November counted in Q3's retention and a year earlier's concentration).
func TestARRWonTodayIsNotCarriedBackToTheContractStart(t *testing.T) {
	db, dir := emptyBook(t), t.TempDir()
	write := func(name, text string) string { return writeIn(t, dir, name, text) }
	co := write("co.csv", "Record ID,Company name,Company Domain Name,Contract Start\n1,Acme,acme.example,2024-01-01\n2,Beta,beta.example,2024-01-01\n")
	deals := write("deals.csv", "Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal Type,Associated Company IDs\n10,Acme renewal,Closed Won,100000,2026-11-20,Renewal,1\n")
	for _, f := range []string{co, deals} {
		if r := tend(t, "", "import", f, "--db", db); r.code != 0 {
			t.Fatalf("import %s: %+v", f, r)
		}
	}
	r := tend(t, "", "report", "--period", "2026-Q3", "--explain", "nrr", "--db", db)
	if !strings.Contains(r.stdout, "Acme") || !strings.Contains(r.stdout, "start ARR $0 → end ARR $0") || strings.Contains(r.stdout, "$100,000") {
		t.Errorf("Q3 carries November's won ARR:\n%s", r.stdout)
	}
	show := tend(t, "", "account", "show", "Acme", "--db", db)
	if !strings.Contains(show.stdout, "2024-01-01") || !strings.Contains(show.stdout, "2026-11-20") {
		t.Errorf("the ARR history does not say the ARR before the renewal:\n%s", show.stdout)
	}
}

// A deal won earlier this month, imported after a re-import gave the ARR
// today, changes no past period and leaves the ARR history agreeing with
// the account: the ARR before the win is the one a past period read, and
// the entries after it move with it (the history said $7.27M today below
// a win that made it $7.39M, and Q3 read the renewal's ARR).
func TestABackdatedWinKeepsThePastAndTheHistoryTrue(t *testing.T) {
	db, dir := emptyBook(t), t.TempDir()
	write := func(name, text string) string { return writeIn(t, dir, name, text) }
	co := write("co.csv", "Record ID,Company name,Company Domain Name,Contract Start\n1,Acme,acme.example,2024-01-01\n2,Beta,beta.example,2024-01-01\n")
	co2 := write("co2.csv", "Record ID,Company name,Company Domain Name,Contract Start,ARR\n1,Acme,acme.example,2024-01-01,1900000\n2,Beta,beta.example,2024-01-01,7270000\n")
	deals := write("deals.csv", "Record ID,Deal Name,Deal Stage,Amount,Close Date,Deal Type,Associated Company IDs\n10,Acme renewal,Closed Won,1500000,2026-11-05,Renewal,1\n11,Beta seats,Closed Won,120000,2026-11-10,Upsell,2\n")
	if r := tend(t, "", "import", co, "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if r := tend(t, "", "import", co2, "--prefer", "file", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	q3 := func() string {
		return tend(t, "", "report", "--period", "2026-Q3", "--format", "json", "--db", db).stdout
	}
	before := q3()
	if r := tend(t, "", "import", deals, "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if after := q3(); after != before {
		t.Errorf("Q3 changed with deals won in November:\n%s\n%s", before, after)
	}
	for name, want := range map[string]string{"Acme": "$1,500,000", "Beta": "$7,390,000"} {
		var acct struct {
			Account struct {
				ARR struct {
					Amount float64 `json:"amount"`
				} `json:"arr"`
			} `json:"account"`
			History []struct {
				Date string `json:"date"`
				ARR  struct {
					Amount float64 `json:"amount"`
				} `json:"arr"`
			} `json:"arr_history"`
		}
		r := tend(t, "", "account", "show", name, "--json", "--db", db)
		if err := json.Unmarshal([]byte(r.stdout), &acct); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, r.stdout)
		}
		show := tend(t, "", "account", "show", name, "--db", db).stdout
		if !strings.Contains(show, "ARR "+want) {
			t.Errorf("%s: want ARR %s:\n%s", name, want, show)
		}
		last := -1
		for i, e := range acct.History {
			if last < 0 || e.Date > acct.History[last].Date {
				last = i
			}
		}
		if last < 0 || acct.History[last].ARR.Amount != acct.Account.ARR.Amount || acct.Account.ARR.Amount == 0 {
			t.Errorf("%s: the ARR history's last entry is not the account's ARR:\n%s", name, show)
		}
	}
}

func writeIn(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
