package domain

import "regexp"

// The check-in rule: which open action item books an account's next
// check-in. Booking (the follow-up's i), the agenda, the calendar export,
// the brief and the follow-up all ask IsCheckIn, so an item booked by
// the follow-up ("Next check-in with Acme") and one typed in a note
// ("- [ ] next check-in @2026-12-10", "check-in call with Raj",
// "checkin", "Check in") count alike.

// checkInWord is "check-in", "check in", "checkin" (and their plurals) as
// a word, in any case: not "checking" nor "check inventory".
var checkInWord = regexp.MustCompile(`(?i)\bcheck[- ]?ins?\b`)

// IsCheckIn reports whether an action item's text says it is a check-in
// with the account, so that, open, it books the next one.
func IsCheckIn(text string) bool { return checkInWord.MatchString(text) }
