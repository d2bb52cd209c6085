package views

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tend-cli/tend/domain"
)

// Keys that behave (issue 14), on the bare components.

func TestNoteEditorLeavesCtrlAAndCtrlEToTheText(t *testing.T) {
	_, d := testData(t)
	n := NewNote(testCtx(), *d, nil)
	n.SetSize(80, 20)
	for _, col := range n.KeyMap().FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				if k == "ctrl+a" || k == "ctrl+e" {
					t.Errorf("%s is bound to %s", k, b.Help().Desc)
				}
			}
		}
	}
	help := ""
	for _, b := range n.KeyMap().ShortHelp() {
		help += b.Help().Key + " "
	}
	if !strings.Contains(help, "alt+e") || !strings.Contains(help, "alt+a") {
		t.Errorf("the help does not show the new keys: %s", help)
	}
	n.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("abc")})
	// ctrl+a is the line start: the next letter lands before the text.
	n.Update(tea.KeyMsg{Type: tea.KeyCtrlA})
	n.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(">")})
	if got := n.Draft().Text; got != ">abc" {
		t.Errorf("after ctrl+a and >: %q", got)
	}
	// alt+e and F3 cycle the sentiment; alt+a picks attendees.
	n.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("e"), Alt: true})
	if n.Draft().Sentiment != domain.Sentiments[1] {
		t.Errorf("alt+e: sentiment %q", n.Draft().Sentiment)
	}
	n.Update(tea.KeyMsg{Type: tea.KeyF3})
	if n.Draft().Sentiment != domain.Sentiments[2] {
		t.Errorf("f3: sentiment %q", n.Draft().Sentiment)
	}
	n.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a"), Alt: true})
	if !strings.Contains(n.View(), "press 1–9 to tick") {
		t.Error("alt+a does not pick attendees")
	}
	if !n.Unsaved() {
		t.Error("a note with text is not unsaved")
	}
}

func TestNoteWithTextIsUnsavedLongAfterTyping(t *testing.T) {
	_, d := testData(t)
	n := NewNote(testCtx(), *d, nil)
	if n.Unsaved() {
		t.Error("an empty note is unsaved")
	}
	n.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	n.Update(noteTickMsg{gen: n.gen}) // the draft is handed over
	if n.Dirty() || !n.Unsaved() {
		t.Errorf("after the draft save: dirty %v, unsaved %v", n.Dirty(), n.Unsaved())
	}
}

func TestEscOnAFormAsksOnlyWhenSomethingWasTyped(t *testing.T) {
	_, d := testData(t)
	ref := Ref{ID: d.Account.ID, UID: d.Account.UID, Name: d.Account.Name}
	esc := tea.KeyMsg{Type: tea.KeyEsc}
	f := ContactForm(ref, domain.Contact{})
	f.SetSize(80, 20)
	f.Init()
	f.Update(esc)
	if !f.Done() {
		t.Error("esc on an untouched form did not close it")
	}
	f = ContactForm(ref, domain.Contact{})
	f.SetSize(80, 20)
	f.Init()
	f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Jo")})
	msg := f.Update(esc)()
	if f.Done() {
		t.Fatal("esc on a half-filled form closed it")
	}
	if st, ok := msg.(StatusMsg); !ok || !strings.Contains(st.Text, "New contact") {
		t.Errorf("esc says %#v", msg)
	}
	f.Update(esc)
	if !f.Done() {
		t.Error("the second esc did not close the form")
	}
	// The delete confirmation types nothing: esc closes it, and it names the account.
	del := DeleteAccountForm(ref)
	if !strings.Contains(del.Title, d.Account.Name) {
		t.Errorf("confirmation %q does not name the account", del.Title)
	}
	del.SetSize(80, 20)
	del.Init()
	del.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("h")})
	del.Update(esc)
	if !del.Done() {
		t.Error("esc on the delete confirmation did not close it")
	}
}

func TestKPIBackClosesTheExplanationFirst(t *testing.T) {
	k := NewKPI(testCtx())
	k.explain = []string{"a record"}
	if _, ok := k.Back(); !ok || k.explain != nil {
		t.Error("esc did not close the explanation")
	}
	if _, ok := k.Back(); ok {
		t.Error("esc without an explanation stayed in the pane")
	}
}
