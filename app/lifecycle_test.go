package app

import (
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

func money(major int64) domain.Money { return domain.Money{Amount: major * 100, Currency: "USD"} }

// renewalSoon adds an account that renews in 23 days (on testNow) with an
// open renewal opportunity, and returns them.
func renewalSoon(t *testing.T, st *store.Store) (domain.Account, domain.Opportunity) {
	t.Helper()
	a := domain.NewAccount("Acme Robotics")
	a.ARR, a.ContractStart, a.Renewal = money(100_000), domain.NewDate(2025, time.December, 21), domain.NewDate(2026, time.December, 21)
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	o := domain.Opportunity{Kind: domain.OppRenewal, Title: "FY27 renewal", Value: money(110_000), Stage: domain.OppNegotiate, Probability: 80, CloseDate: a.Renewal}
	today := domain.DateOf(testNow)
	if err := SaveOpportunity(st, RefOf(&a), o, today); err != nil {
		t.Fatal(err)
	}
	var os []domain.Opportunity
	_ = st.View(func(tx *store.Tx) (err error) { os, err = tx.Opportunities(a.ID); return })
	return a, os[0]
}

func arrHistory(t *testing.T, st *store.Store, id uint64) []domain.ARRChange {
	t.Helper()
	var h []domain.ARRChange
	if err := st.View(func(tx *store.Tx) (err error) { h, err = tx.ARRHistory(id); return }); err != nil {
		t.Fatal(err)
	}
	return h
}

func renewalSignal(t *testing.T, st *store.Store, id uint64) (domain.Signal, []domain.TriageRow) {
	t.Helper()
	today := domain.DateOf(testNow)
	l, err := LoadBook(st, today)
	if err != nil {
		t.Fatal(err)
	}
	var rows []domain.TriageRow
	for _, r := range domain.Triage(l.Book).Rows() {
		if r.AccountID == id {
			rows = append(rows, r)
		}
	}
	h := domain.Health(&l.Book.Sums[l.Book.Pos(id)], today)
	for _, s := range h.Signals {
		if s.Name == "renewal" {
			return s, rows
		}
	}
	t.Fatalf("no renewal signal: %+v", h)
	return domain.Signal{}, nil
}

// Winning a renewal rolls the book in the same write: the renewal date moves
// by the term, the ARR is the new one from the close date, the ARR history
// says why; triage stops asking for a renewal opportunity and health's
// renewal signal recovers.
func TestAWonRenewalRollsTheBook(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	o.Stage = domain.OppWon
	ch, err := SaveOpportunityWith(st, RefOf(&a), o, today, domain.WinTerms{TermMonths: 12, NewARR: money(115_000)})
	if err != nil || ch == nil {
		t.Fatal(ch, err)
	}
	got := accountNamed(t, st, "Acme Robotics")
	if got.Renewal != domain.NewDate(2027, time.December, 21) || got.ARR != money(115_000) {
		t.Errorf("after the win: renewal %s, ARR %s", got.Renewal, got.ARR)
	}
	h := arrHistory(t, st, a.ID)
	last := h[len(h)-1]
	if len(h) != 2 || h[0].Cause != domain.CauseStart || last.Date != today || last.ARR != money(115_000) || last.Cause != "renewal won: FY27 renewal" {
		t.Errorf("ARR history: %+v", h)
	}
	sig, rows := renewalSignal(t, st, a.ID)
	if sig.Score != 100 || strings.Contains(sig.Value, "no renewal opportunity") {
		t.Errorf("health's renewal signal after the win: %+v", sig)
	}
	for _, r := range rows {
		if r.Reason == domain.ReasonRenewal || r.Reason == domain.ReasonRenewalPassed {
			t.Errorf("triage after the win: %+v", r)
		}
	}
	// Saving the won opportunity again does not roll it twice.
	var os []domain.Opportunity
	_ = st.View(func(tx *store.Tx) (err error) { os, err = tx.Opportunities(a.ID); return })
	if _, err := SaveOpportunityWith(st, RefOf(&a), os[0], today, domain.WinTerms{}); err != nil {
		t.Fatal(err)
	}
	if again := accountNamed(t, st, "Acme Robotics"); again.Renewal != got.Renewal || len(arrHistory(t, st, a.ID)) != 2 {
		t.Errorf("a second save rolled the book again: %s", again.Renewal)
	}
	// Back to an open stage (and won again, which would roll it twice): refused.
	reopened := os[0]
	reopened.Stage = domain.OppNegotiate
	reopened.CloseDate = today + 30
	if _, err := SaveOpportunityWith(st, RefOf(&a), reopened, today, domain.WinTerms{}); err == nil || !strings.Contains(err.Error(), "moved the book") {
		t.Errorf("a won renewal reopened: %v", err)
	}
}

// A won renewal stays won after a closure dropped its ARR-history entry (a
// close dated before the win): moving it to lost and winning it again would
// roll the renewal twice.
func TestAWonRenewalStaysWonAfterAnEarlierClosure(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	o.Stage = domain.OppWon
	if _, err := SaveOpportunityWith(st, RefOf(&a), o, today, domain.WinTerms{}); err != nil {
		t.Fatal(err)
	}
	if err := CloseAccount(st, RefOf(&a), today-5, "oops", today); err != nil {
		t.Fatal(err)
	}
	var os []domain.Opportunity
	_ = st.View(func(tx *store.Tx) (err error) { os, err = tx.Opportunities(a.ID); return })
	lost := os[0]
	lost.Stage = domain.OppLost
	if _, err := SaveOpportunityWith(st, RefOf(&a), lost, today, domain.WinTerms{}); err == nil || !strings.Contains(err.Error(), "moved the book") {
		t.Errorf("a won renewal moved to lost after a closure: %v", err)
	}
}

// The default terms (SaveOpportunity: what any path that moves an
// opportunity gets): 12 months, the opportunity's value.
func TestAWonRenewalWithTheDefaultTerms(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	o.Stage = domain.OppWon
	if err := SaveOpportunity(st, RefOf(&a), o, domain.DateOf(testNow)); err != nil {
		t.Fatal(err)
	}
	if got := accountNamed(t, st, "Acme Robotics"); got.Renewal != domain.NewDate(2027, time.December, 21) || got.ARR != money(110_000) {
		t.Errorf("renewal %s, ARR %s", got.Renewal, got.ARR)
	}
}

func TestAWonExpansionRaisesTheARRFromItsCloseDate(t *testing.T) {
	st := emptyStore(t)
	a, _ := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	up := domain.Opportunity{Kind: domain.OppUpsell, Title: "Analytics add-on", Value: money(20_000), Stage: domain.OppWon, ClosedOn: today - 3}
	ch, err := SaveOpportunityWith(st, RefOf(&a), up, today, domain.WinTerms{})
	if err != nil || ch == nil || ch.Date != today-3 || ch.Cause != "upsell won: Analytics add-on" {
		t.Fatal(ch, err)
	}
	if got := accountNamed(t, st, "Acme Robotics"); got.ARR != money(120_000) {
		t.Errorf("ARR %s", got.ARR)
	}
	// Said no in the form: the ARR stays.
	cross := domain.Opportunity{Kind: domain.OppCrossSell, Title: "Training", Value: money(5_000), Stage: domain.OppWon}
	if ch, err := SaveOpportunityWith(st, RefOf(&a), cross, today, domain.WinTerms{KeepARR: true}); err != nil || ch != nil {
		t.Fatal(ch, err)
	}
	if got := accountNamed(t, st, "Acme Robotics"); got.ARR != money(120_000) {
		t.Errorf("ARR after a win kept out: %s", got.ARR)
	}
}

func TestClosingAnAccountAsChurnedRecordsZeroARR(t *testing.T) {
	st := emptyStore(t)
	a, _ := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	if _, err := CloseAccountNamed(st, "Acme", today+1, "budget cut", today); err == nil {
		t.Error("closed tomorrow")
	}
	if _, err := CloseAccountNamed(st, "Acme", domain.NewDate(2025, time.June, 1), "budget cut", today); err == nil || !strings.Contains(err.Error(), "before its contract started") {
		t.Errorf("closed before the contract start: %v", err)
	}
	on := domain.NewDate(2026, time.November, 20)
	if _, err := CloseAccountNamed(st, "Acme", on, "budget cut", today); err != nil {
		t.Fatal(err)
	}
	got := accountNamed(t, st, "Acme Robotics")
	h := arrHistory(t, st, a.ID)
	last := h[len(h)-1]
	if got.Stage != domain.StageClosed || got.ClosedOn != on || got.ClosedReason != "budget cut" || last.Date != on || last.ARR.Amount != 0 || last.Cause != domain.CauseChurned {
		t.Errorf("%+v %+v", got, h)
	}
	if _, err := CloseAccountNamed(st, "Acme", on, "again", today); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("closed twice: %v", err)
	}
}

// The account form: an ARR typed there is "edited"; closing the account there records the churn.
func TestTheAccountFormRecordsWhyTheARRChanged(t *testing.T) {
	st := emptyStore(t)
	a, _ := renewalSoon(t, st)
	a = accountNamed(t, st, "Acme Robotics")
	a.ARR = money(105_000)
	if err := SaveAccount(st, RefOf(&a), a); err != nil {
		t.Fatal(err)
	}
	h := arrHistory(t, st, a.ID)
	if last := h[len(h)-1]; last.Cause != domain.CauseEdited || last.ARR != money(105_000) {
		t.Errorf("%+v", h)
	}
	a.Stage, a.ClosedOn, a.ClosedReason = domain.StageClosed, domain.NewDate(2025, time.January, 1), "budget cut"
	if err := SaveAccount(st, RefOf(&a), a); err == nil {
		t.Error("a closure before the contract start was saved")
	}
	a.ClosedOn = domain.NewDate(2026, time.October, 1)
	if err := SaveAccount(st, RefOf(&a), a); err != nil {
		t.Fatal(err)
	}
	h = arrHistory(t, st, a.ID)
	if last := h[len(h)-1]; last.Cause != domain.CauseChurned || last.ARR.Amount != 0 || last.Date != a.ClosedOn {
		t.Errorf("%+v", h)
	}
}

func TestDatesThatCannotBe(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	o.CloseDate = domain.NewDate(2026, time.January, 10)
	err := SaveOpportunity(st, RefOf(&a), o, today)
	if err == nil || !strings.Contains(err.Error(), "close date 2026-01-10 is in the past for an open opportunity: move it to won or lost, or give a new date") {
		t.Errorf("%v", err)
	}
	r := domain.Risk{Kind: domain.RiskConcern, Severity: domain.SevHigh, Status: domain.RiskOpen, Title: "Champion leaving", Opened: today + 2}
	if err := SaveRisk(st, RefOf(&a), r, today); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("a risk opened in the future: %v", err)
	}
}

func TestDuplicateNamesAreListed(t *testing.T) {
	st := emptyStore(t)
	for _, n := range []string{"Acme Robotics", "acme robotics", "Beta", "Gamma", "Gamma"} {
		a := domain.NewAccount(n)
		if err := AddAccount(st, &a); err != nil {
			t.Fatal(err)
		}
	}
	same, err := AccountsNamed(st, "ACME Robotics", 0)
	if err != nil || len(same) != 2 {
		t.Fatalf("%+v %v", same, err)
	}
	if w := DuplicateWarning("Acme Robotics", same); !strings.Contains(w, "#1 Acme Robotics, #2 acme robotics") {
		t.Error(w)
	}
	d, err := DuplicateNames(st)
	if err != nil || len(d) != 2 || d[0][0].Name != "Acme Robotics" || d[1][1].ID != 5 {
		t.Errorf("%+v %v", d, err)
	}
}

// The history keeps one entry per day: two wins on one day keep both causes.
func TestTwoWinsOnOneDayKeepBothCauses(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	o.Stage = domain.OppWon
	if _, err := SaveOpportunityWith(st, RefOf(&a), o, today, domain.WinTerms{}); err != nil {
		t.Fatal(err)
	}
	up := domain.Opportunity{Kind: domain.OppExpansion, Title: "EU rollout", Value: money(40_000), Stage: domain.OppWon}
	if _, err := SaveOpportunityWith(st, RefOf(&a), up, today, domain.WinTerms{}); err != nil {
		t.Fatal(err)
	}
	h := arrHistory(t, st, a.ID)
	if last := h[len(h)-1]; last.ARR != money(150_000) || last.Cause != "renewal won: FY27 renewal (+$10k); expansion won: EU rollout (+$40k)" {
		t.Errorf("%+v", h)
	}
}

// The ARR history with its causes and the company revenue travel in a JSON
// export; an older export without causes imports as it is.
func TestARRCausesTravelAndOlderFilesReadFine(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	o.Stage = domain.OppWon
	if err := SaveOpportunity(st, RefOf(&a), o, domain.DateOf(testNow)); err != nil {
		t.Fatal(err)
	}
	a = accountNamed(t, st, "Acme Robotics")
	a.CompanyRevenue = money(9_000_000)
	if err := SaveAccount(st, RefOf(&a), a); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ExportJSON(st, &out); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"with causes": out.String(),
		"older, without causes": strings.NewReplacer(`"cause":"start",`, "", `"cause":"renewal won: FY27 renewal",`, "",
			`,"cause":"start"`, "", `,"cause":"renewal won: FY27 renewal"`, "").Replace(out.String()),
	} {
		other := emptyStore(t)
		if _, err := ImportJSON(other, strings.NewReader(data), ImportMode{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b := accountNamed(t, other, "Acme Robotics")
		h := arrHistory(t, other, b.ID)
		if b.CompanyRevenue != money(9_000_000) || len(h) != 2 || h[1].ARR != money(110_000) {
			t.Errorf("%s: %+v %+v", name, b.CompanyRevenue, h)
		}
		if withCauses := name == "with causes"; withCauses != (h[1].Cause == "renewal won: FY27 renewal") {
			t.Errorf("%s: cause %q", name, h[1].Cause)
		}
	}
}

func TestTheAccountFormRefusesAClosureInTheFuture(t *testing.T) {
	st := emptyStore(t)
	renewalSoon(t, st)
	a := accountNamed(t, st, "Acme Robotics")
	a.Stage, a.ClosedOn, a.ClosedReason = domain.StageClosed, domain.DateOf(testNow)+5, "notice given"
	if err := SaveAccount(st, RefOf(&a), a); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("%v", err)
	}
}

// A contract start given after the account was added dates its first ARR
// from the start, as for an account added with one.
func TestAStartGivenLaterDatesTheFirstARR(t *testing.T) {
	st := emptyStore(t)
	a := domain.NewAccount("Acme")
	a.ARR = money(80_000)
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	a.ContractStart = domain.NewDate(2025, time.April, 1)
	if err := SaveAccount(st, RefOf(&a), a); err != nil {
		t.Fatal(err)
	}
	h := arrHistory(t, st, a.ID)
	if len(h) != 2 || h[0].Date != a.ContractStart || h[0].ARR != money(80_000) || h[0].Cause != domain.CauseStart {
		t.Errorf("%+v", h)
	}
}

// The record use case (tend opp edit, the cockpit's record browser) moves the
// book as the O form does, and its undo puts the book back.
func TestWinningThroughSaveRecordMovesTheBookAndUndoPutsItBack(t *testing.T) {
	st := emptyStore(t)
	a, o := renewalSoon(t, st)
	today := domain.DateOf(testNow)
	before := accountNamed(t, st, "Acme Robotics")
	hBefore := arrHistory(t, st, a.ID)
	o.Stage = domain.OppWon
	_, undo, err := SaveRecord(st, RefOf(&a), Rec{Kind: KindOpportunity, ID: o.ID, UID: o.UID, Value: o}, today)
	if err != nil {
		t.Fatal(err)
	}
	if got := accountNamed(t, st, "Acme Robotics"); got.Renewal != before.Renewal.AddMonths(12) || got.ARR != money(110_000) {
		t.Errorf("after the win: %s %s", got.Renewal, got.ARR)
	}
	// Back to open through the record use case: refused, as in the form.
	reopened := o
	reopened.Stage, reopened.CloseDate = domain.OppNegotiate, today+30
	if _, _, err := SaveRecord(st, RefOf(&a), Rec{Kind: KindOpportunity, ID: o.ID, UID: o.UID, Value: reopened}, today); err == nil || !strings.Contains(err.Error(), "moved the book") {
		t.Errorf("reopened: %v", err)
	}
	if err := UndoAction(st, undo); err != nil {
		t.Fatal(err)
	}
	got := accountNamed(t, st, "Acme Robotics")
	if got.Renewal != before.Renewal || got.ARR != before.ARR {
		t.Errorf("after the undo: %s %s", got.Renewal, got.ARR)
	}
	if h := arrHistory(t, st, a.ID); len(h) != len(hBefore) || h[len(h)-1] != hBefore[len(hBefore)-1] {
		t.Errorf("history after the undo: %+v, want %+v", h, hBefore)
	}
	// An open opportunity closing in the past and a risk opened tomorrow are refused here too.
	past := o
	past.ID, past.UID, past.Stage, past.CloseDate = 0, "", domain.OppPropose, domain.NewDate(2026, time.January, 10)
	if _, _, err := SaveRecord(st, RefOf(&a), Rec{Kind: KindOpportunity, Value: past}, today); err == nil || !strings.Contains(err.Error(), "in the past for an open opportunity") {
		t.Errorf("%v", err)
	}
	r := domain.Risk{Kind: domain.RiskConcern, Severity: domain.SevLow, Status: domain.RiskOpen, Title: "later", Opened: today + 1}
	if _, _, err := SaveRecord(st, RefOf(&a), Rec{Kind: KindRisk, Value: r}, today); err == nil || !strings.Contains(err.Error(), "in the future") {
		t.Errorf("%v", err)
	}
}
