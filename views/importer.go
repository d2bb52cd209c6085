package views

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// ImportRequestMsg asks the app to import a file. A dry run shows what would
// change; the cockpit always runs one first and imports on confirmation.
type ImportRequestMsg struct {
	Path       string
	Kind       string
	DryRun     bool
	PreferFile bool // on a conflict take the file's value
	// ContractStart is the contract start of account rows that give none
	// (zero: none; they stay prospects), as the CLI's --contract-start.
	ContractStart domain.Date
	// As the CLI's --locale, --date-format and --tz: how numbers and
	// ambiguous dates are written ("": decided per column, refused when
	// ambiguous), and the zone of times that give none ("": UTC).
	Locale, DateFormat, TimeZone string
	Map                          map[string]string // as the CLI's --map: column → field
	// Digest is the content of the file the preview read, and Book the
	// book it was previewed against (set by the preview): the import after
	// it refuses a file that changed, or a book replaced (restored), since.
	Digest, Book string
}

// Messages of an import run, for the import view.
type (
	// ImportProgressMsg: Done of Total rows are checked.
	ImportProgressMsg struct{ Done, Total int }
	// ImportFinishedMsg: the outcome in lines; after a preview, Next is the
	// import that enter runs (nil when there is nothing to import or it failed).
	ImportFinishedMsg struct {
		Lines  []string
		Failed bool
		Next   *ImportRequestMsg
	}
)

// ImportKeys are the import view's keys.
type ImportKeys struct{ Up, Down, PageDown, PageUp, Top, Bottom, Import, PreferFile, Close key.Binding }

// ShortHelp implements help.KeyMap.
func (k ImportKeys) ShortHelp() []key.Binding { return []key.Binding{k.Import, k.PreferFile, k.Close} }

// FullHelp implements help.KeyMap.
func (k ImportKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, k.ShortHelp()}
}

// ImportDetect is the import form's default kind: what the file's columns
// say (accounts when they say nothing).
const ImportDetect = "detect"

// ImportKinds are what a CSV file can hold (the CLI's --kind), after
// KindDetect, the form's default: the kind its columns say.
var ImportKinds = []string{ImportDetect, "accounts", "contacts", "interactions", "deals", "surveys", "orders", "action-items"}

// ContractStartTitle is the import form's field for the contract start of
// account rows that give none; the preview's advice names it.
const ContractStartTitle = "Contract start for rows without one"

// ImportProbe is what the import form asks of the file and the zone typed
// and of the column map, given by the app (views read no files): FileKind
// says what a file's columns say ("json" for a tend JSON export, "" when
// they say nothing) or why it cannot be imported; Zone whether a time zone
// exists; ColumnMap reads "Column=field, …" for a kind.
type ImportProbe struct {
	FileKind  func(path string) (string, error)
	Zone      func(name string) error
	ColumnMap func(s, kind string) (map[string]string, error)
}

// importCheck is what the import form learnt of the file and the zone
// typed: huh runs a field's DescriptionFunc in a command, which reads the
// file's header and looks the zone up (never Update); the fields' checks
// and the contract start's question read what it found.
type importCheck struct {
	probe    ImportProbe
	mu       sync.Mutex
	typed    [2]string // the file and the zone as typed, handed over after each update (never read from the form's own variables in a command)
	path     string    // as expanded
	pathErr  error
	fileKind string // what the file's columns say ("json" for a JSON export, "" when they say nothing)
	zone     string
	zoneErr  error
}

// ExpandHome is path with a leading ~ (or ~/) as the user's home directory.
func ExpandHome(path string) string {
	path = strings.TrimSpace(path)
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, path[1:])
}

// describeFile looks at the file (in huh's command): whether it can be
// read, and what its columns say.
func (c *importCheck) describeFile() string {
	c.mu.Lock()
	path := ExpandHome(c.typed[0])
	c.mu.Unlock()
	if path == "" {
		return "a CRM's CSV export, or a tend JSON export · ~ is your home directory"
	}
	kind, err := c.probe.FileKind(path)
	c.mu.Lock()
	c.path, c.pathErr, c.fileKind = path, err, kind
	c.mu.Unlock()
	switch {
	case err != nil:
		return "✗ " + err.Error()
	case kind == "json":
		return "a tend JSON export"
	case kind != "":
		return "its columns say: " + kind
	}
	return "its columns say nothing of their kind: read as accounts unless you say"
}

// fileErr is the error found for the file typed, if its check is done.
func (c *importCheck) fileErr(typed string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == ExpandHome(typed) {
		return c.pathErr
	}
	return nil
}

// mayBeAccounts reports whether the file may hold accounts: asked as
// accounts, or its columns say accounts or nothing.
func (c *importCheck) mayBeAccounts(kind string) bool {
	if kind != ImportDetect {
		return kind == "accounts"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fileKind == "" || c.fileKind == "accounts"
}

// kindOf is the kind the file will be read as, when known: the one asked,
// else what its columns say ("" when they say nothing yet).
func (c *importCheck) kindOf(kind string) string {
	if kind != ImportDetect {
		return kind
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fileKind == "json" {
		return ""
	}
	return c.fileKind
}

// describeZone looks the zone up (in huh's command).
func (c *importCheck) describeZone() string {
	c.mu.Lock()
	zone := strings.TrimSpace(c.typed[1])
	c.mu.Unlock()
	if zone == "" {
		return "empty: UTC · e.g. Europe/Berlin · a date alone stays a date"
	}
	err := c.probe.Zone(zone)
	c.mu.Lock()
	c.zone, c.zoneErr = zone, err
	c.mu.Unlock()
	if err != nil {
		return "✗ " + err.Error()
	}
	return "times without a zone are in " + zone
}

func (c *importCheck) zoneCheck(typed string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.zone == strings.TrimSpace(typed) {
		return c.zoneErr
	}
	return nil
}

// ImportForm asks for the file to import (~ expanded, checked as it is
// typed), what it holds (by default: what its columns say), the contract
// start of account rows that give none when the file may hold accounts,
// how its numbers, dates and times are written, columns to map, and which
// value a conflict keeps: the choices the CLI's flags give.
func ImportForm(today domain.Date, probe ImportProbe) *Form {
	var path, start, locale, dateFormat, zone, mapping string
	kind, keep := ImportDetect, "book"
	check := &importCheck{probe: probe}
	f := newForm("Import a file", func() (tea.Msg, error) {
		req := ImportRequestMsg{Path: ExpandHome(path), Kind: kind, DryRun: true, PreferFile: keep == "file",
			Locale: locale, DateFormat: dateFormat, TimeZone: strings.TrimSpace(zone)}
		m, err := probe.ColumnMap(mapping, check.kindOf(kind))
		if err != nil {
			return nil, err
		}
		if len(m) > 0 {
			req.Map = m
		}
		if !check.mayBeAccounts(kind) || strings.TrimSpace(start) == "" {
			return req, nil
		}
		req.ContractStart = parseDateOr(start, today)
		return req, nil
	}, huh.NewGroup(
		huh.NewInput().Title("File (a CRM's CSV export, or a tend JSON export)").Value(&path).
			DescriptionFunc(check.describeFile, &path).
			Validate(func(s string) error {
				if err := required(s); err != nil {
					return err
				}
				return check.fileErr(s)
			}),
		huh.NewSelect[string]().Title("What the CSV holds").Options(kindOptions()...).Value(&kind),
	), huh.NewGroup(
		huh.NewInput().Title(ContractStartTitle).Description("accounts only · empty: none, they stay prospects until one is set · e.g. 2026-01-01").
			Value(&start).Validate(dateCheck(today, true)),
	).WithHideFunc(func() bool { return !check.mayBeAccounts(kind) }),
		huh.NewGroup(
			huh.NewSelect[string]().Title("How numbers are written").Options(
				huh.NewOption("decided per column from its values", ""), huh.NewOption("en: 1,234.56", "en"), huh.NewOption("de: 1.234,56", "de")).Value(&locale),
			huh.NewSelect[string]().Title("Dates like 03/04/2026").Options(
				huh.NewOption("refused when a column could be either", ""), huh.NewOption("mdy: month/day/year", "mdy"), huh.NewOption("dmy: day/month/year", "dmy")).Value(&dateFormat),
			huh.NewInput().Title("Time zone of times that give none").Value(&zone).
				DescriptionFunc(check.describeZone, &zone).
				Validate(check.zoneCheck),
		), huh.NewGroup(
			huh.NewInput().Title("Map columns").Description("Column=field, … · e.g. Create Date=contract_start, Owner=ignore · empty: the headers decide").
				Value(&mapping).Validate(func(s string) error { _, err := probe.ColumnMap(s, check.kindOf(kind)); return err }),
			huh.NewSelect[string]().Title("On a conflict keep").Options(
				huh.NewOption("the book's value (changed here since the last import)", "book"), huh.NewOption("the file's value", "file")).Value(&keep),
		))
	f.typedHook = func() {
		check.mu.Lock()
		check.typed = [2]string{path, zone}
		check.mu.Unlock()
	}
	return f
}

// kindOptions are the import form's kinds, in words.
func kindOptions() []huh.Option[string] {
	opts := make([]huh.Option[string], len(ImportKinds))
	for i, k := range ImportKinds {
		label := k
		if k == ImportDetect {
			label = "what its columns say"
		}
		opts[i] = huh.NewOption(label, k)
	}
	return opts
}

// Import shows an import in progress and its outcome.
type Import struct {
	theme  *Theme
	bar    progress.Model
	Path   string
	done   int
	total  int
	result []string // the outcome, in lines, once finished
	failed bool
	width  int
	height int
	offset int               // first outcome line shown
	next   *ImportRequestMsg // after a preview: the import to run on confirmation
	lines  []string          // the outcome after the first line, wrapped to the width
	keys   ImportKeys
	closed bool
}

// wrap lays the outcome out at the current width: long lines (a rejected
// row's reason, a conflict's values) wrap, indented, instead of being cut.
func (v *Import) wrap() {
	v.lines = v.lines[:0]
	if len(v.result) < 2 {
		return
	}
	w := max(20, v.width)
	for _, l := range v.result[1:] {
		pad := min(len(l)-len(strings.TrimLeft(l, " "))+4, w/2)
		for i, part := range strings.Split(ansi.Wrap(l, w-pad, " "), "\n") {
			if i > 0 {
				part = strings.Repeat(" ", pad) + strings.TrimLeft(part, " ")
			}
			v.lines = append(v.lines, Clip(part, w))
		}
	}
}

// NewImport starts the import view for a file.
func NewImport(ctx *Context, path string) *Import {
	bar := progress.New(progress.WithDefaultGradient())
	if ctx.NoColor {
		bar = progress.New(progress.WithSolidFill("#"))
	}
	nav := DefaultNavKeys()
	return &Import{theme: ctx.Theme, bar: bar, Path: path, keys: ImportKeys{
		Up: nav.Up, Down: nav.Down, Top: nav.Top, Bottom: nav.Bottom,
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", " "), key.WithHelp("pgdn", "page down")),
		Import:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "import (keep the book's values)")),
		PreferFile: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "import (take the file's values)")),
		Close:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close when finished")),
	}}
}

// KeyMap is the view's keys, for help: enter and f only while a preview
// waits for them.
func (v *Import) KeyMap() help.KeyMap {
	k := v.keys
	k.Import.SetEnabled(v.next != nil)
	k.PreferFile.SetEnabled(v.next != nil && !v.next.PreferFile)
	if v.next != nil && v.next.PreferFile { // the form chose the file's values
		k.Import.SetHelp("enter", "import (take the file's values)")
	}
	return k
}

// Done reports whether the finished import was closed (Overlay).
func (v *Import) Done() bool { return v.closed }

// SetSize lays the view out.
func (v *Import) SetSize(w, h int) {
	v.width, v.height = w, h
	v.wrap()
	v.bar.Width = max(10, min(60, w-10))
}

// Progress sets how many rows are done.
func (v *Import) Progress(done, total int) { v.done, v.total = done, total }

// Finish shows the outcome. After a preview, next is the import that enter
// runs (nil when there is nothing to import or the preview failed).
func (v *Import) Finish(lines []string, failed bool, next *ImportRequestMsg) {
	v.result, v.failed, v.next = lines, failed, next
	v.done = v.total
	v.offset = 0
	v.wrap()
}

// Update follows the import and, once it is over, scrolls the outcome and,
// after a preview, confirms the import: enter imports keeping the book's
// values on conflicts, f takes the file's; esc closes.
func (v *Import) Update(m tea.Msg) tea.Cmd {
	switch m := m.(type) {
	case ImportProgressMsg:
		v.Progress(m.Done, m.Total)
		return nil
	case ImportFinishedMsg:
		v.Finish(m.Lines, m.Failed, m.Next)
		return nil
	}
	msg, ok := m.(tea.KeyMsg)
	if !ok || v.result == nil {
		return nil
	}
	k := v.keys
	switch {
	case key.Matches(msg, k.Close):
		v.closed = true
	case key.Matches(msg, k.Up):
		v.offset = max(0, v.offset-1)
	case key.Matches(msg, k.Down):
		v.offset = min(max(0, len(v.lines)-v.rows()), v.offset+1)
	case key.Matches(msg, k.PageDown):
		v.offset = min(max(0, len(v.lines)-v.rows()), v.offset+v.rows())
	case key.Matches(msg, k.PageUp):
		v.offset = max(0, v.offset-v.rows())
	case key.Matches(msg, k.Top):
		v.offset = 0
	case key.Matches(msg, k.Bottom):
		v.offset = max(0, len(v.lines)-v.rows())
	case key.Matches(msg, k.Import, k.PreferFile):
		if v.next == nil {
			return nil
		}
		req := *v.next
		req.DryRun, req.PreferFile = false, req.PreferFile || key.Matches(msg, k.PreferFile) // the form's choice, or f
		v.result, v.next, v.done, v.total = nil, nil, 0, 0
		return func() tea.Msg { return req }
	}
	return nil
}

// rows is how many outcome lines fit.
func (v *Import) rows() int { return max(1, v.height-8) }

// Finished reports whether the import is over.
func (v *Import) Finished() bool { return v.result != nil }

// View draws the progress bar, then the outcome.
func (v *Import) View() string {
	t := v.theme
	var sb strings.Builder
	sb.WriteString(t.Heading.Render("Import " + Clip(v.Path, max(10, v.width-10))))
	sb.WriteString("\n\n")
	pct := 0.0
	if v.total > 0 {
		pct = float64(v.done) / float64(v.total)
	}
	if v.result != nil {
		pct = 1
	}
	sb.WriteString(v.bar.ViewAs(pct))
	if v.total > 0 { // the file's rows, once it is read (never "0 of 0")
		sb.WriteString(fmt.Sprintf("  %d of %d rows", v.done, v.total))
	}
	sb.WriteString("\n\n")
	if v.result == nil {
		sb.WriteString(t.Muted.Render("checking every row, then writing them in one transaction…"))
		return sb.String()
	}
	st := t.Good
	if v.failed {
		st = t.Error
	}
	for _, l := range strings.Split(ansi.Wrap(v.result[0], max(20, v.width), " "), "\n") {
		sb.WriteString(st.Render(Clip(l, v.width)) + "\n")
	}
	rest := v.lines
	end := min(len(rest), v.offset+v.rows())
	if v.offset > 0 {
		sb.WriteString(t.Muted.Render(fmt.Sprintf("↑ %d more", v.offset)) + "\n")
	}
	for _, l := range rest[v.offset:end] {
		sb.WriteString(Clip(l, v.width) + "\n")
	}
	if end < len(rest) {
		sb.WriteString(t.Muted.Render(fmt.Sprintf("↓ %d more (↑↓ pgdn G scroll)", len(rest)-end)) + "\n")
	}
	if v.next != nil {
		say := "enter imports (conflicts keep the book's value) · f imports taking the file's values · esc cancels"
		if v.next.PreferFile {
			say = "enter imports (conflicts take the file's value) · esc cancels"
		}
		for _, l := range strings.Split(ansi.Wrap(say, max(20, v.width), " "), "\n") {
			sb.WriteString("\n" + t.Muted.Render(Clip(l, v.width)))
		}
	} else {
		sb.WriteString("\n" + t.Muted.Render("esc closes"))
	}
	return sb.String()
}
