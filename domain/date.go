package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date (a day, no time zone): days since 0001-01-01 plus one,
// so that the zero value means "no date". It is compact (4 bytes), ordered and
// cheap to compare, which matters when 100k summaries carry several dates.
type Date int32

// unixEpochDays is the value of 1970-01-01.
const unixEpochDays = 719163

// NewDate returns the date y-m-d; out-of-range parts normalise as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(t.Unix()/86400 + unixEpochDays)
}

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == 0 }

// Time is midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Unix((int64(d)-unixEpochDays)*86400, 0).UTC()
}

// In is midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	y, m, dd := d.Time().Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// Parts returns year, month and day.
func (d Date) Parts() (int, time.Month, int) { return d.Time().Date() }

// Weekday of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d+n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths adds n months, clamping to the month's last day (Jan 31 + 1 month = Feb 28 or 29).
func (d Date) AddMonths(n int) Date {
	y, m, dd := d.Parts()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := DaysIn(first.Year(), first.Month())
	if dd > last {
		dd = last
	}
	return NewDate(first.Year(), first.Month(), dd)
}

// Sub is the number of days from e to d (d - e).
func (d Date) Sub(e Date) int { return int(d - e) }

// String is the ISO form, 2026-12-01, or "" for no date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// DateLayouts are the layouts a date may be shown in (the date_format
// setting): ISO first, the default.
var DateLayouts = []string{"2006-01-02", "02/01/2006", "01/02/2006", "2 Jan 2006"}

// Format shows d in layout (a time.Format layout; "" is ISO), or "" for no
// date. It is for display only: String and MarshalText stay ISO.
func (d Date) Format(layout string) string {
	if d == 0 {
		return ""
	}
	if layout == "" {
		layout = DateLayouts[0]
	}
	return d.Time().Format(layout)
}

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler (ISO dates or empty).
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DaysIn is the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseISODate parses YYYY-MM-DD strictly (no normalisation: 2026-02-30 is an error).
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, Invalid("date", s, "want a date like 2026-12-01")
	}
	if t.Year() < 1900 || t.Year() > 2200 {
		return 0, Invalid("date", s, "year must be between 1900 and 2200")
	}
	return DateOf(t), nil
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseDate parses a date as a person types it, relative to today:
// 2026-12-01, today, tomorrow, yesterday, a weekday (mon … sun: the next one
// after today), +3d / 3d, +2w, +1m, +1y, eow (this Friday, or next if past),
// eom (the month's last day).
func ParseDate(s string, today Date) (Date, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	switch in {
	case "":
		return 0, Invalid("date", s, "empty; want a date like 2026-12-01, fri or +3d")
	case "today", "now":
		return today, nil
	case "tomorrow", "tom":
		return today + 1, nil
	case "yesterday":
		return today - 1, nil
	case "eom":
		y, m, _ := today.Parts()
		return NewDate(y, m, DaysIn(y, m)), nil
	case "eow":
		return nextWeekday(today, time.Friday, true), nil
	}
	if wd, ok := weekdays[in]; ok {
		return nextWeekday(today, wd, false), nil
	}
	if reRelative.MatchString(in) {
		num := strings.TrimPrefix(in, "+")
		unit := num[len(num)-1]
		n, err := strconv.Atoi(num[:len(num)-1])
		if err != nil || n < 0 || n > 3650 {
			return 0, Invalid("date", s, "want a count up to 3650 and a unit, like +3d, 2w, 1m")
		}
		var d Date
		switch unit {
		case 'd':
			d = today + Date(n)
		case 'w':
			d = today + Date(7*n)
		case 'm':
			d = today.AddMonths(n)
		case 'y':
			d = today.AddMonths(12 * n)
		default:
			return 0, Invalid("date", s, "unknown unit %q; use d, w, m or y", string(unit))
		}
		if y, _, _ := d.Parts(); y > 2200 {
			return 0, Invalid("date", s, "too far ahead: dates go up to the year 2200")
		}
		return d, nil
	}
	if !reISODate.MatchString(in) {
		return 0, Invalid("date", s, "not a date tend recognises: %s", acceptedForms)
	}
	return ParseISODate(in)
}

// acceptedForms lists the ways a date may be typed, for error messages.
const acceptedForms = "type year-month-day (2027-12-31), today, tomorrow, a weekday (fri), +3d, +2w, +3m, +1y, eow or eom"

var (
	reRelative = regexp.MustCompile(`^\+?[0-9]+[a-z]$`)
	reISODate  = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$`)
)

// ParseDateIn is ParseDate that also takes a date written in layout (the
// date_format setting, one of DateLayouts), and names that layout among the
// accepted forms when s is none of them.
func ParseDateIn(s string, today Date, layout string) (Date, error) {
	d, err := ParseDate(s, today)
	if err == nil || layout == "" || layout == DateLayouts[0] {
		return d, err
	}
	if t, perr := time.Parse(layout, strings.TrimSpace(s)); perr == nil {
		if t.Year() < 1900 || t.Year() > 2200 {
			return 0, Invalid("date", s, "year must be between 1900 and 2200")
		}
		return DateOf(t), nil
	}
	if e := FieldErrors(err); len(e) == 1 && strings.HasPrefix(e[0].Message, "not a date tend recognises") {
		return 0, Invalid("date", s, "not a date tend recognises: %s, or %s (the date_format setting)", acceptedForms, NewDate(2027, time.December, 31).Format(layout))
	}
	return d, err
}

// nextWeekday is the next wd after today (or today itself when inclusive).
func nextWeekday(today Date, wd time.Weekday, inclusive bool) Date {
	delta := (int(wd) - int(today.Weekday()) + 7) % 7
	if delta == 0 && !inclusive {
		delta = 7
	}
	return today + Date(delta)
}

// Describe says d relative to today in a few characters: "today", "in 3d", "5d ago".
func (d Date) Describe(today Date) string {
	if d == 0 {
		return "—"
	}
	n := d.Sub(today)
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 0:
		return fmt.Sprintf("in %dd", n)
	}
	return fmt.Sprintf("%dd ago", -n)
}
