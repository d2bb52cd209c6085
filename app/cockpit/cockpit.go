package cockpit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/app/config"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// setupTerminalStyle avoids the background-colour query (which can stall start
// on terminals that never answer) and honours NO_COLOR.
// The theme is $TEND_THEME, else the config's (theme), else from COLORFGBG.
func setupTerminalStyle(getenv func(string) string, theme string) {
	if _, ok := os.LookupEnv("NO_COLOR"); ok || getenv("TERM") == "dumb" {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	dark := true
	switch firstNonEmpty(getenv("TEND_THEME"), theme) {
	case "light":
		dark = false
	case "dark":
	default:
		// COLORFGBG="15;0" is light text on a dark background.
		if v := getenv("COLORFGBG"); v != "" {
			var fg, bg int
			if _, err := fmt.Sscanf(v, "%d;%d", &fg, &bg); err == nil {
				dark = bg < 7 || bg == 8
			}
		}
	}
	lipgloss.SetHasDarkBackground(dark)
}

// Options configure the cockpit.
type Options struct {
	Store     app.File
	Name      string // the book's name in the header
	ExportDir string // where x writes Markdown briefs
	Editor    string // $EDITOR
	Backups   int    // keep a daily backup at start, and this many days of them; 0: none
	NoColor   bool   // NO_COLOR was set
	// SearchIndex: bring the search index up to the book (or build it) in
	// the background a few seconds after start (writes keep it up);
	// without it (tests), the first search does.
	SearchIndex bool
	// Watch: notice other processes' writes by watching the data file's
	// directory (Run sets it); without it (tests), or where watching fails,
	// poll every PollEvery (0: the package's PollEvery).
	Watch     bool
	PollEvery time.Duration
	// From the config file: the remapped keys (checked), the owner of "my
	// accounts", and a mistake in the file to show in the status line.
	Keys    views.KeyBindings
	Owner   string
	Warning string
	// Triage are the queue's weights and reasons shown (nil maps: the
	// defaults, which New fills in).
	Triage domain.TriageWeights
	// SortColumn and SortReverse are the portfolio's initial sort.
	SortColumn  views.Column
	SortReverse bool
	// Columns are the portfolio's columns (nil: every column).
	Columns []views.Column
	// Colours are the theme's colours (zero: the defaults).
	Colours views.Colours
	// DateLayout is how the panes and the triage reasons show dates (one
	// of domain.DateLayouts; "" is ISO).
	DateLayout string
	// NewAccount holds what a new account (a on the portfolio) starts with:
	// the config's currency, cadence_days and notice_days (zero: the defaults).
	NewAccount views.NewAccountDefaults
	// Mouse turns on the mouse (wheel and clicks; tea.WithMouseCellMotion).
	// Run sets it: on unless configured off. Nothing needs the mouse.
	Mouse bool
	Now   func() time.Time
	// PanicHook injects a panic for the crash tests: "update", "view", "cmd"
	// or "goroutine", fired by the first key press. Never set in normal use.
	PanicHook string
	// Getenv reads the environment (nil: os.Getenv): TERM, TMUX and STY
	// say whether the terminal may take a copy to the clipboard (OSC 52).
	Getenv func(string) string
	// Clipboard is where the OSC 52 copy is written (nil: standard error
	// when it is a terminal, else nowhere and a file is written).
	Clipboard io.Writer
}

// Config is how the cockpit is started.
type Config struct {
	Path       string // the data file
	ConfigPath string // the settings file (config.toml)
	Demo       bool   // on a throw-away demo book instead
	NoBackup   bool   // keep no daily backup
	Getenv     func(string) string
	Now        func() time.Time
	Stderr     io.Writer
}

// Run runs the cockpit until the user quits.
func Run(c Config) error {
	getenv, now := c.Getenv, c.Now
	newStore := func(path string) *app.File { return app.NewFile(path, now) }
	path := c.Path
	name := filepath.Base(path)
	if c.Demo {
		dir, err := os.MkdirTemp("", "tend-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path, name = filepath.Join(dir, "demo.db"), "demo book (not saved)"
		if err := app.WriteDemo(newStore(path), 30, 0, 1, now()); err != nil {
			return err
		}
	} else if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := newStore(path).Init(); err != nil {
			return err
		}
		fmt.Fprintf(c.Stderr, "tend: created a new book at %s (try `tend --demo` for a sample book)\n", path)
	}
	st := newStore(path)
	// Fail fast, before the screen is taken, on a busy or unusable file.
	if err := app.Probe(st); err != nil {
		return err
	}
	// One backup a day, the last 7 kept, taken a moment after the first
	// screen (in a command, so that a failure shows in the status line).
	backups := 7
	if c.Demo || c.NoBackup {
		backups = 0
	}
	// The settings file: a mistake in it is said in the status line, and
	// the cockpit runs on the defaults.
	cfg, cfgErr := config.Load(c.ConfigPath)
	warning := ""
	if cfgErr != nil {
		// The outcome first ("using the default keys: config …"): a long
		// message is cut at the width, and the outcome is what matters most.
		warning = cfgErr.Error()
		for _, outcome := range []string{"; using the default settings", "; using the default keys"} {
			if strings.HasSuffix(warning, outcome) {
				warning = strings.TrimPrefix(outcome, "; ") + ": " + strings.TrimSuffix(warning, outcome)
			}
		}
	}
	setupTerminalStyle(getenv, cfg.Theme)
	cwd, _ := os.Getwd()
	_, noColor := os.LookupEnv("NO_COLOR")
	m := New(Options{Store: *st, Name: name, ExportDir: cwd, Editor: firstNonEmpty(cfg.Editor, getenv("VISUAL"), getenv("EDITOR")), Now: now,
		Backups: backups, NoColor: noColor, SearchIndex: true, Watch: true, PanicHook: getenv("TEND_TEST_PANIC"), Keys: cfg.Keys, Owner: cfg.Owner, Warning: warning, Mouse: cfg.MouseOn(),
		Triage: cfg.Triage, SortColumn: cfg.SortColumn, SortReverse: cfg.SortReverse, Colours: cfg.Colours,
		Columns: cfg.Columns, DateLayout: cfg.DateFormat,
		NewAccount: views.NewAccountDefaults{Currency: cfg.Currency, CadenceDays: cfg.CadenceDays, NoticeDays: cfg.NoticeDays}})
	popts := []tea.ProgramOption{tea.WithAltScreen()}
	if m.opt.Mouse {
		popts = append(popts, tea.WithMouseCellMotion())
	}
	p := tea.NewProgram(m, popts...)
	final, err := runProgram(p, path)
	if fm, ok := final.(*Model); ok {
		fm.Close()
	}
	return err
}

// runProgram runs the cockpit; a panic anywhere restores the terminal (Bubble
// Tea does that for Update, View and commands) and leaves a crash report next
// to the data file. Saved data is never at risk: every write was committed.
func runProgram(p *tea.Program, dataPath string) (m tea.Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			_ = p.ReleaseTerminal()
			err = crashReport(dataPath, r, debug.Stack())
		}
	}()
	m, err = p.Run()
	if errors.Is(err, tea.ErrProgramPanic) {
		detail, _ := lastPanic.Load().(string)
		if detail == "" {
			detail = "a panic in a command (its stack is printed above)"
		}
		return m, crashReport(dataPath, detail, nil)
	}
	return m, err
}

func crashReport(dataPath string, r any, stack []byte) error {
	name := filepath.Join(filepath.Dir(dataPath), fmt.Sprintf("tend-crash-%s.txt", time.Now().Format("20060102-150405")))
	body := fmt.Sprintf("tend %s crashed: %v\n\n%s", app.Version, r, stack)
	what, _, _ := strings.Cut(fmt.Sprint(r), "\n")
	if werr := os.WriteFile(name, []byte(body), 0o600); werr != nil {
		return fmt.Errorf("tend crashed (%s); your saved data is intact; the crash report could not be written: %v", what, werr)
	}
	return fmt.Errorf("tend crashed (%s); your saved data is intact; report written to %s", what, name)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
