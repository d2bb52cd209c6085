package cockpit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// A follow-up edited in $EDITOR is never dropped unasked (u15 report, 2):
// esc asks once, w writes it to follow-ups/ beside the book, and after that
// esc closes; a second esc discards an edit on purpose.
func TestEditedFollowUpIsNotDiscardedUnasked(t *testing.T) {
	tm, st := cockpit(t, 3, 100, 30)
	keys(tm, "2")
	waitFor(t, tm, "3 of 3 accounts")
	keys(tm, "enter")
	waitFor(t, tm, "Contacts (")
	keys(tm, "n")
	waitFor(t, tm, "Note · Acme Robotics Inc.")
	typeText(tm, "Agreed on the EU rollout.")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "drafts the follow-up")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, tm, "Follow-up · Acme Robotics Inc.")
	edited := "Subject: EU rollout\n\nHi Uma,\n\nAs promised, by hand.\n"
	tm.Send(editorDoneMsg{acct: 1, text: edited, follow: true}) // what $EDITOR gives back
	waitFor(t, tm, "follow-up taken back from the editor")
	keys(tm, "esc")
	waitFor(t, tm, "edited follow-up not copied: esc again discards it, c copies, w writes a file")
	keys(tm, "w")
	waitFor(t, tm, "follow-up written to")
	keys(tm, "esc")
	waitFor(t, tm, "b brief") // closed at once: the edit is in the file
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path), "follow-ups", "*.txt"))
	if len(files) != 1 {
		t.Fatalf("follow-up files %v", files)
	}
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "As promised, by hand.") {
		t.Errorf("the file holds %q", b)
	}
	// Edited again, esc twice discards it: the overlay is gone.
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlY})
	waitFor(t, tm, "Follow-up · Acme Robotics Inc.")
	tm.Send(editorDoneMsg{acct: 1, text: edited + "PS\n", follow: true})
	waitFor(t, tm, "follow-up taken back from the editor")
	keys(tm, "esc")
	waitFor(t, tm, "esc again discards it")
	keys(tm, "esc")
	v := finalView(t, tm)
	if strings.Contains(v, "Follow-up · ") {
		t.Errorf("esc twice left the follow-up open:\n%s", v)
	}
}
