package cockpit

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Issue 16 (new user, 6 and 13): the cockpit's import preview says what the
// command line says: the rows merged into an earlier row, the possible
// duplicates, the values of folded rows dropped, and which column was read
// as which field (the same lines: app.ReportLines).
func TestTheImportPreviewSaysWhatTheCommandLineSays(t *testing.T) {
	tm, _ := cockpit(t, 5, 160, 40)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	f := filepath.Join(t.TempDir(), "companies.csv")
	data := "Record ID,Company name,Company Domain Name,Lifecycle Stage,Segment,Contract Start\n" +
		"1,Zenith Labs Inc.,zenith.example,customer,SMB,2024-01-01\n" +
		",Zenith Labs Inc,,customer,Enterprise,2024-01-01\n" // no record id: merged by its name (two record ids would be two companies)
	if err := os.WriteFile(f, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "I")
	fillImportForm(t, tm, f)
	waitFor(t, tm, "this import would bring: 1 new, 0 updated, 0 unchanged, 0 rejected, 1 merged into an earlier row of the same company",
		"possible duplicate, row 3:", `row 3 folded into Zenith Labs Inc.`, `segment: kept "SMB", dropped "Enterprise"`,
		"columns read: Record ID → external_id, Company name → name, Company Domain Name → website, Lifecycle Stage → stage, Segment → segment")
}

// Issue 16 (new user, 17): I opens the import from every pane (on KPIs it
// did nothing, and the path typed next went into the jump-to-account
// search); the outcome scrolls with G/End and g/Home too.
func TestImportOpensFromEveryPaneAndItsOutcomeScrolls(t *testing.T) {
	tm, _ := cockpit(t, 5, 120, 24)
	keys(tm, "5") // KPIs
	waitFor(t, tm, "KPIs")
	keys(tm, "I")
	f := filepath.Join(t.TempDir(), "companies.csv")
	data := "Company name,Company Domain Name\n"
	for i := range 40 {
		data += fmt.Sprintf("Company %02d,c%02d.example\n", i, i)
	}
	if err := os.WriteFile(f, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	fillImportForm(t, tm, f)
	waitFor(t, tm, "this import would bring: 40 new", "40 of 40 rows", "+ Company 00", "more (↑↓ pgdn G scroll)")
	keys(tm, "G")
	waitFor(t, tm, "+ Company 39", "↑ ")
	keys(tm, "g")
	waitFor(t, tm, "+ Company 00", "more (↑↓ pgdn G scroll)")
}

// Issue 16 (new user, 9 and 17): the cockpit's import checks the file as it
// is typed (a missing one is said under the field), expands ~, asks for a
// contract start only when the file may hold accounts, and offers the
// command line's --map and --prefer.
func TestTheImportFormChecksTheFileAndMapsColumns(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tm, st := cockpit(t, 5, 120, 35)
	keys(tm, "2")
	waitFor(t, tm, "5 of 5 accounts")
	keys(tm, "I")
	waitFor(t, tm, "Import a file")
	typeText(tm, "~/nothing.csv")
	waitFor(t, tm, "✗ no such file:", "nothing.csv")
	keys(tm, "enter")
	waitFor(t, tm, "* no such file") // the field is not left
	keys(tm, "esc", "esc")
	waitFor(t, tm, "5 of 5 accounts")
	acts := "Associated Company,Activity date,Subject,Body,Activity assigned to\nAcme Robotics Inc.,2026-11-02 16:40,Pricing call,They want a 3-year deal,Maya Chen\n"
	if err := os.WriteFile(filepath.Join(home, "acts.csv"), []byte(acts), 0o600); err != nil {
		t.Fatal(err)
	}
	keys(tm, "I")
	fillImportForm(t, tm, "~/acts.csv", map[string]string{"Contract start for rows without one": "-", "Map columns": "Activity assigned to=summary", "On a conflict keep": "↓"})
	waitFor(t, tm, "this import would bring: 1 new", "assigned to → summary", "enter imports (conflicts take the file's value)")
	keys(tm, "enter")
	waitFor(t, tm, "imported: 1 new")
	_ = tm.Quit()
	var notes []domain.Interaction
	if err := st.View(func(tx *store.Tx) error {
		acme, err := tx.FindAccountExact("Acme Robotics Inc.")
		if err != nil {
			return err
		}
		notes, _, err = tx.Interactions(acme.ID, store.Cursor{}, 100)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range notes {
		found = found || n.Summary == "Pricing call\n\nThey want a 3-year deal\nActivity assigned to: Maya Chen"
	}
	if !found {
		t.Errorf("no note with the body and the assignee: %+v", notes)
	}
}
