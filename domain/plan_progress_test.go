package domain

import "testing"

// Every measure is kept (one day's in the order given), the current value is
// the latest, and a day before the start or after today is refused.
func TestGoalRecordProgressKeepsEveryMeasure(t *testing.T) {
	start, today := NewDate(2026, 11, 1), NewDate(2026, 11, 28)
	g := Goal{Title: "Seats", Metric: "seats", Baseline: 100, Target: 200, Start: start}
	for _, m := range []struct {
		v    float64
		on   Date
		note string
	}{{120, today - 5, "a"}, {130, today, "b"}, {135, today, "c"}, {110, today - 10, "d"}} {
		if err := g.RecordProgress(m.v, m.on, today, m.note); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"d", "a", "b", "c"}
	if len(g.History) != 4 {
		t.Fatalf("history %+v", g.History)
	}
	for i, h := range g.History {
		if h.Note != want[i] {
			t.Errorf("history %d: %+v, want note %s", i, h, want[i])
		}
	}
	if g.Current != 135 {
		t.Errorf("current %v, want the latest measure 135", g.Current)
	}
	for _, on := range []Date{today + 1, start - 1, 0} {
		before := len(g.History)
		if err := g.RecordProgress(1, on, today, ""); ErrorCode(err) != EINVALID || len(g.History) != before || g.Current != 135 {
			t.Errorf("on %s: %v, history %d, current %v", on, err, len(g.History), g.Current)
		}
	}
}
