package cockpit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// triageBuiltMsg carries the queue computed for a book.
type triageBuiltMsg struct {
	book  *domain.Book
	queue *domain.TriageQueue
	next  string
}

// triageCmd ranks the queue off the event loop (it walks the whole book).
func triageCmd(b *domain.Book, w domain.TriageWeights) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		q := domain.TriageWith(b, w)
		next := ""
		if q.Len() == 0 {
			if d, what, ok := domain.NextDue(b); ok {
				next = fmt.Sprintf("%s on %s (%s)", domain.Printable(what), d.Format(w.DateLayout), d.Describe(b.Today))
			}
		}
		return triageBuiltMsg{book: b, queue: q, next: next}
	}
}

// actedMsg reports a triage action and how to take it back.
type actedMsg struct {
	what    string
	nothing string // said when it failed: "nothing snoozed" …
	acct    uint64
	row     domain.TriageRow // the row acted on: undo puts the cursor back on it
	ident   app.Identity     // the book it was written to; its undo is for that book only
	undo    app.Undo
	err     error
}

// act runs one triage action (a use case of app/triage.go, which writes
// nothing unless the row's account is still the one under its number) in
// the loaded book; it returns the undo.
func (m *Model) act(row domain.TriageRow, what, nothing string, do func(app.Store) (app.Undo, error)) tea.Cmd {
	st, ident := m.writer(), m.ident
	return func() tea.Msg {
		defer catchPanic()
		u, err := do(&st)
		return actedMsg{what: what, nothing: nothing, acct: row.AccountID, row: row, ident: ident, undo: u, err: err}
	}
}

// rowGone says that a row's account is no longer the one the row was on.
func (m *Model) rowGone(row domain.TriageRow, nothing string) bool {
	if m.known(views.Ref{ID: row.AccountID, UID: row.AccountUID}) {
		return false
	}
	m.setStatus(fmt.Sprintf("%s: %s's %q is no longer in the book (deleted elsewhere, or the book was replaced)",
		nothing, domain.Printable(row.Account), domain.Printable(views.RowWhat(row))), true)
	return true
}

// triageDone: an action item is done, an escalation resolved, any other row
// dismissed until tomorrow (app.TriageDone); here, the words for each.
func (m *Model) triageDone(row domain.TriageRow) tea.Cmd {
	if m.rowGone(row, "nothing done") {
		return triageCmd(m.book, m.opt.Triage)
	}
	today, now := m.today(), m.opt.Now()
	what, nothing := "dismissed until tomorrow: "+rowName(row), "nothing dismissed"
	switch row.Reason {
	case domain.ReasonOverdueItem, domain.ReasonDueToday:
		what, nothing = "done: "+rowName(row), "nothing done"
	case domain.ReasonEscalation:
		what, nothing = "escalation resolved: "+rowName(row), "nothing resolved"
	}
	return m.act(row, what, nothing, func(st app.Store) (app.Undo, error) { return app.TriageDone(st, row, today, now) })
}

func (m *Model) triageSnooze(row domain.TriageRow, until domain.Date) tea.Cmd {
	if m.rowGone(row, "nothing snoozed") {
		return triageCmd(m.book, m.opt.Triage)
	}
	what := fmt.Sprintf("snoozed %s until %s (%s)", rowName(row), until, until.Describe(m.today()))
	return m.act(row, what, "nothing snoozed", func(st app.Store) (app.Undo, error) { return app.Snooze(st, row, until) })
}

func (m *Model) triageTouch(row domain.TriageRow) tea.Cmd {
	if m.rowGone(row, "no touch logged") {
		return triageCmd(m.book, m.opt.Triage)
	}
	now := m.opt.Now()
	return m.act(row, "touch logged with "+domain.Printable(row.Account), "no touch logged", func(st app.Store) (app.Undo, error) {
		return app.LogTouch(st, row, now)
	})
}

// rowName names a row's record for messages: its account and what it is about.
func rowName(row domain.TriageRow) string {
	return fmt.Sprintf("%s's %q", domain.Printable(row.Account), domain.Printable(views.RowWhat(row)))
}

// undoEntry is one action that u takes back: in the book it was done in,
// on the record it was done to (the undo checks both), or not at all.
type undoEntry struct {
	what  string
	acct  uint64
	row   domain.TriageRow
	ident app.Identity
	undo  app.Undo
}

func (m *Model) triageUndo() tea.Cmd {
	n := len(m.undo)
	if n == 0 {
		m.setStatus("nothing to undo", false)
		return nil
	}
	e := m.undo[n-1]
	m.undo = m.undo[:n-1]
	st := app.Expecting(m.st, e.ident)
	m.reselect = &e.row
	return writeCmd(e.acct, "undone: "+e.what, func() error { return app.UndoAction(&st, e.undo) })
}

func (m *Model) handleTriage(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case triageBuiltMsg:
		if msg.book == m.book {
			cmd := tea.Batch(m.broadcast(views.QueueMsg{Queue: msg.queue, Next: msg.next, Today: msg.book.Today}), m.afterShown(msg.book))
			if r := m.reselect; r != nil {
				// After an undo, the cursor goes to the row it brought back, once the queue has it.
				for _, p := range m.panes {
					if t, ok := p.(interface {
						Reselect(uint64, string, string) bool
					}); ok && t.Reselect(r.AccountID, r.AccountUID, r.Key) {
						m.reselect = nil
					}
				}
			}
			return tea.Batch(cmd, m.watchDay()), true
		}
	case views.TriageDoneMsg:
		return m.triageDone(msg.Row), true
	case views.TriageSnoozeMsg:
		return m.triageSnooze(msg.Row, msg.Until), true
	case views.TriageTouchMsg:
		return m.triageTouch(msg.Row), true
	case views.TriageUndoMsg:
		return m.triageUndo(), true
	case actedMsg:
		if msg.err != nil {
			m.setStatus(msg.nothing+": "+app.OneLine(msg.err).Error(), true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true // reload the new book
			}
			return triageCmd(m.book, m.opt.Triage), true // put the row back
		}
		if msg.ident != m.ident {
			// Written to a book since replaced (restored): there is nothing to undo in this one.
			m.setStatus(msg.what, false)
			return m.afterWrite(0), true
		}
		m.undo = append(m.undo, undoEntry{what: msg.what, acct: msg.acct, row: msg.row, ident: msg.ident, undo: msg.undo})
		if len(m.undo) > 100 {
			m.undo = m.undo[1:]
		}
		m.setStatus(msg.what+" · u undoes", false)
		return m.afterWrite(msg.acct), true
	default:
		return nil, false
	}
	return nil, true
}
