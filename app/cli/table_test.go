package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// every command path of the table: "demo", "account add", …
func commandPaths(t *testing.T) (paths []string, byPath map[string]*command) {
	t.Helper()
	byPath = map[string]*command{}
	for _, c := range commandTable() {
		paths = append(paths, c.Name)
		byPath[c.Name] = c
		for _, s := range c.Subs {
			p := c.Name + " " + s.Name
			paths = append(paths, p)
			byPath[p] = s
		}
	}
	return paths, byPath
}

// Issue 12: every command of the table has a Short and a usage, and
// `tend <cmd> [<sub>] --help` (and -h, and tend help <cmd>) prints it and
// exits 0 without touching a data file.
func TestEveryCommandHasShortAndHelp(t *testing.T) {
	paths, byPath := commandPaths(t)
	if len(paths) < 20 {
		t.Fatalf("only %d commands in the table", len(paths))
	}
	missing := filepath.Join(t.TempDir(), "never.db")
	for _, p := range paths {
		c := byPath[p]
		if c.Short == "" || strings.HasSuffix(c.Short, ".") || c.Short != strings.TrimSpace(c.Short) || strings.Contains(c.Short, "\n") {
			t.Errorf("%s: Short %q: want one line, no full stop", p, c.Short)
		}
		if !strings.HasPrefix(c.Usage, p) {
			t.Errorf("%s: Usage %q does not start with the command", p, c.Usage)
		}
		if (c.Define == nil) == (c.Subs == nil) {
			t.Errorf("%s: a command runs (Define) or has subcommands, not both or neither", p)
		}
		if c.Define != nil && !strings.Contains(c.Long, "Example") {
			t.Errorf("%s: no example in its help", p)
		}
		args := strings.Fields(p)
		for _, h := range [][]string{append(args, "--help"), append(args, "-h"), append([]string{"help"}, args...), append(args, "--help", "--db", missing)} {
			r := tend(t, "", h...)
			if r.code != 0 || !strings.Contains(r.stdout, "Usage: tend "+p) || !strings.Contains(r.stdout, capitalize(c.Short)) || r.stderr != "" {
				t.Errorf("tend %s: code %d, stdout %.200q, stderr %q", strings.Join(h, " "), r.code, r.stdout, r.stderr)
			}
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("tend %s --help created the data file", p)
		}
	}
}

// Help shows flags as --flag, with an enum's values; the main help lists
// every command of the table.
func TestHelpIsGeneratedFromTheTable(t *testing.T) {
	r := tend(t, "", "--help")
	paths, byPath := commandPaths(t)
	for _, p := range paths {
		if byPath[p].Subs != nil {
			continue
		}
		if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(p) + ` +` + regexp.QuoteMeta(byPath[p].Short) + `$`).MatchString(r.stdout) {
			t.Errorf("tend --help does not list %q with its Short", p)
		}
	}
	r = tend(t, "", "export", "--help")
	for _, want := range []string{"  --format json|csv|md ", "--kind accounts|contacts|interactions|action-items", "  --out FILE ", "(default json)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("export --help lacks %q:\n%s", want, r.stdout)
		}
	}
	if regexp.MustCompile(`(?m)^  -[a-z]`).MatchString(r.stdout) {
		t.Errorf("a flag is shown with one dash:\n%s", r.stdout)
	}
	if r := tend(t, "", "--version"); r.code != 0 || !strings.HasPrefix(r.stdout, "tend ") {
		t.Errorf("--version: %+v", r)
	}
}

// Issue 12: a usage error names the command and points at its own help.
func TestUsageErrorsPointAtTheCommandsHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	cases := []struct {
		args []string
		msg  string
		help string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`, "tend --help"},
		{[]string{"account"}, "account needs a subcommand: add, list, show, close, delete or edit", "tend account --help"},
		{[]string{"account", "frob"}, `unknown account subcommand "frob"`, "tend account --help"},
		{[]string{"target"}, "target needs a subcommand: set or list", "tend target --help"},
		{[]string{"import"}, "import needs one FILE", "tend import --help"},
		{[]string{"import", "x.csv", "--bogus"}, "import: flag provided but not defined: --bogus", "tend import --help"},
		{[]string{"account", "add", "--tier"}, "account add: flag needs an argument: --tier", "tend account add --help"},
		{[]string{"accounts", "rm", "#1"}, "--yes", "tend account delete --help"},
		{[]string{"target", "set", "nps", "500"}, "between -100 and 100", "tend target set --help"},
		{[]string{"report", "--period", "2026-Q5"}, "--period", "tend report --help"},
		{[]string{"export", "--format", "pdf"}, "--format", "tend export --help"},
		{[]string{"completion", "tcsh"}, "unknown shell", "tend completion --help"},
		{[]string{"help", "frobnicate"}, "unknown command", "tend --help"},
	}
	for _, c := range cases {
		r := tend(t, "", append(c.args, "--db", db)...)
		want := "Run '" + c.help + "' for usage."
		if r.code != 2 || !strings.Contains(r.stderr, c.msg) || !strings.HasSuffix(r.stderr, want+"\n") || strings.Count(r.stderr, "\n") != 2 {
			t.Errorf("tend %v: code %d, stderr %q; want 2, %q and %q", c.args, r.code, r.stderr, c.msg, want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error created the data file")
	}
}

// Issue 12: the completions are generated from the table: each offers every
// command, subcommand and flag, and the values of the enum flags.
func TestCompletionsOfferEveryCommand(t *testing.T) {
	paths, byPath := commandPaths(t)
	for _, sh := range shells {
		r := tend(t, "", "completion", sh)
		if r.code != 0 {
			t.Fatalf("%s: %+v", sh, r)
		}
		script := r.stdout
		for _, p := range paths {
			c := byPath[p]
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(c.Name) + `\b`).MatchString(script) {
				t.Errorf("%s: no %s", sh, p)
			}
			if !strings.Contains(script, "'"+p+"'") {
				t.Errorf("%s: no case for %q", sh, p)
			}
		}
		for _, e := range completionEntries() {
			for _, f := range e.flags {
				if !strings.Contains(script, "--"+f.name) && !strings.Contains(script, "-l "+f.name) {
					t.Errorf("%s: %s --%s is not offered", sh, e.path, f.name)
				}
				for _, v := range f.values {
					if !strings.Contains(script, v) {
						t.Errorf("%s: %s --%s %s is not offered", sh, e.path, f.name, v)
					}
				}
			}
		}
		for _, v := range []string{"action-items", "relationship-building", "positive", "qbr", "dmy", "upsell_rate", "delete"} {
			if !strings.Contains(script, v) {
				t.Errorf("%s: %q missing", sh, v)
			}
		}
		// the shell itself reads the script, where it is installed
		name := map[string]string{"bash": "bash", "zsh": "zsh", "fish": "fish"}[sh]
		bin, err := exec.LookPath(name)
		if err != nil {
			t.Logf("%s is not installed: its syntax check is skipped", name)
			continue
		}
		f := filepath.Join(t.TempDir(), "tend."+sh)
		if err := os.WriteFile(f, []byte(script), 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(bin, "-n", f).CombinedOutput(); err != nil {
			t.Errorf("%s -n: %v\n%s", name, err, out)
		}
	}
}

// Bash completes the words of the table (a real bash runs the script).
func TestBashCompletionCompletes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script := tend(t, "", "completion", "bash").stdout
	probe := script + `
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _tend; echo "${COMPREPLY[*]}"; }
t tend acc
t tend account ""
t tend accounts rm --
t tend --db x.db account add --stage rel
t tend note add acme --channel q
t tend note acme --channel q
t tend note rm --
t tend export --kind a
t tend completion ""
`
	out, err := exec.Command(bash, "-c", probe).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []string{"account", "add list show close delete edit --db --help", "--yes --db --help", "relationship-building", "qbr", "qbr", "--yes --db --help", "accounts action-items", "bash zsh fish --db --help"}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("completion %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// The README's "Command line" section shows every command of the table.
func TestReadmeMentionsEveryCommand(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## Command line")
	if i < 0 {
		t.Fatal("README has no Command line section")
	}
	s = s[i:]
	if j := strings.Index(s[3:], "\n## "); j >= 0 {
		s = s[:j+3]
	}
	paths, _ := commandPaths(t)
	for _, p := range paths {
		// a group may be one line: tend contact add|list|show|edit|delete
		// (in a Markdown table: add\|list)
		g, sub, _ := strings.Cut(p, " ")
		grouped := sub != "" && regexp.MustCompile(`tend `+regexp.QuoteMeta(g)+` ([a-z-]+\\?\|)*`+regexp.QuoteMeta(sub)+`(\\?\||[\s`+"`"+`])`).MatchString(s)
		if !strings.Contains(s, "tend "+p) && !grouped {
			t.Errorf("README's Command line section does not mention tend %s", p)
		}
	}
}
