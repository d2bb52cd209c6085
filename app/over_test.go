package app

import (
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A form opened before another process changed the record writes only what
// the person changed: the other change stays; the same field changed both
// ways is a conflict and nothing is saved.
func TestAFormSaveKeepsChangesMadeElsewhereMeanwhile(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Solo")
	acct := RefOf(&a)

	// The account form opens; elsewhere the account is closed; the form saves a new owner.
	was := a
	mine := a
	mine.Owner = "maya"
	if err := CloseAccount(st, acct, today-3, "lost to Vitally", today); err != nil {
		t.Fatal(err)
	}
	if err := EditAccount(st, acct, &was, mine); err != nil {
		t.Fatal(err)
	}
	got := read(t, st, func(tx *store.Tx) (domain.Account, error) { return tx.Account(a.ID) })
	if got.Stage != domain.StageClosed || got.ClosedReason != "lost to Vitally" || got.Owner != "maya" {
		t.Errorf("after the form: stage %s, reason %q, owner %q", got.Stage, got.ClosedReason, got.Owner)
	}
	// The same field changed both ways: refused.
	was2, mine2 := got, got
	mine2.Owner = "jonas"
	other := got
	other.Owner = "lee"
	if err := SaveAccount(st, acct, other); err != nil {
		t.Fatal(err)
	}
	if err := EditAccount(st, acct, &was2, mine2); code(err) != domain.ECONFLICT {
		t.Errorf("both changed the owner: %v", err)
	}

	// A contact: the form changes the name; elsewhere the title changed.
	c, _, err := SaveRecord(st, acct, Rec{Kind: KindContact, Value: domain.Contact{Name: "Leo Okafor", Title: "CIO"}}, today)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := c
	ec := c.Value.(domain.Contact)
	ec.Title = "Chief Info Officer"
	elsewhere.Value = ec
	if _, _, err := SaveRecord(st, acct, elsewhere, today); err != nil {
		t.Fatal(err)
	}
	form := c
	fc := c.Value.(domain.Contact)
	fc.Name = "Leo Okafor Jr"
	form.Value, form.Was = fc, c.Value
	saved, _, err := SaveRecord(st, acct, form, today)
	if err != nil {
		t.Fatal(err)
	}
	if sc := saved.Value.(domain.Contact); sc.Name != "Leo Okafor Jr" || sc.Title != "Chief Info Officer" {
		t.Errorf("contact after the form: %+v", sc)
	}

	// An item marked done elsewhere stays done when a form edits its text.
	it, _, err := SaveRecord(st, acct, Rec{Kind: KindItem, Value: domain.ActionItem{Text: "Send pricing", Due: today + 5}}, today)
	if err != nil {
		t.Fatal(err)
	}
	if err := SetItemDone(st, acct, it.Value.(domain.ActionItem), true, testNow); err != nil {
		t.Fatal(err)
	}
	fi := it.Value.(domain.ActionItem)
	fi.Text = "Send the pricing sheet"
	form = it
	form.Value, form.Was = fi, it.Value
	saved, _, err = SaveRecord(st, acct, form, today)
	if err != nil {
		t.Fatal(err)
	}
	if si := saved.Value.(domain.ActionItem); !si.Done || si.Text != "Send the pricing sheet" {
		t.Errorf("item after the form: %+v", si)
	}
}

// A number names a record by its number only: a retried delete of a record
// that is gone deletes nothing else (not the order of $12, not the note
// that mentions #1).
func TestANumberNeverFallsBackToTheLabel(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Beta")
	acct := RefOf(&a)
	usd := func(n int64) domain.Money { return domain.Money{Amount: n * 100, Currency: "USD"} }
	for _, amt := range []int64{250, 12, 1200} {
		if _, _, err := SaveRecord(st, acct, Rec{Kind: KindOrder, Value: domain.Order{Date: today, Amount: usd(amt)}}, today); err != nil {
			t.Fatal(err)
		}
	}
	r, err := FindRecord(st, acct, KindOrder, "1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DeleteRecord(st, acct, r); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"1", "#1", "12"} {
		if got, err := FindRecord(st, acct, KindOrder, q); code(err) != domain.ENOTFOUND {
			t.Errorf("%q after #1 was deleted: %+v, %v", q, got, err)
		}
	}
}

// Undoing a delete after an import brought the record back (same UID, a new
// number) is refused: the book never holds one UID twice.
func TestUndoOfADeleteRefusesWhenTheRecordIsBack(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := newAccount(t, st, "Gamma")
	acct := RefOf(&a)
	c, _, err := SaveRecord(st, acct, Rec{Kind: KindContact, Value: domain.Contact{Name: "Jack Zhang"}}, today)
	if err != nil {
		t.Fatal(err)
	}
	undo, err := DeleteRecord(st, acct, c)
	if err != nil {
		t.Fatal(err)
	}
	back := c.Value.(domain.Contact)
	back.ID = 0 // as an import adds it: the same UID, a new number
	if err := st.Update(func(tx *store.Tx) error { return tx.PutContact(&back) }); err != nil {
		t.Fatal(err)
	}
	if err := UndoAction(st, undo); code(err) != domain.ECONFLICT {
		t.Errorf("undo with the record back: %v", err)
	}
	if probs, err := st.Check(); err != nil || len(probs) != 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}

// An opportunity won elsewhere while its form was open is not edited by the
// form: its win moved the book by the value the form would change.
func TestAnOpportunityWonElsewhereIsNotEditedByAnOpenForm(t *testing.T) {
	st := newBook(t, 0)
	today := domain.DateOf(testNow)
	a := domain.NewAccount("Acme")
	a.ContractStart = today - 100
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	acct := RefOf(&a)
	o, _, err := SaveRecord(st, acct, Rec{Kind: KindOpportunity, Value: domain.Opportunity{Kind: domain.OppCrossSell, Title: "Mobile app", Value: domain.Money{Amount: 47_000_00, Currency: "USD"}, Stage: domain.OppQualify, Probability: 10, CloseDate: today + 30}}, today)
	if err != nil {
		t.Fatal(err)
	}
	won := o
	wv := o.Value.(domain.Opportunity)
	wv.Stage = domain.OppWon
	won.Value = wv
	if _, _, err := SaveRecord(st, acct, won, today); err != nil {
		t.Fatal(err)
	}
	form := o.Value.(domain.Opportunity)
	form.Value.Amount = 50_000_00
	was := o.Value.(domain.Opportunity)
	if _, err := SaveOpportunityOver(st, acct, &was, form, today, domain.WinTerms{}); code(err) != domain.ECONFLICT {
		t.Errorf("the O form over a deal won elsewhere: %v", err)
	}
	if _, _, err := SaveRecord(st, acct, Rec{Kind: KindOpportunity, ID: o.ID, UID: o.UID, Label: o.Label, Value: form, Was: o.Value}, today); code(err) != domain.ECONFLICT {
		t.Errorf("the records browser's form over a deal won elsewhere: %v", err)
	}
	got, _ := FindRecord(st, acct, KindOpportunity, "Mobile")
	if g := got.Value.(domain.Opportunity); g.Value.Amount != 47_000_00 || g.Stage != domain.OppWon {
		t.Errorf("the deal: %+v", g)
	}
}
