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

// The note drafts kept (typed, not saved): listed with ctrl+r, resumed or
// discarded; the start-up message names them.

type draftDiscardedMsg struct {
	acct views.Ref
	err  error
}

// draftsNote is the start-up message about the drafts kept: every account named.
func (m *Model) draftsNote(drafts []domain.Draft) string {
	var names []string
	for _, d := range drafts {
		names = append(names, m.draftName(d.AccountID))
	}
	slices.Sort(names)
	what := "1 note draft kept from last time"
	if len(drafts) > 1 {
		what = fmt.Sprintf("%d note drafts kept from last time", len(drafts))
	}
	return fmt.Sprintf("%s: %s · n on the account resumes it, %s lists them", what, strings.Join(names, ", "), m.keys.Drafts.Help().Key)
}

func (m *Model) draftName(id uint64) string {
	if m.book != nil {
		if p := m.book.Pos(id); p >= 0 {
			return domain.Printable(m.book.Sums[p].Name)
		}
	}
	return fmt.Sprintf("account #%d", id)
}

// draftRows are the drafts kept, the newest first.
func (m *Model) draftRows() []views.DraftRow {
	var rows []views.DraftRow
	for id, d := range m.drafts {
		if strings.TrimSpace(d.Text) == "" {
			continue
		}
		ref := views.Ref{ID: id, UID: d.AccountUID, Name: m.draftName(id)}
		rows = append(rows, views.DraftRow{Account: ref, Draft: d})
	}
	slices.SortFunc(rows, func(a, b views.DraftRow) int {
		if c := b.Draft.Saved.Compare(a.Draft.Saved); c != 0 {
			return c
		}
		return int(a.Account.ID) - int(b.Account.ID)
	})
	return rows
}

// draftsView is the open drafts list, or nil.
func (m *Model) draftsView() *views.Drafts {
	for _, o := range m.overlays {
		if d, ok := o.(*views.Drafts); ok && !d.Done() {
			return d
		}
	}
	return nil
}

func (m *Model) openDrafts() tea.Cmd {
	if m.book == nil {
		return nil
	}
	m.push(views.NewDrafts(m.ctx, m.draftRows()))
	return nil
}

func (m *Model) handleDrafts(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.ResumeDraftMsg:
		return m.startNote(msg.AccountID), true
	case views.DiscardDraftMsg:
		st, ref := m.writer(), msg.Account
		return func() tea.Msg {
			defer catchPanic()
			return draftDiscardedMsg{acct: ref, err: app.DiscardDraft(&st, app.Ref{ID: ref.ID, UID: ref.UID})}
		}, true
	case draftDiscardedMsg:
		if msg.err != nil {
			m.setStatus("draft not discarded: "+app.OneLine(msg.err).Error(), true)
			return nil, true
		}
		delete(m.drafts, msg.acct.ID)
		if v := m.draftsView(); v != nil {
			v.SetRows(m.draftRows())
		}
		m.setStatus("discarded the note draft on "+domain.Printable(msg.acct.Name), false)
		return nil, true
	}
	return nil, false
}
