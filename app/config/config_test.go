package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

func problem(t *testing.T, err error) *Problem {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("want a *Problem, got %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("not one line: %q", err)
	}
	return p
}

func TestMissingFileIsTheDefaults(t *testing.T) {
	s, err := Load(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if d := Defaults(); s.Theme != "auto" || s.Currency != "USD" || s.CadenceDays != 30 || s.NoticeDays != 90 || s.Keys != nil || s.Owner != "" || s.Editor != "" || d.Theme != s.Theme {
		t.Errorf("defaults: %+v", s)
	}
}

// The file init writes parses to the defaults, commented or not.
func TestWrittenFileIsTheDefaults(t *testing.T) {
	for _, commented := range []bool{true, false} {
		s, err := Parse("c.toml", Write(Defaults(), commented))
		if err != nil {
			t.Fatalf("commented=%v: %v", commented, err)
		}
		if s.Theme != "auto" || s.Currency != "USD" || s.CadenceDays != 30 {
			t.Errorf("commented=%v: %+v", commented, s)
		}
		if d := Defaults(); s.SortColumn != d.SortColumn || s.SortReverse || !reflect.DeepEqual(s.Triage, d.Triage) {
			t.Errorf("commented=%v: sort %v %v, triage %+v", commented, s.SortColumn, s.SortReverse, s.Triage)
		}
	}
}

func TestEverySetting(t *testing.T) {
	s, err := Parse("c.toml", `
theme = "light"
owner = "Maya"
currency = "eur"
editor = "vim -n"
cadence_days = 14
notice_days = 0

[keys.global]
quit = ["Q", "ctrl+c"]
jump = ["g"]
kpis = ["%"]

[keys.portfolio]
filter = ["F"]
top = ["home"]

[keys.account]
top = ["home"]

[keys.plan]
toggle = ["space", "x"]
export = ["X"]
`)
	if err != nil {
		t.Fatal(err)
	}
	if s.Theme != "light" || s.Owner != "maya" || s.Currency != "EUR" || s.Editor != "vim -n" || s.CadenceDays != 14 || s.NoticeDays != 0 {
		t.Errorf("settings: %+v", s)
	}
	if !slices.Equal(s.Keys["portfolio"]["filter"], []string{"F"}) || !slices.Equal(s.Keys["global"]["kpis"], []string{"%"}) {
		t.Errorf("keys: %v", s.Keys)
	}
	// The panes and global keys built from them answer the new keys, and their help says so.
	ctx := views.NewContext(nil, nil, false)
	ctx.Keys = s.Keys
	km := views.NewPortfolio(ctx).KeyMap().(views.PortfolioKeys)
	if !slices.Equal(km.Filter.Keys(), []string{"F"}) || km.Filter.Help().Key != "F" {
		t.Errorf("portfolio filter: %v %q", km.Filter.Keys(), km.Filter.Help().Key)
	}
	g := views.DefaultGlobalKeys("Triage", "Portfolio", "Account", "Plan", "KPIs", "Agenda").Remap(s.Keys)
	if !slices.Equal(g.Quit.Keys(), []string{"Q", "ctrl+c"}) || !slices.Equal(g.GoTo[4].Keys(), []string{"%"}) || g.Jump.Help().Key != "g" {
		t.Errorf("global: quit %v, kpis %v, jump %q", g.Quit.Keys(), g.GoTo[4].Keys(), g.Jump.Help().Key)
	}
	plan := views.NewPlan(ctx).KeyMap().(views.PlanKeys)
	if !key.Matches(keyMsg(" "), plan.Toggle) || !key.Matches(keyMsg("x"), plan.Toggle) || plan.Toggle.Help().Key != "space/x" {
		t.Errorf("plan toggle: %v %q", plan.Toggle.Keys(), plan.Toggle.Help().Key)
	}
}

type keyMsg string

func (k keyMsg) String() string { return string(k) }

func TestMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		line       int
		setting    string
		says       string
	}{
		{"bad TOML", "theme = \"dark\"\nowner = maya\n", 2, "owner", "not valid TOML"},
		{"unclosed table", "theme = \"dark\"\n\n[keys.global\nquit = [\"Q\"]\n", 3, "", "not valid TOML"},
		{"unknown setting", "theme = \"dark\"\n\ncolour = \"red\"\n", 3, "colour", "unknown setting"},
		{"unknown in a table", "[keys.portfolio]\nfilter = [\"F\"]\n\n[dashboard]\nreasons = 3\n", 4, "dashboard", "unknown setting"},
		{"bad theme", "owner = \"maya\"\ntheme = \"blue\"\n", 2, "theme", `"blue" is not a theme`},
		{"theme not a string", "theme = 3\n", 1, "theme", "want a string"},
		{"bad currency", "currency = \"euro\"\n", 1, "currency", "not a currency code"},
		{"owner with spaces", "owner = \"Maya Chen\"\n", 1, "owner", "not one word"},
		{"bad days", "\ncadence_days = 0\n", 2, "cadence_days", "from 1 to 365"},
		{"days not a number", "notice_days = \"90\"\n", 1, "notice_days", "whole number"},
		{"unknown scope", "[keys.palette]\nup = [\"k\"]\n", 1, "keys.palette", "unknown scope"},
		{"unknown action", "[keys.portfolio]\nfilter = [\"F\"]\nfiltr = [\"f\"]\n", 3, "keys.portfolio.filtr", "unknown action of portfolio"},
		{"bad key", "[keys.triage]\n\ndone = [\"Enter\"]\n", 3, "keys.triage.done", `"Enter" is not a key`},
		{"empty list", "[keys.triage]\ndone = []\n", 2, "keys.triage.done", "one or more keys"},
		{"not a list", "[keys.triage]\ndone = \"d\"\n", 2, "keys.triage.done", "list"},
		{"ctrl+c", "[keys.triage]\ndone = [\"ctrl+c\"]\n", 2, "keys.triage.done", "always quits"},
		{"dotted key", "keys.kpis.scope = [\"ctrl+\"]\n", 1, "keys.kpis.scope", "is not a key"},
		{"unknown column", "[portfolio]\nreverse = true\nsort = \"revenue\"\n", 3, "portfolio.sort", `"revenue" is not a portfolio column: want name, tier`},
		{"sort not a string", "[portfolio]\nsort = 3\n", 2, "portfolio.sort", "column's name"},
		{"reverse not a bool", "[portfolio]\nreverse = \"yes\"\n", 2, "portfolio.reverse", "true or false"},
		{"unknown in portfolio", "[portfolio]\nwidths = [\"arr\"]\n", 2, "portfolio.widths", "unknown setting"},
		{"unknown reason", "[triage]\nreasons = [\"quiet\", \"bored\"]\n", 2, "triage.reasons", "bored is not a reason: want overdue_item"},
		{"no reasons", "[triage]\nreasons = []\n", 2, "triage.reasons", "one or more reasons"},
		{"reason twice", "[triage]\nreasons = [\"quiet\", \"quiet\"]\n", 2, "triage.reasons", `"quiet" is listed twice`},
		{"negative coefficient", "[triage]\narr = -1\n", 2, "triage.arr", "from 0 to 100"},
		{"huge coefficient", "[triage]\n\nkey_account = 1e9\n", 3, "triage.key_account", "from 0 to 100"},
		{"coefficient not a number", "[triage]\nper_day_late = \"0.5\"\n", 2, "triage.per_day_late", "want a number"},
		{"unknown coefficient", "[triage]\nper_day = 1\n", 2, "triage.per_day", "unknown setting"},
		{"unknown base reason", "[triage.base]\nquiet = 2\nbored = 1\n", 3, "triage.base.bored", "unknown reason"},
		{"unknown severity", "[triage.severity]\nsevere = 1\n", 2, "triage.severity.severe", "unknown severity"},
		{"bad hex", "[colours]\naccent_dark = \"#A78BF\"\n", 2, "colours.accent_dark", `#A78BF is not a colour: want "#RRGGBB"`},
		{"named colour", "[colours]\n\nbad_light = \"red\"\n", 3, "colours.bad_light", "is not a colour"},
		{"colour not a string", "[colours]\ngood_dark = 0x00ff00\n", 2, "colours.good_dark", "is not a colour"},
		{"unknown token", "[colours]\nprimary_dark = \"#000000\"\n", 2, "colours.primary_dark", "unknown colour: want TOKEN_dark or TOKEN_light, TOKEN one of accent, muted"},
		{"token without variant", "[colours]\naccent = \"#000000\"\n", 2, "colours.accent", "unknown colour"},
		{"bad base", "[triage.base]\nescalation = true\n", 2, "triage.base.escalation", "want a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("/x/config.toml", tc.file)
			p := problem(t, err)
			if p.Line != tc.line || p.Setting != tc.setting || !strings.Contains(p.Msg, tc.says) || p.KeysOnly {
				t.Errorf("got line %d setting %q msg %q; want line %d setting %q msg with %q", p.Line, p.Setting, p.Msg, tc.line, tc.setting, tc.says)
			}
			if !strings.HasPrefix(err.Error(), "config /x/config.toml:") || !strings.HasSuffix(err.Error(), "using the default settings") {
				t.Errorf("message: %s", err)
			}
			if s.Theme != "auto" || s.Keys != nil || s.Owner != "" || s.CadenceDays != 30 {
				t.Errorf("not the defaults: %+v", s)
			}
		})
	}
}

func TestConflictingKeys(t *testing.T) {
	for _, tc := range []struct{ name, file, says string }{
		{"two actions of a pane", "theme = \"light\"\n[keys.portfolio]\nfilter = [\"s\"]\n", `portfolio sort and portfolio filter both use "s"`},
		{"a pane key and a global key", "theme = \"light\"\n[keys.portfolio]\nfilter = [\"q\"]\n", `portfolio filter and global quit both use "q"`},
		{"a global key and a pane key", "theme = \"light\"\n[keys.global]\njump = [\"g\"]\n", `portfolio top and global jump both use "g"`},
		{"two global keys", "theme = \"light\"\n[keys.global]\nhelp = [\"n\"]\n", `global note and global help both use "n"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("c.toml", tc.file)
			p := problem(t, err)
			if !p.KeysOnly || p.Msg != tc.says || !strings.HasSuffix(err.Error(), "using the default keys") {
				t.Errorf("got %v (keys only %v); want %q", err, p.KeysOnly, tc.says)
			}
			if s.Keys != nil || s.Theme != "light" {
				t.Errorf("want the default keys and the other settings: %+v", s)
			}
		})
	}
}

// The defaults have no conflict, and every key of every action is in the
// help of its scope: the global help, or its pane's.
func TestEveryDefaultKeyIsInSomeHelp(t *testing.T) {
	if c := Conflicts(nil); c != "" {
		t.Fatal(c)
	}
	ctx := views.NewContext(nil, nil, false)
	panes := map[string]interface{ FullHelp() [][]key.Binding }{}
	for _, p := range []views.Pane{views.NewTriage(ctx), views.NewPortfolio(ctx), views.NewAccount(ctx), views.NewPlan(ctx), views.NewKPI(ctx), views.NewAgenda(ctx)} {
		panes[views.ScopeName(p.Title())] = p.KeyMap()
	}
	panes[views.GlobalScope] = views.DefaultGlobalKeys("Triage", "Portfolio", "Account", "Plan", "KPIs", "Agenda")
	panes[views.ScopeName(views.RecordsTitle)] = views.NewRecords(ctx, views.Ref{}, "").KeyMap()
	panes[views.BriefScope] = views.NewBrief(ctx, domain.Brief{}).KeyMap()
	panes[views.FollowUpScope] = views.NewFollowUp(ctx, views.Ref{}, domain.FollowUp{}).KeyMap()
	shown := func(scope string) map[string]bool {
		out := map[string]bool{}
		for _, col := range panes[scope].FullHelp() {
			for _, b := range col {
				for _, k := range b.Keys() {
					if k == " " {
						k = "space"
					}
					out[k] = true
				}
			}
		}
		return out
	}
	n := 0
	for _, sc := range views.KeyScopes(nil) {
		if panes[sc.Name] == nil {
			t.Fatalf("scope %s is no pane", sc.Name)
		}
		help := shown(sc.Name)
		for _, a := range sc.Actions {
			for _, k := range a.Keys {
				n++
				if !help[k] {
					t.Errorf("%s %s: key %q is in no help", sc.Name, a.Name, k)
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d keys", n)
	}
}

// The README's example config file parses, without conflicts.
func TestReadmeExample(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Config file.*?```toml\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("README has no config example")
	}
	s, err := Parse("README.md", string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	if s.Theme != "light" || s.Keys["portfolio"]["filter"][0] != "F" {
		t.Errorf("%+v", s)
	}
	if s.DateFormat != "2 Jan 2006" {
		t.Errorf("README's date_format: %q", s.DateFormat)
	}
	if s.SortColumn != views.ColARR || len(s.Triage.Reasons) != 5 || s.Triage.KeyAccount != 5 || s.Triage.Base[domain.ReasonEscalation] != 9 ||
		s.Triage.Severity[domain.SevCritical] != 8 || s.Colours.Accent.Dark != "#7DD3FC" {
		t.Errorf("README's portfolio, triage and colours: %+v", s)
	}
}

func TestMouseSetting(t *testing.T) {
	if s, err := Parse("c.toml", ""); err != nil || !s.MouseOn() {
		t.Fatalf("default: %+v %v", s, err)
	}
	if s, err := Parse("c.toml", "mouse = false\n"); err != nil || s.MouseOn() {
		t.Fatalf("off: %+v %v", s, err)
	}
	if _, err := Parse("c.toml", "mouse = \"no\"\n"); err == nil || !strings.Contains(err.Error(), "c.toml:1") || !strings.Contains(err.Error(), "mouse") {
		t.Fatalf("bad value: %v", err)
	}
}

func TestPortfolioAndTriageSettings(t *testing.T) {
	s, err := Parse("c.toml", `
[portfolio]
sort = "ARR"
reverse = true

[triage]
reasons = ["escalation", "overdue_item"]
per_day_late = 0.5
key_account = 0
arr = 1.5

[triage.base]
escalation = 12

[triage.severity]
critical = 10
`)
	if err != nil {
		t.Fatal(err)
	}
	if s.SortColumn != views.ColARR || !s.SortReverse {
		t.Errorf("sort: %v %v", s.SortColumn, s.SortReverse)
	}
	w := s.Triage
	if !slices.Equal(w.Reasons, []domain.Reason{domain.ReasonEscalation, domain.ReasonOverdueItem}) || w.PerDayLate != 0.5 || w.KeyAccount != 0 || w.ARR != 1.5 ||
		w.Base[domain.ReasonEscalation] != 12 || w.Base[domain.ReasonQuiet] != domain.UrgencyBase[domain.ReasonQuiet] ||
		w.Severity[domain.SevCritical] != 10 || w.Severity[domain.SevHigh] != 4 || w.QuietCap != domain.UrgencyQuietCap {
		t.Errorf("triage: %+v", w)
	}
	if domain.UrgencyBase[domain.ReasonEscalation] != 7 || Defaults().Triage.Base[domain.ReasonEscalation] != 7 {
		t.Error("the settings changed the defaults")
	}
	// Every reason listed is the same as none: all shown.
	all := make([]string, len(domain.Reasons))
	for i, r := range domain.Reasons {
		all[i] = fmt.Sprintf("%q", r)
	}
	if s, err := Parse("c.toml", "[triage]\nreasons = ["+strings.Join(all, ", ")+"]\n"); err != nil || s.Triage.Reasons != nil {
		t.Errorf("every reason: %v %v", s.Triage.Reasons, err)
	}
	// What show writes reads back the same.
	back, err := Parse("c.toml", Write(s, false))
	if err != nil {
		t.Fatal(err)
	}
	if back.SortColumn != s.SortColumn || back.SortReverse != s.SortReverse || !reflect.DeepEqual(back.Triage, s.Triage) {
		t.Errorf("show reads back as %+v, want %+v", back, s)
	}
	for _, want := range []string{"[portfolio]\nsort = \"arr\"\nreverse = true\n", `reasons = ["escalation", "overdue_item"]`, "per_day_late = 0.5 #", "escalation = 12\n", "critical = 10\n"} {
		if !strings.Contains(Write(s, false), want) {
			t.Errorf("show lacks %q", want)
		}
	}
	// init writes each one commented, at its default.
	init := Write(Defaults(), true)
	for _, want := range []string{"[portfolio]\n# sort = \"name\"\n# reverse = false\n", "[triage]\n# reasons = [\"overdue_item\", ", "# key_account = 3 #", "[triage.base]\n# overdue_item = 8\n", "[triage.severity]\n# critical = 6\n"} {
		if !strings.Contains(init, want) {
			t.Errorf("init lacks %q", want)
		}
	}
}

func TestColours(t *testing.T) {
	s, err := Parse("c.toml", "[colours]\naccent_dark = \"#ff8800\"\nselection_light = \"#DDEEFF\"\n")
	if err != nil {
		t.Fatal(err)
	}
	d := views.DefaultColours()
	if s.Colours.Accent.Dark != "#FF8800" || s.Colours.Accent.Light != d.Accent.Light || s.Colours.Selection.Light != "#DDEEFF" || s.Colours.Bad != d.Bad {
		t.Errorf("colours: %+v", s.Colours)
	}
	if views.DefaultColours().Accent.Dark != "#A78BFA" {
		t.Error("the settings changed the default colours")
	}
	// The theme built on them uses them.
	if fg := views.NewThemeWith(s.Colours).Title.GetForeground(); fg != s.Colours.Accent {
		t.Errorf("title colour %v", fg)
	}
	back, err := Parse("c.toml", Write(s, false))
	if err != nil || back.Colours != s.Colours {
		t.Errorf("show reads back as %+v (%v)", back.Colours, err)
	}
	if !strings.Contains(Write(s, false), "\naccent_dark = \"#FF8800\" # ") {
		t.Error("show lacks accent_dark")
	}
	init := Write(Defaults(), true)
	for _, tok := range views.ColourTokens {
		for _, v := range []string{"dark", "light"} {
			hex, _ := d.Colour(tok.Name + "_" + v)
			if want := fmt.Sprintf("\n# %s_%s = %q # ", tok.Name, v, hex); !strings.Contains(init, want) {
				t.Errorf("init lacks %q", want)
			}
		}
	}
	if s, err := Parse("c.toml", init); err != nil || s.Colours != d {
		t.Errorf("init's colours: %+v %v", s.Colours, err)
	}
}

func TestDateFormatSetting(t *testing.T) {
	if s, err := Parse("c.toml", ""); err != nil || s.DateFormat != "2006-01-02" {
		t.Fatalf("default: %q %v", s.DateFormat, err)
	}
	for _, l := range domain.DateLayouts {
		if s, err := Parse("c.toml", fmt.Sprintf("date_format = %q\n", l)); err != nil || s.DateFormat != l {
			t.Errorf("%q: %q %v", l, s.DateFormat, err)
		}
	}
	for _, bad := range []string{`"2006/01/02"`, `""`, `"dd/mm/yyyy"`, `2006`} {
		s, err := Parse("c.toml", "theme = \"dark\"\ndate_format = "+bad+"\n")
		if err == nil {
			t.Errorf("%s: taken", bad)
			continue
		}
		if p := problem(t, err); p.Line != 2 || p.Setting != "date_format" || !strings.Contains(err.Error(), "c.toml:2: date_format: ") {
			t.Errorf("%s: %v", bad, err)
		}
		if s.DateFormat != "2006-01-02" || s.Theme != "auto" {
			t.Errorf("%s: not the defaults: %+v", bad, s)
		}
	}
	if s, err := Parse("c.toml", Write(Defaults(), true)); err != nil || s.DateFormat != "2006-01-02" {
		t.Errorf("init's file: %q %v", s.DateFormat, err)
	}
	if !strings.Contains(Write(Defaults(), true), "# date_format = \"2006-01-02\"\n") {
		t.Error("config init does not write date_format commented with its default")
	}
	s, _ := Parse("c.toml", "date_format = \"02/01/2006\"\n")
	if !strings.Contains(Write(s, false), "\ndate_format = \"02/01/2006\"\n") {
		t.Error("config show does not show date_format")
	}
}
