package cockpit

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/views"
)

// A status message too long for one line wraps onto a second one, and the
// pane gives up a line for it; the screen never grows past the height.
func TestLongStatusWrapsOntoASecondLine(t *testing.T) {
	msg := "note for Blue Harbor Mining Inc. NOT saved but kept (n on an account attaches it): the book was restored from a backup taken before this account existed"
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		w, h := sz[0], sz[1]
		m := model80x24(t)
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		for i := range m.panes {
			m.focusOn(i, false)
			m.Update(views.StatusMsg{Text: msg, Err: true})
			ls := lines(m)
			if len(ls) != h {
				t.Fatalf("%dx%d %s: %d lines", w, h, m.focused().Title(), len(ls))
			}
			for _, l := range ls {
				if ansi.StringWidth(l) > w {
					t.Errorf("%dx%d: line wider than the screen: %q", w, h, l)
				}
			}
			status := strings.Join(ls[h-3:h-1], " ")
			if !strings.Contains(status, "✗ note for Blue Harbor") || !strings.Contains(status, "before this account existed") || strings.Contains(status, "…") {
				t.Errorf("%dx%d: the status is not whole on two lines:\n%s", w, h, strings.Join(ls[h-3:], "\n"))
			}
			if !strings.Contains(ls[h-1], "help") {
				t.Errorf("%dx%d: the footer is not the last line: %q", w, h, ls[h-1])
			}
			if m.bodyHeight() != h-5 {
				t.Errorf("%dx%d: the pane has %d lines under a two-line status", w, h, m.bodyHeight())
			}
			press(m, "esc") // the next key clears it; the pane gets its line back
			if m.status != "" || m.bodyHeight() != h-4 || len(lines(m)) != h {
				t.Errorf("%dx%d: after a key: status %q, body %d, %d lines", w, h, m.status, m.bodyHeight(), len(lines(m)))
			}
		}
	}
	// A message longer than two lines is cut at the end of the second, with ….
	m := model80x24(t)
	m.Update(views.StatusMsg{Text: strings.Repeat("word ", 60)})
	ls := lines(m)
	if len(ls) != 24 || !strings.HasSuffix(strings.TrimRight(ls[22], " "), "…") {
		t.Errorf("a very long status:\n%s", strings.Join(ls[20:], "\n"))
	}
}
