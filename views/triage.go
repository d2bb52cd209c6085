package views

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TriageKeys are the triage pane's keys.
type TriageKeys struct{ Up, Down, Open key.Binding }

// ShortHelp implements help.KeyMap.
func (k TriageKeys) ShortHelp() []key.Binding { return []key.Binding{k.Open} }

// FullHelp implements help.KeyMap.
func (k TriageKeys) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Up, k.Down, k.Open}} }

// Triage is the queue of what needs attention today.
type Triage struct {
	theme         *Theme
	keys          TriageKeys
	width, height int
}

// NewTriage builds the triage pane.
func NewTriage(t *Theme) *Triage {
	return &Triage{theme: t, keys: TriageKeys{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open account")),
	}}
}

// KeyMap is the pane's keys, for help.
func (t *Triage) KeyMap() TriageKeys { return t.keys }

// SetSize lays the pane out.
func (t *Triage) SetSize(w, h int) { t.width, t.height = w, h }

// Update handles keys.
func (t *Triage) Update(tea.Msg) tea.Cmd { return nil }

// View draws the queue.
func (t *Triage) View() string {
	return t.theme.Muted.Render("Triage: the queue of today's work arrives with the triage issue. Press 2 for the portfolio.")
}
