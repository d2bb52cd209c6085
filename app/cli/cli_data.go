package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// mapFlag collects --map 'Column=field' pairs.
type mapFlag map[string]string

func (m mapFlag) String() string { return fmt.Sprint(map[string]string(m)) }
func (m mapFlag) Set(v string) error {
	col, field, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(field) == "" {
		return fmt.Errorf("want 'Column=field', got %q", v)
	}
	m[strings.TrimSpace(col)] = strings.TrimSpace(field)
	return nil
}

func cmdImport(st *store.Store, args []string, env *Env) error {
	fs := newFlags("import", `Usage: tend import FILE [--kind accounts|contacts|interactions] [--dry-run] [--map 'Column=field' …] [--date-format mdy|dmy]

Imports a CSV export of a CRM (companies, contacts or activities), or a full
JSON export of tend (tend export --format json). Every row is checked first;
bad rows are reported by row and column and the good ones are imported in one
transaction. Importing the same file again updates accounts instead of
duplicating them (matched on an ID column, else on name and website domain).

An import never replaces what the book holds: a JSON export of another book is
merged (accounts matched by their global UID, then CRM ID, then name and
website domain; their records by UID), and a field changed in tend since the
last import of that source is kept and reported as a conflict unless
--prefer file. --dry-run shows, per account, each field old → new.

Examples:
  tend import companies.csv --dry-run
  tend import contacts.csv --kind contacts
  tend import accounts.csv --map 'Client=name' --map 'MRR x12=arr' --date-format dmy
  tend import book.json

`)
	kind := fs.String("kind", "accounts", "what the CSV holds: accounts, contacts or interactions")
	dry := fs.Bool("dry-run", false, "check and show what would change, write nothing")
	prefer := fs.String("prefer", "book", "on a conflict (a field changed here and in the file) keep the book's value, or take the file's: book or file")
	dateFmt := fs.String("date-format", "", "how to read dates like 03/04/2026: mdy or dmy")
	currency := fs.String("currency", domain.DefaultCurrency, "currency of amounts that do not say")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	m := mapFlag{}
	fs.Var(m, "map", "'Column=field': feed a column to a field (repeat)")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import needs one FILE")
	}
	if *prefer != "book" && *prefer != "file" {
		return usagef("--prefer %q: want book or file", domain.Printable(*prefer))
	}
	mode := app.ImportMode{DryRun: *dry, PreferFile: *prefer == "file"}
	f, err := app.OpenImport(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	if *dry {
		// A dry run writes nothing, not even the book: into a book that does
		// not exist yet it runs against a new empty book in a temporary
		// directory, removed after, and shows what would be imported.
		scratch, done, err := dryRunStore(st)
		if err != nil {
			return err
		}
		defer done()
		st = scratch
	}
	var res *app.ImportResult
	if strings.EqualFold(filepath.Ext(pos[0]), ".json") {
		res, err = app.ImportJSON(st, f, mode)
	} else {
		var progress func(int, int)
		if env.Interactive {
			progress = func(n, total int) { fmt.Fprintf(env.Stderr, "\rimporting… %d of %d rows", n, total) }
		}
		res, err = app.ImportCSV(st, f, formats.CSVOptions{Kind: *kind, Map: m, DateFormat: *dateFmt, Currency: strings.ToUpper(*currency), Today: domain.DateOf(env.Now())}, mode, progress)
		if progress != nil {
			fmt.Fprint(env.Stderr, "\r\033[K")
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", pos[0], app.OneLine(err))
	}
	if *asJSON {
		return writeJSON(env.Stdout, res)
	}
	verb := "imported"
	if res.DryRun {
		verb = "would import (dry run, nothing written)"
	}
	conflicts := ""
	if res.Conflicts > 0 {
		conflicts = fmt.Sprintf(", %d conflicts", res.Conflicts)
	}
	fmt.Fprintf(env.Stdout, "%s %s: %d new, %d updated, %d unchanged, %d rejected%s\n", pos[0], verb, res.New, res.Updated, res.Skipped, len(res.Rejected), conflicts)
	app.WriteChanges(env.Stdout, res)
	for _, e := range res.Rejected {
		fmt.Fprintf(env.Stdout, "  rejected %s\n", e)
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintf(env.Stdout, "  columns tend does not know, kept as custom fields: %s\n", domain.Excerpt(strings.Join(res.Unknown, ", "), 200))
	}
	return nil
}

// dryRunStore returns the store a dry run reads: st itself when its file
// exists, else a new empty book in a temporary directory, which done removes.
func dryRunStore(st *store.Store) (*store.Store, func(), error) {
	if _, err := os.Lstat(st.Path); !errors.Is(err, fs.ErrNotExist) {
		return st, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "tend-dry-run-*")
	if err != nil {
		return nil, nil, err
	}
	scratch := *st
	scratch.Path = filepath.Join(dir, filepath.Base(st.Path))
	scratch.NoSync = true // thrown away
	return &scratch, func() { os.RemoveAll(dir) }, nil
}

func cmdExport(st *store.Store, args []string, env *Env) error {
	fs := newFlags("export", `Usage: tend export --format json|csv|md [--kind …] [--account NAME] [--out FILE]

  --format json                 everything, lossless and versioned (tend import takes it back)
  --format csv --kind KIND      accounts, contacts, interactions or action-items, for spreadsheets
  --format md --account NAME    an account brief: profile, stakeholders, plan, recent timeline

`)
	format := fs.String("format", "json", "json, csv or md")
	kind := fs.String("kind", "accounts", "for csv: accounts, contacts, interactions or action-items")
	account := fs.String("account", "", "for md: the account (name or #ID)")
	out := fs.String("out", "", "write to FILE instead of standard output (replaced only once the export succeeded; never a database — the data file, a backup, another book — nor a copy kept before an upgrade or a restore)")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	var write func(io.Writer) error
	switch *format {
	case "json":
		write = func(w io.Writer) error { return app.ExportJSON(st, w) }
	case "csv":
		write = func(w io.Writer) error { return app.ExportCSV(st, w, *kind) }
	case "md", "markdown":
		if *account == "" {
			return usagef("export --format md needs --account NAME")
		}
		write = func(w io.Writer) error {
			return st.View(func(tx *store.Tx) error {
				s, err := tx.FindAccount(*account)
				if err != nil {
					return err
				}
				d, err := tx.Detail(s.ID)
				if err != nil {
					return err
				}
				_, err = io.WriteString(w, formats.AccountBrief(&d.AccountDetail, domain.DateOf(env.Now())))
				return err
			})
		}
	default:
		return usagef("--format: want json, csv or md")
	}
	if err := app.WriteOutput(st, *out, env.Stdout, write); err != nil {
		return err
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(env.Stderr, "wrote %s\n", *out)
	}
	return nil
}

func cmdBackup(st *store.Store, args []string, env *Env) error {
	fs := newFlags("backup", "Usage: tend backup [FILE]\n\nA consistent copy of the data file, taken while tend runs. Default: next to the data file, with a timestamp. FILE must not exist yet.\n\n")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("backup takes at most one FILE")
	}
	dst := st.BackupName(env.Now())
	if len(pos) == 1 {
		dst = pos[0]
	}
	if err := st.Backup(dst); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s\n", st.Path, dst)
	return nil
}

func cmdRestore(st *store.Store, args []string, env *Env) error {
	fs := newFlags("restore", "Usage: tend restore FILE\n\nChecks FILE (a tend database this tend reads, passing tend check) and puts it in place of the data file, even when that file is damaged, empty or not a tend database. The replaced file is kept as DATAFILE.before-restore-YYYYMMDD-HHMMSS (never overwritten); a symbolic link at the data path is kept and the file it points at is replaced. Other tends wait while the file is swapped and then write into the restored book; an open cockpit reloads.\n\n")
	pos, err := parse(fs, args, env)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("restore needs one FILE")
	}
	res, err := st.Restore(pos[0])
	if err != nil {
		return err
	}
	kept := "there was no previous file"
	if res.Kept != "" {
		kept = "the previous file is kept as " + res.Kept
	}
	fmt.Fprintf(env.Stdout, "restored %s from %s (%s)\n", st.Path, pos[0], kept)
	return nil
}

func cmdCheck(st *store.Store, args []string, env *Env) error {
	fs := newFlags("check", "Usage: tend check\n\nVerifies the data file: bbolt's consistency check, then every record decodes, validates, points at an existing account and links only to records of that account (attendees, survey contacts, action item sources).\n\n")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	probs, err := st.Check()
	if err != nil {
		return err
	}
	if len(probs) == 0 {
		fmt.Fprintf(env.Stdout, "%s: ok\n", st.Path)
		return nil
	}
	for _, p := range probs {
		fmt.Fprintf(env.Stdout, "%s\n", domain.Printable(p.String()))
	}
	return fmt.Errorf("%s: %d problem(s) found", st.Path, len(probs))
}

const bashCompletion = `# tend completion for bash: source <(tend completion bash)
_tend() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmds="account note triage report target import export backup restore check demo completion help"
  case "$prev" in
    tend) COMPREPLY=($(compgen -W "$cmds --db --demo --help --version" -- "$cur")); return;;
    account) COMPREPLY=($(compgen -W "add list show" -- "$cur")); return;;
    target) COMPREPLY=($(compgen -W "set list" -- "$cur")); return;;
    --format) COMPREPLY=($(compgen -W "json csv md table" -- "$cur")); return;;
    --kind) COMPREPLY=($(compgen -W "accounts contacts interactions action-items" -- "$cur")); return;;
    --channel) COMPREPLY=($(compgen -W "call email meeting qbr chat note" -- "$cur")); return;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return;;
    --db|import|restore|backup|--out) COMPREPLY=($(compgen -f -- "$cur")); return;;
  esac
  COMPREPLY=($(compgen -W "--db --json --help" -- "$cur"))
}
complete -F _tend tend
`

const zshCompletion = `#compdef tend
# tend completion for zsh: tend completion zsh > "${fpath[1]}/_tend"
_tend() {
  local -a cmds
  cmds=(account note triage report target import export backup restore check demo completion help)
  _arguments '--db[data file]:file:_files' '--demo[demo book]' '--version' '--help' '1:command:($cmds)' '*::arg:_files'
}
_tend "$@"
`

const fishCompletion = `# tend completion for fish: tend completion fish > ~/.config/fish/completions/tend.fish
complete -c tend -f
complete -c tend -l db -r -F -d 'data file'
complete -c tend -l demo -d 'open a demo book'
complete -c tend -n __fish_use_subcommand -a 'account note triage report target import export backup restore check demo completion help'
complete -c tend -n '__fish_seen_subcommand_from account' -a 'add list show'
complete -c tend -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
complete -c tend -n '__fish_seen_subcommand_from import restore backup' -F
`

func cmdCompletion(args []string, env *Env) error {
	if len(args) != 1 {
		return usagef("completion needs a shell: bash, zsh or fish")
	}
	switch args[0] {
	case "bash":
		fmt.Fprint(env.Stdout, bashCompletion)
	case "zsh":
		fmt.Fprint(env.Stdout, zshCompletion)
	case "fish":
		fmt.Fprint(env.Stdout, fishCompletion)
	default:
		return usagef("completion: unknown shell %q (want bash, zsh or fish)", args[0])
	}
	return nil
}
