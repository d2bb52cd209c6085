package domain

import (
	"strings"
	"testing"
	"time"
)

func TestFollowUp(t *testing.T) {
	a := Account{ID: 1, Name: "Acme Robotics", Owner: "Maya Chen", CadenceDays: 14}
	contacts := []Contact{{ID: 10, Name: "Ana Souza"}, {ID: 11, Name: "Ben Okafor"}, {ID: 12, Name: "Carla Diaz"}}
	note := Interaction{ID: 5, At: time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC), Channel: ChannelCall, Attendees: []uint64{10, 12},
		Summary: "Walked through the SSO rollout.\n- [ ] send pricing @fri\nThey want the EU team on board.\n- [x] done already"}
	items := []ActionItem{{ID: 7, Text: "send pricing", Due: NewDate(2026, 12, 4), Source: 5}, {ID: 8, Text: "other note's", Source: 4}}
	f := NewFollowUp(&a, contacts, &note, items, time.UTC)
	if len(f.To) != 2 || f.To[1] != "Carla Diaz" {
		t.Errorf("to %v", f.To)
	}
	if len(f.Recap) != 3 || f.Recap[0] != "Walked through the SSO rollout." || f.Recap[1] != "They want the EU team on board." {
		t.Errorf("recap %q", f.Recap)
	}
	if len(f.Items) != 1 || f.Items[0].Owner != "Maya Chen" || f.Items[0].Due != NewDate(2026, 12, 4) {
		t.Errorf("items %+v", f.Items)
	}
	if f.NextMeeting != NewDate(2026, 12, 11) { // 28 Nov + 14 is a Saturday: the Friday before
		t.Errorf("next %s", f.NextMeeting)
	}
	txt := f.Text()
	for _, want := range []string{"Subject: Follow-up: Acme Robotics call of 28 Nov 2026", "Hi Ana and Carla,", "- send pricing (Maya Chen, by Fri 4 Dec)", "Next meeting: Fri 11 Dec 2026", "Maya Chen\n"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the text lacks %q:\n%s", want, txt)
		}
	}
	if it := f.CheckInItem(); it.Due != f.NextMeeting || it.AccountID != 1 || it.Validate() != nil {
		t.Errorf("check-in item %+v", it)
	}
}

// The follow-up lists the customer's actions, not the check-in item (the
// next meeting line says it), greets each first name once, and never
// proposes a weekend.
func TestFollowUpCustomerActionsOneGreetingWorkday(t *testing.T) {
	a := Account{ID: 1, Name: "Foxglove Textiles Inc.", Owner: "Priya Nair", CadenceDays: 15}
	contacts := []Contact{{ID: 10, Name: "Leo Park"}, {ID: 11, Name: "Leo Marsh"}}
	note := Interaction{ID: 5, At: time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC), Channel: ChannelCall, Attendees: []uint64{10, 11},
		Summary: "Pricing.\n- [ ] send pricing"}
	items := []ActionItem{{ID: 7, Text: "send pricing", Source: 5}, {ID: 8, Text: "Next check-in with Foxglove Textiles Inc.", Due: NewDate(2026, 12, 13), Source: 5}}
	f := NewFollowUp(&a, contacts, &note, items, time.UTC)
	txt := f.Text()
	if len(f.Items) != 1 || f.Items[0].ID != 7 || strings.Contains(txt, "Next check-in with") {
		t.Errorf("items %+v: the check-in item is listed as a customer action\n%s", f.Items, txt)
	}
	if !strings.Contains(txt, "Hi Leo,\n") {
		t.Errorf("greeting:\n%s", txt)
	}
	// 28 Nov + 15 = Sun 13 Dec: the Friday before.
	if f.NextMeeting != NewDate(2026, 12, 11) || f.Booked == nil || f.Booked.ID != 8 {
		t.Errorf("next meeting %s (%s), booked %+v", f.NextMeeting, f.NextMeeting.Weekday(), f.Booked)
	}
	// A check-in booked by a line typed in the note: the customer is told its day.
	items[1].Due = NewDate(2026, 12, 10)
	if f := NewFollowUp(&a, contacts, &note, items, time.UTC); f.NextMeeting != NewDate(2026, 12, 10) || !strings.Contains(f.Text(), "Next meeting: Thu 10 Dec 2026") {
		t.Errorf("the booked check-in's day is not the next meeting: %s\n%s", f.NextMeeting, f.Text())
	}
	for _, c := range []struct{ d, from, want Date }{
		{NewDate(2026, 12, 12), NewDate(2026, 11, 28), NewDate(2026, 12, 11)}, // Sat → Fri
		{NewDate(2026, 12, 7), NewDate(2026, 11, 28), NewDate(2026, 12, 7)},   // Mon stays
		{NewDate(2026, 12, 5), NewDate(2026, 12, 4), NewDate(2026, 12, 7)},    // Fri is the day itself: Mon
	} {
		if got := Workday(c.d, c.from); got != c.want {
			t.Errorf("Workday(%s, %s) = %s, want %s", c.d, c.from, got, c.want)
		}
	}
}
