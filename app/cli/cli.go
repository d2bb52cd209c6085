// Package cli is tend's command line: one command a use case of package app,
// declared once in a command table (table.go) from which the help, the usage
// errors and the shell completions are generated. Without a command it starts
// the cockpit through Env.Cockpit (package cockpit, wired by main).
package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/app/config"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Env is what a command sees of the world; tests replace any part of it.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time
	// Interactive says whether stdin and stdout are a terminal (the cockpit needs one).
	Interactive bool
	// Rows is the height of the terminal when stdout is one (tend triage
	// then prints a page), 0 when stdout is a file or a pipe.
	Rows int
	// Cockpit runs the cockpit when tend is called without a command (main
	// wires package cockpit here, so that the two programs stay apart).
	Cockpit func(Launch) error
}

// Launch is what the command line tells the cockpit.
type Launch struct {
	Path     string // the data file
	Config   string // the settings file
	Demo     bool   // on a throw-away demo book instead
	NoBackup bool   // keep no daily backup
	Getenv   func(string) string
	Now      func() time.Time // the clock (fixed by TEND_NOW)
	Stderr   io.Writer
}

// usageError is a mistake in how a command was called: exit status 2, and a
// pointer to the help of the command (cmd, its path such as "account add",
// set by dispatch; "" for tend itself).
type usageError struct {
	msg, cmd string
	top      bool // about tend itself (an unknown command): points at tend --help
}

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// cmdError is an error of the command at path (such as "account delete").
type cmdError struct {
	path        string
	writesNamed bool // the command's WritesNamed
	err         error
}

func (e *cmdError) Error() string { return e.err.Error() }
func (e *cmdError) Unwrap() error { return e.err }

// Main runs tend with args (without the program name) and returns the exit status.
func Main(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
		if v := env.Getenv("TEND_NOW"); v != "" { // fixed clock, for tests and demos
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				fmt.Fprintf(env.Stderr, "tend: TEND_NOW=%q is not a time: want RFC 3339, like 2026-11-28T09:00:00Z (or unset TEND_NOW)\n", domain.Excerpt(v, 60))
				return 1
			}
			env.Now = func() time.Time { return t }
		}
	}
	return exitStatus(run(args, &env), &env)
}

// exitStatus reports err and maps it to the exit status, the one place that
// does: 0 ok (and help), 2 a usage mistake (an ambiguous account given to a
// command that writes to it is one), 1 any other error.
func exitStatus(err error, env *Env) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	path, writesNamed := "", false
	if ce := (*cmdError)(nil); errors.As(err, &ce) {
		path, writesNamed = ce.path, ce.writesNamed
	}
	hint := func(cmd string) {
		if cmd == "" {
			fmt.Fprintln(env.Stderr, "Run 'tend --help' for usage.")
			return
		}
		fmt.Fprintf(env.Stderr, "Run 'tend %s --help' for usage.\n", cmd)
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "tend: %s\n", domain.Printable(ue.msg))
		hint(ue.cmd)
		return 2
	case domain.ErrorCode(err) == domain.EAMBIGUOUS && writesNamed:
		// A command that writes (or deletes) on an account named ambiguously
		// did nothing: a mistake in how it was called. Reading commands say
		// so as any other error.
		printError(env, path+": "+err.Error())
		return 2
	}
	printError(env, err.Error())
	return 1
}

// printError writes msg after "tend: ", each of its lines as a line (a list
// of candidates stays a list, one a line), every line made printable.
func printError(env *Env, msg string) {
	for i, line := range strings.Split(strings.TrimRight(msg, "\n"), "\n") {
		if i == 0 {
			fmt.Fprintf(env.Stderr, "tend: %s\n", domain.Printable(line))
			continue
		}
		fmt.Fprintln(env.Stderr, domain.Printable(line))
	}
}

// dbPath resolves the data file: --db, then TEND_DB, then the XDG data dir.
func dbPath(flagValue string, env *Env) string {
	if flagValue != "" {
		return flagValue
	}
	if v := env.Getenv("TEND_DB"); v != "" {
		return v
	}
	return filepath.Join(xdg.DataHome, "tend", "tend.db")
}

// global flags, accepted before or after the command.
type globals struct {
	db       string
	config   string // --config
	demo     bool
	noBackup bool
	version  bool
	help     bool
}

func run(args []string, env *Env) error {
	var g globals
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--": // the rest is the command's own: text, not global flags
			rest = append(rest, args[i:]...)
			i = len(args)
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return usagef("--db needs a path")
			}
			g.db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db="):
			g.db = strings.TrimPrefix(a, "--db=")
		case a == "--config" || a == "-config":
			if i+1 >= len(args) {
				return usagef("--config needs a path")
			}
			g.config = args[i+1]
			i++
		case strings.HasPrefix(a, "--config="):
			g.config = strings.TrimPrefix(a, "--config=")
		case a == "--demo":
			g.demo = true
		case a == "--no-backup":
			g.noBackup = true
		case a == "--version" || a == "-v":
			g.version = true
		case (a == "--help" || a == "-h") && len(rest) == 0:
			g.help = true
		default:
			rest = append(rest, a)
		}
	}
	switch {
	case g.version:
		fmt.Fprintf(env.Stdout, "tend %s\n", app.Version)
		return nil
	case g.help:
		fmt.Fprint(env.Stdout, mainHelp())
		return nil
	}
	if len(rest) == 0 {
		if env.Cockpit == nil {
			return errors.New("this tend was built without its cockpit; give a command (tend --help)")
		}
		return env.Cockpit(Launch{Path: dbPath(g.db, env), Config: config.Path(g.config, env.Getenv), Demo: g.demo, NoBackup: g.noBackup, Getenv: env.Getenv, Now: env.Now, Stderr: env.Stderr})
	}
	return dispatch(commandTable(), rest, &call{env: env, g: &g})
}

// dispatch finds the command that args name in the table, parses its flags
// and runs it. Every error it returns names the command.
func dispatch(table []*command, args []string, c *call) error {
	cmd := lookup(table, args[0])
	if cmd == nil {
		return &usageError{msg: fmt.Sprintf("unknown command %q", domain.Printable(args[0])), top: true}
	}
	args = args[1:]
	path := cmd.Name
	if cmd.Subs != nil {
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprint(c.env.Stdout, commandHelp(cmd, path))
			return nil
		}
		if len(args) == 0 {
			return &usageError{msg: fmt.Sprintf("%s needs a subcommand: %s", path, orList(names(cmd.Subs))), cmd: path}
		}
		sub := lookup(cmd.Subs, args[0])
		if sub == nil && cmd.Default != "" {
			sub, args = lookup(cmd.Subs, cmd.Default), append([]string{cmd.Default}, args...)
		}
		if sub == nil {
			return &usageError{msg: fmt.Sprintf("unknown %s subcommand %q (want %s)", path, domain.Printable(args[0]), orList(names(cmd.Subs))), cmd: path}
		}
		cmd, path, args = sub, path+" "+sub.Name, args[1:]
	}
	c.path = path
	fs := newFlags(path, commandHelp(cmd, path))
	runCmd := cmd.Define(fs)
	pos, err := parse(fs, args, c.env)
	if err == nil {
		err = runCmd(c, pos)
	}
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	if ue := (*usageError)(nil); errors.As(err, &ue) && !ue.top && ue.cmd == "" {
		ue.cmd = path
	}
	return &cmdError{path: path, writesNamed: cmd.WritesNamed, err: err}
}

func isHelp(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// call is one run of a command: the environment, the global flags and the
// book, opened only when the command reads or writes it (help and
// completion never touch the data file).
type call struct {
	env  *Env
	g    *globals
	path string // the command, such as "account add"
	st   *store.Store
	// configSaid: a mistake in the settings file was reported already.
	configSaid bool
	// terms are what winning an opportunity does to the book, from the
	// flags of opp add and opp edit (--term, --new-arr).
	terms domain.WinTerms
}

// store is the book the command works on.
func (c *call) store() *store.Store {
	if c.st == nil {
		c.st = store.New(dbPath(c.g.db, c.env))
		c.st.Now = c.env.Now
		c.st.Notify = func(msg string) { fmt.Fprintf(c.env.Stderr, "tend: %s\n", domain.Printable(msg)) }
	}
	return c.st
}

// today is the date of the command's clock.
func (c *call) today() domain.Date { return domain.DateOf(c.env.Now()) }

// parse separates fs's flags from the positional arguments; they may come in
// any order. Only the names fs defines are flags, written -x, --x, -x=v or
// --x=v; a flag that is not a bool takes the next argument as its value
// (--arr -5). "--" ends the flags. Any other argument that starts with "-" is
// text ("- [ ] send pricing @fri", "-", "-5", "--- notes"), unless it looks
// like a flag name (--jsn), which is a usage error naming it.
func parse(fs *flag.FlagSet, args []string, env *Env) ([]string, error) {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(pos, args[i+1:]...), nil
		}
		dashes, name, value, hasValue := flagSyntax(a)
		if name == "" {
			pos = append(pos, a)
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			if name == "h" || name == "help" {
				fs.SetOutput(env.Stdout)
				fs.Usage()
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: flag provided but not defined: %s%s (text that starts with - can follow --)", fs.Name(), dashes, name)
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if !hasValue {
				value = "true"
			}
		} else if !hasValue {
			if i+1 == len(args) {
				return nil, usagef("%s: flag needs an argument: %s%s", fs.Name(), dashes, name)
			}
			i++
			value = args[i]
		}
		if err := fs.Set(name, value); err != nil {
			return nil, usagef("%s: invalid value %q for flag %s%s: %v", fs.Name(), domain.Excerpt(value, 60), dashes, name, err)
		}
	}
	return pos, nil
}

// flagSyntax splits "-name", "--name", "-name=value" or "--name=value"; name
// is "" when a is not written like a flag: a flag name starts with a letter
// and holds only letters, digits, "-" and "_".
func flagSyntax(a string) (dashes, name, value string, hasValue bool) {
	switch {
	case strings.HasPrefix(a, "--"):
		dashes = "--"
	case strings.HasPrefix(a, "-"):
		dashes = "-"
	default:
		return "", "", "", false
	}
	name, value, hasValue = strings.Cut(a[len(dashes):], "=")
	for i, r := range name {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || (r < '0' || r > '9') && r != '-' && r != '_') {
			return "", "", "", false
		}
	}
	return dashes, name, value, hasValue
}

// newFlags is the flag set of the command name; its Usage prints usage and
// then the flags, written --flag.
func newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		printFlags(fs.Output(), fs)
	}
	return fs
}

// Money is written for people: every amount ({"amount": minor units,
// "currency": …}, as the records hold it) becomes major units with two
// decimals, {"amount": 1200.00, "currency": "USD"}, as the report and the
// CSV exports give it. (The JSON export keeps minor units: it is the
// lossless file format.)
func writeJSON(w io.Writer, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	// A string's quotes are escaped in JSON, so the pattern matches money
	// objects only, never text that looks like one.
	data = moneyObject.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := moneyObject.FindSubmatch(m)
		n, err := strconv.ParseInt(string(sub[1]), 10, 64)
		if err != nil {
			return m
		}
		return fmt.Appendf(nil, `{"amount":%s,"currency":%s}`, moneyOf(domain.Money{Amount: n}).Amount, sub[2])
	})
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// moneyObject is domain.Money as encoding/json writes it.
var moneyObject = regexp.MustCompile(`\{"amount":(-?[0-9]+),"currency":("[^"\\]*")\}`)
