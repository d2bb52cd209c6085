package domain

import (
	"strings"
	"testing"
)

// A query that can find nothing whatever the book holds says why.
func TestUnsearchableQueriesSayWhy(t *testing.T) {
	today := NewDate(2026, 11, 29)
	for q, want := range map[string]string{
		"the":    "too common",
		"o*":     "two letters",
		"":       "give a word",
		"the o*": "too common",
	} {
		tq, err := ParseTextQuery(q, today)
		if err != nil {
			t.Fatal(q, err)
		}
		if got := tq.Unsearchable(); !strings.Contains(got, want) {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
	for _, q := range []string{"sso", "the sso", `"the data"`, "onb*", "escalating from:30d", "from:30d", "kind:note account:acme", "owner:maya"} {
		tq, _ := ParseTextQuery(q, today)
		if got := tq.Unsearchable(); got != "" {
			t.Errorf("%q: %q, want searchable", q, got)
		}
	}
}
