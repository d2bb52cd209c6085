package cockpit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/app/apptest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// hostile text, and the bytes that betray a leak, as apptest builds them.
var hostile, leaks = apptest.Hostile, apptest.Leaks

func hostileBook(t *testing.T) (*store.Store, uint64) { return apptest.HostileBook(t, testNow) }

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	st, id := hostileBook(t)
	// Invalid UTF-8 cannot be stored exactly (JSON would alter it): it is refused, clearly.
	err := st.Update(func(tx *store.Tx) error {
		a := domain.NewAccount("bad \xff\xfe bytes")
		return tx.PutAccount(&a)
	})
	if err == nil || !strings.Contains(err.Error(), "not valid UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
	// Everything else is stored exactly as given.
	_ = st.View(func(tx *store.Tx) error {
		a, _ := tx.Account(id)
		if !strings.Contains(a.Name, hostile[0]) {
			t.Errorf("the stored name was altered: %q", a.Name)
		}
		return nil
	})
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(140, 45))
	var out bytes.Buffer
	seen := func(want ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			out.Write(b)
			for _, w := range want {
				if !bytes.Contains(out.Bytes(), []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(10*time.Second))
	}
	seen("to do") // triage: the item, the escalation, the renewal
	keys(tm, "?") // the urgency breakdown names the account
	seen("Why Evil")
	keys(tm, "?", "2") // portfolio
	seen("1 of 1 accounts")
	keys(tm, "enter") // account
	seen("Health: why", "Contacts (1)")
	keys(tm, "G")
	seen("Timeline")
	keys(tm, "4") // plan
	seen("Goals (1)")
	keys(tm, "5") // KPIs
	seen("KPIs · book")
	keys(tm, "ctrl+k") // palette
	typeText(tm, "evil")
	seen("Jump to account")
	keys(tm, "esc", "3", "n") // note editor
	seen("Note · Evil")
	_ = tm.Quit()
	screen := out.String()
	for _, l := range leaks {
		if strings.Contains(screen, l) {
			t.Errorf("data reached the terminal raw: %q", l)
		}
	}
	if !strings.Contains(screen, "␛]52;c;c3RlYWw=␇") {
		t.Error("the hostile name is not shown with visible placeholders")
	}
}

func TestWriteFailureKeepsTheNoteAndSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	if err := st.Generate(app.DemoOptions(3, 0, 1, st.Now()), nil); err != nil {
		t.Fatal(err)
	}
	var full atomic.Bool
	st.BeforeCommit = func() error {
		if full.Load() {
			return errors.New("no space left on device")
		}
		return nil
	}
	before, _ := os.ReadFile(path)
	m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 35))
	keys(tm, "2")
	waitFor(t, tm, "3 of 3 accounts")
	full.Store(true)
	keys(tm, "enter")
	waitFor(t, tm, "Health: why")
	keys(tm, "n")
	waitFor(t, tm, "Note · ")
	typeText(tm, "precious words")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "note NOT saved: no space left on device (your text is still in the editor)")
	v := finalView(t, tm)
	if !strings.Contains(v, "precious words") || !strings.Contains(v, "Note · ") {
		t.Errorf("the editor lost the text:\n%s", v)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("a failed write changed the file")
	}
}
