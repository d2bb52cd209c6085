package views

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// AccountKeys are the account pane's keys.
type AccountKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom                    key.Binding
	Contact, Opportunity, Risk, Win, Plan, Export, Edit, Brief key.Binding
	EditContact, EditOpportunity, EditRisk, Delete             key.Binding
	Records, Undo                                              key.Binding // records.go
}

// ShortHelp implements help.KeyMap.
func (k AccountKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Brief, k.Records, k.Edit, k.Contact, k.Opportunity, k.Risk, k.Win, k.Undo, k.Export}
}

// FullHelp implements help.KeyMap.
func (k AccountKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Brief, k.Edit, k.Contact, k.Opportunity, k.Risk, k.Win, k.Plan, k.Export}, {k.EditContact, k.EditOpportunity, k.EditRisk, k.Delete}, {k.Records, k.Undo}}
}

// FormRequestMsg asks the app to open a form (it owns overlays).
type FormRequestMsg struct{ Form *Form }

// AccountTitle is the account pane's title.
const AccountTitle = "Account"

// Account shows one account.
type Account struct {
	ctx     *Context
	theme   *Theme
	keys    AccountKeys
	vp      viewport.Model
	d       *domain.AccountDetail
	health  domain.HealthReport
	change  domain.HealthChange // over domain.TrendDays, as the brief says it
	today   domain.Date
	more    bool    // more interactions in the store
	key     bool    // a key account
	score   float64 // its key-account score
	loading bool
	width   int
	height  int
	content string     // what the viewport holds
	found   *SearchHit // a record found, to bring into view when its account is shown
}

// NewAccount builds the account pane.
func NewAccount(ctx *Context) *Account {
	vp := viewport.New(0, 0)
	vp.KeyMap = viewport.KeyMap{} // the pane maps its own keys
	nav := DefaultNavKeys()
	return &Account{ctx: ctx, theme: ctx.Theme, vp: vp, keys: remapKeys(ctx, AccountTitle, AccountKeys{
		Up:              withHelp(nav.Up, "scroll up"),
		Down:            withHelp(nav.Down, "scroll down"),
		PageUp:          nav.PageUp,
		PageDown:        withKeys(nav.PageDown, " "),
		Top:             nav.Top,
		Bottom:          nav.Bottom,
		Contact:         key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "add contact")),
		Opportunity:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "add opportunity")),
		Risk:            key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "add risk")),
		Win:             key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "add win")),
		Plan:            key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "plan")),
		Export:          key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export brief (Markdown)")),
		Edit:            key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit profile")),
		Brief:           key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "brief")),
		EditContact:     key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "edit a contact")),
		EditOpportunity: key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "move an opportunity (won, lost…)")),
		EditRisk:        key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "update a risk (resolve…)")),
		Delete:          key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete the account")),
		Records:         RecordsKey(),
		Undo:            UndoRecordKey(),
	})}
}

// Init implements Pane.
func (a *Account) Init() tea.Cmd { return nil }

// Title implements Pane.
func (a *Account) Title() string { return AccountTitle }

// Capturing implements Pane: the account pane has no text input.
func (a *Account) Capturing() bool { return false }

// ShowsDetail marks the pane as a view of the open account (DetailPane).
func (a *Account) ShowsDetail() {}

// CurrentAccount is the open account (AccountPane).
func (a *Account) CurrentAccount() uint64 { return a.ID() }

// KeyMap is the pane's keys, for help.
func (a *Account) KeyMap() help.KeyMap { return a.keys }

// ID is the shown account's ID, or 0.
func (a *Account) ID() uint64 {
	if a.d == nil {
		return 0
	}
	return a.d.Account.ID
}

// Detail is the shown account's data, or nil.
func (a *Account) Detail() *domain.AccountDetail { return a.d }

// SetLoading marks that an account is being loaded.
func (a *Account) SetLoading() { a.loading = true }

// SetDetail shows an account (a copy of d); more says whether older
// interactions remain. The scroll position is kept when the same account is refreshed.
func (a *Account) SetDetail(d *domain.AccountDetail, more bool, today domain.Date) {
	same := a.d != nil && d != nil && a.d.Account.ID == d.Account.ID
	a.d, a.more, a.today, a.loading = nil, more, today, false
	if d != nil {
		c := *d
		a.d = &c
		a.change = domain.NewHealthChange(&c, today, a.ctx.Now().Location())
		a.health = domain.Health(&d.Summary, today)
	}
	y := a.vp.YOffset
	a.render()
	if same {
		a.vp.SetYOffset(y)
	} else {
		a.vp.GotoTop()
	}
	a.showFound()
}

// foundSections are the headings of the pane's sections a record found
// is in, by its kind (others are not on the pane, or only as a count).
var foundSections = map[string]string{
	domain.TextHandoff:     "Sales hand-off brief",
	domain.TextContact:     "Contacts (",
	domain.TextOpportunity: "Opportunities ",
	domain.TextRisk:        "Risks and escalations",
}

// showFound scrolls to the record found (a.found) once its account is the
// one shown: its section's heading at the top, or its own line when that
// is further than a screen below; a custom field's line.
func (a *Account) showFound() {
	h := a.found
	if h == nil || a.d == nil || a.d.Account.ID != h.AccountID || a.d.Account.UID != h.AccountUID {
		return
	}
	a.found = nil
	lines := strings.Split(ansi.Strip(a.content), "\n")
	at := func(from int, ok func(string) bool) int {
		for i := from; i < len(lines); i++ {
			if ok(lines[i]) {
				return i
			}
		}
		return -1
	}
	y := -1
	if h.Kind == domain.TextField {
		name := domain.Printable(h.Field) + ": "
		y = at(0, func(l string) bool { return strings.HasPrefix(l, name) })
	} else if head, ok := foundSections[h.Kind]; ok {
		y = at(0, func(l string) bool { return strings.HasPrefix(l, head) })
		if label := domain.Printable(h.Label); y >= 0 && label != "" {
			if r := at(y+1, func(l string) bool { return strings.Contains(l, label) }); r-y >= a.vp.Height {
				y = r
			}
		}
	}
	if y >= 0 {
		a.vp.SetYOffset(y)
	}
}

// SetKeyAccount says whether the account about to be shown is a key account
// and its score (drawn by the next SetDetail).
func (a *Account) SetKeyAccount(score float64, key bool) { a.score, a.key = score, key }

// AppendInteractions adds an older page of interactions.
func (a *Account) AppendInteractions(id uint64, page []domain.Interaction, more bool) {
	if a.d == nil || a.d.Account.ID != id {
		return
	}
	a.d.Interactions = append(slices.Clip(a.d.Interactions), page...)
	a.more = more
	y := a.vp.YOffset
	a.render()
	a.vp.SetYOffset(y)
}

// SetSize lays the pane out.
func (a *Account) SetSize(w, h int) {
	a.width, a.height = w, h
	a.vp.Width, a.vp.Height = w, max(0, h)
	a.render()
}

// Update handles keys and the open account's records; scrolling near the
// end asks for older interactions.
func (a *Account) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case DetailMsg:
		a.SetKeyAccount(msg.KeyScore, msg.Key)
		a.SetDetail(msg.Detail, msg.More, a.ctx.Today())
		return nil
	case TimelinePageMsg:
		a.AppendInteractions(msg.AccountID, msg.Page, msg.More)
		return nil
	case OpenAccountMsg:
		if msg.ID != a.ID() {
			a.SetLoading()
		}
		return nil
	case ShowFoundMsg:
		a.found = &msg.Hit
		a.showFound()
		return nil
	case ItemsMsg:
		if a.d != nil && a.d.Account.ID == msg.AccountID {
			a.d.Items = msg.Items // not drawn here; kept for the brief
		}
		return nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok || a.d == nil {
		return nil
	}
	id := a.d.Account.ID
	// Forms capture the account by number and UID: what they save lands on
	// this account or nowhere, whatever the pane shows when they complete.
	acct := RefOf(&a.d.Account)
	k := a.keys
	switch {
	case scrollKey(&a.vp, km, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
	case key.Matches(km, a.keys.Edit):
		return formCmd(AccountForm(a.d.Account, a.today))
	case key.Matches(km, a.keys.EditContact) && len(a.d.Contacts) > 0:
		cs := a.d.Contacts
		labels := make([]string, len(cs))
		for i, c := range cs {
			labels[i] = c.Name + " · " + string(c.Role)
		}
		return formCmd(PickForm("Edit a contact", labels, func(i int) *Form { return asRecord(ContactForm(acct, cs[i]), acct, recordOf(KindContact, cs[i])) }))
	case key.Matches(km, a.keys.EditOpportunity) && len(a.d.Opportunities) > 0:
		os := a.d.Opportunities
		labels := make([]string, len(os))
		for i, o := range os {
			labels[i] = fmt.Sprintf("%s · %s · %s", o.Title, o.Stage, o.Value.Short())
		}
		today, acctNow := a.today, a.d.Account
		return formCmd(PickForm("Move an opportunity", labels, func(i int) *Form { return OpportunityMoveForm(acct, &acctNow, os[i], today) }))
	case key.Matches(km, a.keys.EditRisk) && len(a.d.Risks) > 0:
		rs := a.d.Risks
		labels := make([]string, len(rs))
		for i, r := range rs {
			labels[i] = fmt.Sprintf("%s · %s · %s", r.Title, r.Severity, r.Status)
		}
		today := a.today
		return formCmd(PickForm("Update a risk", labels, func(i int) *Form { return asRecord(RiskEditForm(acct, rs[i], today), acct, recordOf(KindRisk, rs[i])) }))
	case key.Matches(km, a.keys.Delete):
		return formCmd(DeleteAccountForm(acct))
	case key.Matches(km, a.keys.Records):
		return msgCmd(RecordsRequestMsg{Account: acct, Currency: a.d.Account.ARR.Currency})
	case key.Matches(km, a.keys.Undo):
		return msgCmd(UndoRecordMsg{})
	case key.Matches(km, a.keys.Contact):
		return formCmd(asRecord(ContactForm(acct, domain.Contact{}), acct, Record{Kind: KindContact}))
	case key.Matches(km, a.keys.Opportunity):
		return formCmd(asRecord(OpportunityForm(acct, a.today, a.d.Account.ARR.Currency), acct, Record{Kind: KindOpportunity}))
	case key.Matches(km, a.keys.Risk):
		return formCmd(asRecord(RiskForm(acct, a.today), acct, Record{Kind: KindRisk}))
	case key.Matches(km, a.keys.Win):
		return formCmd(asRecord(WinForm(acct, a.today), acct, Record{Kind: KindWin}))
	case key.Matches(km, a.keys.Brief):
		return msgCmd(BriefRequestMsg{AccountID: id})
	case key.Matches(km, a.keys.Export):
		return func() tea.Msg { return ExportPlanMsg{AccountID: id} }
	case key.Matches(km, a.keys.Plan):
		return msgCmd(GoToMsg{Title: PlanTitle})
	}
	if a.more && a.vp.TotalLineCount()-(a.vp.YOffset+a.vp.Height) < a.vp.Height {
		a.more = false // one request at a time; the page's arrival sets it again
		return func() tea.Msg { return MoreTimelineMsg{AccountID: id} }
	}
	return nil
}

func formCmd(f *Form) tea.Cmd { return func() tea.Msg { return FormRequestMsg{Form: f} } }

// View draws the visible part of the account.
func (a *Account) View() string {
	if a.d == nil {
		if a.loading {
			return a.theme.Muted.Render("loading…")
		}
		return a.theme.Muted.Render("No account open. Pick one in the portfolio (2) or jump with ctrl+k.")
	}
	return a.vp.View()
}

// render lays out the whole account once (on data or size change), not per frame.
func (a *Account) render() {
	if a.d == nil || a.width <= 0 {
		a.vp.SetContent("")
		return
	}
	t := a.theme
	d := a.d
	ac := &d.Account
	w := a.width
	p := domain.Printable
	var sb strings.Builder
	line := func(s string) { sb.WriteString(s); sb.WriteByte('\n') }
	section := func(title string) { line(""); line(t.Heading.Render(Clip(title, w))) }

	g, gs := t.HealthGlyph(a.health.Score)
	score := "n/a"
	if a.health.Score >= 0 {
		score = fmt.Sprintf("%d %s", a.health.Score, a.health.Band)
	}
	trend := ""
	if dlt, ok := a.change.Delta(); ok {
		trend = fmt.Sprintf(" (%+d in %d days)", dlt, domain.TrendDays)
	}
	line(t.Title.Render(Clip(ac.Name, w-20)) + "  " + gs.Render(g+" health "+score) + t.Muted.Render(trend))
	facts := fmt.Sprintf("%s · %s · %s · %s", ac.Tier, domain.StageShown(ac.Stage, ac.ContractStart), orDash(ac.Segment), orDash(ac.Industry))
	if ac.Employees > 0 { // 0 is unknown: left out
		facts += fmt.Sprintf(" · %d employees", ac.Employees)
	}
	line(Clip(facts, w))
	keyLine := fmt.Sprintf("key-account score %.0f/100, weighing ARR rank (%.0f%%), growth potential %d/5 (%.0f%%), how hard to replace %d/5 (%.0f%%)",
		a.score, domain.KeyWeightARR*100, ac.GrowthPotential, domain.KeyWeightGrowth*100, domain.HardToReplace(ac.Replaceability), domain.KeyWeightIrreplacable*100)
	if a.key {
		keyLine = "★ key account · " + keyLine
	}
	line(t.Muted.Render(Clip(keyLine, w)))
	line(Clip(fmt.Sprintf("Owner %s · AE %s · %s", orDash(ac.Owner), orDash(ac.AccountExec), orDash(ac.Website)), w))
	renewal := "no renewal date"
	switch {
	case ac.Stage == domain.StageClosed && !ac.ClosedOn.IsZero():
		renewal = "closed on " + a.ctx.Date(ac.ClosedOn) // no renewal to come
	case ac.Stage == domain.StageClosed:
		renewal = "closed"
	case !ac.Renewal.IsZero():
		renewal = fmt.Sprintf("renews %s (%s, notice %dd)", a.ctx.Date(ac.Renewal), ac.Renewal.Describe(a.today), ac.NoticeDays)
	}
	line(Clip(fmt.Sprintf("ARR %s · contract since %s · %s · check in every %dd", ac.ARR, a.ctx.Date(ac.ContractStart), renewal, ac.CadenceDays), w))
	if ac.Stage == domain.StageClosed {
		closed := "Closed " + a.ctx.Date(ac.ClosedOn)
		var parts []string // only the parts there are: no dangling dash
		for _, part := range []string{ac.ClosedReason, ac.ExitFeedback} {
			if part = strings.TrimSpace(part); part != "" {
				parts = append(parts, part)
			}
		}
		if len(parts) > 0 {
			closed += ": " + strings.Join(parts, " — ")
		}
		line(t.Bad.Render(Clip(closed, w)))
	}
	if len(ac.Tags) > 0 {
		line(t.Muted.Render(Clip("tags: "+strings.Join(ac.Tags, ", "), w)))
	}
	a.lifecycleFacts(line)
	accountAbout(ac, w, line, t) // description and custom fields (accountforms.go)

	section("Health: why " + score)
	if a.health.Score < 0 {
		// No score: what is missing for one, then what is known (unweighted).
		why := a.health.Reason
		if why == "" {
			why = "not enough data"
		}
		for _, l := range strings.Split(ansiWrap(why, w-2), "\n") {
			line(t.Warn.Render(Clip("  "+l, w)))
		}
		for _, s := range a.health.Signals {
			line(t.Muted.Render(Clip(fmt.Sprintf("  %-14s %s", s.Name, s.Value), w)))
		}
	} else {
		for _, s := range a.health.Signals {
			line(Clip(fmt.Sprintf("  %-14s %5.1f pts  (weight %2.0f%%, %3.0f/100)  %s", s.Name, s.Points, s.Weight*100, s.Score, s.Value), w))
		}
	}
	if len(a.health.Missing) > 0 && a.health.Score >= 0 {
		line(t.Muted.Render(Clip("  no data (left out): "+strings.Join(a.health.Missing, ", "), w)))
	}

	section(fmt.Sprintf("Contacts (%d)  c add · C edit", len(d.Contacts)))
	if len(d.Contacts) == 0 {
		line(t.Muted.Render("  none yet"))
	}
	longest := 0
	for _, c := range d.Contacts {
		longest = max(longest, Width(p(c.Email)))
	}
	nameW, titleW, emailW := contactColumns(w, longest)
	for _, c := range d.Contacts {
		last := "never"
		if !c.LastTouch.IsZero() {
			last = domain.DateOf(c.LastTouch.Local()).Describe(a.today)
		}
		l := "  " + Fit(c.Name, nameW) + " " + t.Bold.Render(Fit(string(c.Role), 15)) + " "
		if titleW > 0 {
			l += Fit(c.Title, titleW) + " "
		}
		line(l + Fit(c.Email, emailW) + " " + t.Muted.Render(Clip("last "+last, 14)))
	}

	section("Opportunities  o add · O move")
	var weighted int64
	n := 0
	for _, o := range d.Opportunities {
		st := t.Muted
		if o.Open() {
			st = t.Header
			weighted += o.Weighted().Amount
			n++
		}
		line(st.Render("  " + Fit(string(o.Kind), 10) + " " + Fit(o.Title, max(12, min(30, w-66))) + " " + FitRight(o.Value.Short(), 8) + " " + Fit(string(o.Stage), 9) +
			FitRight(fmt.Sprintf("%d%%", o.Probability), 5) + " → " + FitRight(o.Weighted().Short(), 8) + "  close " + a.ctx.Date(o.CloseDate)))
	}
	if n > 0 {
		line(t.Muted.Render(fmt.Sprintf("  %d open, weighted %s", n, domain.Money{Amount: weighted, Currency: ac.ARR.Currency}.Short())))
	} else if len(d.Opportunities) == 0 {
		line(t.Muted.Render("  none"))
	}

	a.arrHistorySection(line, section)

	section("Risks and escalations  r add · R update")
	if len(d.Risks) == 0 {
		line(t.Muted.Render("  none"))
	}
	for _, r := range d.Risks {
		st := t.Muted
		if r.Open() {
			st = t.Warn
			if r.Severity == domain.SevCritical || r.Severity == domain.SevHigh {
				st = t.Bad
			}
		}
		line(st.Render("  " + Fit(strings.ToUpper(string(r.Severity)), 8) + " " + Fit(string(r.Kind), 10) + " " + Fit(r.Title, max(12, min(36, w-51))) + " " + Fit(string(r.Status), 10) + " opened " + a.ctx.Date(r.Opened)))
	}

	section("Sales hand-off brief")
	line(Clip("  Bought:   "+p(strings.Join(ac.Handoff.Products, ", ")), w))
	line(Clip("  Promised: "+p(strings.Join(ac.Handoff.Promises, "; ")), w))
	line(Clip("  Concerns: "+p(strings.Join(ac.Handoff.Concerns, "; ")), w))
	line(Clip("  Competitors present: "+orDash(strings.Join(ac.Competitors, ", ")), w))

	section("Wins  w add")
	if len(d.Wins) == 0 {
		line(t.Muted.Render("  none recorded yet"))
	}
	for _, x := range d.Wins {
		line(Clip("  ★ "+a.ctx.Date(x.Date)+"  "+p(x.Title), w))
	}

	section("Timeline (newest first)  n note · l read, edit, delete")
	if len(d.Interactions) == 0 {
		line(t.Muted.Render("  no interactions yet"))
	}
	for _, in := range d.Interactions {
		head := fmt.Sprintf("%-16s", in.Stamp(time.Local)) + " " + Fit(string(in.Channel), 7) + " " + sentimentGlyph(in.Sentiment) + " "
		text := in.Summary
		if strings.TrimSpace(text) == "" {
			text = "(touch)"
		}
		body := strings.Split(strings.TrimRight(text, "\n"), "\n")
		line("  " + t.Muted.Render(head) + Clip(body[0], max(10, w-Width(head)-2)))
		for i, l := range body[1:] {
			if i == 5 {
				line(t.Muted.Render(Clip(fmt.Sprintf("      … %d more lines", len(body)-6), w)))
				break
			}
			line(Clip("      "+l, w))
		}
	}
	if a.more {
		line(t.Muted.Render("  … older interactions load as you scroll"))
	}
	// Every line fits the width; one that does not is cut with … (the viewport would cut it bare).
	a.content = clipLines(strings.TrimRight(sb.String(), "\n"), w)
	a.vp.SetContent(a.content)
}

// lifecycleFacts says what the account is in its lifecycle when that is not
// plain: a prospect until its contract start; the company's own revenue.
func (a *Account) lifecycleFacts(line func(string)) {
	t, ac, w := a.theme, &a.d.Account, a.width
	if ac.ContractStart.IsZero() && ac.Stage != domain.StageClosed {
		line(t.Warn.Render(Clip("No contract start: a prospect (e sets one)", w)))
	}
	if ac.CompanyRevenue.Amount > 0 {
		line(t.Muted.Render(Clip("Company revenue "+ac.CompanyRevenue.Short()+" (the customer's own, not ARR)", w)))
	}
}

// arrHistorySection shows the ARR history, newest first: the last five
// changes with their dates, amounts and causes.
func (a *Account) arrHistorySection(line, section func(string)) {
	h := a.d.ARRHistory
	if len(h) == 0 {
		return
	}
	section(fmt.Sprintf("ARR history (%d)", len(h)))
	lines := ARRHistoryLines(h, a.ctx.DateLayout)
	for i, l := range lines {
		if i == 5 {
			line(a.theme.Muted.Render(Clip(fmt.Sprintf("  … %d older (tend account show)", len(lines)-5), a.width)))
			break
		}
		line(Clip("  "+l, a.width))
	}
}

func sentimentGlyph(s domain.Sentiment) string {
	switch s {
	case domain.SentimentPositive:
		return "+"
	case domain.SentimentNegative:
		return "-"
	case domain.SentimentNeutral:
		return "="
	}
	return " "
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return domain.Printable(s)
}

// contactColumns shares the width of a contact line (name, role 15, title,
// email, last touch 14) so that it fits: the title gives way first (dropped
// when the email would get under 30 cells), then the name shrinks to 16; the
// email column is as wide as the longest email, or what is left, so a long
// one is cut (with …) only as much as the width needs.
func contactColumns(w, longestEmail int) (nameW, titleW, emailW int) {
	const fixed = 2 + 1 + 15 + 1 + 1 + 14 // indent, gaps, role, last touch
	nameW, titleW = 22, 20
	if w-fixed-nameW-titleW-1 < 30 {
		titleW = 0
	}
	if titleW == 0 && w-fixed-nameW < 30 {
		nameW = 16
	}
	emailW = max(10, w-fixed-nameW-titleW-1)
	if titleW == 0 {
		emailW = max(10, w-fixed-nameW)
	}
	return nameW, titleW, min(emailW, max(10, longestEmail))
}
