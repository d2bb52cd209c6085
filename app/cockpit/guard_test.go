package cockpit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A restore killed before it finished leaves its copy of the backup; the
// cockpit removes it when it starts, unless its restore still runs.
func TestCockpitStartRemovesCopiesOfKilledRestores(t *testing.T) {
	st := smallStore(t, 3)
	dir := filepath.Dir(st.Path)
	killed := filepath.Join(dir, fmt.Sprintf(".book.db.restoring-%d-77", deadPID(t)))
	running := filepath.Join(dir, fmt.Sprintf(".book.db.restoring-%d-78", os.Getppid()))
	staleFile(t, killed)
	staleFile(t, running)
	runInit(New(Options{Store: *st, Name: "book.db", Now: st.Now}))
	if _, err := os.Stat(killed); !os.IsNotExist(err) {
		t.Errorf("the killed restore's copy is still there: %v", err)
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("the running restore's copy was removed: %v", err)
	}
}

// The brief x writes never replaces a backup that has its name.
func TestBriefNeverReplacesABackup(t *testing.T) {
	_, st := cockpit(t, 3, 120, 40)
	dir := t.TempDir()
	var d store.Detail
	if err := st.View(func(tx *store.Tx) (err error) { d, err = tx.Detail(1); return err }); err != nil {
		t.Fatal(err)
	}
	today := domain.DateOf(testNow)
	brief := filepath.Join(dir, fmt.Sprintf("tend-%s-%s.md", slug(d.Account.Name), today))
	if err := st.Backup(brief); err != nil {
		t.Fatal(err)
	}
	kept, _ := os.ReadFile(brief)
	msg, ok := exportCmd(*st, d.AccountDetail, today, dir)().(exportedMsg)
	if !ok || msg.err == nil || !strings.Contains(msg.err.Error(), "refusing to write") {
		t.Errorf("the brief over a backup: %+v", msg)
	}
	if got, _ := os.ReadFile(brief); !bytes.Equal(got, kept) {
		t.Error("the brief replaced a backup")
	}
}
