package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Messages of the follow-up draft.
type (
	// CopyTextMsg asks to put the text on the clipboard (a file when the
	// terminal may not take it); Name (the account's) names the file.
	CopyTextMsg struct {
		Name string
		Text string
		File bool // write it to a file only (w)
	}
	// BookCheckInMsg asks to book the follow-up's next check-in as an
	// action item, unless an open item books it already.
	BookCheckInMsg struct {
		Account  Ref
		FollowUp domain.FollowUp
	}
	// EditTextMsg asks to open the follow-up's text in $EDITOR.
	EditTextMsg struct {
		AccountID uint64
		Text      string
	}
)

// FollowUpKeys are the follow-up draft's keys.
type FollowUpKeys struct {
	Up, Down, Copy, Write, Editor, CheckIn, Help, Close key.Binding
}

// ShortHelp implements help.KeyMap.
func (k FollowUpKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Copy, k.Editor, k.CheckIn, k.Close}
}

// FullHelp implements help.KeyMap.
func (k FollowUpKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Copy, k.Write, k.Editor, k.CheckIn, k.Help, k.Close}}
}

// FollowUp shows the drafted follow-up of a saved note: copy it, edit it in
// $EDITOR, or book the next check-in as an action item.
type FollowUp struct {
	ctx    *Context
	keys   FollowUpKeys
	f      domain.FollowUp
	acct   Ref
	text   string
	off    int
	edited bool // the text came back from $EDITOR changed, not yet copied or written
	arming bool // esc was pressed once on an edited text
	width  int
	height int
	done   bool
}

// FollowUpScope is the config file's scope of the follow-up's keys
// ([keys.followup]).
const FollowUpScope = "followup"

// DefaultFollowUpKeys are the follow-up's bindings.
func DefaultFollowUpKeys() FollowUpKeys {
	nav := DefaultNavKeys()
	return FollowUpKeys{
		Up: withHelp(nav.Up, "scroll up"), Down: withHelp(nav.Down, "scroll down"),
		Copy:    key.NewBinding(key.WithKeys("c", "ctrl+y"), key.WithHelp("c", "copy (clipboard, else a file)")),
		Write:   key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "write to a file (follow-ups/)")),
		Editor:  key.NewBinding(key.WithKeys("e", "ctrl+o"), key.WithHelp("e", "edit in $EDITOR")),
		CheckIn: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "next check-in → item")),
		Help:    key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:   key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "close")),
	}
}

// NewFollowUp shows the follow-up f of a note on the account acct.
func NewFollowUp(ctx *Context, acct Ref, f domain.FollowUp) *FollowUp {
	v := &FollowUp{ctx: ctx, acct: acct, f: f, text: f.Text(), keys: remapKeys(ctx, FollowUpScope, DefaultFollowUpKeys())}
	v.keys.CheckIn.SetEnabled(f.Booked == nil && f.NextMeeting != 0) // booked, or no date: the footer does not offer it
	return v
}

// HelpTitle names the follow-up in the full help.
func (v *FollowUp) HelpTitle() string { return "Follow-up" }

// AccountID is the account of the note.
func (v *FollowUp) AccountID() uint64 { return v.f.AccountID }

// Text is the follow-up as it stands (edited, maybe).
func (v *FollowUp) Text() string { return v.text }

// SetText replaces the text (after $EDITOR).
func (v *FollowUp) SetText(s string) {
	v.edited = v.edited || s != v.text
	v.text = s
}

// Kept says the text as it stands was copied or written to a file: esc
// closes without asking.
func (v *FollowUp) Kept(text string) {
	if text == v.text {
		v.edited = false
	}
}

// KeyMap implements Overlay.
func (v *FollowUp) KeyMap() help.KeyMap { return v.keys }

// Done implements Overlay.
func (v *FollowUp) Done() bool { return v.done }

// Capturing is false: no text is typed here (ctrl+f opens the search over it).
func (v *FollowUp) Capturing() bool { return false }

// SetSize implements Overlay.
func (v *FollowUp) SetSize(w, h int) { v.width, v.height = w, h }

func (v *FollowUp) lines() []string { return strings.Split(strings.TrimRight(v.text, "\n"), "\n") }

// body is how many lines of text fit under the heading and the check-in line.
func (v *FollowUp) body() int { return max(1, v.height-3) }

// Update implements Overlay.
func (v *FollowUp) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	arming := v.arming
	v.arming = false
	switch {
	case key.Matches(k, v.keys.Close):
		if v.edited && !arming { // an edit is work: never dropped unasked
			v.arming = true
			return msgCmd(StatusMsg{Text: fmt.Sprintf("edited follow-up not copied: %s again discards it, %s copies, %s writes a file",
				v.keys.Close.Help().Key, v.keys.Copy.Help().Key, v.keys.Write.Help().Key), Err: true})
		}
		v.done = true
	case key.Matches(k, v.keys.Help):
		return msgCmd(ShowHelpMsg{})
	case key.Matches(k, v.keys.Up):
		v.off = max(0, v.off-1)
	case key.Matches(k, v.keys.Down):
		v.off = max(0, min(v.off+1, len(v.lines())-v.body()))
	case key.Matches(k, v.keys.Copy):
		return msgCmd(CopyTextMsg{Name: v.f.Account, Text: v.text})
	case key.Matches(k, v.keys.Write):
		return msgCmd(CopyTextMsg{Name: v.f.Account, Text: v.text, File: true})
	case key.Matches(k, v.keys.Editor):
		return msgCmd(EditTextMsg{AccountID: v.f.AccountID, Text: v.text})
	case key.Matches(k, enabled(v.keys.CheckIn)): // off the footer once booked, still answered
		if v.f.NextMeeting == 0 {
			return msgCmd(StatusMsg{Text: "the account has no cadence: no check-in date to book", Err: true})
		}
		if b := v.f.Booked; b != nil {
			return msgCmd(StatusMsg{Text: fmt.Sprintf("already booked: %s, “%s”; nothing booked", v.itemText(b), domain.Printable(b.Text))})
		}
		it := v.f.CheckInItem()
		v.f.Booked = &domain.ItemRef{Due: it.Due, Text: it.Text} // its number comes with the write
		v.keys.CheckIn.SetEnabled(false)
		return msgCmd(BookCheckInMsg{Account: v.acct, FollowUp: v.f})
	}
	return nil
}

// View implements Overlay.
func (v *FollowUp) View() string {
	t := v.ctx.Theme
	w := max(1, v.width)
	head := t.Title.Render(Clip("Follow-up · "+v.f.Account, w))
	next := "no cadence: no next check-in"
	if v.f.NextMeeting != 0 {
		next = fmt.Sprintf("next check-in %s (%s, every %d days)", v.ctx.Date(v.f.NextMeeting), v.f.NextMeeting.Describe(v.ctx.Today()), v.f.CadenceDays)
		if b := v.f.Booked; b != nil {
			next += " · booked: " + v.itemText(b)
		} else {
			next += " · " + v.keys.CheckIn.Help().Key + " books it as an item"
		}
	}
	out := []string{head, t.Muted.Render(Clip(next, w)), ""}
	ls := v.lines()
	v.off = max(0, min(v.off, len(ls)-v.body()))
	end := min(len(ls), v.off+v.body())
	more := end < len(ls)
	if more {
		end-- // the last line says the text goes on
	}
	for _, l := range ls[v.off:end] {
		out = append(out, Clip(l, w))
	}
	if more {
		out = append(out, t.Muted.Render(Clip(fmt.Sprintf("↓ more (%s scrolls)", v.keys.Down.Help().Key), w)))
	}
	return strings.Join(out, "\n")
}

// enabled is b switched on: a key kept off the help that still answers.
func enabled(b key.Binding) key.Binding {
	b.SetEnabled(true)
	return b
}

// itemText is "item #4 due Mon 7 Dec", "item due Mon 7 Dec" (just booked:
// no number yet) or "item #4 (no date)".
func (v *FollowUp) itemText(b *domain.ItemRef) string {
	s := "item"
	if b.ID != 0 {
		s += fmt.Sprintf(" #%d", b.ID)
	}
	if b.Due == 0 {
		return s + " (no date)"
	}
	return s + " due " + v.ctx.Date(b.Due)
}
