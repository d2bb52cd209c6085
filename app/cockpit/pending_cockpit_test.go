package cockpit

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Actions started on a record and completed later (after a prompt, a
// confirmation, a form) act on the record they were started on, or on
// nothing: never on whatever the cursor shows once another process changed
// the book underneath.

// storedQueue is the triage queue of the book on disk.
func storedQueue(t *testing.T, st *store.Store) []domain.TriageRow {
	t.Helper()
	var rows []domain.TriageRow
	if err := st.View(func(tx *store.Tx) error {
		sums, err := tx.Summaries()
		if err != nil {
			return err
		}
		rows = domain.Triage(domain.NewBook(sums, domain.DateOf(testNow))).Rows()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows
}

// snoozed lists every snoozed action item and snoozed triage row of the book on disk.
func snoozed(t *testing.T, st *store.Store) []string {
	t.Helper()
	var out []string
	if err := st.View(func(tx *store.Tx) error {
		sums, err := tx.Summaries()
		if err != nil {
			return err
		}
		for _, s := range sums {
			items, err := tx.ActionItems(s.ID)
			if err != nil {
				return err
			}
			for _, it := range items {
				if !it.SnoozedUntil.IsZero() {
					out = append(out, fmt.Sprintf("%s: item %q until %s", s.Name, it.Text, it.SnoozedUntil))
				}
			}
			for _, z := range s.Snoozes {
				out = append(out, fmt.Sprintf("%s: row %s until %s", s.Name, z.Key, z.Until))
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// otherBook writes a book with the same demo content as cockpit's (same
// numbers, same names, same queue) but other records: other UIDs. Restored
// over the live file, every row and every account sits where the old one was.
func otherBook(t *testing.T, st *store.Store, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	o := store.New(path)
	o.Now, o.Loc = st.Now, st.Loc
	if err := o.Generate(app.DemoOptions(n, 0, 1, st.Now()), nil); err != nil {
		t.Fatal(err)
	}
	return path
}

// fillForm waits for each field to be focused and accepts it as it is.
func fillForm(t *testing.T, tm *teatest.TestModel, fields ...string) {
	t.Helper()
	for _, f := range fields {
		waitFor(t, tm, "┃ "+f)
		keys(tm, "enter")
	}
}

var contactFields = []string{"Title", "Email", "Phone", "Stakeholder role", "Preferred channel"}

// z on a row, another process marks that row's item done, the queue reloads
// under the open prompt: enter snoozes nothing (and not the row that moved
// under the cursor), and says why.
func TestSnoozePromptAfterTheRowWasDoneElsewhere(t *testing.T) {
	tm, st := cockpit(t, 30, 130, 40)
	waitFor(t, tm, "Today, 2026-11-28 · 62 to do")
	rows := storedQueue(t, st)
	a := rows[0]
	if a.Reason != domain.ReasonOverdueItem {
		t.Fatalf("the test wants an overdue item on top: %+v", a)
	}
	keys(tm, "z")
	waitFor(t, tm, "snooze until:")

	// Another cockpit marks the item done.
	if err := st.Update(func(tx *store.Tx) error {
		it, err := tx.ActionItem(a.AccountID, a.Ref)
		if err != nil {
			return err
		}
		it.Done = true
		return tx.PutActionItem(&it)
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "61 to do") // polled and reloaded, the prompt still open

	typeText(tm, "fri")
	keys(tm, "enter")
	waitFor(t, tm, "no longer in the queue", "nothing snoozed")
	v := finalView(t, tm)
	if got := snoozed(t, st); len(got) > 0 {
		t.Errorf("snoozed after the row was done elsewhere: %v", got)
	}
	if n := len(storedQueue(t, st)); n != 61 {
		t.Errorf("stored queue has %d rows, want 61", n)
	}
	if !strings.Contains(v, domain.Printable(a.Account)) {
		t.Errorf("the status does not name %s:\n%s", a.Account, v)
	}
}

// z on a row, the book is replaced by a restore of another book whose queue
// has the same rows under the same numbers: enter snoozes nothing in it.
func TestSnoozePromptAcrossARestore(t *testing.T) {
	tm, st := cockpit(t, 30, 130, 40)
	other := otherBook(t, st, 30)
	waitFor(t, tm, "Today, 2026-11-28 · 62 to do")
	keys(tm, "z")
	waitFor(t, tm, "snooze until:")
	if _, err := st.Restore(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "restored from a backup")

	typeText(tm, "fri")
	keys(tm, "enter")
	waitFor(t, tm, "nothing snoozed")
	_ = finalView(t, tm)
	if got := snoozed(t, st); len(got) > 0 {
		t.Errorf("snoozed in the restored book: %v", got)
	}
	if n := len(storedQueue(t, st)); n != 62 {
		t.Errorf("restored queue has %d rows, want 62", n)
	}
}

// A row done with d just before a restore: undo after the restore undoes
// nothing in the restored book (its entry names a record of the old book).
func TestUndoNeverLandsInAnotherBook(t *testing.T) {
	tm, st := cockpit(t, 30, 130, 40)
	other := otherBook(t, st, 30)
	waitFor(t, tm, "Today, 2026-11-28 · 62 to do")
	rows := storedQueue(t, st)
	keys(tm, "d")
	waitFor(t, tm, "done: ", "61 to do")
	// In the other book, the same item is done too (so undo has something to "reopen").
	o := store.New(other)
	o.Now = st.Now
	if err := o.Update(func(tx *store.Tx) error {
		it, err := tx.ActionItem(rows[0].AccountID, rows[0].Ref)
		if err != nil {
			return err
		}
		it.Done = true
		return tx.PutActionItem(&it)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Restore(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "restored from a backup")
	keys(tm, "u")
	waitFor(t, tm, "nothing to undo")
	_ = finalView(t, tm)
	var it domain.ActionItem
	_ = st.View(func(tx *store.Tx) (err error) { it, err = tx.ActionItem(rows[0].AccountID, rows[0].Ref); return })
	if !it.Done {
		t.Errorf("undo reopened the restored book's item: %+v", it)
	}
}

// The edit-contact form, opened on an account that a restore then replaces
// with another account under the same number: saving it writes nothing
// onto the other account's contact.
func TestEditContactFormAcrossARestore(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	other := otherBook(t, st, 5)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "C")
	waitFor(t, tm, "Edit a contact")
	keys(tm, "enter")
	waitFor(t, tm, "Edit contact", "┃ Name")
	typeText(tm, " Jr")

	if _, err := st.Restore(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "restored from a backup")
	keys(tm, "enter")
	fillForm(t, tm, contactFields...)
	waitFor(t, tm, "nothing saved")
	_ = finalView(t, tm)

	var before, after []domain.Contact
	o := store.New(other)
	_ = o.View(func(tx *store.Tx) (err error) { before, err = tx.Contacts(1); return })
	_ = st.View(func(tx *store.Tx) (err error) { after, err = tx.Contacts(1); return })
	if len(before) == 0 || len(after) != len(before) {
		t.Fatalf("contacts before %d, after %d", len(before), len(after))
	}
	for i := range after {
		if after[i].Name != before[i].Name || after[i].UID != before[i].UID {
			t.Errorf("the restored book's contact changed: %+v → %+v", before[i], after[i])
		}
	}
}

// The profile form, opened on an account that another process then deletes:
// saving it does not bring the account back.
func TestEditProfileAfterTheAccountWasDeletedElsewhere(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "e")
	waitFor(t, tm, "┃ Name")
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteAccount(1) }); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "account #1 not found") // the cockpit polled: its open account is gone
	keys(tm, "enter")
	fillForm(t, tm, "Segment", "Industry", "Tier", "Lifecycle stage", "Owner", "Account executive", "Website",
		"ARR", "Company revenue", "Contract start", "Renewal", "Renewal notice (days)", "Check-in cadence (days)", "Growth potential", "Replaceability",
		"Tags", "Competitors present", "Hand-off: products", "Hand-off: promises", "Hand-off: concerns", "Description", "Custom fields")
	waitFor(t, tm, "no longer in the book", "nothing saved")
	_ = finalView(t, tm)
	err := st.View(func(tx *store.Tx) error { _, err := tx.Account(1); return err })
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("account 1 after saving its form: %v (want it still deleted)", err)
	}
}

// The delete confirmation, answered after a restore put another account
// under the number: the other account is not deleted.
func TestDeleteConfirmationAcrossARestore(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	other := otherBook(t, st, 5)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "D")
	waitFor(t, tm, "with its contacts")
	if _, err := st.Restore(other); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "restored from a backup")
	keys(tm, "y")
	waitFor(t, tm, "nothing deleted")
	_ = finalView(t, tm)
	if err := st.View(func(tx *store.Tx) error { _, err := tx.Account(1); return err }); err != nil {
		t.Errorf("the restored book's account 1: %v", err)
	}
}
