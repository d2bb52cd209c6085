package cockpit

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Results of the cockpit's I/O, delivered as messages. Each command captures
// the values it needs (never the model) and opens the file for one transaction.
type (
	bookLoadedMsg struct {
		book    *domain.Book
		ident   store.Identity
		changes uint64
		drafts  []domain.Draft
		err     error
	}
	changesMsg struct {
		tick    bool // from the poll tick: schedules the next one
		changes uint64
		// replaced: the file is another book, or another generation of it
		// (restored from a backup): book is the whole new book, ident its
		// identity, drafts its drafts.
		replaced bool
		ident    store.Identity
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
		detail store.Detail
		err    error
	}
	pageLoadedMsg struct {
		acct uint64
		page []domain.Interaction
		next store.Cursor
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
		acct uint64
		at   time.Time
		err  error
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
		acct uint64
		text string
		err  error
	}
	backupDoneMsg struct {
		path string // "" when today's backup already existed
		err  error
	}
)

// PollEvery is how often the cockpit looks for writes by other processes.
const PollEvery = time.Second

// loadBookCmd reads every summary and derives the book (health, key
// accounts); the search index follows in indexCmd, so the portfolio shows first.
func loadBookCmd(st store.Store, today domain.Date) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		var m bookLoadedMsg
		var sums []domain.Summary
		m.err = st.View(func(tx *store.Tx) error {
			var err error
			if sums, err = tx.Summaries(); err != nil {
				return err
			}
			m.changes = tx.Changes()
			m.ident = tx.Identity()
			m.drafts, err = tx.Drafts()
			return err
		})
		if m.err == nil {
			m.book = domain.NewBookWithoutIndex(sums, today)
		}
		return m
	}
}

// indexCmd builds the fuzzy index of a book in the background.
func indexCmd(b *domain.Book) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		return indexBuiltMsg{book: b, index: domain.NewSearchIndex(b.Sums)}
	}
}

func pollTick() tea.Cmd {
	return tea.Tick(PollEvery, func(time.Time) tea.Msg { return pollTickMsg{} })
}

// pollCmd reads what writers (other processes, or this one) changed since
// the counter we have seen, and builds the new book off the event loop. When
// the file is no longer the book we loaded (ident: a restore put an older
// copy in place, whose counter means nothing against ours), it reads the
// whole book.
func pollCmd(st store.Store, since uint64, base *domain.Book, ident store.Identity, tick bool) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := changesMsg{changes: since, base: base, tick: tick, ident: ident}
		var updated []domain.Summary
		var removed []uint64
		m.err = st.View(func(tx *store.Tx) error {
			if id := tx.Identity(); id != ident {
				m.replaced, m.ident, m.all = true, id, true
				m.changes = tx.Changes()
				var err error
				if updated, err = tx.Summaries(); err != nil {
					return err
				}
				m.drafts, err = tx.Drafts()
				return err
			}
			m.changes = tx.Changes()
			if m.changes == since {
				return nil
			}
			ids, all := tx.ChangedSince(since)
			if all {
				m.all = true
				var err error
				updated, err = tx.Summaries()
				return err
			}
			sums, err := tx.SummariesOf(ids)
			if err != nil {
				return err
			}
			updated = sums
			found := map[uint64]bool{}
			for _, s := range sums {
				found[s.ID] = true
			}
			for _, id := range ids {
				if !found[id] && id != 0 {
					removed = append(removed, id)
				}
			}
			m.touched = ids
			return nil
		})
		if m.err != nil || (m.changes == since && !m.replaced) || base == nil {
			return m
		}
		if m.all {
			m.book = domain.NewBookWithoutIndex(updated, base.Today)
		} else {
			m.book = base.With(updated, removed)
		}
		return m
	}
}

func loadDetailCmd(st store.Store, req, id uint64) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := detailLoadedMsg{req: req}
		m.err = st.View(func(tx *store.Tx) (err error) {
			m.detail, err = tx.Detail(id)
			return err
		})
		return m
	}
}

func loadPageCmd(st store.Store, acct uint64, cur store.Cursor) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := pageLoadedMsg{acct: acct}
		m.err = st.View(func(tx *store.Tx) (err error) {
			m.page, m.next, err = tx.Interactions(acct, cur, store.PageSize)
			return err
		})
		return m
	}
}

// writeCmd runs one write and reports it in the status line.
func writeCmd(st store.Store, acct uint64, what string, fn func(*store.Tx) error) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		return savedMsg{what: what, acct: acct, err: st.Update(fn)}
	}
}

func saveNoteCmd(st store.Store, d domain.Draft, now time.Time) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := noteSavedMsg{acct: d.AccountID, draft: d}
		m.res, m.err = app.SaveNote(&st, app.Note{AccountID: d.AccountID, AccountUID: d.AccountUID, Text: d.Text, Channel: d.Channel, Sentiment: d.Sentiment, Attendees: d.Attendees, At: now})
		return m
	}
}

func saveDraftCmd(st store.Store, d domain.Draft, now func() time.Time) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		m := draftSavedMsg{acct: d.AccountID}
		m.err = st.Update(func(tx *store.Tx) error { return tx.PutDraft(&d) })
		m.at = now()
		return m
	}
}

func kpiCmd(st store.Store, scope domain.Scope, period domain.Period, explain string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		var m kpiDoneMsg
		m.err = st.View(func(tx *store.Tx) error {
			in, err := tx.KPIInput()
			if err != nil {
				return err
			}
			m.report = in.Report(scope, period)
			if explain != "" {
				m.explain = in.Explain(explain, scope, period)
			}
			return nil
		})
		return m
	}
}

// exportCmd writes the account's Markdown brief (with its plan) to dir,
// never over one of the book's own files.
func exportCmd(st store.Store, d domain.AccountDetail, today domain.Date, dir string) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		name := fmt.Sprintf("tend-%s-%s.md", slug(d.Account.Name), today)
		path := filepath.Join(dir, name)
		if what := st.OwnFile(path); what != "" {
			return exportedMsg{path: path, err: fmt.Errorf("refusing to write %s: it is %s", path, what)}
		}
		err := store.WriteFileAtomic(path, func(w io.Writer) error {
			_, err := io.WriteString(w, formats.AccountBrief(&d, today))
			return err
		})
		return exportedMsg{path: path, err: err}
	}
}

// dailyBackupCmd keeps the day's backup of the book (the last keep days),
// off the event loop; a failure is said in the status line.
func dailyBackupCmd(st store.Store, now time.Time, keep int) tea.Cmd {
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
		store.RemoveStale(dir, editorFilePrefix, editorFileSuffix)
		store.RemoveStaleRestoreCopies(dir)
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
		f, err := store.TempFile(dir, editorFilePrefix, editorFileSuffix)
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
}

// editorExitedMsg says the editor exited; its file is still to be read.
type editorExitedMsg struct {
	acct uint64
	path string
	err  error
}

// runEditor hands the terminal to the editor on the file.
func runEditor(msg editorReadyMsg) tea.Cmd {
	return tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
		return editorExitedMsg{acct: msg.acct, path: msg.path, err: err}
	})
}

// readEditorFileCmd reads the text back from the editor's file and removes it.
func readEditorFileCmd(msg editorExitedMsg) tea.Cmd {
	return func() tea.Msg {
		defer catchPanic()
		defer os.Remove(msg.path)
		if msg.err != nil {
			return editorDoneMsg{acct: msg.acct, err: msg.err}
		}
		b, err := os.ReadFile(msg.path)
		return editorDoneMsg{acct: msg.acct, text: strings.TrimRight(string(b), "\n"), err: err}
	}
}
