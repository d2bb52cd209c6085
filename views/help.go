package views

import (
	"github.com/charmbracelet/bubbles/key"
)

// GlobalKeys work from every pane (except while typing, where only ctrl+c does).
type GlobalKeys struct {
	Triage, Portfolio, Account, Plan, KPI    key.Binding
	Next, Prev, Jump, Note, Help, Back, Quit key.Binding
}

// DefaultGlobalKeys are the cockpit's global bindings.
func DefaultGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Triage:    key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "triage")),
		Portfolio: key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "portfolio")),
		Account:   key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "account")),
		Plan:      key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "plan")),
		KPI:       key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "KPIs")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Jump:      key.NewBinding(key.WithKeys("ctrl+k", "/"), key.WithHelp("ctrl+k or /", "jump to account")),
		Note:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp implements help.KeyMap.
func (k GlobalKeys) ShortHelp() []key.Binding { return []key.Binding{k.Jump, k.Note, k.Help, k.Quit} }

// FullHelp implements help.KeyMap.
func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Triage, k.Portfolio, k.Account, k.Plan, k.KPI}, {k.Next, k.Prev, k.Jump, k.Note, k.Back, k.Help, k.Quit}}
}

// HelpKeys joins a pane's keys with the global ones for the help view.
type HelpKeys struct {
	Pane interface {
		ShortHelp() []key.Binding
		FullHelp() [][]key.Binding
	}
	Global GlobalKeys
}

// ShortHelp implements help.KeyMap.
func (h HelpKeys) ShortHelp() []key.Binding {
	var out []key.Binding
	if h.Pane != nil {
		out = append(out, h.Pane.ShortHelp()...)
	}
	return append(out, h.Global.ShortHelp()...)
}

// FullHelp implements help.KeyMap.
func (h HelpKeys) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	if h.Pane != nil {
		out = append(out, h.Pane.FullHelp()...)
	}
	return append(out, h.Global.FullHelp()...)
}
