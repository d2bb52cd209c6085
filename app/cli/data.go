package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

func demoCmd(fs *flag.FlagSet) runFunc {
	n := fs.Int("accounts", 30, "number of accounts")
	ni := fs.Int("interactions", 0, "number of interactions in all (default about 25 per account)")
	seed := fs.Uint64("seed", 1, "generator `SEED` (the same seed gives the same book)")
	return func(c *call, _ []string) error {
		if c.g.db == "" && c.env.Getenv("TEND_DB") == "" {
			return usagef("demo needs --db PATH (it never writes into your default book)")
		}
		if *n < 1 || *n > 1_000_000 {
			return usagef("--accounts must be between 1 and 1,000,000")
		}
		if *ni < 0 || *ni > 50_000_000 {
			return usagef("--interactions must be between 0 and 50,000,000")
		}
		st := c.store()
		start := c.env.Now()
		if err := app.NewDemoBook(st, *n, *ni, *seed, c.env.Now()); err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stderr, "wrote a demo book of %d accounts to %s in %s\n", *n, st.Path, c.env.Now().Sub(start).Round(time.Millisecond))
		return nil
	}
}

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

func importCmd(fs *flag.FlagSet) runFunc {
	kind := enum(fs, "kind", "", importKinds, "what the CSV holds (default: the kind its columns say, else accounts)")
	dry := fs.Bool("dry-run", false, "check and show what would change, write nothing")
	prefer := enum(fs, "prefer", "book", preferences, "on a conflict (a field changed here and in the file) keep the book's value, or take the file's")
	dateFmt := enum(fs, "date-format", "", dateFormats, "how to read dates like 03/04/2026")
	tz := fs.String("tz", "", "time `ZONE` of activity times that do not give theirs, e.g. Europe/Berlin (default UTC)")
	locale := enum(fs, "locale", "", locales, "how numbers are written: en (1,234.56) or de (1.234,56); default: decided per column from its values")
	currency := fs.String("currency", domain.DefaultCurrency, "currency of amounts that do not say (default: currency of the settings file, else USD)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	m := mapFlag{}
	fs.Var(m, "map", "`Column=field`: feed a column to a field (repeat), e.g. 'Create Date=contract_start'")
	start := fs.String("contract-start", "", "contract start `DATE` of accounts whose row gives none (never guessed from a create date)")
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("import needs one FILE")
		}
		if *prefer != "book" && *prefer != "file" {
			return usagef("--prefer %q: want book or file", domain.Printable(*prefer))
		}
		mode := app.ImportMode{DryRun: *dry, PreferFile: *prefer == "file"}
		var loc *time.Location
		if *tz != "" {
			l, err := app.TimeZone(*tz)
			if err != nil {
				return usagef("--tz: %v", err)
			}
			loc = l
		}
		var defaultStart domain.Date
		if *start != "" {
			d, err := domain.ParseDateIn(*start, c.today(), c.settings().DateFormat)
			if err != nil {
				return usagef("--contract-start: %v", err)
			}
			defaultStart = d
		}
		f, err := app.OpenImport(pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		st := c.store()
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
		env := c.env
		var res *app.ImportResult
		if strings.EqualFold(filepath.Ext(pos[0]), ".json") {
			res, err = app.ImportJSON(st, f, mode)
		} else {
			var progress func(int, int)
			if env.Interactive {
				progress = func(n, total int) { fmt.Fprintf(env.Stderr, "\rimporting… %d of %d rows", n, total) }
			}
			k := *kind
			if k == "" {
				k = formats.KindDetect // the columns say; a --kind given is held to
			}
			res, err = app.ImportCSV(st, f, formats.CSVOptions{Kind: k, Map: m, DateFormat: *dateFmt, Currency: c.currency(fs, *currency), ContractStart: defaultStart, Locale: *locale, Location: loc, Today: c.today()}, mode, progress)
			if progress != nil {
				fmt.Fprint(env.Stderr, "\r\033[K")
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w (nothing was imported)", pos[0], app.OneLine(err))
		}
		if *asJSON {
			if err := writeJSON(env.Stdout, res); err != nil {
				return err
			}
			return rejectedError(res)
		}
		verb := "imported"
		if res.DryRun {
			verb = "would import (dry run, nothing written)"
		}
		fmt.Fprintf(env.Stdout, "%s %s: %s\n", pos[0], verb, app.ReportHead(res))
		if *kind == "" && res.Kind != "" {
			fmt.Fprintf(env.Stdout, "  read as %s (what its columns say; --kind sets it)\n", res.Kind)
		}
		for _, l := range app.ReportLines(res) {
			fmt.Fprintf(env.Stdout, "  %s\n", l)
		}
		return rejectedError(res)
	}
}

// rejectedError is the error of an import that rejected rows (exit status 1):
// the rows accepted are written all the same (a dry run writes nothing), so
// a script sees that the file was not taken whole.
func rejectedError(res *app.ImportResult) error {
	n := res.RejectedRows()
	if n == 0 {
		return nil
	}
	rows := fmt.Sprintf("%d rows", n)
	if n == 1 {
		rows = "1 row"
	}
	if res.DryRun {
		return fmt.Errorf("%s would be rejected (listed above); nothing was written", rows)
	}
	return fmt.Errorf("%s rejected (listed above); the other rows were imported", rows)
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

func exportCmd(fs *flag.FlagSet) runFunc {
	format := enum(fs, "format", "json", exportFormats, "json (everything), csv (one kind of record), md (an account brief) or ics (the agenda as a calendar)")
	kind := enum(fs, "kind", "accounts", exportKinds, "for csv: which records")
	account := fs.String("account", "", "for md: the account (name or #ID); for ics: only this account's agenda")
	days := fs.Int("days", app.ICSDays, "for ics: how many days ahead, today included (1 to 3660)")
	out := fs.String("out", "", "write to `FILE` instead of standard output (replaced only once the export succeeded; never a database — the data file, a backup, another book — nor a copy kept before an upgrade or a restore)")
	return func(c *call, _ []string) error {
		st := c.store()
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
			write = func(w io.Writer) error { return app.WriteBrief(st, w, *account, c.today()) }
		case "ics", "ical":
			if *days < 1 || *days > 3660 {
				return usagef("--days: want 1 to 3660")
			}
			write = func(w io.Writer) error { return app.ExportICS(st, w, c.today(), *days, *account, c.env.Now()) }
		default:
			return usagef("--format: want json, csv, md or ics")
		}
		if err := app.WriteOutput(st, *out, c.env.Stdout, write); err != nil {
			return err
		}
		if *out != "" && *out != "-" {
			fmt.Fprintf(c.env.Stderr, "wrote %s\n", *out)
		}
		return nil
	}
}

func backupCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) > 1 {
			return usagef("backup takes at most one FILE")
		}
		dst := ""
		if len(pos) == 1 {
			dst = pos[0]
		}
		st := c.store()
		dst, err := app.Backup(st, dst, c.env.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "backed up %s to %s\n", st.Path, dst)
		return nil
	}
}

func restoreCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, pos []string) error {
		if len(pos) != 1 {
			return usagef("restore needs one FILE")
		}
		st := c.store()
		res, err := app.Restore(st, pos[0])
		if err != nil {
			return err
		}
		kept := "there was no previous file"
		if res.Kept != "" {
			kept = "the previous file is kept as " + res.Kept
		}
		fmt.Fprintf(c.env.Stdout, "restored %s from %s (%s)\n", st.Path, pos[0], kept)
		return nil
	}
}

func checkCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, _ []string) error {
		st := c.store()
		probs, err := app.Check(st)
		if err != nil {
			return err
		}
		dups, err := app.DuplicateNames(st)
		if err != nil {
			return err
		}
		for _, g := range dups {
			var list []string
			for _, a := range g {
				list = append(list, fmt.Sprintf("#%d %s", a.ID, domain.Printable(a.Name)))
			}
			fmt.Fprintf(c.env.Stdout, "warning: %d accounts share the name %q: %s (rename or delete the duplicates)\n", len(g), domain.Printable(g[0].Name), strings.Join(list, ", "))
		}
		if note := app.SearchIndexNote(st); note != "" {
			fmt.Fprintf(c.env.Stdout, "note: %s\n", note)
		}
		if len(probs) == 0 {
			fmt.Fprintf(c.env.Stdout, "%s: ok\n", st.Path)
			return nil
		}
		for _, p := range probs {
			fmt.Fprintf(c.env.Stdout, "%s\n", domain.Printable(p.String()))
		}
		return fmt.Errorf("%s: %d problem(s) found", st.Path, len(probs))
	}
}

func rebuildCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, _ []string) error {
		env := c.env
		n, err := app.Rebuild(c.store(), func(done, total int) {
			if env.Interactive {
				fmt.Fprintf(env.Stderr, "\rrebuilding… %d of %d accounts", done, total)
			}
		})
		if env.Interactive {
			fmt.Fprint(env.Stderr, "\r\033[K")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "rebuilt the summaries and metrics of %d accounts\n", n)
		err = app.RebuildSearchIndex(c.store(), func(done, total int) {
			if env.Interactive {
				fmt.Fprintf(env.Stderr, "\rsearch index… %d of %d accounts", done, total)
			}
		})
		if env.Interactive {
			fmt.Fprint(env.Stderr, "\r\033[K")
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, "rebuilt the search index")
		return nil
	}
}
