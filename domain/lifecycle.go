package domain

// The account's lifecycle: a prospect becomes a customer at its contract
// start; a won renewal rolls the renewal date and sets the ARR; a won
// expansion, upsell or cross-sell raises the ARR; churn closes the account
// and takes its ARR to zero. Each rule returns the ARR change to record, with
// its date and cause, so that the history says why the ARR moved.

import (
	"strings"
)

// Causes of an ARR change (renewals and expansions name the opportunity:
// RenewalCause, ExpansionCause).
const (
	CauseStart   = "start"                   // the account's first ARR
	CauseEdited  = "edited"                  // typed in the account form or on the command line
	CauseChurned = "churned"                 // the account closed
	CauseLost    = "lost (never a customer)" // a prospect closed: it never became a customer
	CauseImport  = "import"                  // a CSV or JSON import set it
)

// DefaultTermMonths is how far a won renewal moves the renewal date unless told.
const DefaultTermMonths = 12

// MaxTermMonths is the longest renewal term accepted (ten years).
const MaxTermMonths = 120

// RenewalCause is the cause recorded when the renewal titled title is won.
func RenewalCause(title string) string { return "renewal won: " + title }

// ExpansionCause is the cause recorded when an expansion, upsell or
// cross-sell is won.
func ExpansionCause(kind OppKind, title string) string { return string(kind) + " won: " + title }

// WinTerms are what a person says when an opportunity is won.
type WinTerms struct {
	TermMonths int   // renewal: months the renewal date moves on (0: DefaultTermMonths)
	NewARR     Money // renewal: the ARR from the close date (no amount: RenewalARR)
	KeepARR    bool  // expansion, upsell, cross-sell: leave the ARR as it is (the person said no)
}

// RenewalARR is the new ARR a won renewal proposes: the opportunity's value,
// else the account's current ARR.
func RenewalARR(a *Account, o *Opportunity) Money {
	if o.Value.Amount > 0 {
		return o.Value
	}
	return a.ARR
}

// RenewalAfter is the renewal date after a won renewal of term months: term
// months on from the current renewal date, or from on when there is none.
func RenewalAfter(a *Account, termMonths int, on Date) Date {
	if termMonths <= 0 {
		termMonths = DefaultTermMonths
	}
	from := a.Renewal
	if from.IsZero() {
		from = on
	}
	return from.AddMonths(termMonths)
}

// WinRenewal rolls the account on the renewal o won on day on: the renewal
// date moves termMonths on (RenewalAfter) and the ARR becomes newARR from on
// (RenewalARR when newARR has no amount). It returns the ARR change to record.
func WinRenewal(a *Account, o *Opportunity, termMonths int, newARR Money, on Date) (ARRChange, error) {
	if termMonths < 0 || termMonths > MaxTermMonths {
		return ARRChange{}, Invalid("term", itoa(termMonths), "a renewal term is 1 to %d months", MaxTermMonths)
	}
	if newARR.Amount <= 0 {
		newARR = RenewalARR(a, o)
	}
	if newARR.Currency == "" {
		newARR.Currency = a.ARR.Currency
	}
	if a.ARR.Currency != "" && newARR.Currency != a.ARR.Currency {
		return ARRChange{}, Invalid("arr", newARR.String(), "the account's ARR is in %s: give the new ARR in %s", a.ARR.Currency, a.ARR.Currency)
	}
	a.Renewal = RenewalAfter(a, termMonths, on)
	a.ARR = newARR
	return ARRChange{AccountID: a.ID, Date: on, ARR: newARR, Cause: RenewalCause(o.Title)}, nil
}

// WinExpansion raises the account's ARR by the value of the expansion,
// upsell or cross-sell o won on day on, from that day. It returns the ARR
// change to record.
func WinExpansion(a *Account, o *Opportunity, on Date) (ARRChange, error) {
	if o.Value.Currency != "" && a.ARR.Currency != "" && o.Value.Currency != a.ARR.Currency {
		return ARRChange{}, Invalid("value", o.Value.String(), "the account's ARR is in %s and the opportunity in %s: raise the ARR in the account form", a.ARR.Currency, o.Value.Currency)
	}
	a.ARR = Money{Amount: a.ARR.Amount + o.Value.Amount, Currency: a.ARR.Currency}
	if a.ARR.Currency == "" {
		a.ARR.Currency = o.Value.Currency
	}
	return ARRChange{AccountID: a.ID, Date: on, ARR: a.ARR, Cause: ExpansionCause(o.Kind, o.Title)}, nil
}

// Won applies what winning o does to the account, when o is won now and was
// not before (before is the stored opportunity, nil for a new one): a renewal
// rolls the book (WinRenewal), an expansion, upsell or cross-sell raises the
// ARR (WinExpansion) unless t.KeepARR. It reports whether anything changed.
func Won(a *Account, before, o *Opportunity, t WinTerms) (ARRChange, bool, error) {
	if o.Stage != OppWon || (before != nil && before.Stage == OppWon) {
		return ARRChange{}, false, nil
	}
	on := o.ClosedOn
	if on.IsZero() {
		return ARRChange{}, false, Invalid("closed_on", "", "a won opportunity needs the date it closed")
	}
	if o.Kind == OppRenewal {
		ch, err := WinRenewal(a, o, t.TermMonths, t.NewARR, on)
		return ch, err == nil, err
	}
	if t.KeepARR || o.Value.Amount == 0 || !o.Kind.Grows() {
		return ARRChange{}, false, nil
	}
	ch, err := WinExpansion(a, o, on)
	return ch, err == nil, err
}

// MovedTheBook reports whether the won opportunity o moved the book: the ARR
// history h holds, on the day it closed, the change its win recorded.
func MovedTheBook(o *Opportunity, h []ARRChange) bool {
	if o.Stage != OppWon {
		return false
	}
	if o.MovedBook {
		return true
	}
	cause := RenewalCause(o.Title)
	if o.Kind != OppRenewal {
		cause = ExpansionCause(o.Kind, o.Title)
	}
	for _, c := range h {
		if c.Date == o.ClosedOn && strings.Contains(c.Cause, cause) {
			return true
		}
	}
	return false
}

// Churn closes the account as churned on day on, for reason: its stage is
// closed and its ARR zero from that day. It returns the ARR change to record
// (caused "churned", or CauseLost for an account that never was a customer);
// a day before the contract start or no reason is refused.
func Churn(a *Account, on Date, reason string) (ARRChange, error) {
	var v validator
	v.check(!on.IsZero(), "closed_on", "", "the day the account closed is required")
	v.check(strings.TrimSpace(reason) != "", "closed_reason", "", "say why the account closed")
	if !on.IsZero() && !a.ContractStart.IsZero() {
		v.check(on >= a.ContractStart, "closed_on", on.String(), "the account closed before its contract started (%s)", a.ContractStart)
	}
	if err := v.err(); err != nil {
		return ARRChange{}, err
	}
	cause := CauseChurned
	if NeverCustomer(a) {
		cause = CauseLost
	}
	a.Stage, a.ClosedOn, a.ClosedReason = StageClosed, on, strings.TrimSpace(reason)
	a.ARR = Money{Currency: a.ARR.Currency}
	return ARRChange{AccountID: a.ID, Date: on, ARR: a.ARR, Cause: cause}, nil
}

// NeverCustomer reports whether the account (not yet closed) never became a
// customer: a prospect, or without a contract start (see CustomerOn).
// Closing it is losing a prospect, not churn.
func NeverCustomer(a *Account) bool {
	return a.Stage == StageProspecting || a.ContractStart.IsZero()
}

// CheckOpportunityDates refuses an open opportunity whose expected close date
// is before today (it should be won, lost or given a new date).
func CheckOpportunityDates(o *Opportunity, today Date) error {
	if o.Open() && !o.CloseDate.IsZero() && o.CloseDate < today {
		return Invalid("close_date", "", "close date %s is in the past for an open opportunity: move it to won or lost, or give a new date", o.CloseDate)
	}
	return nil
}

// CheckRiskDates refuses a risk opened after today.
func CheckRiskDates(r *Risk, today Date) error {
	if r.Opened > today {
		return Invalid("opened", "", "opened %s is in the future: a risk is recorded once it is seen (today is %s)", r.Opened, today)
	}
	return nil
}

// CheckWinDates refuses a win dated after today: a win is recorded once it
// has happened.
func CheckWinDates(w *Win, today Date) error {
	if w.Date > today {
		return Invalid("date", w.Date.String(), "is in the future: a win is recorded once it has happened (today is %s)", today)
	}
	return nil
}
