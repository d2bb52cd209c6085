package domain

import (
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseISODate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestParseDate(t *testing.T) {
	today := d("2026-11-28") // a Saturday
	cases := []struct{ in, want string }{
		{"2026-12-01", "2026-12-01"},
		{"today", "2026-11-28"},
		{"Tomorrow", "2026-11-29"},
		{"yesterday", "2026-11-27"},
		{"fri", "2026-12-04"},
		{"friday", "2026-12-04"},
		{"sat", "2026-12-05"}, // the next Saturday, not today
		{"mon", "2026-11-30"},
		{"+3d", "2026-12-01"},
		{"3d", "2026-12-01"},
		{"1d", "2026-11-29"},
		{"+2w", "2026-12-12"},
		{"+1m", "2026-12-28"},
		{"+1y", "2027-11-28"},
		{"eom", "2026-11-30"},
		{"eow", "2026-12-04"},
		{"2028-02-29", "2028-02-29"}, // leap day
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, today)
		if err != nil || got.String() != c.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "2026-02-30", "2027-02-29", "2026-13-01", "+3x", "soon", "+99999d", "1850-01-01", "12/01/2026"} {
		if got, err := ParseDate(bad, today); err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error", bad, got)
		} else if ErrorCode(err) != EINVALID {
			t.Errorf("ParseDate(%q) error code %q", bad, ErrorCode(err))
		}
	}
}

func TestDateMonthEnds(t *testing.T) {
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-10-31", 1, "2026-11-30"},
	}
	for _, c := range cases {
		if got := d(c.from).AddMonths(c.n); got.String() != c.want {
			t.Errorf("%s + %d months = %s; want %s", c.from, c.n, got, c.want)
		}
	}
	if got := d("2028-03-01").Sub(d("2028-02-28")); got != 2 {
		t.Errorf("days across a leap day = %d; want 2", got)
	}
}

func TestDateOfUsesTheLocalCalendarDay(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	la := time.FixedZone("PST", -8*3600)
	instant := time.Date(2026, 11, 28, 20, 0, 0, 0, time.UTC)
	if got := DateOf(instant.In(tokyo)).String(); got != "2026-11-29" {
		t.Errorf("Tokyo day = %s", got)
	}
	if got := DateOf(instant.In(la)).String(); got != "2026-11-28" {
		t.Errorf("LA day = %s", got)
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" || !DateOf(time.Time{}).IsZero() {
		t.Error("the zero Date must mean no date")
	}
	if got := d("1970-01-01"); got.IsZero() {
		t.Error("1970-01-01 must not be the zero date")
	}
}

func TestDateText(t *testing.T) {
	var x Date
	if err := x.UnmarshalText([]byte("2026-12-01")); err != nil || x != d("2026-12-01") {
		t.Fatal(x, err)
	}
	b, _ := x.MarshalText()
	if string(b) != "2026-12-01" {
		t.Fatal(string(b))
	}
	if err := x.UnmarshalText([]byte("2026-02-31")); err == nil {
		t.Fatal("want an error for Feb 31")
	}
}

// Found by fuzzing: a relative date may not run past the years dates are kept for.
func TestRelativeDatesStayInRange(t *testing.T) {
	today := NewDate(2026, 11, 28)
	for _, s := range []string{"177y", "177Y", "3650m", "+3650y"} {
		if d, err := ParseDate(s, today); err == nil {
			t.Errorf("%q parsed to %s", s, d)
		}
	}
	if d, err := ParseDate("173y", today); err != nil || d.String() != "2199-11-28" {
		t.Errorf("173y: %s %v", d, err)
	}
}

func TestDateFormat(t *testing.T) {
	d := NewDate(2026, time.December, 8)
	want := map[string]string{"": "2026-12-08", "2006-01-02": "2026-12-08", "02/01/2006": "08/12/2026", "01/02/2006": "12/08/2026", "2 Jan 2006": "8 Dec 2026"}
	for _, l := range append([]string{""}, DateLayouts...) {
		if got := d.Format(l); got != want[l] {
			t.Errorf("Format(%q) = %q, want %q", l, got, want[l])
		}
	}
	if got := Date(0).Format("2 Jan 2006"); got != "" {
		t.Errorf("zero date = %q, want \"\"", got)
	}
	if d.String() != "2026-12-08" {
		t.Errorf("String changed: %q", d.String())
	}
}
