package cockpit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// triageBuiltMsg carries the queue computed for a book.
type triageBuiltMsg struct {
	book  *domain.Book
	queue *domain.TriageQueue
	next  string
}

// triageCmd ranks the queue off the event loop (it walks the whole book).
func triageCmd(b *domain.Book) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		q := domain.Triage(b)
		next := ""
		if q.Len() == 0 {
			if d, what, ok := domain.NextDue(b); ok {
				next = fmt.Sprintf("%s on %s (%s)", domain.Printable(what), d, d.Describe(b.Today))
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
	ident   store.Identity // the book it was written to; its undo is for that book only
	undo    func(*store.Tx) error
	err     error
}

// act runs one triage action on the row's account in a write transaction;
// do returns the undo. The row names its account by number and UID: if the
// number is now another account (a restore of another book), or the account
// is gone, nothing is written.
func act(st store.Store, row domain.TriageRow, what, nothing string, do func(tx *store.Tx) (func(*store.Tx) error, error)) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := actedMsg{what: what, nothing: nothing, acct: row.AccountID}
		if st.Expect != nil {
			m.ident = *st.Expect
		}
		m.err = st.Update(func(tx *store.Tx) (err error) {
			if err := tx.RequireAccount(row.AccountID, row.AccountUID); err != nil {
				return err
			}
			m.undo, err = do(tx)
			return err
		})
		return m
	}
}

// onAccount wraps an undo: it runs only on the account it was recorded on.
func onAccount(row domain.TriageRow, undo func(*store.Tx) error) func(*store.Tx) error {
	return func(tx *store.Tx) error {
		if err := tx.RequireAccount(row.AccountID, row.AccountUID); err != nil {
			return err
		}
		return undo(tx)
	}
}

// itemAction changes the row's action item, if it is still open; its undo
// puts back that very item (same number and UID), if it still exists.
func itemAction(row domain.TriageRow, change func(*domain.ActionItem)) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		it, err := tx.ActionItem(row.AccountID, row.Ref)
		if err != nil {
			return nil, err
		}
		if it.Done {
			return nil, domain.Errorf(domain.ECONFLICT, "%q was done elsewhere", domain.Printable(it.Text))
		}
		prev := it
		change(&it)
		if err := tx.PutActionItem(&it); err != nil {
			return nil, err
		}
		return onAccount(row, func(tx *store.Tx) error {
			cur, err := tx.ActionItem(row.AccountID, row.Ref)
			if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			if err := sameRecord(fmt.Sprintf("%q", domain.Printable(prev.Text)), prev.UID, cur.UID, err == nil); err != nil {
				return err
			}
			return tx.PutActionItem(&prev)
		}), nil
	}
}

func snoozeAction(row domain.TriageRow, until domain.Date) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		if err := tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key, Until: until}); err != nil {
			return nil, err
		}
		return onAccount(row, func(tx *store.Tx) error { return tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key}) }), nil
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

// triageDone: an action item is done, an escalation resolved, any other row dismissed until tomorrow.
func (m *Model) triageDone(row domain.TriageRow) tea.Cmd {
	if m.rowGone(row, "nothing done") {
		return triageCmd(m.book)
	}
	today := m.today()
	switch row.Reason {
	case domain.ReasonOverdueItem, domain.ReasonDueToday:
		return act(m.writer(), row, "done: "+domain.Printable(row.Why), "nothing done", itemAction(row, func(it *domain.ActionItem) { it.Done = true }))
	case domain.ReasonEscalation:
		return act(m.writer(), row, "escalation resolved", "nothing resolved", func(tx *store.Tx) (func(*store.Tx) error, error) {
			r, err := tx.Risk(row.AccountID, row.Ref)
			if err != nil {
				return nil, err
			}
			if !r.Open() {
				return nil, domain.Errorf(domain.ECONFLICT, "escalation %q was closed elsewhere", domain.Printable(r.Title))
			}
			prev := r
			r.SetStatus(domain.RiskResolved, today)
			if err := tx.PutRisk(&r); err != nil {
				return nil, err
			}
			return onAccount(row, func(tx *store.Tx) error {
				cur, err := tx.Risk(row.AccountID, row.Ref)
				if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
					return err
				}
				if err := sameRecord(fmt.Sprintf("escalation %q", domain.Printable(prev.Title)), prev.UID, cur.UID, err == nil); err != nil {
					return err
				}
				return tx.PutRisk(&prev)
			}), nil
		})
	}
	return act(m.writer(), row, "dismissed until tomorrow: "+domain.Printable(row.Why), "nothing dismissed", snoozeAction(row, today+1))
}

func (m *Model) triageSnooze(row domain.TriageRow, until domain.Date) tea.Cmd {
	if m.rowGone(row, "nothing snoozed") {
		return triageCmd(m.book)
	}
	what := fmt.Sprintf("snoozed until %s (%s)", until, until.Describe(m.today()))
	if row.Reason == domain.ReasonOverdueItem || row.Reason == domain.ReasonDueToday {
		return act(m.writer(), row, what, "nothing snoozed", itemAction(row, func(it *domain.ActionItem) { it.SnoozedUntil = until }))
	}
	return act(m.writer(), row, what, "nothing snoozed", snoozeAction(row, until))
}

func (m *Model) triageTouch(row domain.TriageRow) tea.Cmd {
	if m.rowGone(row, "no touch logged") {
		return triageCmd(m.book)
	}
	now := m.opt.Now()
	return act(m.writer(), row, "touch logged with "+domain.Printable(row.Account), "no touch logged", func(tx *store.Tx) (func(*store.Tx) error, error) {
		in := domain.Interaction{AccountID: row.AccountID, At: now, Channel: domain.ChannelCall}
		if err := tx.AddInteraction(&in); err != nil {
			return nil, err
		}
		return onAccount(row, func(tx *store.Tx) error { return tx.DeleteInteraction(row.AccountID, in.ID) }), nil
	})
}

// undoEntry is one action that u takes back: in the book it was done in,
// on the record it was done to (the undo checks both), or not at all.
type undoEntry struct {
	what  string
	acct  uint64
	ident store.Identity
	undo  func(*store.Tx) error
}

func (m *Model) triageUndo() tea.Cmd {
	n := len(m.undo)
	if n == 0 {
		m.setStatus("nothing to undo", false)
		return nil
	}
	e := m.undo[n-1]
	m.undo = m.undo[:n-1]
	st := m.st
	st.Expect = &e.ident
	return writeCmd(st, e.acct, "undone: "+e.what, e.undo)
}

func (m *Model) handleTriage(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case triageBuiltMsg:
		if msg.book == m.book {
			return m.broadcast(views.QueueMsg{Queue: msg.queue, Next: msg.next, Today: msg.book.Today}), true
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
			if store.IsReplaced(msg.err) {
				return m.afterWrite(0), true // reload the new book
			}
			return triageCmd(m.book), true // put the row back
		}
		if msg.ident != m.ident {
			// Written to a book since replaced (restored): there is nothing to undo in this one.
			m.setStatus(msg.what, false)
			return m.afterWrite(0), true
		}
		m.undo = append(m.undo, undoEntry{what: msg.what, acct: msg.acct, ident: msg.ident, undo: msg.undo})
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
