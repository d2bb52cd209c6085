package domain

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// An account with nothing on it has a brief that says so, without a talking point.
func TestBriefOfAnEmptyAccount(t *testing.T) {
	today := NewDate(2026, 11, 28)
	d := AccountDetail{Account: NewAccount("Empty Co")}
	b := NewBrief(&d, today, time.UTC)
	if len(b.Points) != 0 || len(b.Contacts) != 0 || len(b.Told) != 0 || b.Moved != nil || b.NextCheckIn != 0 {
		t.Errorf("%+v", b)
	}
	if b.Health >= 0 || !strings.HasPrefix(b.HealthText(), "not enough data") {
		t.Errorf("health %d %q", b.Health, b.HealthText())
	}
	if b.RenewalText() != "no renewal date" {
		t.Errorf("renewal %q", b.RenewalText())
	}
}

// Talking points: an overdue item, a decision maker not spoken with in two
// cadences, a negative last note, a word in two notes (not a common one),
// in that order; each cites its record.
func TestTalkingPoints(t *testing.T) {
	today := NewDate(2026, 11, 28)
	at := func(days int) time.Time { return today.AddDays(-days).In(time.UTC).Add(10 * time.Hour) }
	a := NewAccount("Acme")
	a.ID, a.CadenceDays = 1, 14
	d := AccountDetail{Account: a,
		Contacts: []Contact{{ID: 10, Name: "Ana", Role: RoleDecisionMaker}, {ID: 11, Name: "Ben", Role: RoleUser}},
		Interactions: []Interaction{
			{ID: 3, At: at(1), Channel: ChannelCall, Sentiment: SentimentNegative, Summary: "Snowflake connector is late again.\nThey asked about the team.", Attendees: []uint64{11}},
			{ID: 2, At: at(20), Channel: ChannelEmail, Summary: "Sent the Snowflake roadmap.", Attendees: []uint64{11}},
			{ID: 1, At: at(60), Channel: ChannelMeeting, Summary: "Kick-off with the team.", Attendees: []uint64{10}},
		},
		Items: []ActionItem{{ID: 7, Text: "send pricing", Due: today.AddDays(-3)}, {ID: 8, Text: "done one", Due: today.AddDays(-9), Done: true}},
	}
	b := NewBrief(&d, today, time.UTC)
	var got []string
	for _, p := range b.Points {
		got = append(got, p.Text+" "+p.Cites[0].String())
	}
	want := []string{
		"Overdue promise: “send pricing” (due 2026-11-25, 3 days late) action item #7",
		"Not spoken with Ana (decision-maker) in 60 days contact #10",
		"Last call (2026-11-27) was negative: “Snowflake connector is late again.” interaction #3",
		"“snowflake” came up in 2 recent notes interaction #3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if at := b.Attendees(); len(at) != 2 { // Ben attended the last notes, Ana decides
		t.Errorf("attendees %v", at)
	}
	if b.Promised[0].ID != 7 || len(b.Promised) != 1 {
		t.Errorf("promised %+v", b.Promised)
	}
}

// What a person would bring up ranks first: on an account whose notes
// repeat the same everyday words (seeded), a promise due soon and a person
// named once come before any topic, and the words every note says are no
// topic at all.
func TestTalkingPointsPutPromisesAndPeopleBeforeCommonWords(t *testing.T) {
	today := NewDate(2026, 11, 28)
	r := rand.New(rand.NewPCG(15, 15))
	common := []string{"platform", "dashboard", "usage", "rollout", "adoption", "reporting", "customer", "product"}
	a := NewAccount("Acme")
	a.ID, a.CadenceDays = 1, 14
	d := AccountDetail{Account: a,
		Contacts: []Contact{{ID: 10, Name: "Priya Raman", Role: RoleUser, LastTouch: today.AddDays(-2).In(time.UTC)}},
		Items:    []ActionItem{{ID: 7, Text: "send the SOC 2 report", Due: today.AddDays(3)}},
	}
	for i := range 30 {
		var ws []string
		for range 12 {
			ws = append(ws, common[r.IntN(len(common))])
		}
		text := strings.Join(ws, " ")
		if i == 1 {
			text += "\nPriya asked for the audit trail."
		}
		d.Interactions = append(d.Interactions, Interaction{ID: uint64(100 + i), At: today.AddDays(-1 - 3*i).In(time.UTC).Add(9 * time.Hour),
			Channel: ChannelCall, Summary: text})
	}
	b := NewBrief(&d, today, time.UTC)
	if len(b.Points) < 2 {
		t.Fatalf("points %+v", b.Points)
	}
	first := b.Points[0].Cites[0]
	if first != (Cite{"action item", 7, "send the SOC 2 report"}) {
		t.Errorf("first point %q cites %v, want the promise", b.Points[0].Text, first)
	}
	if c := b.Points[1].Cites[0]; c != (Cite{"contact", 10, "Priya Raman"}) || !strings.Contains(b.Points[1].Text, "audit trail") {
		t.Errorf("second point %q cites %v, want Priya and what was said", b.Points[1].Text, c)
	}
	for _, p := range b.Points {
		for _, w := range common {
			if strings.Contains(p.Text, "“"+w+"”") {
				t.Errorf("%q: a word every note says is a topic", p.Text)
			}
		}
	}
}

// A check-in booked as an item is the brief's next check-in (the agenda
// shows the item, not the cadence's date).
func TestBriefNextCheckInIsTheBookedItem(t *testing.T) {
	today := NewDate(2026, 11, 28)
	a := NewAccount("Acme")
	a.ID, a.CadenceDays = 1, 14
	d := AccountDetail{Account: a, Interactions: []Interaction{{ID: 1, At: today.AddDays(-2).In(time.UTC), Channel: ChannelCall, Summary: "call"}}}
	if b := NewBrief(&d, today, time.UTC); b.NextCheckIn != today.AddDays(12) {
		t.Fatalf("by the cadence: %s", b.NextCheckIn)
	}
	f := FollowUp{AccountID: 1, Account: "Acme", NextMeeting: today.AddDays(20)}
	it := f.CheckInItem()
	it.ID = 5
	d.Items = []ActionItem{it}
	if b := NewBrief(&d, today, time.UTC); b.NextCheckIn != today.AddDays(20) {
		t.Errorf("booked for %s, the brief says %s", it.Due, b.NextCheckIn)
	}
}

// The reported brief: an open critical escalation and a renewal in its
// notice window with no renewal opportunity rank above an item merely due
// soon; an influencer is not flagged as not spoken with (a decision maker
// is); the next check-in by the cadence comes before the renewal, and a
// booked one after it is flagged.
func TestBriefRanksWhatIsAtStakeAndChecksInBeforeTheRenewal(t *testing.T) {
	today := NewDate(2026, 11, 29)
	a := NewAccount("Stark")
	a.ID, a.CadenceDays, a.Renewal, a.NoticeDays = 1, 30, today.AddDays(23), 60
	d := AccountDetail{Account: a,
		Contacts: []Contact{{ID: 10, Name: "Kira Tanaka", Role: RoleInfluencer}, {ID: 11, Name: "Raj Patel", Role: RoleDecisionMaker}},
		Interactions: []Interaction{
			{ID: 3, At: today.AddDays(-10).In(time.UTC), Channel: ChannelCall, Summary: "call"},
			{ID: 2, At: today.AddDays(-70).In(time.UTC), Channel: ChannelCall, Summary: "call", Attendees: []uint64{10, 11}},
		},
		Items: []ActionItem{{ID: 7, Text: "send the roadmap", Due: today.AddDays(14)}},
		Risks: []Risk{{ID: 4, Kind: RiskEscalation, Severity: SevCritical, Status: RiskOpen, Title: "Outage", Opened: today.AddDays(-3)}},
	}
	b := NewBrief(&d, today, time.UTC)
	var cites []string
	for _, p := range b.Points {
		cites = append(cites, p.Cites[0].String())
		if strings.Contains(p.Text, "Kira") {
			t.Errorf("an influencer is flagged: %q", p.Text)
		}
	}
	want := []string{"risk #4", "account #1", "action item #7", "contact #11"}
	if len(cites) < 4 || strings.Join(cites[:4], ", ") != strings.Join(want, ", ") {
		t.Errorf("points cite %v, want %v first", cites, want)
	}
	// Last touch + 30 = 2026-12-19 is before the renewal (12-22): kept.
	if b.NextCheckIn != today.AddDays(20) {
		t.Errorf("next check-in %s", b.NextCheckIn)
	}
	d.Account.CadenceDays = 45 // 2027-01-03: after the renewal, pulled a week before it
	if b := NewBrief(&d, today, time.UTC); b.NextCheckIn != a.Renewal.AddDays(-7) {
		t.Errorf("the cadence's check-in after the renewal: %s, want %s", b.NextCheckIn, a.Renewal.AddDays(-7))
	}
	d.Items = append(d.Items, ActionItem{ID: 8, Text: "next check-in", Due: a.Renewal.AddDays(7)})
	if b := NewBrief(&d, today, time.UTC); b.NextCheckIn != a.Renewal.AddDays(7) || !strings.Contains(b.Points[0].Text, "after the renewal") {
		t.Errorf("a booked check-in after the renewal: %s, first point %q", b.NextCheckIn, b.Points[0].Text)
	}
	o := BriefOpp{CloseDate: today.AddDays(-1)}
	if got := o.CloseText(today, Date.String); got != "was due to close on 2026-11-28" {
		t.Errorf("overdue close %q", got)
	}
}
