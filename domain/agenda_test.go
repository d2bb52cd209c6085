package domain

import (
	"fmt"
	"slices"
	"testing"
)

func TestAgenda(t *testing.T) {
	today := NewDate(2026, 11, 28)
	usd := func(n int64) Money { return Money{Amount: n * 100, Currency: "USD"} }
	sums := []Summary{
		{ID: 1, UID: "a1", Name: "Acme", Stage: StageRetention, Tier: TierKey, ARR: usd(120_000),
			ContractStart: NewDate(2025, 3, 4), Renewal: NewDate(2026, 12, 4), RenewalOpp: true,
			LastTouch: NewDate(2026, 11, 20), CadenceDays: 14,
			Items: []ItemRef{{ID: 7, Due: NewDate(2026, 12, 1), Text: "send pricing"}, {ID: 8, Due: NewDate(2026, 11, 2), Text: "late"}, {ID: 9, Text: "no date"}},
			Goals: []GoalRef{{ID: 3, Title: "Grow WAU", Due: NewDate(2026, 12, 10)}},
			Opps:  []OppRef{{ID: 4, Title: "EU expansion", CloseDate: NewDate(2027, 2, 1)}}},
		{ID: 2, UID: "a2", Name: "Globex", Stage: StageDevelopment, Tier: TierRelationship, ARR: usd(50_000),
			Renewal: NewDate(2027, 5, 31), LastTouch: NewDate(2026, 9, 1), CadenceDays: 30},
		{ID: 3, UID: "a3", Name: "Closed Co", Stage: StageClosed, ClosedOn: NewDate(2026, 1, 1), Renewal: NewDate(2026, 12, 2),
			Items: []ItemRef{{ID: 10, Due: NewDate(2026, 12, 1), Text: "ghost"}}},
	}
	ag := NewAgenda(sums, today, 14, 0)
	if ag.To != NewDate(2026, 12, 11) {
		t.Errorf("to %s", ag.To)
	}
	var got []string
	for _, e := range ag.Events {
		got = append(got, e.On.String()+" "+string(e.Kind)+" "+e.Account+" "+e.Title)
	}
	want := []string{
		"2026-12-01 item Acme send pricing",
		"2026-12-04 renewal Acme renewal",
		"2026-12-04 qbr Acme QBR",
		"2026-12-04 check-in Acme check-in",
		"2026-12-10 goal Acme Grow WAU",
	}
	if len(got) != len(want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d: %q, want %q", i, got[i], want[i])
		}
	}
	if ag.Overdue != 1 || ag.Late != 1 {
		t.Errorf("overdue %d, late check-ins %d", ag.Overdue, ag.Late)
	}
	if len(ag.Renewals) != 12 || ag.Renewals[0].Month != NewDate(2026, 11, 1) {
		t.Fatalf("months %+v", ag.Renewals)
	}
	dec, may := ag.Renewals[1], ag.Renewals[6]
	if dec.Count != 1 || len(dec.ARR) != 1 || dec.ARR[0].Amount != 12_000_000 || dec.WithOpp != 1 || may.Count != 1 || may.WithOpp != 0 || may.ARR[0] != usd(50_000) {
		t.Errorf("december %+v, may %+v", dec, may)
	}
	// QBRs of a key account, quarterly from its contract start (March 4): Dec 4, Mar 4 …
	long := NewAgenda(sums, today, 120, 1)
	var qbrs []string
	for _, e := range long.Events {
		if e.Kind == AgendaQBR {
			qbrs = append(qbrs, e.On.String())
		}
		if e.AccountID != 1 {
			t.Errorf("the agenda of account 1 lists %s", e.Account)
		}
	}
	if len(qbrs) != 2 || qbrs[0] != "2026-12-04" || qbrs[1] != "2027-03-04" {
		t.Errorf("QBRs %v", qbrs)
	}
	// Keys stay when dates move; each record has its own.
	a, b := AgendaEvent{Kind: AgendaRenewal, AccountUID: "a1", On: 1}, AgendaEvent{Kind: AgendaRenewal, AccountUID: "a1", On: 2}
	if a.Key() != b.Key() {
		t.Error("a moved renewal changed key")
	}
	i1, i2 := AgendaEvent{Kind: AgendaItem, AccountUID: "a1", RecordID: 7}, AgendaEvent{Kind: AgendaItem, AccountUID: "a1", RecordID: 8}
	if i1.Key() == i2.Key() {
		t.Error("two items share a key")
	}
}

// A check-in typed in a note, in any of its spellings, books the next
// check-in: the agenda lists it once, as the check-in, keyed like the
// cadence's so a calendar updates it; a second one stays an item.
func TestAgendaTypedCheckInBooksIt(t *testing.T) {
	today := NewDate(2026, 11, 28)
	for _, text := range []string{"next check-in", "check-in call with Raj", "Check in with Ana", "CHECKIN", "Next check-in with Acme"} {
		s := Summary{ID: 1, UID: "a1", Name: "Acme", Stage: StageRetention, LastTouch: NewDate(2026, 11, 25), CadenceDays: 7,
			Items: []ItemRef{{ID: 5, Due: NewDate(2026, 12, 10), Text: text}, {ID: 6, Due: NewDate(2026, 12, 11), Text: "another check-in"}}}
		ag := NewAgenda([]Summary{s}, today, 30, 0)
		var got []string
		for _, e := range ag.Events {
			got = append(got, fmt.Sprintf("%s %s #%d %s", e.On, e.Kind, e.RecordID, e.Key()))
		}
		want := []string{"2026-12-10 check-in #5 a1/check-in", "2026-12-11 item #6 a1/item/6"}
		if !slices.Equal(got, want) {
			t.Errorf("%q: events %q, want %q", text, got, want)
		}
	}
	for _, text := range []string{"checking the invoice", "check inventory", "send pricing"} {
		if IsCheckIn(text) {
			t.Errorf("%q counts as a check-in", text)
		}
	}
}
