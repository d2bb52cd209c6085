package cockpit

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/views"
)

// mouse handles the mouse (Options.Mouse): the wheel moves the focused
// pane's selection or scrolls it (as ↑↓ do) and the full help; a click on a
// tab focuses its pane, a click on a row selects it. Everything it does has
// a key too.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.fatal != nil || !m.loaded || msg.Action != tea.MouseActionPress {
		return nil
	}
	var k tea.KeyMsg
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		k = tea.KeyMsg{Type: tea.KeyUp}
	case tea.MouseButtonWheelDown:
		k = tea.KeyMsg{Type: tea.KeyDown}
	case tea.MouseButtonLeft:
		return m.click(msg.X, msg.Y)
	default:
		return nil
	}
	switch {
	case m.showHelp:
		return m.helpKey(k)
	case m.top() != nil, m.focused().Capturing():
		return nil // a text field: the wheel is not a key there
	}
	return m.focused().Update(k)
}

// click selects the tab or the row under the pointer.
func (m *Model) click(x, y int) tea.Cmd {
	if m.top() != nil || m.focused().Capturing() {
		return nil
	}
	if y == 0 {
		if i := m.tabAt(x); i >= 0 {
			if m.showHelp {
				m.showHelp = false
				return tea.Batch(m.broadcast(views.HelpMsg{Shown: false}), m.focusOn(i, true))
			}
			return m.focusOn(i, true)
		}
		return nil
	}
	line := y - 2 // the header and a blank line are above the body
	if m.showHelp || line < 0 || line >= m.bodyHeight() {
		return nil
	}
	if c, ok := m.focused().(views.Clicker); ok {
		return c.Click(line)
	}
	return nil
}

// tabAt is the pane whose tab is drawn at column x of the header, or -1.
func (m *Model) tabAt(x int) int {
	head := ansi.Strip(m.header())
	from := 0
	for i, p := range m.panes {
		label := fmt.Sprintf("%d %s", i+1, p.Title())
		at := strings.Index(head[from:], label)
		if at < 0 {
			continue
		}
		start := ansi.StringWidth(head[:from+at])
		if x >= start-1 && x <= start+ansi.StringWidth(label) {
			return i
		}
		from += at + len(label)
	}
	return -1
}
