package cli

import (
	"strings"
	"testing"
)

// A second measure on one day is kept beside the first, goal show lists
// both; a measure before the goal's start or in the future is refused.
func TestGoalProgressKeepsSameDayMeasures(t *testing.T) {
	_, run := bookWith(t)
	if r := run("", "goal", "add", "acme robotics", "Grow seats", "--metric", "seats", "--baseline", "100", "--target", "200", "--start", "2026-11-01"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	for _, args := range [][]string{{"120", "--note", "morning count"}, {"125", "--note", "after lunch"}} {
		if r := run("", append([]string{"goal", "progress", "acme robotics", "grow seats"}, args...)...); r.code != 0 {
			t.Fatalf("progress: %+v", r)
		}
	}
	g := jsonOf[map[string]any](t, run("", "goal", "show", "acme robotics", "seats", "--json"))
	if h, _ := g["history"].([]any); len(h) != 2 || g["current"] != 125.0 {
		t.Errorf("goal: %v", g)
	}
	if r := run("", "goal", "show", "acme robotics", "seats"); !strings.Contains(r.stdout, "morning count") || !strings.Contains(r.stdout, "after lunch") {
		t.Errorf("goal show:\n%s", r.stdout)
	}
	for _, on := range []string{"2026-10-31", "2026-11-29"} {
		if r := run("", "goal", "progress", "acme robotics", "grow seats", "130", "--on", on); r.code == 0 {
			t.Errorf("--on %s accepted: %+v", on, r)
		}
	}
	if r := run("", "goal", "progress", "acme robotics", "grow seats", "130", "--on", "2026-10-31"); !strings.Contains(r.stderr, "before the goal's start 2026-11-01") {
		t.Errorf("%+v", r)
	}
	g = jsonOf[map[string]any](t, run("", "goal", "show", "acme robotics", "seats", "--json"))
	if h, _ := g["history"].([]any); len(h) != 2 {
		t.Errorf("refused measures were kept: %v", g)
	}
}
