package cockpit

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// agendaBuiltMsg is the agenda of book over days.
type agendaBuiltMsg struct {
	book   *domain.Book
	days   int
	agenda *domain.Agenda
}

// agendaCmd computes the agenda off the event loop (it walks the whole book).
func agendaCmd(b *domain.Book, days int) tea.Cmd {
	if b == nil {
		return nil
	}
	return func() tea.Msg {
		defer catchPanic()
		ag := domain.NewAgenda(b.Sums, b.Today, days, 0)
		return agendaBuiltMsg{book: b, days: days, agenda: &ag}
	}
}

// agendaDays is how many days the agenda pane asks for.
func (m *Model) agendaDays() int {
	for _, p := range m.panes {
		if a, ok := p.(*views.Agenda); ok {
			return a.Days()
		}
	}
	return 14
}

// refreshAgenda recomputes the agenda of the loaded book.
func (m *Model) refreshAgenda() tea.Cmd { return agendaCmd(m.book, m.agendaDays()) }

func (m *Model) handleAgenda(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.AgendaDaysMsg:
		return m.refreshAgenda(), true
	case agendaBuiltMsg:
		if msg.book != m.book || msg.days != m.agendaDays() {
			return nil, true // an older book or span: a newer one is on its way
		}
		return m.broadcast(views.AgendaMsg{Agenda: msg.agenda}), true
	}
	return nil, false
}
