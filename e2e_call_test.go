package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The call, end to end in tmux at 80×24 without colour: from triage, open
// the brief of the first row's account, start the note from it (the likely
// contacts ticked), save it, draft the follow-up and copy it (inside tmux
// the copy also goes to a file, and the status says where), then book the
// next check-in; the agenda pane shows the days ahead.
func TestE2ECallWorkflow(t *testing.T) {
	tmuxOrSkip(t)
	bin := buildTend(t)
	db := demoFile(t, bin)
	s := cockpitOn(t, bin, db, "NO_COLOR=1")
	if err := exec80x24(s); err != nil {
		t.Fatal(err)
	}
	s.keys("b")
	scr := s.waitFor("Brief · ", "Talking points", "Likely on the call", "They told us")
	if strings.Contains(scr, "\x1b") {
		t.Error("raw escape on screen")
	}
	s.keys("n")
	s.waitFor("Note · ", "[x]")
	s.text("Walked through the renewal terms.")
	s.keys("Enter")
	s.text("- [ ] send the revised quote @fri")
	s.waitFor("1 action item(s)")
	s.keys("C-s")
	s.waitForFlow("note saved", "drafts the follow-up")
	s.keys("C-y")
	s.waitFor("Follow-up · ", "Subject: Follow-up:", "Walked through the renewal terms.", "send the revised quote (")
	s.keys("c")
	s.waitForFlow("copied (OSC 52) and written to")
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "follow-ups", "*.txt"))
	if len(files) != 1 {
		t.Fatalf("follow-up files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "- send the revised quote (") || !strings.Contains(string(b), "Next meeting:") {
		t.Errorf("the follow-up file:\n%s", b)
	}
	s.keys("i")
	s.waitForFlow("next check-in booked as an item")
	// One key at a time: two escapes sent together read as alt+esc.
	s.keys("Escape")
	s.waitFor("Talking points")
	s.keys("Escape")
	s.waitFor("to do")
	s.keys("6")
	s.waitFor("Agenda · 14 days", "renewals by month")
}

// exec80x24 makes the tmux window 80×24.
func exec80x24(s *session) error {
	return execTmux(s, "resize-window", "-t", s.name, "-x", "80", "-y", "24")
}

func execTmux(s *session, args ...string) error {
	return exec.Command("tmux", append([]string{"-S", s.sock}, args...)...).Run()
}
