package cli

import (
	"strings"
	"testing"
)

// Issue 16 (new user, 16): the import's help names every kind it reads.
func TestImportHelpListsEveryKind(t *testing.T) {
	r := tend(t, "", "import", "--help")
	out := r.stdout + r.stderr
	for _, k := range importKinds {
		if !strings.Contains(out, k) {
			t.Errorf("import --help does not name %s:\n%s", k, out)
		}
	}
	if strings.Contains(out, "(companies, contacts or activities)") {
		t.Errorf("import --help still lists three kinds:\n%s", out)
	}
}
