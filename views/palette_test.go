package views

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Enter typed before the results of the last keystroke arrive opens what was
// typed, not what the screen showed a moment before.
func TestPaletteEnterWaitsForTheResultsOfWhatWasTyped(t *testing.T) {
	sums := []domain.Summary{{ID: 1, Name: "Acme Robotics"}, {ID: 2, Name: "Zeta Newco"}}
	b := domain.NewBook(sums, domain.Date(20000))
	p := NewPalette(NewContext(NewTheme(), nil, false))
	p.SetSize(80, 24)
	var run func(c tea.Cmd) []tea.Msg
	run = func(c tea.Cmd) []tea.Msg {
		if c == nil {
			return nil
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, run(c)...)
			}
			return out
		}
		return []tea.Msg{msg}
	}
	first := run(p.Open(b)) // results for "": both accounts, Acme first
	for _, m := range first {
		p.Update(m)
	}
	var pending []tea.Msg
	for _, r := range "zeta" {
		pending = append(pending, run(p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))...)
	}
	if c := p.Update(tea.KeyMsg{Type: tea.KeyEnter}); c != nil {
		t.Fatalf("enter acted before the results arrived: %v", c())
	}
	var opened []tea.Msg
	for _, m := range pending {
		opened = append(opened, run(p.Update(m))...)
	}
	if len(opened) != 1 || opened[0] != (OpenAccountMsg{ID: 2}) {
		t.Fatalf("opened %v, want Zeta (#2)", opened)
	}
}
