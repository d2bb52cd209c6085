package cockpit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
)

// Results of the cockpit's I/O, delivered as messages. Each command captures
// the values it needs (never the model) and opens the file for one transaction.
type (
	bookLoadedMsg struct {
		book    *domain.Book
		ident   app.Identity
		changes uint64
		drafts  []domain.Draft
		kept    []string // drafts kept in files while the book was busy, never saved in it since
		err     error
	}
	changesMsg struct {
		tick    bool // a look of the chain (poll tick or watch): schedules the next one
		changes uint64
		// replaced: the file is another book, or another generation of it
		// (restored from a backup): book is the whole new book, ident its
		// identity, drafts its drafts.
		replaced bool
		ident    app.Identity
		drafts   []domain.Draft
		base     *domain.Book // the book the changes were applied to
		book     *domain.Book // nil when nothing changed
		touched  []uint64
		all      bool
		err      error
	}
	indexBuiltMsg struct {
		book  *domain.Book
		index *domain.SearchIndex
	}
	detailLoadedMsg struct {
		req    uint64
		detail app.Detail
		err    error
	}
	pageLoadedMsg struct {
		acct uint64
		page []domain.Interaction
		next app.Cursor
		err  error
	}
	savedMsg struct {
		what string // said in the status line
		acct uint64
		err  error
	}
	noteSavedMsg struct {
		acct  uint64
		res   app.NoteResult
		draft domain.Draft
		err   error
	}
	draftSavedMsg struct {
		draft domain.Draft // what was saved, where
		moved bool         // its slot held another editor's text: kept in another
		kept  string       // the book was busy: the draft is kept in this file instead
		acct  uint64
		at    time.Time
		err   error
	}
	kpiDoneMsg struct {
		report  domain.KPIReport
		explain []string
		err     error
	}
	pollTickMsg struct{}
	exportedMsg struct {
		path string
		err  error
	}
	editorDoneMsg struct {
		acct   uint64
		text   string
		err    error
		follow bool // the text is a follow-up's, not a note's
	}
	backupDoneMsg struct {
		path string // "" when today's backup already existed
		err  error
	}
)

// PollEvery is how often the cockpit looks for writes by other processes
// when it does not watch the data file (see watch.go).
const PollEvery = time.Second

// loadBookCmd reads every summary and derives the book (health, key
// accounts); the search index follows in indexCmd, so the portfolio shows first.
func loadBookCmd(st app.File, today domain.Date) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		l, err := app.LoadBook(&st, today)
		return bookLoadedMsg{book: l.Book, ident: l.Identity, changes: l.Changes, drafts: l.Drafts, kept: app.KeptDrafts(&st), err: err}
	}
}

// indexCmd builds the fuzzy index of a book in the background, and its
// order by name (the portfolio's sort) if it was not yet worked out: the
// book is handed to the panes again when both are ready.
func indexCmd(b *domain.Book) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		b.NameOrder()
		return indexBuiltMsg{book: b, index: domain.NewSearchIndex(b.Sums)}
	}
}

// freeMemoryCmd returns to the system the memory the start used for a
// while (decoding, ranking, indexing every account) and no longer needs:
// the cockpit runs all day, and Go gives it back only slowly by itself.
func freeMemoryCmd() tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		debug.FreeOSMemory()
		return nil
	}
}

// pollCmd reads what writers (other processes, or this one) changed since
// the counter we have seen, and builds the new book off the event loop. When
// the file is no longer the book we loaded (ident: a restore put an older
// copy in place, whose counter means nothing against ours), it reads the
// whole book.
func pollCmd(st app.File, since uint64, base *domain.Book, ident app.Identity, tick bool) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		c, err := app.Changes(&st, since, ident, base)
		return changesMsg{tick: tick, changes: c.Counter, replaced: c.Replaced, ident: c.Identity, drafts: c.Drafts,
			base: base, book: c.Book, touched: c.Touched, all: c.All, err: err}
	}
}

func loadDetailCmd(st app.File, req, id uint64) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		d, err := app.LoadAccount(&st, id)
		return detailLoadedMsg{req: req, detail: d, err: err}
	}
}

func loadPageCmd(st app.File, acct uint64, cur app.Cursor) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		page, next, err := app.TimelinePage(&st, acct, cur)
		return pageLoadedMsg{acct: acct, page: page, next: next, err: err}
	}
}

// writeCmd runs one write (a use case of package app) and reports it in the status line.
func writeCmd(acct uint64, what string, write func() error) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		return savedMsg{what: what, acct: acct, err: write()}
	}
}

func saveNoteCmd(st app.File, d domain.Draft, now time.Time) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := noteSavedMsg{acct: d.AccountID, draft: d}
		m.res, m.err = app.SaveNote(&st, app.Note{AccountID: d.AccountID, AccountUID: d.AccountUID, Text: d.Text, Channel: d.Channel, Sentiment: d.Sentiment, Attendees: d.Attendees, At: now, Draft: &d})
		return m
	}
}

func saveDraftCmd(st app.File, d domain.Draft, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := draftSavedMsg{acct: d.AccountID, draft: d}
		m.draft, m.moved, m.kept, m.err = app.SaveDraftOrKeep(&st, d, now())
		m.at = now()
		return m
	}
}

func kpiCmd(st app.File, scope domain.Scope, period domain.Period, explain string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		r, err := app.KPIReport(&st, scope, period, explain)
		return kpiDoneMsg{report: r.KPIReport, explain: r.Explain, err: err}
	}
}

// exportCmd writes the account's Markdown brief (with its plan) to dir,
// never over one of the book's own files.
func exportCmd(st app.File, d domain.AccountDetail, today domain.Date, dir string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		path := filepath.Join(dir, fmt.Sprintf("tend-%s-%s.md", slug(d.Account.Name), today))
		return exportedMsg{path: path, err: app.SaveBrief(&st, &d, today, path)}
	}
}

// backupDelay is how long after the book is on screen the daily backup
// starts: the first screen and the first keys get the machine to themselves.
const backupDelay = time.Second

// dailyBackup starts the day's backup a moment after the book is on screen
// (nil when no backups are kept): it copies nothing when the book did not
// change since the last one, keeps it compressed and never makes a writer
// wait (store.DailyBackup).
func (m *Model) dailyBackup() tea.Cmd {
	if m.opt.Backups <= 0 {
		return nil
	}
	backup := dailyBackupCmd(m.st, m.opt.Now(), m.opt.Backups)
	return tea.Tick(backupDelay, func(time.Time) tea.Msg { return backup() })
}

// dailyBackupCmd keeps the day's backup of the book (the last keep days),
// off the event loop; a failure is said in the status line.
func dailyBackupCmd(st app.File, now time.Time, keep int) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		path, err := st.DailyBackup(now, keep)
		return backupDoneMsg{path: path, err: err}
	}
}

// Editor files: the note's text, next to the data file (never in a shared
// temporary directory), mode 0600, named .tend-note-PID-*.md.
const (
	editorFilePrefix = ".tend-note-"
	editorFileSuffix = ".md"
)

// cleanEditorFilesCmd removes the editor files that a cockpit killed while
// its editor was open left behind, and the copies of a backup that a restore
// killed before it finished left (those of running cockpits and restores
// stay).
func cleanEditorFilesCmd(dir string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		app.RemoveLeftovers(dir, editorFilePrefix, editorFileSuffix)
		return nil
	}
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// editorCmd writes the draft to an editor file in dir, next to the data file
// (in a command: it is I/O); its message then hands the terminal to the editor.
func editorCmd(d domain.Draft, editor, dir string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		f, err := app.NewScratchFile(dir, editorFilePrefix, editorFileSuffix)
		if err != nil {
			return editorDoneMsg{acct: d.AccountID, err: err}
		}
		_, werr := f.WriteString(d.Text)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			os.Remove(f.Name())
			return editorDoneMsg{acct: d.AccountID, err: werr}
		}
		// The editor's command is made here too: exec.Command looks the
		// program up in $PATH, which is I/O.
		fields := strings.Fields(editor)
		c := execCommand(fields[0], append(fields[1:], f.Name())...)
		return editorReadyMsg{acct: d.AccountID, path: f.Name(), editor: editor, cmd: c}
	}
}

var execCommand = exec.Command

// editorReadyMsg says the draft is in a file, ready for the editor.
type editorReadyMsg struct {
	acct   uint64
	path   string
	editor string
	cmd    *exec.Cmd
	follow bool
}

// editorExitedMsg says the editor exited; its file is still to be read.
type editorExitedMsg struct {
	acct   uint64
	path   string
	err    error
	follow bool
}

// runEditor hands the terminal to the editor on the file.
func runEditor(msg editorReadyMsg) tea.Cmd {
	return tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
		return editorExitedMsg{acct: msg.acct, path: msg.path, err: err, follow: msg.follow}
	})
}

// readEditorFileCmd reads the text back from the editor's file and removes it.
func readEditorFileCmd(msg editorExitedMsg) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		defer os.Remove(msg.path)
		if msg.err != nil {
			return editorDoneMsg{acct: msg.acct, err: msg.err, follow: msg.follow}
		}
		b, err := os.ReadFile(msg.path)
		return editorDoneMsg{acct: msg.acct, text: strings.TrimRight(string(b), "\n"), err: err, follow: msg.follow}
	}
}
