package cli

import (
	"strings"
	"testing"
)

// A closed account does not renew: account show and account list say when
// it closed instead of a renewal.
func TestClosedAccountShowsClosedNotRenewal(t *testing.T) {
	_, run := bookWith(t)
	if r := run("", "account", "edit", "Acme Robotics", "--renewal", "2029-02-01"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if r := run("", "account", "close", "Acme Robotics", "--reason", "budget cut", "--on", "2026-11-20"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := run("", "account", "show", "Acme Robotics")
	if !strings.Contains(r.stdout, "closed on 2026-11-20 (8d ago)") || strings.Contains(r.stdout, "2029-02-01") || strings.Contains(r.stdout, "renewal 2029") {
		t.Errorf("show:\n%s", r.stdout)
	}
	r = run("", "account", "list")
	if !strings.Contains(r.stdout, "closed 2026-11-20") || strings.Contains(r.stdout, "2029-02-01") {
		t.Errorf("list:\n%s", r.stdout)
	}
	rows := jsonOf[[]map[string]any](t, run("", "account", "list", "--json"))
	if _, ok := rows[0]["renewal"]; ok || rows[0]["closed_on"] != "2026-11-20" {
		t.Errorf("list --json: %v", rows[0])
	}
}

// A won upsell moved back to an open stage (the ARR kept) no longer says 100%:
// its probability goes to the stage's default, or to the one given.
func TestReopenedWinResetsItsProbability(t *testing.T) {
	_, run := bookWith(t)
	for _, args := range [][]string{
		{"opp", "add", "Acme Robotics", "Seats", "--kind", "upsell", "--value", "10k", "--close", "2026-12-31"},
		{"opp", "edit", "Acme Robotics", "1", "--stage", "won", "--keep-arr"},
		{"opp", "edit", "Acme Robotics", "1", "--stage", "qualify", "--close", "2026-12-31"},
	} {
		if r := run("", args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	if o := jsonOf[map[string]any](t, run("", "opp", "show", "Acme Robotics", "1", "--json")); o["probability"] != 10.0 || o["stage"] != "qualify" {
		t.Errorf("reopened: %v", o)
	}
	for _, args := range [][]string{
		{"opp", "edit", "Acme Robotics", "1", "--stage", "lost"},
		{"opp", "edit", "Acme Robotics", "1", "--stage", "negotiate", "--probability", "100"},
	} {
		if r := run("", args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	if o := jsonOf[map[string]any](t, run("", "opp", "show", "Acme Robotics", "1", "--json")); o["probability"] != 100.0 {
		t.Errorf("a probability given with the move: %v", o)
	}
	run("", "opp", "edit", "Acme Robotics", "1", "--stage", "lost")
	run("", "opp", "edit", "Acme Robotics", "1", "--stage", "propose")
	if o := jsonOf[map[string]any](t, run("", "opp", "show", "Acme Robotics", "1", "--json")); o["probability"] != 50.0 {
		t.Errorf("lost, then propose: %v", o)
	}
}
