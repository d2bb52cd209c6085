package cockpit

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// The config's triage weights and reasons build the cockpit's queue, and
// its portfolio sort is the portfolio's first.
func TestConfigTriageAndSortReachTheCockpit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(30, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		t.Fatal(err)
	}
	w := domain.DefaultTriageWeights()
	w.Reasons = []domain.Reason{domain.ReasonEscalation}
	w.Base[domain.ReasonEscalation] = 60
	rows := domain.TriageWith(domain.NewBook(sums, domain.DateOf(testNow)), w).Rows()
	if len(rows) == 0 || len(rows) == len(domain.Triage(domain.NewBook(sums, domain.DateOf(testNow))).Rows()) {
		t.Fatalf("want a few escalation rows: %d", len(rows))
	}
	// The smallest ARR first: sort = "arr", reverse = true.
	smallest := slices.MinFunc(sums, func(a, b domain.Summary) int { return int(a.ARR.Amount - b.ARR.Amount) })

	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now, Triage: w, SortColumn: views.ColARR, SortReverse: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(140, 40))
	t.Cleanup(func() { _ = tm.Quit() })
	waitFor(t, tm, fmt.Sprintf("Today, 2026-11-28 · %d to do", len(rows)), "open "+string(domain.SevCritical)+" escalation")
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	v := finalView(t, tm)
	lines := strings.Split(v, "\n")
	first := ""
	for i, l := range lines {
		if strings.Contains(l, "NAME") && i+1 < len(lines) {
			first = lines[i+1]
			break
		}
	}
	if !strings.Contains(first, smallest.Name[:min(len(smallest.Name), 12)]) {
		t.Errorf("first row %q, want %s (the smallest ARR)\n%s", first, smallest.Name, v)
	}
}

// The config's colours are the cockpit theme's; none set is the defaults.
func TestConfigColoursReachTheTheme(t *testing.T) {
	c := views.DefaultColours()
	c.Accent.Dark, c.Bad.Light = "#FF8800", "#990000"
	m := New(Options{Name: "book.db", Colours: c})
	if fg := m.ctx.Theme.Title.GetForeground(); fg != c.Accent {
		t.Errorf("title %v, want %v", fg, c.Accent)
	}
	if fg := m.ctx.Theme.Error.GetForeground(); fg != c.Bad {
		t.Errorf("error %v, want %v", fg, c.Bad)
	}
	if fg := New(Options{Name: "book.db"}).ctx.Theme.Title.GetForeground(); fg != views.DefaultColours().Accent {
		t.Errorf("default title %v", fg)
	}
}
