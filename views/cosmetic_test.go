package views

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// The agenda at 80 columns: its heading is not cut (late items and
// check-ins shortened, not clipped), an account's name gets a fair share,
// G goes to the bottom, and the renewals by month, which have no cursor,
// do not offer enter and b.
func TestAgendaAt80Columns(t *testing.T) {
	b, _ := testData(t)
	p := NewAgenda(NewContext(nil, nil, true))
	p.SetSize(80, 20)
	ag := domain.NewAgenda(b.Sums, b.Today, 30, 0)
	ag.Overdue, ag.Late = 16, 1
	p.Update(AgendaMsg{Agenda: &ag})
	v := p.View()
	head := strings.Split(v, "\n")[0]
	if strings.HasSuffix(head, "…") || !strings.Contains(head, "16 items, 1 check-in") {
		t.Errorf("heading %q", head)
	}
	if !strings.Contains(v, "Blue Harbor Mining Inc. ") {
		t.Errorf("a 23-letter name is cut:\n%s", v)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if p.cursor != len(ag.Events)-1 {
		t.Errorf("G: cursor %d of %d", p.cursor, len(ag.Events))
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("m")})
	if h := fmt.Sprint(p.KeyMap().ShortHelp()); p.keys.Open.Enabled() || p.keys.Brief.Enabled() {
		t.Errorf("the months offer enter/b: %s", h)
	}
	if cmd := p.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Errorf("enter on the months sent %#v", cmd())
	}
}

// The triage of an empty book: "1 kind of reason" in the singular
// elsewhere; no row keys offered; b says why it does nothing.
func TestTriageEmptyKeysAndPlural(t *testing.T) {
	tr := NewTriage(NewContext(nil, nil, true))
	tr.SetSize(80, 20)
	tr.Update(BookMsg{Book: domain.NewBook(nil, domain.Date(20000))})
	tr.Update(QueueMsg{Queue: &domain.TriageQueue{}, Today: domain.Date(20000)})
	for _, b := range tr.KeyMap().ShortHelp() {
		if b.Enabled() && (b.Help().Key == "enter" || b.Help().Key == "b") {
			t.Errorf("an empty triage offers %s", b.Help().Key)
		}
	}
	cmd := tr.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b")})
	if cmd == nil {
		t.Fatal("b on an empty book says nothing")
	}
	if s, ok := cmd().(StatusMsg); !ok || !strings.Contains(s.Text, "book is empty") {
		t.Errorf("b on an empty book: %#v", cmd())
	}
	if got := domain.Plural(1, "kind of reason"); got != "1 kind of reason" {
		t.Errorf("%q", got)
	}
}
