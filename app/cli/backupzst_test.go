package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tend-cli/tend/store"
)

// tend restore takes a daily backup as the cockpit keeps it, compressed.
func TestRestoreACompressedDailyBackup(t *testing.T) {
	db := demoBook(t, "5")
	daily, err := store.New(db).DailyBackup(testNow, 7)
	if err != nil || !strings.HasSuffix(daily, ".db.zst") {
		t.Fatalf("daily backup: %q %v", daily, err)
	}
	want := exportBytes(t, db)
	if r := tend(t, "", "account", "add", "After The Backup", "--db", db); r.code != 0 {
		t.Fatal(r)
	}
	r := tend(t, "", "restore", daily, "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "restored "+db+" from "+daily) {
		t.Fatalf("restore: %+v", r)
	}
	if got := exportBytes(t, db); string(got) != string(want) {
		t.Error("the restored book is not the backed-up one")
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Errorf("check after the restore: %+v", r)
	}
	if kept, _ := filepath.Glob(db + ".before-restore-*"); len(kept) != 1 {
		t.Errorf("the replaced book is kept: %v", kept)
	}
}
