package cockpit

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// The root's frame: the header with the panes' tabs, the body (the focused
// pane or the top overlay), the status line and the help.

// frame is the number of lines the header, status and footer take: the
// full help (?) takes the body's place, so the panes keep their size. A
// status too long for one line takes two, and the panes one line less.
func (m *Model) frame() int { return 4 + m.statusExtra } // header, blank, status, footer

// statusLines is the status message wrapped at the width onto at most two
// lines (at words when it can), the second cut with … if even two are too few.
func (m *Model) statusLines() []string {
	status := m.status
	if m.errored {
		status = "✗ " + status
	}
	status = domain.Printable(status)
	if m.width <= 0 || ansi.StringWidth(status) <= m.width {
		return []string{status}
	}
	lines := strings.Split(ansi.Wrap(status, m.width, ""), "\n")
	most := 2
	if m.warned {
		most = 4 // a warning is read whole
	}
	if len(lines) > most {
		lines = append(lines[:most-1], views.Clip(strings.Join(lines[most-1:], " "), m.width))
	}
	for i, l := range lines {
		lines[i] = views.Clip(strings.TrimRight(l, " "), m.width)
	}
	return lines
}

// fitStatus gives the status line the rows its message needs and the panes
// the rest; called after every message, it lays the panes out only on a change.
func (m *Model) fitStatus() {
	extra := len(m.statusLines()) - 1
	if m.width < minWidth || m.height < minHeight {
		extra = 0
	}
	if extra != m.statusExtra {
		m.statusExtra = extra
		m.layout()
	}
}

// bodyHeight is the number of lines of the pane, overlay or full help.
func (m *Model) bodyHeight() int { return max(0, m.height-m.frame()) }

// layout gives every pane and overlay the space left after the frame.
func (m *Model) layout() {
	w, h := m.width, max(0, m.height-m.frame())
	for _, p := range m.panes {
		p.SetSize(w, h)
	}
	for _, o := range m.overlays {
		o.SetSize(w, h)
	}
}

func (m *Model) helpKeys() views.HelpKeys {
	if o := m.top(); o != nil {
		return views.HelpKeys{Global: m.keys, Pane: o.KeyMap()}
	}
	return views.HelpKeys{Global: m.keys, Pane: m.focused().KeyMap()}
}

// View draws the frame and the focused pane (or the top overlay).
func (m *Model) View() string {
	defer catchPanic()
	if m.opt.PanicHook == "view" && m.panicArmed {
		panic("injected panic in View (test hook)")
	}
	if m.width == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		msg := fmt.Sprintf("make the window larger (%dx%d, need %dx%d)", m.width, m.height, minWidth, minHeight)
		return ansi.Hardwrap(msg, m.width, true)
	}
	t := m.ctx.Theme
	var body string
	switch {
	case m.showHelp && m.fatal == nil:
		body = m.helpView()
	case m.fatal != nil:
		body = t.Error.Render(ansi.Hardwrap(domain.Printable(m.fatal.Error()), m.width, true)) + "\n\n" + t.Muted.Render("q quits")
	case m.top() != nil:
		body = m.top().View()
	case !m.loaded:
		body = t.Muted.Render("opening " + domain.Printable(m.st.Path) + "…")
	default:
		body = m.focused().View()
	}
	var sb strings.Builder
	sb.WriteString(m.header())
	sb.WriteString("\n\n")
	sb.WriteString(fitBlock(body, m.width, max(0, m.height-m.frame())))
	sb.WriteString("\n")
	st := t.Status
	if m.errored {
		st = t.Error
	}
	for i, l := range m.statusLines() {
		if i > m.statusExtra {
			break // the panes were laid out for fewer (never drawn past the height)
		}
		sb.WriteString(st.Render(l))
		sb.WriteString("\n")
	}
	if m.showHelp {
		sb.WriteString(m.helpFooter())
	} else {
		sb.WriteString(m.footer())
	}
	return sb.String()
}

func (m *Model) header() string {
	t := m.ctx.Theme
	var sb strings.Builder
	var tabs strings.Builder
	for i, p := range m.panes {
		label := fmt.Sprintf("%d %s", i+1, p.Title())
		tabs.WriteString(t.TabLabel(label, i == m.focus)) // [1 Triage] when active: seen without colour
	}
	// The book's name gives way to the tabs (every one stays clickable at 80 columns).
	// (When even a short name leaves no room for them all, it keeps its 24 cells.)
	room := m.width - len("tend · ") - 1 - ansi.StringWidth(tabs.String())
	if room < 4 {
		room = 24
	}
	sb.WriteString(t.Title.Render("tend"))
	sb.WriteString(t.Muted.Render(" · " + views.Clip(m.opt.Name, min(24, room)) + " "))
	sb.WriteString(tabs.String())
	return ansi.Truncate(sb.String(), m.width, "…")
}

// fitBlock makes s exactly h lines of at most w cells: longer lines are cut,
// missing lines added, so the frame never moves and nothing wraps.
func fitBlock(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
