package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

func manyRecords(n int) []Record {
	at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	out := []Record{{Kind: KindContact, ID: 1, UID: "c1", Label: "Dana Ruiz", Value: domain.Contact{ID: 1, Name: "Dana Ruiz"}}}
	for i := n; i >= 1; i-- {
		in := domain.Interaction{ID: uint64(i), At: at.Add(-time.Duration(i) * time.Hour), Channel: domain.ChannelCall, Summary: fmt.Sprintf("note number %d", i)}
		out = append(out, Record{Kind: KindNote, ID: uint64(i), UID: fmt.Sprint("n", i), Label: in.Summary, Value: in})
	}
	return append(out, Record{Kind: KindOrder, ID: 1, UID: "o1", Label: "$10 on 2026-11-01", Value: domain.Order{ID: 1}})
}

func keyOf(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// The browser groups by kind, moves its window with the cursor, and
// filters by words or by kind.
func TestRecordsBrowserWindowAndFilter(t *testing.T) {
	ctx := NewContext(nil, nil, true)
	r := NewRecords(ctx, Ref{ID: 1, UID: "a", Name: "Acme"}, "USD")
	r.SetSize(80, 20)
	r.Update(RecordsMsg{Account: Ref{ID: 1, UID: "a", Name: "Acme"}, Records: manyRecords(500)})
	v := r.View()
	if lines := strings.Split(v, "\n"); len(lines) != 20 || !strings.Contains(v, "Contacts (1)") || !strings.Contains(v, "Notes (500)") || !strings.Contains(v, "502 of 502 records") {
		t.Fatalf("first page (%d lines):\n%s", len(lines), v)
	}
	r.Update(keyOf("G"))
	v = r.View()
	if !strings.Contains(v, "› #1   $10 on 2026-11-01") || !strings.Contains(v, "Orders (1)") || strings.Contains(v, "Contacts (1)") {
		t.Fatalf("last page:\n%s", v)
	}
	for _, k := range []string{"f", "number 420", "enter"} {
		r.Update(keyOf(k))
	}
	v = r.View()
	if !strings.Contains(v, "1 of 502 records · filter: number 420") || !strings.Contains(v, "› #420") {
		t.Fatalf("filtered:\n%s", v)
	}
	r.Update(keyOf("esc")) // clears the filter, keeps the browser
	if r.Done() || !strings.Contains(r.View(), "502 of 502") {
		t.Fatalf("esc with a filter:\n%s", r.View())
	}
	for _, k := range []string{"f", "orders", "enter"} {
		r.Update(keyOf(k))
	}
	if v := r.View(); !strings.Contains(v, "1 of 502 records") || !strings.Contains(v, "› #1   $10") {
		t.Fatalf("a kind as the filter:\n%s", v)
	}
	r.Update(keyOf("esc"))
	r.Update(keyOf("esc"))
	if !r.Done() {
		t.Error("esc without a filter did not close the browser")
	}
}

// The reader shows a note's whole text, line by line, at the width.
func TestReaderWrapsTheWholeNote(t *testing.T) {
	ctx := NewContext(nil, nil, true)
	long := strings.Repeat("word ", 100) + "\nthe end\x1b[2J"
	rec := Record{Kind: KindNote, ID: 3, Label: "x", Value: domain.Interaction{ID: 3, Channel: domain.ChannelEmail, Attendees: []uint64{7}, Summary: long,
		Revisions: []domain.Revision{{Summary: "first try"}}}}
	r := NewReader(ctx, Ref{ID: 1, Name: "Acme"}, rec, []domain.Contact{{ID: 7, Name: "Dana"}})
	lines := r.Lines(40)
	all := strings.Join(lines, "\n")
	for _, want := range []string{"Note #3 of Acme", "email", "Dana", "the end␛[2J", "Earlier versions (1, newest first)", "first try"} {
		if !strings.Contains(all, want) {
			t.Errorf("the reader lacks %q:\n%s", want, all)
		}
	}
	for _, l := range lines {
		if Width(l) > 40 {
			t.Errorf("wider than 40: %q", l)
		}
	}
	if n := strings.Count(all, "word"); n != 100 {
		t.Errorf("%d words of 100 shown", n)
	}
}

func BenchmarkRecordsView(b *testing.B) {
	ctx := NewContext(nil, nil, true)
	r := NewRecords(ctx, Ref{ID: 1, UID: "a", Name: "Acme"}, "USD")
	r.SetSize(120, 40)
	r.Update(RecordsMsg{Account: Ref{ID: 1, UID: "a", Name: "Acme"}, Records: manyRecords(10000)})
	r.Update(keyOf("G"))
	b.ResetTimer()
	for b.Loop() {
		_ = r.View()
	}
}

// [keys.records] remaps the browser's keys, and the reader's with them.
func TestRecordsKeysRemap(t *testing.T) {
	ctx := NewContext(nil, nil, true)
	ctx.Keys = KeyBindings{"records": {"delete": {"x"}, "read": {"o"}}}
	acct := Ref{ID: 1, UID: "a", Name: "Acme"}
	r := NewRecords(ctx, acct, "USD")
	r.SetSize(80, 20)
	r.Update(RecordsMsg{Account: acct, Records: manyRecords(3)})
	if cmd := r.Update(keyOf("d")); cmd != nil {
		t.Errorf("d still does something: %T", cmd())
	}
	if cmd := r.Update(keyOf("x")); cmd == nil {
		t.Error("x does not delete")
	} else if f, ok := cmd().(FormRequestMsg); !ok || !strings.Contains(f.Form.Title, "Delete contact?") {
		t.Errorf("x: %+v", cmd())
	}
	cmd := r.Update(keyOf("o"))
	if cmd == nil {
		t.Fatal("o does not read")
	}
	rd := cmd().(OverlayRequestMsg).Overlay.(*Reader)
	if c := rd.Update(keyOf("x")); c == nil {
		t.Error("x does not delete in the reader")
	}
}

// Tiny sizes and resizes do not crash the browser or the reader.
func TestRecordsTinySizes(t *testing.T) {
	ctx := NewContext(nil, nil, true)
	acct := Ref{ID: 1, UID: "a", Name: "Acme"}
	r := NewRecords(ctx, acct, "USD")
	r.Update(RecordsMsg{Account: acct, Records: manyRecords(30)})
	rd := NewReader(ctx, acct, manyRecords(1)[1], nil)
	for _, sz := range [][2]int{{0, 0}, {1, 1}, {20, 6}, {40, 2}, {200, 3}, {80, 24}} {
		r.SetSize(sz[0], sz[1])
		rd.SetSize(sz[0], sz[1])
		r.Update(keyOf("G"))
		_, _ = r.View(), rd.View()
	}
}

// The browser marks what is late as the plan pane does: an overdue action
// item, a past-due onboarding step.
func TestRecordsBrowserMarksOverdue(t *testing.T) {
	ctx := testCtx() // today 2026-11-28
	r := NewRecords(ctx, Ref{ID: 1, UID: "a", Name: "Acme"}, "USD")
	r.SetSize(80, 20)
	recs := []Record{
		{Kind: KindItem, ID: 1, UID: "i1", Label: "send the deck", Value: domain.ActionItem{ID: 1, Text: "send the deck", Due: domain.NewDate(2026, 11, 20)}},
		{Kind: KindItem, ID: 2, UID: "i2", Label: "book the review", Value: domain.ActionItem{ID: 2, Text: "book the review", Due: domain.NewDate(2026, 12, 20)}},
		{Kind: KindStep, ID: 1, UID: "s1", Label: "kick-off", Value: domain.ChecklistItem{Text: "kick-off", Due: domain.NewDate(2026, 11, 1)}},
	}
	r.Update(RecordsMsg{Account: Ref{ID: 1, UID: "a", Name: "Acme"}, Records: recs})
	v := r.View()
	for _, want := range []string{"! overdue, due 2026-11-20", "due 2026-12-20", "due 2026-11-01 !"} {
		if !strings.Contains(v, want) {
			t.Errorf("no %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "overdue, due 2026-12-20") {
		t.Errorf("a future item marked overdue:\n%s", v)
	}
}
