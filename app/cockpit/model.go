package cockpit

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// Minimum terminal size for the layout.
const (
	minWidth  = 40
	minHeight = 8
)

// Model is the cockpit's root. It holds the panes in a slice and a stack of
// overlays; it routes keys (the top overlay takes them all; else global keys,
// unless the focused pane captures text; else the focused pane), broadcasts
// every other message to all of them, and turns their requests into
// commands (intents.go, book.go, notes.go, requests.go, triage.go).
type Model struct {
	opt    Options
	st     app.File
	ctx    *views.Context
	keys   views.GlobalKeys
	help   help.Model
	width  int
	height int

	panes    []views.Pane
	focus    int   // index into panes
	history  []int // panes focused before, for esc
	overlays []views.Overlay
	palette  *views.Palette
	search   *views.Search
	sentForm *views.Form // the form whose write is under way: opened again if the write fails
	watch    *watcher    // watches the data file; nil: polling (watch.go)
	warned   bool        // the status is a warning: it stays, whole
	// indexing: the search index is being brought up to the book in the
	// background; indexAgain: asked again meanwhile, so once more.
	indexing, indexAgain, indexStarted bool

	book        *domain.Book
	later       *domain.Book // shown, its triage queue on its way: the rest of its work waits for it (afterShown)
	settled     bool         // the first book's fuzzy index has come: the start is over
	ident       app.Identity // the identity of the loaded book; every write requires it
	changes     uint64
	loaded      bool
	fatal       error
	status      string
	errored     bool
	warning     string // a failure at start (the daily backup) that the first load must not hide
	showHelp    bool
	helpOff     int               // first line of the full help shown
	statusID    uint64            // bumped by every setStatus: an expiry tick clears only its own message
	statusExtra int               // 1 while the status message takes a second line (the panes have one less)
	reselect    *domain.TriageRow // the row an undo brings back: the cursor goes to it when the queue has it

	drafts     map[draftKey]domain.Draft // the drafts kept, as last read or written here
	resumeSlot uint64                    // the draft slot the next note opened resumes (ctrl+r, enter)
	writerID   string                    // this cockpit's part of its note editors' names (domain.Draft.Writer)
	notesOpen  int                       // note editors opened here: the other part
	dayTimer   bool                      // the midnight timer runs (day.go)
	// orphan is a note typed for an account of a book that was since
	// replaced (restored) and that is not in the new one: it was never saved
	// anywhere else, so it is kept here until the user attaches it to an
	// account (n), and quitting asks first.
	orphan       *domain.Draft
	orphanName   string
	orphanWarned bool
	attachTo     *pendingAttach // the note asked for while "attach it here?" is asked

	detailReq   uint64                // id of the newest detail request; older answers are dropped
	detailID    uint64                // the open account, shown by the DetailPanes
	detail      *domain.AccountDetail // its records, as the root loaded them
	cursor      app.Cursor
	quitArmed   bool
	pendingNote uint64 // account whose note editor opens once its detail arrives
	undo        []undoEntry
	recUndo     []recordUndo // changes on records (records.go) that u takes back
	selectAdded uint64       // an account just added: selected once the book has it
	panicArmed  bool
	briefDetail *domain.AccountDetail // the records of the last brief loaded, for the note started from it
	lastNote    *savedNote            // the last note saved here, for its follow-up
}

// New builds the cockpit model.
func New(opt Options) *Model {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Colours == (views.Colours{}) {
		opt.Colours = views.DefaultColours()
	}
	ctx := views.NewContext(views.NewThemeWith(opt.Colours), opt.Now, opt.NoColor)
	if opt.Triage.Base == nil {
		opt.Triage = domain.DefaultTriageWeights()
	}
	ctx.Keys, ctx.Owner = opt.Keys, opt.Owner
	ctx.SortColumn, ctx.SortReverse = opt.SortColumn, opt.SortReverse
	ctx.Columns = opt.Columns
	ctx.NewAccount = opt.NewAccount
	ctx.DateLayout, opt.Triage.DateLayout = opt.DateLayout, opt.DateLayout
	h := help.New()
	h.Styles = ctx.Theme.HelpStyles()
	h.ShortSeparator = " · "
	m := &Model{opt: opt, st: opt.Store, ctx: ctx, help: h, palette: views.NewPalette(ctx), search: views.NewSearch(ctx), drafts: map[draftKey]domain.Draft{}, writerID: strconv.FormatUint(rand.Uint64(), 36)}
	// The panes, in tab order: one line each.
	m.panes = []views.Pane{
		views.NewTriage(ctx),
		views.NewPortfolio(ctx),
		views.NewAccount(ctx),
		views.NewPlan(ctx),
		views.NewKPI(ctx),
		views.NewAgenda(ctx),
	}
	titles := make([]string, len(m.panes))
	for i, p := range m.panes {
		titles[i] = p.Title()
	}
	m.keys = views.DefaultGlobalKeys(titles...).Remap(opt.Keys)
	if opt.Warning != "" { // a mistake in the config file, said until the first load and with it
		m.warning = opt.Warning
		m.setStatus(opt.Warning, true)
	}
	return m
}

// Init loads the book, removes the editor files that a killed cockpit left,
// and starts the panes (the daily backup follows the book's first screen).
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{loadBookCmd(m.st, m.today()), cleanEditorFilesCmd(filepath.Dir(m.st.Path))}
	if m.opt.SearchIndex {
		cmds = append(cmds, startSearchIndex())
	}
	for _, p := range m.panes {
		cmds = append(cmds, p.Init())
	}
	return tea.Batch(cmds...)
}

func (m *Model) today() domain.Date { return domain.DateOf(m.opt.Now()) }

func (m *Model) setStatus(s string, err bool) {
	m.status, m.errored, m.warned = s, err, false
	m.statusID++
}

// setWarning shows a warning: not an error (no ✗), shown whole (wrapped on
// as many lines as it needs, up to four) until the next key.
func (m *Model) setWarning(s string) {
	m.setStatus(s, false)
	m.warned = true
}

// statusExpiredMsg clears the status line if it still shows message id.
type statusExpiredMsg struct{ id uint64 }

// statusLife is how long a message stays when no key is pressed; errors stay until the next key.
const statusLife = 4 * time.Second

// expireStatus is the tick that clears the status set since before, if one was.
func (m *Model) expireStatus(before uint64) tea.Cmd {
	if m.statusID == before || m.status == "" || m.errored || m.warned {
		return nil
	}
	id := m.statusID
	return tea.Tick(statusLife, func(time.Time) tea.Msg { return statusExpiredMsg{id: id} })
}

func (m *Model) focused() views.Pane { return m.panes[m.focus] }

// top is the overlay on top of the stack, or nil.
func (m *Model) top() views.Overlay {
	if n := len(m.overlays); n > 0 {
		return m.overlays[n-1]
	}
	return nil
}

// typing reports whether keys belong to a text field (so q and digits are text).
// An overlay takes text unless it says otherwise (the records browser and
// the reader take keys as commands, but for the browser's filter).
func (m *Model) typing() bool {
	if o := m.top(); o != nil {
		if c, ok := o.(interface{ Capturing() bool }); ok {
			return c.Capturing()
		}
		return true
	}
	return m.focused().Capturing()
}

// Update routes messages.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer catchPanic()
	if cmd := m.injectPanic(msg); cmd != nil {
		return m, cmd
	}
	before := m.statusID
	cmd := m.update(msg)
	m.prune()
	m.fitStatus()
	if exp := m.expireStatus(before); exp != nil {
		cmd = tea.Batch(cmd, exp)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.KeyMsg:
		if m.width > 0 && (m.width < minWidth || m.height < minHeight) && msg.Type != tea.KeyCtrlC {
			return nil // nothing is shown but "make the window larger": no key acts unseen
		}
		m.sentForm = nil // a write reports within moments: a key after it is about something else
		return m.key(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case statusExpiredMsg:
		if msg.id == m.statusID {
			m.setStatus("", false)
		}
		return nil
	case newDayMsg:
		return m.newDay()
	}
	var own tea.Cmd
	idx, _ := m.handleSearch(msg)
	for _, handle := range []func(tea.Msg) (tea.Cmd, bool){m.handleTriage, m.handleBrief, m.handleAgenda, m.handleFollowUp, m.handleDrafts, m.handleRecords, m.handleRecordRequest, m.handleBook, m.handleNote, m.handleIntent, m.handleViews} {
		if cmd, ok := handle(msg); ok {
			own = cmd
			break
		}
	}
	// Every message that is not a key goes to every overlay and every pane:
	// each takes what concerns it (blinks, spinners, search results, huh's own).
	return tea.Batch(own, idx, m.broadcast(msg))
}

// broadcast sends msg to the overlays and the panes.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, o := range slices.Clone(m.overlays) {
		cmds = append(cmds, o.Update(msg))
	}
	for _, p := range m.panes {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

// push opens an overlay on top of the stack.
func (m *Model) push(o views.Overlay) {
	m.sentForm = nil // a form that opens another (a kind picked) is not the one written
	m.overlays = append(m.overlays, o)
	m.layout()
}

// prune takes the overlays that are done off the stack, remembering a
// form that was sent until its write reports.
func (m *Model) prune() {
	for _, o := range m.overlays {
		if f, ok := o.(*views.Form); ok && f.Sent() {
			m.sentForm = f
		}
	}
	if n := len(m.overlays); n > 0 {
		if m.overlays = slices.DeleteFunc(m.overlays, views.Overlay.Done); len(m.overlays) != n {
			m.layout()
		}
	}
}

// goTo focuses the pane titled title (a no-op for an unknown title).
func (m *Model) goTo(title string) tea.Cmd {
	for i, p := range m.panes {
		if p.Title() == title {
			return m.focusOn(i, true)
		}
	}
	return nil
}

func (m *Model) focusOn(i int, remember bool) tea.Cmd {
	if i == m.focus {
		return nil
	}
	if remember {
		m.history = append(m.history, m.focus)
		if len(m.history) > 50 {
			m.history = m.history[1:]
		}
	}
	m.focus = i
	return m.broadcast(views.FocusMsg{Title: m.focused().Title()})
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	// Keys typed faster than the screen reads them arrive as one message of
	// several runes; outside a text field each one is a command of its own.
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.typing() {
		var cmds []tea.Cmd
		for i, r := range msg.Runes {
			cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
			m.prune()
			if m.typing() { // the rest is text for the field that just opened
				if rest := (tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i+1:]}); len(rest.Runes) > 0 {
					cmds = append(cmds, m.key(rest))
				}
				break
			}
		}
		return tea.Batch(cmds...)
	}
	// Any key is the next action: the message of the last one goes.
	m.status, m.errored = "", false
	if msg.String() == "ctrl+c" {
		if what := m.unsaved(); what != "" && !m.quitArmed {
			m.quitArmed = true
			m.orphanWarned = m.orphan != nil // said here: the second ctrl+c quits
			m.setStatus(what, true)
			return nil
		}
		return m.quit()
	}
	m.quitArmed = false
	m.reselect = nil
	if m.showHelp {
		return m.helpKey(msg)
	}
	if o := m.top(); o != nil {
		if key.Matches(msg, m.keys.Search) && !m.typing() {
			// From any overlay that takes no text (a reader, a browser, the
			// brief, a list): the search opens over it, and takes the keys.
			return m.openSearch()
		}
		return o.Update(msg)
	}
	p := m.focused()
	if p.Capturing() {
		return p.Update(msg)
	}
	if m.fatal != nil {
		if key.Matches(msg, m.keys.Quit) {
			return m.quit()
		}
		return nil
	}
	n := len(m.panes)
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Help):
		m.showHelp, m.helpOff = true, 0
		return m.broadcast(views.HelpMsg{Shown: true})
	case key.Matches(msg, m.keys.Next):
		return m.focusOn((m.focus+1)%n, true)
	case key.Matches(msg, m.keys.Prev):
		return m.focusOn((m.focus+n-1)%n, true)
	case key.Matches(msg, m.keys.Jump):
		return m.openPalette()
	case key.Matches(msg, m.keys.Search):
		return m.openSearch()
	case key.Matches(msg, m.keys.Note):
		return m.startNote(currentAccount(p))
	case key.Matches(msg, m.keys.FollowUp):
		return m.followUp(currentAccount(p))
	case key.Matches(msg, m.keys.Drafts):
		return m.openDrafts()
	case key.Matches(msg, m.keys.Import): // from every pane (its keys never reach the pane)
		return func() tea.Msg { return views.FormRequestMsg{Form: views.ImportForm(m.today(), importProbe)} }
	case key.Matches(msg, m.keys.Back):
		if b, ok := p.(views.Backer); ok {
			if cmd, done := b.Back(); done {
				return cmd
			}
		}
		if k := len(m.history); k > 0 {
			i := m.history[k-1]
			m.history = m.history[:k-1]
			return m.focusOn(i, false)
		}
		return nil
	}
	for i, b := range m.keys.GoTo {
		if key.Matches(msg, b) && i < n {
			return m.focusOn(i, true)
		}
	}
	return p.Update(msg)
}

// unsaved says what quitting would lose (what is typed in a note or a
// form), naming the record, or "" when nothing.
func (m *Model) unsaved() string {
	for _, o := range slices.Backward(m.overlays) {
		if u, ok := o.(interface{ Unsaved() bool }); !ok || !u.Unsaved() {
			continue
		}
		switch o := o.(type) {
		case *views.Note:
			return "unsaved note on " + domain.Printable(o.Name()) + ": ctrl+c again quits, keeping it as a draft"
		case *views.OrphanNote:
			return "the note typed for " + m.orphanName + " is in no book: ctrl+s saves it to a file; ctrl+c again discards it and quits"
		case *views.Form:
			return "“" + o.Title + "” has input: ctrl+c again discards it and quits"
		default:
			return "unsaved input: ctrl+c again discards it and quits"
		}
	}
	return ""
}

// reopenSent opens the form whose write failed again, on what was typed,
// with the error under it (nil when no form was waiting).
func (m *Model) reopenSent(err error) tea.Cmd {
	f := m.sentForm
	m.sentForm = nil
	if f == nil || err == nil || app.IsReplaced(err) {
		return nil
	}
	cmd := f.Reopen(app.OneLine(err))
	m.push(f)
	return cmd
}

// currentAccount is the account the pane p is on (open or selected), or 0.
func currentAccount(p views.Pane) uint64 {
	if a, ok := p.(views.AccountPane); ok {
		return a.CurrentAccount()
	}
	return 0
}
