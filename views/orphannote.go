package views

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Messages of the kept note to the app.
type (
	// KeepOrphanFileMsg asks to write the kept note to a file beside the book.
	KeepOrphanFileMsg struct{}
	// AttachOrphanMsg answers "attach the kept note to this account?".
	AttachOrphanMsg struct {
		Yes bool
	}
)

// OrphanNote shows a note whose account left the book while it was typed (a
// restore replaced the book), read-only: the keys typed next land here and
// act on nothing. ctrl+s writes it to a file; esc puts it aside (n on an
// account then asks before attaching it). With Ask set it is that question:
// y attaches, n or esc does not.
type OrphanNote struct {
	theme  *Theme
	name   string // the account it was typed for
	text   string
	ask    string // the account it would be attached to ("": not asking)
	kept   string // the file it was written to
	closed bool
	width  int
	height int
	keys   orphanKeys
}

type orphanKeys struct{ Save, Close, Yes, No key.Binding }

// ShortHelp implements help.KeyMap.
func (k orphanKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Yes, k.No, k.Save, k.Close}
}

// FullHelp implements help.KeyMap.
func (k orphanKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// NewOrphanNote shows the note typed for name; ask, when not "", asks
// whether to attach it to that account.
func NewOrphanNote(ctx *Context, name, text, ask string) *OrphanNote {
	o := &OrphanNote{theme: ctx.Theme, name: name, text: text, ask: ask}
	if ask == "" {
		o.keys.Save = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save it to a file"))
		o.keys.Close = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "put it aside (n on an account asks to attach it)"))
	} else {
		o.keys.Yes = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "attach it"))
		o.keys.No = key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "no: a new note, this one stays kept"))
	}
	return o
}

// KeyMap is its keys, for help.
func (o *OrphanNote) KeyMap() help.KeyMap { return o.keys }

// Done reports whether it was closed (Overlay).
func (o *OrphanNote) Done() bool { return o.closed }

// Unsaved: the note is in no book, so quitting asks first.
func (o *OrphanNote) Unsaved() bool { return !o.closed && strings.TrimSpace(o.text) != "" }

// Kept records the file the note was written to.
func (o *OrphanNote) Kept(path string) { o.kept = path }

// SetSize lays it out.
func (o *OrphanNote) SetSize(w, h int) { o.width, o.height = w, h }

// Update takes every key: those that are not its own go nowhere.
func (o *OrphanNote) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok || o.closed {
		return nil
	}
	switch {
	case key.Matches(k, o.keys.Save):
		return func() tea.Msg { return KeepOrphanFileMsg{} }
	case key.Matches(k, o.keys.Close):
		o.closed = true
	case key.Matches(k, o.keys.Yes):
		o.closed = true
		return func() tea.Msg { return AttachOrphanMsg{Yes: true} }
	case key.Matches(k, o.keys.No):
		o.closed = true
		return func() tea.Msg { return AttachOrphanMsg{} }
	}
	return nil
}

// View is the banner, then the note as it was typed.
func (o *OrphanNote) View() string {
	t, w := o.theme, max(10, o.width)
	name := Clip(o.name, 40)
	var head []string
	if o.ask != "" {
		head = strings.Split(t.Title.Render(ansiWrap("Attach the note typed for "+name+" to "+Clip(o.ask, 40)+"? y/n", w)), "\n")
	} else {
		head = strings.Split(t.Title.Render(ansiWrap("The book was replaced (restored): this note for "+name+" is NOT saved", w)), "\n")
		head = append(head, strings.Split(ansiWrap("It is kept here, read-only: what you type goes nowhere. ctrl+s saves it to a file; esc puts it aside, then n on an account asks to attach it there.", w), "\n")...)
		if o.kept != "" {
			head = append(head, t.Muted.Render(Clip("saved to "+o.kept, w)))
		}
	}
	body := strings.Split(o.text, "\n")
	room := max(1, o.height-len(head)-1)
	if len(body) > room {
		body = append(body[:room-1], "…")
	}
	for i, l := range body {
		body[i] = Clip(l, w)
	}
	return strings.Join(append(append(head, ""), body...), "\n")
}
