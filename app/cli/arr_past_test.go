package cli

import (
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
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
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
