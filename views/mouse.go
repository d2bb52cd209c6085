package views

import tea "github.com/charmbracelet/bubbletea"

// Mouse support of the panes: the root turns the wheel into the up and down
// keys and a click on a pane's body into Click. The mouse is never required.

// Clicker is a pane whose rows a click selects; line is the line of the
// pane's view that was clicked (0 is its first).
type Clicker interface{ Click(line int) tea.Cmd }

// Click selects the row drawn on that line (the first line is the heading).
func (t *Triage) Click(line int) tea.Cmd {
	n, body := t.rows(), t.body()
	if !t.loaded || line < 1 || line > body {
		return nil
	}
	if i := max(0, min(t.offset, n-body)) + line - 1; i < n {
		t.cursor = i
		t.scroll()
	}
	return nil
}

// Click selects the account drawn on that line (the first line is the column titles).
func (p *Portfolio) Click(line int) tea.Cmd {
	if p.book == nil || line < 1 || line > p.bodyHeight() {
		return nil
	}
	if i := p.offset + line - 1; i < len(p.rows) {
		p.cursor = i
	}
	return nil
}

// Click selects the entry drawn on that line (the first two lines are the
// heading and the column titles).
func (a *Agenda) Click(line int) tea.Cmd {
	if a.ag == nil || a.showMonths() || line < 2 || line-2 >= a.body() {
		return nil
	}
	if i := a.offset + line - 2; i < len(a.ag.Events) {
		a.cursor = i
		a.scroll()
	}
	return nil
}
