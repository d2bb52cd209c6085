package views

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Pane is one screen of the cockpit (pug's ChildModel): the root holds the
// panes in a slice, sizes them, sends keys to the focused one only (unless an
// overlay is open) and every other message to all of them. Update returns
// only a command; a pane asks the app to act by returning a message.
type Pane interface {
	Init() tea.Cmd
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	KeyMap() help.KeyMap
	// Title names the pane in the tab bar and in focus requests (GoToMsg).
	Title() string
	// Capturing reports whether keys are text for an input of the pane (a
	// filter, a prompt): global keys are then not looked at, except ctrl+c.
	Capturing() bool
}

// Optional behaviours of a pane, asked for by the root with a type assertion.
type (
	// AccountPane has an account under the cursor or on screen: the note key writes about it.
	AccountPane interface{ CurrentAccount() uint64 }
	// DetailPane shows the open account (DetailMsg): when that account goes
	// (deleted, or not in a restored book) the cockpit leaves it.
	DetailPane interface{ ShowsDetail() }
	// Backer undoes some state of its own on esc (a filter) before esc goes
	// back to the previous pane; it reports whether it did.
	Backer interface{ Back() (tea.Cmd, bool) }
)

// Overlay takes every key while it is on top of the root's stack (palette,
// form or confirmation, note editor, import). It leaves the stack when Done.
type Overlay interface {
	Update(tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	KeyMap() help.KeyMap
	Done() bool
}

// Context is what every pane shares, built once by the root and passed down:
// the styles, the clock and whether colour is off. Sizes are not in it
// (SetSize is the only channel), nor services (panes do no I/O).
type Context struct {
	Theme   *Theme
	Now     func() time.Time
	NoColor bool // NO_COLOR was set when the cockpit started
	// Keys are the keys the config file remaps (checked by the caller);
	// Owner, when set, is the portfolio's initial filter (owner:NAME);
	// SortColumn and SortReverse its initial sort (ColName, false: by name,
	// or by match while a filter has text).
	Keys        KeyBindings
	Owner       string
	SortColumn  Column
	SortReverse bool
	// Columns are the portfolio's columns in order, name among them (nil:
	// every column); the sort column is shown too.
	Columns []Column
	// DateLayout is how the panes show a civil date (one of
	// domain.DateLayouts; "" is ISO). Forms' inputs stay ISO.
	DateLayout string
	// NewAccount is what an account added in the cockpit starts with.
	NewAccount NewAccountDefaults
	// same is which names of the loaded book more than one account has,
	// worked out once per book for every pane that shows #N beside them.
	same sameNames
}

// Date shows d in the context's layout, or "—" for no date.
func (c *Context) Date(d domain.Date) string {
	if d.IsZero() {
		return "—"
	}
	if c == nil {
		return d.String()
	}
	return d.Format(c.DateLayout)
}

// NewContext builds a context; now nil is the wall clock.
func NewContext(th *Theme, now func() time.Time, noColor bool) *Context {
	if th == nil {
		th = NewTheme()
	}
	if now == nil {
		now = time.Now
	}
	return &Context{Theme: th, Now: now, NoColor: noColor}
}

// Today is the civil date now.
func (c *Context) Today() domain.Date { return domain.DateOf(c.Now()) }

// Messages the root broadcasts to every pane (each takes what concerns it).
type (
	// BookMsg: a (new) book is loaded; its Index may still be nil (built after).
	BookMsg struct{ Book *domain.Book }
	// DetailMsg: the open account's records (nil: no account is open any more).
	// The panes keep their own copy; More says older interactions remain.
	DetailMsg struct {
		Detail   *domain.AccountDetail
		More     bool
		KeyScore float64
		Key      bool
	}
	// TimelinePageMsg: an older page of the open account's interactions.
	TimelinePageMsg struct {
		AccountID uint64
		Page      []domain.Interaction
		More      bool
	}
	// ItemsMsg: the open account's action items changed before the write (shown at once).
	ItemsMsg struct {
		AccountID uint64
		Items     []domain.ActionItem
	}
	// QueueMsg: today's triage queue, ranked.
	QueueMsg struct {
		Queue *domain.TriageQueue
		Next  string // what comes due next, for an empty queue
		Today domain.Date
	}
	// KPIReportMsg: a computed KPI report (and the records behind one figure).
	KPIReportMsg struct {
		Report  *domain.KPIReport
		Explain []string
	}
	// HelpMsg: the full help was opened or closed.
	HelpMsg struct{ Shown bool }
	// FocusMsg: the pane titled Title is now the focused one.
	FocusMsg struct{ Title string }
)

// Requests of panes to the root about the cockpit itself.
type (
	// GoToMsg asks to focus the pane titled Title.
	GoToMsg struct{ Title string }
)

func msgCmd(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
