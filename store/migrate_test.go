package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"

	bolt "go.etcd.io/bbolt"
)

// copySchema1 puts a copy of a book written by tend's schema-1 release
// (testdata/schema1.db: a 12-account demo book, a note with an action item
// and an NPS target) in a temporary directory.
func copySchema1(t *testing.T) *Store {
	t.Helper()
	data, err := os.ReadFile("testdata/schema1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tend.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s := New(path)
	s.Now = func() time.Time { return fixedNow }
	s.Loc = time.UTC
	return s
}

func schemaOf(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint64
	_ = db.View(func(tx *bolt.Tx) error { v = decodeU64(tx.Bucket(bMeta).Get(kSchema)); return nil })
	return v
}

func TestSchema1BookMigratesWithABackupAndPassesCheck(t *testing.T) {
	s := copySchema1(t)
	before, err := os.ReadFile(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, s.Path); v != 1 {
		t.Fatalf("fixture is schema %d", v)
	}
	// Any first use migrates: here a read.
	var names []string
	if err := s.View(func(tx *Tx) error {
		accts, err := tx.Accounts()
		for _, a := range accts {
			names = append(names, a.Name)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(names) != 12 {
		t.Fatalf("%d accounts after migration", len(names))
	}
	if v := schemaOf(t, s.Path); v != SchemaVersion {
		t.Fatalf("schema %d after migration", v)
	}
	kept, _ := filepath.Glob(s.Path + ".before-schema-2-*")
	if len(kept) != 1 {
		t.Fatalf("kept copies: %v", kept)
	}
	if got, _ := os.ReadFile(kept[0]); string(got) != string(before) {
		// WriteTo copies pages, not bytes; compare what matters: it is the old schema.
		if v := schemaOf(t, kept[0]); v != 1 {
			t.Fatalf("the kept copy is schema %d", v)
		}
	}
	probs, err := s.Check()
	if err != nil || len(probs) > 0 {
		t.Fatalf("check after migration: %v %v", err, probs)
	}
	// Every record has a UID, and the book an identity.
	if err := s.View(func(tx *Tx) error {
		id := tx.Identity()
		if id.BookID == "" || id.Generation == "" {
			t.Errorf("identity %+v", id)
		}
		for _, acct := range tx.AccountIDs() {
			r, err := tx.AccountRecords(acct)
			if err != nil {
				return err
			}
			if got, ok := tx.AccountByUID(r.Account.UID); !ok || got != acct {
				t.Errorf("account %d: UID index says %d %v", acct, got, ok)
			}
			for _, in := range r.Interactions {
				if in.UID == "" {
					t.Errorf("interaction %d has no UID", in.ID)
				}
			}
			if r.Plan != nil {
				for _, g := range r.Plan.Goals {
					if g.UID == "" {
						t.Errorf("goal %d has no UID", g.ID)
					}
				}
			}
		}
		var nps float64
		if ok, err := tx.Setting("target.nps", &nps); err != nil || !ok {
			t.Logf("settings after migration: %v %v", ok, err)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A second open does not migrate again nor keep another copy.
	if err := s.View(func(*Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if kept2, _ := filepath.Glob(s.Path + ".before-schema-2-*"); len(kept2) != 1 {
		t.Fatalf("kept copies after a second open: %v", kept2)
	}
}

func TestMigrationKilledHalfWayResumes(t *testing.T) {
	s := copySchema1(t)
	// Fail the 4th commit of the migration: some buckets have UIDs, the schema is still 1.
	commits := 0
	s.BeforeCommit = func() error {
		commits++
		if commits == 4 {
			return errors.New("power cut")
		}
		return nil
	}
	if err := s.Migrate(); err == nil {
		t.Fatal("the injected failure did not stop the migration")
	}
	if v := schemaOf(t, s.Path); v != 1 {
		t.Fatalf("a half-done migration moved the schema to %d", v)
	}
	s.BeforeCommit = nil
	if err := s.Migrate(); err != nil {
		t.Fatal(err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check after a resumed migration: %v %v", err, probs)
	}
}

func TestNewRecordsGetUIDsThatSurviveEdits(t *testing.T) {
	s := newTestStore(t)
	a := addAccount(t, s, "Acme")
	if len(a.UID) != 36 {
		t.Fatalf("account UID %q", a.UID)
	}
	// A form that does not carry the UID keeps the stored one.
	b := a
	b.UID = ""
	b.Industry = "Robotics"
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&b) }); err != nil {
		t.Fatal(err)
	}
	if b.UID != a.UID {
		t.Fatalf("UID changed on edit: %s → %s", a.UID, b.UID)
	}
	// A UID cannot be changed, nor taken by another account.
	c := b
	c.UID = NewUID()
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&c) }); err == nil {
		t.Fatal("an account's UID was changed")
	}
	other := domain.NewAccount("Other")
	other.UID = a.UID
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&other) }); err == nil {
		t.Fatal("a second account took an existing UID")
	}
	ct := domain.Contact{AccountID: a.ID, Name: "Ana"}
	if err := s.Update(func(tx *Tx) error { return tx.PutContact(&ct) }); err != nil {
		t.Fatal(err)
	}
	uid := ct.UID
	ct.UID, ct.Title = "", "CFO"
	if err := s.Update(func(tx *Tx) error { return tx.PutContact(&ct) }); err != nil {
		t.Fatal(err)
	}
	if ct.UID != uid || uid == "" {
		t.Fatalf("contact UID %q → %q", uid, ct.UID)
	}
	// Deleting the account frees its UID index entry.
	if err := s.Update(func(tx *Tx) error { return tx.DeleteAccount(a.ID) }); err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *Tx) error {
		if _, ok := tx.AccountByUID(a.UID); ok {
			t.Error("a deleted account is still in the UID index")
		}
		return nil
	})
}

func TestRecordNumbersNeverWrap(t *testing.T) {
	s := newTestStore(t)
	a := domain.NewAccount("Max")
	a.ID = ^uint64(0)
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&a) }); err == nil {
		t.Fatal("an account numbered 2^64-1 was stored")
	}
	a.ID = MaxLocalID
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	next := domain.NewAccount("Next")
	err := s.Update(func(tx *Tx) error { return tx.PutAccount(&next) })
	if err == nil || next.ID == 0 && err == nil {
		t.Fatalf("the counter went past its bound: #%d %v", next.ID, err)
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
}

// Restoring a backup written by an older tend upgrades the restored copy, and
// never writes to the backup itself.
func TestRestoreOfAnOldBackupLeavesTheBackupAlone(t *testing.T) {
	old := copySchema1(t) // plays the backup
	before, _ := os.ReadFile(old.Path)
	live := newTestStore(t)
	addAccount(t, live, "Today's account")
	if _, err := live.Restore(old.Path); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(old.Path); string(after) != string(before) {
		t.Fatal("restore wrote to the backup it restored")
	}
	if kept, _ := filepath.Glob(old.Path + ".before-schema-*"); len(kept) > 0 {
		t.Fatalf("restore kept a copy next to the backup: %v", kept)
	}
	if v := schemaOf(t, live.Path); v != SchemaVersion {
		t.Fatalf("the restored book is schema %d", v)
	}
	if probs, err := live.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
}

// Several tends meeting an old book at once: all of them work.
func TestConcurrentUpgrades(t *testing.T) {
	s := copySchema1(t)
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() {
			c := *s
			errs <- c.Update(func(tx *Tx) error {
				a := domain.NewAccount("Added during the upgrade")
				return tx.PutAccount(&a)
			})
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-errs; err != nil {
			t.Errorf("a writer during the upgrade: %v", err)
		}
	}
	if probs, err := s.Check(); err != nil || len(probs) > 0 {
		t.Fatalf("check: %v %v", err, probs)
	}
}
