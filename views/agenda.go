package views

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// AgendaTitle is the agenda pane's title.
const AgendaTitle = "Agenda"

type (
	// AgendaMsg: the agenda of the book, computed off the event loop.
	AgendaMsg struct{ Agenda *domain.Agenda }
	// AgendaDaysMsg asks for the agenda over this many days.
	AgendaDaysMsg struct{ Days int }
)

// AgendaSpans are the lengths of agenda the pane steps through.
var AgendaSpans = []int{7, 14, 30, 90}

// AgendaKeys are the agenda pane's keys.
type AgendaKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Brief, Days, Months               key.Binding
}

// ShortHelp implements help.KeyMap.
func (k AgendaKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Brief, k.Days, k.Months}
}

// FullHelp implements help.KeyMap.
func (k AgendaKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Open, k.Brief, k.Days, k.Months}}
}

// Agenda is the days ahead: one row per thing coming up, in date order,
// and the renewals of the next 12 months by month (beside the days on a
// wide screen, in their place with m on a narrow one).
type Agenda struct {
	ctx    *Context
	keys   AgendaKeys
	ag     *domain.Agenda
	days   int
	cursor int
	offset int
	months bool // the narrow layout shows the months instead of the days
	width  int
	height int
}

// NewAgenda builds the agenda pane.
func NewAgenda(ctx *Context) *Agenda {
	nav := DefaultNavKeys()
	return &Agenda{ctx: ctx, days: 14, keys: remapKeys(ctx, AgendaTitle, AgendaKeys{
		Up: nav.Up, Down: nav.Down, PageUp: nav.PageUp, PageDown: nav.PageDown,
		// home, end and G: g is free for a remapped global key, as on triage.
		Top:    key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "top")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end/G", "bottom")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open account")),
		Brief:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "brief")),
		Days:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "7/14/30/90 days")),
		Months: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "renewals by month")),
	})}
}

// Days is how many days the pane asks for.
func (a *Agenda) Days() int { return a.days }

// Init implements Pane.
func (a *Agenda) Init() tea.Cmd { return nil }

// Title implements Pane.
func (a *Agenda) Title() string { return AgendaTitle }

// KeyMap implements Pane.
func (a *Agenda) KeyMap() help.KeyMap { return a.keys }

// Capturing implements Pane.
func (a *Agenda) Capturing() bool { return false }

// SetSize implements Pane.
func (a *Agenda) SetSize(w, h int) { a.width, a.height = w, h; a.scroll() }

// CurrentAccount is the selected entry's account (AccountPane).
func (a *Agenda) CurrentAccount() uint64 {
	if e := a.selected(); e != nil {
		return e.AccountID
	}
	return 0
}

func (a *Agenda) selected() *domain.AgendaEvent {
	if a.ag == nil || a.cursor < 0 || a.cursor >= len(a.ag.Events) || a.showMonths() {
		return nil
	}
	return &a.ag.Events[a.cursor]
}

func (a *Agenda) wide() bool       { return a.width >= 120 }
func (a *Agenda) showMonths() bool { return a.months && !a.wide() }
func (a *Agenda) body() int        { return max(1, a.height-2) } // the heading and the column names

func (a *Agenda) scroll() {
	n := 0
	if a.ag != nil {
		n = len(a.ag.Events)
	}
	a.cursor = max(0, min(a.cursor, n-1))
	if a.cursor < a.offset {
		a.offset = a.cursor
	}
	if a.cursor >= a.offset+a.body() {
		a.offset = a.cursor - a.body() + 1
	}
	a.offset = max(0, min(a.offset, n-a.body()))
}

// Update implements Pane.
func (a *Agenda) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case AgendaMsg:
		var keep string
		if e := a.selected(); e != nil {
			keep = e.Key()
		}
		a.ag = msg.Agenda
		if i := slices.IndexFunc(a.ag.Events, func(e domain.AgendaEvent) bool { return e.Key() == keep }); i >= 0 {
			a.cursor = i
		}
		a.scroll()
		return nil
	case tea.KeyMsg:
		return a.key(msg)
	}
	return nil
}

func (a *Agenda) key(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, a.keys.Up):
		a.cursor--
	case key.Matches(k, a.keys.Down):
		a.cursor++
	case key.Matches(k, a.keys.PageUp):
		a.cursor -= a.body()
	case key.Matches(k, a.keys.PageDown):
		a.cursor += a.body()
	case key.Matches(k, a.keys.Top):
		a.cursor = 0
	case key.Matches(k, a.keys.Bottom):
		a.cursor = 1 << 30
	case key.Matches(k, a.keys.Days):
		i := (slices.Index(AgendaSpans, a.days) + 1) % len(AgendaSpans)
		a.days = AgendaSpans[i]
		return msgCmd(AgendaDaysMsg{Days: a.days})
	case key.Matches(k, a.keys.Months):
		if a.wide() {
			return msgCmd(StatusMsg{Text: "the renewals by month are on the right"})
		}
		a.months = !a.months
		a.keys.Open.SetEnabled(!a.months) // the months have no cursor: the footer does not offer enter and b there
		a.keys.Brief.SetEnabled(!a.months)
	case key.Matches(k, a.keys.Open):
		if e := a.selected(); e != nil {
			return msgCmd(OpenAccountMsg{ID: e.AccountID})
		}
	case key.Matches(k, a.keys.Brief):
		if e := a.selected(); e != nil {
			return msgCmd(BriefRequestMsg{AccountID: e.AccountID})
		}
	}
	a.scroll()
	return nil
}

// View implements Pane: the rows on screen only, whatever the book's size.
func (a *Agenda) View() string {
	t := a.ctx.Theme
	w := max(1, a.width)
	if a.ag == nil {
		return t.Muted.Render(Clip("loading the agenda…", w))
	}
	lines := []string{t.Title.Render(Clip(a.heading(w), w))}
	left, right := w, 0
	if a.wide() {
		right = 48
		left = w - right - 2
	}
	var body []string
	if a.showMonths() {
		body = a.monthLines(w)
	} else {
		body = a.dayLines(left)
	}
	if right > 0 {
		ms := a.monthLines(right)
		merged := make([]string, max(len(body), len(ms)))
		for i := range merged {
			l, r := "", ""
			if i < len(body) {
				l = body[i]
			}
			if i < len(ms) {
				r = ms[i]
			}
			merged[i] = l + strings.Repeat(" ", max(0, left-Width(l))) + "  " + r
		}
		body = merged
	}
	lines = append(lines, body...)
	if len(lines) > a.height {
		lines = lines[:max(1, a.height)]
	}
	return clipLines(strings.Join(lines, "\n"), w)
}

// heading is the pane's first line, the longest of its forms that fits w:
// the span, the entries, and what is already late (triage lists it).
func (a *Agenda) heading(w int) string {
	ag := a.ag
	var late []string
	if ag.Overdue > 0 {
		late = append(late, domain.Plural(ag.Overdue, "item"))
	}
	if ag.Late > 0 {
		late = append(late, domain.Plural(ag.Late, "check-in"))
	}
	span := fmt.Sprintf("Agenda · %s to %s · %s", domain.Plural(ag.To.Sub(ag.Today)+1, "day"), a.ctx.Date(ag.To), domain.Plural(len(ag.Events), "entry"))
	short := fmt.Sprintf("Agenda to %s · %s", a.ctx.Date(ag.To), domain.Plural(len(ag.Events), "entry"))
	if len(late) == 0 {
		return span
	}
	forms := []string{
		span + " · late: " + strings.Join(late, ", ") + " (triage)",
		span + " · late: " + strings.Join(late, ", "),
		short + " · late: " + strings.Join(late, ", "),
	}
	for _, f := range forms {
		if Width(f) <= w {
			return f
		}
	}
	return forms[len(forms)-1]
}

// dayLines are the column names and the rows in the window.
func (a *Agenda) dayLines(w int) []string {
	t := a.ctx.Theme
	ag := a.ag
	w -= 2                              // the cursor's mark
	acctW := min(30, max(10, (w-29)/2)) // the account and the detail share what the day and the kind leave
	detailW := max(5, w-17-12-acctW-1)
	out := []string{t.Muted.Render("  " + Fit("day", 17) + Fit("what", 12) + Fit("account", acctW+1) + "detail")}
	if len(ag.Events) == 0 {
		return append(out, t.Muted.Render("nothing comes up in these days (d: a longer span)"))
	}
	for i := a.offset; i < min(len(ag.Events), a.offset+a.body()); i++ {
		e := &ag.Events[i]
		day := ""
		if i == a.offset || ag.Events[i-1].On != e.On {
			day = e.On.Weekday().String()[:3] + " " + a.ctx.Date(e.On)
			if e.On == ag.Today {
				day = "today " + a.ctx.Date(e.On)
			}
		}
		detail := e.Title
		switch e.Kind {
		case domain.AgendaRenewal:
			detail = e.ARR.Short() + " at stake · "
			if e.RenewalOpp {
				detail += "renewal opportunity open"
			} else {
				detail += "no renewal opportunity"
			}
		case domain.AgendaCheckIn:
			detail = "by the cadence"
			if e.RecordID != 0 {
				detail = "booked: " + e.Title
			}
		case domain.AgendaQBR:
			detail = "quarterly business review"
		}
		line := Fit(day, 17) + Fit(string(e.Kind), 12) + Fit(e.Account, acctW) + " " + Clip(detail, detailW)
		out = append(out, t.Row(line, w+2, i == a.cursor))
	}
	return out
}

// monthLines are the renewals by month.
func (a *Agenda) monthLines(w int) []string {
	t := a.ctx.Theme
	out := []string{t.Muted.Render(Clip(fmt.Sprintf("%-9s %8s %12s  %s", "month", "renewals", "ARR at stake", "no renewal opp"), w))}
	for _, m := range a.ag.Renewals {
		out = append(out, Clip(fmt.Sprintf("%-9s %8d %12s  %d", m.Month.Format("Jan 2006"), m.Count, arrText(m.ARR), m.Count-m.WithOpp), w))
	}
	return out
}

// arrText is amounts in several currencies: "$1.2M", "$1.2M + €300k".
func arrText(by []domain.Money) string {
	if len(by) == 0 {
		return "—"
	}
	parts := make([]string, len(by))
	for i, m := range by {
		parts[i] = m.Short()
	}
	return strings.Join(parts, " + ")
}
