package app

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A draft saved while another process holds the book (an import writing
// for a long while) is kept in a file beside the book instead of only in
// the cockpit's memory; the next save in the book removes that file, and
// KeptDrafts names the files never saved since.
func TestADraftSavedWhileTheBookIsBusyIsKeptInAFile(t *testing.T) {
	st := emptyStore(t)
	var acct domain.Account
	if err := st.Update(func(tx *store.Tx) error {
		acct = domain.NewAccount("Acme Robotics")
		return tx.PutAccount(&acct)
	}); err != nil {
		t.Fatal(err)
	}
	f := st
	d := domain.Draft{AccountID: acct.ID, AccountUID: acct.UID, Text: "typed during the import", Channel: domain.ChannelCall, Writer: "w1.1", Started: testNow, Saved: testNow}

	hold, held := make(chan struct{}), make(chan struct{})
	go func() {
		_ = st.Update(func(*store.Tx) error { close(held); <-hold; return nil })
	}()
	<-held
	busy := *f
	busy.Timeout = 50 * time.Millisecond
	_, _, kept, err := SaveDraftOrKeep(&busy, d, testNow)
	if err != nil || kept == "" {
		t.Fatalf("kept %q, err %v", kept, err)
	}
	if b, err := os.ReadFile(kept); err != nil || !strings.Contains(string(b), "typed during the import") {
		t.Fatalf("the kept file: %q, %v", b, err)
	}
	if got := KeptDrafts(f); len(got) != 1 || got[0] != kept {
		t.Errorf("KeptDrafts: %v", got)
	}
	close(hold)

	d.Text += ", and after"
	if _, _, kept, err := SaveDraftOrKeep(f, d, testNow); err != nil || kept != "" {
		t.Fatalf("kept %q, err %v", kept, err)
	}
	if got := KeptDrafts(f); len(got) != 0 {
		t.Errorf("the kept file outlives the draft saved in the book: %v", got)
	}
	var stored domain.Draft
	if err := st.View(func(tx *store.Tx) (err error) { stored, _, err = tx.Draft(acct.ID, 0); return err }); err != nil || stored.Text != d.Text {
		t.Errorf("the draft in the book: %q, %v", stored.Text, err)
	}
}

// A tend data file given to import (the open book itself, a backup) is
// refused saying what it is and what to do, before any row is read (the
// cockpit ran its whole CSV form and showed a screen of binary).
func TestImportingABookFileIsRefusedAsOne(t *testing.T) {
	st := emptyStore(t)
	a := domain.NewAccount("Acme")
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := ImportFileKind(st.Path); err == nil || !strings.Contains(err.Error(), "is a tend data file (a book), not an export") {
		t.Errorf("the book as an import: %v", err)
	}
}
