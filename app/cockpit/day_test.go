package cockpit

import (
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/store"
)

// An open cockpit moves to the new day at midnight (u15 report, 6): the
// message the midnight timer sends recomputes today for the triage queue,
// the agenda, the KPI pane's current period (a new quarter here) and the
// book's figures, without any write or poll.
func TestCockpitMovesToTheNewDayAtMidnight(t *testing.T) {
	var clock atomic.Value
	clock.Store(time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC))
	now := func() time.Time { return clock.Load().(time.Time) }
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now, st.Loc = now, time.UTC
	if err := st.Generate(app.DemoOptions(5, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 30))
	t.Cleanup(func() { _ = tm.Quit() })
	waitFor(t, tm, "Today, 2026-12-31")
	keys(tm, "5")
	waitFor(t, tm, "2026-Q4")
	keys(tm, "6")
	waitFor(t, tm, "14 days to 2027-01-13")

	clock.Store(time.Date(2027, 1, 1, 0, 0, 1, 0, time.UTC))
	tm.Send(newDayMsg{})
	keys(tm, "6")
	waitFor(t, tm, "14 days to 2027-01-14")
	keys(tm, "5")
	waitFor(t, tm, "2027-Q1")
	keys(tm, "1")
	waitFor(t, tm, "Today, 2027-01-01")
	v := finalView(t, tm)
	if strings.Contains(v, "2026-12-31") {
		t.Errorf("yesterday still shown:\n%s", v)
	}
}
