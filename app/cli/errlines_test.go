package cli

import (
	"strings"
	"testing"
)

// A record that is not found, or a pick that matches several, lists the
// candidates one a line.
func TestRecordCandidatesPrintAsLines(t *testing.T) {
	_, run := bookWith(t)
	for _, text := range []string{"Call about pricing", "Call about the renewal", "Sent the deck"} {
		if r := run("", "note", "Acme Robotics", text); r.code != 0 {
			t.Fatalf("%+v", r)
		}
	}
	r := run("", "note", "show", "Acme Robotics", "99")
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if r.code != 1 || len(lines) != 4 || !strings.HasPrefix(lines[0], "tend: no note ") || !strings.HasSuffix(lines[0], "99\" on this account") && !strings.HasSuffix(lines[0], "#99 on this account") || !strings.HasPrefix(lines[1], "  #3 ") || !strings.HasPrefix(lines[3], "  #1 ") {
		t.Errorf("%q", r.stderr)
	}
	if strings.Contains(r.stderr, "\x1b") || strings.Contains(r.stderr, "   #") {
		t.Errorf("%q", r.stderr)
	}
	r = run("", "note", "edit", "Acme Robotics", "call about", "--text", "x")
	lines = strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if r.code == 0 || len(lines) != 3 || !strings.Contains(lines[0], "matches 2") || !strings.HasPrefix(lines[2], "  #1 ") {
		t.Errorf("%q", r.stderr)
	}
}
