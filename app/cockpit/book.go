package cockpit

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// The loaded book and the open account: the results of reads and writes,
// handed to the panes as views messages.

func (m *Model) handleBook(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case bookLoadedMsg:
		if msg.err != nil {
			m.fatal = msg.err
			m.setStatus(msg.err.Error(), true)
			return nil, true
		}
		m.loaded = true
		m.changes, m.ident, m.book = msg.changes, msg.ident, msg.book
		for _, d := range msg.drafts {
			m.drafts[keyOf(d)] = d
		}
		if n := len(msg.drafts); n > 0 {
			m.setStatus(m.draftsNote(msg.drafts), false)
		} else {
			m.setStatus(fmt.Sprintf("%d accounts", m.book.Len()), false)
		}
		if len(msg.kept) > 0 {
			m.setStatus(fmt.Sprintf("%s kept in files while the book was busy, never saved in it since: %s (copy the text into a note)", domain.Plural(len(msg.kept), "draft"), strings.Join(msg.kept, ", ")), true)
		}
		if m.warning != "" { // said once, with the first load
			m.setStatus(m.warning+" · "+m.status, true)
			m.warning = ""
		}
		return tea.Batch(m.showBook(), m.startLooking(), m.dailyBackup()), true
	case indexBuiltMsg:
		if msg.book != m.book {
			return nil, true // a newer book is on its way with its own index
		}
		m.book.Index = msg.index
		cmd := m.broadcast(views.BookMsg{Book: m.book})
		if !m.settled { // the start's work is done: give back what it used and no longer needs
			m.settled = true
			cmd = tea.Batch(cmd, freeMemoryCmd())
		}
		return cmd, true
	case pollTickMsg, fileChangedMsg:
		return pollCmd(m.st, m.changes, m.book, m.ident, true), true
	case watchStartedMsg:
		return m.watchStarted(msg), true
	case changesMsg:
		return m.changed(msg), true
	case detailLoadedMsg:
		if msg.req != m.detailReq {
			return nil, true // stale
		}
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil, true
		}
		d := msg.detail.AccountDetail
		m.cursor = msg.detail.Next
		show := m.showDetail(&d)
		if m.pendingNote == d.Account.ID {
			m.pendingNote = 0
			return tea.Batch(show, m.openNote(d)), true
		}
		return show, true
	case pageLoadedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil, true
		}
		if msg.acct != m.detailID || m.detail == nil {
			return nil, true
		}
		m.cursor = msg.next
		m.detail.Interactions = append(slices.Clip(m.detail.Interactions), msg.page...)
		return m.broadcast(views.TimelinePageMsg{AccountID: msg.acct, Page: msg.page, More: msg.next.More()}), true
	case savedMsg:
		if msg.err != nil {
			m.setStatus("not saved: "+app.OneLine(msg.err).Error(), true)
			if app.IsReplaced(msg.err) {
				return m.afterWrite(0), true // reload the new book
			}
			again := m.reopenSent(msg.err) // the form, with what was typed
			if msg.acct != 0 && msg.acct == m.detailID {
				return tea.Batch(again, m.loadDetail(msg.acct)), true // take back a change shown before it was written
			}
			return again, true
		}
		m.sentForm = nil
		m.setStatus(msg.what, false)
		return m.afterWrite(msg.acct), true
	case kpiDoneMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil, true
		}
		return m.broadcast(views.KPIReportMsg{Report: &msg.report, Explain: msg.explain}), true
	case backupDoneMsg:
		if msg.err != nil {
			m.warning = "daily backup failed: " + app.OneLine(msg.err).Error()
			m.setStatus(m.warning, true)
		}
		return nil, true
	}
	return nil, false
}

// showBook hands a new book to the panes and ranks its triage queue; the
// work the first screen does not need (the fuzzy index with the order by
// name, the agenda) starts when the queue has arrived (afterShown), so that it
// does not take the second core from the queue.
func (m *Model) showBook() tea.Cmd {
	m.later = m.book
	return tea.Batch(m.broadcast(views.BookMsg{Book: m.book}), triageCmd(m.book, m.opt.Triage))
}

// afterShown starts the work on book that waited for its triage queue.
func (m *Model) afterShown(b *domain.Book) tea.Cmd {
	if b != m.later || b == nil {
		return nil
	}
	m.later = nil
	if b.Index != nil { // kept from the book before: no name, contact or tag changed
		return m.refreshAgenda()
	}
	return tea.Batch(indexCmd(b), m.refreshAgenda())
}

// changed takes in what a poll found.
func (m *Model) changed(msg changesMsg) tea.Cmd {
	var next tea.Cmd
	if msg.tick {
		next = m.nextLook(msg.err) // one chain of looks only; polls after our writes do not start another
	}
	if msg.err != nil {
		if !app.IsBusy(msg.err) { // busy: someone is writing; try again next tick
			m.setStatus(msg.err.Error(), true)
		}
		return next
	}
	if msg.replaced {
		if msg.book == nil || m.book == nil || msg.ident == m.ident {
			return next // before the first load, or already reloaded
		}
		return tea.Batch(next, m.bookReplaced(msg))
	}
	if msg.ident != m.ident {
		return tea.Batch(next, pollCmd(m.st, m.changes, m.book, m.ident, false)) // read before a reload: again
	}
	if msg.book == nil || msg.changes <= m.changes || m.book == nil {
		return next
	}
	if msg.base != m.book {
		return tea.Batch(next, pollCmd(m.st, m.changes, m.book, m.ident, false)) // built on an older book: again, on this one
	}
	m.changes, m.book = msg.changes, msg.book
	cmds := []tea.Cmd{next, m.showBook(), m.selectAddedCmd()}
	if m.top() == views.Overlay(m.search) {
		cmds = append(cmds, m.search.Refresh()) // its results may name what was changed or deleted
	}
	if m.detailID != 0 && (msg.all || slices.Contains(msg.touched, m.detailID)) {
		cmds = append(cmds, m.loadDetail(m.detailID))
	}
	return tea.Batch(cmds...)
}

// showDetail makes d the open account and hands it to the panes.
func (m *Model) showDetail(d *domain.AccountDetail) tea.Cmd {
	m.detail, m.detailID = d, d.Account.ID
	msg := views.DetailMsg{Detail: d, More: m.cursor.More()}
	if p := m.book.Pos(d.Account.ID); p >= 0 {
		msg.KeyScore, msg.Key = m.book.KeyScore[p], m.book.Key[p]
	}
	return m.broadcast(msg)
}

// closeDetail: no account is open any more (deleted, or not in a restored
// book); the panes that showed it are left.
func (m *Model) closeDetail() tea.Cmd {
	m.detail, m.detailID = nil, 0
	m.detailReq++ // drop a detail still on its way
	cmd := m.broadcast(views.DetailMsg{})
	if _, ok := m.focused().(views.DetailPane); ok {
		cmd = tea.Batch(cmd, m.goTo(views.PortfolioTitle))
	}
	m.history = slices.DeleteFunc(m.history, func(i int) bool { _, ok := m.panes[i].(views.DetailPane); return ok })
	return cmd
}

// applyItem shows an action item change before it is written.
func (m *Model) applyItem(it domain.ActionItem) tea.Cmd {
	d := m.detail
	if d == nil || d.Account.ID != it.AccountID || it.ID == 0 {
		return nil
	}
	d.Items = slices.Clone(d.Items) // the panes' copies keep theirs
	for i := range d.Items {
		if d.Items[i].ID == it.ID {
			d.Items[i] = it
		}
	}
	return m.broadcast(views.ItemsMsg{AccountID: it.AccountID, Items: d.Items})
}

// afterWrite reloads what a write changed: the book (through the change
// counter, like any other writer's change) and the open account.
func (m *Model) afterWrite(acct uint64) tea.Cmd {
	cmds := []tea.Cmd{pollCmd(m.st, m.changes, m.book, m.ident, false)}
	if acct != 0 && acct == m.detailID {
		cmds = append(cmds, m.loadDetail(acct))
	}
	return tea.Batch(cmds...)
}

func (m *Model) loadDetail(id uint64) tea.Cmd {
	m.detailReq++
	return loadDetailCmd(m.st, m.detailReq, id)
}

// writer is the store for a write: it refuses (app.IsReplaced) to write
// into a file that is no longer the book this cockpit loaded, so nothing
// typed against one book is ever saved into another.
func (m *Model) writer() app.File { return app.Expecting(m.st, m.ident) }

// sameAccount reports whether the account numbered id in the old book is the
// same account in the new one: the same global UID under that number.
func sameAccount(old, cur *domain.Book, id uint64) bool {
	if old == nil || cur == nil {
		return false
	}
	p, q := old.Pos(id), cur.Pos(id)
	return p >= 0 && q >= 0 && old.Sums[p].UID == cur.Sums[q].UID && old.Sums[p].UID != ""
}

func accountName(b *domain.Book, id uint64) string {
	if b != nil {
		if p := b.Pos(id); p >= 0 {
			return domain.Printable(b.Sums[p].Name)
		}
	}
	return fmt.Sprintf("#%d", id)
}

// bookReplaced takes in a book whose identity changed under the cockpit (a
// restore): everything is reloaded, a pane showing an account that is not
// in the new book goes back to the portfolio, and an open note on such an
// account is closed but kept (orphan) for the user to attach to an account.
func (m *Model) bookReplaced(msg changesMsg) tea.Cmd {
	old := m.book
	m.ident, m.changes, m.book = msg.ident, msg.changes, msg.book
	m.undo, m.recUndo = nil, nil // undo entries name records of the old book
	m.pendingNote = 0
	m.drafts = map[draftKey]domain.Draft{}
	for _, d := range msg.drafts {
		m.drafts[keyOf(d)] = d
	}
	status := "the book was replaced (restored from a backup): reloaded"
	warn := false
	var kept views.Overlay
	if n := m.note(); n != nil && !sameAccount(old, m.book, n.AccountID()) {
		d := n.Draft()
		name := accountName(old, d.AccountID)
		if strings.TrimSpace(d.Text) != "" {
			m.orphan, m.orphanName, m.orphanWarned = &d, name, false
			status = "note for " + name + " NOT saved but kept (n on an account asks to attach it): the book was replaced (restored) and " + name + " is not in it"
		}
		n.Close()
		// Shown read-only in the editor's place: the keys typed next land
		// there, not on the panes of the new book.
		kept = views.NewOrphanNote(m.ctx, name, d.Text, "")
		warn = true
	}
	cmds := []tea.Cmd{m.showBook(), m.search.Refresh()} // its results were the old book's
	if m.detailID != 0 {
		if sameAccount(old, m.book, m.detailID) {
			cmds = append(cmds, m.loadDetail(m.detailID))
		} else {
			if !warn {
				status += "; " + accountName(old, m.detailID) + " is not in it"
			}
			cmds = append(cmds, m.closeDetail())
			warn = true
		}
	}
	m.setStatus(status, warn)
	if kept != nil {
		m.push(kept)
	}
	return tea.Batch(cmds...)
}
