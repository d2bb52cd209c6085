package cockpit

import (
	"bytes"
	"encoding/base64"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tend-cli/tend/app"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

// b on the portfolio opens the brief; n in it starts the call note with
// the likely contacts ticked; the saved note carries them as attendees and
// the brief, under the editor, shows the new note.
func TestBriefThenNoteWithAttendees(t *testing.T) {
	tm, st := cockpit(t, 5, 120, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "b")
	waitFor(t, tm, "Brief · Acme Robotics Inc.", "Talking points", "Likely on the call")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.", "[x]")
	typeText(tm, "Walked through the SSO rollout.")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "note saved", "Walked through the SSO rollout.")
	_ = tm.Quit()
	var notes []domain.Interaction
	var contacts []domain.Contact
	_ = st.View(func(tx *store.Tx) (err error) {
		if notes, _, err = tx.Interactions(1, store.Cursor{}, 1); err != nil {
			return err
		}
		contacts, err = tx.Contacts(1)
		return err
	})
	if len(notes) != 1 || notes[0].Summary != "Walked through the SSO rollout." || len(notes[0].Attendees) == 0 {
		t.Fatalf("saved %+v", notes)
	}
	for _, id := range notes[0].Attendees {
		i := slices.IndexFunc(contacts, func(c domain.Contact) bool { return c.ID == id })
		if i < 0 {
			t.Errorf("attendee #%d is no contact of the account", id)
		}
	}
}

// syncBuffer is a clipboard the test reads while the program writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// After the call: ctrl+y drafts the follow-up of the note just saved; c
// copies it with OSC 52 (and to a file inside tmux); i books the next
// check-in as an action item.
func TestFollowUpAfterTheCall(t *testing.T) {
	for _, inTmux := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "book.db")
		st := store.New(path)
		st.Now = func() time.Time { return testNow }
		st.Loc = time.UTC
		if err := st.Generate(app.DemoOptions(5, 0, 1, testNow), nil); err != nil {
			t.Fatal(err)
		}
		clip := &syncBuffer{}
		env := map[string]string{"TERM": "xterm-256color"}
		if inTmux {
			env["TMUX"] = "/tmp/tmux-0/default,1,0"
		}
		m := New(Options{Store: *st, Name: "book.db", ExportDir: t.TempDir(), Now: st.Now, Clipboard: clip, Getenv: func(k string) string { return env[k] }})
		tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
		keys(tm, "2")
		waitFor(t, tm, "5 of 5 accounts")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY}) // the selected account's last note
		waitFor(t, tm, "Follow-up · Acme Robotics Inc.")
		keys(tm, "esc")
		keys(tm, "b")
		waitFor(t, tm, "Brief · Acme Robotics Inc.")
		keys(tm, "n")
		waitFor(t, tm, "Note · Acme Robotics Inc.")
		typeText(tm, "Agreed on the EU rollout.")
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		typeText(tm, "- [ ] send the SSO guide @2026-12-02")
		waitFor(t, tm, "@2026-12-02") // the save's status comes after this read
		keys(tm, "ctrl+s")
		waitFor(t, tm, "drafts the follow-up")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
		waitFor(t, tm, "Follow-up · Acme Robotics Inc.", "Agreed on the EU rollout.", "send the SSO guide (", "Next meeting:")
		keys(tm, "c")
		waitFor(t, tm, "copied (OSC 52)")
		keys(tm, "i")
		waitFor(t, tm, "next check-in booked as an item")
		// The follow-up drafted again knows the booking: i books nothing.
		keys(tm, "esc")
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
		waitFor(t, tm, "booked: item #")
		keys(tm, "i")
		waitFor(t, tm, "already booked")
		_ = tm.Quit()
		out := clip.String()
		want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("Subject: Follow-up: Acme Robotics Inc."))[:20]
		if inTmux {
			want = "\x1bPtmux;\x1b\x1b]52;c;"
		}
		if !strings.Contains(out, want[:min(len(want), 12)]) {
			t.Errorf("tmux %v: the clipboard got %q", inTmux, out)
		}
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "follow-ups", "*.txt"))
		if inTmux != (len(files) == 1) {
			t.Errorf("tmux %v: follow-up files %v", inTmux, files)
		}
		var items []domain.ActionItem
		_ = st.View(func(tx *store.Tx) (err error) { items, err = tx.ActionItems(1); return })
		isCheckIn := func(it domain.ActionItem) bool {
			return strings.HasPrefix(it.Text, "Next check-in with") && it.Due > domain.DateOf(testNow)
		}
		if n := len(slices.DeleteFunc(items, func(it domain.ActionItem) bool { return !isCheckIn(it) })); n != 1 {
			t.Errorf("tmux %v: %d check-in items, want 1", inTmux, n)
		}
	}
}

// At 80 columns a long book name gives way to the tabs: all six are on the
// header line and a click on the Agenda tab focuses it.
func TestHeaderKeepsEveryTabAt80Columns(t *testing.T) {
	m := model80x24(t)
	m.opt.Name = "customer-book-2026-final-copy.db"
	head := ansi.Strip(m.header())
	if w := ansi.StringWidth(head); w > 80 || !strings.Contains(head, "6 Agenda") || !strings.Contains(head, "tend · cust") {
		t.Fatalf("header %q (%d cells)", head, w)
	}
	x := ansi.StringWidth(head[:strings.Index(head, "6 Agenda")]) + 2
	m.Update(tea.MouseMsg{X: x, Y: 0, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if m.focused().Title() != views.AgendaTitle {
		t.Errorf("a click on the Agenda tab focused %s", m.focused().Title())
	}
}
