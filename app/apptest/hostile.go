// Package apptest holds what the tests of the command line and the cockpit
// share: books built to test them. It is imported by tests only.
package apptest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Hostile holds what a CRM export or a careless paste can carry.
var Hostile = []string{
	"\x1b]52;c;c3RlYWw=\x07",             // OSC 52: write the clipboard
	"\x1b]8;;https://evil.example\x1b\\", // OSC 8 link
	"\x1b[2J\x1b[H",                      // clear screen, cursor home
	"\x1bc",                              // reset the terminal
	"\u009b31m",                          // C1 CSI
	"\r\b\x07\x00",                       // C0 controls
	"\u202egnp.exe",                      // right-to-left override
}

// Leaks are byte sequences that may reach the terminal only if data leaked through.
var Leaks = []string{"\x1b]52", "\x1b]8;;https://evil", "\x1bc", "\u009b", "\u202e", "\x07", "\x00", "\b", "\xff"}

// HostileBook writes a book in a temporary directory whose one account carries
// hostile text in every field a screen or a table shows; it returns the store
// and the account's #N.
func HostileBook(t testing.TB, now time.Time) (*store.Store, uint64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.db")
	st := store.New(path)
	st.Now = func() time.Time { return now }
	st.Loc = time.UTC
	evil := strings.Join(Hostile, "·")
	var id uint64
	err := st.Update(func(tx *store.Tx) error {
		a := domain.NewAccount("Evil " + evil + " 株式会社 🚀")
		a.Segment, a.Owner, a.Industry = "Seg"+Hostile[0], "Own"+Hostile[3], "Ind"+Hostile[6]
		a.Tags = []string{"tag" + Hostile[4]}
		a.Handoff.Promises = []string{"promise" + Hostile[1]}
		a.ContractStart, a.Renewal = domain.DateOf(now).AddDays(-400), domain.DateOf(now).AddDays(20)
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		id = a.ID
		if err := tx.PutContact(&domain.Contact{AccountID: id, Name: "Con" + Hostile[2], Title: "T" + Hostile[5], Role: domain.RoleChampion}); err != nil {
			return err
		}
		if _, err := app.SaveNoteIn(tx, app.Note{AccountID: id, Text: "note " + evil + "\n- [ ] item " + Hostile[0] + " @yesterday", At: now.Add(-time.Hour)}); err != nil {
			return err
		}
		if err := tx.PutRisk(&domain.Risk{AccountID: id, Kind: domain.RiskEscalation, Severity: domain.SevHigh, Status: domain.RiskOpen, Title: "risk " + Hostile[3], Opened: domain.DateOf(now)}); err != nil {
			return err
		}
		if err := tx.PutOpportunity(&domain.Opportunity{AccountID: id, Kind: domain.OppUpsell, Title: "opp " + Hostile[1], Stage: domain.OppQualify, Probability: 50, Value: domain.Cents(100_00, "USD")}); err != nil {
			return err
		}
		return tx.PutPlan(&domain.Plan{AccountID: id, Goals: []domain.Goal{{Title: "goal " + Hostile[0], Metric: "m" + Hostile[2], Baseline: 0, Target: 10, Current: 2}}, Strategies: []string{"strat " + Hostile[3]}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}
