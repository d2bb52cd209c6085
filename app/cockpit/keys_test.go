package cockpit

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

// Keys, help, footers, status and mouse at 80×24 (issue 14).

func press(m *Model, ks ...string) {
	for _, k := range ks {
		var msg tea.KeyMsg
		switch k {
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		m.Update(msg)
	}
}

func model80x24(t *testing.T) *Model {
	t.Helper()
	m := loadedModel(t, demoStore(t, 30))
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// lines is the view's lines without styles.
func lines(m *Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }

func TestHelpAt80x24ReachesEveryKeyOfEveryPane(t *testing.T) {
	m := model80x24(t)
	must := map[string][]string{
		views.AccountTitle: {"C", "O", "R", "D"},
		views.TriageTitle:  {"tab", "ctrl+k", "n", "esc", "q"},
	}
	for i, p := range m.panes {
		m.focusOn(i, false)
		press(m, "?")
		if !m.showHelp {
			t.Fatalf("%s: ? did not open the help", p.Title())
		}
		// Read the help page by page until it stops moving.
		var seen strings.Builder
		prev := ""
		for range 20 {
			v := lines(m)
			if len(v) != 24 {
				t.Fatalf("%s: the help is %d lines, not 24", p.Title(), len(v))
			}
			for _, l := range v {
				if ansi.StringWidth(l) > 80 {
					t.Errorf("%s: a help line wider than 80: %q", p.Title(), l)
				}
			}
			body := strings.Join(v[2:22], "\n")
			seen.WriteString(body + "\n")
			if body == prev {
				break
			}
			prev = body
			press(m, "pgdown")
		}
		words := map[string]bool{}
		for _, l := range strings.Split(seen.String(), "\n") {
			for _, f := range strings.Fields(l) {
				words[f] = true
			}
		}
		hk := views.HelpKeys{Global: m.keys, Pane: p.KeyMap()}
		for _, col := range hk.FullHelp() {
			for _, b := range col {
				// The key with its whole description, never cut.
				h := b.Help()
				if b.Enabled() && !regexp.MustCompile(`(^|\s)`+regexp.QuoteMeta(h.Key)+`\s+`+regexp.QuoteMeta(h.Desc)+`(\s|$)`).MatchString(seen.String()) {
					t.Errorf("%s: the help never shows %q (%s) whole", p.Title(), h.Key, h.Desc)
				}
			}
		}
		for _, k := range must[p.Title()] {
			if !words[k] {
				t.Errorf("%s: %q is not in the help", p.Title(), k)
			}
		}
		press(m, "esc")
		if m.showHelp {
			t.Errorf("%s: esc did not close the help", p.Title())
		}
		press(m, "?", "?")
		if m.showHelp {
			t.Errorf("%s: ? did not close the help", p.Title())
		}
	}
}

func TestHelpScrollsWithTheKeysAndTheWheel(t *testing.T) {
	m := model80x24(t)
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10}) // the account's keys do not fit in 6 lines
	m.focusOn(2, false)
	press(m, "?")
	first := lines(m)[2]
	press(m, "down")
	if lines(m)[2] == first {
		t.Error("↓ did not scroll the help")
	}
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	if lines(m)[2] != first {
		t.Error("the wheel did not scroll the help back")
	}
	if foot := lines(m)[9]; !strings.Contains(foot, "↑↓ lines 1–6 of") || !strings.Contains(foot, "close help") {
		t.Errorf("help footer: %q", foot)
	}
}

func TestFootersAt80ColumnsKeepWholeKeys(t *testing.T) {
	m := model80x24(t)
	for i, p := range m.panes {
		m.focusOn(i, false)
		v := lines(m)
		foot := v[len(v)-1]
		if ansi.StringWidth(foot) > 80 {
			t.Errorf("%s: footer wider than 80: %q", p.Title(), foot)
		}
		if strings.Contains(foot, "…") {
			t.Errorf("%s: footer cut: %q", p.Title(), foot)
		}
		if strings.Count(foot, "?") != 1 || !strings.HasSuffix(foot, "? help") {
			t.Errorf("%s: the footer must end with one ? help: %q", p.Title(), foot)
		}
		// Every entry is a whole key with its whole description.
		whole := map[string]bool{}
		for _, b := range append(p.KeyMap().ShortHelp(), m.keys.ShortHelp()...) {
			whole[b.Help().Key+" "+b.Help().Desc] = true
		}
		entries := strings.Split(foot, " · ")
		if len(entries) < 3 {
			t.Errorf("%s: footer shows too little: %q", p.Title(), foot)
		}
		for _, e := range entries {
			if !whole[e] {
				t.Errorf("%s: footer entry %q is not a whole key", p.Title(), e)
			}
		}
		// The pane's most important key (of those enabled) comes first.
		short := p.KeyMap().ShortHelp()
		for len(short) > 1 && !short[0].Enabled() {
			short = short[1:]
		}
		if first := short[0].Help(); !strings.HasPrefix(foot, first.Key+" "+first.Desc) {
			t.Errorf("%s: footer does not start with %q: %q", p.Title(), first.Key, foot)
		}
	}
}

func TestStatusClearsOnTheNextKeyAndAfterAWhile(t *testing.T) {
	m := model80x24(t)
	m.setStatus("old news", false)
	press(m, "j")
	if m.status != "" {
		t.Errorf("status after a key: %q", m.status)
	}
	// A message set by a message (not a key) comes with its expiry tick.
	_, cmd := m.Update(views.StatusMsg{Text: "saved"})
	if m.status != "saved" || cmd == nil {
		t.Fatalf("status %q, cmd %v", m.status, cmd)
	}
	old := m.statusID
	m.Update(views.StatusMsg{Text: "newer"})
	m.Update(statusExpiredMsg{id: old})
	if m.status != "newer" {
		t.Errorf("the tick of an older message cleared a newer one: %q", m.status)
	}
	m.Update(statusExpiredMsg{id: m.statusID})
	if m.status != "" {
		t.Errorf("the message's own tick did not clear it: %q", m.status)
	}
	// Errors stay until the next key.
	m.Update(views.StatusMsg{Text: "broken", Err: true})
	if m.expireStatus(0) != nil {
		t.Error("an error expires on its own")
	}
}

func TestKPIExplanationClosesOnEsc(t *testing.T) {
	m := model80x24(t)
	m.focusOn(1, true)
	m.focusOn(4, true) // KPIs, after the portfolio
	k := m.focused().(*views.KPI)
	rep := runKPI(t, m)
	k.SetReport(rep, []string{"Acme Robotics Inc. · 12,000"})
	if !strings.Contains(ansi.Strip(m.View()), "Acme Robotics Inc. · 12,000") {
		t.Fatal("the explanation is not shown")
	}
	press(m, "esc")
	if m.focused() != views.Pane(k) {
		t.Fatalf("esc left the KPI pane for %s", m.focused().Title())
	}
	if strings.Contains(ansi.Strip(m.View()), "Acme Robotics Inc. · 12,000") {
		t.Error("esc did not close the explanation")
	}
	press(m, "esc")
	if m.focused().Title() != views.PortfolioTitle {
		t.Errorf("the second esc went to %s, not back to the portfolio", m.focused().Title())
	}
}

// runKPI computes the report the KPI pane asks for.
func runKPI(t *testing.T, m *Model) *domain.KPIReport {
	t.Helper()
	k := m.focused().(*views.KPI)
	for _, msg := range drain(k.Request()) {
		if req, ok := msg.(views.KPIRequestMsg); ok {
			if r, ok := kpiCmd(m.st, req.Scope, req.Period, "")().(kpiDoneMsg); ok && r.err == nil {
				return &r.report
			}
		}
	}
	t.Fatal("no KPI report")
	return nil
}

// drain runs a command and the batches it returns, without ticks.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(200 * time.Millisecond): // a tick
		return nil
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, drain(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func TestMouseClickOnATabAndTheWheel(t *testing.T) {
	m := model80x24(t)
	head := ansi.Strip(m.header())
	x := ansi.StringWidth(head[:strings.Index(head, "2 Portfolio")]) + 3
	m.Update(tea.MouseMsg{X: x, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.focused().Title() != views.PortfolioTitle {
		t.Fatalf("a click on the Portfolio tab focused %s", m.focused().Title())
	}
	p := m.focused().(*views.Portfolio)
	first := p.Selected()
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	second := p.Selected()
	if second == first {
		t.Error("the wheel did not move the selection")
	}
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	m.Update(tea.MouseMsg{Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	if p.Selected() != first {
		t.Error("the wheel up did not come back")
	}
	// A click on the fifth row (under the header, the blank line and the column titles) selects it.
	m.Update(tea.MouseMsg{X: 10, Y: 2 + 1 + 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	press(m, "g", "j", "j", "j", "j")
	want := p.Selected()
	press(m, "g")
	m.Update(tea.MouseMsg{X: 10, Y: 2 + 1 + 4, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if p.Selected() != want {
		t.Errorf("the click selected %d, want %d", p.Selected(), want)
	}
	// And back to triage by its tab.
	x = ansi.StringWidth(head[:strings.Index(head, "1 Triage")])
	m.Update(tea.MouseMsg{X: x, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.focused().Title() != views.TriageTitle {
		t.Errorf("a click on the Triage tab focused %s", m.focused().Title())
	}
}

func TestMouseInTheRealProgram(t *testing.T) {
	tm, _ := cockpit(t, 30, 80, 24)
	waitFor(t, tm, "to do")
	tm.Send(tea.MouseMsg{X: 30, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}) // "2 Portfolio"
	waitFor(t, tm, "30 of 30 accounts")
}

func TestEditorFallsBackToNanoThenVi(t *testing.T) {
	m := model80x24(t)
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	d := domain.Draft{AccountID: 1, Text: "hello"}
	_, cmd := m.Update(views.EditExternallyMsg{Draft: d})
	m.Update(cmd())
	if !strings.Contains(m.status, "no editor") || !m.errored {
		t.Errorf("with no editor: %q", m.status)
	}
	for _, name := range []string{"vi", "nano"} { // vi first: nano wins once it is there too
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		_, cmd = m.Update(views.EditExternallyMsg{Draft: d})
		found, ok := cmd().(editorFoundMsg)
		if !ok || found.editor != name {
			t.Fatalf("found %+v, want %s", found, name)
		}
		_, next := m.Update(found)
		if !strings.Contains(m.status, "editing in "+name) || next == nil {
			t.Errorf("status %q (command %v)", m.status, next)
		}
	}
}

func TestCtrlCInANoteWithTextAsksWhateverTheTiming(t *testing.T) {
	tm, _ := cockpit(t, 30, 80, 24)
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.")
	typeText(tm, "call went well")
	waitFor(t, tm, "draft saved") // long after the last keystroke
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	waitFor(t, tm, "unsaved note on Acme Robotics Inc.: ctrl+c again quits, keeping it as a draft")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatestFinal())
}

func TestEscOnAHalfFilledFormAsks(t *testing.T) {
	tm, _ := cockpit(t, 30, 80, 24)
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "c")
	waitFor(t, tm, "New contact")
	typeText(tm, "Jo")
	keys(tm, "esc")
	waitFor(t, tm, "“New contact” has input: esc again discards it")
	keys(tm, "esc")
	waitFor(t, tm, "form closed, nothing saved (New contact")
	// An untouched form closes at once.
	keys(tm, "c")
	waitFor(t, tm, "New contact")
	keys(tm, "esc")
	waitFor(t, tm, "Health: why")
}

func TestUndoPutsTheCursorOnTheRestoredRow(t *testing.T) {
	tm, st := cockpit(t, 30, 130, 40)
	rows := storedQueue(t, st)
	waitFor(t, tm, "62 to do")
	keys(tm, "d")
	waitFor(t, tm, "61 to do", "done: ") // written: u undoes what was written
	keys(tm, "j", "j", "j")
	keys(tm, "u")
	waitFor(t, tm, "undone: done:", "62 to do")
	_ = tm.Quit()
	m := tm.FinalModel(t, teatestFinal()).(*Model)
	sel, ok := m.panes[0].(*views.Triage).Selected()
	if !ok || sel.Key != rows[0].Key || sel.AccountID != rows[0].AccountID {
		t.Errorf("after undo the cursor is on %q, want %q", sel.Why, rows[0].Why)
	}
}

func teatestFinal() teatest.FinalOpt { return teatest.WithFinalTimeout(5 * time.Second) }
