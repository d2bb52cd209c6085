package domain

// Revenue and its risks: opportunities, risks, orders, survey answers, wins, ARR history.

// Move takes the opportunity to a stage on a day: winning sets the
// probability to 100 and losing to 0, both stamp the day it closed (unless it
// has one); back to an open stage clears it, and a probability that closing
// set (100 won, 0 lost) goes back to the stage's default (DefaultProbability):
// a probability given with the move stays.
func (o *Opportunity) Move(stage OppStage, on Date) {
	wasClosed := !o.ClosedOn.IsZero()
	o.Stage = stage
	switch {
	case !o.Open() && o.ClosedOn.IsZero():
		o.ClosedOn = on
	case o.Open():
		o.ClosedOn = 0
		if wasClosed && (o.Probability == 100 || o.Probability == 0) {
			o.Probability = DefaultProbability(stage)
		}
	}
	switch stage {
	case OppWon:
		o.Probability = 100
	case OppLost:
		o.Probability = 0
	}
}

// DefaultProbability is the chance to win an opportunity at an open stage
// has unless someone says otherwise: 10% qualify (a new opportunity's),
// 50% propose, 75% negotiate.
func DefaultProbability(stage OppStage) int {
	switch stage {
	case OppPropose:
		return 50
	case OppNegotiate:
		return 75
	case OppWon:
		return 100
	case OppLost:
		return 0
	}
	return 10
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
	// ExternalID is the deal's record id in the CRM it was imported from.
	ExternalID string `json:"external_id,omitempty"`
	// MovedBook: its win moved the account's book (rolled the renewal,
	// raised the ARR), so it stays won (winning it again would move it twice).
	MovedBook bool `json:"moved_book,omitempty"`
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
	v.check(oneOf(OppKinds, o.Kind), "kind", string(o.Kind), "want one of upsell, cross-sell, expansion, renewal, new-business")
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

// ARRChange records the account's ARR from a date on, so revenue retention
// can be computed, and why it changed (Cause*: "start", "edited", "renewal
// won: <title>", …; empty in files written before causes were kept).
type ARRChange struct {
	AccountID uint64 `json:"account_id"`
	Date      Date   `json:"date"`
	ARR       Money  `json:"arr"`
	Cause     string `json:"cause,omitempty"`
}
