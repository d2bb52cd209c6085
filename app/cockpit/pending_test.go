package cockpit

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// The windows between another process's write and this cockpit's poll: the
// cockpit still shows the old state when the request arrives, so only the
// checks inside the write can refuse it. These drive the model by hand (one
// message, then the command it returns) so the window is exact.

func loadedModel(t *testing.T, st *store.Store) *Model {
	t.Helper()
	m := New(Options{Store: *st, Name: "book.db", Now: st.Now})
	m.Update(loadBookCmd(*st, domain.DateOf(testNow))())
	if m.book == nil {
		t.Fatal("the book did not load")
	}
	return m
}

// send sends msg to the model and returns the message its command produces.
func send(t *testing.T, m *Model, msg any) any {
	t.Helper()
	_, cmd := m.Update(msg)
	if cmd == nil {
		t.Fatalf("%T: no command (status %q)", msg, m.status)
	}
	return cmd()
}

func demoStore(t *testing.T, n int) *store.Store {
	t.Helper()
	tm, st := cockpit(t, n, 80, 24)
	_ = tm.Quit()
	return st
}

func item(t *testing.T, st *store.Store, acct, id uint64) (domain.ActionItem, error) {
	t.Helper()
	var it domain.ActionItem
	err := st.View(func(tx *store.Tx) (err error) { it, err = tx.ActionItem(acct, id); return })
	return it, err
}

func TestTriageDoneOnAnItemDoneElsewhereBeforeThePoll(t *testing.T) {
	st := demoStore(t, 30)
	m := loadedModel(t, st)
	row := storedQueue(t, st)[0]
	if err := st.Update(func(tx *store.Tx) error {
		it, err := tx.ActionItem(row.AccountID, row.Ref)
		if err != nil {
			return err
		}
		it.Done = true
		return tx.PutActionItem(&it)
	}); err != nil {
		t.Fatal(err)
	}
	before := storedQueue(t, st)
	res, ok := send(t, m, views.TriageSnoozeMsg{Row: row, Until: domain.DateOf(testNow) + 6}).(actedMsg)
	if !ok || domain.ErrorCode(res.err) != domain.ECONFLICT {
		t.Fatalf("snooze of an item done elsewhere: %+v", res)
	}
	m.Update(res)
	if !strings.HasPrefix(m.status, "nothing snoozed: ") || !strings.Contains(m.status, "done elsewhere") {
		t.Errorf("status %q", m.status)
	}
	if got := snoozed(t, st); len(got) > 0 {
		t.Errorf("snoozed: %v", got)
	}
	if after := storedQueue(t, st); len(after) != len(before) {
		t.Errorf("queue went from %d to %d rows", len(before), len(after))
	}
}

func TestUndoDoesNotRecreateAnItemDeletedSince(t *testing.T) {
	st := demoStore(t, 30)
	m := loadedModel(t, st)
	row := storedQueue(t, st)[0]
	res := send(t, m, views.TriageDoneMsg{Row: row}).(actedMsg)
	if res.err != nil {
		t.Fatal(res.err)
	}
	m.Update(res)
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteActionItem(row.AccountID, row.Ref) }); err != nil {
		t.Fatal(err)
	}
	saved := send(t, m, views.TriageUndoMsg{}).(savedMsg)
	if domain.ErrorCode(saved.err) != domain.ENOTFOUND {
		t.Errorf("undo of an item deleted since: %v", saved.err)
	}
	if _, err := item(t, st, row.AccountID, row.Ref); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("undo brought the deleted item back: %v", err)
	}
}

func TestPlanToggleOfAnItemDeletedElsewhere(t *testing.T) {
	st := demoStore(t, 5)
	m := loadedModel(t, st)
	var a domain.Account
	var items []domain.ActionItem
	_ = st.View(func(tx *store.Tx) (err error) {
		if a, err = tx.Account(1); err != nil {
			return err
		}
		items, err = tx.ActionItems(1)
		return err
	})
	it := items[0]
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteActionItem(1, it.ID) }); err != nil {
		t.Fatal(err)
	}
	it.Done = !it.Done
	saved := send(t, m, views.SaveItemMsg{Account: views.RefOf(&a), Item: it, Toggle: true}).(savedMsg)
	if domain.ErrorCode(saved.err) != domain.ENOTFOUND {
		t.Errorf("toggle of an item deleted elsewhere: %v", saved.err)
	}
	if _, err := item(t, st, 1, it.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("the toggle brought the deleted item back: %v", err)
	}
}

// A toggle changes Done only: a text edited elsewhere meanwhile stays.
func TestPlanToggleKeepsAnEditMadeElsewhere(t *testing.T) {
	st := demoStore(t, 5)
	m := loadedModel(t, st)
	var a domain.Account
	var items []domain.ActionItem
	_ = st.View(func(tx *store.Tx) (err error) {
		if a, err = tx.Account(1); err != nil {
			return err
		}
		items, err = tx.ActionItems(1)
		return err
	})
	it := items[0]
	if err := st.Update(func(tx *store.Tx) error {
		x := it
		x.Text = "Edited elsewhere"
		return tx.PutActionItem(&x)
	}); err != nil {
		t.Fatal(err)
	}
	it.Done = !it.Done
	if saved := send(t, m, views.SaveItemMsg{Account: views.RefOf(&a), Item: it, Toggle: true}).(savedMsg); saved.err != nil {
		t.Fatal(saved.err)
	}
	got, err := item(t, st, 1, it.ID)
	if err != nil || got.Text != "Edited elsewhere" || got.Done != it.Done {
		t.Errorf("after the toggle: %+v, %v", got, err)
	}
}

// A request on an account that a restore replaced, arriving before the
// cockpit noticed the restore, is refused by the file (the book identity).
func TestRequestBeforeThePollNoticedARestore(t *testing.T) {
	st := demoStore(t, 5)
	m := loadedModel(t, st)
	var a domain.Account
	_ = st.View(func(tx *store.Tx) (err error) { a, err = tx.Account(1); return })
	if _, err := st.Restore(otherBook(t, st, 5)); err != nil {
		t.Fatal(err)
	}
	c := domain.Contact{Name: "Ana Test"}
	saved := send(t, m, views.SaveContactMsg{Account: views.RefOf(&a), Contact: c}).(savedMsg)
	if !store.IsReplaced(saved.err) {
		t.Errorf("a contact for the replaced book's account: %v", saved.err)
	}
	// Once the cockpit follows the new book, the same request is refused before any write.
	m.Update(pollCmd(m.st, m.changes, m.book, m.ident, false)())
	if _, cmd := m.Update(views.SaveContactMsg{Account: views.RefOf(&a), Contact: c}); cmd != nil || !strings.HasPrefix(m.status, "nothing saved: ") {
		t.Errorf("after the reload: cmd %v, status %q", cmd != nil, m.status)
	}
	var cs []domain.Contact
	_ = st.View(func(tx *store.Tx) (err error) { cs, err = tx.Contacts(1); return })
	for _, x := range cs {
		if x.Name == "Ana Test" {
			t.Errorf("saved on the restored book's account: %+v", x)
		}
	}
}
