package views

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// KPIRequestMsg asks the app to compute a report (and, when Explain is set, the records behind one KPI).
type KPIRequestMsg struct {
	Scope   domain.Scope
	Period  domain.Period
	Explain string
}

// KPIKeys are the KPI pane's keys.
type KPIKeys struct {
	Up, Down, Scope, Kind, Prev, Next, Current, Explain key.Binding
}

// ShortHelp implements help.KeyMap.
func (k KPIKeys) ShortHelp() []key.Binding {
	// [ and ] are one entry, so that a narrow footer keeps or drops them together.
	period := key.NewBinding(key.WithKeys(append(append([]string{}, k.Prev.Keys()...), k.Next.Keys()...)...),
		key.WithHelp(k.Prev.Help().Key+" "+k.Next.Help().Key, "prev/next period"))
	if !k.Prev.Enabled() || !k.Next.Enabled() {
		period.SetEnabled(false)
	}
	return []key.Binding{k.Scope, k.Kind, period, k.Current, k.Explain}
}

// FullHelp implements help.KeyMap.
func (k KPIKeys) FullHelp() [][]key.Binding {
	// The full help says what p keeps: the day in view (today in the current
	// period, else the shown period's last day), so three presses come back.
	kind := k.Kind
	kind.SetHelp(k.Kind.Help().Key, "month→quarter→year, around today or the period end")
	up, down := k.Up, k.Down
	up.SetHelp(k.Up.Help().Key, k.Up.Help().Desc+" (the explanation, while open)")
	down.SetHelp(k.Down.Help().Key, k.Down.Help().Desc+" (the explanation, while open)")
	return [][]key.Binding{{up, down}, {k.Scope, kind, k.Prev, k.Next, k.Current, k.Explain}}
}

// KPITitle is the KPI pane's title.
const KPITitle = "KPIs"

// KPI shows the KPI report. It asks for a report when it is focused and its
// figures are stale (a new book), or when it is focused as the book changes.
type KPI struct {
	theme   *Theme
	book    *domain.Book // for the scopes: its segments
	acct    uint64       // the open account, a scope of its own
	stale   bool
	focused bool
	keys    KPIKeys
	spin    spinner.Model
	report  *domain.KPIReport
	explain []string
	busy    bool
	scopes  []domain.Scope
	scope   int
	period  domain.Period
	today   func() domain.Date
	anchor  domain.Date // the day p keeps in view while it changes the period's length
	sel     int
	off     int // the first KPI row shown: the table scrolls to keep sel in view
	exOff   int // the first record of the explanation shown: ↑↓ scroll it while it is open
	width   int
	height  int
}

// NewKPI builds the KPI pane for the period containing today.
func NewKPI(ctx *Context) *KPI {
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot))
	nav := DefaultNavKeys()
	k := &KPI{theme: ctx.Theme, spin: sp, stale: true, today: ctx.Today, scopes: []domain.Scope{{Kind: "book"}}, keys: remapKeys(ctx, KPITitle, KPIKeys{
		Up:      nav.Up,
		Down:    nav.Down,
		Scope:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "next scope")),
		Kind:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "month/quarter/year")),
		Prev:    key.NewBinding(key.WithKeys("[", "left", "h"), key.WithHelp("[", "previous period")),
		Next:    key.NewBinding(key.WithKeys("]", "right", "l"), key.WithHelp("]", "next period")),
		Current: key.NewBinding(key.WithKeys("."), key.WithHelp(".", "current period")),
		Explain: key.NewBinding(key.WithKeys("enter", "e"), key.WithHelp("enter", "explain figure")),
	})}
	k.goTo(domain.PeriodOf(domain.Quarter, ctx.Today()))
	return k
}

// goTo shows the period p, and keeps in view the day p holds: today in the
// current period, else its last day. p (month → quarter → year → month)
// then shows the period of the next length holding that day, so that three
// presses come back to the same period.
func (k *KPI) goTo(p domain.Period) {
	k.period = p
	k.anchor = p.End.AddDays(-1)
	if t := k.today(); p.Contains(t) {
		k.anchor = t
	}
	k.explain, k.exOff = nil, 0
}

// Init implements Pane.
func (k *KPI) Init() tea.Cmd { return nil }

// Title implements Pane.
func (k *KPI) Title() string { return KPITitle }

// Capturing implements Pane: the KPI pane has no text input.
func (k *KPI) Capturing() bool { return false }

// KeyMap is the pane's keys, for help.
func (k *KPI) KeyMap() help.KeyMap { return k.keys }

// Scopes are the KPI scopes: the book, the open account, each segment, each tier.
func Scopes(b *domain.Book, acct uint64) []domain.Scope {
	out := []domain.Scope{{Kind: "book"}}
	if acct != 0 {
		out = append(out, domain.Scope{Kind: "account", Value: fmt.Sprint(acct)})
	}
	if b != nil {
		for _, sg := range b.Segments() { // worked out once per book, kept across writes that move no segment
			out = append(out, domain.Scope{Kind: "segment", Value: sg})
		}
	}
	for _, t := range domain.Tiers {
		out = append(out, domain.Scope{Kind: "tier", Value: string(t)})
	}
	return out
}

// SetSize lays the pane out.
func (k *KPI) SetSize(w, h int) { k.width, k.height = w, h }

// SetScopes sets the scopes the pane cycles through (book first), keeping the current one if present.
func (k *KPI) SetScopes(scopes []domain.Scope) {
	cur := k.scopes[k.scope]
	k.scopes = scopes
	k.scope = 0
	for i, s := range scopes {
		if s == cur {
			k.scope = i
		}
	}
}

// Request asks for the report of the current scope and period (spinner on, old figures kept).
func (k *KPI) Request() tea.Cmd {
	k.busy = true
	req := KPIRequestMsg{Scope: k.scopes[k.scope], Period: k.period}
	return tea.Batch(k.spin.Tick, func() tea.Msg { return req })
}

// SetReport shows a computed report if it is for the current scope and period.
func (k *KPI) SetReport(r *domain.KPIReport, explain []string) {
	if r.Scope != k.scopes[k.scope].String() || r.Period != k.period.String() { // the keys, not the labels
		return // stale: the user moved on
	}
	k.report, k.busy = r, false
	if explain != nil {
		k.explain, k.exOff = explain, 0
	}
}

// Update handles keys, the spinner, reports, and what the scopes and the
// figures depend on (the book, the open account, focus).
func (k *KPI) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case BookMsg:
		if msg.Book == k.book {
			return nil
		}
		first := k.book == nil
		if !first && k.book.Today != msg.Book.Today && k.period.Contains(k.book.Today) {
			k.goTo(domain.PeriodOf(k.period.Kind, msg.Book.Today)) // the current period follows the day
		}
		k.book = msg.Book
		k.SetScopes(Scopes(k.book, k.acct))
		if first {
			return nil // stale from the start: asked for when the pane is focused
		}
		k.stale = true
		if k.focused {
			return k.Request()
		}
		return nil
	case DetailMsg:
		k.acct = 0
		if msg.Detail != nil {
			k.acct = msg.Detail.Account.ID
		}
		k.SetScopes(Scopes(k.book, k.acct))
		return nil
	case FocusMsg:
		k.focused = msg.Title == KPITitle
		if k.focused && k.stale {
			return k.Request()
		}
		return nil
	case KPIReportMsg:
		k.stale = false
		k.SetReport(msg.Report, msg.Explain)
		return nil
	case spinner.TickMsg:
		if !k.busy {
			return nil
		}
		var cmd tea.Cmd
		k.spin, cmd = k.spin.Update(msg)
		return cmd
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.keys.Up) && len(k.explain) > 0:
			k.exOff = max(0, k.exOff-1) // the explanation is open: ↑↓ read it (esc closes it)
		case key.Matches(msg, k.keys.Down) && len(k.explain) > 0:
			k.exOff++ // bounded by View, which knows the room
		case key.Matches(msg, k.keys.Up):
			k.sel = max(0, k.sel-1)
		case key.Matches(msg, k.keys.Down):
			k.sel = min(len(domain.KPIDefs)-1, k.sel+1)
		case key.Matches(msg, k.keys.Scope):
			k.scope = (k.scope + 1) % len(k.scopes)
			k.explain = nil
			return k.Request()
		case key.Matches(msg, k.keys.Kind):
			k.period = domain.PeriodOf((k.period.Kind+1)%3, k.anchor)
			k.explain = nil
			return k.Request()
		case key.Matches(msg, k.keys.Prev):
			k.goTo(k.period.Prev())
			return k.Request()
		case key.Matches(msg, k.keys.Next):
			k.goTo(k.period.Next())
			return k.Request()
		case key.Matches(msg, k.keys.Current):
			k.goTo(domain.PeriodOf(k.period.Kind, k.today()))
			return k.Request()
		case key.Matches(msg, k.keys.Explain):
			k.busy = true
			req := KPIRequestMsg{Scope: k.scopes[k.scope], Period: k.period, Explain: domain.KPIDefs[k.sel].Key}
			return tea.Batch(k.spin.Tick, func() tea.Msg { return req })
		}
	}
	return nil
}

// Back closes the explanation of a figure (esc), before esc leaves the pane.
func (k *KPI) Back() (tea.Cmd, bool) {
	if len(k.explain) == 0 {
		return nil, false
	}
	k.explain, k.exOff = nil, 0
	return nil, true
}

// View draws the report table, and the explanation of the selected KPI.
func (k *KPI) View() string {
	t := k.theme
	var sb strings.Builder
	head := fmt.Sprintf("KPIs · %s · %s", k.scopeName(), k.period)
	if r := k.report; r != nil && r.Scope == k.scopes[k.scope].String() && r.Period == k.period.String() {
		head = fmt.Sprintf("KPIs · %s · %s · %d %s", r.ScopeName, r.PeriodLabel(), r.Customers, map[bool]string{true: "customer", false: "customers"}[r.Customers == 1])
	}
	sb.WriteString(t.Heading.Render(Clip(head, k.width-4)))
	if k.busy {
		sb.WriteString(" " + k.spin.View())
	}
	sb.WriteString("\n")
	if k.report == nil {
		sb.WriteString(t.Muted.Render("computing…"))
		return clipLines(sb.String(), k.width)
	}
	nameW, valW := k.columns()
	// The sparkline gets the cells left after the values; when it must be
	// cut, the oldest periods go and the newest stay.
	sparkW := max(0, k.width-Gutter-2-nameW-4*(valW+1)-2)
	sb.WriteString(t.Muted.Render(Clip(fmt.Sprintf("    %s %s %s %s %s  %s", Fit("KPI", nameW), FitRight("CURRENT", valW), FitRight("PREVIOUS", valW), FitRight("YTD", valW), FitRight("TARGET", valW), sparkTitle(sparkW)), k.width)))
	sb.WriteByte('\n')
	rows := k.report.Rows
	sel := rows[min(k.sel, len(rows)-1)]
	na := naReasons(&sel)
	// Below the heading and the column titles: the rows, the formula, the
	// n/a line, and the explanation when it is open.
	recs, totals := k.explain, []string(nil)
	for len(recs) > 1 && strings.HasPrefix(recs[len(recs)-1], "total: ") {
		totals = append([]string{recs[len(recs)-1]}, totals...)
		recs = recs[:len(recs)-1]
	}
	// The formula and the n/a line show while there is room: an open
	// explanation (its title, a record, its totals) and the selected row
	// come first.
	avail := k.height - 2
	minEx := 0
	if len(k.explain) > 0 {
		minEx = 2 + len(totals)
	}
	showFormula := avail-1-minEx >= 1
	if showFormula {
		avail--
	}
	showNA := na != "" && avail-1-minEx >= 1
	if showNA {
		avail--
	}
	shown := min(len(rows), max(1, avail))
	if len(k.explain) > 0 {
		// The table keeps at least the selected row (up to three when the
		// whole explanation does not fit).
		shown = min(len(rows), max(1, avail-(1+len(totals)+len(recs))))
		if shown < 3 {
			shown = min(len(rows), max(1, min(3, avail-minEx, avail/2)))
		}
	}
	selIdx := min(k.sel, len(rows)-1)
	if selIdx < k.off {
		k.off = selIdx
	}
	if selIdx >= k.off+shown {
		k.off = selIdx - shown + 1
	}
	k.off = max(0, min(k.off, len(rows)-shown))
	for i := k.off; i < k.off+shown; i++ {
		r := rows[i]
		cur := FormatValue(r.Current, r.Unit, k.report.Currency)
		target := "—"
		mark := " "
		if r.Target != nil {
			target = FormatValue(domain.Value{V: r.Target.Value, OK: true}, r.Unit, k.report.Currency)
		}
		line := fmt.Sprintf("%s %s %s %s %s  %s", Fit(r.Name, nameW), FitRight(short(cur, valW), valW), FitRight(short(FormatValue(r.Previous, r.Unit, k.report.Currency), valW), valW),
			FitRight(short(FormatValue(r.YTD, r.Unit, k.report.Currency), valW), valW), FitRight(target, valW), lastCells(Sparkline(r.Trend), sparkW))
		st := t.Header
		if r.OnTarget != nil {
			if *r.OnTarget {
				mark, st = "✓", t.Good
			} else {
				mark, st = "✗", t.Bad
			}
		}
		line = st.Render(mark) + " " + line
		sb.WriteString(t.Row(line, k.width, i == k.sel))
		sb.WriteByte('\n')
	}
	formula := "  " + sel.Formula
	if shown < len(rows) {
		formula = fmt.Sprintf("  %d/%d · %s", selIdx+1, len(rows), sel.Formula)
	}
	if showFormula {
		sb.WriteString(t.Muted.Render(Clip(formula, k.width)))
		sb.WriteByte('\n')
	}
	if showNA {
		sb.WriteString(t.Warn.Render(Clip("  n/a: "+na, k.width)))
		sb.WriteByte('\n')
	}
	if len(k.explain) > 0 {
		// The records scroll (↑↓) between the title and the totals, which always show.
		room := max(1, avail-shown-1-len(totals))
		k.exOff = max(0, min(k.exOff, len(recs)-room))
		title := "Behind the figure"
		if room < len(recs) {
			title += fmt.Sprintf(" · %d–%d of %d · ↑↓ scroll · esc closes", k.exOff+1, min(len(recs), k.exOff+room), len(recs))
		}
		sb.WriteString(t.Heading.Render(Clip(title, k.width)) + "\n")
		for _, l := range recs[k.exOff:min(len(recs), k.exOff+room)] {
			sb.WriteString(Clip("  "+l, k.width) + "\n")
		}
		for _, l := range totals {
			sb.WriteString(t.Header.Render(Clip("  "+l, k.width)) + "\n")
		}
	}
	return clipLines(strings.TrimRight(sb.String(), "\n"), k.width)
}

// naReasons says why the row's figures are n/a: "no churn", or per column
// when they differ ("current: period has not started; previous: no churn").
func naReasons(r *domain.KPIRow) string {
	var parts []string
	seen := map[string]bool{}
	for _, c := range []struct {
		name string
		v    domain.Value
	}{{"current", r.Current}, {"previous", r.Previous}, {"YTD", r.YTD}} {
		if !c.v.OK {
			parts = append(parts, c.name+": "+c.v.Reason)
			seen[c.v.Reason] = true
		}
	}
	if len(seen) == 1 && len(parts) > 0 {
		_, why, _ := strings.Cut(parts[0], ": ")
		if len(parts) == 3 {
			return why
		}
		return strings.Join(func() []string {
			var ns []string
			for _, p := range parts {
				n, _, _ := strings.Cut(p, ": ")
				ns = append(ns, n)
			}
			return ns
		}(), ", ") + ": " + why
	}
	return strings.Join(parts, "; ")
}

// scopeName is the current scope as people read it: an account by its name.
func (k *KPI) scopeName() string {
	sc := k.scopes[k.scope]
	if sc.Kind == "account" && k.book != nil {
		var id uint64
		if _, err := fmt.Sscan(sc.Value, &id); err == nil {
			if i := k.book.Pos(id); i >= 0 {
				return domain.Printable(k.book.Sums[i].Name)
			}
		}
	}
	return sc.String()
}

func short(s string, w int) string {
	if strings.HasPrefix(s, "n/a") && Width(s) > w {
		return "n/a"
	}
	return s
}

// columns are the widths of the name and of each value column. A value column
// is 11 cells, narrowed down to its widest figure (or title) while the longest
// name does not fit, and the name takes every cell left after them and the
// last-12 sparkline: cut (with …) only when the width needs it, never while
// space is unused.
func (k *KPI) columns() (nameW, valW int) {
	valW, longest, spark := Width("PREVIOUS"), Width("KPI"), Width("LAST 12")
	cur := k.report.Currency
	for _, r := range k.report.Rows {
		target := "—"
		if r.Target != nil {
			target = FormatValue(domain.Value{V: r.Target.Value, OK: true}, r.Unit, cur)
		}
		for _, v := range []string{short(FormatValue(r.Current, r.Unit, cur), 11), short(FormatValue(r.Previous, r.Unit, cur), 11), short(FormatValue(r.YTD, r.Unit, cur), 11), target} {
			valW = max(valW, Width(v))
		}
		longest = max(longest, Width(r.Name))
		spark = max(spark, Width(Sparkline(r.Trend)))
	}
	// mark and space, the name, four value columns each after a space, two spaces, the sparkline
	room := func(valW int) int { return k.width - Gutter - 2 - 4*(valW+1) - 2 - spark }
	// The value columns are 11 cells; they narrow (to their widest figure)
	// only while the longest name does not fit.
	narrowest := min(valW, 11)
	valW = 11
	for valW > narrowest && room(valW) < longest {
		valW--
	}
	return max(12, min(longest, room(valW))), valW
}

// lastCells keeps the last w cells of s (a sparkline: its newest periods).
func lastCells(s string, w int) string {
	r := []rune(s)
	if len(r) <= w {
		return s
	}
	return string(r[len(r)-max(0, w):])
}

// sparkTitle is the sparkline's column title: LAST 12, or as many as show.
func sparkTitle(w int) string {
	if w >= 12 {
		return "LAST 12"
	}
	if t := fmt.Sprintf("LAST %d", w); Width(t) <= w {
		return t
	}
	return Clip("LAST", w)
}
