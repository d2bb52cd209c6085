package cockpit

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

var execCommand = exec.Command

// pane identifies a pane of the cockpit.
type pane int

const (
	paneTriage pane = iota
	panePortfolio
	paneAccount
	panePlan
	paneKPI
	numPanes
)

var paneNames = [...]string{"Triage", "Portfolio", "Account", "Plan", "KPIs"}

// Minimum terminal size for the layout.
const (
	minWidth  = 40
	minHeight = 8
)

// Options configure the cockpit.
type Options struct {
	Store     store.Store
	Name      string // the book's name in the header
	ExportDir string // where x writes Markdown briefs
	Editor    string // $EDITOR
	Backups   int    // keep a daily backup at start, and this many days of them; 0: none
	Now       func() time.Time
	// PanicHook injects a panic for the crash tests: "update", "view", "cmd"
	// or "goroutine", fired by the first key press. Never set in normal use.
	PanicHook string
}

// Model is the cockpit's root: it owns the loaded book and the focused pane,
// routes keys (global first, then the focused pane or the open overlay), and
// turns the panes' requests into store commands.
type Model struct {
	opt    Options
	st     store.Store
	theme  *views.Theme
	keys   views.GlobalKeys
	help   help.Model
	width  int
	height int

	focus    pane
	history  []pane
	book     *domain.Book
	ident    store.Identity // the identity of the loaded book; every write requires it
	changes  uint64
	loaded   bool
	fatal    error
	status   string
	errored  bool
	warning  string // a failure at start (the daily backup) that the first load must not hide
	showHelp bool

	portfolio *views.Portfolio
	account   *views.Account
	plan      *views.Plan
	kpi       *views.KPI
	triage    *views.Triage
	palette   *views.Palette
	paletteOn bool
	form      *views.Form
	note      *views.Note
	drafts    map[uint64]domain.Draft
	// orphan is a note typed for an account of a book that was since
	// replaced (restored) and that is not in the new one: it was never saved
	// anywhere else, so it is kept here until the user attaches it to an
	// account (n), and quitting asks first.
	orphan       *domain.Draft
	orphanName   string
	orphanWarned bool

	detailReq   uint64 // id of the newest detail request; older answers are dropped
	detailID    uint64 // account shown in the account and plan panes
	cursor      store.Cursor
	kpiStale    bool
	quitArmed   bool
	pendingNote uint64 // account whose note editor opens once its detail arrives
	undo        []undoEntry
	panicArmed  bool
	importer    *views.Import
}

// New builds the cockpit model.
func New(opt Options) *Model {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	th := views.NewTheme()
	today := domain.DateOf(opt.Now())
	h := help.New()
	h.ShortSeparator = " · "
	m := &Model{
		opt: opt, st: opt.Store, theme: th, keys: views.DefaultGlobalKeys(), help: h,
		focus:     paneTriage,
		portfolio: views.NewPortfolio(th),
		account:   views.NewAccount(th),
		plan:      views.NewPlan(th),
		kpi:       views.NewKPI(th, today),
		triage:    views.NewTriage(th),
		palette:   views.NewPalette(th),
		drafts:    map[uint64]domain.Draft{},
		kpiStale:  true,
	}
	return m
}

// Init loads the book, takes the daily backup and removes the editor files
// that a killed cockpit left.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadBookCmd(m.st, m.today()), cleanEditorFilesCmd(filepath.Dir(m.st.Path))}
	if m.opt.Backups > 0 {
		cmds = append(cmds, dailyBackupCmd(m.st, m.opt.Now(), m.opt.Backups))
	}
	return tea.Batch(cmds...)
}

func (m *Model) today() domain.Date { return domain.DateOf(m.opt.Now()) }

func (m *Model) setStatus(s string, err bool) {
	m.status, m.errored = s, err
}

// typing reports whether keys belong to a text field (so q and digits are text).
func (m *Model) typing() bool {
	return m.form != nil || m.note != nil || m.paletteOn || m.importer != nil || (m.focus == panePortfolio && m.portfolio.Capturing()) ||
		(m.focus == paneTriage && m.triage.Capturing())
}

// Update routes messages.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer catchPanic()
	if cmd := m.injectPanic(msg); cmd != nil {
		return m, cmd
	}
	cmd := m.update(msg)
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := m.handleTriage(msg); ok {
		return cmd
	}
	if cmd, ok := m.handleRecordRequest(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.KeyMsg:
		return m.key(msg)

	// ---- results of I/O
	case bookLoadedMsg:
		if msg.err != nil {
			m.fatal = msg.err
			m.setStatus(msg.err.Error(), true)
			return nil
		}
		m.loaded = true
		m.changes = msg.changes
		m.ident = msg.ident
		m.book = msg.book
		for _, d := range msg.drafts {
			m.drafts[d.AccountID] = d
		}
		m.kpi.SetScopes(m.scopes())
		if n := len(msg.drafts); n > 0 {
			name := ""
			if p := m.book.Pos(msg.drafts[0].AccountID); p >= 0 {
				name = " (" + domain.Printable(m.book.Sums[p].Name) + ")"
			}
			m.setStatus(fmt.Sprintf("%d unsaved note draft(s) kept from last time%s: n on the account resumes it", n, name), false)
		} else {
			m.setStatus(fmt.Sprintf("%d accounts", m.book.Len()), false)
		}
		if m.warning != "" { // said once, with the first load
			m.setStatus(m.warning+" · "+m.status, true)
			m.warning = ""
		}
		return tea.Batch(m.portfolio.SetBook(m.book), triageCmd(m.book), indexCmd(m.book), pollTick())
	case indexBuiltMsg:
		if msg.book != m.book {
			return nil // a newer book is on its way with its own index
		}
		m.book.Index = msg.index
		cmds := []tea.Cmd{m.portfolio.SetBook(m.book)}
		if m.paletteOn {
			cmds = append(cmds, m.palette.Refresh(m.book))
		}
		return tea.Batch(cmds...)
	case pollTickMsg:
		return pollCmd(m.st, m.changes, m.book, m.ident, true)
	case changesMsg:
		var next tea.Cmd
		if msg.tick {
			next = pollTick() // one chain of ticks only; polls after our writes do not start another
		}
		if msg.err != nil {
			if store.IsBusy(msg.err) {
				return next // someone is writing; try again next tick
			}
			m.setStatus(msg.err.Error(), true)
			return next
		}
		if msg.replaced {
			if msg.book == nil || m.book == nil || msg.ident == m.ident {
				return next // before the first load, or already reloaded
			}
			return tea.Batch(next, m.bookReplaced(msg))
		}
		if msg.ident != m.ident {
			return tea.Batch(next, pollCmd(m.st, m.changes, m.book, m.ident, false)) // read before a reload: again
		}
		if msg.book == nil || msg.changes <= m.changes || m.book == nil {
			return next
		}
		if msg.base != m.book {
			return tea.Batch(next, pollCmd(m.st, m.changes, m.book, m.ident, false)) // built on an older book: again, on this one
		}
		m.changes = msg.changes
		m.book = msg.book
		m.kpiStale = true
		cmds := []tea.Cmd{next, m.portfolio.SetBook(m.book), triageCmd(m.book), indexCmd(m.book)}
		if m.detailID != 0 && (msg.all || slices.Contains(msg.touched, m.detailID)) {
			cmds = append(cmds, m.loadDetail(m.detailID))
		}
		if m.focus == paneKPI {
			cmds = append(cmds, m.kpi.Request())
		}
		return tea.Batch(cmds...)
	case detailLoadedMsg:
		if msg.req != m.detailReq {
			return nil // stale
		}
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil
		}
		d := msg.detail.AccountDetail
		m.detailID, m.cursor = d.Account.ID, msg.detail.Next
		if p := m.book.Pos(d.Account.ID); p >= 0 {
			m.account.SetKeyAccount(m.book.KeyScore[p], m.book.Key[p])
		}
		m.account.SetDetail(&d, msg.detail.Next.More(), m.today())
		m.plan.SetDetail(&d, m.today())
		if m.pendingNote == d.Account.ID {
			m.pendingNote = 0
			return m.openNote(d)
		}
		return nil
	case pageLoadedMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil
		}
		if msg.acct == m.detailID {
			m.cursor = msg.next
			m.account.AppendInteractions(msg.acct, msg.page, msg.next.More())
		}
		return nil
	case savedMsg:
		if msg.err != nil {
			m.setStatus("not saved: "+app.OneLine(msg.err).Error(), true)
			if store.IsReplaced(msg.err) {
				return m.afterWrite(0) // reload the new book
			}
			if msg.acct != 0 && msg.acct == m.detailID {
				return m.loadDetail(msg.acct) // take back a change shown before it was written
			}
			return nil
		}
		m.setStatus(msg.what, false)
		return m.afterWrite(msg.acct)
	case noteSavedMsg:
		if msg.err != nil {
			// The editor keeps the text; the draft stays saved.
			if m.note != nil {
				m.note.Saving = false
			}
			m.setStatus("note NOT saved: "+app.OneLine(msg.err).Error()+" (your text is still in the editor)", true)
			if store.IsReplaced(msg.err) {
				return m.afterWrite(0) // reload; the reload keeps the note for its account or as a detached draft
			}
			return nil
		}
		delete(m.drafts, msg.acct)
		if m.note != nil && m.note.AccountID() == msg.acct {
			m.note = nil
			m.layout()
		}
		s := fmt.Sprintf("note saved %s", msg.res.Interaction.At.Local().Format("15:04"))
		if n := len(msg.res.Items); n > 0 {
			s += fmt.Sprintf(", %d action item(s) created", n)
		}
		if len(msg.res.Problems) > 0 {
			s += " · " + msg.res.Problems[0]
		}
		m.setStatus(s, false)
		return m.afterWrite(msg.acct)
	case draftSavedMsg:
		if msg.err != nil {
			if store.IsReplaced(msg.err) {
				return m.afterWrite(0) // the reload keeps the note
			}
			m.setStatus("draft not saved: "+msg.err.Error(), true)
			return nil
		}
		if m.note != nil && m.note.AccountID() == msg.acct {
			m.note.SavedAt = msg.at
			m.drafts[msg.acct] = m.note.Draft()
		}
		return nil
	case kpiDoneMsg:
		if msg.err != nil {
			m.setStatus(msg.err.Error(), true)
			return nil
		}
		m.kpiStale = false
		m.kpi.SetReport(&msg.report, msg.explain)
		return nil
	case backupDoneMsg:
		if msg.err != nil {
			m.warning = "daily backup failed: " + app.OneLine(msg.err).Error()
			m.setStatus(m.warning, true)
		}
		return nil
	case exportedMsg:
		if msg.err != nil {
			m.setStatus("export failed: "+msg.err.Error(), true)
		} else {
			m.setStatus("wrote "+msg.path, false)
		}
		return nil
	case editorReadyMsg:
		return runEditor(msg)
	case editorDoneMsg:
		if msg.err != nil {
			m.setStatus("editor: "+msg.err.Error()+" (the note in tend is unchanged)", true)
			return nil
		}
		if m.note != nil && m.note.AccountID() == msg.acct {
			m.note.SetText(msg.text)
			m.setStatus("note taken back from the editor", false)
		}
		return nil

	// ---- requests from panes
	case views.OpenAccountMsg:
		if m.paletteOn {
			m.paletteOn = false
		}
		m.goTo(paneAccount)
		if msg.ID != m.detailID {
			m.account.SetLoading()
		}
		m.portfolio.Select(msg.ID)
		return m.loadDetail(msg.ID)
	case views.PaletteClosedMsg:
		m.paletteOn = false
		return nil
	case views.MoreTimelineMsg:
		if msg.AccountID == m.detailID && m.cursor.More() {
			return loadPageCmd(m.st, m.detailID, m.cursor)
		}
		return nil
	case views.FormRequestMsg:
		m.form = msg.Form
		m.layout()
		return m.form.Init()
	case views.FormDoneMsg:
		if msg.Form != m.form {
			return nil // a form that led to another (a pick, then the edit)
		}
		m.form = nil
		m.layout()
		if msg.Cancelled {
			m.setStatus("form closed, nothing saved", false)
		}
		return nil
	case views.ExportPlanMsg:
		if d := m.account.Detail(); d != nil && d.Account.ID == msg.AccountID {
			return exportCmd(m.st, *d, m.today(), m.opt.ExportDir)
		}
		return nil
	case views.ImportRequestMsg:
		if m.importer == nil {
			m.importer = views.NewImport(m.theme, msg.Path)
			m.layout()
		}
		return startImportCmd(m.st, msg, m.today())
	case importProgressMsg:
		if m.importer != nil {
			m.importer.Progress(msg.done, msg.total)
		}
		return waitImport(msg.ch)
	case importDoneMsg:
		lines, failed := importLines(msg.res, msg.err)
		if m.importer != nil {
			var next *views.ImportRequestMsg
			if msg.err == nil && msg.res.DryRun && (msg.res.New > 0 || msg.res.Updated > 0 || len(msg.res.Accounts) > 0) {
				next = &msg.req
			}
			m.importer.Finish(lines, failed, next)
		}
		m.setStatus(lines[0], failed)
		if msg.err == nil && !msg.res.DryRun {
			return m.afterWrite(0)
		}
		return nil
	case views.KPIRequestMsg:
		return kpiCmd(m.st, msg.Scope, msg.Period, msg.Explain)
	case views.SaveDraftMsg:
		return saveDraftCmd(m.writer(), msg.Draft, m.opt.Now)
	case views.SaveNoteMsg:
		return saveNoteCmd(m.writer(), msg.Draft, m.opt.Now())
	case views.CloseNoteMsg:
		if m.note != nil {
			if m.note.HasText() {
				m.drafts[msg.AccountID] = m.note.Draft()
				m.setStatus("note closed; its draft is kept (n resumes it)", false)
			}
			m.note = nil
			m.layout()
		}
		return nil
	case views.EditExternallyMsg:
		editor := m.opt.Editor
		if editor == "" {
			m.setStatus("set $EDITOR to edit notes in your editor", true)
			return nil
		}
		return editorCmd(msg.Draft, editor, filepath.Dir(m.st.Path))
	case pickNoteAccountMsg:
		m.paletteOn = false
		return m.startNote(msg.id)
	case views.StatusMsg:
		m.setStatus(msg.Text, msg.Err)
		return nil
	}
	// Everything else (spinners, blinks, search results, huh's own messages)
	// goes to whoever may be waiting for it.
	var cmds []tea.Cmd
	if m.form != nil {
		cmds = append(cmds, m.form.Update(msg))
	}
	if m.note != nil {
		cmds = append(cmds, m.note.Update(msg))
	}
	cmds = append(cmds, m.palette.Update(msg), m.portfolio.Update(msg), m.kpi.Update(msg))
	return tea.Batch(cmds...)
}

type pickNoteAccountMsg struct{ id uint64 }

// afterWrite reloads what a write changed: the book (through the change
// counter, like any other writer's change) and the open account.
func (m *Model) afterWrite(acct uint64) tea.Cmd {
	cmds := []tea.Cmd{pollCmd(m.st, m.changes, m.book, m.ident, false)}
	if acct != 0 && acct == m.detailID {
		cmds = append(cmds, m.loadDetail(acct))
	}
	return tea.Batch(cmds...)
}

// applyItem shows an action item change before it is written.
func (m *Model) applyItem(it domain.ActionItem) {
	d := m.account.Detail()
	if d == nil || d.Account.ID != it.AccountID || it.ID == 0 {
		return
	}
	for i := range d.Items {
		if d.Items[i].ID == it.ID {
			d.Items[i] = it
		}
	}
	m.plan.SetDetail(d, m.today())
}

func (m *Model) loadDetail(id uint64) tea.Cmd {
	m.detailReq++
	return loadDetailCmd(m.st, m.detailReq, id)
}

func (m *Model) goTo(p pane) {
	if p == m.focus {
		return
	}
	m.history = append(m.history, m.focus)
	if len(m.history) > 50 {
		m.history = m.history[1:]
	}
	m.focus = p
}

// scopes are the KPI scopes: the book, the open account, each segment, each tier.
func (m *Model) scopes() []domain.Scope {
	out := []domain.Scope{{Kind: "book"}}
	if m.detailID != 0 {
		out = append(out, domain.Scope{Kind: "account", Value: fmt.Sprint(m.detailID)})
	}
	seen := map[string]bool{}
	for _, s := range m.book.Sums {
		if s.Segment != "" && !seen["s"+s.Segment] {
			seen["s"+s.Segment] = true
			out = append(out, domain.Scope{Kind: "segment", Value: s.Segment})
		}
	}
	for _, t := range domain.Tiers {
		out = append(out, domain.Scope{Kind: "tier", Value: string(t)})
	}
	return out
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	// Keys typed faster than the screen reads them arrive as one message of
	// several runes; outside a text field each one is a command of its own.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
		var cmds []tea.Cmd
		for i, r := range msg.Runes {
			cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
			if m.typing() { // the rest is text for the field that just opened
				rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i+1:]}
				if len(rest.Runes) > 0 {
					cmds = append(cmds, m.key(rest))
				}
				break
			}
		}
		return tea.Batch(cmds...)
	}
	if msg.String() == "ctrl+c" {
		if (m.form != nil || (m.note != nil && m.note.Dirty())) && !m.quitArmed {
			m.quitArmed = true
			m.setStatus("unsaved input: press ctrl+c again to quit (a note's draft is kept; a form is discarded)", true)
			return nil
		}
		return m.quit()
	}
	m.quitArmed = false
	switch {
	case m.form != nil:
		if msg.String() == "esc" {
			m.form = nil
			m.layout()
			m.setStatus("form closed, nothing saved", false)
			return nil
		}
		return m.form.Update(msg)
	case m.note != nil:
		return m.note.Update(msg)
	case m.importer != nil:
		if msg.String() == "esc" && m.importer.Finished() {
			m.importer = nil
			m.layout()
			return nil
		}
		return m.importer.Update(msg)
	case m.paletteOn:
		if msg.String() == "esc" { // close at once, so the next key is not typed into it
			m.paletteOn = false
			return nil
		}
		return m.palette.Update(msg)
	case m.focus == panePortfolio && m.portfolio.Capturing():
		return m.portfolio.Update(msg)
	case m.focus == paneTriage && m.triage.Capturing():
		return m.triage.Update(msg)
	}
	if m.fatal != nil {
		if key.Matches(msg, m.keys.Quit) {
			return m.quit()
		}
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Help):
		m.showHelp = !m.showHelp
		m.layout()
		if m.focus == paneTriage { // ? on a row also explains its urgency
			return m.triage.Update(msg)
		}
		return nil
	case key.Matches(msg, m.keys.Triage):
		m.goTo(paneTriage)
	case key.Matches(msg, m.keys.Portfolio):
		m.goTo(panePortfolio)
	case key.Matches(msg, m.keys.Account):
		m.goTo(paneAccount)
	case key.Matches(msg, m.keys.Plan):
		m.goTo(panePlan)
	case key.Matches(msg, m.keys.KPI):
		m.goTo(paneKPI)
	case key.Matches(msg, m.keys.Next):
		m.goTo((m.focus + 1) % numPanes)
	case key.Matches(msg, m.keys.Prev):
		m.goTo((m.focus + numPanes - 1) % numPanes)
	case key.Matches(msg, m.keys.Jump):
		if m.book == nil {
			return nil
		}
		m.paletteOn = true
		return m.palette.Open(m.book)
	case key.Matches(msg, m.keys.Note):
		return m.startNote(m.currentAccount())
	case key.Matches(msg, m.keys.Back) && !(m.focus == panePortfolio && m.portfolio.Rows() != m.bookLen()):
		if n := len(m.history); n > 0 {
			m.focus = m.history[n-1]
			m.history = m.history[:n-1]
		}
		return nil
	default:
		return m.paneKey(msg)
	}
	if m.focus == paneKPI {
		m.kpi.SetScopes(m.scopes()) // the open account may have changed
		if m.kpiStale {
			return m.kpi.Request()
		}
	}
	return nil
}

func (m *Model) bookLen() int {
	if m.book == nil {
		return 0
	}
	return m.book.Len()
}

func (m *Model) paneKey(msg tea.KeyMsg) tea.Cmd {
	switch m.focus {
	case panePortfolio:
		return m.portfolio.Update(msg)
	case paneAccount:
		return m.account.Update(msg)
	case panePlan:
		if msg.String() == "p" {
			return nil
		}
		return m.plan.Update(msg)
	case paneKPI:
		return m.kpi.Update(msg)
	case paneTriage:
		return m.triage.Update(msg)
	}
	return nil
}

// currentAccount is the account a note would be about: the open one on the
// account and plan panes, the selected one on the portfolio, else none.
func (m *Model) currentAccount() uint64 {
	switch m.focus {
	case paneAccount, panePlan:
		return m.detailID
	case panePortfolio:
		return m.portfolio.Selected()
	case paneTriage:
		if r, ok := m.triage.Selected(); ok {
			return r.AccountID
		}
	}
	return 0
}

// startNote opens the note editor on an account, asking which one first when there is none.
func (m *Model) startNote(id uint64) tea.Cmd {
	if m.book == nil {
		return nil
	}
	if id == 0 {
		m.paletteOn = true
		cmd := m.palette.Open(m.book)
		m.palette.Title = "Note on which account?"
		m.palette.Pick = func(id uint64) tea.Msg { return pickNoteAccountMsg{id: id} }
		return cmd
	}
	if d := m.account.Detail(); d != nil && d.Account.ID == id {
		return m.openNote(*d)
	}
	m.pendingNote = id
	return m.loadDetail(id)
}

func (m *Model) openNote(d domain.AccountDetail) tea.Cmd {
	var draft *domain.Draft
	if dr, ok := m.drafts[d.Account.ID]; ok {
		draft = &dr
		if dr.Saved.IsZero() {
			m.setStatus("resumed the draft", false)
		} else {
			m.setStatus("resumed the draft from "+dr.Saved.Local().Format("Jan 2 15:04"), false)
		}
	}
	var save tea.Cmd
	if o := m.orphan; o != nil {
		// Attach the note kept from the replaced book to this account, the one the user chose.
		dr := domain.Draft{AccountID: d.Account.ID, Text: o.Text, Channel: o.Channel, Sentiment: o.Sentiment, Started: o.Started, Saved: o.Saved}
		if draft != nil && strings.TrimSpace(draft.Text) != "" {
			dr.Text = draft.Text + "\n\n" + o.Text
			dr.Attendees = draft.Attendees
		}
		draft = &dr
		m.setStatus("attached the note typed for "+m.orphanName+" to "+domain.Printable(d.Account.Name)+" and kept it as its draft: ctrl+s saves it", false)
		m.orphan, m.orphanName, m.orphanWarned = nil, "", false
		// On disk at once: from here a quit or a crash keeps it as this account's draft.
		save = saveDraftCmd(m.writer(), dr, m.opt.Now)
	}
	m.note = views.NewNote(m.theme, d, draft, m.opt.Now)
	m.layout()
	return tea.Batch(m.note.Init(), save)
}

func (m *Model) quit() tea.Cmd {
	if m.orphan != nil && !m.orphanWarned {
		m.orphanWarned = true
		m.setStatus("the note typed for "+m.orphanName+" (not in the restored book) is not saved: n on an account attaches it; quit again to discard it", true)
		return nil
	}
	if m.note != nil && m.note.Dirty() {
		// Keep the last keystrokes: write the draft before leaving.
		d := m.note.Draft()
		return tea.Sequence(saveDraftCmd(m.writer(), d, m.opt.Now), tea.Quit)
	}
	return tea.Quit
}

// frame is the number of lines the header, status and help take.
func (m *Model) frame() int {
	lines := 3 // header, blank, status
	if m.showHelp {
		lines += m.fullHelpLines()
	} else {
		lines++
	}
	return lines
}

func (m *Model) fullHelpLines() int {
	n := 0
	for _, col := range m.helpKeys().FullHelp() {
		n = max(n, len(col))
	}
	return n
}

// layout gives every pane the space left after the frame.
func (m *Model) layout() {
	w, h := m.width, max(0, m.height-m.frame())
	m.portfolio.SetSize(w, h)
	m.account.SetSize(w, h)
	m.plan.SetSize(w, h)
	m.kpi.SetSize(w, h)
	m.triage.SetSize(w, h)
	m.palette.SetSize(w, h)
	m.help.Width = w
	if m.form != nil {
		m.form.SetSize(w, h)
	}
	if m.note != nil {
		m.note.SetSize(w, h)
	}
	if m.importer != nil {
		m.importer.SetSize(w, h)
	}
}

func (m *Model) helpKeys() views.HelpKeys {
	hk := views.HelpKeys{Global: m.keys}
	switch {
	case m.form != nil:
		hk.Pane = views.FormKeys()
	case m.note != nil:
		hk.Pane = m.note.KeyMap()
	case m.paletteOn:
		hk.Pane = m.palette.KeyMap()
	default:
		switch m.focus {
		case panePortfolio:
			hk.Pane = m.portfolio.KeyMap()
		case paneAccount:
			hk.Pane = m.account.KeyMap()
		case panePlan:
			hk.Pane = m.plan.KeyMap()
		case paneKPI:
			hk.Pane = m.kpi.KeyMap()
		case paneTriage:
			hk.Pane = m.triage.KeyMap()
		}
	}
	return hk
}

// View draws the frame and the focused pane (or the open overlay).
func (m *Model) View() string {
	defer catchPanic()
	if m.opt.PanicHook == "view" && m.panicArmed {
		panic("injected panic in View (test hook)")
	}
	if m.width == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("make the window larger (%dx%d, need %dx%d)", m.width, m.height, minWidth, minHeight)
		return ansi.Hardwrap(msg, m.width, true)
	}
	t := m.theme
	var body string
	switch {
	case m.fatal != nil:
		body = t.Error.Render(ansi.Hardwrap(domain.Printable(m.fatal.Error()), m.width, true)) + "\n\n" + t.Muted.Render("q quits")
	case m.form != nil:
		body = m.form.View(t)
	case m.importer != nil:
		body = m.importer.View()
	case m.note != nil:
		body = m.note.View()
	case m.paletteOn:
		body = lipgloss.Place(m.width, max(0, m.height-m.frame()), lipgloss.Center, lipgloss.Top, m.palette.View())
	case !m.loaded:
		body = t.Muted.Render("opening " + domain.Printable(m.st.Path) + "…")
	default:
		switch m.focus {
		case paneTriage:
			body = m.triage.View()
		case panePortfolio:
			body = m.portfolio.View()
		case paneAccount:
			body = m.account.View()
		case panePlan:
			body = m.plan.View()
		case paneKPI:
			body = m.kpi.View()
		}
	}
	var sb strings.Builder
	sb.WriteString(m.header())
	sb.WriteString("\n\n")
	bodyH := max(0, m.height-m.frame())
	sb.WriteString(fitBlock(body, m.width, bodyH))
	sb.WriteString("\n")
	st := t.Status
	if m.errored {
		st = t.Error
	}
	status := m.status
	if m.errored {
		status = "✗ " + status
	}
	sb.WriteString(st.Render(views.Clip(status, m.width)))
	sb.WriteString("\n")
	if m.showHelp {
		sb.WriteString(fitBlock(m.help.FullHelpView(m.helpKeys().FullHelp()), m.width, m.fullHelpLines()))
	} else {
		sb.WriteString(ansi.Truncate(m.help.ShortHelpView(m.helpKeys().ShortHelp()), m.width, "…"))
	}
	return sb.String()
}

func (m *Model) header() string {
	t := m.theme
	var sb strings.Builder
	sb.WriteString(t.Title.Render("tend"))
	sb.WriteString(t.Muted.Render(" · " + views.Clip(m.opt.Name, 24) + "  "))
	for i := pane(0); i < numPanes; i++ {
		label := fmt.Sprintf("%d %s", i+1, paneNames[i])
		if i == m.focus {
			sb.WriteString(t.TabActive.Render(label))
		} else {
			sb.WriteString(t.Tab.Render(label))
		}
		sb.WriteString("  ")
	}
	return ansi.Truncate(sb.String(), m.width, "…")
}

// fitBlock makes s exactly h lines of at most w cells: longer lines are cut,
// missing lines added, so the frame never moves and nothing wraps.
func fitBlock(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// writer is the store for a write: it refuses (store.ReplacedError) to write
// into a file that is no longer the book this cockpit loaded, so nothing
// typed against one book is ever saved into another.
func (m *Model) writer() store.Store {
	st := m.st
	id := m.ident
	st.Expect = &id
	return st
}

// sameAccount reports whether the account numbered id in the old book is the
// same account in the new one: the same global UID under that number.
func sameAccount(old, cur *domain.Book, id uint64) bool {
	if old == nil || cur == nil {
		return false
	}
	p, q := old.Pos(id), cur.Pos(id)
	return p >= 0 && q >= 0 && old.Sums[p].UID == cur.Sums[q].UID && old.Sums[p].UID != ""
}

func accountName(b *domain.Book, id uint64) string {
	if b != nil {
		if p := b.Pos(id); p >= 0 {
			return domain.Printable(b.Sums[p].Name)
		}
	}
	return fmt.Sprintf("#%d", id)
}

// bookReplaced takes in a book whose identity changed under the cockpit (a
// restore): everything is reloaded, a pane showing an account that is not
// in the new book goes back to the portfolio, and an open note on such an
// account is closed but kept (orphan) for the user to attach to an account.
func (m *Model) bookReplaced(msg changesMsg) tea.Cmd {
	old := m.book
	m.ident, m.changes, m.book = msg.ident, msg.changes, msg.book
	m.kpiStale = true
	m.undo = nil // undo entries name records of the old book
	m.pendingNote = 0
	m.drafts = map[uint64]domain.Draft{}
	for _, d := range msg.drafts {
		m.drafts[d.AccountID] = d
	}
	status := "the book was replaced (restored from a backup): reloaded"
	warn := false
	if m.note != nil && !sameAccount(old, m.book, m.note.AccountID()) {
		d := m.note.Draft()
		name := accountName(old, d.AccountID)
		if strings.TrimSpace(d.Text) != "" {
			m.orphan, m.orphanName, m.orphanWarned = &d, name, false
			status = "note for " + name + " NOT saved but kept (n on an account attaches it): the book was replaced (restored) and " + name + " is not in it"
		}
		m.note = nil
		m.layout()
		warn = true
	}
	cmds := []tea.Cmd{m.portfolio.SetBook(m.book), triageCmd(m.book), indexCmd(m.book)}
	if m.detailID != 0 {
		if sameAccount(old, m.book, m.detailID) {
			cmds = append(cmds, m.loadDetail(m.detailID))
		} else {
			if !warn {
				status += "; " + accountName(old, m.detailID) + " is not in it"
			}
			m.detailID = 0
			m.detailReq++ // drop a detail still on its way
			m.account.SetDetail(nil, false, m.today())
			m.plan.SetDetail(nil, m.today())
			if m.focus == paneAccount || m.focus == panePlan {
				m.goTo(panePortfolio)
			}
			m.history = slices.DeleteFunc(m.history, func(p pane) bool { return p == paneAccount || p == panePlan })
			warn = true
		}
	}
	m.kpi.SetScopes(m.scopes())
	if m.focus == paneKPI {
		cmds = append(cmds, m.kpi.Request())
	}
	m.setStatus(status, warn)
	return tea.Batch(cmds...)
}
