package views

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/tend-cli/tend/domain"
)

// Every cue survives NO_COLOR: with the Ascii profile (what tend sets under
// NO_COLOR) colour, bold and reverse are gone, so the selection, the focused
// field and the focused button must be seen in the plain text itself.

// noColour turns every style off for a test, as NO_COLOR does.
func noColour(t *testing.T) {
	t.Helper()
	old := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.Ascii)
	t.Cleanup(func() { lipgloss.SetColorProfile(old) })
}

// marked are the lines that carry the selection marker in the selection column.
func marked(view string) []string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(l, Marker+" ") {
			out = append(out, l)
		}
	}
	return out
}

// selectedText is what the pane's selected row must show (a prefix short
// enough to survive the narrowest column at 80 cells).
func selectedText(t *testing.T, p Pane) string {
	t.Helper()
	prefix := func(s string) string {
		r := []rune(domain.Printable(s))
		return string(r[:min(len(r), 10)])
	}
	switch p := p.(type) {
	case *Triage:
		r, ok := p.Selected()
		if !ok {
			t.Fatal("triage: nothing selected")
		}
		return prefix(r.Account)
	case *Portfolio:
		id := p.Selected()
		for _, s := range p.book.Sums {
			if s.ID == id {
				return prefix(s.Name)
			}
		}
		t.Fatalf("portfolio: account %d not in the book", id)
	case *KPI:
		return prefix(p.report.Rows[p.sel].Name)
	case *Plan:
		if n := len(p.d.Plan.Onboarding); p.sel < n {
			return prefix(p.d.Plan.Onboarding[p.sel].Text)
		}
		return prefix(p.items()[p.sel-len(p.d.Plan.Onboarding)].Text)
	}
	return ""
}

func TestNoColourSelectionIsOnExactlyTheSelectedRow(t *testing.T) {
	noColour(t)
	for _, c := range paneCases() {
		if c.name == "account" {
			continue // no selection of its own: its pick lists are forms (below)
		}
		t.Run(c.name, func(t *testing.T) {
			p := c.make(t)
			p.SetSize(80, 24)
			for range c.prep {
				press(t, p, "down")
			}
			var before string
			for step := range 2 {
				v := p.View()
				if v != ansi.Strip(v) {
					t.Fatalf("the Ascii profile left escape sequences:\n%q", v)
				}
				m := marked(v)
				if len(m) != 1 {
					t.Fatalf("step %d: %d lines carry the marker, want 1:\n%s", step, len(m), v)
				}
				if want := selectedText(t, p); !strings.Contains(m[0], want) {
					t.Errorf("step %d: the marked line %q is not the selected row (%q):\n%s", step, m[0], want, v)
				}
				if step == 1 && m[0] == before {
					t.Errorf("the marker did not move with the cursor: %q", m[0])
				}
				before = m[0]
				press(t, p, "down")
			}
		})
	}
}

// formView renders an overlay form at 80×24 after the keys.
func formView(t *testing.T, f *Form, ks ...string) string {
	t.Helper()
	f.SetSize(80, 21)
	if cmd := f.Init(); cmd != nil {
		_ = cmd // huh's Init only starts the cursor blink
	}
	for _, k := range ks {
		press(t, f, k)
	}
	return f.View()
}

// focusedLine is the line of the view holding s.
func lineWith(view, s string) string {
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestNoColourConfirmationShowsTheFocusedButton(t *testing.T) {
	noColour(t)
	f := DeleteAccountForm(Ref{ID: 1, UID: "u1", Name: "Acme Robotics Inc."})
	v := formView(t, f)
	if !strings.Contains(v, "[Keep]") || strings.Contains(v, "[Delete]") {
		t.Errorf("at first the safe choice is focused, in brackets:\n%s", v)
	}
	press(t, f, "left")
	v = f.View()
	if !strings.Contains(v, "[Delete]") || strings.Contains(v, "[Keep]") {
		t.Errorf("after left, Delete is the focused choice:\n%s", v)
	}
	// The buttons keep their places: the row is as wide either way.
	if a, b := Width(lineWith(formView(t, DeleteAccountForm(Ref{Name: "x"})), "Keep")), Width(lineWith(v, "Keep")); a != b {
		t.Errorf("the buttons' row is %d cells one way, %d the other", a, b)
	}
}

func TestNoColourPickListShowsTheChoice(t *testing.T) {
	noColour(t)
	labels := []string{"Mona Rahman (decision-maker)", "Hugo Eriksen (champion)", "Paul Rahman (user)"}
	f := PickForm("Edit a contact", labels, func(int) *Form { return nil })
	v := formView(t, f)
	if l := lineWith(v, "> "); !strings.Contains(l, labels[0]) {
		t.Errorf("the cursor is not on the first contact: %q\n%s", l, v)
	}
	press(t, f, "down")
	v = f.View()
	if l := lineWith(v, "> "); !strings.Contains(l, labels[1]) {
		t.Errorf("after down the cursor is not on the second contact: %q\n%s", l, v)
	}
}

func TestNoColourFormShowsTheFocusedField(t *testing.T) {
	noColour(t)
	f := ContactForm(Ref{ID: 1, UID: "u1", Name: "Acme"}, domain.Contact{})
	bar := func(v, title string) bool { return strings.HasPrefix(strings.TrimSpace(lineWith(v, title)), "┃") }
	v := formView(t, f)
	if !bar(v, "Name") || bar(v, "Email") {
		t.Errorf("the focused field (Name) is not the one with the bar:\n%s", v)
	}
	f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Ana Lima")})
	run(f, f.Update(tea.KeyMsg{Type: tea.KeyTab}))
	v = f.View()
	if bar(v, "Name") || !bar(v, "Title") {
		t.Errorf("after tab the focused field (Title) is not the one with the bar:\n%s", v)
	}
}

// run feeds a command's messages back to the overlay (huh moves between
// fields by messages), a few levels deep, skipping timers (the cursor blink).
func run(o interface{ Update(tea.Msg) tea.Cmd }, cmd tea.Cmd) { runDepth(o, cmd, 0) }

func runDepth(o interface{ Update(tea.Msg) tea.Cmd }, cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 8 {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(50 * time.Millisecond):
		return // a timer
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			runDepth(o, c, depth+1)
		}
	} else if msg != nil {
		runDepth(o, o.Update(msg), depth+1)
	}
}
