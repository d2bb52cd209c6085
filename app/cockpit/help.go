package cockpit

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/views"
)

// The full-screen help (?) and the footer. Neither ever cuts a key: the help
// lays the keys out in as many columns as fit and scrolls; the footer drops
// whole entries, least important last in the key maps' ShortHelp order.

// helpEntry is one key and what it does.
type helpEntry struct{ key, desc string }

// entries flattens bindings into entries, skipping disabled ones and keys already listed.
func entries(seen map[string]bool, groups ...[]key.Binding) []helpEntry {
	var out []helpEntry
	for _, g := range groups {
		for _, b := range g {
			h := b.Help()
			if !b.Enabled() || h.Key == "" || seen[h.Key] {
				continue
			}
			seen[h.Key] = true
			out = append(out, helpEntry{h.Key, h.Desc})
		}
	}
	return out
}

// helpSections are the focused pane's (or top overlay's) keys, then the global ones.
func (m *Model) helpSections() (pane, global []helpEntry, title string) {
	seen := map[string]bool{}
	hk := m.helpKeys()
	title = m.focused().Title()
	if m.top() != nil {
		title = "This dialog"
		if h, ok := m.top().(interface{ HelpTitle() string }); ok {
			title = h.HelpTitle()
		}
	}
	pane = entries(seen, hk.Pane.FullHelp()...)
	if m.top() == nil {
		global = entries(seen, m.keys.FullHelp()...)
	}
	return pane, global, title
}

// helpLines is the full help laid out for the width: the pane's note (the
// triage row's urgency), its keys, and the keys that work everywhere.
func (m *Model) helpLines() []string {
	t := m.ctx.Theme
	w := max(20, m.width)
	var lines []string
	if hn, ok := m.focused().(interface{ HelpNote() string }); ok && m.top() == nil {
		if note := hn.HelpNote(); note != "" {
			lines = append(lines, strings.Split(ansi.Wrap(note, w, " "), "\n")...)
			lines = append(lines, "")
		}
	}
	pane, global, title := m.helpSections()
	lines = append(lines, t.Heading.Render(title+" keys"))
	lines = append(lines, columns(pane, w, t.Key.Render, t.Muted.Render)...)
	if len(global) > 0 {
		lines = append(lines, "", t.Heading.Render("Everywhere (not while typing in a field, where only ctrl+c works)"))
		lines = append(lines, columns(global, w, t.Key.Render, t.Muted.Render)...)
	}
	return lines
}

// columns lays entries out column by column in as many columns as fit in w;
// when even one does not, descriptions wrap under their key.
func columns(es []helpEntry, w int, keyStyle, descStyle func(...string) string) []string {
	if len(es) == 0 {
		return nil
	}
	kw, dw := 0, 0
	for _, e := range es {
		kw, dw = max(kw, ansi.StringWidth(e.key)), max(dw, ansi.StringWidth(e.desc))
	}
	const gap = 3
	colW := kw + 2 + dw
	var lines []string
	if colW > w {
		kw = min(kw, w/2)
		for _, e := range es {
			k := strings.Split(ansi.Wrap(e.key, kw, " "), "\n")
			d := strings.Split(ansi.Wrap(e.desc, max(1, w-kw-2), " "), "\n")
			for i := 0; i < max(len(k), len(d)); i++ {
				var kl, dl string
				if i < len(k) {
					kl = k[i]
				}
				if i < len(d) {
					dl = d[i]
				}
				lines = append(lines, keyStyle(pad(kl, kw))+"  "+descStyle(dl))
			}
		}
		return lines
	}
	ncols := max(1, (w+gap)/(colW+gap))
	rows := (len(es) + ncols - 1) / ncols
	for r := 0; r < rows; r++ {
		var sb strings.Builder
		for c := 0; c < ncols; c++ {
			i := c*rows + r
			if i >= len(es) {
				break
			}
			if c > 0 {
				sb.WriteString(strings.Repeat(" ", gap))
			}
			sb.WriteString(keyStyle(pad(es[i].key, kw)) + "  " + descStyle(pad(es[i].desc, dw)))
		}
		lines = append(lines, strings.TrimRight(sb.String(), " "))
	}
	return lines
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }

// helpKey handles a key while the full help is shown: it scrolls, and ? or esc close it.
func (m *Model) helpKey(msg tea.KeyMsg) tea.Cmd {
	h := m.bodyHeight()
	last := max(0, len(m.helpLines())-h)
	switch msg.String() {
	case "?", "esc":
		m.showHelp, m.helpOff = false, 0
		return m.broadcast(views.HelpMsg{Shown: false})
	case "q":
		return m.quit()
	case "up", "k":
		m.helpOff--
	case "down", "j":
		m.helpOff++
	case "pgup", "ctrl+u":
		m.helpOff -= max(1, h-1)
	case "pgdown", "ctrl+d", " ":
		m.helpOff += max(1, h-1)
	case "home", "g":
		m.helpOff = 0
	case "end", "G":
		m.helpOff = last
	}
	m.helpOff = max(0, min(m.helpOff, last))
	return nil
}

// helpView is the visible part of the full help.
func (m *Model) helpView() string {
	lines := m.helpLines()
	h := m.bodyHeight()
	off := max(0, min(m.helpOff, len(lines)-h))
	return strings.Join(lines[off:min(len(lines), off+h)], "\n")
}

// helpFooter says how to scroll and close the full help.
func (m *Model) helpFooter() string {
	n, h := len(m.helpLines()), m.bodyHeight()
	closing := &helpEntry{"? or esc", "close help"}
	if n <= h {
		return m.fitFooter(nil, closing)
	}
	off := max(0, min(m.helpOff, n-h))
	lines := fmt.Sprintf("lines %d–%d of %d", off+1, min(n, off+h), n)
	// The long form if it fits, else the short one.
	if f := m.fitFooter([]helpEntry{{"↑↓ pgup pgdn", "scroll (" + lines + ")"}}, closing); strings.Contains(f, lines) {
		return f
	}
	return m.fitFooter([]helpEntry{{"↑↓", lines}}, closing)
}

// footer is the short help: the pane's most important keys first, then the
// global ones, as many whole entries as fit, and last "? help".
func (m *Model) footer() string {
	hk := m.helpKeys()
	seen := map[string]bool{m.keys.Help.Help().Key: true}
	if m.top() != nil {
		return m.fitFooter(entries(seen, hk.Pane.ShortHelp()), nil)
	}
	es := entries(seen, hk.Pane.ShortHelp(), m.keys.ShortHelp())
	h := m.keys.Help.Help()
	return m.fitFooter(es, &helpEntry{h.Key, h.Desc})
}

// fitFooter joins whole entries while they fit in the width, keeping room for last.
func (m *Model) fitFooter(es []helpEntry, last *helpEntry) string {
	st := m.help.Styles
	sep := st.ShortSeparator.Render(m.help.ShortSeparator)
	render := func(e helpEntry) string { return st.ShortKey.Render(e.key) + " " + st.ShortDesc.Render(e.desc) }
	room := m.width
	if last != nil {
		room -= ansi.StringWidth(render(*last)) + ansi.StringWidth(sep)
	}
	var parts []string
	used := 0
	for _, e := range es {
		s := render(e)
		w := ansi.StringWidth(s)
		if len(parts) > 0 {
			w += ansi.StringWidth(sep)
		}
		if used+w > room {
			continue // a shorter one further on may still fit
		}
		parts = append(parts, s)
		used += w
	}
	if last != nil {
		parts = append(parts, render(*last))
	}
	return strings.Join(parts, sep)
}
