package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	bolt "go.etcd.io/bbolt"
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

func TestHostileTextInCLITables(t *testing.T) {
	st, _ := hostileBook(t)
	for _, args := range [][]string{
		{"account", "list"}, {"account", "show", "#1"}, {"triage"}, {"report"}, {"report", "--explain", "nps"}, {"export", "--format", "md", "--account", "#1"},
	} {
		r := tend(t, "", append(args, "--db", st.Path)...)
		if r.code != 0 {
			t.Errorf("%v: %+v", args, r)
		}
		for _, l := range leaks {
			if strings.Contains(r.stdout, l) || strings.Contains(r.stderr, l) {
				t.Errorf("%v: %q reached the output", args, l)
			}
		}
	}
	// Columns stay aligned with wide characters and placeholders.
	r := tend(t, "", "account", "list", "--db", st.Path)
	lines := strings.Split(strings.Trim(r.stdout, "\n"), "\n")
	if len(lines) != 2 || cellWidth(lines[0]) != cellWidth(lines[1]) {
		t.Errorf("misaligned table:\n%s", r.stdout)
	}
}

func cellWidth(s string) int { return ansi.StringWidth(s) }

func TestBadFilesAreRefusedWithOneLine(t *testing.T) {
	dir := t.TempDir()
	good := demoBook(t, "3")
	data, _ := os.ReadFile(good)
	files := map[string]func(string) error{
		"empty.db": func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"random.db": func(p string) error {
			return os.WriteFile(p, bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096), 0o600)
		},
		"trunc-1.db":   func(p string) error { return os.WriteFile(p, data[:len(data)/4], 0o600) },
		"trunc-2.db":   func(p string) error { return os.WriteFile(p, data[:len(data)/2], 0o600) },
		"trunc-3.db":   func(p string) error { return os.WriteFile(p, data[:100], 0o600) },
		"directory.db": func(p string) error { return os.Mkdir(p, 0o700) },
		"foreign.db": func(p string) error {
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other-app")); return err })
		},
		"newer.db": func(p string) error {
			if err := os.WriteFile(p, data, 0o600); err != nil {
				return err
			}
			db, err := bolt.Open(p, 0o600, nil)
			if err != nil {
				return err
			}
			defer db.Close()
			return db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
			})
		},
	}
	for name, make := range files {
		p := filepath.Join(dir, name)
		if err := make(p); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(p)
		for _, args := range [][]string{{"account", "list"}, {"note", "#1", "hello"}, {"triage"}, {"check"}, {"export"}} {
			r := tend(t, "", append(args, "--db", p)...)
			if r.code != 1 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, p) {
				t.Errorf("%s %v: exit %d, stderr %q", name, args, r.code, r.stderr)
			}
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(before, after) {
			t.Errorf("%s was modified", name)
		}
	}
	if os.Geteuid() == 0 {
		t.Log("running as root: a file without read permission cannot be tested (root reads it anyway)")
		return
	}
	p := filepath.Join(dir, "unreadable.db")
	_ = os.WriteFile(p, data, 0o000)
	if r := tend(t, "", "account", "list", "--db", p); r.code != 1 || !strings.Contains(r.stderr, "permission denied") {
		t.Errorf("unreadable: %+v", r)
	}
}
