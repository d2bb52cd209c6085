package cockpit

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// Requests that complete an action started on a record some time ago (a
// form, a confirmation) carry the account they were started on (views.Ref:
// number and UID) and the record as it was then (its number and UID). They
// act on that record or on nothing: the loaded book is asked first, then the
// file itself inside the write (tx.RequireAccount, and the record's UID), so
// neither a write from another process, a deletion, nor a restore of another
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

// writeOn runs fn, a write prepared against the account ref, only if that
// account is still the one under its number, in the loaded book and in the file.
func (m *Model) writeOn(ref views.Ref, what string, fn func(*store.Tx) error) tea.Cmd {
	if !m.known(ref) {
		m.setStatus(goneText(ref, "nothing saved"), true)
		return nil
	}
	return writeCmd(m.writer(), ref.ID, what, func(tx *store.Tx) error {
		if err := tx.RequireAccount(ref.ID, ref.UID); err != nil {
			return err
		}
		return fn(tx)
	})
}

// sameRecord fails unless the stored record (found, with its UID got) is the
// one the action was started on (uid): a record deleted elsewhere is not
// brought back, and one that took its number is not overwritten.
func sameRecord(what string, uid, got string, found bool) error {
	switch {
	case !found:
		return domain.Errorf(domain.ENOTFOUND, "%s was deleted elsewhere", what)
	case uid != "" && got != uid:
		return domain.Errorf(domain.ECONFLICT, "%s is now another record", what)
	}
	return nil
}

func findUID[T any](list []T, match func(*T) (uint64, string), id uint64) (string, bool) {
	for i := range list {
		if x, uid := match(&list[i]); x == id {
			return uid, true
		}
	}
	return "", false
}

// handleRecordRequest turns the panes' record requests into guarded writes.
func (m *Model) handleRecordRequest(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case views.SaveAccountMsg:
		a := msg.Account
		return m.writeOn(views.RefOf(&a), "account "+domain.Printable(a.Name)+" saved", func(tx *store.Tx) error { return tx.PutAccount(&a) }), true
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
		return tea.Batch(closed, writeCmd(m.writer(), 0, "deleted "+domain.Printable(ref.Name), func(tx *store.Tx) error {
			if err := tx.RequireAccount(ref.ID, ref.UID); err != nil {
				return err
			}
			return tx.DeleteAccount(ref.ID)
		})), true
	case views.SaveContactMsg:
		c := msg.Contact
		c.AccountID = msg.Account.ID
		return m.writeOn(msg.Account, "contact "+domain.Printable(c.Name)+" saved", func(tx *store.Tx) error {
			if c.ID != 0 {
				cs, err := tx.Contacts(c.AccountID)
				if err != nil {
					return err
				}
				got, found := findUID(cs, func(x *domain.Contact) (uint64, string) { return x.ID, x.UID }, c.ID)
				if err := sameRecord("contact "+domain.Printable(c.Name), c.UID, got, found); err != nil {
					return err
				}
			}
			return tx.PutContact(&c)
		}), true
	case views.SaveRiskMsg:
		r := msg.Risk
		r.AccountID = msg.Account.ID
		return m.writeOn(msg.Account, "risk saved", func(tx *store.Tx) error {
			if r.ID != 0 {
				cur, err := tx.Risk(r.AccountID, r.ID)
				if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
					return err
				}
				if err := sameRecord(fmt.Sprintf("risk %q", domain.Printable(r.Title)), r.UID, cur.UID, err == nil); err != nil {
					return err
				}
			}
			return tx.PutRisk(&r)
		}), true
	case views.SaveOpportunityMsg:
		o := msg.Opportunity
		o.AccountID = msg.Account.ID
		return m.writeOn(msg.Account, "opportunity saved", func(tx *store.Tx) error {
			if o.ID != 0 {
				os, err := tx.Opportunities(o.AccountID)
				if err != nil {
					return err
				}
				got, found := findUID(os, func(x *domain.Opportunity) (uint64, string) { return x.ID, x.UID }, o.ID)
				if err := sameRecord(fmt.Sprintf("opportunity %q", domain.Printable(o.Title)), o.UID, got, found); err != nil {
					return err
				}
			}
			return tx.PutOpportunity(&o)
		}), true
	case views.SaveWinMsg:
		w := msg.Win
		w.AccountID = msg.Account.ID
		return m.writeOn(msg.Account, "win recorded 🎉", func(tx *store.Tx) error { return tx.PutWin(&w) }), true
	case views.AddGoalMsg:
		g := msg.Goal
		acct := msg.Account.ID
		return m.writeOn(msg.Account, "goal added: "+domain.Printable(g.Title), func(tx *store.Tx) error {
			p, err := tx.Plan(acct) // the plan as stored now: changes made elsewhere stay
			if err != nil {
				return err
			}
			p.AccountID = acct
			p.Goals = append(p.Goals, g)
			return tx.PutPlan(&p)
		}), true
	case views.ToggleStepMsg:
		acct := msg.Account.ID
		what := map[bool]string{true: "step done: ", false: "step reopened: "}[msg.Done] + domain.Printable(msg.Text)
		return m.writeOn(msg.Account, what, func(tx *store.Tx) error {
			p, err := tx.Plan(acct)
			if err != nil {
				return err
			}
			if msg.Index >= len(p.Onboarding) || p.Onboarding[msg.Index].Text != msg.Text {
				return domain.Errorf(domain.ECONFLICT, "the onboarding step %q changed elsewhere", domain.Printable(msg.Text))
			}
			p.Onboarding[msg.Index].Done = msg.Done
			return tx.PutPlan(&p)
		}), true
	case views.SaveItemMsg:
		it := msg.Item
		it.AccountID = msg.Account.ID
		if it.ID == 0 {
			return m.writeOn(msg.Account, "action item saved", func(tx *store.Tx) error { return tx.PutActionItem(&it) }), true
		}
		what := "action item saved"
		var shown tea.Cmd
		if msg.Toggle {
			what = map[bool]string{true: "done: ", false: "reopened: "}[it.Done] + domain.Printable(it.Text)
			shown = m.applyItem(it) // show the change at once; the write follows in a command
		}
		toggle := msg.Toggle
		return tea.Batch(shown, m.writeOn(msg.Account, what, func(tx *store.Tx) error {
			cur, err := tx.ActionItem(it.AccountID, it.ID)
			if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
				return err
			}
			if err := sameRecord(fmt.Sprintf("%q", domain.Printable(it.Text)), it.UID, cur.UID, err == nil); err != nil {
				return err
			}
			// Change only what this request is about; the rest stays as stored.
			if toggle {
				cur.Done = it.Done
			} else {
				cur.Text, cur.Due = it.Text, it.Due
			}
			return tx.PutActionItem(&cur)
		})), true
	}
	return nil, false
}
