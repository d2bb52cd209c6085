package cockpit

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/store"
)

// The first screen's triage queue is ranked alone: the fuzzy index and the
// agenda start once it has arrived (they took the second core from it), and
// the portfolio, sorted by name, shows its accounts in name order once the
// index has come.
func TestWorkAfterTheFirstScreenWaitsForTheQueue(t *testing.T) {
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(300, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		m := New(Options{Store: *st, Name: "book.db", Now: st.Now})
		d := newDriver(m, 100, 30)
		var order []string
		d.run(m.Init())
		d.until(func(msg tea.Msg) bool {
			switch msg.(type) {
			case triageBuiltMsg, indexBuiltMsg, agendaBuiltMsg:
				order = append(order, fmt.Sprintf("%T", msg))
			}
			return len(order) == 3
		})
		d.stop()
		if order[0] != fmt.Sprintf("%T", triageBuiltMsg{}) {
			t.Fatalf("order of the work after loading: %v", order)
		}
		if !m.book.NameOrderReady() {
			t.Fatal("the index came without the order by name")
		}
		var p interface{ Rows() int }
		for _, pane := range m.panes {
			if pp, ok := pane.(interface{ Rows() int }); ok {
				p = pp
			}
		}
		if p == nil || p.Rows() != 300 {
			t.Fatalf("portfolio rows: %v", p)
		}
	}
}
