package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// report --scope account:NAME resolves the name as other commands do: an
// ambiguous one names the accounts with their #IDs (exit 1: a reading
// command); a unique beginning picks its account.
func TestReportScopeAccountResolvesNames(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	run := func(args ...string) result { t.Helper(); return tend(t, "", append([]string{"--db", db}, args...)...) }
	for _, args := range [][]string{
		{"account", "add", "Acme Robotics", "--arr", "60k", "--start", "2025-01-01"},
		{"account", "add", "Beta Labs", "--arr", "90k", "--start", "2025-01-01"},
		{"account", "add", "Acme Robotics", "--arr", "10k", "--start", "2025-01-01"},
	} {
		if r := run(args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	r := run("report", "--scope", "account:acme")
	if r.code != 1 || !strings.Contains(r.stderr, `"acme" matches 2 accounts: Acme Robotics (#1), Acme Robotics (#3)`) {
		t.Errorf("%+v", r)
	}
	r = run("report", "--scope", "account:Acme Robotics")
	if r.code != 1 || !strings.Contains(r.stderr, "Acme Robotics (#1), Acme Robotics (#3)") {
		t.Errorf("%+v", r)
	}
	v := jsonOf[map[string]any](t, run("report", "--scope", "account:beta", "--format", "json"))
	if v["scope"] != "account:beta" || v["scope_name"] != "Beta Labs" || v["customers"] != 1.0 {
		t.Errorf("scope %v, name %v, customers %v", v["scope"], v["scope_name"], v["customers"])
	}
	if r := run("report", "--scope", "account:#3", "--format", "json"); r.code != 0 {
		t.Errorf("%+v", r)
	}
	if r := run("report", "--scope", "account:zeta"); r.code != 1 || !strings.Contains(r.stderr, `no account matches "zeta"`) {
		t.Errorf("%+v", r)
	}
}
