package cockpit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// Requests that complete an action started on a record some time ago (a
// form, a confirmation) carry the account they were started on (views.Ref:
// number and UID) and the record as it was then (its number and UID). They
// act on that record or on nothing: the loaded book is asked first, then the
// file itself inside the write (the use cases of app/records.go check the
// account's and the record's UID), so neither a write from another process, a deletion, nor a restore of another
// book between the start and the end turns them onto another customer.

// known reports whether ref names the same account in the loaded book.
func (m *Model) known(ref views.Ref) bool {
	if m.book == nil || ref.UID == "" {
		return false
	}
	p := m.book.Pos(ref.ID)
	return p >= 0 && m.book.Sums[p].UID == ref.UID
}

// goneText says that the account an action was started on is gone.
func goneText(ref views.Ref, nothing string) string {
	return fmt.Sprintf("%s: %s is no longer in the book (deleted elsewhere, or the book was replaced)", nothing, domain.Printable(ref.Name))
}

// writeOn runs write, a use case prepared against the account ref, only if
// that account is still the one under its number in the loaded book; the use
// case asks the file itself (in the loaded book only: the store is pinned).
func (m *Model) writeOn(ref views.Ref, what string, write func(st app.Store, acct app.Ref) error) tea.Cmd {
	if !m.known(ref) {
		m.setStatus(goneText(ref, "nothing saved"), true)
		return nil
	}
	st, acct := m.writer(), app.Ref{ID: ref.ID, UID: ref.UID}
	return writeCmd(ref.ID, what, func() error { return write(&st, acct) })
}

// handleRecordRequest turns the panes' record requests into guarded writes.
func (m *Model) handleRecordRequest(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.SaveAccountMsg:
		a := msg.Account
		return m.writeOn(views.RefOf(&a), "account "+domain.Printable(a.Name)+" saved", func(st app.Store, acct app.Ref) error {
			return app.EditAccount(st, acct, msg.Was, a)
		}), true
	case views.DeleteAccountMsg:
		ref := msg.Account
		if !m.known(ref) {
			m.setStatus(goneText(ref, "nothing deleted"), true)
			return nil, true
		}
		var closed tea.Cmd
		if m.detailID == ref.ID {
			closed = m.closeDetail()
		}
		st, acct := m.writer(), app.Ref{ID: ref.ID, UID: ref.UID}
		return tea.Batch(closed, writeCmd(0, "deleted "+domain.Printable(ref.Name), func() error { return app.DeleteAccountOf(&st, acct) })), true
	case views.SaveContactMsg:
		c := msg.Contact
		return m.writeOn(msg.Account, "contact "+domain.Printable(c.Name)+" saved", func(st app.Store, acct app.Ref) error {
			return app.SaveContact(st, acct, c)
		}), true
	case views.SaveRiskMsg:
		r, today := msg.Risk, m.today()
		return m.writeOn(msg.Account, "risk saved", func(st app.Store, acct app.Ref) error { return app.SaveRisk(st, acct, r, today) }), true
	case views.SaveOpportunityMsg:
		o, today, terms, said := msg.Opportunity, m.today(), msg.Terms, "opportunity saved"
		if msg.Said != "" {
			said = msg.Said
		}
		return m.writeOn(msg.Account, said, func(st app.Store, acct app.Ref) error {
			_, err := app.SaveOpportunityOver(st, acct, msg.Was, o, today, terms)
			return err
		}), true
	case views.SaveWinMsg:
		w := msg.Win
		return m.writeOn(msg.Account, "win recorded 🎉", func(st app.Store, acct app.Ref) error { return app.SaveWin(st, acct, w) }), true
	case views.AddGoalMsg:
		g := msg.Goal
		return m.writeOn(msg.Account, "goal added: "+domain.Printable(g.Title), func(st app.Store, acct app.Ref) error {
			return app.AddGoal(st, acct, g)
		}), true
	case views.ToggleStepMsg:
		what := map[bool]string{true: "step done: ", false: "step reopened: "}[msg.Done] + domain.Printable(msg.Text)
		return m.writeOn(msg.Account, what, func(st app.Store, acct app.Ref) error {
			return app.SetStepDone(st, acct, msg.Index, msg.Text, msg.Done)
		}), true
	case views.SaveItemMsg:
		it := msg.Item
		it.AccountID = msg.Account.ID
		if it.ID == 0 || !msg.Toggle {
			return m.writeOn(msg.Account, "action item saved", func(st app.Store, acct app.Ref) error {
				return app.SaveActionItem(st, acct, it)
			}), true
		}
		what := map[bool]string{true: "done: ", false: "reopened: "}[it.Done] + domain.Printable(it.Text)
		shown := m.applyItem(it) // show the change at once; the write follows in a command
		now := m.opt.Now()
		return tea.Batch(shown, m.writeOn(msg.Account, what, func(st app.Store, acct app.Ref) error {
			return app.SetItemDone(st, acct, it, it.Done, now)
		})), true
	}
	return nil, false
}
