package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

var testNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

type result struct {
	code           int
	stdout, stderr string
}

func tend(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Now: func() time.Time { return testNow }, Getenv: func(string) string { return "" }}
	code := Main(args, env)
	return result{code, out.String(), errb.String()}
}

func demoBook(t *testing.T, n string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "book.db")
	if r := tend(t, "", "demo", "--db", db, "--accounts", n); r.code != 0 {
		t.Fatalf("demo: %+v", r)
	}
	return db
}

func TestDemoThenListJSON(t *testing.T) {
	db := demoBook(t, "30")
	r := tend(t, "", "account", "list", "--db", db, "--json")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var rows []accountRow
	if err := json.Unmarshal(minor(r.stdout), &rows); err != nil || len(rows) != 30 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if rows[0].Name == "" || rows[0].ARR.Amount <= 0 {
		t.Errorf("first row %+v", rows[0])
	}
	// demo refuses a file that already holds a book
	if r := tend(t, "", "demo", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "already holds a book") {
		t.Errorf("second demo: %+v", r)
	}
}

func TestNoteThenShow(t *testing.T) {
	db := demoBook(t, "5")
	r := tend(t, "", "note", "#2", "Call with the CFO\n- [ ] send pricing @fri", "--db", db, "--channel", "meeting")
	if r.code != 0 || !strings.Contains(r.stdout, "1 action item") {
		t.Fatalf("note: %+v", r)
	}
	r = tend(t, "Email follow-up from stdin\n- [ ] book QBR @2026-12-15\n", "note", "--db", db, "#2", "-")
	if r.code != 0 {
		t.Fatalf("note from stdin: %+v", r)
	}
	r = tend(t, "", "account", "show", "#2", "--db", db, "--json")
	var v accountView
	if err := json.Unmarshal(minor(r.stdout), &v); err != nil {
		t.Fatal(err, r.stderr)
	}
	if got := v.Interactions[0].Summary; !strings.HasPrefix(got, "Email follow-up from stdin") {
		t.Errorf("newest interaction %q", got)
	}
	if v.Interactions[1].Channel != "meeting" {
		t.Errorf("channel %q", v.Interactions[1].Channel)
	}
	due := map[string]string{}
	for _, it := range v.ActionItems {
		due[it.Text] = it.Due.String()
	}
	if due["send pricing"] != "2026-12-04" || due["book QBR"] != "2026-12-15" {
		t.Errorf("items %v", due)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	db := demoBook(t, "3")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"frobnicate", "--db", db}, 2, "unknown command"},
		{[]string{"note", "--db", db, "#1"}, 2, "needs an ACCOUNT and the TEXT"},
		{[]string{"account", "show", "--db", db, "nothing-like-this"}, 1, "no account matches"},
		{[]string{"account", "add", "--db", db, "X", "--arr", "-5"}, 1, "must not be negative"},
		{[]string{"account", "add", "--db", db, "X", "--renewal", "2026-02-30"}, 1, "want a date like"},
		{[]string{"account", "list", "--db", filepath.Join(t.TempDir(), "missing.db")}, 1, "no such data file"},
		{[]string{"demo"}, 2, "needs --db"},
		{[]string{"account", "list", "--db", db, "--bogus"}, 2, "flag provided but not defined"},
	}
	for _, c := range cases {
		r := tend(t, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.msg) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 1 {
			t.Errorf("%v: code %d, stderr %q; want %d and %q", c.args, r.code, r.stderr, c.code, c.msg)
		}
	}
	if r := tend(t, "", "account", "add", "--db", db, "Zeta Corp", "--arr", "$1.2M", "--tier", "key"); r.code != 0 {
		t.Errorf("add: %+v", r)
	}
}

func TestBusyFileFailsWithin3s(t *testing.T) {
	db := demoBook(t, "3")
	f, err := os.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := tend(t, "", "account", "list", "--db", db)
	if r.code != 1 || !strings.Contains(r.stderr, db+" is busy") {
		t.Errorf("%+v", r)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestHostileNamesAreNeutralisedInTables(t *testing.T) {
	db := demoBook(t, "1")
	evil := "Evil\x1b]52;c;aGk=\x07Corp\x1b[2J\r\u202e"
	// account add refuses such a name; one can come from elsewhere (an older
	// book, a JSON import): put it in the file directly
	if r := tend(t, "", "account", "add", "--db", db, evil); r.code == 0 {
		t.Fatalf("account add took a name with escape sequences: %+v", r)
	}
	a := domain.NewAccount(evil)
	if err := app.AddAccount(store.New(db), &a); err != nil {
		t.Fatal(err)
	}
	r := tend(t, "", "account", "list", "--db", db)
	if strings.ContainsAny(r.stdout, "\x1b\x07\r\u202e") {
		t.Errorf("raw control bytes reached the output: %q", r.stdout)
	}
	if !strings.Contains(r.stdout, "Evil␛]52;c;aGk=␇Corp") {
		t.Errorf("placeholder missing: %q", r.stdout)
	}
	// stored exactly as given
	r = tend(t, "", "account", "show", "--db", db, "#2", "--json")
	var v accountView
	_ = json.Unmarshal(minor(r.stdout), &v)
	if v.Account.Name != evil {
		t.Errorf("stored name %q", v.Account.Name)
	}
}

func TestReportJSONAndExplain(t *testing.T) {
	db := demoBook(t, "40")
	if r := tend(t, "", "target", "set", "nps", "30", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if r := tend(t, "", "target", "set", "cac", "12k", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r := tend(t, "", "report", "--period", "2026-Q4", "--format", "json", "--db", db)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	var rep struct {
		Period    string `json:"period"`
		Currency  string `json:"currency"`
		MoneyUnit string `json:"money_unit"`
		Rows      []struct {
			Key      string            `json:"key"`
			Current  map[string]any    `json:"current"`
			Previous map[string]any    `json:"previous"`
			YTD      map[string]any    `json:"ytd"`
			Target   *map[string]any   `json:"target"`
			Trend    []json.RawMessage `json:"trend"`
		} `json:"kpis"`
	}
	if err := json.Unmarshal(minor(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Currency != "USD" || !strings.Contains(rep.MoneyUnit, "major units") {
		t.Errorf("money is labelled: currency %q, unit %q", rep.Currency, rep.MoneyUnit)
	}
	if rep.Period != "2026-Q4" || len(rep.Rows) != 11 {
		t.Fatalf("period %s, %d KPIs", rep.Period, len(rep.Rows))
	}
	for _, x := range rep.Rows {
		if x.Current == nil || x.Previous == nil || x.YTD == nil || len(x.Trend) != 12 {
			t.Errorf("%s is missing a column: %+v", x.Key, x)
		}
		if (x.Key == "nps" || x.Key == "cac") != (x.Target != nil) {
			t.Errorf("%s target %v", x.Key, x.Target)
		}
		if x.Key == "cac" && (*x.Target)["value"].(float64) != 12_000 {
			t.Errorf("cac target in major units: %v", *x.Target)
		}
	}
	r = tend(t, "", "report", "--period", "2026-Q4", "--explain", "nps", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "promoter") || strings.Count(r.stdout, "\n") < 3 {
		t.Errorf("explain nps: %+v", r)
	}
	for _, f := range []string{"table", "csv", "md"} {
		if r := tend(t, "", "report", "--format", f, "--db", db); r.code != 0 || !strings.Contains(r.stdout, "Net promoter score") {
			t.Errorf("format %s: %+v", f, r)
		}
	}
	for _, bad := range [][]string{{"report", "--period", "2026-Q5"}, {"report", "--period", "2026-+1"}, {"report", "--period", "2026-1"}, {"report", "--period", " 2026-"}, {"report", "--scope", "planet:mars"}, {"report", "--explain", "happiness"}, {"target", "set", "nps", "500"}} {
		if r := tend(t, "", append(bad, "--db", db)...); r.code != 2 {
			t.Errorf("%v: %+v", bad, r)
		}
	}
}

func TestNoteItemsShowInTriageJSON(t *testing.T) {
	db := demoBook(t, "5")
	r := tend(t, "", "note", "#3", "Call.\n- [ ] call back the CFO @today\n- [ ] send deck @fri", "--db", db)
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	r = tend(t, "", "triage", "--json", "--db", db)
	var rows []struct {
		AccountID uint64 `json:"account_id"`
		Reason    string `json:"reason"`
		Why       string `json:"why"`
		Urgency   float64
		Terms     []map[string]any `json:"terms"`
	}
	if err := json.Unmarshal(minor(r.stdout), &rows); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	found := false
	for _, x := range rows {
		if x.AccountID == 3 && x.Reason == "due_today" && strings.HasPrefix(x.Why, "call back the CFO") && len(x.Terms) > 0 {
			found = true
		}
		if strings.Contains(x.Why, "send deck") {
			t.Error("an item due Friday is not today's work")
		}
	}
	if !found {
		t.Errorf("the note's item is not in the queue: %s", r.stdout)
	}
	if r := tend(t, "", "triage", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "call back the CFO") {
		t.Errorf("table: %+v", r)
	}
}

func TestAccountDeleteNeedsYesAndRemovesEverything(t *testing.T) {
	db := demoBook(t, "4")
	if r := tend(t, "", "account", "delete", "#2", "--db", db); r.code != 2 || !strings.Contains(r.stderr, "--yes") {
		t.Fatalf("without --yes: %+v", r)
	}
	if r := tend(t, "", "account", "delete", "#2", "--yes", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if n := countAccounts(t, db); n != 3 {
		t.Errorf("%d accounts left", n)
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Errorf("check after delete: %+v", r)
	}
}
