package cockpit

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/fsnotify/fsnotify"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// watchingCockpit starts the real model with the data file watched, and a
// poll so slow that only the watcher can notice a write within the test.
func watchingCockpit(t *testing.T, n int, poll time.Duration) (*teatest.TestModel, *store.Store) {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(n, 0, 1, testNow), nil); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now, Watch: true, PollEvery: poll})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	t.Cleanup(func() {
		_ = tm.Quit()
		m.Close()
	})
	return tm, st
}

func addAccount(t *testing.T, st *store.Store, name string) {
	t.Helper()
	a := domain.NewAccount(name)
	if err := st.Update(func(tx *store.Tx) error { return tx.PutAccount(&a) }); err != nil {
		t.Fatal(err)
	}
}

// Another process's write and a restore show in a cockpit that never polls:
// it watches the data file's directory.
func TestAWatchingCockpitNoticesWritesAndRestoresWithoutPolling(t *testing.T) {
	tm, st := watchingCockpit(t, 5, time.Hour)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(backup); err != nil {
		t.Fatal(err)
	}
	addAccount(t, st, "Zeta Newco")
	waitFor(t, tm, "6 of 6 accounts", "Zeta Newco")
	addAccount(t, st, "Omega Holdings")
	waitFor(t, tm, "7 of 7 accounts", "Omega Holdings")
	// A restore renames another file over the path: still watched.
	if _, err := st.Restore(backup); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "the book was replaced (restored from a backup)", "5 of 5 accounts")
	addAccount(t, st, "Kappa After")
	waitFor(t, tm, "6 of 6 accounts", "Kappa After")
}

// Where the directory cannot be watched, the cockpit says so and polls.
func TestACockpitThatCannotWatchPolls(t *testing.T) {
	old := newFSWatcher
	newFSWatcher = func() (*fsnotify.Watcher, error) { return nil, errors.New("too many open files") }
	t.Cleanup(func() { newFSWatcher = old })
	tm, st := watchingCockpit(t, 5, 50*time.Millisecond)
	waitFor(t, tm, "not watching the data file (too many open files): looking for other processes' writes every 50ms")
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	addAccount(t, st, "Zeta Newco")
	waitFor(t, tm, "6 of 6 accounts", "Zeta Newco")
}
