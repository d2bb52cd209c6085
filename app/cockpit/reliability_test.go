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
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// hostile holds what a CRM export or a careless paste can carry.
var hostile = []string{
	"\x1b]52;c;c3RlYWw=\x07",             // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example\x1b\\", // OSC 8 link
	"\x1b[2J\x1b[H",                      // clear screen, cursor home
	"\x1bc",                              // reset the terminal
	"\u009b31m",                          // C1 CSI
	"\r\b\x07\x00",                       // C0 controls
	"\u202egnp.exe",                      // right-to-left override
}

// leaks are byte sequences that may reach the terminal only if data leaked through.
var leaks = []string{"\x1b]52", "\x1b]8;;https://evil", "\x1bc", "\u009b", "\u202e", "\x07", "\x00", "\b", "\xff"}

func hostileBook(t *testing.T) (*store.Store, uint64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return testNow }
	st.Loc = time.UTC
	evil := strings.Join(hostile, "·")
	var id uint64
	err := st.Update(func(tx *store.Tx) error {
		a := domain.NewAccount("Evil " + evil + " 株式会社 🚀")
		a.Segment, a.Owner, a.Industry = "Seg"+hostile[0], "Own"+hostile[3], "Ind"+hostile[6]
		a.Tags = []string{"tag" + hostile[4]}
		a.Handoff.Promises = []string{"promise" + hostile[1]}
		a.ContractStart, a.Renewal = domain.DateOf(testNow).AddDays(-400), domain.DateOf(testNow).AddDays(20)
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		id = a.ID
		if err := tx.PutContact(&domain.Contact{AccountID: id, Name: "Con" + hostile[2], Title: "T" + hostile[5], Role: domain.RoleChampion}); err != nil {
			return err
		}
		if _, err := app.SaveNoteIn(tx, app.Note{AccountID: id, Text: "note " + evil + "\n- [ ] item " + hostile[0] + " @yesterday", At: testNow.Add(-time.Hour)}); err != nil {
			return err
		}
		if err := tx.PutRisk(&domain.Risk{AccountID: id, Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Title: "risk " + hostile[3], Opened: domain.DateOf(testNow)}); err != nil {
			return err
		}
		if err := tx.PutOpportunity(&domain.Opportunity{AccountID: id, Kind: domain.OppUpsell, Title: "opp " + hostile[1], Stage: domain.OppQualify, Probability: 50, Value: domain.Cents(100_00, "USD")}); err != nil {
			return err
		}
		return tx.PutPlan(&domain.Plan{AccountID: id, Goals: []domain.Goal{{Title: "goal " + hostile[0], Metric: "m" + hostile[2], Baseline: 0, Target: 10, Current: 2}}, Strategies: []string{"strat " + hostile[3]}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}

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
