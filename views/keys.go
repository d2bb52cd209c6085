package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// The keys every part of the cockpit shares are declared here, once: the
// global ones and the navigation ones the panes build their key maps from.
// A pane's own keys sit next to the pane.

// NavKeys move a cursor or a scroll window.
type NavKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// DefaultNavKeys are the navigation bindings.
func DefaultNavKeys() NavKeys {
	return NavKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
	}
}

// withKeys is b answering more keys too.
func withKeys(b key.Binding, keys ...string) key.Binding {
	b.SetKeys(append(b.Keys(), keys...)...)
	return b
}

// withHelp is b with another description.
func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// GlobalKeys work from every pane (except while typing, where only ctrl+c does).
type GlobalKeys struct {
	GoTo                                                               []key.Binding // 1…n: the panes in order
	Next, Prev, Jump, Search, Note, FollowUp, Drafts, Help, Back, Quit key.Binding
	Import                                                             key.Binding // the import form, from every pane
}

// DefaultGlobalKeys are the cockpit's global bindings for panes with these titles.
func DefaultGlobalKeys(titles ...string) GlobalKeys {
	k := GlobalKeys{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Jump:     key.NewBinding(key.WithKeys("ctrl+k", "/"), key.WithHelp("ctrl+k or /", "jump to account")),
		Search:   key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search notes and records")),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		FollowUp: key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "follow-up of the account's last note")),
		Drafts:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "note drafts (resume, discard)")),
		Import:   key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "import a CSV or JSON file")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back / clear")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
	for i, t := range titles[:min(9, len(titles))] {
		d := fmt.Sprint(i + 1)
		desc := t // "KPIs" stays; "Triage" is "triage"
		if len(t) > 1 && strings.ToLower(t[1:2]) == t[1:2] {
			desc = strings.ToLower(t[:1]) + t[1:]
		}
		k.GoTo = append(k.GoTo, key.NewBinding(key.WithKeys(d), key.WithHelp(d, desc)))
	}
	return k
}

// ShortHelp implements help.KeyMap.
func (k GlobalKeys) ShortHelp() []key.Binding { return []key.Binding{k.Jump, k.Note, k.Help, k.Quit} }

// FullHelp implements help.KeyMap.
func (k GlobalKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{k.GoTo, {k.Next, k.Prev, k.Jump, k.Search, k.Note, k.FollowUp, k.Drafts, k.Import, k.Back, k.Help, k.Quit}}
}

// HelpKeys joins a pane's (or overlay's) keys with the global ones for the help view.
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

// scrollKey moves a viewport by the navigation key km names (up, down, a
// page, the top, the bottom) and reports whether it was one of them.
func scrollKey(vp *viewport.Model, km tea.KeyMsg, up, down, pageUp, pageDown, top, bottom key.Binding) bool {
	switch {
	case key.Matches(km, up):
		vp.ScrollUp(1)
	case key.Matches(km, down):
		vp.ScrollDown(1)
	case key.Matches(km, pageUp):
		vp.PageUp()
	case key.Matches(km, pageDown):
		vp.PageDown()
	case key.Matches(km, top):
		vp.GotoTop()
	case key.Matches(km, bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
