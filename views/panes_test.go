package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
)

// The panes driven directly: Update and View on a bare pane, no program.

var testToday = domain.NewDate(2026, 11, 28)

// colour turns styles on for a test (the selection is a background colour).
func colour(t *testing.T) {
	old := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.ANSI256)
	t.Cleanup(func() { lipgloss.SetColorProfile(old) })
}

func testCtx() *Context {
	return NewContext(NewTheme(), func() time.Time { return time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC) }, true)
}

var fixture struct {
	once   sync.Once
	book   *domain.Book
	detail domain.AccountDetail
}

// testData is a demo book of 30 accounts and the detail of one that has a
// bit of everything (contacts, opportunities, risks, onboarding, items, a long timeline).
func testData(t *testing.T) (*domain.Book, *domain.AccountDetail) {
	t.Helper()
	fixture.once.Do(func() {
		var sums []domain.Summary
		var steps []domain.ChecklistItem
		best := -1
		id := uint64(0)
		err := demo.Generate(demo.Options{Accounts: 30, Interactions: 600, Seed: 7, Today: testToday, Loc: time.UTC}, func(bd *demo.Bundle) error {
			id++
			bd.Account.ID = id
			f := domain.Facts{Contacts: bd.Contacts, Items: bd.Items, Risks: bd.Risks, Opps: bd.Opportunities, Plan: &bd.Plan}
			s := domain.Summarize(&bd.Account, f, nil, testToday, time.UTC)
			sums = append(sums, s)
			if steps == nil && len(bd.Plan.Onboarding) > 0 {
				steps = bd.Plan.Onboarding
			}
			score := min(len(bd.Contacts), 1) + min(len(bd.Opportunities), 1) + min(len(bd.Risks), 1) + min(len(bd.Items)/3, 1)
			if score > best {
				best = score
				fixture.detail = domain.AccountDetail{Account: bd.Account, Summary: s, Contacts: bd.Contacts, Interactions: bd.Interactions,
					Opportunities: bd.Opportunities, Risks: bd.Risks, Wins: bd.Wins, Plan: bd.Plan, Items: bd.Items}
			}
			return nil
		})
		if err != nil {
			panic(err)
		}
		// No demo account has everything: lend it another's onboarding checklist, and a risk.
		d := &fixture.detail
		if len(d.Plan.Onboarding) == 0 {
			d.Plan.Onboarding = steps
		}
		if len(d.Risks) == 0 {
			d.Risks = []domain.Risk{{ID: 1, AccountID: d.Account.ID, Title: "Champion is leaving", Kind: domain.RiskConcern,
				Severity: domain.SevHigh, Status: domain.RiskOpen, Opened: testToday - 10}}
		}
		fixture.book = domain.NewBook(sums, testToday)
	})
	d := fixture.detail
	return fixture.book, &d
}

// paneCase builds a pane loaded with the fixture; prep is how many times
// Down is pressed to put its cursor where every key has something to do.
type paneCase struct {
	name string
	make func(t *testing.T) Pane
	prep int
}

func paneCases() []paneCase {
	return []paneCase{
		{"triage", func(t *testing.T) Pane {
			b, _ := testData(t)
			p := NewTriage(testCtx())
			p.Update(QueueMsg{Queue: domain.Triage(b), Today: b.Today})
			return p
		}, 2},
		{"portfolio", func(t *testing.T) Pane {
			b, _ := testData(t)
			p := NewPortfolio(testCtx())
			p.Update(BookMsg{Book: b})
			return p
		}, 2},
		{"account", func(t *testing.T) Pane {
			_, d := testData(t)
			p := NewAccount(testCtx())
			p.Update(DetailMsg{Detail: d})
			return p
		}, 2},
		{"plan", func(t *testing.T) Pane {
			_, d := testData(t)
			p := NewPlan(testCtx())
			p.Update(DetailMsg{Detail: d})
			for range d.Plan.Onboarding { // on the first action item
				press(t, p, "down")
			}
			return p
		}, 0},
		{"kpi", func(t *testing.T) Pane {
			b, d := testData(t)
			ctx := testCtx()
			p := NewKPI(ctx)
			p.Update(BookMsg{Book: b})
			p.Update(DetailMsg{Detail: d})
			in := domain.KPIInput{Currency: "USD"}
			r := in.Report(domain.Scope{Kind: "book"}, domain.PeriodOf(domain.Quarter, ctx.Today()))
			p.Update(KPIReportMsg{Report: &r})
			return p
		}, 2},
		{"agenda", func(t *testing.T) Pane {
			b, _ := testData(t)
			p := NewAgenda(testCtx())
			ag := domain.NewAgenda(b.Sums, b.Today, 30, 0)
			p.Update(AgendaMsg{Agenda: &ag})
			return p
		}, 2},
	}
}

// press sends the key named s (as key.Binding names keys) to the pane.
func press(t *testing.T, p interface{ Update(tea.Msg) tea.Cmd }, s string) tea.Cmd {
	t.Helper()
	return p.Update(keyMsg(t, s))
}

var keyTypes = map[string]tea.KeyType{
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
	"space": tea.KeySpace, "ctrl+u": tea.KeyCtrlU, "ctrl+d": tea.KeyCtrlD, "ctrl+k": tea.KeyCtrlK,
	"ctrl+c": tea.KeyCtrlC, "ctrl+p": tea.KeyCtrlP, "ctrl+n": tea.KeyCtrlN,
}

func keyMsg(t *testing.T, s string) tea.KeyMsg {
	t.Helper()
	if s == " " || s == "space" {
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	if r := []rune(s); len(r) == 1 {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: r}
	}
	k, ok := keyTypes[s]
	if !ok {
		t.Fatalf("no key message for %q", s)
	}
	msg := tea.KeyMsg{Type: k}
	if msg.String() != s {
		t.Fatalf("key %q reads as %q", s, msg.String())
	}
	return msg
}

// bindings are the enabled bindings a key map advertises in its full help.
func bindings(km interface{ FullHelp() [][]key.Binding }) []key.Binding {
	var out []key.Binding
	for _, col := range km.FullHelp() {
		for _, b := range col {
			if b.Enabled() {
				out = append(out, b)
			}
		}
	}
	return out
}

func TestPanesRenderWithinTheirSize(t *testing.T) {
	colour(t)
	for _, c := range paneCases() {
		for _, sz := range [][2]int{{80, 24}, {20, 6}, {120, 40}, {1, 1}, {0, 0}} {
			p := c.make(t)
			p.SetSize(sz[0], sz[1])
			for range c.prep {
				press(t, p, "down")
			}
			v := p.View()
			if sz[0] >= 20 && strings.TrimSpace(ansi.Strip(v)) == "" {
				t.Errorf("%s at %dx%d: empty view", c.name, sz[0], sz[1])
			}
			for i, l := range strings.Split(v, "\n") {
				if w := ansi.StringWidth(l); sz[0] > 0 && w > sz[0] {
					t.Errorf("%s at %dx%d: line %d is %d cells: %q", c.name, sz[0], sz[1], i, w, ansi.Strip(l))
				}
			}
			if p.Title() == "" {
				t.Errorf("%s has no title", c.name)
			}
		}
	}
}

// A pane's View changes nothing: drawn twice, it draws the same.
func TestPaneViewChangesNothing(t *testing.T) {
	for _, c := range paneCases() {
		p := c.make(t)
		p.SetSize(80, 10)
		for range 12 {
			press(t, p, "down")
		}
		if a, b := p.View(), p.View(); a != b {
			t.Errorf("%s: two views differ", c.name)
		}
	}
}

func TestPaneKeysMoveTheSelection(t *testing.T) {
	colour(t)
	for _, c := range paneCases() {
		p := c.make(t)
		p.SetSize(100, 12)
		before := p.View()
		press(t, p, "down")
		press(t, p, "j")
		moved := p.View()
		if moved == before {
			t.Errorf("%s: down and j changed nothing", c.name)
		}
		press(t, p, "up")
		press(t, p, "k")
		if back := p.View(); back != before {
			t.Errorf("%s: up and k did not come back:\n%s\n---\n%s", c.name, ansi.Strip(before), ansi.Strip(back))
		}
	}
	// The selection, not only the picture: the portfolio's and the triage's selected account.
	b, _ := testData(t)
	pf := NewPortfolio(testCtx())
	pf.Update(BookMsg{Book: b})
	pf.SetSize(100, 12)
	first := pf.CurrentAccount()
	press(t, pf, "j")
	if pf.CurrentAccount() == first || pf.CurrentAccount() == 0 {
		t.Errorf("portfolio: j kept the selection on #%d", first)
	}
	press(t, pf, "G")
	if pf.CurrentAccount() != b.Sums[pf.rows[len(pf.rows)-1]].ID {
		t.Error("portfolio: G is not on the last row")
	}
	tr := NewTriage(testCtx())
	tr.Update(QueueMsg{Queue: domain.Triage(b), Today: b.Today})
	tr.SetSize(100, 12)
	r0, _ := tr.Selected()
	press(t, tr, "j")
	if r1, _ := tr.Selected(); r1.Key == r0.Key && r1.AccountID == r0.AccountID {
		t.Error("triage: j kept the selected row")
	}
}

func TestCaptureMode(t *testing.T) {
	for _, c := range paneCases() {
		if p := c.make(t); p.Capturing() {
			t.Errorf("%s captures keys before anything was opened", c.name)
		}
	}
	b, _ := testData(t)
	pf := NewPortfolio(testCtx())
	pf.Update(BookMsg{Book: b})
	pf.SetSize(100, 12)
	press(t, pf, "f")
	if !pf.Capturing() {
		t.Fatal("portfolio: f does not open the filter")
	}
	for _, k := range []string{"s", "e", "g", ":", "S", "M", "B", "q", "1"} { // keys that are commands elsewhere are text here
		press(t, pf, k)
	}
	if pf.filter != "seg:SMBq1" || pf.sortCol != ColName || pf.sorted {
		t.Errorf("portfolio filter %q, sort %v %v", pf.filter, pf.sortCol, pf.sorted)
	}
	press(t, pf, "enter")
	if pf.Capturing() || !strings.Contains(ansi.Strip(pf.View()), "filter: seg:SMBq1") {
		t.Errorf("portfolio after enter: capturing %v\n%s", pf.Capturing(), ansi.Strip(pf.View()))
	}
	if cmd, ok := pf.Back(); !ok || pf.filter != "" {
		t.Errorf("portfolio: Back did not clear the filter (%v %q)", cmd != nil, pf.filter)
	}
	if _, ok := pf.Back(); ok {
		t.Error("portfolio: Back with no filter should let esc go back")
	}

	tr := NewTriage(testCtx())
	tr.Update(QueueMsg{Queue: domain.Triage(b), Today: b.Today})
	tr.SetSize(100, 12)
	n := tr.rows()
	press(t, tr, "z")
	if !tr.Capturing() || !strings.Contains(tr.View(), "snooze until:") {
		t.Fatal("triage: z does not open the snooze prompt")
	}
	for _, k := range []string{"d", "u", "t"} { // done, undo, touch elsewhere: text here
		if cmd := press(t, tr, k); cmd != nil {
			if _, ok := cmd().(TriageDoneMsg); ok {
				t.Errorf("triage: %s in the prompt acted on the row", k)
			}
		}
	}
	if tr.input.Value() != "dut" || tr.rows() != n {
		t.Errorf("prompt holds %q, rows %d→%d", tr.input.Value(), n, tr.rows())
	}
	// Non-key messages reach the prompt (its cursor blinks).
	blink := tr.input.Focus()
	if blink == nil || tr.Update(blink()) == nil {
		t.Error("triage: the prompt's blink is not handled")
	}
	press(t, tr, "esc")
	if tr.Capturing() {
		t.Error("triage: esc does not close the prompt")
	}
}

// Every binding a pane advertises in its help does something: a visible
// change or a command.
func TestEveryAdvertisedKeyIsHandled(t *testing.T) {
	colour(t)
	for _, c := range paneCases() {
		for _, b := range bindings(c.make(t).KeyMap()) {
			for _, k := range b.Keys() {
				p := c.make(t)
				p.SetSize(100, 12)
				for range c.prep {
					press(t, p, "down")
				}
				before := p.View()
				cmd := press(t, p, k)
				if cmd == nil && p.View() == before {
					t.Errorf("%s: %q (%s) did nothing", c.name, k, b.Help().Desc)
				}
			}
		}
	}
}

func TestGlobalAndPaneKeysNeverShare(t *testing.T) {
	var titles []string
	for _, c := range paneCases() {
		titles = append(titles, c.make(t).Title())
	}
	global := map[string]string{}
	for _, b := range bindings(DefaultGlobalKeys(titles...)) {
		for _, k := range b.Keys() {
			global[k] = b.Help().Desc
		}
	}
	if len(global) < 12 {
		t.Fatalf("only %d global keys", len(global))
	}
	for _, c := range paneCases() {
		seen := map[string]string{}
		for _, b := range bindings(c.make(t).KeyMap()) {
			for _, k := range b.Keys() {
				if g, ok := global[k]; ok {
					t.Errorf("%s: %q is both %q (pane) and %q (global)", c.name, k, b.Help().Desc, g)
				}
				if o, ok := seen[k]; ok {
					t.Errorf("%s: %q is both %q and %q", c.name, k, b.Help().Desc, o)
				}
				seen[k] = b.Help().Desc
			}
		}
	}
}
