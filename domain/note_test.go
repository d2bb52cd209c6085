package domain

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseNote(t *testing.T) {
	today := d("2026-11-28")
	text := strings.Join([]string{
		"Call with Ana and Ben.",
		"- [ ] send pricing @fri",
		"* [ ] book the QBR @2026-12-15",
		"  [ ] intro to finance lead",
		"- [x] already done @mon",
		"- [ ] ping legal @someday",
		"- [ ] email ana@example.com about SSO", // an address is not a due date
		"- [ ]",
		"no checkbox here @fri",
	}, "\n")
	got := ParseNote(text, today)
	want := []NoteItem{
		{Line: 2, Text: "send pricing", Due: d("2026-12-04")},
		{Line: 3, Text: "book the QBR", Due: d("2026-12-15")},
		{Line: 4, Text: "intro to finance lead"},
		{Line: 6, Text: "ping legal @someday"},
		{Line: 7, Text: "email ana@example.com about SSO"},
	}
	if !reflect.DeepEqual(got.Items, want) {
		t.Errorf("items:\n got %+v\nwant %+v", got.Items, want)
	}
	if len(got.Problems) != 2 || !strings.Contains(got.Problems[0], "line 6") || !strings.Contains(got.Problems[1], "line 8") {
		t.Errorf("problems = %q", got.Problems)
	}
}
