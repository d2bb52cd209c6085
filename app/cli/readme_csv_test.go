package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The survey and order CSV columns the README names import as it says.
func TestReadmeSurveyAndOrderColumns(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"**Surveys** need an account column", "**Orders** need the account column", "`p` keeps it, so three presses come back"} {
		if !strings.Contains(string(readme), s) {
			t.Errorf("README lacks %q", s)
		}
	}
	db, run := bookWith(t)
	dir := filepath.Dir(db)
	files := map[string]string{
		"s1.csv": "Company,Response Date,NPS,Email,Feedback\nAcme Robotics,2026-11-01,9,dana@acme.com,great\n",
		"s2.csv": "Account,Submitted At,Score,Kind,Respondent\nAcme Robotics,2026-11-02,4,csat,Dana Ruiz\n",
		"o1.csv": "Customer,Order Date,Total,Currency,Invoice Number\nAcme Robotics,2026-11-03,\"1,200.50\",EUR,INV-1\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range [][]string{{"s1.csv", "surveys"}, {"s2.csv", "surveys"}, {"o1.csv", "orders"}} {
		if r := run("", "import", filepath.Join(dir, c[0]), "--kind", c[1]); r.code != 0 || !strings.Contains(r.stdout, "0 rejected") {
			t.Errorf("%s: %+v", c[0], r)
		}
	}
	if r := run("", "survey", "list", "Acme Robotics"); !strings.Contains(r.stdout, "NPS 9") || !strings.Contains(r.stdout, "CSAT 4") {
		t.Errorf("surveys: %s", r.stdout)
	}
	if r := run("", "order", "list", "Acme Robotics"); !strings.Contains(r.stdout, "1,200.50") {
		t.Errorf("orders: %s", r.stdout)
	}
}
