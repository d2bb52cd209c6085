package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// newAccount adds an account to st and returns it with its number and UID.
func newAccount(t *testing.T, st *store.Store, name string) domain.Account {
	t.Helper()
	a := domain.NewAccount(name)
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	if err := st.View(func(tx *store.Tx) (err error) { a, err = tx.Account(a.ID); return }); err != nil {
		t.Fatal(err)
	}
	return a
}

func code(err error) string { return domain.ErrorCode(err) }

func read[T any](t *testing.T, st *store.Store, fn func(tx *store.Tx) (T, error)) T {
	t.Helper()
	var x T
	if err := st.View(func(tx *store.Tx) (err error) { x, err = fn(tx); return }); err != nil {
		t.Fatal(err)
	}
	return x
}

// A write started on an account lands on that account or nowhere: not on
// one deleted since (ENOTFOUND), not on another that has its number now
// (ECONFLICT), not in another book (IsReplaced).
func TestPinnedWritesRefuseAnotherAccountOrBook(t *testing.T) {
	st := newBook(t, 2)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	if err := SaveWin(st, acct, domain.Win{Date: domain.DateOf(testNow), Title: "Signed"}); err != nil {
		t.Fatal(err)
	}
	if err := SaveWin(st, Ref{ID: a.ID, UID: store.NewUID()}, domain.Win{Date: domain.DateOf(testNow), Title: "Elsewhere"}); code(err) != domain.ECONFLICT {
		t.Errorf("a win on a number that names another account: %v", err)
	}
	if err := SaveWin(st, Ref{ID: a.ID}, domain.Win{Date: domain.DateOf(testNow), Title: "No UID"}); code(err) != domain.ECONFLICT {
		t.Errorf("a win on an account named without its UID: %v", err)
	}
	other := newBook(t, 1)
	ident := read(t, other, func(tx *store.Tx) (Identity, error) { return tx.Identity(), nil })
	pinned := Expecting(*st, ident)
	if err := SaveWin(&pinned, acct, domain.Win{Date: domain.DateOf(testNow), Title: "Other book"}); !IsReplaced(err) {
		t.Errorf("a write pinned to another book: %v", err)
	}
	if wins := read(t, st, func(tx *store.Tx) ([]domain.Win, error) { return tx.Wins(a.ID) }); len(wins) != 1 || wins[0].Title != "Signed" {
		t.Errorf("wins %+v", wins)
	}
	if err := DeleteAccountOf(st, Ref{ID: a.ID, UID: store.NewUID()}); code(err) != domain.ECONFLICT {
		t.Errorf("delete of a number that names another account: %v", err)
	}
	if err := DeleteAccountOf(st, acct); err != nil {
		t.Fatal(err)
	}
	if err := DeleteAccountOf(st, acct); code(err) != domain.ENOTFOUND {
		t.Errorf("delete of a deleted account: %v", err)
	}
	if err := SaveContact(st, acct, domain.Contact{Name: "Ann"}); code(err) != domain.ENOTFOUND {
		t.Errorf("a contact on a deleted account: %v", err)
	}
	if err := SaveAccount(st, acct, a); code(err) != domain.ENOTFOUND {
		t.Errorf("a profile saved over a deleted account: %v", err)
	}
}

// An edit started on a record changes that record: one deleted since is not
// brought back, one whose number another record took is not overwritten.
func TestPinnedRecordEdits(t *testing.T) {
	st := newBook(t, 1)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	today := domain.DateOf(testNow)

	if err := SaveContact(st, acct, domain.Contact{Name: "Ann"}); err != nil {
		t.Fatal(err)
	}
	c := read(t, st, func(tx *store.Tx) ([]domain.Contact, error) { return tx.Contacts(a.ID) })[0]
	c.Title = "CTO"
	if err := SaveContact(st, acct, c); err != nil {
		t.Fatal(err)
	}
	stale := c
	stale.UID = store.NewUID()
	if err := SaveContact(st, acct, stale); code(err) != domain.ECONFLICT {
		t.Errorf("a contact whose number is another record now: %v", err)
	}
	if got := read(t, st, func(tx *store.Tx) ([]domain.Contact, error) { return tx.Contacts(a.ID) }); len(got) != 1 || got[0].Title != "CTO" {
		t.Errorf("contacts %+v", got)
	}
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteContact(a.ID, c.ID) }); err != nil {
		t.Fatal(err)
	}
	if err := SaveContact(st, acct, c); code(err) != domain.ENOTFOUND {
		t.Errorf("a contact deleted elsewhere: %v", err)
	}
	if got := read(t, st, func(tx *store.Tx) ([]domain.Contact, error) { return tx.Contacts(a.ID) }); len(got) != 0 {
		t.Errorf("the deleted contact came back: %+v", got)
	}

	r := domain.Risk{Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Opened: today - 3, Title: "Outage"}
	if err := SaveRisk(st, acct, r, today); err != nil {
		t.Fatal(err)
	}
	r = read(t, st, func(tx *store.Tx) ([]domain.Risk, error) { return tx.Risks(a.ID) })[0]
	r.Status = domain.RiskResolved
	if err := SaveRisk(st, acct, r, today); err != nil {
		t.Fatal(err)
	}
	if got := read(t, st, func(tx *store.Tx) (domain.Risk, error) { return tx.Risk(a.ID, r.ID) }); got.Resolved != today {
		t.Errorf("a risk resolved through SaveRisk: resolved %v, want %v", got.Resolved, today)
	}
	gone := r
	gone.ID = 999
	if err := SaveRisk(st, acct, gone, today); code(err) != domain.ENOTFOUND {
		t.Errorf("a risk that is not there: %v", err)
	}
	r.UID = store.NewUID()
	if err := SaveRisk(st, acct, r, today); code(err) != domain.ECONFLICT {
		t.Errorf("a risk whose number is another record now: %v", err)
	}

	o := domain.Opportunity{Kind: domain.OppUpsell, Title: "More seats", Stage: domain.OppPropose, Probability: 40, Value: domain.Money{Amount: 100_000, Currency: domain.DefaultCurrency}}
	if err := SaveOpportunity(st, acct, o, today); err != nil {
		t.Fatal(err)
	}
	o = read(t, st, func(tx *store.Tx) ([]domain.Opportunity, error) { return tx.Opportunities(a.ID) })[0]
	o.Stage = domain.OppWon
	if err := SaveOpportunity(st, acct, o, today); err != nil {
		t.Fatal(err)
	}
	got := read(t, st, func(tx *store.Tx) ([]domain.Opportunity, error) { return tx.Opportunities(a.ID) })[0]
	if got.Probability != 100 || got.ClosedOn != today {
		t.Errorf("won through SaveOpportunity: probability %d, closed %v", got.Probability, got.ClosedOn)
	}
	o.UID = store.NewUID()
	if err := SaveOpportunity(st, acct, o, today); code(err) != domain.ECONFLICT {
		t.Errorf("an opportunity whose number is another record now: %v", err)
	}
}

func TestActionItemsAndPlan(t *testing.T) {
	st := newBook(t, 1)
	a := newAccount(t, st, "Acme Robotics")
	acct := RefOf(&a)
	today := domain.DateOf(testNow)
	if err := SaveActionItem(st, acct, domain.ActionItem{Text: "send deck", Due: today + 2}); err != nil {
		t.Fatal(err)
	}
	it := read(t, st, func(tx *store.Tx) ([]domain.ActionItem, error) { return tx.ActionItems(a.ID) })[0]

	// Done changes Done (and its stamp) only: a text edited elsewhere stays.
	edited := it
	edited.Text = "send the new deck"
	if err := SaveActionItem(st, acct, edited); err != nil {
		t.Fatal(err)
	}
	at := testNow.Add(time.Hour)
	if err := SetItemDone(st, acct, it, true, at); err != nil {
		t.Fatal(err)
	}
	got := read(t, st, func(tx *store.Tx) (domain.ActionItem, error) { return tx.ActionItem(a.ID, it.ID) })
	if !got.Done || !got.DoneAt.Equal(at) || got.Text != "send the new deck" {
		t.Errorf("done: %+v", got)
	}
	// An edit changes text and due date only: done stays done.
	edited.Due = today + 9
	if err := SaveActionItem(st, acct, edited); err != nil {
		t.Fatal(err)
	}
	if got = read(t, st, func(tx *store.Tx) (domain.ActionItem, error) { return tx.ActionItem(a.ID, it.ID) }); !got.Done || got.Due != today+9 {
		t.Errorf("edited: %+v", got)
	}
	if err := SetItemDone(st, acct, it, false, at); err != nil {
		t.Fatal(err)
	}
	if got = read(t, st, func(tx *store.Tx) (domain.ActionItem, error) { return tx.ActionItem(a.ID, it.ID) }); got.Done || !got.DoneAt.IsZero() {
		t.Errorf("reopened: %+v", got)
	}
	if err := st.Update(func(tx *store.Tx) error { return tx.DeleteActionItem(a.ID, it.ID) }); err != nil {
		t.Fatal(err)
	}
	if err := SetItemDone(st, acct, it, true, at); code(err) != domain.ENOTFOUND {
		t.Errorf("done on an item deleted elsewhere: %v", err)
	}
	if _, err := readItem(st, a.ID, it.ID); code(err) != domain.ENOTFOUND {
		t.Errorf("the deleted item came back: %v", err)
	}

	if err := AddGoal(st, acct, domain.Goal{Title: "Adoption", Metric: "users", Baseline: 10, Target: 50, Current: 10, Start: today, Due: today + 90}); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(func(tx *store.Tx) error {
		p, err := tx.Plan(a.ID)
		if err != nil {
			return err
		}
		p.AccountID = a.ID
		p.Onboarding = []domain.ChecklistItem{{Text: "kick-off"}, {Text: "training"}}
		return tx.PutPlan(&p)
	}); err != nil {
		t.Fatal(err)
	}
	if err := SetStepDone(st, acct, 1, "training", true); err != nil {
		t.Fatal(err)
	}
	if err := SetStepDone(st, acct, 0, "training", true); code(err) != domain.ECONFLICT {
		t.Errorf("a step whose text changed: %v", err)
	}
	if err := SetStepDone(st, acct, 5, "training", true); code(err) != domain.ECONFLICT {
		t.Errorf("a step that is gone: %v", err)
	}
	p := read(t, st, func(tx *store.Tx) (domain.Plan, error) { return tx.Plan(a.ID) })
	if len(p.Goals) != 1 || p.Goals[0].Title != "Adoption" || p.Onboarding[0].Done || !p.Onboarding[1].Done {
		t.Errorf("plan %+v", p)
	}
}

func readItem(st *store.Store, acct, id uint64) (domain.ActionItem, error) {
	var it domain.ActionItem
	err := st.View(func(tx *store.Tx) (err error) { it, err = tx.ActionItem(acct, id); return })
	return it, err
}

func TestLoadChangesAndDrafts(t *testing.T) {
	st := newBook(t, 3)
	today := domain.DateOf(testNow)
	l, err := LoadBook(st, today)
	if err != nil || l.Book.Len() != 3 || l.Identity.BookID == "" || l.Changes == 0 {
		t.Fatalf("load: %v, %+v", err, l)
	}
	c, err := Changes(st, l.Changes, l.Identity, l.Book)
	if err != nil || c.Book != nil || c.Counter != l.Changes || c.Replaced {
		t.Fatalf("no change: %v, %+v", err, c)
	}
	a := newAccount(t, st, "Acme Robotics")
	if _, _, err := SaveDraft(st, domain.Draft{AccountID: a.ID, AccountUID: a.UID, Text: "half a thought"}); err != nil {
		t.Fatal(err)
	}
	c, err = Changes(st, l.Changes, l.Identity, l.Book)
	if err != nil || c.Book == nil || c.Book.Len() != 4 || c.Counter <= l.Changes || !containsID(c.Touched, a.ID) {
		t.Fatalf("after an add: %v, %+v", err, c)
	}
	if err := DeleteAccountOf(st, RefOf(&a)); err != nil {
		t.Fatal(err)
	}
	c2, err := Changes(st, c.Counter, c.Identity, c.Book)
	if err != nil || c2.Book == nil || c2.Book.Len() != 3 || c2.Book.Pos(a.ID) >= 0 {
		t.Fatalf("after a delete: %v, %+v", err, c2)
	}
	// Another book under the path: the whole of it.
	c3, err := Changes(st, c2.Counter, Identity{BookID: "x", Generation: "y"}, c2.Book)
	if err != nil || !c3.Replaced || !c3.All || c3.Identity != l.Identity || c3.Book.Len() != 3 {
		t.Fatalf("replaced: %v, %+v", err, c3)
	}
	b := newAccount(t, st, "Beta")
	if _, _, err := SaveDraft(st, domain.Draft{AccountID: b.ID, AccountUID: b.UID, Text: "kept"}); err != nil {
		t.Fatal(err)
	}
	if l, err = LoadBook(st, today); err != nil || len(l.Drafts) != 1 || l.Drafts[0].Text != "kept" {
		t.Errorf("drafts %+v, %v", l.Drafts, err)
	}
}

func containsID(ids []uint64, id uint64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestLoadAccountPagesKPIsAndBrief(t *testing.T) {
	st := newBook(t, 2)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Acme Robotics")
	for i := range store.PageSize + 7 {
		if _, err := LogTouch(st, domain.TriageRow{AccountID: a.ID, AccountUID: a.UID}, testNow.Add(-time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := LoadAccount(st, a.ID)
	if err != nil || d.Account.Name != "Acme Robotics" || len(d.Interactions) != store.PageSize || !d.Next.More() {
		t.Fatalf("detail: %v, %d interactions", err, len(d.Interactions))
	}
	page, next, err := TimelinePage(st, a.ID, d.Next)
	if err != nil || len(page) != 7 || next.More() {
		t.Errorf("second page: %v, %d, more %v", err, len(page), next.More())
	}
	if _, err := LoadAccount(st, 999); code(err) != domain.ENOTFOUND {
		t.Errorf("a missing account: %v", err)
	}

	p := domain.PeriodOf(domain.Quarter, today)
	sc, _ := domain.ParseScope("segment:Nowhere")
	if r, err := KPIReport(st, sc, p, ""); err != nil || r.Accounts != 0 {
		t.Errorf("an empty scope in the pane: %v, %d accounts", err, r.Accounts)
	}
	book, _ := domain.ParseScope("book")
	if r, err := KPIReport(st, book, p, "nps"); err != nil || r.Accounts != 3 || len(r.Explain) == 0 {
		t.Errorf("report: %v, %d accounts, %d explain lines", err, r.Accounts, len(r.Explain))
	}

	path := filepath.Join(t.TempDir(), "brief.md")
	if err := SaveBrief(st, &d.AccountDetail, today, path); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "Acme Robotics") {
		t.Errorf("brief: %v", err)
	}
	before, _ := os.ReadFile(st.Path)
	if err := SaveBrief(st, &d.AccountDetail, today, st.Path); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("a brief over the data file: %v", err)
	}
	if after, _ := os.ReadFile(st.Path); string(after) != string(before) {
		t.Error("the data file changed")
	}
	if err := Probe(st); err != nil {
		t.Error(err)
	}
}

// Two note editors on one account (two cockpits, or one resumed after a
// crash) each keep their text: the one that writes over a text it never
// read keeps its own in a slot beside it; a note saved drops only its slot,
// and only when no other editor wrote there since.
func TestSaveDraftKeepsBothEditorsTexts(t *testing.T) {
	st := newBook(t, 1)
	a := newAccount(t, st, "Vandelay Biotech")
	save := func(d domain.Draft) domain.Draft {
		t.Helper()
		got, _, err := SaveDraft(st, d)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	dA := save(domain.Draft{AccountID: a.ID, Writer: "A", Text: "Draft: procurement pushing for 12% discount"})
	// B never read A's draft and types its own over slot 0.
	dB, moved, err := SaveDraft(st, domain.Draft{AccountID: a.ID, Writer: "B", Text: "Second cockpit text about Vandelay."})
	if err != nil || !moved || dB.Slot == 0 {
		t.Fatalf("B's draft: moved %v, slot %d, %v", moved, dB.Slot, err)
	}
	// B goes on typing: its slot, no third draft.
	dB.Text += " More."
	dB2 := save(dB)
	if dB2.Slot != dB.Slot {
		t.Errorf("B typing on moved to slot %d from %d", dB2.Slot, dB.Slot)
	}
	// A goes on typing over its own text: no move.
	dA.Text += " and a longer term"
	if got, moved, _ := SaveDraft(st, dA); moved || got.Slot != 0 {
		t.Errorf("A's own draft moved: %v, slot %d", moved, got.Slot)
	}
	ds, err := AccountDrafts(st, a.ID)
	if err != nil || len(ds) != 2 || ds[0].Text != dA.Text || ds[1].Text != dB.Text {
		t.Fatalf("drafts kept: %+v, %v", ds, err)
	}
	// C resumes A's draft (read it: its base) and saves it as a note while A types on.
	c := ds[0]
	c.Writer, c.Base = "C", c.Text
	dA.Text += ", then more"
	save(dA)
	res, err := SaveNote(st, Note{AccountID: a.ID, Text: c.Text, Draft: &c})
	if err != nil || !res.KeptDraft {
		t.Fatalf("a note saved over a draft typed on elsewhere: kept %v, %v", res.KeptDraft, err)
	}
	if ds, _ := AccountDrafts(st, a.ID); len(ds) != 2 {
		t.Fatalf("drafts after the note: %+v", ds)
	}
	// B saves its note: its slot goes, A's stays.
	if res, err := SaveNote(st, Note{AccountID: a.ID, Text: dB.Text, Draft: &dB2}); err != nil || res.KeptDraft {
		t.Fatalf("B's note: %+v, %v", res, err)
	}
	if ds, _ := AccountDrafts(st, a.ID); len(ds) != 1 || ds[0].Slot != 0 {
		t.Fatalf("drafts after B's note: %+v", ds)
	}
	// Deleting the account drops every slot.
	save(domain.Draft{AccountID: a.ID, Writer: "D", Text: "yet another"})
	if err := DeleteAccountOf(st, RefOf(&a)); err != nil {
		t.Fatal(err)
	}
	if l, err := LoadBook(st, domain.DateOf(testNow)); err != nil || len(l.Drafts) != 0 {
		t.Errorf("drafts after delete: %+v, %v", l.Drafts, err)
	}
}
