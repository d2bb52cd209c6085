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

// PlanKeys are the plan pane's keys.
type PlanKeys struct {
	Up, Down, Toggle, Add, Edit, Goal, Export key.Binding
	Records, Undo                             key.Binding // records.go
}

// ShortHelp implements help.KeyMap.
func (k PlanKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Records, k.Toggle, k.Add, k.Edit, k.Goal, k.Undo, k.Export}
}

// FullHelp implements help.KeyMap.
func (k PlanKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Toggle, k.Add, k.Edit, k.Goal, k.Export}, {k.Records, k.Undo}}
}

// PlanTitle is the plan pane's title.
const PlanTitle = "Plan"

// Plan shows an account's plan: goals, strategies, onboarding, action items.
type Plan struct {
	ctx     *Context
	theme   *Theme
	keys    PlanKeys
	d       *domain.AccountDetail // the pane's own copy
	today   domain.Date
	sel     int // index into selectable rows (onboarding steps, then action items)
	offset  int
	lines   []string // the plan laid out at the width, rendered on change
	selLine int      // the line of the selected row, or -1
	width   int
	height  int
	found   *SearchHit // a goal or item found, to show when its account is
}

// NewPlan builds the plan pane.
func NewPlan(ctx *Context) *Plan {
	nav := DefaultNavKeys()
	return &Plan{ctx: ctx, theme: ctx.Theme, keys: remapKeys(ctx, PlanTitle, PlanKeys{
		Up:      nav.Up,
		Down:    nav.Down,
		Toggle:  key.NewBinding(key.WithKeys(" ", "space"), key.WithHelp("space", "toggle done")),
		Add:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add action item")),
		Edit:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit item")),
		Goal:    key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add goal")),
		Export:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export plan (Markdown)")),
		Records: RecordsKey(),
		Undo:    UndoRecordKey(),
	})}
}

// Init implements Pane.
func (p *Plan) Init() tea.Cmd { return nil }

// Title implements Pane.
func (p *Plan) Title() string { return PlanTitle }

// Capturing implements Pane: the plan has no text input.
func (p *Plan) Capturing() bool { return false }

// ShowsDetail marks the plan as a view of the open account (DetailPane).
func (p *Plan) ShowsDetail() {}

// CurrentAccount is the open account (AccountPane).
func (p *Plan) CurrentAccount() uint64 {
	if p.d == nil {
		return 0
	}
	return p.d.Account.ID
}

// KeyMap is the pane's keys, for help.
func (p *Plan) KeyMap() help.KeyMap { return p.keys }

// SetDetail shows an account's plan (a copy of d).
func (p *Plan) SetDetail(d *domain.AccountDetail, today domain.Date) {
	if d == nil || p.d == nil || d.Account.ID != p.d.Account.ID {
		p.sel, p.offset = 0, 0
	}
	p.today = today
	p.d = nil
	if d != nil {
		c := *d
		p.d = &c
	}
	p.sel = max(0, min(p.sel, p.selectable()-1))
	p.showFound()
	p.render()
}

// showFound selects the action item found (p.found), or goes to the top
// for a goal, once its account is the one shown.
func (p *Plan) showFound() {
	h := p.found
	if h == nil || p.d == nil || p.d.Account.ID != h.AccountID || p.d.Account.UID != h.AccountUID {
		return
	}
	p.found = nil
	switch h.Kind {
	case domain.TextItem:
		if i := slices.IndexFunc(p.items(), func(it domain.ActionItem) bool { return it.ID == h.RecID }); i >= 0 {
			p.sel = len(p.d.Plan.Onboarding) + i
		}
	case domain.TextGoal: // the goals are the plan's first lines
		p.sel, p.offset = 0, 0
	}
}

// SetSize lays the pane out.
func (p *Plan) SetSize(w, h int) {
	p.width, p.height = w, h
	p.render()
}

// items are the action items in display order: open ones by due date, then done ones.
func (p *Plan) items() []domain.ActionItem {
	if p.d == nil {
		return nil
	}
	return SortItems(p.d.Items)
}

// SortItems orders action items: open first by due date (no date last), then done, newest first.
func SortItems(in []domain.ActionItem) []domain.ActionItem {
	out := append([]domain.ActionItem(nil), in...)
	due := func(a domain.ActionItem) domain.Date {
		if a.Due.IsZero() {
			return domain.Date(1 << 30)
		}
		return max(a.Due, a.SnoozedUntil)
	}
	for i := 1; i < len(out); i++ { // insertion sort: stable, and lists are short
		for j := i; j > 0; j-- {
			a, b := out[j-1], out[j]
			less := false
			switch {
			case a.Done != b.Done:
				less = !b.Done
			case !a.Done:
				less = due(b) < due(a)
			default:
				less = b.DoneAt.After(a.DoneAt)
			}
			if !less {
				break
			}
			out[j-1], out[j] = b, a
		}
	}
	return out
}

func (p *Plan) selectable() int {
	if p.d == nil {
		return 0
	}
	return len(p.d.Plan.Onboarding) + len(p.d.Items)
}

// Update handles keys and the open account's records.
func (p *Plan) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case DetailMsg:
		p.SetDetail(msg.Detail, p.ctx.Today())
		return nil
	case ShowFoundMsg:
		if msg.Hit.Kind == domain.TextItem || msg.Hit.Kind == domain.TextGoal {
			p.found = &msg.Hit
			p.showFound()
			p.render()
		}
		return nil
	case ItemsMsg:
		if p.d != nil && p.d.Account.ID == msg.AccountID {
			p.d.Items = msg.Items
			p.render()
		}
		return nil
	case tea.KeyMsg:
		cmd := p.key(msg)
		p.render()
		return cmd
	}
	return nil
}

func (p *Plan) key(km tea.KeyMsg) tea.Cmd {
	if p.d == nil {
		return nil
	}
	acct := RefOf(&p.d.Account) // the account by number and UID (see Ref)
	nOn := len(p.d.Plan.Onboarding)
	switch {
	case key.Matches(km, p.keys.Up):
		p.sel = max(0, p.sel-1)
	case key.Matches(km, p.keys.Down):
		p.sel = min(p.selectable()-1, p.sel+1)
	case key.Matches(km, p.keys.Toggle):
		if p.sel < nOn {
			step := p.d.Plan.Onboarding[p.sel]
			msg := ToggleStepMsg{Account: acct, Index: p.sel, Text: step.Text, Done: !step.Done}
			return func() tea.Msg { return msg }
		}
		if items := p.items(); p.sel-nOn < len(items) {
			it := items[p.sel-nOn]
			it.Done = !it.Done
			return func() tea.Msg { return SaveItemMsg{Account: acct, Item: it, Toggle: true} }
		}
	case key.Matches(km, p.keys.Add):
		return formCmd(ItemForm(acct, domain.ActionItem{}, p.today))
	case key.Matches(km, p.keys.Edit):
		if items := p.items(); p.sel >= nOn && p.sel-nOn < len(items) {
			return formCmd(ItemForm(acct, items[p.sel-nOn], p.today))
		}
	case key.Matches(km, p.keys.Goal):
		return formCmd(asRecord(GoalForm(acct, p.today), acct, Record{Kind: KindGoal}))
	case key.Matches(km, p.keys.Export):
		return func() tea.Msg { return ExportPlanMsg{AccountID: acct.ID} }
	case key.Matches(km, p.keys.Records):
		return msgCmd(RecordsRequestMsg{Account: acct, Currency: p.d.Account.ARR.Currency})
	case key.Matches(km, p.keys.Undo):
		return msgCmd(UndoRecordMsg{})
	}
	return nil
}

// render lays the plan out (on data, size or selection change, not per
// frame) and moves the window of lines to keep the selected row on screen.
func (p *Plan) render() {
	p.lines, p.selLine = nil, -1
	if p.d == nil {
		p.offset = 0
		return
	}
	t := p.theme
	w := p.width
	var lines []string
	selLine := -1
	add := func(s string) { lines = append(lines, s) }
	d := p.d
	add(t.Title.Render(Clip(d.Account.Name, w-30)) + t.Muted.Render(fmt.Sprintf("  plan · check in every %d days", d.Account.CadenceDays)))
	add("")
	add(t.Heading.Render(fmt.Sprintf("Goals (%d)  + add", len(d.Plan.Goals))))
	if len(d.Plan.Goals) == 0 {
		add(t.Muted.Render("  no goals yet: + adds a SMART goal (metric, baseline, target, due date)"))
	}
	barW := max(5, min(24, w/5))
	for _, g := range d.Plan.Goals {
		st := g.Status(p.today)
		style := t.Good
		switch st {
		case domain.GoalAtRisk:
			style = t.Warn
		case domain.GoalOverdue:
			style = t.Bad
		}
		add("  " + Fit(g.Title, max(10, w-barW-44)) + " " + p.bar(g.Progress(), barW) + fmt.Sprintf(" %3.0f%% ", g.Progress()*100) + style.Render(Fit(string(st), 9)) + t.Muted.Render(" due "+p.ctx.Date(g.Due)))
		add(t.Muted.Render(Clip(fmt.Sprintf("      %s: %s → %s → %s %s", g.Metric, num(g.Baseline), num(g.Current), num(g.Target), g.Unit), w)))
	}
	add("")
	add(t.Heading.Render("Strategies"))
	if len(d.Plan.Strategies) == 0 {
		add(t.Muted.Render("  none yet"))
	}
	for _, s := range d.Plan.Strategies {
		add(Clip("  • "+s, w))
	}
	row := 0
	if len(d.Plan.Onboarding) > 0 {
		add("")
		done := 0
		for _, c := range d.Plan.Onboarding {
			if c.Done {
				done++
			}
		}
		add(t.Heading.Render(fmt.Sprintf("Onboarding %d/%d", done, len(d.Plan.Onboarding))))
		for _, c := range d.Plan.Onboarding {
			box := "[ ]"
			if c.Done {
				box = "[x]"
			}
			l := fmt.Sprintf("  %s %s", box, Fit(c.Text, max(10, w-24)))
			if !c.Done && !c.Due.IsZero() && c.Due < p.today {
				l += t.Bad.Render(" due " + p.ctx.Date(c.Due) + " !")
			} else if !c.Due.IsZero() {
				l += t.Muted.Render(" due " + p.ctx.Date(c.Due))
			}
			if row == p.sel {
				selLine = len(lines)
			}
			add(l)
			row++
		}
	}
	add("")
	items := p.items()
	open := 0
	for _, it := range items {
		if !it.Done {
			open++
		}
	}
	add(t.Heading.Render(fmt.Sprintf("Action items (%d open)  a add · e edit · space done", open)))
	if len(items) == 0 {
		add(t.Muted.Render("  none: a adds one, or write \"- [ ] text @fri\" in a note"))
	}
	// The due column is as wide as its longest entry (a snoozed note included),
	// leaving the text at least 20 cells; the text takes the rest.
	dues := make([]string, len(items))
	dueW := 0
	for i, it := range items {
		dues[i] = p.due(it)
		dueW = max(dueW, Width(dues[i]))
	}
	const itemFixed = 2 + 3 + 1 + 1 // indent, box, gaps
	dueW = max(0, min(dueW, w-itemFixed-20))
	textW := max(10, w-itemFixed-dueW)
	for i, it := range items {
		box, st := "[ ]", t.Header
		if it.Done {
			box, st = "[x]", t.Muted
		} else if it.Overdue(p.today) {
			st = t.Bad
		}
		if row == p.sel {
			selLine = len(lines)
		}
		add(st.Render(fmt.Sprintf("  %s %s %s", box, Fit(it.Text, textW), Clip(dues[i], dueW))))
		row++
	}
	// window of lines around the selection
	h := max(1, p.height)
	if selLine >= 0 {
		if selLine < p.offset {
			p.offset = selLine
		}
		if selLine >= p.offset+h {
			p.offset = selLine - h + 1
		}
	}
	p.offset = max(0, min(p.offset, len(lines)-h))
	for i, l := range lines {
		lines[i] = clipLines(l, w)
	}
	p.lines, p.selLine = lines, selLine
}

// View draws the window of the plan's lines; it changes nothing.
func (p *Plan) View() string {
	t := p.theme
	if p.d == nil {
		return t.Muted.Render("No account open. Pick one in the portfolio (2) or jump with ctrl+k.")
	}
	w := p.width
	h := max(1, p.height)
	lines, selLine := p.lines, p.selLine
	offset := max(0, min(p.offset, len(lines)-h))
	end := min(len(lines), offset+h)
	var sb strings.Builder
	for i := offset; i < end; i++ {
		l := lines[i]
		if i == selLine {
			// Selectable lines start with two blanks: the marker takes them.
			l = t.SelectedLine(Marker+" "+strings.TrimPrefix(ansiStrip(l), "  "), w)
		}
		sb.WriteString(l)
		if i < end-1 {
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func (p *Plan) bar(frac float64, w int) string {
	full := int(frac*float64(w) + 0.5)
	return p.theme.BarFull.Render(strings.Repeat("█", full)) + p.theme.BarEmpty.Render(strings.Repeat("░", w-full))
}

func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

// due is an action item's state for the due column: done, overdue or due, and
// the date it is snoozed to.
func (p *Plan) due(it domain.ActionItem) string {
	due := ""
	switch {
	case it.Done:
		due = "done"
	case it.Overdue(p.today):
		due = "! overdue " + it.Due.Describe(p.today)
	case !it.Due.IsZero():
		due = "due " + it.Due.Describe(p.today)
	}
	if it.SnoozedUntil > p.today && !it.Done {
		due += " (snoozed to " + p.ctx.Date(it.SnoozedUntil) + ")"
	}
	return due
}
