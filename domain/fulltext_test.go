package domain

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestParseTextQuery(t *testing.T) {
	today := NewDate(2026, 11, 28)
	q, err := ParseTextQuery(`SSO "Data  Connector" onboard* account:"Acme Corp" kind:notes,risk from:30d to:2026-11-27 owner:Maya http://x.example`, today)
	if err != nil {
		t.Fatal(err)
	}
	want := TextQuery{
		Words:    []string{"sso", "http://x.example"},
		Prefixes: []string{"onboard"},
		Phrases:  []string{"data connector"},
		Account:  "Acme Corp",
		Owner:    "maya",
		Kinds:    []string{TextNote, TextRisk},
		From:     NewDate(2026, 10, 29),
		To:       NewDate(2026, 11, 27),
	}
	if !reflect.DeepEqual(q, want) {
		t.Fatalf("got  %+v\nwant %+v", q, want)
	}
	// Being typed: an unclosed quote, a filter without its value.
	q, err = ParseTextQuery(`"data conn kind:`, today)
	if err != nil || len(q.Phrases) != 1 || q.Phrases[0] != "data conn kind:" {
		t.Fatalf("unclosed quote: %+v %v", q, err)
	}
	q, err = ParseTextQuery(`sso kind:`, today)
	if err != nil || q.Kinds != nil || q.Empty() {
		t.Fatalf("empty filter: %+v %v", q, err)
	}
	if q, _ := ParseTextQuery(`kind:note from:1y`, today); !q.Empty() || q.From != NewDate(2025, 11, 28) {
		t.Fatalf("filters alone: %+v", q)
	}
	for _, bad := range []string{"x kind:planet", "x from:someday", "x from:2026-02-01 to:2026-01-01"} {
		if _, err := ParseTextQuery(bad, today); ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// What a person types into the search, and any text a record holds: the
// query parses or says why, and the words' byte ranges lie in the text, in
// order, on rune boundaries.
func FuzzTextQuery(f *testing.F) {
	for _, s := range []string{`sso "data connector" onboard* account:"Acme Corp" kind:note,risk from:30d to:2026-11-27 owner:maya`,
		`"unclosed`, `account:"`, "kind:", "\x1b]52;c;eA==\x07 naïve café's don't 株式会社", "'s's’", "from:99999d", ""} {
		f.Add(s)
	}
	today := NewDate(2026, 11, 28)
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseTextQuery(s, today)
		if err == nil && !q.From.IsZero() && !q.To.IsZero() && q.From > q.To {
			t.Fatalf("%q: from after to", s)
		}
		last := -1
		for _, tk := range Tokens(s) {
			if tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End || tk.Start < last || tk.Stem == "" {
				t.Fatalf("%q: token %+v", s, tk)
			}
			if !utf8.ValidString(s[tk.Start:tk.End]) && utf8.ValidString(s) {
				t.Fatalf("%q: token %+v cuts a rune", s, tk)
			}
			last = tk.End
		}
	})
}
