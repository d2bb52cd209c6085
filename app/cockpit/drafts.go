package cockpit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// The note drafts kept (typed, not saved): listed with ctrl+r, resumed or
// discarded; the start-up message names them.

type draftDiscardedMsg struct {
	acct views.Ref
	slot uint64
	err  error
}

// draftKey names a kept draft: its account and slot (an account has more
// than one when two cockpits typed different drafts on it).
type draftKey struct{ acct, slot uint64 }

func keyOf(d domain.Draft) draftKey { return draftKey{d.AccountID, d.Slot} }

// accountDraftsMsg is what the store keeps of an account's drafts (acct), or
// of every account's (all).
type accountDraftsMsg struct {
	acct   uint64
	all    bool
	opened bool // read as a note opened on the account
	drafts []domain.Draft
	err    error
}

func accountDraftsCmd(st app.File, acct uint64, opened bool) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		ds, err := app.AccountDrafts(&st, acct)
		return accountDraftsMsg{acct: acct, opened: opened, drafts: ds, err: err}
	}
}

func allDraftsCmd(st app.File) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		var ds []domain.Draft
		err := st.View(func(tx *store.Tx) (err error) { ds, err = tx.Drafts(); return err })
		return accountDraftsMsg{all: true, drafts: ds, err: err}
	}
}

// accountDraft is the draft of the account to resume: the one in slot, else
// the first kept.
func (m *Model) accountDraft(acct, slot uint64) (domain.Draft, bool) {
	if d, ok := m.drafts[draftKey{acct, slot}]; ok {
		return d, true
	}
	var first *domain.Draft
	for k, d := range m.drafts {
		if k.acct == acct && (first == nil || d.Slot < first.Slot) {
			first = &d
		}
	}
	if first == nil {
		return domain.Draft{}, false
	}
	return *first, true
}

// draftsRead takes in the drafts the store keeps. A note just opened on the
// account, nothing typed in it yet, resumes the one kept there (typed in
// another cockpit since this one read the drafts); one with text says
// another draft is kept beside it.
func (m *Model) draftsRead(msg accountDraftsMsg) {
	if msg.err != nil {
		m.setStatus("note drafts not read: "+app.OneLine(msg.err).Error(), true)
		return
	}
	for k := range m.drafts {
		if msg.all || k.acct == msg.acct {
			delete(m.drafts, k)
		}
	}
	for _, d := range msg.drafts {
		m.drafts[keyOf(d)] = d
	}
	if v := m.draftsView(); v != nil {
		v.SetRows(m.draftRows())
	}
	n := m.note()
	if n == nil || !msg.opened || n.AccountID() != msg.acct {
		return
	}
	mine := n.Draft()
	var others []domain.Draft
	for _, d := range msg.drafts {
		same := d.Slot == mine.Slot && (d.Writer == mine.Writer || d.Text == mine.Base || d.Text == mine.Text)
		if !same && strings.TrimSpace(d.Text) != "" {
			others = append(others, d)
		}
	}
	if len(others) == 0 {
		return
	}
	name := m.draftName(msg.acct)
	if mine.Text == mine.Base { // nothing typed here yet
		pick := -1
		for i, o := range others {
			if o.Slot == mine.Slot || (pick < 0 && strings.TrimSpace(mine.Text) == "") {
				pick = i
			}
		}
		if pick >= 0 {
			d := others[pick]
			n.Resume(d)
			others = slices.Delete(others, pick, pick+1)
			m.setStatus("resumed the draft on "+name+" kept "+d.Saved.Local().Format("Jan 2 15:04")+" (typed in another cockpit)", false)
			if len(others) == 0 {
				return
			}
		}
	}
	m.setStatus(fmt.Sprintf("%d other draft(s) kept on %s (typed in another cockpit): %s lists them; this one is kept beside them", len(others), name, m.keys.Drafts.Help().Key), false)
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
	for k, d := range m.drafts {
		if strings.TrimSpace(d.Text) == "" {
			continue
		}
		ref := views.Ref{ID: k.acct, UID: d.AccountUID, Name: m.draftName(k.acct)}
		rows = append(rows, views.DraftRow{Account: ref, Draft: d})
	}
	slices.SortFunc(rows, func(a, b views.DraftRow) int {
		if c := b.Draft.Saved.Compare(a.Draft.Saved); c != 0 {
			return c
		}
		if a.Account.ID != b.Account.ID {
			return cmp.Compare(a.Account.ID, b.Account.ID)
		}
		return cmp.Compare(a.Draft.Slot, b.Draft.Slot)
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
	return allDraftsCmd(m.st) // those typed in other cockpits too
}

func (m *Model) handleDrafts(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.ResumeDraftMsg:
		m.resumeSlot = msg.Slot
		return m.startNote(msg.AccountID), true
	case views.DiscardDraftMsg:
		st, ref, slot := m.writer(), msg.Account, msg.Slot
		return func() tea.Msg {
			defer catchPanic()
			return draftDiscardedMsg{acct: ref, slot: slot, err: app.DiscardDraft(&st, app.Ref{ID: ref.ID, UID: ref.UID}, slot)}
		}, true
	case accountDraftsMsg:
		m.draftsRead(msg)
		return nil, true
	case draftDiscardedMsg:
		if msg.err != nil {
			m.setStatus("draft not discarded: "+app.OneLine(msg.err).Error(), true)
			return nil, true
		}
		delete(m.drafts, draftKey{msg.acct.ID, msg.slot})
		if v := m.draftsView(); v != nil {
			v.SetRows(m.draftRows())
		}
		m.setStatus("discarded the note draft on "+domain.Printable(msg.acct.Name), false)
		return nil, true
	}
	return nil, false
}
