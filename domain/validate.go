package domain

// Validation helpers shared by the records' Validate methods, and record UIDs.

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

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

// ControlChar returns the first character of s that would act on a
// terminal showing it rather than be shown: a C0 or C1 control (the escape
// of every escape sequence), DEL, a line or paragraph separator, a bidi
// override or isolate; tabs and line breaks only when !multiline.
func ControlChar(s string, multiline bool) (rune, bool) {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return r, true
		}
	}
	return 0, false
}

// CheckPlain refuses text from a person or a file that is not valid UTF-8
// or holds a control character (ControlChar), naming field and the text.
func CheckPlain(field, s string, multiline bool) error {
	if !utf8.ValidString(s) {
		return Invalid(field, s, "not valid UTF-8")
	}
	if r, bad := ControlChar(s, multiline); bad {
		return Invalid(field, Printable(Excerpt(s, 40)), "holds a control character (%U); type plain text", r)
	}
	return nil
}

// checkTime holds an instant to the years of every date (checkDate): what
// the CLI and CSV imports refuse is refused from any source (a JSON import),
// and the timeline's keys (nanoseconds since 1970) never overflow.
func checkTime(v *validator, field string, t time.Time) {
	if t.IsZero() {
		return
	}
	y := t.Year()
	v.check(y >= 1900 && y <= 2200, field, t.UTC().Format(time.RFC3339), "year must be between 1900 and 2200")
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
