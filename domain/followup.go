package domain

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The follow-up after a call: what the account manager sends the customer,
// drafted from the saved note, its action items and the account's cadence.

// FollowUpItem is an action item as the follow-up lists it.
type FollowUpItem struct {
	ID    uint64 `json:"id"`
	Text  string `json:"text"`
	Owner string `json:"owner"`
	Due   Date   `json:"due,omitzero"`
}

// FollowUp is the draft of a follow-up message.
type FollowUp struct {
	AccountID   uint64         `json:"account_id"`
	AccountUID  string         `json:"account_uid,omitempty"`
	Account     string         `json:"account"`
	NoteID      uint64         `json:"note_id"`
	On          Date           `json:"on"` // the day of the conversation
	Channel     Channel        `json:"channel"`
	To          []string       `json:"to"`    // the attendees' names
	Recap       []string       `json:"recap"` // the note's lines that are not action items
	Items       []FollowUpItem `json:"items"`
	Owner       string         `json:"owner"`        // who signs it: the account's owner
	NextMeeting Date           `json:"next_meeting"` // the day of the conversation plus the cadence
	CadenceDays int            `json:"cadence_days"`
	Booked      *ItemRef       `json:"booked,omitempty"` // the open item that already books the next check-in
}

// NewFollowUp drafts the follow-up of the note on account a: its
// attendees (among contacts), its recap, the action items it created
// (items whose source is the note), the next meeting by the cadence.
func NewFollowUp(a *Account, contacts []Contact, note *Interaction, items []ActionItem, loc *time.Location) FollowUp {
	if loc == nil {
		loc = time.UTC
	}
	f := FollowUp{AccountID: a.ID, AccountUID: a.UID, Account: a.Name, NoteID: note.ID, On: DateOf(note.At.In(loc)), Channel: note.Channel,
		Owner: a.Owner, CadenceDays: a.CadenceDays}
	for _, c := range contacts {
		if slices.Contains(note.Attendees, c.ID) {
			f.To = append(f.To, c.Name)
		}
	}
	parsed := ParseNote(note.Summary, f.On)
	skip := map[int]bool{}
	for _, it := range parsed.Items {
		skip[it.Line] = true
	}
	for n, line := range strings.Split(note.Summary, "\n") {
		if l := strings.TrimSpace(line); l != "" && !skip[n+1] {
			f.Recap = append(f.Recap, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(l, "- "), "* ")))
		}
	}
	owner := a.Owner
	if owner == "" {
		owner = "us"
	}
	for _, it := range items {
		if it.Source == note.ID && !it.Done && !IsCheckIn(it.Text) { // the check-in is ours: the next meeting line says it
			f.Items = append(f.Items, FollowUpItem{ID: it.ID, Text: it.Text, Owner: owner, Due: it.Due})
		}
	}
	if a.CadenceDays > 0 {
		f.NextMeeting = Workday(f.On.AddDays(a.CadenceDays), f.On)
	}
	if i := slices.IndexFunc(items, func(it ActionItem) bool { return !it.Done && IsCheckIn(it.Text) }); i >= 0 {
		f.Booked = &ItemRef{ID: items[i].ID, Due: items[i].Due, Text: items[i].Text}
		if d := items[i].Due; d != 0 {
			f.NextMeeting = Workday(d, f.On) // booked: the customer is told that day, not the cadence's
		}
	}
	return f
}

// Text is the follow-up as a message to send: a subject, a greeting, the
// recap, the action items with owner and date, the next meeting.
func (f *FollowUp) Text() string {
	var b strings.Builder
	what := "call"
	if f.Channel != "" && f.Channel != ChannelNote {
		what = string(f.Channel)
	}
	if f.Channel == ChannelQBR {
		what = "QBR"
	}
	fmt.Fprintf(&b, "Subject: Follow-up: %s %s of %s\n\n", f.Account, what, f.On.Format("2 Jan 2006"))
	var first []string
	for _, n := range f.To {
		if fs := strings.Fields(n); len(fs) > 0 && !slices.Contains(first, fs[0]) { // two Leos: "Hi Leo,"
			first = append(first, fs[0])
		}
	}
	if len(first) == 0 {
		b.WriteString("Hi all,\n\n")
	} else {
		fmt.Fprintf(&b, "Hi %s,\n\n", joinAnd(first))
	}
	fmt.Fprintf(&b, "Thank you for your time on %s. A short recap:\n\n", f.On.Format("Monday 2 January"))
	for _, l := range f.Recap {
		fmt.Fprintf(&b, "- %s\n", l)
	}
	if len(f.Recap) == 0 {
		b.WriteString("- (nothing written down)\n")
	}
	if len(f.Items) > 0 {
		b.WriteString("\nAction items:\n\n")
		for _, it := range f.Items {
			due := "no date yet"
			if it.Due != 0 {
				due = "by " + it.Due.Format("Mon 2 Jan")
			}
			fmt.Fprintf(&b, "- %s (%s, %s)\n", it.Text, it.Owner, due)
		}
	}
	if f.NextMeeting != 0 {
		fmt.Fprintf(&b, "\nNext meeting: %s, our regular check-in; an invitation follows.\n", f.NextMeeting.Format("Mon 2 Jan 2006"))
	}
	b.WriteString("\nBest regards,\n")
	if f.Owner != "" {
		b.WriteString(f.Owner + "\n")
	}
	return b.String()
}

// checkInText begins the text of an action item that books a check-in.
const checkInText = "Next check-in with "

// Workday is d, or when d falls on a weekend the Friday before (a meeting
// kept inside the cadence), or the Monday after when that Friday is not
// after the day from (a cadence of a day or two).
func Workday(d, from Date) Date {
	switch d.Weekday() {
	case time.Saturday:
		d = d.AddDays(-1)
	case time.Sunday:
		d = d.AddDays(-2)
	default:
		return d
	}
	if d <= from {
		d = d.AddDays(3)
	}
	return d
}

// CheckInItem is the action item that books the next meeting.
func (f *FollowUp) CheckInItem() ActionItem {
	return ActionItem{AccountID: f.AccountID, Text: checkInText + f.Account, Due: f.NextMeeting, Source: f.NoteID}
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
