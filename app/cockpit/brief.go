package cockpit

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// Around the call: the pre-call brief (an overlay), the note started from
// it with its attendees ticked.

type briefLoadedMsg struct {
	acct    uint64
	brief   app.CallBrief
	refresh bool // an open brief takes it; none opens
	err     error
}

func loadBriefCmd(st app.File, id uint64, today domain.Date, refresh bool) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		cb, err := app.LoadBrief(&st, id, today)
		return briefLoadedMsg{acct: id, brief: cb, refresh: refresh, err: err}
	}
}

// briefView is the open brief, or nil.
func (m *Model) briefView() *views.Brief {
	for _, o := range slices.Backward(m.overlays) {
		if b, ok := o.(*views.Brief); ok && !b.Done() {
			return b
		}
	}
	return nil
}

func (m *Model) handleBrief(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.BriefRequestMsg:
		if m.book == nil || msg.AccountID == 0 {
			return nil, true
		}
		return loadBriefCmd(m.st, msg.AccountID, m.today(), false), true
	case briefLoadedMsg:
		if msg.err != nil {
			if !msg.refresh {
				m.setStatus("no brief: "+app.OneLine(msg.err).Error(), true)
			}
			return nil, true
		}
		b := m.briefView()
		if msg.refresh && (b == nil || b.AccountID() != msg.acct) {
			return nil, true // that brief was closed, or another is open
		}
		m.briefDetail = &msg.brief.Detail
		if b != nil { // one brief at a time: b again (or an answer after it) shows the newest
			b.SetBrief(msg.brief.Brief)
			return nil, true
		}
		m.push(views.NewBrief(m.ctx, msg.brief.Brief))
		return nil, true
	case views.NoteWithMsg:
		if d := m.briefDetail; d != nil && d.Account.ID == msg.AccountID {
			return m.openNoteWith(*d, msg.Attendees), true
		}
		return m.startNote(msg.AccountID), true
	}
	return nil, false
}

// refreshBrief reloads the open brief after a write on its account.
func (m *Model) refreshBrief(acct uint64) tea.Cmd {
	if b := m.briefView(); b != nil && (acct == 0 || b.AccountID() == acct) {
		return loadBriefCmd(m.st, b.AccountID(), m.today(), true)
	}
	return nil
}
