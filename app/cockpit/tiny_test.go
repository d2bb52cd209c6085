package cockpit

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// While the window is too small to show anything but "make the window
// larger", keys act on nothing (b opened a brief and 2 moved panes unseen).
func TestKeysInATinyWindowActOnNothing(t *testing.T) {
	tm, _ := cockpit(t, 5, 80, 24)
	waitFor(t, tm, "to do")
	tm.Send(tea.WindowSizeMsg{Width: 20, Height: 6})
	waitFor(t, tm, "make the window")
	keys(tm, "2", "b")
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	waitFor(t, tm, "[1 Triage]")
	v := finalView(t, tm)
	if !strings.Contains(v, "[1 Triage]") || strings.Contains(v, "Brief ·") {
		t.Errorf("keys typed in a tiny window acted:\n%s", v)
	}
}
