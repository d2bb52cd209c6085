package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the length of a reporting period.
type PeriodKind int

const (
	Month PeriodKind = iota
	Quarter
	Year
)

// Period is a span of civil dates [Start, End).
type Period struct {
	Kind  PeriodKind
	Start Date
	End   Date // exclusive
}

// PeriodOf is the period of the given kind that contains d.
func PeriodOf(kind PeriodKind, d Date) Period {
	y, m, _ := d.Parts()
	switch kind {
	case Quarter:
		q := (int(m) - 1) / 3
		s := NewDate(y, time.Month(q*3+1), 1)
		return Period{Kind: Quarter, Start: s, End: s.AddMonths(3)}
	case Year:
		s := NewDate(y, 1, 1)
		return Period{Kind: Year, Start: s, End: s.AddMonths(12)}
	}
	s := NewDate(y, m, 1)
	return Period{Kind: Month, Start: s, End: s.AddMonths(1)}
}

// PeriodForms lists the forms ParsePeriod accepts.
const PeriodForms = "a year (2026), a quarter (2026-Q3) or a month (2026-07)"

// ParsePeriod reads 2026-11 (a month), 2026-Q4 (a quarter) or 2026 (a year),
// strictly: four-digit years, two-digit months, nothing else.
func ParsePeriod(s string) (Period, error) {
	in := strings.ToUpper(strings.TrimSpace(s))
	bad := Invalid("period", s, "want %s", PeriodForms)
	if len(in) < 4 || !digits(in[:4]) {
		return Period{}, bad
	}
	y, _ := strconv.Atoi(in[:4])
	if y < 1900 || y > 2200 {
		return Period{}, Invalid("period", s, "the year must be between 1900 and 2200")
	}
	switch rest := in[4:]; {
	case rest == "":
		return PeriodOf(Year, NewDate(y, 1, 1)), nil
	case len(rest) == 3 && rest[:2] == "-Q" && rest[2] >= '1' && rest[2] <= '4':
		return PeriodOf(Quarter, NewDate(y, time.Month(int(rest[2]-'1')*3+1), 1)), nil
	case len(rest) == 3 && rest[0] == '-' && digits(rest[1:]):
		m, _ := strconv.Atoi(rest[1:])
		if m < 1 || m > 12 {
			return Period{}, bad
		}
		return PeriodOf(Month, NewDate(y, time.Month(m), 1)), nil
	}
	return Period{}, bad
}

// Prev is the period before p, of the same kind.
func (p Period) Prev() Period { return PeriodOf(p.Kind, p.Start-1) }

// Next is the period after p.
func (p Period) Next() Period { return PeriodOf(p.Kind, p.End) }

// Contains reports whether d falls in p.
func (p Period) Contains(d Date) bool { return d >= p.Start && d < p.End }

// YTD is the span from 1 January of p's year to p's end.
func (p Period) YTD() Period {
	y, _, _ := p.Start.Parts()
	return Period{Kind: Year, Start: NewDate(y, 1, 1), End: p.End}
}

// String is the period as typed: 2026-11, 2026-Q4, 2026.
func (p Period) String() string {
	y, m, _ := p.Start.Parts()
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("%d-Q%d", y, (int(m)-1)/3+1)
	case Year:
		return strconv.Itoa(y)
	}
	return fmt.Sprintf("%d-%02d", y, int(m))
}
