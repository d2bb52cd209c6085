package cockpit

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// cockpitWith is cockpit with prepare run on the book before the model starts.
func cockpitWith(t *testing.T, n, w, h int, prepare func(*store.Store)) (*teatest.TestModel, *store.Store) {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(n, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	prepare(st)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return tm, st
}

// Winning a renewal in the O form asks the term and the new ARR, and rolls
// the book: the renewal date moves, the ARR is the new one, the history says why.
func TestWinningARenewalInTheCockpitRollsTheBook(t *testing.T) {
	today := domain.DateOf(testNow)
	var before map[uint64]domain.Account
	tm, st := cockpitWith(t, 3, 100, 30, func(st *store.Store) {
		before = map[uint64]domain.Account{}
		err := st.Update(func(tx *store.Tx) error {
			accts, err := tx.Accounts()
			if err != nil {
				return err
			}
			for _, a := range accts {
				before[a.ID] = a
				o := domain.Opportunity{AccountID: a.ID, Kind: domain.OppRenewal, Title: "Zeta renewal", Value: domain.Money{Amount: a.ARR.Amount + 10_000_00, Currency: a.ARR.Currency},
					Stage: domain.OppNegotiate, Probability: 80, CloseDate: today + 10}
				if err := tx.PutOpportunity(&o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	keys(tm, "2")
	waitFor(t, tm, "3 of 3 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "O")
	waitFor(t, tm, "Move an opportunity")
	keys(tm, "/")
	typeText(tm, "Zeta")
	waitFor(t, tm, "/Zeta")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Title")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Stage")
	keys(tm, "down")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Value")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Probability")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Expected close")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Renewal won: term in months", "New ARR from 2026-11-28", "empty: ")
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	typeText(tm, "24")
	keys(tm, "enter")
	waitFor(t, tm, "┃ New ARR")
	keys(tm, "enter")
	waitFor(t, tm, "renewal won: the renewal date moves 24 months")
	var won *domain.Account
	deadline := time.Now().Add(5 * time.Second)
	for won == nil && time.Now().Before(deadline) {
		_ = st.View(func(tx *store.Tx) error {
			accts, _ := tx.Accounts()
			for i, a := range accts {
				if b := before[a.ID]; a.ARR != b.ARR {
					won = &accts[i]
				}
			}
			return nil
		})
		time.Sleep(20 * time.Millisecond)
	}
	if won == nil {
		t.Fatal("no account's ARR moved")
	}
	b := before[won.ID]
	if want := b.Renewal.AddMonths(24); won.Renewal != want || won.ARR.Amount != b.ARR.Amount+10_000_00 {
		t.Errorf("renewal %s (want %s), ARR %s (was %s)", won.Renewal, want, won.ARR, b.ARR)
	}
	var h []domain.ARRChange
	_ = st.View(func(tx *store.Tx) (err error) { h, err = tx.ARRHistory(won.ID); return })
	if last := h[len(h)-1]; last.Date != today || !strings.HasPrefix(last.Cause, "renewal won: Zeta renewal") {
		t.Errorf("ARR history: %+v", h)
	}
}

// The import preview says what the command line says about accounts left
// without a contract start and a company-revenue column.
func TestTheImportPreviewShowsTheNotes(t *testing.T) {
	tm, _ := cockpit(t, 5, 120, 35)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "I")
	fillImportForm(t, tm, "testdata/hubspot_companies.csv")
	waitFor(t, tm, "this import would bring: 4 new", "note: 4 accounts have no contract start", "note: \"Annual Revenue\" is the customer company's own revenue")
}

// Winning an upsell asks to raise the ARR by its value, and does.
func TestWinningAnUpsellInTheCockpitRaisesTheARR(t *testing.T) {
	today := domain.DateOf(testNow)
	before := map[uint64]domain.Account{}
	tm, st := cockpitWith(t, 3, 100, 30, func(st *store.Store) {
		_ = st.Update(func(tx *store.Tx) error {
			accts, _ := tx.Accounts()
			for _, a := range accts {
				before[a.ID] = a
				o := domain.Opportunity{AccountID: a.ID, Kind: domain.OppUpsell, Title: "Zeta seats", Value: domain.Money{Amount: 25_000_00, Currency: a.ARR.Currency},
					Stage: domain.OppPropose, Probability: 50, CloseDate: today + 10}
				if err := tx.PutOpportunity(&o); err != nil {
					t.Error(err)
				}
			}
			return nil
		})
	})
	keys(tm, "2")
	waitFor(t, tm, "3 of 3 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "O")
	waitFor(t, tm, "Move an opportunity")
	keys(tm, "/")
	typeText(tm, "Zeta")
	waitFor(t, tm, "/Zeta")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Title")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Stage")
	keys(tm, "down", "down", "enter") // propose → won
	waitFor(t, tm, "┃ Value")
	for range "$25,000" {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typeText(tm, "30k") // changed in the same form: the question says the new value
	keys(tm, "enter")
	waitFor(t, tm, "┃ Probability")
	keys(tm, "enter")
	waitFor(t, tm, "┃ Expected close")
	keys(tm, "enter")
	waitFor(t, tm, "Raise ARR by $30k from 2026-11-28?")
	keys(tm, "enter")
	waitFor(t, tm, "upsell won: ARR raised by $30k from 2026-11-28")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		raised := 0
		_ = st.View(func(tx *store.Tx) error {
			accts, _ := tx.Accounts()
			for _, a := range accts {
				if a.ARR.Amount == before[a.ID].ARR.Amount+30_000_00 {
					raised++
				}
			}
			return nil
		})
		if raised == 1 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("no account's ARR was raised by $30k")
}
