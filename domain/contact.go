package domain

// The people at an account and what was said with them: contacts, interactions, drafts.

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

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
	// ExternalID is the contact's record id in the CRM it was imported from.
	ExternalID string `json:"external_id,omitempty"`
	// Custom holds a CRM's columns tend has no field for, by column name.
	Custom map[string]string `json:"custom,omitempty"`
}

// Validate reports every problem with the contact.
func (c *Contact) Validate() error {
	var v validator
	checkUID(&v, c.UID)
	checkName(&v, "name", c.Name, true, 200)
	checkName(&v, "title", c.Title, false, 200)
	checkTime(&v, "last_touch", c.LastTouch)
	checkTime(&v, "created", c.Created)
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
	// DateOnly says the note has a date but no time of day (a CRM activity
	// dated without one): At is then noon UTC of that date (DateOnlyAt), and
	// the note is shown and exported as the date alone.
	DateOnly  bool      `json:"date_only,omitempty"`
	Channel   Channel   `json:"channel"`
	Attendees []uint64  `json:"attendees,omitempty"`
	Summary   string    `json:"summary"`
	Sentiment Sentiment `json:"sentiment,omitempty"`
	// ExternalID is the activity's record id in the CRM it was imported from:
	// importing it again finds it by this.
	ExternalID string `json:"external_id,omitempty"`
	// Revisions are the note's earlier texts, oldest first: an edit keeps
	// what it replaces.
	Revisions []Revision `json:"revisions,omitempty"`
}

// DateOnlyAt is the instant a note dated d without a time of day is kept
// at: noon UTC, the same date in every zone from UTC-11 to UTC+11, so that
// the day it counts for and the import's duplicate check (the same date is
// the same instant) do not depend on the zone it was imported in.
func DateOnlyAt(d Date) time.Time {
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, 12, 0, 0, 0, time.UTC)
}

// Stamp is when the note was, for people: its date and time of day in loc
// ("2026-11-02 16:40"), or its date alone when it has no time of day.
func (i *Interaction) Stamp(loc *time.Location) string {
	if i.DateOnly {
		return i.At.UTC().Format("2006-01-02")
	}
	return i.At.In(loc).Format("2006-01-02 15:04")
}

// Revision is a note's text as it was until an edit at At.
type Revision struct {
	At      time.Time `json:"at"`
	Summary string    `json:"summary"`
}

// MaxRevisions bounds a note's kept revisions: past it, the oldest edits
// go, never the note's first text.
const MaxRevisions = 50

// Edit replaces the note's text at an instant, keeping the text it had as a
// revision (nothing is kept when the text does not change).
func (i *Interaction) Edit(text string, at time.Time) {
	if text == i.Summary {
		return
	}
	i.Revisions = append(i.Revisions, Revision{At: at.UTC(), Summary: i.Summary})
	if n := len(i.Revisions) - MaxRevisions; n > 0 {
		// The first text (what was said at the call) always stays; the
		// oldest edits after it go.
		i.Revisions = append([]Revision{i.Revisions[0]}, i.Revisions[n+1:]...)
	}
	i.Summary = text
}

// MaxNoteLen bounds a note (1 MiB of text is a book, not a note).
const MaxNoteLen = 1 << 20

// Validate reports every problem with the interaction.
func (i *Interaction) Validate() error {
	var v validator
	checkUID(&v, i.UID)
	v.check(!i.At.IsZero(), "at", "", "required")
	checkTime(&v, "at", i.At)
	v.check(oneOf(Channels, i.Channel), "channel", string(i.Channel), "want one of call, email, meeting, qbr, chat, note")
	v.check(oneOf(Sentiments, i.Sentiment), "sentiment", string(i.Sentiment), "want positive, neutral or negative")
	v.check(len(i.Summary) <= MaxNoteLen, "summary", "", "longer than 1 MiB")
	v.check(utf8.ValidString(i.Summary), "summary", "", "not valid UTF-8")
	v.check(len(i.Revisions) <= MaxRevisions, "revisions", itoa(len(i.Revisions)), "at most %d kept revisions", MaxRevisions)
	for _, r := range i.Revisions {
		v.check(len(r.Summary) <= MaxNoteLen && utf8.ValidString(r.Summary), "revisions", "", "a kept revision is longer than 1 MiB or not valid UTF-8")
		checkTime(&v, "revisions", r.At)
	}
	return v.err()
}

// Draft is a note being written, saved as it is typed so that a crash or a
// closed laptop loses nothing. An account has one, and more when two
// cockpits typed different drafts on it: each is kept in a slot of its own.
type Draft struct {
	Slot       uint64    `json:"-"`                // 0: the account's draft; more: a draft kept beside it (from the store key)
	Writer     string    `json:"writer,omitempty"` // the note editor that typed it (one per opening, any cockpit)
	Base       string    `json:"-"`                // the text of the slot that editor last read or wrote (in memory only)
	AccountID  uint64    `json:"account_id"`
	AccountUID string    `json:"account_uid,omitempty"` // the account it was written for, to save it there only
	Text       string    `json:"text"`
	Channel    Channel   `json:"channel"`
	Sentiment  Sentiment `json:"sentiment,omitempty"`
	Attendees  []uint64  `json:"attendees,omitempty"`
	Started    time.Time `json:"started"`
	Saved      time.Time `json:"saved"`
}
