package cockpit

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// ctrl+f opens the search from every overlay that takes no text (u15
// report, 3): the reader a search hit opened (back to the query and its
// results), the records browser, the brief, the drafts list; the keys typed
// next go to the search, never to the overlay below, and esc comes back to it.
func TestSearchFromEveryOverlay(t *testing.T) {
	tm := searchCockpit(t, searchBook(t))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	typeText(tm, `escalat* sso kind:note`)
	waitFor(t, tm, "1 found")
	keys(tm, "enter")
	waitFor(t, tm, "found: ", "Their CFO wants")
	// The reader: ctrl+f is the query and its results again; d is typed, not a delete.
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
	waitFor(t, tm, "Search notes and records", "1 found")
	keys(tm, " d")
	waitFor(t, tm, "kind:note d")
	keys(tm, "esc")
	waitFor(t, tm, "Their CFO wants")

	for _, open := range []struct {
		name  string
		keys  func()
		shown string
	}{
		{"records browser", func() { keys(tm, "esc") }, "Records of"},
		{"brief", func() { keys(tm, "esc", "esc", "b") }, "Brief · "},
		{"drafts list", func() { keys(tm, "esc"); tm.Send(tea.KeyMsg{Type: tea.KeyCtrlR}) }, "Note drafts · "},
	} {
		open.keys()
		waitFor(t, tm, open.shown)
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlF})
		waitFor(t, tm, "Search notes and records")
		keys(tm, "zq") // typed in the query, not commands of the overlay below
		waitFor(t, tm, "zq")
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
		keys(tm, "esc")
		waitFor(t, tm, open.shown)
	}
	final := finalView(t, tm)
	if !strings.Contains(final, "Note drafts · ") || strings.Contains(final, "Search notes and records") {
		t.Fatalf("after the search over the drafts list:\n%s", final)
	}
}
