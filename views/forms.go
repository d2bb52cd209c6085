package views

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/tend-cli/tend/domain"
)

// Form is a huh form for one record. Each field is checked by the domain's
// own rules as it is typed (errors show next to the field) and nothing is
// sent to the app until every field is valid.
type Form struct {
	Title   string
	form    *huh.Form
	groups  []*huh.Group // to open the form again after a failed submit
	submit  func() (tea.Msg, error)
	err     error
	theme   *Theme
	done    bool          // saved or cancelled: the root takes it off its stack
	typed   bool          // a key that may have changed a value was pressed
	escArm  bool          // esc was pressed once on a form with input: the next esc closes it
	confirm bool          // a yes/no question: its keys type nothing
	note    func() string // a remark under the form as it is filled in (nil: none)
	// typedHook, when set, runs after each update: it hands what was typed
	// to the commands that check it (huh runs a DescriptionFunc in one).
	typedHook func()
	sent      bool // completed: its message went to the app (Reopen brings it back if the write fails)
	width     int
	height    int
}

// formKeys are the keys shown under an open form (huh handles them).
type formKeys struct{ next, prev, cancel, clear key.Binding }

// FormKeys describes the keys of an open form, for help.
func FormKeys() help.KeyMap {
	return formKeys{
		next:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/tab", "next field, save at the end")),
		prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		// huh's text fields take bubbles' line keys: ctrl+u deletes what is
		// before the cursor (at a field's end, all of it).
		clear: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear the field (before the cursor)")),
	}
}

func (k formKeys) ShortHelp() []key.Binding { return []key.Binding{k.next, k.prev, k.cancel} }
func (k formKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.next, k.prev, k.cancel, k.clear}}
}

// closedText is said when a form is closed without saving.
const closedText = "form closed, nothing saved"

func newForm(title string, submit func() (tea.Msg, error), groups ...*huh.Group) *Form {
	f := &Form{Title: title, groups: groups, submit: submit, theme: NewTheme()}
	f.build()
	return f
}

// build makes the huh form over the groups (whose fields keep their values).
func (f *Form) build() {
	f.form = huh.NewForm(f.groups...).WithShowHelp(true).WithTheme(huhTheme())
	if f.width > 0 {
		f.form = f.form.WithWidth(max(20, min(80, f.width-4))).WithHeight(max(5, f.height-3)) // title, blank line, error line
	}
}

// WithContext draws the form with the cockpit's theme.
func (f *Form) WithContext(ctx *Context) *Form {
	f.theme = ctx.Theme
	return f
}

// Init starts the form.
func (f *Form) Init() tea.Cmd { return f.form.Init() }

// KeyMap is the keys of an open form, for help.
func (f *Form) KeyMap() help.KeyMap { return FormKeys() }

// Unsaved reports that an open form holds typed input that closing discards.
func (f *Form) Unsaved() bool { return !f.done && f.typed }

// Done reports whether the form was saved or cancelled (Overlay).
func (f *Form) Done() bool { return f.done }

// SetSize sets the form's width.
func (f *Form) SetSize(w, h int) {
	f.width, f.height = w, h
	f.form = f.form.WithWidth(max(20, min(80, w-4))).WithHeight(max(5, h-3)) // title, blank line, error line
}

// Update passes a message to the form; when it completes, the record's save
// message is sent. esc closes it without saving. When the record fails a
// rule that spans fields, the form opens again on the values typed, with
// the error under it.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyMsg); ok {
		if km.String() == "esc" {
			if f.Unsaved() && !f.escArm {
				f.escArm = true
				return msgCmd(StatusMsg{Text: "“" + f.Title + "” has input: esc again discards it", Err: true})
			}
			f.done = true
			return msgCmd(StatusMsg{Text: closedText + " (" + f.Title + ")"})
		}
		f.escArm = false
		switch km.Type {
		case tea.KeyRunes, tea.KeySpace, tea.KeyBackspace, tea.KeyDelete, tea.KeyCtrlU, tea.KeyCtrlK, tea.KeyCtrlW:
			f.typed = !f.confirm
		}
	}
	m, cmd := f.form.Update(msg)
	if hf, ok := m.(*huh.Form); ok {
		f.form = hf
	}
	if f.typedHook != nil {
		f.typedHook() // before the commands the update returns run
	}
	switch f.form.State {
	case huh.StateCompleted:
		out, err := f.submit()
		if err != nil {
			// A rule that spans fields failed: say so and let the user fix it
			// (a completed huh form takes no more keys: open a new one on the same fields).
			f.err = err
			f.build()
			return tea.Batch(f.form.Init(), msgCmd(StatusMsg{Text: "not saved: " + err.Error(), Err: true}))
		}
		f.done, f.sent = true, !f.confirm
		return tea.Batch(cmd, msgCmd(out))
	case huh.StateAborted:
		f.done = true
		return msgCmd(StatusMsg{Text: closedText})
	}
	return cmd
}

// Sent reports that the form completed and its message went to the app.
func (f *Form) Sent() bool { return f.sent }

// Reopen opens a sent form again on what was typed, with the error that
// stopped its write under it: a save that fails loses nothing.
func (f *Form) Reopen(err error) tea.Cmd {
	f.done, f.sent, f.err, f.escArm = false, false, err, false
	f.typed = true // esc asks before it discards the input
	f.build()
	return f.form.Init()
}

// View draws the form with its title.
func (f *Form) View() string {
	t := f.theme
	note := "" // on the line under the title: the form below keeps its height
	if f.note != nil {
		if n := f.note(); n != "" {
			note = t.Warn.Render(Clip(n, max(10, f.width)))
		}
	}
	s := t.Heading.Render(f.Title) + "\n" + note + "\n" + f.form.View()
	if f.err != nil {
		s += "\n" + t.Error.Render(Clip(f.err.Error(), max(10, f.width)))
	}
	return s
}

// fieldErr returns the domain error about one field, if err has one.
func fieldErr(err error, field string) error {
	for _, e := range domain.FieldErrors(err) {
		if e.Field == field {
			return errors.New(e.Message)
		}
	}
	return nil
}

func required(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("required")
	}
	return nil
}

func dateCheck(today domain.Date, optional bool) func(string) error {
	return func(s string) error {
		if optional && strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := domain.ParseDate(s, today)
		if err != nil {
			return errors.New("want a date like 2026-12-01, fri or +3d")
		}
		return nil
	}
}

// dateRule checks a date field whose empty value means def ("" when a date
// is needed), then rule (nil: none) on the date: a rule that depends on today
// shows under the field, and the form stays open.
func dateRule(today domain.Date, def string, rule func(domain.Date) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			s = def
		}
		d, err := domain.ParseDate(s, today)
		if err != nil {
			return errors.New("want a date like 2026-12-01, fri or +3d")
		}
		if rule != nil {
			return rule(d)
		}
		return nil
	}
}

// notFuture refuses a date after today (a win, an order, an answer, a measure: once they happened).
func notFuture(today domain.Date) func(domain.Date) error {
	return func(d domain.Date) error {
		if d > today {
			return fmt.Errorf("%s is in the future (today is %s)", d, today)
		}
		return nil
	}
}

// domainRule is a domain check as a field's rule: its message, without the field's name.
func domainRule(field string, check func(domain.Date) error) func(domain.Date) error {
	return func(d domain.Date) error {
		err := check(d)
		if m := fieldErr(err, field); m != nil {
			return m
		}
		return err
	}
}

// defaulted is a field that starts empty and says what empty means (a
// pre-filled value reads like typed text under NO_COLOR, and typing appends to it).
func defaulted(title, def string, v *string) *huh.Input {
	return huh.NewInput().Title(title).Description("empty: " + def).Value(v)
}

// orDefault is what a defaulted field holds: what was typed, or def.
func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func parseDateOr(s string, today domain.Date) domain.Date {
	d, _ := domain.ParseDate(s, today)
	return d
}

func options[T ~string](all []T) []huh.Option[T] {
	out := make([]huh.Option[T], 0, len(all))
	for _, v := range all {
		label := string(v)
		if label == "" {
			label = "unknown"
		}
		out = append(out, huh.NewOption(label, v))
	}
	return out
}

// ContactForm adds or edits a contact of the account acct.
func ContactForm(acct Ref, c domain.Contact) *Form {
	v := c
	v.AccountID = acct.ID
	if v.Role == "" {
		v.Role = domain.RoleUser
	}
	title := "New contact"
	if c.ID != 0 {
		title = "Edit contact"
	}
	// Each field is checked with the value being typed, by the domain's rules.
	check := func(field string, set func(*domain.Contact, string)) func(string) error {
		return func(s string) error {
			x := v
			set(&x, s)
			return fieldErr(x.Validate(), field)
		}
	}
	return newForm(title, func() (tea.Msg, error) { return SaveContactMsg{Account: acct, Contact: v}, v.Validate() },
		huh.NewGroup(
			huh.NewInput().Title("Name").Value(&v.Name).Validate(check("name", func(c *domain.Contact, s string) { c.Name = s })),
			huh.NewInput().Title("Title").Value(&v.Title).Validate(check("title", func(c *domain.Contact, s string) { c.Title = s })),
			huh.NewInput().Title("Email").Value(&v.Email).Validate(check("email", func(c *domain.Contact, s string) { c.Email = s })),
			huh.NewInput().Title("Phone").Value(&v.Phone).Validate(check("phone", func(c *domain.Contact, s string) { c.Phone = s })),
			huh.NewSelect[domain.Role]().Title("Stakeholder role").Options(options(domain.Roles)...).Value(&v.Role),
			huh.NewSelect[domain.Channel]().Title("Preferred channel").Options(options(append([]domain.Channel{""}, domain.Channels...))...).Value(&v.Channel),
		))
}

// RiskForm adds a risk or escalation.
func RiskForm(acct Ref, today domain.Date) *Form {
	v := domain.Risk{AccountID: acct.ID, Kind: domain.RiskConcern, Severity: domain.SevMedium, Status: domain.RiskOpen}
	opened := ""
	return newForm("New risk or escalation", func() (tea.Msg, error) {
		v.Opened = parseDateOr(orDefault(opened, "today"), today)
		return SaveRiskMsg{Account: acct, Risk: v}, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("What is the risk?").Value(&v.Title).Validate(required),
		huh.NewSelect[domain.RiskKind]().Title("Kind").Options(options(domain.RiskKinds)...).Value(&v.Kind),
		huh.NewSelect[domain.Severity]().Title("Severity").Options(options(domain.Severities)...).Value(&v.Severity),
		defaulted("Opened", "today", &opened).Validate(dateRule(today, "today", domainRule("opened", func(d domain.Date) error {
			return domain.CheckRiskDates(&domain.Risk{Opened: d}, today)
		}))),
		huh.NewText().Title("Detail").Value(&v.Detail).CharLimit(10000),
	))
}

// OpportunityForm adds an opportunity.
func OpportunityForm(acct Ref, today domain.Date, currency string) *Form {
	v := domain.Opportunity{AccountID: acct.ID, Kind: domain.OppUpsell, Stage: domain.OppQualify}
	value, prob, closeDate := "", "", ""
	return newForm("New opportunity", func() (tea.Msg, error) {
		prob, closeDate := orDefault(prob, "20"), orDefault(closeDate, "+3m")
		m, err := domain.ParseMoney(value, currency)
		if err != nil {
			return nil, err
		}
		v.Value = m
		v.Probability, _ = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(prob, "%")))
		v.CloseDate = parseDateOr(closeDate, today)
		if err := domain.CheckOpportunityDates(&v, today); err != nil {
			return nil, err
		}
		return SaveOpportunityMsg{Account: acct, Opportunity: v}, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("Title").Value(&v.Title).Validate(required),
		huh.NewSelect[domain.OppKind]().Title("Kind").Options(options(domain.OppKinds)...).Value(&v.Kind),
		huh.NewInput().Title("Value").Description("e.g. 12.5k").Value(&value).Validate(func(s string) error {
			_, err := domain.ParseMoney(s, currency)
			if err != nil {
				return errors.New(domain.FieldErrors(err)[0].Message)
			}
			return nil
		}),
		huh.NewSelect[domain.OppStage]().Title("Stage").Options(options(domain.OppStages[:3])...).Value(&v.Stage),
		defaulted("Probability %", "20", &prob).Validate(func(s string) error {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(orDefault(s, "20"), "%")))
			if err != nil || n < 0 || n > 100 {
				return errors.New("a number from 0 to 100")
			}
			return nil
		}),
		defaulted("Expected close", "+3m", &closeDate).Validate(dateRule(today, "+3m", domainRule("close_date", func(d domain.Date) error {
			return domain.CheckOpportunityDates(&domain.Opportunity{Stage: v.Stage, CloseDate: d}, today)
		}))),
	))
}

// WinForm records a win.
func WinForm(acct Ref, today domain.Date) *Form {
	v := domain.Win{AccountID: acct.ID}
	date := ""
	return newForm("New win", func() (tea.Msg, error) {
		v.Date = parseDateOr(orDefault(date, "today"), today)
		return SaveWinMsg{Account: acct, Win: v}, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("What went well?").Value(&v.Title).Validate(required),
		defaulted("Date", "today", &date).Validate(dateRule(today, "today", notFuture(today))),
		huh.NewText().Title("Detail").Value(&v.Detail),
	))
}

// ItemForm adds or edits an action item.
func ItemForm(acct Ref, it domain.ActionItem, today domain.Date) *Form {
	v := it
	v.AccountID = acct.ID
	due := v.Due.String()
	title := "New action item"
	if it.ID != 0 {
		title = "Edit action item"
	}
	return newForm(title, func() (tea.Msg, error) {
		v.Due = 0
		if strings.TrimSpace(due) != "" {
			v.Due = parseDateOr(due, today)
		}
		return SaveItemMsg{Account: acct, Item: v}, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("To do").Value(&v.Text).Validate(func(s string) error {
			return errors.Join(required(s), fieldErr((&domain.ActionItem{Text: s}).Validate(), "text"))
		}),
		huh.NewInput().Title("Due (empty for none)").Description("e.g. fri, +3d, 2026-12-01").Value(&due).Validate(dateCheck(today, true)),
	))
}

// GoalForm adds a SMART goal to the account's plan.
func GoalForm(acct Ref, today domain.Date) *Form {
	g := domain.Goal{Start: today}
	base, target, current, due := "", "", "", ""
	num := func(s string) error {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return errors.New("a number")
		}
		return nil
	}
	return newForm("New goal", func() (tea.Msg, error) {
		g.Baseline, _ = strconv.ParseFloat(strings.TrimSpace(base), 64)
		g.Target, _ = strconv.ParseFloat(strings.TrimSpace(target), 64)
		g.Current = g.Baseline
		if strings.TrimSpace(current) != "" {
			g.Current, _ = strconv.ParseFloat(strings.TrimSpace(current), 64)
		}
		g.Due = parseDateOr(orDefault(due, "+3m"), today)
		if err := g.Validate(); err != nil {
			return nil, err
		}
		return AddGoalMsg{Account: acct, Goal: g}, nil
	}, huh.NewGroup(
		huh.NewInput().Title("Goal").Description("e.g. Grow weekly active users").Value(&g.Title).Validate(required),
		huh.NewInput().Title("Metric").Description("e.g. weekly active users").Value(&g.Metric).Validate(required),
		huh.NewInput().Title("Baseline").Value(&base).Validate(num),
		huh.NewInput().Title("Target").Value(&target).Validate(func(s string) error {
			if err := num(s); err != nil {
				return err
			}
			if strings.TrimSpace(s) == strings.TrimSpace(base) {
				return errors.New("must differ from the baseline")
			}
			return nil
		}),
		huh.NewInput().Title("Current (empty = baseline)").Value(&current).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			return num(s)
		}),
		defaulted("Due", "+3m", &due).Validate(dateRule(today, "+3m", nil)),
	))
}

// SaveAccountMsg asks to store an account's profile (its ID and UID name the account).
type SaveAccountMsg struct {
	Account domain.Account
	Was     *domain.Account // as the form opened with it: only what changed from it is written
}

// AccountForm edits an account's profile. Cross-field rules (renewal after
// the contract start, a closed account's date and reason) are checked on the
// fields themselves, so the form never completes with an invalid account.
func AccountForm(a domain.Account, today domain.Date) *Form {
	v := a
	arr, revenue := v.ARR.String(), ""
	if v.CompanyRevenue.Amount > 0 {
		revenue = v.CompanyRevenue.String()
	}
	start, renewal, closed := v.ContractStart.String(), v.Renewal.String(), v.ClosedOn.String()
	notice, cadence := strconv.Itoa(v.NoticeDays), strconv.Itoa(v.CadenceDays)
	check := func(field string, set func(*domain.Account, string)) func(string) error {
		return func(s string) error {
			x := v
			set(&x, s)
			return fieldErr(x.Validate(), field)
		}
	}
	optDate := func(s string) domain.Date {
		if strings.TrimSpace(s) == "" {
			return 0
		}
		return parseDateOr(s, today)
	}
	intIn := func(lo, hi int, what string) func(string) error {
		return func(s string) error {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < lo || n > hi {
				return fmt.Errorf("%s: a whole number from %d to %d", what, lo, hi)
			}
			return nil
		}
	}
	scale := []huh.Option[int]{huh.NewOption("1", 1), huh.NewOption("2", 2), huh.NewOption("3", 3), huh.NewOption("4", 4), huh.NewOption("5", 5)}
	return withProfile(newForm("Edit "+domain.Printable(a.Name), func() (tea.Msg, error) {
		m, err := domain.ParseMoney(arr, v.ARR.Currency)
		if err != nil {
			return nil, err
		}
		v.ARR = m
		v.CompanyRevenue = domain.Money{}
		if strings.TrimSpace(revenue) != "" {
			if v.CompanyRevenue, err = domain.ParseMoney(revenue, v.ARR.Currency); err != nil {
				return nil, err
			}
		}
		v.ContractStart, v.Renewal = optDate(start), optDate(renewal)
		v.NoticeDays, _ = strconv.Atoi(strings.TrimSpace(notice))
		v.CadenceDays, _ = strconv.Atoi(strings.TrimSpace(cadence))
		if v.Stage == domain.StageClosed {
			v.ClosedOn = optDate(closed)
		} else {
			v.ClosedOn, v.ClosedReason = 0, ""
		}
		return SaveAccountMsg{Account: v, Was: &a}, errors.Join(v.Validate(), v.ValidateLifecycle())
	},
		huh.NewGroup(
			huh.NewInput().Title("Name").Value(&v.Name).Validate(check("name", func(x *domain.Account, s string) { x.Name = s })),
			huh.NewInput().Title("Segment").Value(&v.Segment),
			huh.NewInput().Title("Industry").Value(&v.Industry),
			huh.NewSelect[domain.Tier]().Title("Tier").Options(options(domain.Tiers)...).Value(&v.Tier),
			huh.NewSelect[domain.Stage]().Title("Lifecycle stage").Options(options(domain.Stages)...).Value(&v.Stage),
			huh.NewInput().Title("Owner").Value(&v.Owner),
			huh.NewInput().Title("Account executive").Value(&v.AccountExec),
			huh.NewInput().Title("Website").Value(&v.Website).Validate(check("website", func(x *domain.Account, s string) { x.Website = s })),
		),
		huh.NewGroup(
			huh.NewInput().Title("ARR").Value(&arr).Validate(func(s string) error {
				if _, err := domain.ParseMoney(s, v.ARR.Currency); err != nil {
					return errors.New(domain.FieldErrors(err)[0].Message)
				}
				return nil
			}),
			huh.NewInput().Title("Company revenue (theirs, not ARR; empty if unknown)").Value(&revenue).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return nil
				}
				if _, err := domain.ParseMoney(s, v.ARR.Currency); err != nil {
					return errors.New(domain.FieldErrors(err)[0].Message)
				}
				return nil
			}),
			huh.NewInput().Title("Contract start (empty: a prospect)").Value(&start).Validate(dateCheck(today, true)),
			huh.NewInput().Title("Renewal").Value(&renewal).Validate(func(s string) error {
				if err := dateCheck(today, true)(s); err != nil {
					return err
				}
				if r, st := optDate(s), optDate(start); r != 0 && st != 0 && r <= st {
					return fmt.Errorf("must be after the contract start %s", st)
				}
				return nil
			}),
			huh.NewInput().Title("Renewal notice (days)").Value(&notice).Validate(intIn(0, 365, "notice")),
			huh.NewInput().Title("Check-in cadence (days)").Value(&cadence).Validate(intIn(1, 365, "cadence")),
			huh.NewSelect[int]().Title("Growth potential (1 low – 5 high)").Options(scale...).Value(&v.GrowthPotential),
			huh.NewSelect[int]().Title("Replaceability (1 irreplaceable – 5 easy to replace)").Options(scale...).Value(&v.Replaceability),
		),
		huh.NewGroup(
			huh.NewInput().Title("Closed on").Value(&closed).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("a closed account needs the date it closed")
				}
				if err := dateCheck(today, false)(s); err != nil {
					return err
				}
				switch d, st := optDate(s), optDate(start); {
				case d > today:
					return fmt.Errorf("%s is in the future: close it once it has closed", d)
				case st != 0 && d < st:
					return fmt.Errorf("before the contract start %s", st)
				}
				return nil
			}),
			huh.NewInput().Title("Why did it close?").Value(&v.ClosedReason).Validate(required),
			huh.NewText().Title("Exit feedback").Value(&v.ExitFeedback),
		).WithHideFunc(func() bool { return v.Stage != domain.StageClosed }),
	), a)
}

// PickForm asks which record to act on, then opens the form next makes for it.
func PickForm(title string, labels []string, next func(i int) *Form) *Form {
	choice := 0
	opts := make([]huh.Option[int], len(labels))
	for i, l := range labels {
		opts[i] = huh.NewOption(domain.Printable(l), i)
	}
	return newForm(title, func() (tea.Msg, error) {
		return FormRequestMsg{Form: next(choice)}, nil
	}, huh.NewGroup(huh.NewSelect[int]().Title("Which one?").Options(opts...).Value(&choice)))
}

// RiskEditForm changes a risk's severity, status and words; resolving it stamps today.
func RiskEditForm(acct Ref, r domain.Risk, today domain.Date) *Form {
	v := r
	return newForm("Edit risk", func() (tea.Msg, error) {
		v.SetStatus(v.Status, today) // resolved: stamped today; reopened: cleared
		return SaveRiskMsg{Account: acct, Risk: v}, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("Risk").Value(&v.Title).Validate(required),
		huh.NewSelect[domain.Severity]().Title("Severity").Options(options(domain.Severities)...).Value(&v.Severity),
		huh.NewSelect[domain.RiskStatus]().Title("Status").Options(options(domain.RiskStatuses)...).Value(&v.Status),
		huh.NewText().Title("Detail").Value(&v.Detail).CharLimit(10000),
	))
}

// OpportunityEditForm moves an opportunity along; winning or losing it stamps today.
func OpportunityEditForm(acct Ref, o domain.Opportunity, today domain.Date) *Form {
	return OpportunityMoveForm(acct, nil, o, today)
}

// OpportunityMoveForm moves an opportunity of the account a (nil when not
// at hand) along; winning or losing it stamps today. Winning it asks what it
// does to the book: a renewal asks the term (default 12 months) and the new
// ARR (default the opportunity's value, else the current ARR); an
// expansion, upsell or cross-sell asks to confirm raising the ARR by its
// value from today. The app moves the book in the same write
// (app.SaveOpportunityWith).
func OpportunityMoveForm(acct Ref, a *domain.Account, o domain.Opportunity, today domain.Date) *Form {
	v := o
	value, prob, closeDate := v.Value.String(), strconv.Itoa(v.Probability), v.CloseDate.String()
	var cur domain.Account
	if a != nil {
		cur = *a
	}
	currency := cur.ARR.Currency
	if currency == "" {
		currency = v.Value.Currency
	}
	term, newARR, raise := strconv.Itoa(domain.DefaultTermMonths), "", true // empty ARR: RenewalARR of the value typed
	winning := func(renewal bool) bool {
		return v.Stage == domain.OppWon && o.Stage != domain.OppWon && (v.Kind == domain.OppRenewal) == renewal
	}
	valueOf := func() domain.Money {
		m, err := domain.ParseMoney(value, v.Value.Currency)
		if err != nil {
			return v.Value
		}
		return m
	}
	months := func(s string) (int, error) {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > domain.MaxTermMonths {
			return 0, fmt.Errorf("a whole number of months from 1 to %d", domain.MaxTermMonths)
		}
		return n, nil
	}
	// What winning asks. Their words that depend on other fields are set by
	// their groups' hide funcs, on the event loop: huh runs TitleFunc and
	// DescriptionFunc in commands, concurrently with the fields' writes.
	termIn := huh.NewInput().Title("Renewal won: term in months").Value(&term).
		Description(termHint(&cur, today)).
		Validate(func(s string) error { _, err := months(s); return err })
	arrIn := huh.NewInput().Title("New ARR from " + today.String()).Value(&newARR).Validate(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := domain.ParseMoney(s, currency); err != nil {
			return errors.New(domain.FieldErrors(err)[0].Message)
		}
		return nil
	})
	raiseC := huh.NewConfirm().Title("Raise ARR?").Affirmative("Yes, raise it").Negative("No").Value(&raise)
	return newForm("Edit opportunity", func() (tea.Msg, error) {
		m, err := domain.ParseMoney(value, v.Value.Currency)
		if err != nil {
			return nil, err
		}
		v.Value = m
		v.Probability, _ = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(prob, "%")))
		v.CloseDate = 0
		if strings.TrimSpace(closeDate) != "" {
			v.CloseDate = parseDateOr(closeDate, today)
		}
		v.Move(v.Stage, today) // won or lost: closed today, probability 100 or 0
		if err := domain.CheckOpportunityDates(&v, today); err != nil {
			return nil, err
		}
		msg := SaveOpportunityMsg{Account: acct, Opportunity: v}
		if o.ID != 0 {
			msg.Was = &o
		}
		switch {
		case winning(true):
			n, err := months(term)
			if err != nil {
				return nil, domain.Invalid("term", term, "%v", err)
			}
			msg.Terms.TermMonths = n
			if strings.TrimSpace(newARR) != "" {
				if msg.Terms.NewARR, err = domain.ParseMoney(newARR, currency); err != nil {
					return nil, err
				}
			}
			arr := domain.RenewalARR(&cur, &v)
			if msg.Terms.NewARR.Amount > 0 {
				arr = msg.Terms.NewARR
			}
			msg.Said = fmt.Sprintf("renewal won: the renewal date moves %d months, ARR %s from %s", n, arr.Short(), v.ClosedOn)
		case winning(false) && v.Value.Amount > 0:
			msg.Terms.KeepARR = !raise
			if raise {
				msg.Said = fmt.Sprintf("%s won: ARR raised by %s from %s", v.Kind, v.Value.Short(), v.ClosedOn)
			} else {
				msg.Said = fmt.Sprintf("%s won: ARR left as it is", v.Kind)
			}
		}
		return msg, v.Validate()
	}, huh.NewGroup(
		huh.NewInput().Title("Title").Value(&v.Title).Validate(required),
		huh.NewSelect[domain.OppStage]().Title("Stage").Options(options(domain.OppStages)...).Value(&v.Stage),
		huh.NewInput().Title("Value").Value(&value).Validate(func(s string) error {
			if _, err := domain.ParseMoney(s, v.Value.Currency); err != nil {
				return errors.New(domain.FieldErrors(err)[0].Message)
			}
			return nil
		}),
		huh.NewInput().Title("Probability %").Value(&prob).Validate(func(s string) error {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(s, "%")))
			if err != nil || n < 0 || n > 100 {
				return errors.New("a number from 0 to 100")
			}
			return nil
		}),
		huh.NewInput().Title("Expected close").Value(&closeDate).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return nil
			}
			return dateRule(today, "", domainRule("close_date", func(d domain.Date) error {
				return domain.CheckOpportunityDates(&domain.Opportunity{Stage: v.Stage, CloseDate: d}, today)
			}))(s)
		}),
	), huh.NewGroup(termIn, arrIn).WithHideFunc(func() bool {
		hidden := !winning(true)
		if !hidden { // on the event loop, as the group shows: say what an empty ARR takes now
			x := v
			x.Value = valueOf()
			if x.Value.Amount > 0 {
				arrIn.Description("empty: " + x.Value.String() + ", the opportunity's value")
			} else {
				arrIn.Description("empty: the current ARR")
			}
		}
		return hidden
	}),
		huh.NewGroup(raiseC).WithHideFunc(func() bool {
			hidden := !winning(false) || valueOf().Amount == 0
			if !hidden {
				raiseC.Title(fmt.Sprintf("Raise ARR by %s from %s?", valueOf().Short(), today))
			}
			return hidden
		}),
	)
}

// termHint says where a won renewal's term takes the renewal date.
func termHint(a *domain.Account, today domain.Date) string {
	from := "from today"
	if !a.Renewal.IsZero() {
		from = "renews " + a.Renewal.String() + " now"
	}
	return fmt.Sprintf("%s: 12 → %s, 24 → %s", from, domain.RenewalAfter(a, 12, today), domain.RenewalAfter(a, 24, today))
}

// DeleteAccountMsg asks to delete an account and everything it owns.
type DeleteAccountMsg struct{ Account Ref }

// DeleteAccountForm asks before deleting an account.
func DeleteAccountForm(acct Ref) *Form {
	sure := false
	name := domain.Printable(acct.Name)
	f := newForm("Delete "+name+"?", func() (tea.Msg, error) {
		if !sure {
			return StatusMsg{Text: "kept " + name + ": nothing deleted"}, nil
		}
		return DeleteAccountMsg{Account: acct}, nil
	}, huh.NewGroup(huh.NewConfirm().Title("Delete "+name+" with its contacts, timeline, plan, items, opportunities and risks?").
		Description("The daily backup (and tend backup) can bring it back.").Affirmative("Delete").Negative("Keep").Value(&sure)))
	f.confirm = true
	return f
}
