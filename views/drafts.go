package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Messages of the drafts list.
type (
	// ResumeDraftMsg asks to open the note editor on the draft's account.
	ResumeDraftMsg struct{ AccountID, Slot uint64 }
	// DiscardDraftMsg asks to drop a draft kept for an account (its slot).
	DiscardDraftMsg struct {
		Account Ref
		Slot    uint64
	}
)

// DraftRow is a kept draft as the list shows it.
type DraftRow struct {
	Account Ref
	Draft   domain.Draft
}

// DraftsKeys are the drafts list's keys.
type DraftsKeys struct {
	Up, Down, Resume, Discard, Help, Close key.Binding
}

// ShortHelp implements help.KeyMap.
func (k DraftsKeys) ShortHelp() []key.Binding { return []key.Binding{k.Resume, k.Discard, k.Close} }

// FullHelp implements help.KeyMap.
func (k DraftsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Resume, k.Discard, k.Help, k.Close}}
}

// Drafts lists every kept note draft (account, age, first line): enter
// resumes one, d twice discards it.
type Drafts struct {
	ctx    *Context
	keys   DraftsKeys
	rows   []DraftRow
	cursor int
	arming bool // d was pressed once on the row under the cursor
	width  int
	height int
	done   bool
}

// NewDrafts lists rows.
func NewDrafts(ctx *Context, rows []DraftRow) *Drafts {
	nav := DefaultNavKeys()
	return &Drafts{ctx: ctx, rows: rows, keys: DraftsKeys{
		Up: nav.Up, Down: nav.Down,
		Resume:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "resume")),
		Discard: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d d", "discard")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:   key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "close")),
	}}
}

// HelpTitle names the list in the full help.
func (v *Drafts) HelpTitle() string { return "Note drafts" }

// SetRows replaces the rows (after a discard).
func (v *Drafts) SetRows(rows []DraftRow) {
	v.rows = rows
	v.cursor = max(0, min(v.cursor, len(rows)-1))
	v.arming = false
}

// KeyMap implements Overlay.
func (v *Drafts) KeyMap() help.KeyMap { return v.keys }

// Done implements Overlay.
func (v *Drafts) Done() bool { return v.done }

// Capturing is false: no text is typed here (ctrl+f opens the search over it).
func (v *Drafts) Capturing() bool { return false }

// SetSize implements Overlay.
func (v *Drafts) SetSize(w, h int) { v.width, v.height = w, h }

// Update implements Overlay.
func (v *Drafts) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	arming := v.arming
	v.arming = false
	switch {
	case key.Matches(k, v.keys.Close):
		v.done = true
	case key.Matches(k, v.keys.Help):
		return msgCmd(ShowHelpMsg{})
	case key.Matches(k, v.keys.Up):
		v.cursor = max(0, v.cursor-1)
	case key.Matches(k, v.keys.Down):
		v.cursor = max(0, min(len(v.rows)-1, v.cursor+1))
	case len(v.rows) == 0:
	case key.Matches(k, v.keys.Resume):
		v.done = true
		return msgCmd(ResumeDraftMsg{AccountID: v.rows[v.cursor].Account.ID, Slot: v.rows[v.cursor].Draft.Slot})
	case key.Matches(k, v.keys.Discard):
		if !arming {
			v.arming = true
			return nil
		}
		return msgCmd(DiscardDraftMsg{Account: v.rows[v.cursor].Account, Slot: v.rows[v.cursor].Draft.Slot})
	}
	return nil
}

// View implements Overlay.
func (v *Drafts) View() string {
	t := v.ctx.Theme
	w := max(1, v.width)
	out := []string{t.Title.Render(Clip(fmt.Sprintf("Note drafts · %d kept", len(v.rows)), w))}
	if len(v.rows) == 0 {
		out = append(out, t.Muted.Render(Clip("no draft is kept: every note was saved or closed empty", w)))
		return strings.Join(out, "\n")
	}
	out = append(out, t.Muted.Render(Clip("  "+Fit("account", 26)+" "+Fit("age", 9)+" first line", w)))
	now := v.ctx.Now()
	body := max(1, v.height-3)
	off := max(0, v.cursor-body+1)
	for i := off; i < min(len(v.rows), off+body); i++ {
		r := v.rows[i]
		at := r.Draft.Saved
		if at.IsZero() {
			at = r.Draft.Started
		}
		first := domain.FirstLine(r.Draft.Text)
		if first == "" {
			first = "(no text)"
		}
		line := Fit(r.Account.Name, 26) + " " + Fit(age(now.Sub(at)), 9) + " " + Clip(first, max(1, w-40))
		out = append(out, t.Row(line, w, i == v.cursor))
	}
	if v.arming {
		out = append(out, t.Bad.Render(Clip("d again discards the draft on "+domain.Printable(v.rows[v.cursor].Account.Name)+"; any other key keeps it", w)))
	}
	return strings.Join(out, "\n")
}

// age says a duration in a few characters: "5 min", "3 h", "2 days".
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}
