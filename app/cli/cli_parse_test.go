package cli

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Issue 11, part 5: only known flag names are flags.
func TestParseOnlyKnownFlagsAreFlags(t *testing.T) {
	type got struct {
		pos     []string
		channel string
		json    bool
		n       int
	}
	cases := []struct {
		args []string
		want got
		err  string // a usage error containing this
	}{
		{args: []string{"acme", "- [ ] send pricing @fri"}, want: got{pos: []string{"acme", "- [ ] send pricing @fri"}}},
		{args: []string{"acme", "-", "--channel", "email"}, want: got{pos: []string{"acme", "-"}, channel: "email"}},
		{args: []string{"acme", "-5", "--- heading", "-- recap", "-not a flag"}, want: got{pos: []string{"acme", "-5", "--- heading", "-- recap", "-not a flag"}}},
		{args: []string{"--channel=email", "acme", "-channel", "meeting", "x", "-channel=qbr"}, want: got{pos: []string{"acme", "x"}, channel: "qbr"}},
		{args: []string{"acme", "text", "--json"}, want: got{pos: []string{"acme", "text"}, json: true}},
		{args: []string{"-json", "--json=false", "a"}, want: got{pos: []string{"a"}}},
		{args: []string{"--json", "true"}, want: got{pos: []string{"true"}, json: true}},
		{args: []string{"acme", "--", "--json", "-n", "--bogus"}, want: got{pos: []string{"acme", "--json", "-n", "--bogus"}}},
		{args: []string{"--n", "-5", "x"}, want: got{pos: []string{"x"}, n: -5}},
		{args: []string{"--n=-5"}, want: got{n: -5}},
		{args: []string{"--channel", "--json"}, want: got{channel: "--json"}},
		{args: []string{"", "-"}, want: got{pos: []string{"", "-"}}},
		{args: []string{"--=x", "-=", "--"}, want: got{pos: []string{"--=x", "-="}}},
		{args: []string{"acme", "--bogus"}, err: "flag provided but not defined: --bogus"},
		{args: []string{"acme", "-bogus=1"}, err: "flag provided but not defined: -bogus"},
		{args: []string{"acme", "--channel"}, err: "flag needs an argument: --channel"},
		{args: []string{"--n", "many"}, err: `invalid value "many" for flag --n`},
		{args: []string{"--json=maybe"}, err: `invalid value "maybe" for flag --json`},
	}
	for _, c := range cases {
		var stdout bytes.Buffer
		fs := newFlags("note", "Usage: test\n")
		ch := fs.String("channel", "", "")
		js := fs.Bool("json", false, "")
		n := fs.Int("n", 0, "")
		pos, err := parse(fs, c.args, &Env{Stdout: &stdout})
		if c.err != "" {
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want a usage error with %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.args, err)
			continue
		}
		g := got{pos: pos, channel: *ch, json: *js, n: *n}
		if len(g.pos) == 0 {
			g.pos = nil
		}
		if !reflect.DeepEqual(g, c.want) {
			t.Errorf("%q: got %+v, want %+v", c.args, g, c.want)
		}
	}
	for _, h := range []string{"-h", "--help", "-help"} {
		var stdout bytes.Buffer
		fs := newFlags("note", "Usage: test\n")
		fs.Bool("json", false, "print JSON")
		if _, err := parse(fs, []string{"acme", h}, &Env{Stdout: &stdout}); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stdout.String(), "Usage: test") || !strings.Contains(stdout.String(), "print JSON") {
			t.Errorf("%s: %v, printed %q", h, err, stdout.String())
		}
	}
}

func TestNoteTextMayStartWithADash(t *testing.T) {
	db := demoBook(t, "3")
	r := tend(t, "", "note", "#2", "- [ ] send pricing @fri", "--db", db, "--channel", "email")
	if r.code != 0 || !strings.Contains(r.stdout, "1 action item") {
		t.Fatalf("note: %+v", r)
	}
	// -- ends the flags, also the global ones
	r = tend(t, "", "note", "--db", db, "#2", "--", "--db", "-v")
	if r.code != 0 {
		t.Fatalf("note after --: %+v", r)
	}
	r = tend(t, "", "account", "show", "#2", "--json", "--db", db)
	if !strings.Contains(r.stdout, `"summary": "--db -v"`) || !strings.Contains(r.stdout, `"text": "send pricing"`) || !strings.Contains(r.stdout, `"channel": "email"`) {
		t.Errorf("saved: %s", r.stdout)
	}
	if r := tend(t, "", "note", "#2", "text", "--chanel", "email", "--db", db); r.code != 2 || !strings.Contains(r.stderr, "--chanel") {
		t.Errorf("misspelt flag: %+v", r)
	}
}

// Issue 11, part 6: a TEND_NOW that does not parse is an error.
func TestTendNowMustParse(t *testing.T) {
	for _, v := range []string{"garbage", "2026-11-28", strings.Repeat("x", 5000) + "\x1b[2J"} {
		var out, errb bytes.Buffer
		env := Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "TEND_NOW" {
				return v
			}
			return ""
		}}
		code := Main([]string{"account", "list", "--db", filepath.Join(t.TempDir(), "none.db")}, env)
		msg := errb.String()
		if code != 1 || !strings.Contains(msg, "TEND_NOW") || !strings.Contains(msg, v[:min(len(v), 10)]) || len(msg) > 300 || strings.Contains(msg, "\x1b") {
			t.Errorf("TEND_NOW=%.20q: code %d, stderr %q", v, code, msg)
		}
	}
}
