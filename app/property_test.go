package app

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// bookUIDs lists the UIDs of every account and interaction in the book.
func bookUIDs(t *testing.T, st *store.Store) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := st.View(func(tx *store.Tx) error {
		for _, id := range tx.AccountIDs() {
			r, err := tx.AccountRecords(id)
			if err != nil {
				return err
			}
			out[r.Account.UID] = true
			for _, in := range r.Interactions {
				out[in.UID] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func missing(want, have map[string]bool) []string {
	var out []string
	for uid := range want {
		if !have[uid] {
			out = append(out, uid)
		}
	}
	sort.Strings(out)
	return out
}

func clone(m map[string]bool) map[string]bool {
	c := make(map[string]bool, len(m))
	for k := range m {
		c[k] = true
	}
	return c
}

// A property of the whole book life cycle: random sequences of adding,
// editing, deleting, importing another book's export, exporting and
// restoring, across three books, never lose a record that was acknowledged
// and that the user did not delete (a restore goes back to its backup, and
// keeps the book it replaced).
func TestPropertyNoAcknowledgedRecordIsEverLost(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 99))
			dir := t.TempDir()
			now := testNow
			clock := func() time.Time { return now }
			books := make([]*store.Store, 3)
			want := make([]map[string]bool, 3)      // UIDs each book must hold
			accounts := make([][]domain.Account, 3) // live accounts of each book, as last written
			for i := range books {
				books[i] = store.New(filepath.Join(dir, fmt.Sprintf("book%d.db", i)))
				books[i].Now = clock
				want[i] = map[string]bool{}
			}
			names := 0
			refresh := func(b int) {
				var accts []domain.Account
				if err := books[b].View(func(tx *store.Tx) error {
					var err error
					accts, err = tx.Accounts()
					return err
				}); err != nil {
					t.Fatal(err)
				}
				accounts[b] = accts
			}
			for step := 0; step < 150; step++ {
				now = now.Add(time.Minute)
				b := rng.IntN(3)
				st := books[b]
				op := rng.IntN(10)
				var what string
				switch {
				case op < 3 || len(accounts[b]) == 0: // add an account
					names++
					a := domain.NewAccount(fmt.Sprintf("Account %d of book %d", names, b))
					if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&a) }); err != nil {
						t.Fatal(err)
					}
					want[b][a.UID] = true
					what = "add " + a.Name
				case op < 5: // a note
					a := accounts[b][rng.IntN(len(accounts[b]))]
					var res NoteResult
					err := st.Update(func(tx *store.Tx) error {
						var err error
						res, err = SaveNoteIn(tx, Note{AccountID: a.ID, Text: fmt.Sprintf("note %d", step)})
						return err
					})
					if err != nil {
						t.Fatal(err)
					}
					want[b][res.Interaction.UID] = true
					what = "note on " + a.Name
				case op < 6: // edit
					a := accounts[b][rng.IntN(len(accounts[b]))]
					err := st.Update(func(tx *store.Tx) error {
						cur, err := tx.Account(a.ID)
						if err != nil {
							return err
						}
						cur.Industry = fmt.Sprintf("industry %d", step)
						return tx.PutAccount(&cur)
					})
					if err != nil {
						t.Fatal(err)
					}
					what = "edit " + a.Name
				case op < 7: // delete, with everything it owns
					a := accounts[b][rng.IntN(len(accounts[b]))]
					var gone []string
					err := st.Update(func(tx *store.Tx) error {
						r, err := tx.AccountRecords(a.ID)
						if err != nil {
							return err
						}
						gone = append(gone, r.Account.UID)
						for _, in := range r.Interactions {
							gone = append(gone, in.UID)
						}
						return tx.DeleteAccount(a.ID)
					})
					if err != nil {
						t.Fatal(err)
					}
					for _, uid := range gone {
						delete(want[b], uid)
					}
					what = "delete " + a.Name
				case op < 9: // export one book, import it into another (or itself)
					from := rng.IntN(3)
					var buf bytes.Buffer
					if err := books[from].Init(); err != nil {
						t.Fatal(err)
					}
					if err := ExportJSON(books[from], &buf); err != nil {
						t.Fatal(err)
					}
					snapshot := bookUIDs(t, books[from])
					if _, err := ImportJSON(st, &buf, ImportMode{PreferFile: rng.IntN(2) == 0}); err != nil {
						t.Fatalf("step %d: import book %d into %d: %v", step, from, b, err)
					}
					for uid := range snapshot {
						want[b][uid] = true
					}
					what = fmt.Sprintf("import book %d into %d", from, b)
				default: // back up, write more, restore
					if err := st.Init(); err != nil {
						t.Fatal(err)
					}
					backup := filepath.Join(dir, fmt.Sprintf("backup-%d.db", step))
					if err := st.Backup(backup); err != nil {
						t.Fatal(err)
					}
					atBackup := clone(want[b])
					names++
					late := domain.NewAccount(fmt.Sprintf("Account %d of book %d", names, b))
					if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&late) }); err != nil {
						t.Fatal(err)
					}
					before := clone(want[b])
					before[late.UID] = true
					if _, err := st.Restore(backup); err != nil {
						t.Fatalf("step %d: restore: %v", step, err)
					}
					// The replaced book is kept, whole.
					kept, _ := filepath.Glob(st.Path + ".before-restore*")
					sort.Strings(kept)
					if len(kept) == 0 {
						t.Fatalf("step %d: restore kept nothing", step)
					}
					replaced := store.New(kept[len(kept)-1])
					replaced.Now = clock
					if m := missing(before, bookUIDs(t, replaced)); len(m) > 0 {
						t.Fatalf("step %d: the kept book lacks %v", step, m)
					}
					want[b] = atBackup
					what = "backup, add, restore"
				}
				refresh(b)
				if m := missing(want[b], bookUIDs(t, st)); len(m) > 0 {
					t.Fatalf("step %d (%s): book %d lost %d acknowledged records: %v", step, what, b, len(m), m)
				}
				if probs, err := st.Check(); err != nil || len(probs) > 0 {
					t.Fatalf("step %d (%s): check: %v %v", step, what, err, probs)
				}
			}
			for b := range books {
				if m := missing(want[b], bookUIDs(t, books[b])); len(m) > 0 {
					t.Fatalf("book %d lost %v", b, m)
				}
			}
		})
	}
}
