package cli

import (
	"os"
	"strings"
	"testing"
)

// An account name matching two accounts: a reading command exits 1, a
// writing one 2, as tend --help and the README say.
func TestAmbiguousNameExitStatusAsDocumented(t *testing.T) {
	_, run := bookWith(t)
	if r := run("", "account", "add", "Acme Robotics"); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"account", "show", "Acme Robotics"}, 1},
		{[]string{"note", "list", "Acme Robotics"}, 1},
		{[]string{"note", "Acme Robotics", "hello"}, 2},
		{[]string{"account", "edit", "Acme Robotics", "--owner", "Sam"}, 2},
	} {
		if r := run("", c.args...); r.code != c.want || !strings.Contains(r.stderr, "(#1)") || !strings.Contains(r.stderr, "(#3)") {
			t.Errorf("%q: want exit %d naming #1 and #3, got %+v", c.args, c.want, r)
		}
	}
	help := run("", "--help").stdout
	if !strings.Contains(help, "2 usage (also an account name matching several accounts given to a\ncommand that writes; a reading command exits 1)") {
		t.Errorf("tend --help does not say how an ambiguous name exits:\n%s", help)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(readme), "2 a usage mistake or an\naccount name that matches more than one account.") ||
		!strings.Contains(string(readme), "1 any other error, including an ambiguous name given to a command that only reads") {
		t.Error("the README does not say how an ambiguous name exits")
	}
}
