package cockpit

import (
	"errors"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// The full-text search: the ctrl+f overlay asks (views.SearchMsg), a
// command runs the query on the index beside the file (app.Search, which
// first brings the index up to the book), and the result goes back to the
// overlay, which drops the answers of older queries.

// searchStartMsg: the cockpit has been up a moment; bring the index up.
type searchStartMsg struct{}

// searchStartDelay is how long after start the index is brought up (or
// built): start-up and the first keys get the machine to themselves.
const searchStartDelay = 3 * time.Second

func startSearchIndex() tea.Cmd {
	return tea.Tick(searchStartDelay, func(time.Time) tea.Msg { return searchStartMsg{} })
}

type searchIndexedMsg struct {
	rebuilt bool
	err     error
}

// searchLimit is how many records a query lists.
const searchLimit = 50

func (m *Model) openSearch() tea.Cmd {
	cmd := m.search.Open()
	m.push(m.search)
	return cmd
}

// indexSearch brings the search index up to the book in the background (a
// moment after start, or at the first search): a missing one is built from
// the records, which never holds up the cockpit. Writes keep it up in their
// own transaction, and a search catches up what a tend without the index
// wrote, so nothing runs after writes. One run at a time.
func (m *Model) indexSearch() tea.Cmd {
	if m.indexing {
		m.indexAgain = true
		return nil
	}
	m.indexing, m.indexStarted = true, true
	st := m.st
	return func() tea.Msg {
		rebuilt, err := app.UpdateSearchIndex(&st)
		return searchIndexedMsg{rebuilt: rebuilt, err: err}
	}
}

func searchCmd(st app.File, id int, q string, today domain.Date) tea.Cmd {
	return func() tea.Msg {
		res, err := app.Search(&st, q, today, searchLimit, false)
		out := views.SearchResultMsg{ID: id, Total: res.Total, Err: err, Why: res.Why}
		if errors.Is(err, app.ErrIndexBuilding) {
			out.Err = errors.New("the search index is being built from the book (once): the results come when it is ready")
		} else if err != nil {
			out.Err = app.OneLine(err)
		}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, views.SearchHit{AccountID: h.Acct, AccountUID: h.AcctUID, Account: h.Account, Kind: h.Kind, RecID: h.RecID,
				Field: h.Field, Label: h.Label, Date: h.Date, Snippet: h.Snippet, Marks: h.Marks})
		}
		return out
	}
}

// handleSearch turns the search's requests into commands.
func (m *Model) handleSearch(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.SearchMsg:
		if !m.indexStarted { // searched before the delay at start: now
			return tea.Batch(searchCmd(m.st, msg.ID, msg.Query, m.today()), m.indexSearch()), true
		}
		return searchCmd(m.st, msg.ID, msg.Query, m.today()), true
	case views.OpenRecordMsg:
		h := msg.Hit
		if ref := (views.Ref{ID: h.AccountID, UID: h.AccountUID, Name: h.Account}); !m.known(ref) {
			m.setStatus(goneText(ref, "nothing opened"), true)
			return nil, true
		}
		what := h.Kind
		if h.Label != "" {
			what += " “" + domain.Printable(h.Label) + "”"
		}
		if !h.Date.IsZero() {
			what += " of " + m.ctx.Date(domain.DateOf(h.Date))
		}
		m.setStatus("found: "+domain.Printable(h.Account)+" · "+what, false)
		pane := views.AccountTitle
		if h.Kind == domain.TextItem || h.Kind == domain.TextGoal {
			pane = views.PlanTitle // where goals and items are
		}
		cmds := []tea.Cmd{m.goTo(pane), m.loadDetail(h.AccountID), m.broadcast(views.ShowFoundMsg{Hit: h})}
		// The account pane (the plan, for a goal or an item) brings the
		// record into view; a record
		// the browser lists opens in its reader, over the browser on its
		// account (the hand-off brief and custom fields are on the pane).
		cmds = append(cmds, m.readFound(h))
		return tea.Batch(cmds...), true
	case searchStartMsg:
		if m.indexStarted {
			return nil, true
		}
		return m.indexSearch(), true
	case searchIndexedMsg:
		m.indexing = false
		var cmds []tea.Cmd
		if m.indexAgain {
			m.indexAgain = false
			cmds = append(cmds, m.indexSearch())
		}
		// A failure here is not said in the status line (it would hide
		// what the user did): the next search says it, with its cause.
		if msg.rebuilt {
			cmds = append(cmds, m.search.Refresh())
		}
		return tea.Batch(cmds...), true
	}
	return nil, false
}

// browsable reports whether the records browser lists records of a kind
// the search finds (its kinds and the search's share their names).
func browsable(kind string) bool {
	switch kind {
	case views.KindNote, views.KindContact, views.KindItem, views.KindGoal, views.KindRisk, views.KindOpportunity:
		return true
	}
	return false
}

// readFound opens the records browser on the found record's account with
// its reader on the record, when the browser lists its kind.
func (m *Model) readFound(h views.SearchHit) tea.Cmd {
	if m.book == nil || !browsable(h.Kind) {
		return nil
	}
	p := m.book.Pos(h.AccountID)
	if p < 0 {
		return nil
	}
	s := &m.book.Sums[p]
	ref := views.Ref{ID: s.ID, UID: s.UID, Name: s.Name}
	cmd, _ := m.handleRecords(views.RecordsRequestMsg{Account: ref, Currency: s.ARR.Currency})
	if b := m.browser(); b != nil {
		b.Update(views.SelectRecordMsg{Account: ref, Kind: h.Kind, ID: h.RecID, Read: true})
	}
	return cmd
}
