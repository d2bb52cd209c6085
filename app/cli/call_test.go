package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

func TestBriefMarkdownAndJSON(t *testing.T) {
	db := demoBook(t, "10")
	r := tend(t, "", "brief", "--db", db, "#1")
	if r.code != 0 || !strings.Contains(r.stdout, "# Pre-call brief: Acme Robotics") || !strings.Contains(r.stdout, "## Talking points") || !strings.Contains(r.stdout, "## Likely on the call") {
		t.Fatalf("%+v", r)
	}
	r = tend(t, "", "brief", "--db", db, "#1", "--format", "json")
	var b struct {
		AccountID uint64 `json:"account_id"`
		Today     string `json:"today"`
		ARR       struct {
			Amount float64 `json:"amount"`
		} `json:"arr"`
		Points []struct {
			Text  string        `json:"text"`
			Cites []domain.Cite `json:"cites"`
		} `json:"talking_points"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &b); err != nil || b.AccountID != 1 || b.Today != domain.DateOf(testNow).String() || b.ARR.Amount <= 0 {
		t.Fatalf("%v %+v", err, r)
	}
	if r := tend(t, "", "brief", "--db", db); r.code != 2 {
		t.Errorf("no account: %+v", r)
	}
	if r := tend(t, "", "brief", "--db", db, "nothing like it"); r.code != 1 {
		t.Errorf("unknown account: %+v", r)
	}
	// A hostile name is shown neutralised.
	evil := "Evil\x1b]52;c;aGk=\x07Corp"
	// account add refuses it; one can come from elsewhere (an older book, a JSON import)
	a := domain.NewAccount(evil)
	if err := app.AddAccount(store.New(db), &a); err != nil {
		t.Fatal(err)
	}
	r = tend(t, "", "brief", "--db", db, "#11")
	if r.code != 0 || strings.ContainsAny(r.stdout, "\x1b\x07") {
		t.Errorf("%q", r.stdout)
	}
}

func TestAgendaTextAndJSON(t *testing.T) {
	db := demoBook(t, "30")
	r := tend(t, "", "agenda", "--db", db, "--days", "30")
	if r.code != 0 || !strings.Contains(r.stdout, "Renewals, next 12 months") || !strings.Contains(r.stdout, "Nov 2026") {
		t.Fatalf("%+v", r)
	}
	r = tend(t, "", "agenda", "--db", db, "--days", "30", "--json")
	type agenda struct {
		Events []struct {
			AccountID uint64 `json:"account_id"`
			Account   string `json:"account"`
		} `json:"events"`
		Renewals []struct {
			ARR []struct {
				Amount   float64 `json:"amount"` // major units, as in every --json
				Currency string  `json:"currency"`
			} `json:"arr"`
		} `json:"renewals_by_month"`
	}
	var ag agenda
	if err := json.Unmarshal([]byte(r.stdout), &ag); err != nil || len(ag.Events) == 0 || len(ag.Renewals) != 12 {
		t.Fatalf("%v: %d events", err, len(ag.Events))
	}
	r = tend(t, "", "agenda", "--db", db, "--days", "90", "--account", "#1", "--json")
	var one agenda
	_ = json.Unmarshal([]byte(r.stdout), &one)
	for _, e := range one.Events {
		if e.AccountID != 1 {
			t.Errorf("--account #1 lists %s", e.Account)
		}
	}
	if r := tend(t, "", "agenda", "--db", db, "--days", "0"); r.code != 2 {
		t.Errorf("--days 0: %+v", r)
	}
}

func TestExportICSToAFile(t *testing.T) {
	db := demoBook(t, "10")
	out := filepath.Join(t.TempDir(), "tend.ics")
	r := tend(t, "", "export", "--db", db, "--format", "ics", "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, "wrote "+out) {
		t.Fatalf("%+v", r)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "BEGIN:VCALENDAR") || !strings.Contains(string(b), "BEGIN:VEVENT") {
		t.Fatalf("%v %.200s", err, b)
	}
	if r := tend(t, "", "export", "--db", db, "--format", "ics", "--out", db); r.code == 0 || !strings.Contains(r.stderr, "refusing") {
		t.Errorf("wrote over the data file: %+v", r)
	}
	if r := tend(t, "", "export", "--db", db, "--format", "ics", "--days", "0"); r.code != 2 {
		t.Errorf("--days 0: %+v", r)
	}
}

// tend agenda on a book without renewals says so instead of twelve rows
// of "— 0"; one entry is "1 entry".
func TestAgendaOfAnEmptyBook(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	if r := tend(t, "", "account", "add", "Acme", "--db", db); r.code != 0 {
		t.Fatalf("add: %+v", r)
	}
	r := tend(t, "", "agenda", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "Renewals, next 12 months: none") || strings.Contains(r.stdout, "— 0") || strings.Contains(r.stdout, "1 entries") {
		t.Errorf("%+v", r)
	}
}
