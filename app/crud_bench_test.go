package app

import (
	"fmt"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Editing one note of an account with 10k notes reads that note, not the
// account's whole timeline.
func BenchmarkEditNoteOf10kNotes(b *testing.B) {
	st := newBookB(b)
	a := domain.NewAccount("Big")
	if err := AddAccount(st, &a); err != nil {
		b.Fatal(err)
	}
	if err := st.Update(func(tx *store.Tx) error {
		for i := 0; i < 10_000; i++ {
			in := domain.Interaction{AccountID: a.ID, At: testNow.Add(-time.Duration(i) * time.Minute), Channel: domain.ChannelCall, Summary: fmt.Sprintf("call %d about pricing and the roadmap", i)}
			if err := tx.AddInteraction(&in); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	acct := RefOf(&a)
	today := domain.DateOf(testNow)
	var n domain.Interaction
	_ = st.View(func(tx *store.Tx) error { l, _, err := tx.Interactions(a.ID, store.Cursor{}, 1); n = l[0]; return err })
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x := n
		x.Summary = fmt.Sprintf("edited %d", i)
		r := Rec{Kind: KindNote, ID: n.ID, UID: n.UID, Value: x}
		if _, _, err := SaveRecord(st, acct, r, today); err != nil {
			b.Fatal(err)
		}
	}
}

func newBookB(b *testing.B) *store.Store {
	st := store.New(b.TempDir() + "/book.db")
	st.Now = func() time.Time { return testNow }
	return st
}
