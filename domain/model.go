package domain

import (
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Handoff is the sales hand-off brief: what the customer bought and was told.
type Handoff struct {
	Products []string `json:"products,omitempty"`
	Promises []string `json:"promises,omitempty"`
	Concerns []string `json:"concerns,omitempty"`
}

// Account is one customer.
//
// Every record has two ids: ID is the short per-book number (#N) people type,
// assigned by the book that stores the record and never used to match records
// across books; UID is the global identity (a UUIDv7, time-ordered) that the
// record keeps in exports, imports and (later) sync.
type Account struct {
	ID              uint64            `json:"id"`
	UID             string            `json:"uid,omitempty"`
	ExternalID      string            `json:"external_id,omitempty"`
	Name            string            `json:"name"`
	Industry        string            `json:"industry,omitempty"`
	Segment         string            `json:"segment,omitempty"`
	Employees       int               `json:"employees,omitempty"`
	Tier            Tier              `json:"tier"`
	Stage           Stage             `json:"stage"`
	ClosedOn        Date              `json:"closed_on,omitzero"`
	ClosedReason    string            `json:"closed_reason,omitempty"`
	ExitFeedback    string            `json:"exit_feedback,omitempty"`
	Owner           string            `json:"owner,omitempty"`
	AccountExec     string            `json:"account_exec,omitempty"`
	Website         string            `json:"website,omitempty"`
	Tags            []string          `json:"tags,omitempty"`
	ARR             Money             `json:"arr"`
	ContractStart   Date              `json:"contract_start,omitzero"`
	Renewal         Date              `json:"renewal,omitzero"`
	NoticeDays      int               `json:"renewal_notice_days"`
	CadenceDays     int               `json:"cadence_days"`
	AcquisitionCost Money             `json:"acquisition_cost"`
	GrowthPotential int               `json:"growth_potential"`
	Replaceability  int               `json:"replaceability"`
	Handoff         Handoff           `json:"handoff"`
	Competitors     []string          `json:"competitors,omitempty"`
	Custom          map[string]string `json:"custom,omitempty"`
	Created         time.Time         `json:"created"`
	Updated         time.Time         `json:"updated"`
}

// Defaults for new accounts.
const (
	DefaultNoticeDays  = 90
	DefaultCadenceDays = 30
)

// NewAccount is an account with the defaults a person would expect.
func NewAccount(name string) Account {
	return Account{
		Name: name, Tier: TierRelationship, Stage: StageOnboarding,
		ARR: Money{Currency: DefaultCurrency}, AcquisitionCost: Money{Currency: DefaultCurrency},
		NoticeDays: DefaultNoticeDays, CadenceDays: DefaultCadenceDays,
		GrowthPotential: 3, Replaceability: 3,
	}
}

// CustomerOn is the one rule for "a customer on day d": not a prospect, the
// contract started on or before d (or has no start date), and not closed on
// or before d. Accounts, summaries and the KPI report all ask it.
func CustomerOn(stage Stage, start, closed, d Date) bool {
	if stage == StageProspecting {
		return false
	}
	if !start.IsZero() && start > d {
		return false
	}
	return closed.IsZero() || closed > d
}

// Active reports whether the account is a customer on d (see CustomerOn).
func (a *Account) Active(d Date) bool { return CustomerOn(a.Stage, a.ContractStart, a.ClosedOn, d) }

// Move takes the opportunity to a stage on a day: winning sets the
// probability to 100 and losing to 0, both stamp the day it closed (unless it
// has one); back to an open stage clears it.
func (o *Opportunity) Move(stage OppStage, on Date) {
	o.Stage = stage
	switch {
	case !o.Open() && o.ClosedOn.IsZero():
		o.ClosedOn = on
	case o.Open():
		o.ClosedOn = 0
	}
	switch stage {
	case OppWon:
		o.Probability = 100
	case OppLost:
		o.Probability = 0
	}
}

// SetStatus changes the risk's status on a day: resolving it stamps the day
// (never before it opened) unless it has one; reopening clears it.
func (r *Risk) SetStatus(status RiskStatus, on Date) {
	r.Status = status
	switch {
	case status == RiskResolved && r.Resolved.IsZero():
		r.Resolved = max(on, r.Opened)
	case status != RiskResolved:
		r.Resolved = 0
	}
}

// SetDone marks the action item done at an instant, or open again: done
// stamps when (unless it has a time), open clears it.
func (a *ActionItem) SetDone(done bool, at time.Time) {
	a.Done = done
	switch {
	case done && a.DoneAt.IsZero():
		a.DoneAt = at
	case !done:
		a.DoneAt = time.Time{}
	}
}

func checkName(v *validator, field, s string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(s) == "":
		v.add(Invalid(field, s, "required"))
	case !utf8.ValidString(s):
		v.add(Invalid(field, s, "not valid UTF-8"))
	case utf8.RuneCountInString(s) > max:
		v.add(Invalid(field, s[:min(len(s), 40)]+"…", "longer than %d characters", max))
	}
}

func checkMoney(v *validator, field string, m Money) {
	v.check(m.Amount >= 0, field, m.String(), "must not be negative")
	v.check(m.Amount <= MaxMoney, field, m.String(), "too large (more than 10 trillion)")
	v.check(m.Currency == "" || isCurrencyCode(m.Currency), field, m.Currency, "currency must be a 3-letter code like USD")
}

func checkDate(v *validator, field string, d Date) {
	if d.IsZero() {
		return
	}
	y, _, _ := d.Parts()
	v.check(y >= 1900 && y <= 2200, field, d.String(), "year must be between 1900 and 2200")
}

// Validate reports every problem with the account, each naming its field.
func (a *Account) Validate() error {
	var v validator
	checkUID(&v, a.UID)
	checkName(&v, "name", a.Name, true, 200)
	for _, f := range []struct{ name, val string }{{"industry", a.Industry}, {"segment", a.Segment}, {"owner", a.Owner}, {"account_exec", a.AccountExec}, {"closed_reason", a.ClosedReason}} {
		checkName(&v, f.name, f.val, false, 200)
	}
	checkName(&v, "exit_feedback", a.ExitFeedback, false, 10000)
	v.check(oneOf(Tiers, a.Tier), "tier", string(a.Tier), "want one of transactional, relationship, strategic, key")
	v.check(oneOf(Stages, a.Stage), "stage", string(a.Stage), "want one of prospecting, onboarding, relationship-building, development, retention, closed")
	if a.Stage == StageClosed {
		v.check(!a.ClosedOn.IsZero(), "closed_on", "", "a closed account needs the date it closed")
		v.check(strings.TrimSpace(a.ClosedReason) != "", "closed_reason", "", "a closed account needs the reason it closed")
	}
	v.check(a.Employees >= 0 && a.Employees <= 10_000_000, "employees", itoa(a.Employees), "must be between 0 and 10,000,000")
	if a.Website != "" {
		v.check(validWebsite(a.Website), "website", a.Website, "want a domain like example.com")
	}
	checkMoney(&v, "arr", a.ARR)
	checkMoney(&v, "acquisition_cost", a.AcquisitionCost)
	checkDate(&v, "contract_start", a.ContractStart)
	checkDate(&v, "renewal", a.Renewal)
	checkDate(&v, "closed_on", a.ClosedOn)
	if !a.ContractStart.IsZero() && !a.Renewal.IsZero() {
		v.check(a.Renewal > a.ContractStart, "renewal", a.Renewal.String(), "must be after the contract start %s", a.ContractStart)
	}
	v.check(a.NoticeDays >= 0 && a.NoticeDays <= 365, "renewal_notice_days", itoa(a.NoticeDays), "must be between 0 and 365")
	v.check(a.CadenceDays >= 1 && a.CadenceDays <= 365, "cadence_days", itoa(a.CadenceDays), "must be between 1 and 365")
	v.check(a.GrowthPotential >= 1 && a.GrowthPotential <= 5, "growth_potential", itoa(a.GrowthPotential), "must be 1 to 5")
	v.check(a.Replaceability >= 1 && a.Replaceability <= 5, "replaceability", itoa(a.Replaceability), "must be 1 to 5")
	v.check(len(a.Tags) <= 50, "tags", "", "at most 50 tags")
	for _, t := range a.Tags {
		checkName(&v, "tags", t, true, 50)
	}
	return v.err()
}

// Domain is the website's host without www., lowercased, for matching.
func Domain(website string) string {
	w := strings.ToLower(strings.TrimSpace(website))
	if !strings.Contains(w, "://") {
		w = "http://" + w
	}
	u, err := url.Parse(w)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

func validWebsite(s string) bool {
	d := Domain(s)
	return d != "" && strings.Contains(d, ".") && !strings.ContainsAny(d, " \t") && len(s) <= 300
}

// Contact is a person at the account.
type Contact struct {
	ID        uint64    `json:"id"`
	UID       string    `json:"uid,omitempty"`
	AccountID uint64    `json:"account_id"`
	Name      string    `json:"name"`
	Title     string    `json:"title,omitempty"`
	Email     string    `json:"email,omitempty"`
	Phone     string    `json:"phone,omitempty"`
	Role      Role      `json:"role,omitempty"`
	Channel   Channel   `json:"preferred_channel,omitempty"`
	LastTouch time.Time `json:"last_touch,omitzero"`
	Created   time.Time `json:"created"`
}

// Validate reports every problem with the contact.
func (c *Contact) Validate() error {
	var v validator
	checkUID(&v, c.UID)
	checkName(&v, "name", c.Name, true, 200)
	checkName(&v, "title", c.Title, false, 200)
	if c.Email != "" {
		_, err := mail.ParseAddress(c.Email)
		v.check(err == nil && strings.Contains(c.Email, "@") && !strings.ContainsAny(c.Email, "<> "), "email", c.Email, "want an address like ana@example.com")
	}
	if c.Phone != "" {
		v.check(validPhone(c.Phone), "phone", c.Phone, "want digits, spaces and + - ( ) only, 5 to 20 digits")
	}
	v.check(c.Role == "" || oneOf(Roles, c.Role), "role", string(c.Role), "want one of decision-maker, champion, influencer, user, blocker")
	v.check(c.Channel == "" || oneOf(Channels, c.Channel), "preferred_channel", string(c.Channel), "want one of call, email, meeting, qbr, chat, note")
	return v.err()
}

func validPhone(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n++
		case strings.ContainsRune(" +-().x", r):
		default:
			return false
		}
	}
	return n >= 5 && n <= 20
}

// Interaction is one touch with the customer: a call, email, meeting, QBR, chat or note.
type Interaction struct {
	ID        uint64    `json:"id"`
	UID       string    `json:"uid,omitempty"`
	AccountID uint64    `json:"account_id"`
	At        time.Time `json:"at"`
	Channel   Channel   `json:"channel"`
	Attendees []uint64  `json:"attendees,omitempty"`
	Summary   string    `json:"summary"`
	Sentiment Sentiment `json:"sentiment,omitempty"`
}

// MaxNoteLen bounds a note (1 MiB of text is a book, not a note).
const MaxNoteLen = 1 << 20

// Validate reports every problem with the interaction.
func (i *Interaction) Validate() error {
	var v validator
	checkUID(&v, i.UID)
	v.check(!i.At.IsZero(), "at", "", "required")
	v.check(oneOf(Channels, i.Channel), "channel", string(i.Channel), "want one of call, email, meeting, qbr, chat, note")
	v.check(oneOf(Sentiments, i.Sentiment), "sentiment", string(i.Sentiment), "want positive, neutral or negative")
	v.check(len(i.Summary) <= MaxNoteLen, "summary", "", "longer than 1 MiB")
	v.check(utf8.ValidString(i.Summary), "summary", "", "not valid UTF-8")
	return v.err()
}

// Goal is a SMART goal: a metric moving from a baseline to a target by a date.
type Goal struct {
	ID       uint64  `json:"id"`
	UID      string  `json:"uid,omitempty"`
	Title    string  `json:"title"`
	Metric   string  `json:"metric"`
	Unit     string  `json:"unit,omitempty"`
	Baseline float64 `json:"baseline"`
	Target   float64 `json:"target"`
	Current  float64 `json:"current"`
	Start    Date    `json:"start,omitzero"`
	Due      Date    `json:"due,omitzero"`
}

// Progress is how far current has moved from baseline to target, 0–1.
// It works for goals that go down (target below baseline) too.
func (g *Goal) Progress() float64 {
	span := g.Target - g.Baseline
	if span == 0 {
		if g.Current == g.Target {
			return 1
		}
		return 0
	}
	p := (g.Current - g.Baseline) / span
	return max(0, min(1, p))
}

// GoalStatus is a goal's standing on a day.
type GoalStatus string

const (
	GoalDone    GoalStatus = "done"
	GoalOnTrack GoalStatus = "on track"
	GoalAtRisk  GoalStatus = "at risk"
	GoalOverdue GoalStatus = "overdue"
)

// Status says whether the goal is done, overdue, or on track against the time
// elapsed between start and due (at risk when more than 20 points behind).
func (g *Goal) Status(today Date) GoalStatus {
	p := g.Progress()
	switch {
	case p >= 1:
		return GoalDone
	case !g.Due.IsZero() && today > g.Due:
		return GoalOverdue
	case g.Due.IsZero() || g.Start.IsZero() || g.Due <= g.Start:
		return GoalOnTrack
	}
	expected := float64(today.Sub(g.Start)) / float64(g.Due.Sub(g.Start))
	if expected-p > 0.2 {
		return GoalAtRisk
	}
	return GoalOnTrack
}

// Validate reports every problem with the goal.
func (g *Goal) Validate() error {
	var v validator
	checkUID(&v, g.UID)
	checkName(&v, "title", g.Title, true, 200)
	checkName(&v, "metric", g.Metric, true, 100)
	v.check(g.Target != g.Baseline, "target", ftoa(g.Target), "must differ from the baseline")
	v.check(!isNaNInf(g.Baseline), "baseline", ftoa(g.Baseline), "not a number")
	v.check(!isNaNInf(g.Target), "target", ftoa(g.Target), "not a number")
	v.check(!isNaNInf(g.Current), "current", ftoa(g.Current), "not a number")
	checkDate(&v, "due", g.Due)
	if !g.Start.IsZero() && !g.Due.IsZero() {
		v.check(g.Due > g.Start, "due", g.Due.String(), "must be after the start %s", g.Start)
	}
	return v.err()
}

// ChecklistItem is one step of onboarding.
type ChecklistItem struct {
	Text string `json:"text"`
	Due  Date   `json:"due,omitzero"`
	Done bool   `json:"done"`
}

// Plan is the account plan: goals, strategies, onboarding checklist.
// Action items live beside it (they are many and come from notes).
type Plan struct {
	AccountID  uint64          `json:"account_id"`
	Goals      []Goal          `json:"goals,omitempty"`
	Strategies []string        `json:"strategies,omitempty"`
	Onboarding []ChecklistItem `json:"onboarding,omitempty"`
	Updated    time.Time       `json:"updated"`
}

// Validate reports every problem with the plan.
func (p *Plan) Validate() error {
	var errs []error
	for i := range p.Goals {
		if err := p.Goals[i].Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	var v validator
	for _, s := range p.Strategies {
		checkName(&v, "strategy", s, true, 1000)
	}
	for _, c := range p.Onboarding {
		checkName(&v, "onboarding", c.Text, true, 500)
	}
	errs = append(errs, v.err())
	return joinErrs(errs)
}

// ActionItem is something to do for the account.
type ActionItem struct {
	ID           uint64    `json:"id"`
	UID          string    `json:"uid,omitempty"`
	AccountID    uint64    `json:"account_id"`
	Text         string    `json:"text"`
	Due          Date      `json:"due,omitzero"`
	Done         bool      `json:"done"`
	DoneAt       time.Time `json:"done_at,omitzero"`
	SnoozedUntil Date      `json:"snoozed_until,omitzero"`
	Source       uint64    `json:"source_interaction,omitempty"`
	Created      time.Time `json:"created"`
}

// Overdue reports whether the item is open and past due on today.
func (a *ActionItem) Overdue(today Date) bool {
	return !a.Done && !a.Due.IsZero() && a.Due < today && a.SnoozedUntil <= today
}

// Validate reports every problem with the action item.
func (a *ActionItem) Validate() error {
	var v validator
	checkUID(&v, a.UID)
	checkName(&v, "text", a.Text, true, 1000)
	checkDate(&v, "due", a.Due)
	checkDate(&v, "snoozed_until", a.SnoozedUntil)
	return v.err()
}

// Opportunity is a chance to grow or keep revenue.
type Opportunity struct {
	ID          uint64   `json:"id"`
	UID         string   `json:"uid,omitempty"`
	AccountID   uint64   `json:"account_id"`
	Kind        OppKind  `json:"kind"`
	Title       string   `json:"title"`
	Value       Money    `json:"value"`
	Stage       OppStage `json:"stage"`
	Probability int      `json:"probability"`
	CloseDate   Date     `json:"close_date,omitzero"`
	ClosedOn    Date     `json:"closed_on,omitzero"`
}

// Open reports whether the opportunity is still being worked.
func (o *Opportunity) Open() bool { return o.Stage != OppWon && o.Stage != OppLost }

// Weighted is value × probability.
func (o *Opportunity) Weighted() Money {
	return Money{Amount: o.Value.Amount * int64(o.Probability) / 100, Currency: o.Value.Currency}
}

// Validate reports every problem with the opportunity.
func (o *Opportunity) Validate() error {
	var v validator
	checkUID(&v, o.UID)
	checkName(&v, "title", o.Title, true, 200)
	v.check(oneOf(OppKinds, o.Kind), "kind", string(o.Kind), "want one of upsell, cross-sell, expansion, renewal")
	v.check(oneOf(OppStages, o.Stage), "stage", string(o.Stage), "want one of qualify, propose, negotiate, won, lost")
	v.check(o.Probability >= 0 && o.Probability <= 100, "probability", itoa(o.Probability), "must be 0 to 100")
	checkMoney(&v, "value", o.Value)
	checkDate(&v, "close_date", o.CloseDate)
	if !o.Open() {
		v.check(!o.ClosedOn.IsZero(), "closed_on", "", "a won or lost opportunity needs the date it closed")
	}
	return v.err()
}

// Risk is a concern or an escalation.
type Risk struct {
	ID        uint64     `json:"id"`
	UID       string     `json:"uid,omitempty"`
	AccountID uint64     `json:"account_id"`
	Kind      RiskKind   `json:"kind"`
	Severity  Severity   `json:"severity"`
	Status    RiskStatus `json:"status"`
	Title     string     `json:"title"`
	Detail    string     `json:"detail,omitempty"`
	Opened    Date       `json:"opened"`
	Resolved  Date       `json:"resolved,omitzero"`
}

// Open reports whether the risk is unresolved.
func (r *Risk) Open() bool { return r.Status != RiskResolved }

// Validate reports every problem with the risk.
func (r *Risk) Validate() error {
	var v validator
	checkUID(&v, r.UID)
	checkName(&v, "title", r.Title, true, 200)
	checkName(&v, "detail", r.Detail, false, 10000)
	v.check(oneOf(RiskKinds, r.Kind), "kind", string(r.Kind), "want escalation or concern")
	v.check(oneOf(Severities, r.Severity), "severity", string(r.Severity), "want one of low, medium, high, critical")
	v.check(oneOf(RiskStatuses, r.Status), "status", string(r.Status), "want one of open, mitigating, resolved")
	v.check(!r.Opened.IsZero(), "opened", "", "required")
	checkDate(&v, "opened", r.Opened)
	if r.Status == RiskResolved {
		v.check(!r.Resolved.IsZero(), "resolved", "", "a resolved risk needs the date it was resolved")
	}
	if !r.Resolved.IsZero() {
		v.check(r.Resolved >= r.Opened, "resolved", r.Resolved.String(), "must not be before it opened (%s)", r.Opened)
	}
	return v.err()
}

// Order is a purchase by the account.
type Order struct {
	ID        uint64 `json:"id"`
	UID       string `json:"uid,omitempty"`
	AccountID uint64 `json:"account_id"`
	Date      Date   `json:"date"`
	Amount    Money  `json:"amount"`
}

// Validate reports every problem with the order.
func (o *Order) Validate() error {
	var v validator
	checkUID(&v, o.UID)
	v.check(!o.Date.IsZero(), "date", "", "required")
	checkDate(&v, "date", o.Date)
	checkMoney(&v, "amount", o.Amount)
	v.check(o.Amount.Amount > 0, "amount", o.Amount.String(), "must be more than zero")
	return v.err()
}

// SurveyResponse is one NPS (0–10) or CSAT (1–5) answer.
type SurveyResponse struct {
	ID        uint64     `json:"id"`
	UID       string     `json:"uid,omitempty"`
	AccountID uint64     `json:"account_id"`
	Kind      SurveyKind `json:"kind"`
	Score     int        `json:"score"`
	Date      Date       `json:"date"`
	ContactID uint64     `json:"contact_id,omitempty"`
	Comment   string     `json:"comment,omitempty"`
}

// Validate reports every problem with the response.
func (s *SurveyResponse) Validate() error {
	var v validator
	checkUID(&v, s.UID)
	v.check(oneOf(SurveyKinds, s.Kind), "kind", string(s.Kind), "want nps or csat")
	switch s.Kind {
	case SurveyNPS:
		v.check(s.Score >= 0 && s.Score <= 10, "score", itoa(s.Score), "an NPS score is 0 to 10")
	case SurveyCSAT:
		v.check(s.Score >= 1 && s.Score <= 5, "score", itoa(s.Score), "a CSAT score is 1 to 5")
	}
	v.check(!s.Date.IsZero(), "date", "", "required")
	checkDate(&v, "date", s.Date)
	return v.err()
}

// Win is a success to celebrate with the customer.
type Win struct {
	ID        uint64 `json:"id"`
	UID       string `json:"uid,omitempty"`
	AccountID uint64 `json:"account_id"`
	Date      Date   `json:"date"`
	Title     string `json:"title"`
	Detail    string `json:"detail,omitempty"`
}

// Validate reports every problem with the win.
func (w *Win) Validate() error {
	var v validator
	checkUID(&v, w.UID)
	checkName(&v, "title", w.Title, true, 200)
	v.check(!w.Date.IsZero(), "date", "", "required")
	return v.err()
}

// ARRChange records the account's ARR from a date on, so revenue retention can be computed.
type ARRChange struct {
	AccountID uint64 `json:"account_id"`
	Date      Date   `json:"date"`
	ARR       Money  `json:"arr"`
}

// Draft is a note being written, saved as it is typed so that a crash or a
// closed laptop loses nothing. One per account.
type Draft struct {
	AccountID  uint64    `json:"account_id"`
	AccountUID string    `json:"account_uid,omitempty"` // the account it was written for, to save it there only
	Text       string    `json:"text"`
	Channel    Channel   `json:"channel"`
	Sentiment  Sentiment `json:"sentiment,omitempty"`
	Attendees  []uint64  `json:"attendees,omitempty"`
	Started    time.Time `json:"started"`
	Saved      time.Time `json:"saved"`
}

// AccountRecords is one account with everything that belongs to it, as a
// full export carries it (lossless: IDs and timestamps kept).
type AccountRecords struct {
	Account       Account          `json:"account"`
	Contacts      []Contact        `json:"contacts"`
	Interactions  []Interaction    `json:"interactions"`
	Plan          *Plan            `json:"plan,omitempty"`
	ActionItems   []ActionItem     `json:"action_items"`
	Opportunities []Opportunity    `json:"opportunities"`
	Risks         []Risk           `json:"risks"`
	Orders        []Order          `json:"orders"`
	Surveys       []SurveyResponse `json:"surveys"`
	Wins          []Win            `json:"wins"`
	ARRHistory    []ARRChange      `json:"arr_history"`
	Snoozes       []Snooze         `json:"snoozes,omitempty"`
	Draft         *Draft           `json:"draft,omitempty"`
}

// ValidUID reports whether s is a record UID: a UUID in its canonical
// lowercase 8-4-4-4-12 hexadecimal form.
func ValidUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

func checkUID(v *validator, uid string) {
	v.check(uid == "" || ValidUID(uid), "uid", uid, "want a UUID like 0192f3a4-5b6c-7d8e-9f00-112233445566")
}

// RecordRef is one record of an account, for code that treats every kind
// alike (checking identities, remembering what an import gave).
type RecordRef struct {
	Kind  string // "contact", "interaction", "action item", "opportunity", "risk", "order", "survey answer", "win", "goal"
	Label string // what a person recognises it by: a name, a title, a date
	ID    uint64
	UID   string
	Value any // a pointer to the record
}

// Records lists the account's records (not the account itself), goals
// included, in a fixed order of kinds.
func (r *AccountRecords) Records() []RecordRef {
	out := make([]RecordRef, 0, len(r.Contacts)+len(r.Interactions)+len(r.ActionItems)+len(r.Opportunities)+len(r.Risks)+len(r.Orders)+len(r.Surveys)+len(r.Wins))
	for i := range r.Contacts {
		x := &r.Contacts[i]
		out = append(out, RecordRef{"contact", x.Name, x.ID, x.UID, x})
	}
	for i := range r.Interactions {
		x := &r.Interactions[i]
		out = append(out, RecordRef{"interaction", x.At.UTC().Format("2006-01-02") + " " + string(x.Channel), x.ID, x.UID, x})
	}
	for i := range r.ActionItems {
		x := &r.ActionItems[i]
		out = append(out, RecordRef{"action item", x.Text, x.ID, x.UID, x})
	}
	for i := range r.Opportunities {
		x := &r.Opportunities[i]
		out = append(out, RecordRef{"opportunity", x.Title, x.ID, x.UID, x})
	}
	for i := range r.Risks {
		x := &r.Risks[i]
		out = append(out, RecordRef{"risk", x.Title, x.ID, x.UID, x})
	}
	for i := range r.Orders {
		x := &r.Orders[i]
		out = append(out, RecordRef{"order", x.Date.String(), x.ID, x.UID, x})
	}
	for i := range r.Surveys {
		x := &r.Surveys[i]
		out = append(out, RecordRef{"survey answer", string(x.Kind) + " " + x.Date.String(), x.ID, x.UID, x})
	}
	for i := range r.Wins {
		x := &r.Wins[i]
		out = append(out, RecordRef{"win", x.Title, x.ID, x.UID, x})
	}
	if r.Plan != nil {
		for i := range r.Plan.Goals {
			x := &r.Plan.Goals[i]
			out = append(out, RecordRef{"goal", x.Title, x.ID, x.UID, x})
		}
	}
	return out
}
