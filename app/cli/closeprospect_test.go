package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// Closing a prospect (never a contract start) closes it as lost, not
// churned: in the message, in the ARR history's cause, and in the KPIs
// (no churn counted).
func TestClosingAProspectIsLostNotChurned(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	run := func(args ...string) result { t.Helper(); return tend(t, "", append([]string{"--db", db}, args...)...) }
	for _, args := range [][]string{
		{"account", "add", "Customer Co", "--arr", "100k", "--start", "2025-01-01"},
		{"account", "add", "Prospect Co", "--arr", "60k"},
		{"account", "add", "Lead Co"},
	} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	r := run("account", "close", "Prospect Co", "--reason", "went with a rival")
	if r.code != 0 || !strings.Contains(r.stdout, "as lost (never a customer)") || strings.Contains(r.stdout, "churned") {
		t.Fatalf("%+v", r)
	}
	if r := run("account", "show", "Prospect Co"); !strings.Contains(r.stdout, "lost (never a customer)") || strings.Contains(r.stdout, "churned") {
		t.Errorf("ARR history:\n%s", r.stdout)
	}
	if r := run("account", "close", "Lead Co", "--reason", "no budget"); r.code != 0 || r.stdout != "closed Lead Co (#3) as lost (never a customer) on 2026-11-28\n" {
		t.Errorf("%+v", r)
	}
	if v := jsonOf[map[string]any](t, run("account", "show", "Lead Co", "--json")); v["arr_history"] != nil {
		t.Errorf("a $0 lead closed: %v", v["arr_history"])
	}
	rep := jsonOf[map[string]any](t, run("report", "--period", "2026-Q4", "--format", "json"))
	for _, k := range rep["kpis"].([]any) {
		row := k.(map[string]any)
		if row["key"] == "churn" {
			if cur, _ := row["current"].(map[string]any); cur["value"] != 0.0 {
				t.Errorf("closing a prospect counts as churn: %v", row)
			}
		}
	}
	if r := run("report", "--period", "2026-Q4", "--explain", "churn"); strings.Contains(r.stdout, "Prospect Co") {
		t.Errorf("churn lists the prospect:\n%s", r.stdout)
	}
	r = run("account", "close", "Customer Co", "--reason", "budget cut")
	if r.code != 0 || !strings.Contains(r.stdout, "as churned on 2026-11-28: ARR $100,000 → $0") {
		t.Errorf("%+v", r)
	}
}
