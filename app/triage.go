package app

import (
	"bufio"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
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
	what string
	acct uint64
	undo func(*store.Tx) error
	err  error
}

// act runs one triage action in a write transaction; do returns the undo.
func act(st store.Store, acct uint64, what string, do func(tx *store.Tx) (func(*store.Tx) error, error)) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := actedMsg{what: what, acct: acct}
		m.err = st.Update(func(tx *store.Tx) (err error) {
			m.undo, err = do(tx)
			return err
		})
		return m
	}
}

func itemAction(row domain.TriageRow, change func(*domain.ActionItem)) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		it, err := tx.ActionItem(row.AccountID, row.Ref)
		if err != nil {
			return nil, err
		}
		prev := it
		change(&it)
		if err := tx.PutActionItem(&it); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error { return tx.PutActionItem(&prev) }, nil
	}
}

func snoozeAction(row domain.TriageRow, until domain.Date) func(tx *store.Tx) (func(*store.Tx) error, error) {
	return func(tx *store.Tx) (func(*store.Tx) error, error) {
		if err := tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key, Until: until}); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error { return tx.PutSnooze(domain.Snooze{AccountID: row.AccountID, Key: row.Key}) }, nil
	}
}

// triageDone: an action item is done, an escalation resolved, any other row dismissed until tomorrow.
func (m *Model) triageDone(row domain.TriageRow) tea.Cmd {
	today := m.today()
	switch row.Reason {
	case domain.ReasonOverdueItem, domain.ReasonDueToday:
		return act(m.writer(), row.AccountID, "done: "+domain.Printable(row.Why), itemAction(row, func(it *domain.ActionItem) { it.Done = true }))
	case domain.ReasonEscalation:
		return act(m.writer(), row.AccountID, "escalation resolved", func(tx *store.Tx) (func(*store.Tx) error, error) {
			r, err := tx.Risk(row.AccountID, row.Ref)
			if err != nil {
				return nil, err
			}
			prev := r
			r.Status, r.Resolved = domain.RiskResolved, max(today, r.Opened)
			if err := tx.PutRisk(&r); err != nil {
				return nil, err
			}
			return func(tx *store.Tx) error { return tx.PutRisk(&prev) }, nil
		})
	}
	return act(m.writer(), row.AccountID, "dismissed until tomorrow: "+domain.Printable(row.Why), snoozeAction(row, today+1))
}

func (m *Model) triageSnooze(row domain.TriageRow, until domain.Date) tea.Cmd {
	what := fmt.Sprintf("snoozed until %s (%s)", until, until.Describe(m.today()))
	if row.Reason == domain.ReasonOverdueItem || row.Reason == domain.ReasonDueToday {
		return act(m.writer(), row.AccountID, what, itemAction(row, func(it *domain.ActionItem) { it.SnoozedUntil = until }))
	}
	return act(m.writer(), row.AccountID, what, snoozeAction(row, until))
}

func (m *Model) triageTouch(row domain.TriageRow) tea.Cmd {
	now := m.opt.Now()
	return act(m.writer(), row.AccountID, "touch logged with "+domain.Printable(row.Account), func(tx *store.Tx) (func(*store.Tx) error, error) {
		in := domain.Interaction{AccountID: row.AccountID, At: now, Channel: domain.ChannelCall}
		if err := tx.AddInteraction(&in); err != nil {
			return nil, err
		}
		return func(tx *store.Tx) error { return tx.DeleteInteraction(row.AccountID, in.ID) }, nil
	})
}

// undoEntry is one action that u takes back.
type undoEntry struct {
	what string
	acct uint64
	undo func(*store.Tx) error
}

func (m *Model) triageUndo() tea.Cmd {
	n := len(m.undo)
	if n == 0 {
		m.setStatus("nothing to undo", false)
		return nil
	}
	e := m.undo[n-1]
	m.undo = m.undo[:n-1]
	return writeCmd(m.writer(), e.acct, "undone: "+e.what, e.undo)
}

func (m *Model) handleTriage(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case triageBuiltMsg:
		if msg.book == m.book {
			m.triage.SetQueue(msg.queue, msg.next, msg.book.Today)
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
			m.setStatus("not done: "+oneLine(msg.err).Error(), true)
			return triageCmd(m.book), true // put the row back
		}
		m.undo = append(m.undo, undoEntry{what: msg.what, acct: msg.acct, undo: msg.undo})
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

func cmdTriage(st *store.Store, args []string, env *Env) error {
	fs := newFlags("triage", "Usage: tend triage [--json]\n\nToday's queue: what needs you, most urgent first, each with its reason.\n\n")
	asJSON := fs.Bool("json", false, "print JSON (with the urgency breakdown)")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		return err
	}
	b := domain.NewBook(sums, domain.DateOf(env.Now()))
	rows := domain.Triage(b).Rows()
	if *asJSON {
		if rows == nil {
			rows = []domain.TriageRow{}
		}
		return writeJSON(env.Stdout, rows)
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	if len(rows) == 0 {
		fmt.Fprintln(w, "Nothing needs you today.")
		if d, what, ok := domain.NextDue(b); ok {
			fmt.Fprintf(w, "Next: %s on %s.\n", domain.Printable(what), d)
		}
		return nil
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%5.1f  %s  %s  %s\n", r.Urgency, views.Fit(r.Account, 28), views.Fit(string(r.Reason), 17), views.Clip(r.Why, 90))
	}
	return nil
}
