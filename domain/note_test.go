package domain

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
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

// A note edited more than MaxRevisions times keeps its first text and the
// newest edits.
func TestEditKeepsTheFirstTextPastTheLimit(t *testing.T) {
	in := Interaction{Summary: "v0"}
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= MaxRevisions+20; i++ {
		in.Edit(fmt.Sprintf("v%d", i), at.Add(time.Duration(i)*time.Minute))
	}
	if len(in.Revisions) != MaxRevisions || in.Revisions[0].Summary != "v0" || in.Revisions[len(in.Revisions)-1].Summary != fmt.Sprintf("v%d", MaxRevisions+19) {
		t.Errorf("%d revisions, first %q, last %q", len(in.Revisions), in.Revisions[0].Summary, in.Revisions[len(in.Revisions)-1].Summary)
	}
	if in.Revisions[1].Summary != "v21" {
		t.Errorf("second kept %q, want v21", in.Revisions[1].Summary)
	}
}
