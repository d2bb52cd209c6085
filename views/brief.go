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

// Messages of the brief.
type (
	// BriefRequestMsg asks to open the pre-call brief of an account.
	BriefRequestMsg struct{ AccountID uint64 }
	// NoteWithMsg asks to start a note on an account with these attendees ticked.
	NoteWithMsg struct {
		AccountID uint64
		Attendees []uint64
	}
	// FollowUpRequestMsg asks to draft the follow-up of a note: the one
	// numbered NoteID on the account (AccountID and AccountUID), or when
	// NoteID is 0 the last one saved here (on the account, when AccountID
	// is not 0).
	FollowUpRequestMsg struct {
		AccountID  uint64
		AccountUID string
		NoteID     uint64
	}
)

// BriefScope is the config file's scope of the brief's keys ([keys.brief]).
const BriefScope = "brief"

// BriefKeys are the brief's keys.
type BriefKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Note, FollowUp, Open, Help, Close       key.Binding
}

// ShortHelp implements help.KeyMap.
func (k BriefKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Note, k.FollowUp, k.Down, k.Open, k.Close}
}

// FullHelp implements help.KeyMap.
func (k BriefKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Note, k.FollowUp, k.Open, k.Help, k.Close}}
}

// DefaultBriefKeys are the brief's bindings.
func DefaultBriefKeys() BriefKeys {
	nav := DefaultNavKeys()
	return BriefKeys{
		Up: withHelp(nav.Up, "scroll up"), Down: withHelp(nav.Down, "scroll"),
		PageUp: withHelp(nav.PageUp, "page up"), PageDown: withHelp(nav.PageDown, "page down"),
		Top: withHelp(nav.Top, "top"), Bottom: withHelp(nav.Bottom, "bottom: every row"),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "call note (✓ ticked)")),
		FollowUp: key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "follow-up")),
		Open:     key.NewBinding(key.WithKeys("enter", "o"), key.WithHelp("enter", "open account")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close:    key.NewBinding(key.WithKeys("esc", "b", "q"), key.WithHelp("esc", "close")),
	}
}

// Brief is the pre-call brief of one account, an overlay: one screen, the
// sections given the lines they need in order of importance (the talking
// points first), each saying how many it leaves out. Scrolling down gives
// the sections the lines scrolled, in the same order, until every row is
// shown: a viewport over the brief as tall as it needs.
type Brief struct {
	ctx    *Context
	keys   BriefKeys
	b      domain.Brief
	off    int // lines scrolled
	width  int
	height int
	done   bool
}

// NewBrief shows the brief b.
func NewBrief(ctx *Context, b domain.Brief) *Brief {
	return &Brief{ctx: ctx, keys: remapKeys(ctx, BriefScope, DefaultBriefKeys()), b: b}
}

// AccountID is the account the brief is of.
func (v *Brief) AccountID() uint64 { return v.b.AccountID }

// SetBrief replaces the brief (after a write on its account).
func (v *Brief) SetBrief(b domain.Brief) { v.b = b }

// KeyMap implements Overlay.
func (v *Brief) KeyMap() help.KeyMap { return v.keys }

// Done implements Overlay.
func (v *Brief) Done() bool { return v.done }

// Capturing is false: no text is typed here (ctrl+f opens the search over it).
func (v *Brief) Capturing() bool { return false }

// HelpTitle names the brief in the full help.
func (v *Brief) HelpTitle() string { return "Pre-call brief" }

// SetSize implements Overlay.
func (v *Brief) SetSize(w, h int) { v.width, v.height = w, h }

// Update implements Overlay.
func (v *Brief) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	page := max(1, v.height-1)
	switch {
	case key.Matches(k, v.keys.Close):
		v.done = true
	case key.Matches(k, v.keys.Help):
		return msgCmd(ShowHelpMsg{})
	case key.Matches(k, v.keys.Up):
		v.scroll(-1)
	case key.Matches(k, v.keys.Down):
		v.scroll(1)
	case key.Matches(k, v.keys.PageUp):
		v.scroll(-page)
	case key.Matches(k, v.keys.PageDown):
		v.scroll(page)
	case key.Matches(k, v.keys.Top):
		v.off = 0
	case key.Matches(k, v.keys.Bottom):
		v.scroll(1 << 20)
	case key.Matches(k, v.keys.Note):
		return msgCmd(NoteWithMsg{AccountID: v.b.AccountID, Attendees: v.b.Attendees()})
	case key.Matches(k, v.keys.FollowUp):
		return msgCmd(FollowUpRequestMsg{AccountID: v.b.AccountID})
	case key.Matches(k, v.keys.Open):
		v.done = true
		return msgCmd(OpenAccountMsg{ID: v.b.AccountID})
	}
	return nil
}

// section is a heading and its rows; more counts rows not listed at all.
type briefSection struct {
	head  string
	rows  []string
	empty string // said on the heading line when there are no rows
	shown int
}

// scroll moves the view by n lines, within the brief.
func (v *Brief) scroll(n int) {
	head, secs := v.parts()
	full := len(head) + len(secs)
	for _, s := range secs {
		full += len(s.rows)
	}
	v.off = max(0, min(v.off+n, full-max(1, v.height)))
}

// View implements Overlay.
func (v *Brief) View() string {
	h := max(1, v.height) // the cockpit's footer says the keys
	head, secs := v.parts()
	out := briefLayout(v.ctx.Theme, head, secs, h+v.off, max(20, v.width))
	out = out[min(v.off, len(out)):]
	if len(out) > h {
		out = out[:h]
	}
	for len(out) < h {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// parts are the brief's heading lines (wrapped, so that the next check-in
// and the health's reason show at 80 columns) and its sections, in the
// order they are given lines.
func (v *Brief) parts() ([]string, []*briefSection) {
	t, b, w := v.ctx.Theme, &v.b, max(20, v.width)
	today := b.Today
	date := v.ctx.Date
	var head []string
	title := fmt.Sprintf("Brief · %s", Clip(b.Name, max(10, w-50)))
	facts := fmt.Sprintf("  %s · %s · ARR %s", b.Tier, b.Stage, b.ARR.Short())
	head = append(head, ansiTrunc(t.Title.Render(title)+t.Muted.Render(facts), w))
	glyph, gst := t.HealthGlyph(b.Health)
	for i, l := range wrapText("Health "+b.HealthText(), w-2) {
		if i == 0 {
			l = gst.Render(glyph) + " " + t.Bold.Render("Health") + strings.TrimPrefix(l, "Health")
		} else {
			l = "  " + l
		}
		head = append(head, l)
	}
	renewal := "Renewal " + b.RenewalText()
	if b.NextCheckIn != 0 {
		renewal += " · next check-in " + date(b.NextCheckIn)
	}
	head = append(head, wrapText(renewal, w)...)

	// The sections, in the order they are given lines.
	var points, people, promised, told, open, goals briefSection
	points = briefSection{head: "Talking points", empty: "nothing stands out in the records"}
	for _, p := range b.Points {
		cite := "[" + citeList(p.Cites) + "]"
		text := Clip(p.Text, max(10, w-4-Width(cite)))
		pad := strings.Repeat(" ", max(1, w-2-Width(text)-Width(cite)))
		points.rows = append(points.rows, "• "+text+pad+t.Muted.Render(cite))
	}
	people = briefSection{head: "Likely on the call", empty: "no contacts recorded"}
	for _, c := range b.Contacts {
		spoke := "never spoken"
		if c.LastSpoke != 0 {
			spoke = "spoke " + c.LastSpoke.Describe(today)
		}
		mark := "  "
		if c.Likely {
			mark = "✓ "
		}
		line := mark + Fit(c.Name, 20) + " " + Fit(string(c.Role), 14) + " " + Fit(c.Title, 18) + " " + spoke
		people.rows = append(people.rows, Clip(line, w))
	}
	overdue := 0
	for _, it := range b.Promised {
		due, st := "no date", t.Muted
		switch {
		case it.Overdue:
			due, st = "overdue "+it.Due.Describe(today), t.Bad
			overdue++
		case it.Due != 0:
			due = "due " + date(it.Due)
		}
		promised.rows = append(promised.rows, "• "+Fit(it.Text, max(10, w-24))+" "+st.Render(Clip(due, 20)))
	}
	promised.head = "We promised"
	if overdue > 0 {
		promised.head = fmt.Sprintf("We promised (%d overdue)", overdue)
	}
	promised.empty = "no open action items"
	told = briefSection{head: "They told us", empty: "no notes yet"}
	for _, n := range b.Told {
		sent, st := "·", t.Muted
		switch n.Sentiment {
		case domain.SentimentPositive:
			sent, st = "+", t.Good
		case domain.SentimentNegative:
			sent, st = "−", t.Bad
		}
		lead := fmt.Sprintf("%s %-7s ", Fit(date(n.On), 10), n.Channel)
		told.rows = append(told.rows, st.Render(sent)+" "+t.Muted.Render(lead)+Clip(n.First, max(10, w-2-Width(lead))))
	}
	open = briefSection{head: "Open opportunities and risks", empty: "none"}
	for _, o := range b.Opps {
		open.rows = append(open.rows, Clip(fmt.Sprintf("◆ %s — %s %s, %s %d%%, %s", domain.Printable(o.Title), o.Kind, o.Value.Short(), o.Stage, o.Probability, o.CloseText(today, date)), w))
	}
	for _, r := range b.Risks {
		st := t.Warn
		if r.Severity.Rank() >= domain.SevHigh.Rank() {
			st = t.Bad
		}
		open.rows = append(open.rows, st.Render("▲ ")+Clip(fmt.Sprintf("%s — %s %s, %s since %s", domain.Printable(r.Title), r.Severity, r.Kind, r.Status, date(r.Opened)), w-2))
	}
	goals = briefSection{head: "Goals off track", empty: "none"}
	for _, g := range b.GoalsOff {
		goals.rows = append(goals.rows, Clip(fmt.Sprintf("• %s — %s, %d%% done, due %s", domain.Printable(g.Title), g.Status, g.Progress, date(g.Due)), w))
	}
	return head, []*briefSection{&points, &promised, &told, &people, &open, &goals}
}

// briefLayout is the brief in h lines (more when h is too few for the
// headings): the heading of each section, then one row each, then the
// talking points (the first section) all, then one more row of each in
// turn, as the height allows.
func briefLayout(t *Theme, head []string, secs []*briefSection, h, w int) []string {
	left := h - len(head) - len(secs)
	for _, s := range secs {
		if len(s.rows) > 0 && left > 0 {
			s.shown, left = 1, left-1
		}
	}
	if len(secs) > 0 {
		grow := min(left, len(secs[0].rows)-secs[0].shown)
		secs[0].shown, left = secs[0].shown+grow, left-grow
	}
	for left > 0 {
		grew := false
		for _, s := range secs {
			if s.shown < len(s.rows) && left > 0 {
				s.shown++
				left--
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	out := slices.Clone(head)
	for _, s := range secs {
		hd := t.Heading.Render(s.head)
		switch {
		case len(s.rows) == 0:
			hd += t.Muted.Render(": " + s.empty)
		case s.shown < len(s.rows):
			hd += t.Muted.Render(fmt.Sprintf("  (%d of %d)", s.shown, len(s.rows)))
		}
		out = append(out, ansiTrunc(hd, w))
		for _, r := range s.rows[:s.shown] {
			out = append(out, ansiTrunc(r, w))
		}
	}
	return out
}

// citeList names the records cited as the records browser (l) names
// their kinds, a kind once for its numbers: "item #4", "note #12 #9".
func citeList(cs []domain.Cite) string {
	var b strings.Builder
	for i, c := range cs {
		switch {
		case i == 0:
		case cs[i-1].Kind == c.Kind:
			fmt.Fprintf(&b, " #%d", c.ID)
			continue
		default:
			b.WriteString(", ")
		}
		kind := citeKinds[c.Kind]
		if kind == "" {
			kind = c.Kind
		}
		fmt.Fprintf(&b, "%s #%d", kind, c.ID)
	}
	return b.String()
}

// citeKinds are the records browser's names of the kinds a brief cites.
var citeKinds = map[string]string{"action item": KindItem, "interaction": KindNote, "contact": KindContact, "risk": KindRisk,
	"opportunity": KindOpportunity, "goal": KindGoal, "account": "account"}
