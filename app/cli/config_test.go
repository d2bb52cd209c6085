package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// The tests never read the developer's own settings file.
func init() { xdg.ConfigHome = filepath.Join(os.TempDir(), "tend-cli-tests-have-no-config") }

// tendEnv is tend with environment variables.
func tendEnv(t *testing.T, vars map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Now: func() time.Time { return testNow }, Getenv: func(k string) string { return vars[k] }}
	code := Main(args, env)
	return result{code, out.String(), errb.String()}
}

func TestConfigInitPathShow(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "config.toml")
	vars := map[string]string{"TEND_CONFIG": path}
	if r := tendEnv(t, vars, "config", "path"); r.code != 0 || r.stdout != path+"\n" {
		t.Fatalf("path: %+v", r)
	}
	other := filepath.Join(dir, "other.toml")
	if r := tendEnv(t, vars, "config", "path", "--config", other); r.code != 0 || r.stdout != other+"\n" {
		t.Fatalf("--config wins over TEND_CONFIG: %+v", r)
	}
	// show without a file: the defaults, nothing on stderr
	r := tendEnv(t, vars, "config", "show")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "\ntheme = \"auto\"\n") || !strings.Contains(r.stdout, "filter = [\"f\"]") {
		t.Fatalf("show defaults: %+v", r)
	}
	r = tendEnv(t, vars, "config", "init")
	if r.code != 0 || !strings.Contains(r.stdout, path) {
		t.Fatalf("init: %+v", r)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# theme = \"auto\"", "# owner = \"\"", "# currency = \"USD\"", "# editor = \"\"", "# cadence_days = 30", "# notice_days = 90",
		"[keys.global]", "# quit = [\"q\", \"ctrl+c\"]", "[keys.portfolio]", "# filter = [\"f\"]", "[keys.kpis]", "# explain = [\"enter\", \"e\"]"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("init wrote no %q", want)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	// never over an existing file
	os.WriteFile(path, []byte("theme = \"light\"\n"), 0o600)
	if r := tendEnv(t, vars, "config", "init"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Errorf("second init: %+v", r)
	}
	if b, _ := os.ReadFile(path); string(b) != "theme = \"light\"\n" {
		t.Errorf("init replaced the file: %q", b)
	}
	if r := tendEnv(t, vars, "config", "show"); r.code != 0 || !strings.Contains(r.stdout, "\ntheme = \"light\"\n") {
		t.Errorf("show: %+v", r)
	}
	// a mistake: one line on stderr naming file, line and setting; the defaults shown
	os.WriteFile(path, []byte("theme = \"light\"\ncurrency = \"euros\"\n"), 0o600)
	r = tendEnv(t, vars, "config", "show")
	if r.code != 0 || r.stderr != "tend: config "+path+":2: currency: \"euros\" is not a currency code: want three letters, like USD or EUR; using the default settings\n" ||
		!strings.Contains(r.stdout, "\ntheme = \"auto\"\n") {
		t.Errorf("show bad: %+v", r)
	}
}

// account add takes the currency and the new-account defaults from the
// config; a bad config is said on stderr and the command goes on.
func TestConfigDefaultsForAccountAdd(t *testing.T) {
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "c.toml"), filepath.Join(dir, "book.db")
	os.WriteFile(cfg, []byte("currency = \"eur\"\ncadence_days = 14\nnotice_days = 120\n"), 0o600)
	r := tend(t, "", "account", "add", "Acme", "--arr", "12k", "--json", "--db", db, "--config", cfg)
	var a struct {
		ARR struct {
			Amount   int64  `json:"amount"`
			Currency string `json:"currency"`
		} `json:"arr"`
		Cadence int `json:"cadence_days"`
		Notice  int `json:"renewal_notice_days"`
	}
	if r.code != 0 || json.Unmarshal(minor(r.stdout), &a) != nil || a.ARR.Currency != "EUR" || a.Cadence != 14 || a.Notice != 120 {
		t.Fatalf("%+v → %+v", r, a)
	}
	r = tend(t, "", "account", "add", "Beta", "--cadence", "7", "--json", "--db", db, "--config", cfg)
	if r.code != 0 || json.Unmarshal(minor(r.stdout), &a) != nil || a.Cadence != 7 {
		t.Fatalf("--cadence wins: %+v", r)
	}
	os.WriteFile(cfg, []byte("cadence_days = \"often\"\n"), 0o600)
	r = tend(t, "", "account", "add", "Gamma", "--json", "--db", db, "--config", cfg)
	if r.code != 0 || json.Unmarshal(minor(r.stdout), &a) != nil || a.Cadence != 30 || a.ARR.Currency != "USD" ||
		!strings.Contains(r.stderr, cfg+":1: cadence_days:") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("bad config: %+v", r)
	}
}

// config edit writes the file first when there is none, then opens the
// editor (the config's, else $VISUAL, else $EDITOR) on it.
func TestConfigEdit(t *testing.T) {
	dir := t.TempDir()
	path, seen := filepath.Join(dir, "config.toml"), filepath.Join(dir, "seen")
	r := tendEnv(t, map[string]string{"TEND_CONFIG": path, "EDITOR": "cp -f /dev/null " + seen + "; echo >" + seen + " edited"}, "config", "edit")
	if r.code != 0 {
		t.Fatalf("%+v", r)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "# theme = \"auto\"") {
		t.Errorf("no file written first: %v %q", err, b)
	}
	if _, err := os.Stat(seen); err != nil {
		t.Errorf("editor not run: %v", err)
	}
}

// tend triage takes the config's triage weights and reasons shown.
func TestConfigTriage(t *testing.T) {
	db := demoBook(t, "5")
	if r := tend(t, "", "note", "#3", "Call.\n- [ ] call back the CFO @today", "--db", db); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	type row struct {
		AccountID uint64  `json:"account_id"`
		Reason    string  `json:"reason"`
		Urgency   float64 `json:"urgency"`
		Terms     []struct {
			Name        string  `json:"name"`
			Coefficient float64 `json:"coefficient"`
		} `json:"terms"`
	}
	rows := func(r result) []row {
		t.Helper()
		var out []row
		if r.code != 0 {
			t.Fatalf("%+v", r)
		}
		if err := json.Unmarshal(minor(r.stdout), &out); err != nil {
			t.Fatalf("%v: %s", err, r.stdout)
		}
		return out
	}
	def := rows(tend(t, "", "triage", "--json", "--db", db))
	kinds := map[string]bool{}
	for _, x := range def {
		kinds[x.Reason] = true
	}
	if !kinds["due_today"] || len(kinds) < 2 {
		t.Fatalf("want due_today and others in the default queue: %v", kinds)
	}
	cfg := filepath.Join(t.TempDir(), "c.toml")
	os.WriteFile(cfg, []byte("[triage]\nreasons = [\"due_today\"]\narr = 0\n\n[triage.base]\ndue_today = 40\n"), 0o600)
	got := rows(tend(t, "", "triage", "--json", "--db", db, "--config", cfg))
	if len(got) == 0 {
		t.Fatal("no rows")
	}
	for _, x := range got {
		if x.Reason != "due_today" || x.Terms[0].Coefficient != 40 || x.Urgency < 40 {
			t.Errorf("row %+v", x)
		}
		for _, tm := range x.Terms {
			if tm.Name == "ARR percentile" && tm.Coefficient != 0 {
				t.Errorf("ARR coefficient %v, want 0", tm.Coefficient)
			}
		}
	}
	r := tend(t, "", "triage", "--db", db, "--config", cfg)
	if r.code != 0 || !strings.Contains(r.stdout, "call back the CFO") || strings.Contains(r.stdout, "quiet") {
		t.Errorf("table: %+v", r)
	}
	// A bad reason: said on stderr with its line, and the default queue.
	os.WriteFile(cfg, []byte("[triage]\n\nreasons = [\"due_today\", \"bored\"]\n"), 0o600)
	r = tend(t, "", "triage", "--json", "--db", db, "--config", cfg)
	if !strings.Contains(r.stderr, cfg+":3: triage.reasons: bored is not a reason") || len(rows(r)) != len(def) {
		t.Errorf("bad reason: %+v", r)
	}
}

// account list and show show dates in the config's date_format; --json
// stays ISO.
func TestConfigDateFormat(t *testing.T) {
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "c.toml"), filepath.Join(dir, "book.db")
	if r := tend(t, "", "account", "add", "Acme", "--renewal", "2027-03-04", "--db", db); r.code != 0 {
		t.Fatalf("add: %+v", r)
	}
	if r := tend(t, "", "account", "list", "--db", db, "--config", cfg); r.code != 0 || !strings.Contains(r.stdout, "2027-03-04") {
		t.Fatalf("default ISO: %+v", r)
	}
	os.WriteFile(cfg, []byte("date_format = \"02/01/2006\"\n"), 0o600)
	r := tend(t, "", "account", "list", "--db", db, "--config", cfg)
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "04/03/2027") || strings.Contains(r.stdout, "2027-03-04") {
		t.Fatalf("list: %+v", r)
	}
	if r := tend(t, "", "account", "show", "Acme", "--db", db, "--config", cfg); r.code != 0 || !strings.Contains(r.stdout, "renewal 04/03/2027") {
		t.Fatalf("show: %+v", r)
	}
	if r := tend(t, "", "account", "list", "--json", "--db", db, "--config", cfg); r.code != 0 || !strings.Contains(r.stdout, "2027-03-04") || strings.Contains(r.stdout, "04/03/2027") {
		t.Fatalf("json: %+v", r)
	}
}
