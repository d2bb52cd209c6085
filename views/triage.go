package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Requests of the triage pane to the app.
type (
	// TriageDoneMsg: an action item done, an escalation resolved, any other row dismissed for today.
	TriageDoneMsg struct{ Row domain.TriageRow }
	// TriageSnoozeMsg puts a row off until a date.
	TriageSnoozeMsg struct {
		Row   domain.TriageRow
		Until domain.Date
	}
	// TriageTouchMsg logs a quick interaction (no text) with the row's account.
	TriageTouchMsg struct{ Row domain.TriageRow }
	// TriageUndoMsg undoes the last triage action.
	TriageUndoMsg struct{}
)

// TriageKeys are the triage pane's keys. The urgency breakdown of the
// selected row shows with the help (the global ?).
type TriageKeys struct {
	Up, Down, Open, Done, Snooze, Touch, Undo, Brief key.Binding
	Add                                              key.Binding // on an empty book only: its first step (I, the import, is global)
}

// ShortHelp implements help.KeyMap.
func (k TriageKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Add, k.Open, k.Brief, k.Done, k.Snooze, k.Touch, k.Undo}
}

// FullHelp implements help.KeyMap.
func (k TriageKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Brief}, {k.Done, k.Snooze, k.Touch, k.Undo}, {k.Add}}
}

// TriageTitle is the triage pane's title.
const TriageTitle = "Triage"

// Triage is the queue of what needs attention today.
type Triage struct {
	ctx      *Context
	theme    *Theme
	keys     TriageKeys
	queue    *domain.TriageQueue
	kinds    int    // distinct reasons in the queue, counted when it changes
	next     string // what comes due next, for the empty queue
	cursor   int
	offset   int
	snoozing bool
	snoozed  domain.TriageRow // the row z was pressed on: the prompt acts on it, not on the cursor's row
	input    textinput.Model
	today    domain.Date
	loaded   bool
	empty    bool // the book has no account: say how to start
	book     *domain.Book
	width    int
	height   int
}

// NewTriage builds the triage pane.
func NewTriage(ctx *Context) *Triage {
	in := textinput.New()
	in.Prompt = "snooze until: "
	in.Placeholder = "1d, 3d, fri, +2w, 2026-12-01"
	in.CharLimit = 20
	nav := DefaultNavKeys()
	return &Triage{ctx: ctx, theme: ctx.Theme, input: in, keys: remapKeys(ctx, TriageTitle, TriageKeys{
		Up:     nav.Up,
		Down:   nav.Down,
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open account")),
		Done:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "done")),
		Snooze: key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "snooze")),
		Touch:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "log a touch")),
		Undo:   key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Brief:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "brief")),
		Add:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add an account"), key.WithDisabled()),
	})}
}

// Init implements Pane.
func (t *Triage) Init() tea.Cmd { return nil }

// Title implements Pane.
func (t *Triage) Title() string { return TriageTitle }

// KeyMap is the pane's keys, for help.
func (t *Triage) KeyMap() help.KeyMap {
	k := t.keys // a row's keys are offered when there is a row
	has := t.rows() > 0
	for _, b := range []*key.Binding{&k.Open, &k.Brief, &k.Done, &k.Snooze, &k.Touch} {
		b.SetEnabled(has && b.Enabled())
	}
	return k
}

// Capturing reports whether keys go to the snooze prompt.
func (t *Triage) Capturing() bool { return t.snoozing }

// CurrentAccount is the selected row's account (AccountPane).
func (t *Triage) CurrentAccount() uint64 {
	if r, ok := t.Selected(); ok {
		return r.AccountID
	}
	return 0
}

// SetSize lays the pane out.
func (t *Triage) SetSize(w, h int) {
	t.width, t.height = w, h
	t.input.Width = max(10, w-20)
	t.scroll()
}

// scroll keeps the cursor's row in the window of rows shown.
func (t *Triage) scroll() {
	n := t.rows()
	body := t.body()
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+body {
		t.offset = t.cursor - body + 1
	}
	t.offset = max(0, min(t.offset, n-body))
}

// body is how many rows fit under the heading, the urgency panel and the prompt.
func (t *Triage) body() int {
	footer := 0
	if t.snoozing {
		footer = 1
	}
	return max(1, t.height-1-footer)
}

// HelpNote is shown above the keys in the full-screen help: why the
// selected row ranks where it does, term by term.
func (t *Triage) HelpNote() string {
	r, ok := t.Selected()
	if !ok {
		return ""
	}
	th := t.theme
	var sb strings.Builder
	sb.WriteString(th.Heading.Render("Why "+domain.Printable(r.Account)+" is here: "+domain.Printable(r.Why)) + "\n")
	sb.WriteString(th.Muted.Render(fmt.Sprintf("  %-28s %8s %8s %8s", "term", "value", "× coef", "= points")) + "\n")
	for _, x := range r.Terms {
		sb.WriteString(fmt.Sprintf("  %-28s %8.2f %8.2f %8.2f\n", Clip(x.Name, 28), x.Value, x.Coefficient, x.Points))
	}
	sb.WriteString(th.Bold.Render(fmt.Sprintf("  %-28s %26.2f", "urgency", r.Urgency)))
	return sb.String()
}

// Reselect puts the cursor on a row of the queue (the row an undo brought
// back); it reports whether the row is there.
func (t *Triage) Reselect(acct uint64, uid, key string) bool {
	if t.queue == nil {
		return false
	}
	i := t.queue.Index(acct, uid, key)
	if i < 0 {
		return false
	}
	t.cursor = i
	t.scroll()
	return true
}

// SetQueue shows a new queue, keeping the cursor on the same row if it is
// still near where it was.
func (t *Triage) SetQueue(q *domain.TriageQueue, next string, today domain.Date) {
	var key string
	var acct uint64
	if r, ok := t.Selected(); ok {
		key, acct = r.Key, r.AccountID
	}
	pos := t.cursor
	t.queue, t.next, t.today, t.loaded = q, next, today, true
	t.kinds = q.Kinds()
	t.cursor = max(0, min(pos, q.Len()-1))
	// Look for the same row near the old place (rows are put in words on demand).
	for i := max(0, pos-50); i < min(q.Len(), pos+50); i++ {
		if r := q.Row(i); r.Key == key && r.AccountID == acct {
			t.cursor = i
			break
		}
	}
	t.scroll()
}

func (t *Triage) rows() int {
	if t.queue == nil {
		return 0
	}
	return t.queue.Len()
}

// Selected is the row under the cursor.
func (t *Triage) Selected() (domain.TriageRow, bool) {
	if t.cursor < 0 || t.cursor >= t.rows() {
		return domain.TriageRow{}, false
	}
	return t.queue.Row(t.cursor), true
}

// remove takes a row off the queue at once (the write follows in a command).
func (t *Triage) remove(i int) {
	t.queue.Remove(i)
	if i < t.cursor { // a row above the cursor went: the cursor stays on its row
		t.cursor--
	}
	t.kinds = t.queue.Kinds()
	t.cursor = max(0, min(t.cursor, t.rows()-1))
	t.scroll()
}

// Update handles keys, the queue and the help's urgency breakdown.
func (t *Triage) Update(msg tea.Msg) tea.Cmd {
	cmd := t.update(msg)
	t.scroll()
	return cmd
}

func (t *Triage) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case QueueMsg:
		t.SetQueue(msg.Queue, msg.Next, msg.Today)
		return nil
	case BookMsg:
		t.empty = msg.Book != nil && msg.Book.Len() == 0
		t.book = msg.Book
		t.ctx.same.set(msg.Book)
		t.keys.Add.SetEnabled(t.empty)
		return nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if t.snoozing {
			var cmd tea.Cmd
			t.input, cmd = t.input.Update(msg)
			return cmd
		}
		return nil
	}
	if t.snoozing {
		switch km.String() {
		case "esc":
			t.snoozing = false
			t.input.Blur()
			return nil
		case "enter":
			until, err := domain.ParseSnooze(t.input.Value(), t.today)
			if err != nil {
				return func() tea.Msg { return StatusMsg{Text: err.Error(), Err: true} }
			}
			t.snoozing = false
			t.input.Blur()
			// The queue may have been reloaded while the prompt was open (a
			// write elsewhere, a restore): the row z was pressed on is looked
			// for by account number, account UID and key; if it is gone,
			// nothing is snoozed.
			row := t.snoozed
			i := -1
			if t.queue != nil {
				i = t.queue.Index(row.AccountID, row.AccountUID, row.Key)
			}
			if i < 0 {
				text := fmt.Sprintf("nothing snoozed: %s's %q is no longer in the queue (done or changed elsewhere, or the book was replaced)", domain.Printable(row.Account), domain.Printable(RowWhat(row)))
				return func() tea.Msg { return StatusMsg{Text: text, Err: true} }
			}
			t.remove(i)
			return func() tea.Msg { return TriageSnoozeMsg{Row: row, Until: until} }
		}
		var cmd tea.Cmd
		t.input, cmd = t.input.Update(km)
		return cmd
	}
	row, has := t.Selected()
	switch {
	case key.Matches(km, t.keys.Up):
		t.cursor = max(0, t.cursor-1)
	case key.Matches(km, t.keys.Down):
		t.cursor = max(0, min(t.rows()-1, t.cursor+1))
	case key.Matches(km, t.keys.Undo):
		return func() tea.Msg { return TriageUndoMsg{} }
	case key.Matches(km, t.keys.Add):
		return formCmd(NewAccountForm(t.ctx.Today(), t.ctx.NewAccount, t.book))
	case !has && t.rowKey(km):
		why := "nothing to do on: the queue is empty today"
		if t.empty {
			why = "the book is empty: " + t.keys.Add.Help().Key + " adds an account, " + DefaultGlobalKeys().Remap(t.ctx.Keys).Import.Help().Key + " imports a file"
		}
		return msgCmd(StatusMsg{Text: why})
	case !has:
		return nil
	case key.Matches(km, t.keys.Open):
		return func() tea.Msg { return OpenAccountMsg{ID: row.AccountID} }
	case key.Matches(km, t.keys.Brief):
		return msgCmd(BriefRequestMsg{AccountID: row.AccountID})
	case key.Matches(km, t.keys.Done):
		t.remove(t.cursor)
		return func() tea.Msg { return TriageDoneMsg{Row: row} }
	case key.Matches(km, t.keys.Snooze):
		t.snoozing, t.snoozed = true, row
		t.input.SetValue("")
		return t.input.Focus()
	case key.Matches(km, t.keys.Touch):
		return formCmd(TouchChannelForm(row)) // which channel (call first): TouchChannelMsg
	}
	return nil
}

// rowKey reports whether k is one of the keys that act on a row.
func (t *Triage) rowKey(k tea.KeyMsg) bool {
	return key.Matches(k, t.keys.Open, t.keys.Brief, t.keys.Done, t.keys.Snooze, t.keys.Touch)
}

// RowWhat is what a row is about, in a few words: an item's text, an
// escalation's title, else the reason in words.
func RowWhat(r domain.TriageRow) string {
	what, _, _ := strings.Cut(r.Why, " — ")
	return what
}

var reasonLabel = map[domain.Reason]string{
	domain.ReasonOverdueItem: "overdue", domain.ReasonDueToday: "due today", domain.ReasonRenewal: "renewal",
	domain.ReasonRenewalPassed: "renewal!", domain.ReasonQuiet: "quiet", domain.ReasonHealthDrop: "health ▼",
	domain.ReasonEscalation: "escalation", domain.ReasonGoalOverdue: "goal late", domain.ReasonGoalOffTrack: "goal risk",
	domain.ReasonOnboarding: "onboarding", domain.ReasonOppPastClose: "opp late",
}

// View draws the queue, and the urgency breakdown of the selected row when asked.
func (t *Triage) View() string {
	th := t.theme
	if !t.loaded {
		return th.Muted.Render("building today's queue…")
	}
	var sb strings.Builder
	n := t.rows()
	sb.WriteString(th.Heading.Render(fmt.Sprintf("Today, %s · %d to do", t.ctx.Date(t.today), n)))
	sb.WriteString(th.Muted.Render(" · " + domain.Plural(t.kinds, "kind of reason") + " · most urgent first"))
	sb.WriteByte('\n')
	if n == 0 && t.empty {
		sb.WriteString("\n" + th.Bold.Render("Your book is empty.") + "\n")
		sb.WriteString(th.Muted.Render(ansiWrap("First step: "+t.keys.Add.Help().Key+" adds an account; "+DefaultGlobalKeys().Remap(t.ctx.Keys).Import.Help().Key+
			" imports a CSV or JSON file (a CRM export or a tend export); or try tend --demo for a sample book.", t.width)) + "\n")
		return clipLines(sb.String(), t.width)
	}
	if n == 0 {
		sb.WriteString("\n" + th.Good.Render("✓ Nothing needs you today.") + "\n")
		if t.next != "" {
			sb.WriteString(th.Muted.Render(Clip("Next: "+t.next, t.width)) + "\n")
		} else {
			sb.WriteString(th.Muted.Render(fmt.Sprintf("Nothing comes due in the next %d days.", domain.SoonDays)) + "\n")
		}
		return clipLines(sb.String(), t.width)
	}
	body := t.body()
	offset := max(0, min(t.offset, n-body)) // kept by scroll; View changes nothing
	nameW := max(10, min(28, t.width/4))
	whyW := max(10, t.width-nameW-20-Gutter)
	for i := offset; i < n && i < offset+body; i++ {
		r := t.queue.Row(i)
		st := th.Header
		switch r.Reason {
		case domain.ReasonOverdueItem, domain.ReasonRenewalPassed, domain.ReasonEscalation:
			st = th.Bad
		case domain.ReasonRenewal, domain.ReasonHealthDrop, domain.ReasonQuiet:
			st = th.Warn
		}
		line := fmt.Sprintf("%5.1f %s %s %s", r.Urgency, Fit(t.ctx.same.label(r.Account, r.AccountID), nameW), st.Render(Fit(reasonLabel[r.Reason], 11)), Fit(r.Why, whyW))
		sb.WriteString(th.Row(line, t.width, i == t.cursor))
		sb.WriteByte('\n')
	}
	if t.snoozing {
		sb.WriteString(t.input.View())
	}
	return clipLines(strings.TrimRight(sb.String(), "\n"), t.width)
}
