package cli

import (
	"strings"
	"testing"
)

// Notes (tend note, note add, text from standard input, note edit) and the
// free-text flags of account add and account close refuse control
// characters as contact add does; a note keeps its newlines and tabs.
func TestFreeTextRefusesControlCharacters(t *testing.T) {
	_, run := bookWith(t)
	for _, c := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"note", "Acme Robotics", "hi\x1b[2Jthere"}},
		{"", []string{"note", "add", "Acme Robotics", "\x1b]52;c;aGVsbG8=\a"}},
		{"hi\x1b[2Jthere\n", []string{"note", "Acme Robotics", "-"}},
		{"hi\x1b[2Jthere\n", []string{"note", "add", "Acme Robotics", "-"}},
		{"", []string{"account", "add", "Zed\x1b[2J"}},
		{"", []string{"account", "add", "Zed", "--segment", "S\x1b[2J"}},
		{"", []string{"account", "add", "Zed", "--owner", "o\x1b[1m"}},
		{"", []string{"account", "add", "Zed", "--industry", "i\x07"}},
		{"", []string{"account", "add", "Zed", "--website", "w\x1b[1m"}},
		{"", []string{"account", "close", "Acme Rockets", "--reason", "r\x1b[2J"}},
	} {
		r := run(c.stdin, c.args...)
		if r.code == 0 || !strings.Contains(r.stderr, "holds a control character") {
			t.Errorf("%q: %+v", c.args, r)
		}
	}
	if r := run("", "note", "list", "Acme Robotics", "--json"); r.code != 0 || strings.Contains(r.stdout, "\\u001b") {
		t.Fatalf("a refused note was saved: %+v", r)
	}
	if r := run("", "account", "list", "--json"); strings.Contains(r.stdout, "Zed") {
		t.Fatalf("a refused account was added: %s", r.stdout)
	}
	if r := run("line one\n\tline two\n", "note", "Acme Robotics", "-"); r.code != 0 {
		t.Fatalf("newlines and tabs: %+v", r)
	}
}
