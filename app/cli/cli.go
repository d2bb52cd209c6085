// Package cli is tend's command line: one command a use case of package app,
// with help and shell completions. Without a command it starts the cockpit
// through Env.Cockpit (package cockpit, wired by main).
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/tend-cli/tend/app"
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
	// Cockpit runs the cockpit when tend is called without a command (main
	// wires package cockpit here, so that the two programs stay apart).
	Cockpit func(Launch) error
}

// Launch is what the command line tells the cockpit.
type Launch struct {
	Path     string // the data file
	Demo     bool   // on a throw-away demo book instead
	NoBackup bool   // keep no daily backup
	Getenv   func(string) string
	Now      func() time.Time // the clock (fixed by TEND_NOW)
	Stderr   io.Writer
}

// usageError is a mistake in how a command was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

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
	err := run(args, &env)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "tend: %s\n", ue.msg)
		fmt.Fprintln(env.Stderr, "Run 'tend --help' for usage.")
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintf(env.Stderr, "tend: %s\n", domain.Printable(err.Error()))
	return 1
}

const mainUsage = `tend — a terminal cockpit for account managers.

Usage:
  tend [--db PATH]                 open the cockpit on your book
  tend --demo                      open the cockpit on a fresh demo book (your data is not touched)
  tend demo --db PATH [--accounts N] [--interactions N] [--seed S]
                                   write a demo book to a new file
  tend account add NAME [flags]    add an account (tend account add --help)
  tend account list [--json]       list accounts
  tend account show ACCOUNT [--json]
                                   show one account (by name or #ID)
  tend account delete ACCOUNT --yes
                                   delete an account and everything it owns: ACCOUNT is the
                                   exact name or #ID (take a backup first)
  tend note ACCOUNT TEXT|- [--channel call] [--sentiment positive]
                                   log a note; "- [ ] text @fri" lines become action items;
                                   "-" reads the note from standard input
  tend triage [--json]             today's queue, most urgent first, with reasons
  tend report [--period 2026-Q4] [--scope segment:Enterprise] [--format table|json|csv|md] [--explain nps]
                                   the KPI report (the KPI pane's numbers)
  tend target set KPI VALUE        set a KPI target (tend target set nps 40; churn 2%; cac 12k)
  tend target list                 show targets and the gross margin used for CLTV
  tend import FILE [--kind accounts|contacts|interactions] [--dry-run] [--map 'Col=field'] [--date-format mdy|dmy]
                                   import a CRM's CSV export, or a full JSON export of tend
  tend export --format json|csv|md [--kind K] [--account NAME] [--out FILE]
  tend backup [FILE]               a consistent copy of the live data file
  tend restore FILE                check a backup and put it in place (the old file is kept)
  tend check                       verify the data file
  tend rebuild                     recompute summaries and KPI metrics from the records
  tend completion bash|zsh|fish    shell completion

Every command has --help with examples.

Global flags:
  --db PATH    data file (default $TEND_DB, else ~/.local/share/tend/tend.db)
  --no-backup  do not keep the rolling daily backup when the cockpit starts
  --version    print the version

Exit status: 0 ok, 1 error, 2 usage.
`

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
		fmt.Fprint(env.Stdout, mainUsage)
		return nil
	}
	if len(rest) == 0 {
		if env.Cockpit == nil {
			return errors.New("this tend was built without its cockpit; give a command (tend --help)")
		}
		return env.Cockpit(Launch{Path: dbPath(g.db, env), Demo: g.demo, NoBackup: g.noBackup, Getenv: env.Getenv, Now: env.Now, Stderr: env.Stderr})
	}
	st := newStore(dbPath(g.db, env), env)
	st.Notify = func(msg string) { fmt.Fprintf(env.Stderr, "tend: %s\n", domain.Printable(msg)) }
	cmd, cargs := rest[0], rest[1:]
	switch cmd {
	case "demo":
		return cmdDemo(st, g.db != "" || env.Getenv("TEND_DB") != "", cargs, env)
	case "account", "accounts":
		if len(cargs) == 0 {
			return usagef("account needs a subcommand: add, list or show")
		}
		switch cargs[0] {
		case "add":
			return cmdAccountAdd(st, cargs[1:], env)
		case "list", "ls":
			return cmdAccountList(st, cargs[1:], env)
		case "show":
			return cmdAccountShow(st, cargs[1:], env)
		case "delete", "rm":
			return cmdAccountDelete(st, cargs[1:], env)
		}
		return usagef("unknown account subcommand %q (want add, list, show or delete)", cargs[0])
	case "note":
		return cmdNote(st, cargs, env)
	case "triage":
		return cmdTriage(st, cargs, env)
	case "import":
		return cmdImport(st, cargs, env)
	case "export":
		return cmdExport(st, cargs, env)
	case "backup":
		return cmdBackup(st, cargs, env)
	case "restore":
		return cmdRestore(st, cargs, env)
	case "check":
		return cmdCheck(st, cargs, env)
	case "rebuild":
		return cmdRebuild(st, cargs, env)
	case "completion":
		return cmdCompletion(cargs, env)
	case "report":
		return cmdReport(st, cargs, env)
	case "target", "targets":
		return cmdTarget(st, cargs, env)
	case "help":
		fmt.Fprint(env.Stdout, mainUsage)
		return nil
	}
	return usagef("unknown command %q", domain.Printable(cmd))
}

func newStore(path string, env *Env) *store.Store {
	st := store.New(path)
	st.Now = env.Now
	return st
}

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

func newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdDemo(st *store.Store, explicit bool, args []string, env *Env) error {
	fs := newFlags("demo", "Usage: tend demo --db PATH [--accounts N] [--interactions N] [--seed S]\n\nWrites a realistic demo book to a new file.\n\n")
	n := fs.Int("accounts", 30, "number of accounts")
	ni := fs.Int("interactions", 0, "number of interactions in all (default about 25 per account)")
	seed := fs.Uint64("seed", 1, "generator seed (the same seed gives the same book)")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	if !explicit {
		return usagef("demo needs --db PATH (it never writes into your default book)")
	}
	if *n < 1 || *n > 1_000_000 {
		return usagef("--accounts must be between 1 and 1,000,000")
	}
	if *ni < 0 || *ni > 50_000_000 {
		return usagef("--interactions must be between 0 and 50,000,000")
	}
	if st.Exists() {
		empty := true
		if err := st.View(func(tx *store.Tx) error {
			empty = tx.Changes() == 0
			return nil
		}); err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("%s already holds a book; demo writes only to a new or empty file", st.Path)
		}
	}
	start := env.Now()
	err := app.WriteDemo(st, *n, *ni, *seed, env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote a demo book of %d accounts to %s in %s\n", *n, st.Path, env.Now().Sub(start).Round(time.Millisecond))
	return nil
}

func cmdAccountAdd(st *store.Store, args []string, env *Env) error {
	fs := newFlags("account add", "Usage: tend account add NAME [flags]\n\nExample: tend account add \"Acme Robotics\" --segment Enterprise --tier key --arr 120k --renewal 2027-03-31\n\n")
	seg := fs.String("segment", "", "segment, e.g. Enterprise, Mid-Market, SMB")
	ind := fs.String("industry", "", "industry")
	tier := fs.String("tier", "relationship", "transactional, relationship, strategic or key")
	stage := fs.String("stage", "onboarding", "prospecting, onboarding, relationship-building, development, retention")
	owner := fs.String("owner", "", "account owner")
	web := fs.String("website", "", "website, e.g. acme.com")
	arr := fs.String("arr", "0", "annual recurring revenue, e.g. 120k or $1.2M")
	start := fs.String("start", "", "contract start date (2026-01-15, today, …)")
	renewal := fs.String("renewal", "", "renewal date")
	cadence := fs.Int("cadence", domain.DefaultCadenceDays, "check-in cadence in days")
	asJSON := fs.Bool("json", false, "print the new account as JSON")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("account add needs exactly one NAME (quote names with spaces)")
	}
	today := domain.DateOf(env.Now())
	a := domain.NewAccount(pos[0])
	a.Segment, a.Industry, a.Owner, a.Website, a.CadenceDays = *seg, *ind, *owner, *web, *cadence
	var errs []error
	if a.Tier, err = domain.ParseEnum("tier", *tier, domain.Tiers); err != nil {
		errs = append(errs, err)
	}
	if a.Stage, err = domain.ParseEnum("stage", *stage, domain.Stages); err != nil {
		errs = append(errs, err)
	}
	if a.ARR, err = domain.ParseMoney(*arr, domain.DefaultCurrency); err != nil {
		errs = append(errs, err)
	}
	if *start != "" {
		if a.ContractStart, err = domain.ParseDate(*start, today); err != nil {
			errs = append(errs, fmt.Errorf("--start: %w", err))
		}
	}
	if *renewal != "" {
		if a.Renewal, err = domain.ParseDate(*renewal, today); err != nil {
			errs = append(errs, fmt.Errorf("--renewal: %w", err))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	err = st.Update(func(tx *store.Tx) error { return tx.PutAccount(&a) })
	if err != nil {
		return app.OneLine(err)
	}
	if *asJSON {
		return writeJSON(env.Stdout, a)
	}
	fmt.Fprintf(env.Stdout, "added #%d %s\n", a.ID, domain.Printable(a.Name))
	return nil
}
