package cli

import (
	"strings"
	"testing"
)

// An account without a contract start shows as prospecting in account show
// (text and --json, the stored stage as stored_stage), as account list and
// the cockpit show it.
func TestAccountShowStageAsShown(t *testing.T) {
	_, run := bookWith(t)
	if r := run("", "account", "add", "Zeta", "--stage", "retention", "--arr", "60k"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := run("", "account", "show", "Zeta")
	if r.code != 0 || !strings.Contains(r.stdout, "relationship · prospecting\n") || strings.Contains(r.stdout, "retention") {
		t.Errorf("%+v", r)
	}
	v := jsonOf[shownJSON](t, run("", "account", "show", "Zeta", "--json"))
	if v.Account["stage"] != "prospecting" || v.Account["stored_stage"] != "retention" || v.Account["name"] != "Zeta" {
		t.Errorf("show --json: %v", v.Account)
	}
	rows := jsonOf[[]map[string]any](t, run("", "account", "list", "--json"))
	if rows[2]["stage"] != "prospecting" {
		t.Errorf("list --json: %v", rows[2])
	}
	// a customer: its own stage, no stored_stage
	v = jsonOf[shownJSON](t, run("", "account", "show", "#1", "--json"))
	if _, ok := v.Account["stored_stage"]; ok || v.Account["stage"] != "onboarding" {
		t.Errorf("customer: %v", v.Account)
	}
	if a := jsonOf[map[string]any](t, run("", "account", "add", "Eta", "--stage", "development", "--json")); a["stage"] != "prospecting" || a["stored_stage"] != "development" {
		t.Errorf("add --json: %v", a)
	}
}

type shownJSON struct {
	Account map[string]any `json:"account"`
}
