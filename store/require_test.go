package store

import (
	"path/filepath"
	"testing"

	"github.com/tend-cli/tend/domain"
)

func TestRequireAccount(t *testing.T) {
	s := New(filepath.Join(t.TempDir(), "book.db"))
	a := domain.NewAccount("Acme")
	if err := s.Update(func(tx *Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
	check := func(id uint64, uid, want string) {
		t.Helper()
		err := s.View(func(tx *Tx) error { return tx.RequireAccount(id, uid) })
		if got := domain.ErrorCode(err); got != want || (want == "") != (err == nil) {
			t.Errorf("RequireAccount(%d, %q) = %v, want code %q", id, uid, err, want)
		}
	}
	check(a.ID, a.UID, "")
	check(a.ID, NewUID(), domain.ECONFLICT)
	check(a.ID, "", domain.ECONFLICT)
	check(a.ID+1, a.UID, domain.ENOTFOUND)
	if err := s.Update(func(tx *Tx) error { return tx.DeleteAccount(a.ID) }); err != nil {
		t.Fatal(err)
	}
	check(a.ID, a.UID, domain.ENOTFOUND)
}
