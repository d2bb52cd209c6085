package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tend-cli/tend/store/formats/crmgen"
)

// The generated HubSpot and Salesforce exports through the command line:
// the summary counts rows (not cells) and says what was merged, what may be
// a duplicate, which footer lines were skipped and which columns were not
// imported, and why (issue 16).
func TestImportGeneratedCRMExports(t *testing.T) {
	db := emptyBook(t)
	dir := t.TempDir()
	exp := crmgen.Generate(crmgen.Config{Seed: 3})
	if err := exp.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range exp.Files {
		// No --kind: each export is read as the kind its columns say.
		args := []string{"import", filepath.Join(dir, f.Name), "--db", db}
		if f.Locale != "" {
			args = append(args, "--locale", f.Locale)
		}
		r := tend(t, "", args...)
		out[f.Name] = r.stdout
		if !strings.Contains(r.stdout, "read as "+f.Kind) {
			t.Errorf("%s: not read as %s:\n%s", f.Name, f.Kind, firstLines(r.stdout, 3))
		}
		c := f.First
		if want := min(c.RejectedRows, 1); r.code != want {
			t.Errorf("%s: exit %d, want %d (%d rows rejected): %s", f.Name, r.code, want, c.RejectedRows, r.stderr)
		}
		head := fmt.Sprintf("%d new, %d updated, %d unchanged, %d rejected", c.New, c.Updated, c.Unchanged, c.RejectedRows)
		if c.Repeated > 0 {
			head += fmt.Sprintf(", %d repeated rows (the same as an earlier row)", c.Repeated)
		}
		if !strings.Contains(r.stdout, head) {
			t.Errorf("%s: want %q in\n%s", f.Name, head, firstLines(r.stdout, 5))
		}
	}
	for name, want := range map[string][]string{
		"hubspot-companies.csv":   {"15 merged into an earlier row of the same company", `: name: kept "`, "share a name with another account"},
		"hubspot-contacts.csv":    {`"Ironbridge" names 2 accounts: Ironbridge (#`, `column "Associated Company": "Northwind": no account is named "Northwind" or has the CRM id 90501`, "kept as custom fields: Lifecycle Stage, Contact owner, Create Date"},
		"hubspot-activities.csv":  {`column "Activity assigned to" not imported: notes have no owner field`},
		"salesforce-accounts.csv": {"4 report footer line(s) skipped"},
	} {
		for _, w := range want {
			if !strings.Contains(out[name], w) {
				t.Errorf("%s: want %q in\n%s", name, w, firstLines(out[name], 30))
			}
		}
	}
	// A deals file asked as accounts: refused with the kind to use.
	p := crmgen.SalesPipeline(1, 20, 50)
	pipeline := filepath.Join(dir, "sales_pipeline.csv")
	if err := os.WriteFile(pipeline, p.Deals, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := tend(t, "", "import", pipeline, "--kind", "accounts", "--db", db); r.code != 1 || !strings.Contains(r.stderr, "import with --kind deals") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Errorf("pipeline as accounts: %+v", r)
	}
	// Without --kind, the columns say: a pipeline is read as deals, and said so.
	if r := tend(t, "", "import", pipeline, "--dry-run", "--db", db); !strings.Contains(r.stdout, "read as deals") || !strings.Contains(r.stdout, "stages read as tend's") {
		t.Errorf("pipeline without --kind: %+v", r)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
