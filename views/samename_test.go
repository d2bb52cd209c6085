package views

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Two accounts with one name are told apart by #N in the jump palette and
// the portfolio; a name nobody else has carries no number; the palette
// leaves out an empty segment (no "·  ·").
func TestSameNamesShowTheirNumbers(t *testing.T) {
	noColour(t)
	sums := []domain.Summary{{ID: 1, Name: "Acme Robotics", Segment: "SMB"}, {ID: 2, Name: "Zeta Newco"}, {ID: 3, Name: "acme robotics"}}
	b := domain.NewBook(sums, testToday)
	p := NewPalette(testCtx())
	p.SetSize(80, 24)
	var run func(c tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				run(c)
			}
			return
		}
		run(p.Update(msg))
	}
	run(p.Open(b))
	v := p.View()
	for _, want := range []string{"Acme Robotics · #1 · SMB", "acme robotics · #3 ·", "Zeta Newco · $0"} {
		if !strings.Contains(v, want) {
			t.Errorf("the palette lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "·  ·") || strings.Contains(v, "Zeta Newco · #") {
		t.Errorf("the palette has an empty part or numbers a unique name:\n%s", v)
	}
	pf := NewPortfolio(testCtx())
	pf.SetSize(100, 20)
	pf.Update(BookMsg{Book: b})
	v = pf.View()
	for _, want := range []string{"Acme Robotics #1", "acme robotics #3"} {
		if !strings.Contains(v, want) {
			t.Errorf("the portfolio lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Zeta Newco #") {
		t.Errorf("the portfolio numbers a unique name:\n%s", v)
	}
}
