package cli

import (
	"flag"
	"slices"
	"strings"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
)

// command is one entry of the command table: the one place a command is
// declared. The help (tend --help, tend COMMAND --help), the usage errors
// and the bash, zsh and fish completions are all generated from the table.
type command struct {
	Name    string
	Aliases []string // other names it answers to, not offered by help or completion
	Short   string   // one line, lower case, no full stop: the command list says it
	Usage   string   // the synopsis after "tend ", e.g. "account add NAME [flags]"
	Long    string   // what it does, and examples; ends with a blank line
	// Args is what the positional arguments complete to in a shell: files
	// (argFiles), fixed values, or nothing (names typed by hand).
	Args []string
	// Define declares the command's flags on fs and returns the function that
	// runs it, which reads them; help and completion call it on a scratch
	// flag set, so it must do nothing else.
	Define func(fs *flag.FlagSet) runFunc
	Subs   []*command // a command of subcommands (account, target) has no Define
	// Default is the subcommand run when the first argument names none (note:
	// "tend note ACCOUNT TEXT" is "tend note add ACCOUNT TEXT").
	Default string
	// WritesNamed: it writes to (or deletes) an account named by a person;
	// an ambiguous name is then a mistake in how it was called (exit 2),
	// where a reading command reports it as any other error (exit 1).
	WritesNamed bool
}

// runFunc runs a command with its positional arguments.
type runFunc func(c *call, args []string) error

// argFiles in command.Args says that the arguments are file names.
const argFiles = "<file>"

// globalFlag is a flag every command takes (before or after it).
type globalFlag struct{ name, value, usage string }

var globalFlags = []globalFlag{
	{"db", "PATH", "data file (default $TEND_DB, else ~/.local/share/tend/tend.db)"},
	{"config", "PATH", "settings file (default $TEND_CONFIG, else ~/.config/tend/config.toml)"},
	{"demo", "", "open the cockpit on a fresh demo book (your data is not touched)"},
	{"no-backup", "", "do not keep the rolling daily backup when the cockpit starts"},
	{"version", "", "print the version"},
	{"help", "", "show help (tend COMMAND --help for a command)"},
}

// commandTable is every command of tend, in the order help lists them.
func commandTable() []*command {
	t := []*command{
		{Name: "demo", Short: "write a demo book to a new file",
			Usage: "demo --db PATH [--accounts N] [--interactions N] [--seed S]",
			Long: "Writes a realistic demo book to a new (or empty) file; it never writes into your default book.\n\n" +
				"Example:\n  tend demo --db /tmp/demo.db --accounts 200\n\n",
			Define: demoCmd},
		{Name: "account", Aliases: []string{"accounts"}, Short: "add, list, show, close and delete accounts",
			Usage: "account add|list|show|close|delete ...",
			Subs: []*command{
				{Name: "add", Short: "add an account",
					Usage: "account add NAME [flags]",
					Long: "NAME is the account's name (quote names with spaces).\n\n" +
						"Example:\n  tend account add \"Acme Robotics\" --segment Enterprise --tier key --arr 120k --renewal 2027-03-31\n\n",
					Define: accountAddCmd},
				{Name: "list", Aliases: []string{"ls"}, Short: "list accounts",
					Usage:  "account list [--json]",
					Long:   "Every account with its segment, tier, ARR, renewal, health and open action items.\n\nExample:\n  tend account list --json | jq '.[] | select(.health < 50)'\n\n",
					Define: accountListCmd},
				{Name: "show", Short: "show one account (by name or #ID)",
					Usage:  "account show ACCOUNT [--json]",
					Long:   "ACCOUNT is a name (or a unique part of one) or #ID.\n\nExamples:\n  tend account show acme\n  tend account show '#12' --json\n\n",
					Define: accountShowCmd},
				{Name: "close", WritesNamed: true, Short: "close an account as churned, a prospect as lost (ARR to zero from that day)",
					Usage: "account close ACCOUNT --reason TEXT [--on DATE]",
					Long: "Closes the account as churned on DATE (default today; not before its contract start,\n" +
						"not in the future): its stage becomes closed and its ARR zero from that day, recorded\n" +
						"in the ARR history as \"churned\". A prospect (an account that never had a contract start)\n" +
						"is closed as lost, not churned: \"lost (never a customer)\", and no KPI counts it as churn.\n" +
						"ACCOUNT is the name, a unique part of one, or #N.\n\n" +
						"Example:\n  tend account close \"Acme Robotics\" --on 2026-11-20 --reason \"budget cut\"\n\n",
					Define: accountCloseCmd},
				{Name: "delete", Aliases: []string{"rm"}, WritesNamed: true, Short: "delete an account and everything it owns",
					Usage: "account delete ACCOUNT --yes",
					Long: "Deletes the account with its contacts, timeline, plan, items, opportunities, risks, orders and surveys.\n" +
						"ACCOUNT is the exact name (case and spacing aside) or #N; a part of a name is refused.\n" +
						"Take a backup first: tend backup\n\nExample:\n  tend account delete \"Acme Robotics\" --yes\n\n",
					Define: accountDeleteCmd},
			}},
		{Name: "triage", Short: "today's queue, most urgent first, with reasons",
			Usage:  "triage [--all] [--json]",
			Long:   "Today's queue: what needs you, most urgent first, each with its reason. In a terminal it\nprints a screenful and how many more (--all prints every row); piped or --json, every row.\n\nExample:\n  tend triage --json\n\n",
			Define: triageCmd},
		{Name: "search", Short: "search everything written: notes, contacts, items, goals, risks, deals, briefs, fields",
			Usage: "search QUERY... [--json] [--limit N]",
			Long: "Words match by their stems (escalate finds escalated), word* by prefix, \"quoted words\"\n" +
				"as a phrase; every one must match. Filters: account:NAME|#N, kind:note|contact|item|goal|\n" +
				"risk|opportunity|handoff|field (several with commas), owner:NAME, from:DATE, to:DATE\n" +
				"(2026-01-01, yesterday, or an age: 30d, 6w, 3m, 1y). The most relevant and recent first;\n" +
				"the matches are in [brackets]. The index is inside the data file and written with every\n" +
				"record; a book without one has it built by the first search (about a minute per 100k accounts).\n\n" +
				"Examples:\n  tend search sso \"data connector\" from:90d\n  tend search escalat* account:acme kind:note --json\n\n",
			Define: searchCmd},
		briefCommand(),
		agendaCommand(),
		{Name: "report", Short: "the KPI report (the KPI pane's numbers)",
			Usage: "report [--period P] [--scope S] [--format table|json|csv|md] [--explain KPI]",
			Long: "P: a month (2026-11), quarter (2026-Q4) or year (2026); default the current quarter.\n" +
				"S: book, segment:NAME, tier:NAME, owner:NAME or account:ID.\n\n" +
				"Examples:\n  tend report --period 2026-Q4 --scope segment:Enterprise --format md\n  tend report --explain nps\n\n",
			Define: reportCmd},
		{Name: "target", Aliases: []string{"targets"}, Short: "set and list KPI targets and the gross margin",
			Usage: "target set|list ...",
			Subs: []*command{
				{Name: "set", Short: "set a KPI target, or the gross margin used for CLTV",
					Usage: "target set KPI VALUE",
					Long: "KPI is one of " + strings.Join(app.KPIKeys(), ", ") + ", or gross_margin.\n\n" +
						"Examples:\n  tend target set nps 40\n  tend target set churn 2%\n  tend target set cac 12k\n  tend target set csat 4.5\n  tend target set gross_margin 75%\n\n",
					Args:   append(app.KPIKeys(), app.GrossMarginKey),
					Define: targetSetCmd},
				{Name: "list", Aliases: []string{"ls"}, Short: "show targets and the gross margin used for CLTV",
					Usage:  "target list",
					Long:   "Example:\n  tend target list\n\n",
					Define: targetListCmd},
			}},
		{Name: "fx", Short: "set, list and delete the exchange rates the KPI report converts with",
			Usage: "fx set|list|delete ...",
			Subs: []*command{
				{Name: "set", Short: "set the rate of a currency: 1 unit is RATE units of the book currency",
					Usage: "fx set CURRENCY RATE [--from DATE]",
					Long: "Amounts in another currency than the book's are converted with the rate in force on\n" +
						"their date; without one, a KPI that needs them is n/a and says which rate is missing.\n" +
						"The first rate set fixes the book currency (the one most accounts are in).\n\n" +
						"Examples:\n  tend fx set EUR 1.08\n  tend fx set EUR 1.10 --from 2026-07-01\n\n",
					Define: fxSetCmd},
				{Name: "list", Aliases: []string{"ls"}, Short: "show the book currency and every rate",
					Usage:  "fx list [--json]",
					Long:   "Example:\n  tend fx list --json\n\n",
					Define: fxListCmd},
				{Name: "delete", Aliases: []string{"rm"}, Short: "delete the rates of a currency, or one dated rate",
					Usage:  "fx delete CURRENCY [--from DATE]",
					Long:   "Examples:\n  tend fx delete EUR\n  tend fx delete EUR --from 2026-07-01\n\n",
					Define: fxDeleteCmd},
			}},
		viewCommand(),
		{Name: "import", Short: "import a CRM's CSV export, or a full JSON export of tend",
			Usage: "import FILE [--kind accounts|contacts|interactions|deals|surveys|orders|action-items] [--dry-run] [--prefer book|file] [--map 'Column=field' …] [--contract-start DATE] [--date-format mdy|dmy] [--locale en|de] [--tz ZONE]",
			Long: `Imports a CSV file: a CRM's export of companies (accounts), contacts,
activities (interactions) or deals, a survey tool's answers (surveys), a
billing system's orders, or tend's own CSV export of any kind (action-items
too); without --kind the columns say which. Or a full JSON export of tend
(tend export --format json). Every row is checked first;
bad rows are reported by row and column and the good ones are imported in one
transaction; an import that rejected any row exits 1 (--dry-run too). Importing the same file again updates accounts instead of
duplicating them (matched on an ID column, else on name and website domain).

Survey answers (--kind surveys: account, date, score with a kind column or
an NPS or CSAT column, contact email, comment, answer id) and orders (--kind
orders: account, date, amount, currency, order id) name their account by
UID, CRM ID, website or name (exactly, as for contacts), never by a part of
a name or tend's #N. Importing them again adds nothing: a row matches
the record with its UID or id, else the one alike (same date, kind, score
and contact; same date and amount).

An import never replaces what the book holds: a JSON export of another book is
merged (accounts matched by their global UID, then CRM ID, then name and
website domain; their records by UID), and a field changed in tend since the
last import of that source is kept and reported as a conflict unless
--prefer file. --dry-run shows, per account, each field old → new.

A contract start is never guessed: an account without one is a prospect until
it has one. Map a column to it (--map 'Create Date=contract_start') or give
the start of the rows without one (--contract-start 2025-01-01). "Annual
Revenue" is the customer company's own revenue (company_revenue), never ARR:
ARR comes only from a column named for it (ARR, Annual Recurring Revenue) or
mapped with --map 'COLUMN=arr'.

Deals (--kind deals) won for the first time move the book of a customer as
winning them in tend does, from their close date: by their type column
("Deal Type": Upsell or Existing Business raises ARR by the value, Renewal
rolls the renewal date and sets the ARR); New Business, no type, a prospect
or a win already in the ARR history leave ARR alone, and the summary says so.

Examples:
  tend import companies.csv --dry-run
  tend import companies.csv --map 'Create Date=contract_start'
  tend import companies.csv --contract-start 2025-01-01
  tend import contacts.csv --kind contacts
  tend import answers.csv --kind surveys
  tend import invoices.csv --kind orders
  tend import accounts.csv --map 'Client=name' --map 'MRR x12=arr' --date-format dmy
  tend import book.json

`,
			Args:   []string{argFiles},
			Define: importCmd},
		{Name: "export", Short: "export the book (JSON, CSV), an account brief (Markdown) or the agenda (iCalendar)",
			Usage: "export --format json|csv|md|ics [--kind KIND] [--account NAME] [--days N] [--out FILE]",
			Long: `  --format json                 everything, lossless and versioned (tend import takes it back)
  --format csv --kind KIND      accounts, contacts, interactions or action-items, for spreadsheets
  --format md --account NAME    an account brief: profile, stakeholders, plan, recent timeline
  --format ics [--account NAME] the agenda as an iCalendar file (all-day events, --days ahead,
                                default 365): items due, renewals, check-ins, QBRs, goals, closes;
                                each event's UID comes from its record, so importing a new
                                export updates the events instead of adding copies

Examples:
  tend export --format json > book.json
  tend export --format csv --kind contacts --out contacts.csv
  tend export --format md --account acme
  tend export --format ics --out ~/tend.ics
  tend export --format ics --account acme --days 90 --out acme.ics

`,
			Define: exportCmd},
		{Name: "backup", Short: "a consistent copy of the live data file",
			Usage: "backup [FILE]",
			Long: "A consistent copy of the data file, taken while tend runs. Default: next to the data file, with a timestamp. FILE must not exist yet.\n\n" +
				"Examples:\n  tend backup\n  tend backup ~/tend-before-import.db\n\n",
			Args:   []string{argFiles},
			Define: backupCmd},
		{Name: "restore", Short: "check a backup and put it in place (the old file is kept)",
			Usage: "restore FILE",
			Long: "Checks FILE (a tend database this tend reads, passing tend check; a daily backup compressed as .db.zst is read as it is) and puts it in place of the data file, even when that file is damaged, empty or not a tend database. The replaced file is kept as DATAFILE.before-restore-YYYYMMDD-HHMMSS (never overwritten); a symbolic link at the data path is kept and the file it points at is replaced. Other tends wait while the file is swapped and then write into the restored book; an open cockpit reloads.\n\n" +
				"Examples:\n  tend restore ~/.local/share/tend/tend-backup-20261128-090000.db\n  tend restore ~/.local/share/tend/backups/tend-2026-11-27.db.zst\n\n",
			Args:   []string{argFiles},
			Define: restoreCmd},
		{Name: "check", Short: "verify the data file",
			Usage: "check",
			Long: "Verifies the data file: bbolt's consistency check, then every record decodes, validates, points at an existing account and links only to records of that account (attendees, survey contacts, action item sources), and the search index indexes exactly the records (each as it is now, every word; tend rebuild builds it again). An index not built yet, or behind, is a note, not a problem.\n\n" +
				"Example:\n  tend check --db book.db\n\n",
			Define: checkCmd},
		{Name: "rebuild", Short: "recompute summaries, KPI metrics and the search index from the records",
			Usage: "rebuild",
			Long: `Recomputes every derived record (the account summaries the portfolio and
triage read, the metrics the KPI report reads, the search index) from the primary records:
accounts, contacts, interactions, plans, items, opportunities, risks, orders,
surveys. Safe while cockpits run; they reload. A file written by an older tend
is migrated first (a copy is kept next to it).

Example:
  tend rebuild

`,
			Define: rebuildCmd},
		configCommand(),
		{Name: "completion", Short: "print the shell completion script (bash, zsh or fish)",
			Usage: "completion bash|zsh|fish",
			Long: "Examples:\n  source <(tend completion bash)            # in ~/.bashrc\n" +
				"  tend completion zsh > \"${fpath[1]}/_tend\"\n" +
				"  tend completion fish > ~/.config/fish/completions/tend.fish\n\n",
			Args:   shells,
			Define: completionCmd},
		{Name: "help", Short: "show help for tend or for a command",
			Usage:  "help [COMMAND [SUBCOMMAND]]",
			Long:   "Examples:\n  tend help\n  tend help account add\n\n",
			Define: helpCmd},
	}
	// the records of an account and its other fields (records.go, fields.go)
	t = slices.Insert(t, 2, append(recordCommands(), fieldCommands()...)...)
	acct := lookup(t, "account")
	acct.Subs = append(acct.Subs, accountEditCommand())
	lookup(t, "help").Args = names(t)
	return t
}

// lookup finds the command named (or aliased) name.
func lookup(table []*command, name string) *command {
	for _, c := range table {
		if c.Name == name {
			return c
		}
		for _, a := range c.Aliases {
			if a == name {
				return c
			}
		}
	}
	return nil
}

func names(table []*command) []string {
	out := make([]string, len(table))
	for i, c := range table {
		out[i] = c.Name
	}
	return out
}

// orList writes a, b or c.
func orList(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// enumValue is a flag whose value is one of a few words: help shows them
// and the completions offer them. It keeps what was typed; the command reads
// it as before (domain.ParseEnum takes a unique beginning, any case).
type enumValue struct {
	s       *string
	allowed []string
}

func (e *enumValue) String() string {
	if e == nil || e.s == nil {
		return ""
	}
	return *e.s
}
func (e *enumValue) Set(v string) error { *e.s = v; return nil }

// enum defines a flag that takes one of allowed.
func enum(fs *flag.FlagSet, name, def string, allowed []string, usage string) *string {
	s := def
	fs.Var(&enumValue{&s, allowed}, name, usage)
	return &s
}

// enumOf lists the values of a domain enum, leaving out the empty one.
func enumOf[T ~string](all []T) []string {
	var out []string
	for _, v := range all {
		if v != "" {
			out = append(out, string(v))
		}
	}
	return out
}

var (
	shells        = []string{"bash", "zsh", "fish"}
	tiers         = enumOf(domain.Tiers)
	stages        = enumOf(domain.Stages)
	channels      = enumOf(domain.Channels)
	sentiments    = enumOf(domain.Sentiments)
	importKinds   = []string{"accounts", "contacts", "interactions", "deals", "surveys", "orders", "action-items"}
	exportKinds   = []string{"accounts", "contacts", "interactions", "action-items"}
	exportFormats = []string{"json", "csv", "md", "ics"}
	reportFormats = []string{"table", "json", "csv", "md"}
	preferences   = []string{"book", "file"}
	dateFormats   = []string{"mdy", "dmy"}
	locales       = []string{"en", "de"}
	fileFlags     = map[string]bool{"db": true, "out": true} // flags whose value is a file name
)
