package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// tend fx set, list and delete; the report names the missing rate.
func TestFXCommands(t *testing.T) {
	db := demoBook(t, "8")
	if r := tend(t, "", "fx", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "book currency USD") || !strings.Contains(r.stdout, "no exchange rates") {
		t.Fatalf("list: %+v", r)
	}
	if r := tend(t, "", "fx", "set", "EUR", "1.08", "--db", db); r.code != 0 || r.stdout != "1 EUR = 1.08 USD\n" {
		t.Fatalf("set: %+v", r)
	}
	if r := tend(t, "", "fx", "set", "eur", "1.10", "--from", "2026-07-01", "--db", db); r.code != 0 || r.stdout != "1 EUR = 1.1 USD from 2026-07-01\n" {
		t.Fatalf("set --from: %+v", r)
	}
	r := tend(t, "", "fx", "list", "--json", "--db", db)
	var fx struct {
		Currency string `json:"currency"`
		Rates    map[string][]struct {
			From string `json:"from"`
			Rate string `json:"rate"`
		} `json:"rates"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &fx); err != nil || fx.Currency != "USD" || len(fx.Rates["EUR"]) != 2 || fx.Rates["EUR"][1].From != "2026-07-01" {
		t.Fatalf("list --json: %+v %v (%s)", fx, err, r.stdout)
	}
	for _, bad := range [][]string{{"fx", "set", "EUR"}, {"fx", "set", "EUR", "-2"}, {"fx", "set", "EUR", "1", "--from", "someday"}, {"fx", "delete"}} {
		if r := tend(t, "", append(bad, "--db", db)...); r.code != 2 {
			t.Errorf("%v: %+v", bad, r)
		}
	}
	if r := tend(t, "", "fx", "set", "USD", "1", "--db", db); r.code == 0 || !strings.Contains(r.stderr, "book currency") {
		t.Errorf("a rate for the book currency: %+v", r)
	}
	if r := tend(t, "", "fx", "delete", "EUR", "--from", "2026-07-01", "--db", db); r.code != 0 {
		t.Errorf("delete --from: %+v", r)
	}
	if r := tend(t, "", "fx", "delete", "GBP", "--db", db); r.code == 0 || !strings.Contains(r.stderr, "no GBP rate") {
		t.Errorf("delete a missing currency: %+v", r)
	}
	if r := tend(t, "", "fx", "delete", "EUR", "--db", db); r.code != 0 {
		t.Errorf("delete: %+v", r)
	}
	if r := tend(t, "", "fx", "list", "--db", db); strings.Contains(r.stdout, "1 EUR") {
		t.Errorf("after delete: %+v", r)
	}
}

// The report's CSV gives money in major units with the currency; the
// current period says it runs to date; a future one has no figures.
func TestReportCSVAndPeriods(t *testing.T) {
	db := demoBook(t, "30")
	r := tend(t, "", "report", "--format", "csv", "--period", "2026-Q3", "--db", db)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil {
		t.Fatalf("%+v %v", r, err)
	}
	head := strings.Join(rows[0], ",")
	if !strings.Contains(head, "unit,currency,") {
		t.Fatalf("header %s", head)
	}
	for _, row := range rows[1:] {
		switch row[2] {
		case "money":
			if row[3] != "USD" || row[8] != "" && !strings.Contains(row[8], ".") || strings.Count(row[8], ".") == 1 && len(row[8])-strings.Index(row[8], ".") != 3 {
				t.Errorf("money row %v: want major units with two decimals and USD", row)
			}
		default:
			if row[3] != "" {
				t.Errorf("%s has a currency", row[0])
			}
		}
	}
	if r := tend(t, "", "report", "--db", db); !strings.Contains(r.stdout, "2026-Q4 to date") {
		t.Errorf("current quarter: %s", r.stdout)
	}
	r = tend(t, "", "report", "--period", "2030", "--db", db)
	if r.code != 0 || strings.Contains(r.stdout, "100.0%") || strings.Contains(r.stdout, "on target") || !strings.Contains(r.stdout, "period has not started") {
		t.Errorf("2030: %s", r.stdout)
	}
	r = tend(t, "", "report", "--period", "2026-+1", "--db", db)
	if r.code != 2 || !strings.Contains(r.stderr, "2026-Q3") || !strings.Contains(r.stderr, "2026-07") {
		t.Errorf("2026-+1: %+v", r)
	}
	if r := tend(t, "", "target", "set", "nrr", "110%", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "110.0%") {
		t.Errorf("nrr 110%%: %+v", r)
	}
	if r := tend(t, "", "report", "--scope", "account:2", "--db", db); r.code != 0 || strings.Contains(r.stdout, "account:2") {
		t.Errorf("account scope by name: %s", r.stdout)
	}
}
