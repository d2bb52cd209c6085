package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

// Messages of the note editor to the app.
type (
	// SaveDraftMsg asks to persist the draft (sent at most every DraftEvery while typing).
	SaveDraftMsg struct{ Draft domain.Draft }
	// SaveNoteMsg asks to save the note as an interaction.
	SaveNoteMsg struct{ Draft domain.Draft }
	// CloseNoteMsg says the editor was closed; the draft (Draft, with its
	// text: HasText) stays saved.
	CloseNoteMsg struct {
		AccountID uint64
		Name      string // the account's name, for the message
		Draft     domain.Draft
		HasText   bool
	}
	// EditExternallyMsg asks the app to open the text in $EDITOR.
	EditExternallyMsg struct{ Draft domain.Draft }
	// noteTickMsg drives the draft autosave and the call timer.
	noteTickMsg struct{ gen int }
)

// DraftEvery is how long a typed change may wait before the draft is saved.
const DraftEvery = 700 * time.Millisecond

// NoteKeys are the note editor's keys.
type NoteKeys struct {
	Save, Channel, Sentiment, Attendees, Editor, Close key.Binding
}

// ShortHelp implements help.KeyMap.
func (k NoteKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Save, k.Channel, k.Sentiment, k.Attendees, k.Editor, k.Close}
}

// FullHelp implements help.KeyMap.
func (k NoteKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Note is the call-notes editor. Typing never waits: the draft is handed to
// the app to persist in a command, debounced, while the textarea keeps going.
type Note struct {
	theme    *Theme
	keys     NoteKeys
	ta       textarea.Model
	draft    domain.Draft
	name     string
	contacts []domain.Contact
	version  int  // bumped on every change
	items    int  // action items in the text, counted when it changes
	saved    int  // version last handed to the app for saving
	gen      int  // this editor's tick chain; ticks of a closed editor are dropped
	picking  bool // choosing attendees
	closed   bool // esc: the root takes it off its stack
	now      func() time.Time
	width    int
	height   int
	SavedAt  time.Time // when the app last confirmed the draft durable
	Saving   bool      // the note itself is being saved
}

// NewNote opens the editor on an account, resuming its draft if there is one.
func NewNote(ctx *Context, acct domain.AccountDetail, draft *domain.Draft) *Note {
	t, now := ctx.Theme, ctx.Now
	ta := textarea.New()
	ta.Placeholder = "Notes… lines like \"- [ ] send pricing @fri\" become action items"
	ta.ShowLineNumbers = false
	ta.CharLimit = domain.MaxNoteLen
	ta.MaxHeight = 0
	n := &Note{theme: t, ta: ta, name: acct.Account.Name, contacts: acct.Contacts, now: now, keys: NoteKeys{
		Save:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save note")),
		Channel: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", "channel")),
		// Not ctrl+a nor ctrl+e: those are line start and end in the text
		// (as in every readline), and ctrl+a is the tmux and screen prefix.
		Sentiment: key.NewBinding(key.WithKeys("alt+e", "f3"), key.WithHelp("alt+e/f3", "sentiment")),
		Attendees: key.NewBinding(key.WithKeys("alt+a", "f4"), key.WithHelp("alt+a/f4", "attendees")),
		Editor:    key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "$EDITOR")),
		Close:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close (draft kept)")),
	}}
	if draft != nil {
		n.draft = *draft
		ta.SetValue(draft.Text)
	} else {
		n.draft = domain.Draft{AccountID: acct.Account.ID, Channel: domain.ChannelCall, Started: now()}
	}
	// The note belongs to this account, whatever draft it resumed.
	n.draft.AccountID, n.draft.AccountUID = acct.Account.ID, acct.Account.UID
	n.ta = ta
	n.ta.Focus()
	n.countItems()
	return n
}

// KeyMap is the editor's keys, for help.
func (n *Note) KeyMap() help.KeyMap { return n.keys }

// Unsaved reports whether the editor holds text not saved as a note (it
// may be saved as a draft already: quitting keeps that, but asks first).
func (n *Note) Unsaved() bool { return !n.closed && n.HasText() }

// Name is the name of the account the note is on.
func (n *Note) Name() string { return n.name }

// Done reports whether the editor was closed (Overlay).
func (n *Note) Done() bool { return n.closed }

// Close closes the editor (after its note was saved, or its account went).
func (n *Note) Close() { n.closed = true }

// AccountID is the account the note is for.
func (n *Note) AccountID() uint64 { return n.draft.AccountID }

// Draft is the note as it stands.
func (n *Note) Draft() domain.Draft {
	d := n.draft
	d.Text = n.ta.Value()
	return d
}

// Kept takes in where the app kept the draft: its slot (another when the
// slot held another editor's text) and the text it now knows there.
func (n *Note) Kept(d domain.Draft) { n.draft.Slot, n.draft.Base = d.Slot, d.Base }

// Resume puts a kept draft d in the editor (nothing typed yet): its text,
// slot and attendees; the note stays this editor's.
func (n *Note) Resume(d domain.Draft) {
	d.AccountID, d.AccountUID, d.Writer, d.Base = n.draft.AccountID, n.draft.AccountUID, n.draft.Writer, d.Text
	n.draft = d
	n.ta.SetValue(d.Text)
	n.countItems()
}

// Dirty reports whether there is text not yet handed over for saving.
func (n *Note) Dirty() bool { return n.version != n.saved }

// HasText reports whether the editor holds any text.
func (n *Note) HasText() bool { return strings.TrimSpace(n.ta.Value()) != "" }

// SetText replaces the text (after $EDITOR).
func (n *Note) SetText(s string) tea.Cmd {
	n.ta.SetValue(s)
	return n.changed()
}

var noteGen int

// Init starts the autosave and call timer tick.
func (n *Note) Init() tea.Cmd {
	noteGen++
	n.gen = noteGen
	return tea.Batch(textarea.Blink, n.tick())
}

func (n *Note) tick() tea.Cmd {
	g := n.gen
	return tea.Tick(DraftEvery, func(time.Time) tea.Msg { return noteTickMsg{gen: g} })
}

// SetSize lays the editor out.
func (n *Note) SetSize(w, h int) {
	n.width, n.height = w, h
	n.ta.SetWidth(max(10, w))
	n.fitText()
}

// fitText gives the text what the header, the attendee lines and the footer leave.
func (n *Note) fitText() {
	n.ta.SetHeight(max(1, n.height-3-len(n.attendeeLines())))
}

func (n *Note) changed() tea.Cmd {
	n.version++
	n.countItems()
	return nil
}

func (n *Note) countItems() {
	n.items = len(domain.ParseNote(n.ta.Value(), domain.DateOf(n.now())).Items)
}

// Update handles keys and the autosave tick.
func (n *Note) Update(msg tea.Msg) tea.Cmd {
	defer n.fitText() // picking attendees changes the attendee lines
	switch msg := msg.(type) {
	case noteTickMsg:
		// Runs every DraftEvery while the editor is open: hands the draft over
		// when it changed, and redraws the call timer.
		if msg.gen != n.gen {
			return nil
		}
		var cmd tea.Cmd
		if n.Dirty() {
			n.saved = n.version
			d := n.Draft()
			cmd = func() tea.Msg { return SaveDraftMsg{Draft: d} }
		}
		return tea.Batch(cmd, n.tick())
	case tea.KeyMsg:
		if n.picking {
			s := msg.String()
			switch {
			case s == "esc" || s == "enter" || key.Matches(msg, n.keys.Attendees):
				n.picking = false
			case len(s) == 1 && s[0] >= '1' && s[0] <= '9':
				i := int(s[0] - '1')
				if i < len(n.contacts) {
					n.toggleAttendee(n.contacts[i].ID)
					return n.changed()
				}
			}
			return nil
		}
		switch {
		case key.Matches(msg, n.keys.Save):
			if !n.HasText() {
				return func() tea.Msg { return StatusMsg{Text: "the note is empty: nothing to save", Err: true} }
			}
			n.Saving = true
			d := n.Draft()
			return func() tea.Msg { return SaveNoteMsg{Draft: d} }
		case key.Matches(msg, n.keys.Channel):
			n.draft.Channel = domain.Channels[(domain.Index(domain.Channels, n.draft.Channel)+1)%len(domain.Channels)]
			return n.changed()
		case key.Matches(msg, n.keys.Sentiment):
			n.draft.Sentiment = domain.Sentiments[(domain.Index(domain.Sentiments, n.draft.Sentiment)+1)%len(domain.Sentiments)]
			return n.changed()
		case key.Matches(msg, n.keys.Attendees):
			if len(n.contacts) > 0 {
				n.picking = true
			}
			return nil
		case key.Matches(msg, n.keys.Editor):
			d := n.Draft()
			return func() tea.Msg { return EditExternallyMsg{Draft: d} }
		case key.Matches(msg, n.keys.Close):
			closed := CloseNoteMsg{AccountID: n.draft.AccountID, Name: n.name, Draft: n.Draft(), HasText: n.HasText()}
			var save tea.Cmd
			if n.Dirty() {
				n.saved = n.version
				d := n.Draft()
				save = func() tea.Msg { return SaveDraftMsg{Draft: d} }
			}
			n.closed = true
			return tea.Sequence(save, func() tea.Msg { return closed })
		}
	}
	before := n.ta.Value()
	var cmd tea.Cmd
	n.ta, cmd = n.ta.Update(msg)
	if n.ta.Value() != before {
		n.changed()
	}
	return cmd
}

func (n *Note) toggleAttendee(id uint64) {
	for i, a := range n.draft.Attendees {
		if a == id {
			n.draft.Attendees = append(n.draft.Attendees[:i:i], n.draft.Attendees[i+1:]...)
			return
		}
	}
	n.draft.Attendees = append(n.draft.Attendees, id)
}

func (n *Note) attending(id uint64) bool {
	for _, a := range n.draft.Attendees {
		if a == id {
			return true
		}
	}
	return false
}

// View draws the header (account, timer, channel, sentiment, attendees), the text and the save state.
func (n *Note) View() string {
	t := n.theme
	el := n.now().Sub(n.draft.Started).Round(time.Second)
	if el < 0 {
		el = 0
	}
	timer := fmt.Sprintf("%02d:%02d", int(el.Minutes()), int(el.Seconds())%60)
	if el >= time.Hour {
		timer = fmt.Sprintf("%d:%02d:%02d", int(el.Hours()), int(el.Minutes())%60, int(el.Seconds())%60)
	}
	sent := string(n.draft.Sentiment)
	if sent == "" {
		sent = "sentiment ?"
	}
	head := t.Title.Render("Note · "+Clip(n.name, max(10, n.width-45))) + "  " + t.Key.Render("⏱ "+timer) + "  " + t.Bold.Render(string(n.draft.Channel)) + "  " + t.Muted.Render(sent)
	state := "not saved yet"
	switch {
	case n.Saving:
		state = "saving note…"
	case n.Dirty():
		state = "typing…"
	case !n.SavedAt.IsZero():
		state = "draft saved " + n.SavedAt.Local().Format("15:04:05")
	}
	foot := t.Muted.Render(Clip(fmt.Sprintf("%s · %d action item(s) · ctrl+s save · esc close, draft kept", state, n.items), n.width))
	return strings.Join([]string{ansiTrunc(head, n.width), strings.Join(n.attendeeLines(), "\n"), n.ta.View(), foot}, "\n")
}

// attendeeLines are the attendee choices wrapped onto as many lines as they
// need, so every contact a digit ticks is on screen: "[x] 3 Ana Souza", the
// first nine contacts (1–9), then how many more there are (no key ticks them).
func (n *Note) attendeeLines() []string {
	t := n.theme
	w := max(1, n.width)
	var lines []string
	var cur strings.Builder
	curW := 0
	choices := 0 // on the current line
	put := func(plain string, st lipgloss.Style) {
		sep := ""
		if choices > 0 {
			sep = "  " // between choices
		}
		if curW > 0 && curW+Width(sep+plain) > w {
			lines = append(lines, cur.String())
			cur.Reset()
			curW, choices, sep = 0, 0, ""
		}
		plain = Clip(plain, w-curW-Width(sep))
		cur.WriteString(sep + st.Render(plain))
		curW += Width(sep + plain)
	}
	if n.picking {
		put("attendees — press 1–9 to tick, enter when done: ", t.Key)
	} else {
		put("attendees ("+n.keys.Attendees.Help().Key+"): ", t.Muted)
	}
	if len(n.contacts) == 0 {
		put("no contacts on this account", t.Muted)
	}
	plain := lipgloss.NewStyle()
	for i, c := range n.contacts {
		if i == 9 {
			put(fmt.Sprintf("+%d more contacts (no key ticks them here)", len(n.contacts)-9), t.Muted)
			break
		}
		box, st := "[ ]", plain
		if n.attending(c.ID) {
			box, st = "[x]", t.Bold
		}
		put(fmt.Sprintf("%s %d %s", box, i+1, Clip(c.Name, 18)), st)
		choices++
	}
	return append(lines, cur.String())
}
