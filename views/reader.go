package views

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// The reader shows one record in full: a note's whole text, its channel,
// attendees, sentiment and earlier revisions; a goal's fields and progress
// history; any other record's every field. Text from the book is
// neutralised line by line (domain.Printable) and wrapped at the width.

// ReaderKeys are the reader's keys: the records browser's (remapped with
// it), and the fixed esc, q and ?.
type ReaderKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Edit, Progress, Delete, Help, Close     key.Binding
	FollowUp                                key.Binding // a note: draft its follow-up
}

// ShortHelp implements help.KeyMap.
func (k ReaderKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Close, k.Edit, k.FollowUp, k.Progress, k.Delete, k.Help, k.Down, k.PageDown}
}

// FullHelp implements help.KeyMap.
func (k ReaderKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Edit, k.FollowUp, k.Progress, k.Delete, k.Help, k.Close}}
}

// Reader is the full view of one record.
type Reader struct {
	ctx      *Context
	keys     ReaderKeys
	acct     Ref
	rec      Record
	contacts []domain.Contact
	vp       viewport.Model
	done     bool
	width    int
}

// NewReader opens a record in full (contacts name a note's attendees and a survey answer's contact).
func NewReader(ctx *Context, acct Ref, rec Record, contacts []domain.Contact) *Reader {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{}
	rk, fixed := remapKeys(ctx, RecordsTitle, DefaultRecordsKeys()), defaultFixedKeys()
	k := ReaderKeys{
		Up: withHelp(rk.Up, "scroll up"), Down: withHelp(rk.Down, "scroll down"), PageUp: rk.PageUp, PageDown: rk.PageDown,
		Top: rk.Top, Bottom: rk.Bottom, Edit: rk.Edit, Progress: rk.Progress, Delete: rk.Delete,
		Help: fixed.Help, Close: fixed.Close,
	}
	k.Progress.SetEnabled(rec.Kind == KindGoal)
	k.FollowUp = key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "draft the follow-up"))
	k.FollowUp.SetEnabled(rec.Kind == KindNote)
	return &Reader{ctx: ctx, keys: k, acct: acct, rec: rec, contacts: contacts, vp: vp}
}

// KeyMap implements Overlay.
func (r *Reader) KeyMap() help.KeyMap { return r.keys }

// Done implements Overlay.
func (r *Reader) Done() bool { return r.done }

// HelpTitle names the reader in the full help.
func (r *Reader) HelpTitle() string { return "Reader" }

// Record is the record shown.
func (r *Reader) Record() Record { return r.rec }

// Close takes the reader off the stack.
func (r *Reader) Close() { r.done = true }

// SetSize implements Overlay.
func (r *Reader) SetSize(w, h int) {
	r.width = w
	r.vp.Width, r.vp.Height = w, max(1, h-1)
	r.vp.SetContent(strings.Join(r.Lines(w), "\n"))
}

// Update scrolls, or starts an edit, a delete or a progress update.
func (r *Reader) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case DetailMsg:
		if msg.Detail == nil {
			r.done = true // the account is gone
		}
		return nil
	case RecordsMsg:
		// The record may have changed (an edit from here): show it as stored.
		if msg.Account.ID != r.acct.ID || msg.Account.UID != r.acct.UID {
			return nil
		}
		for _, x := range msg.Records {
			if x.Kind == r.rec.Kind && x.ID == r.rec.ID && x.UID == r.rec.UID {
				r.rec = x
				y := r.vp.YOffset
				r.vp.SetContent(strings.Join(r.Lines(r.width), "\n"))
				r.vp.SetYOffset(y)
			}
		}
		return nil
	case tea.KeyMsg:
		today := r.ctx.Today()
		k := r.keys
		switch {
		case scrollKey(&r.vp, msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		case key.Matches(msg, r.keys.Close):
			r.done = true
		case key.Matches(msg, r.keys.Help):
			return msgCmd(ShowHelpMsg{})
		case key.Matches(msg, r.keys.Edit):
			return EditRecordCmd(r.acct, r.rec, r.contacts, today)
		case key.Matches(msg, r.keys.Delete):
			r.done = true
			return formCmd(DeleteRecordForm(r.acct, r.rec))
		case key.Matches(msg, r.keys.FollowUp):
			return msgCmd(FollowUpRequestMsg{AccountID: r.acct.ID, AccountUID: r.acct.UID, NoteID: r.rec.ID})
		case key.Matches(msg, r.keys.Progress):
			return formCmd(GoalProgressForm(r.acct, r.rec, today))
		}
	}
	return nil
}

// View draws the visible part of the record and where it is.
func (r *Reader) View() string {
	t := r.ctx.Theme
	foot := "all shown"
	if n := r.vp.TotalLineCount(); n > r.vp.Height {
		foot = fmt.Sprintf("lines %d–%d of %d", r.vp.YOffset+1, min(n, r.vp.YOffset+r.vp.Height), n)
		if !r.vp.AtBottom() {
			foot += " · ↓ pgdn more"
		}
	}
	return r.vp.View() + "\n" + t.Muted.Render(Clip(foot, r.width))
}

// Lines is the record laid out at width w, every line safe and at most w cells.
func (r *Reader) Lines(w int) []string {
	w = max(20, w)
	t := r.ctx.Theme
	var out []string
	add := func(s string) { out = append(out, s) }
	field := func(name, value string) {
		if strings.TrimSpace(value) == "" {
			value = "—"
		}
		prefix := fmt.Sprintf("%-14s ", name)
		for i, l := range wrapText(value, w-len(prefix)) {
			if i == 0 {
				add(t.Muted.Render(prefix) + l)
			} else {
				add(strings.Repeat(" ", len(prefix)) + l)
			}
		}
	}
	text := func(s string) {
		for _, l := range wrapText(s, w-2) {
			add("  " + l)
		}
	}
	d := r.ctx.Date
	x := r.rec
	add(t.Heading.Render(Clip(fmt.Sprintf("%s #%d of %s", strings.ToUpper(KindName(x.Kind)[:1])+KindName(x.Kind)[1:], x.ID, domain.Printable(r.acct.Name)), w)))
	switch v := x.Value.(type) {
	case domain.Interaction:
		field("When", v.Stamp(time.Local))
		field("Channel", string(v.Channel))
		field("Sentiment", string(v.Sentiment))
		field("Attendees", r.names(v.Attendees))
		add("")
		summary := v.Summary
		if strings.TrimSpace(summary) == "" {
			summary = "(a touch, no text)"
		}
		text(summary)
		if n := len(v.Revisions); n > 0 {
			add("")
			add(t.Bold.Render(fmt.Sprintf("Earlier versions (%d, newest first)", n)))
			for _, rev := range slices.Backward(v.Revisions) {
				add(t.Muted.Render(Clip("until "+rev.At.Local().Format("2006-01-02 15:04")+":", w)))
				text(rev.Summary)
			}
		}
	case domain.Contact:
		field("Name", v.Name)
		field("Title", v.Title)
		field("Email", v.Email)
		field("Phone", v.Phone)
		field("Role", string(v.Role))
		field("Prefers", string(v.Channel))
		last := "never"
		if !v.LastTouch.IsZero() {
			last = v.LastTouch.Local().Format("2006-01-02 15:04")
		}
		field("Last touch", last)
	case domain.ActionItem:
		field("To do", v.Text)
		field("Due", d(v.Due))
		done := "no"
		if v.Done {
			done = "yes, " + v.DoneAt.Local().Format("2006-01-02 15:04")
		}
		field("Done", done)
		if !v.SnoozedUntil.IsZero() {
			field("Snoozed until", d(v.SnoozedUntil))
		}
		if v.Source != 0 {
			field("From note", fmt.Sprintf("#%d", v.Source))
		}
	case domain.Goal:
		field("Goal", v.Title)
		field("Metric", strings.TrimSpace(v.Metric+" "+v.Unit))
		field("Baseline", num(v.Baseline))
		field("Current", num(v.Current))
		field("Target", num(v.Target))
		field("Progress", fmt.Sprintf("%.0f%% · %s", v.Progress()*100, v.Status(r.ctx.Today())))
		field("Start", d(v.Start))
		field("Due", d(v.Due))
		add("")
		add(t.Bold.Render(fmt.Sprintf("History (%d)", len(v.History))))
		if len(v.History) == 0 {
			add(t.Muted.Render("  no progress recorded yet: p records it"))
		}
		for _, h := range slices.Backward(v.History) {
			l := fmt.Sprintf("  %s  %s", d(h.On), num(h.Value))
			if h.Note != "" {
				l += "  " + h.Note
			}
			add(Clip(l, w))
		}
	case string:
		add("")
		text(v)
	case domain.ChecklistItem:
		field("Step", v.Text)
		field("Due", d(v.Due))
		field("Done", map[bool]string{true: "yes", false: "no"}[v.Done])
	case domain.Opportunity:
		field("Title", v.Title)
		field("Kind", string(v.Kind))
		field("Value", v.Value.String())
		field("Stage", string(v.Stage))
		field("Probability", fmt.Sprintf("%d%%", v.Probability))
		field("Weighted", v.Weighted().String())
		field("Expected close", d(v.CloseDate))
		if !v.ClosedOn.IsZero() {
			field("Closed on", d(v.ClosedOn))
		}
	case domain.Risk:
		field("Risk", v.Title)
		field("Kind", string(v.Kind))
		field("Severity", string(v.Severity))
		field("Status", string(v.Status))
		field("Opened", d(v.Opened))
		if !v.Resolved.IsZero() {
			field("Resolved", d(v.Resolved))
		}
		add("")
		text(v.Detail)
	case domain.Win:
		field("Win", v.Title)
		field("Date", d(v.Date))
		add("")
		text(v.Detail)
	case domain.SurveyResponse:
		field("Survey", strings.ToUpper(string(v.Kind)))
		field("Score", fmt.Sprint(v.Score))
		field("Date", d(v.Date))
		field("Contact", r.names([]uint64{v.ContactID}))
		add("")
		text(v.Comment)
	case domain.Order:
		field("Date", d(v.Date))
		field("Amount", v.Amount.String())
	}
	if x.UID != "" {
		add("")
		add(t.Muted.Render(Clip("uid "+x.UID, w)))
	}
	return out
}

// names are the contacts with these ids ("—" for none; a contact that is gone shows its number).
func (r *Reader) names(ids []uint64) string {
	var out []string
	for _, id := range ids {
		if id == 0 {
			continue
		}
		i := slices.IndexFunc(r.contacts, func(c domain.Contact) bool { return c.ID == id })
		if i < 0 {
			out = append(out, fmt.Sprintf("contact #%d", id))
		} else {
			out = append(out, r.contacts[i].Name)
		}
	}
	return strings.Join(out, ", ")
}

// wrapText is untrusted text as lines of at most w cells: each line of it
// neutralised (domain.Printable), then wrapped at words (long words broken).
func wrapText(s string, w int) []string {
	w = max(10, w)
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		l = domain.Printable(strings.TrimRight(l, "\r"))
		if l == "" {
			out = append(out, "")
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(l, w, " "), "\n")...)
	}
	for i, l := range out {
		out[i] = Clip(strings.TrimRight(l, " "), w)
	}
	return out
}

// Capturing reports false: the reader's keys are commands, even when
// several arrive at once.
func (r *Reader) Capturing() bool { return false }
