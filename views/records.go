package views

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// The records browser: every record of one account, grouped by kind, with a
// cursor and a filter; enter reads one in full, e edits it, d deletes it
// (after asking), a adds one, p records a goal's progress, u undoes the last
// change. It is an overlay: the root loads the records (RecordsMsg) and does
// every write.

// The kinds of record, as the app names them (app.Kinds; the cockpit converts).
const (
	KindContact     = "contact"
	KindNote        = "note"
	KindItem        = "item"
	KindGoal        = "goal"
	KindStrategy    = "strategy"
	KindStep        = "step"
	KindOpportunity = "opportunity"
	KindRisk        = "risk"
	KindWin         = "win"
	KindSurvey      = "survey"
	KindOrder       = "order"
)

// RecordKinds is every kind, in the order the browser groups them.
var RecordKinds = []string{KindContact, KindNote, KindItem, KindGoal, KindStrategy, KindStep, KindOpportunity, KindRisk, KindWin, KindSurvey, KindOrder}

// kindPlural and kindSingular name the kinds for people.
var (
	kindPlural = map[string]string{KindContact: "Contacts", KindNote: "Notes", KindItem: "Action items", KindGoal: "Goals",
		KindStrategy: "Strategies", KindStep: "Onboarding steps", KindOpportunity: "Opportunities", KindRisk: "Risks",
		KindWin: "Wins", KindSurvey: "Survey answers", KindOrder: "Orders"}
	kindSingular = map[string]string{KindContact: "contact", KindNote: "note", KindItem: "action item", KindGoal: "goal",
		KindStrategy: "strategy", KindStep: "onboarding step", KindOpportunity: "opportunity", KindRisk: "risk",
		KindWin: "win", KindSurvey: "survey answer", KindOrder: "order"}
)

// KindName is a kind in words ("action item").
func KindName(kind string) string {
	if s, ok := kindSingular[kind]; ok {
		return s
	}
	return kind
}

// Record is one record of an account as the browser lists it (app.Rec):
// its kind, its number (#N; a strategy's or step's position), its UID, a
// label a person recognises, and the record itself (domain.Contact,
// domain.Interaction, …, string for a strategy, domain.ChecklistItem for a step).
type Record struct {
	Kind  string
	ID    uint64
	UID   string
	Label string
	Value any
	Was   any // the record as an edit started from it (its form's first values)
}

// Name is the record in a few words for messages: its kind, number and label.
func (r Record) Name() string {
	return fmt.Sprintf("%s #%d %q", KindName(r.Kind), r.ID, domain.Excerpt(r.Label, 40))
}

// Requests of the browser (and the panes) to the root, and its answers.
type (
	// RecordsRequestMsg asks to open the records browser on an account.
	RecordsRequestMsg struct {
		Account  Ref
		Currency string
	}
	// RecordsMsg carries an account's records (the browser takes those of its account).
	RecordsMsg struct {
		Account Ref
		Records []Record
		Err     string
	}
	// SaveRecordMsg asks to store a record: new when Record.ID is 0, else
	// over the record it names, if it is still that record.
	SaveRecordMsg struct {
		Account Ref
		Record  Record
	}
	// DeleteRecordMsg asks to delete the record, if it is still that record.
	DeleteRecordMsg struct {
		Account Ref
		Record  Record
	}
	// GoalProgressMsg asks to record a goal's progress on a day.
	GoalProgressMsg struct {
		Account Ref
		Goal    Record
		Value   float64
		On      domain.Date
		Note    string
	}
	// SelectRecordMsg puts the browser's cursor on a record (one just
	// added) once its records have it.
	SelectRecordMsg struct {
		Account Ref
		Kind    string
		ID      uint64
		Read    bool // and open its reader (a record found by the search)
	}
	// LoadRecordsMsg asks for an account's records again (they changed).
	LoadRecordsMsg struct{ Account Ref }
	// UndoRecordMsg asks to undo the last change made on records in the cockpit.
	UndoRecordMsg struct{}
	// OverlayRequestMsg asks the root to open an overlay (a reader).
	OverlayRequestMsg struct{ Overlay Overlay }
	// ShowHelpMsg asks the root to show the full help (of the top overlay).
	ShowHelpMsg struct{}
)

// RecordsTitle names the records browser: its keys are the config's
// [keys.records] (the reader's scrolling, edit, progress and delete too).
const RecordsTitle = "Records"

// RecordsKeys are the records browser's remappable keys; esc and q close
// it, ? shows its help and / filters too, whatever the config says.
type RecordsKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Read, Edit, Progress, Delete, Add       key.Binding
	Filter, Undo, Note, FollowUp            key.Binding
}

// fixedKeys are an overlay's keys that the config does not remap.
type fixedKeys struct{ Help, Close key.Binding }

func defaultFixedKeys() fixedKeys {
	return fixedKeys{
		Help:  key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Close: key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc q", "close")),
	}
}

// recordsHelp is the browser's keys for help: the remappable and the fixed ones.
type recordsHelp struct {
	RecordsKeys
	fixed fixedKeys
}

// ShortHelp implements help.KeyMap.
func (k recordsHelp) ShortHelp() []key.Binding {
	return []key.Binding{k.Read, k.Edit, k.Delete, k.Add, k.Undo, k.fixed.Close, k.fixed.Help, k.Progress, k.filter()}
}

// filter is the filter key as help shows it: / filters too, whatever the config says.
func (k recordsHelp) filter() key.Binding {
	f := k.Filter
	f.SetKeys(append(append([]string{}, f.Keys()...), "/")...)
	f.SetHelp(f.Help().Key+" /", f.Help().Desc)
	return f
}

// FullHelp implements help.KeyMap.
func (k recordsHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Read, k.Edit, k.Progress, k.Delete, k.Add, k.Note, k.FollowUp}, {k.filter(), k.Undo, k.fixed.Help, k.fixed.Close}}
}

// RecordsKey opens the records browser from the account and plan panes.
func RecordsKey() key.Binding {
	return key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "records"))
}

// UndoRecordKey undoes the last change made on records in the cockpit.
func UndoRecordKey() key.Binding {
	return key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo last record change"))
}

// DefaultRecordsKeys are the browser's bindings.
func DefaultRecordsKeys() RecordsKeys {
	nav := DefaultNavKeys()
	return RecordsKeys{
		Up: nav.Up, Down: nav.Down, PageUp: nav.PageUp, PageDown: withKeys(nav.PageDown, " "), Top: nav.Top, Bottom: nav.Bottom,
		Read:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Progress: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "goal progress")),
		Delete:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		Undo:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note on this account")),
		FollowUp: key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "follow-up of its last note")),
	}
}

// Records is the records browser of one account.
type Records struct {
	ctx       *Context
	theme     *Theme
	keys      RecordsKeys
	fixed     fixedKeys
	acct      Ref
	currency  string // of amounts typed without one (the account's ARR)
	recs      []Record
	shown     []int      // indexes into recs that pass the filter
	rows      []int      // the line of each shown record (headings take lines too)
	groups    []recGroup // the kinds' headings, in order
	cursor    int        // index into shown
	input     textinput.Model
	filtering bool
	filter    string
	loaded    bool
	want      *SelectRecordMsg // the record the cursor goes to when the records have it
	readNext  bool             // the wanted record was found and asked to be read
	err       string
	done      bool
	width     int
	height    int
}

// NewRecords opens the browser on an account; its records come in a RecordsMsg.
func NewRecords(ctx *Context, acct Ref, currency string) *Records {
	in := textinput.New()
	in.Prompt = "filter: "
	in.Placeholder = "words of a record, or a kind (notes, goals…)"
	in.CharLimit = 100
	return &Records{ctx: ctx, theme: ctx.Theme, keys: remapKeys(ctx, RecordsTitle, DefaultRecordsKeys()), fixed: defaultFixedKeys(), acct: acct, currency: currency, input: in}
}

// Account is the account the browser shows.
func (r *Records) Account() Ref { return r.acct }

// KeyMap implements Overlay.
func (r *Records) KeyMap() help.KeyMap { return recordsHelp{r.keys, r.fixed} }

// Done implements Overlay.
func (r *Records) Done() bool { return r.done }

// HelpTitle names the browser in the full help.
func (r *Records) HelpTitle() string { return "Records" }

// Close takes the browser off the stack (its account is gone).
func (r *Records) Close() { r.done = true }

// SetSize implements Overlay.
func (r *Records) SetSize(w, h int) {
	r.width, r.height = w, h
	r.input.Width = max(10, w-12)
}

// Selected is the record under the cursor.
func (r *Records) Selected() (Record, bool) {
	if r.cursor < 0 || r.cursor >= len(r.shown) {
		return Record{}, false
	}
	return r.recs[r.shown[r.cursor]], true
}

// SetRecords shows the account's records, keeping the cursor on the same record.
func (r *Records) SetRecords(recs []Record) {
	sel, had := r.Selected()
	r.recs, r.loaded, r.err = recs, true, ""
	r.refilter()
	if w := r.want; w != nil {
		sel, had = Record{Kind: w.Kind, ID: w.ID}, true
	}
	if had {
		for i, j := range r.shown {
			if x := r.recs[j]; x.Kind == sel.Kind && x.ID == sel.ID {
				r.cursor = i
				r.readNext = r.want != nil && r.want.Read
				r.want = nil
				break
			}
		}
	}
	r.clamp()
}

// Contacts are the account's contacts among its records.
func (r *Records) Contacts() []domain.Contact {
	var out []domain.Contact
	for _, x := range r.recs {
		if c, ok := x.Value.(domain.Contact); ok {
			out = append(out, c)
		}
	}
	return out
}

func (r *Records) refilter() {
	words := strings.Fields(strings.ToLower(r.filter))
	r.shown = r.shown[:0]
	for i, x := range r.recs {
		hay := strings.ToLower(x.Kind + " " + kindPlural[x.Kind] + " " + kindSingular[x.Kind] + " " + x.Label + " " + recordDetail(r.ctx, x))
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			r.shown = append(r.shown, i)
		}
	}
	// The layout: a heading line before each kind's first record.
	r.groups, r.rows = r.groups[:0], r.rows[:0]
	for i, j := range r.shown {
		k := r.recs[j].Kind
		if len(r.groups) == 0 || r.groups[len(r.groups)-1].kind != k {
			r.groups = append(r.groups, recGroup{kind: k, line: i + len(r.groups)})
		}
		r.groups[len(r.groups)-1].n++
		r.rows = append(r.rows, i+len(r.groups))
	}
}

// recGroup is one kind's heading in the list: its line and how many records follow.
type recGroup struct {
	kind string
	line int
	n    int
}

func (r *Records) clamp() {
	r.cursor = max(0, min(r.cursor, len(r.shown)-1))
}

// Update handles the records and the keys.
func (r *Records) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case RecordsMsg:
		if msg.Account.ID == r.acct.ID && msg.Account.UID == r.acct.UID {
			if msg.Err != "" {
				r.err, r.loaded = msg.Err, true
				return nil
			}
			r.SetRecords(msg.Records)
			if sel, ok := r.Selected(); ok && r.readNext {
				r.readNext = false
				return msgCmd(OverlayRequestMsg{Overlay: NewReader(r.ctx, r.acct, sel, r.Contacts())})
			}
		}
		return nil
	case SelectRecordMsg:
		if msg.Account.ID == r.acct.ID && msg.Account.UID == r.acct.UID {
			r.want = &msg
		}
		return nil
	case DetailMsg:
		// The open account was reloaded (a write here or elsewhere): so are
		// its records; when it is gone, so is the browser.
		if msg.Detail == nil {
			r.done = true
		} else if msg.Detail.Account.ID == r.acct.ID && msg.Detail.Account.UID == r.acct.UID {
			return msgCmd(LoadRecordsMsg{Account: r.acct})
		}
		return nil
	case tea.KeyMsg:
		return r.key(msg)
	}
	if r.filtering {
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(msg)
		return cmd
	}
	return nil
}

func (r *Records) key(km tea.KeyMsg) tea.Cmd {
	if r.filtering {
		switch km.String() {
		case "enter":
			r.filtering = false
			r.input.Blur()
			return nil
		case "esc":
			r.filtering = false
			r.input.Blur()
			r.input.SetValue("")
			r.filter = ""
			r.refilter()
			r.clamp()
			return nil
		}
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(km)
		if v := r.input.Value(); v != r.filter {
			r.filter = v
			r.refilter()
			r.cursor = 0
		}
		return cmd
	}
	page := max(1, r.height-4)
	sel, has := r.Selected()
	acct := r.acct
	today := r.ctx.Today()
	switch {
	case key.Matches(km, r.fixed.Close):
		if km.String() == "esc" && r.filter != "" {
			r.filter = ""
			r.input.SetValue("")
			r.refilter()
			r.clamp()
			return nil
		}
		r.done = true
		return nil
	case key.Matches(km, r.fixed.Help):
		return msgCmd(ShowHelpMsg{})
	case key.Matches(km, r.keys.Up):
		r.cursor--
	case key.Matches(km, r.keys.Down):
		r.cursor++
	case key.Matches(km, r.keys.PageUp):
		r.cursor -= page
	case key.Matches(km, r.keys.PageDown):
		r.cursor += page
	case key.Matches(km, r.keys.Top):
		r.cursor = 0
	case key.Matches(km, r.keys.Bottom):
		r.cursor = len(r.shown) - 1
	case key.Matches(km, r.keys.Filter) || km.String() == "/":
		r.filtering = true
		r.input.SetValue(r.filter)
		r.input.CursorEnd()
		return r.input.Focus()
	case key.Matches(km, r.keys.Undo):
		return msgCmd(UndoRecordMsg{})
	case key.Matches(km, r.keys.Add):
		return formCmd(AddRecordForm(acct, r.Contacts(), r.currency, today))
	case key.Matches(km, r.keys.Note):
		return msgCmd(NoteRequestMsg{Account: acct})
	case key.Matches(km, r.keys.FollowUp):
		return msgCmd(FollowUpRequestMsg{AccountID: acct.ID, AccountUID: acct.UID})
	case !has:
		if r.loaded {
			return msgCmd(StatusMsg{Text: "no record selected: a adds one"})
		}
		return nil
	case key.Matches(km, r.keys.Read):
		return msgCmd(OverlayRequestMsg{Overlay: NewReader(r.ctx, acct, sel, r.Contacts())})
	case key.Matches(km, r.keys.Edit):
		return EditRecordCmd(acct, sel, r.Contacts(), today)
	case key.Matches(km, r.keys.Delete):
		return formCmd(DeleteRecordForm(acct, sel))
	case key.Matches(km, r.keys.Progress):
		if sel.Kind != KindGoal {
			return msgCmd(StatusMsg{Text: "p records a goal's progress: pick a goal (" + KindName(sel.Kind) + " selected)"})
		}
		return formCmd(GoalProgressForm(acct, sel, today))
	}
	r.clamp()
	return nil
}

// recordDetail is a record's key fields in a few words, after its label.
func recordDetail(ctx *Context, x Record) string {
	switch v := x.Value.(type) {
	case domain.Contact:
		return strings.Join(strings.Fields(string(v.Role)+" "+v.Title+" "+v.Email), " ")
	case domain.Interaction:
		var parts []string
		if v.Sentiment != "" {
			parts = append(parts, string(v.Sentiment))
		}
		if n := len(v.Revisions); n > 0 {
			parts = append(parts, fmt.Sprintf("edited %d×", n))
		}
		return strings.Join(parts, " · ")
	case domain.ActionItem:
		switch {
		case v.Done:
			return "done"
		case v.Overdue(ctx.Today()): // marked as the plan pane marks it
			return "! overdue, due " + ctx.Date(v.Due)
		case !v.Due.IsZero():
			return "due " + ctx.Date(v.Due)
		}
		return "open"
	case domain.Goal:
		due := "due " + ctx.Date(v.Due)
		if v.Status(ctx.Today()) == domain.GoalOverdue {
			due += " !"
		}
		return fmt.Sprintf("%s %s→%s (%.0f%%) %s", v.Metric, num(v.Current), num(v.Target), v.Progress()*100, due)
	case domain.ChecklistItem:
		if v.Done {
			return "done"
		}
		if !v.Due.IsZero() && v.Due < ctx.Today() {
			return "due " + ctx.Date(v.Due) + " !" // past due, as the plan pane marks it
		}
		if !v.Due.IsZero() {
			return "due " + ctx.Date(v.Due)
		}
		return "open"
	case domain.Opportunity:
		return fmt.Sprintf("%s · %s · %s", v.Kind, v.Stage, v.Value.Short())
	case domain.Risk:
		return fmt.Sprintf("%s · %s", v.Severity, v.Status)
	case domain.Win:
		return ctx.Date(v.Date)
	case domain.SurveyResponse:
		return domain.Excerpt(v.Comment, 40)
	}
	return ""
}

// View draws the window of the records grouped by kind, the cursor's row
// marked; it formats only the rows on screen.
func (r *Records) View() string {
	t := r.theme
	w := max(10, r.width)
	out := []string{t.Heading.Render(Clip("Records of "+domain.Printable(r.acct.Name), w))}
	h := max(2, r.height-1) // the heading, the rows, and the last line: the filter, or how many
	switch {
	case !r.loaded:
		out = append(out, t.Muted.Render("loading…"))
	case r.err != "":
		out = append(out, t.Error.Render(Clip(r.err, w)))
	case len(r.recs) == 0:
		out = append(out, t.Muted.Render(Clip("No records yet: a adds a contact, note, goal, opportunity, survey answer, order…", w)))
	case len(r.shown) == 0:
		out = append(out, t.Muted.Render(Clip("no record matches the filter (esc clears it)", w)))
	}
	// The rows: a heading before each kind's first record. The cursor's row
	// sits in the middle once the list is longer than the window (View
	// changes nothing).
	sel := -1
	if r.cursor >= 0 && r.cursor < len(r.rows) {
		sel = r.rows[r.cursor]
	}
	total := len(r.shown) + len(r.groups)
	room := h - len(out)
	off := max(0, min(sel-(room-1)/2, total-room))
	for line := off; line < total && len(out) < h; line++ {
		out = append(out, r.line(line, w))
	}
	for len(out) < h {
		out = append(out, "")
	}
	if r.filtering {
		out = append(out, r.input.View())
	} else {
		foot := fmt.Sprintf("%d of %d records", len(r.shown), len(r.recs))
		if r.filter != "" {
			foot += " · filter: " + Clip(r.filter, 30) + " (f edit, esc clear)"
		}
		out = append(out, t.Muted.Render(Clip(foot, w)))
	}
	return clipLines(strings.Join(out, "\n"), w)
}

// line draws line n of the grouped list: a kind's heading or a record.
func (r *Records) line(n, w int) string {
	t := r.theme
	// The record before which n sits: headings take a line each.
	g := sort.Search(len(r.groups), func(i int) bool { return r.groups[i].line > n }) - 1
	if g < 0 {
		return ""
	}
	grp := r.groups[g]
	if n == grp.line {
		return t.Bold.Render(Clip(fmt.Sprintf("%s (%d)", kindPlural[grp.kind], grp.n), w))
	}
	i := n - g - 1 // index into shown
	x := r.recs[r.shown[i]]
	num := fmt.Sprintf("#%-3d ", x.ID)
	detail := domain.Printable(recordDetail(r.ctx, x))
	labelW := max(10, w-2-Width(num)-min(Width(detail), w/3)-2)
	l := num + Fit(x.Label, labelW)
	if detail != "" {
		l += "  " + Clip(detail, max(0, w-2-Width(l)-2))
	}
	return t.Row(strings.TrimRight(l, " "), w, i == r.cursor)
}

// Capturing reports whether keys are text (the filter is open): otherwise
// each key is a command, even when several arrive at once.
func (r *Records) Capturing() bool { return r.filtering }
