package cli

import (
	"strings"
	"testing"
)

// Issue 16: an activity dated without a time of day is kept as that date,
// not at a made-up 12:00: shown and exported without a time, the same date
// whatever --tz, and found again by a re-import (in another zone too).
func TestDateOnlyActivityHasNoTimeOfDay(t *testing.T) {
	db := emptyBook(t)
	mustRun(t, "import", writeFile(t, "c.csv", "Company name,Contract Start\nAcme,2025-01-01\n"), "--db", db)
	acts := writeFile(t, "a.csv", "Associated Company,Activity date,Activity type,Subject\n"+
		"Acme,2026-11-02,Call,Date only\n"+
		"Acme,2026-11-02 16:40,Call,Timed\n")
	if r := mustRun(t, "import", acts, "--kind", "interactions", "--tz", "Pacific/Honolulu", "--db", db); !strings.Contains(r.stdout, "2 new") {
		t.Fatalf("import: %+v", r)
	}
	list := mustRun(t, "note", "list", "acme", "--db", db).stdout
	if !strings.Contains(list, "2026-11-02 · call · Date only") || !strings.Contains(list, "2026-11-03 02:40 · call · Timed") || strings.Contains(list, "12:00") {
		t.Errorf("note list:\n%s", list)
	}
	notes := jsonOf[[]map[string]any](t, tend(t, "", "note", "list", "acme", "--json", "--db", db))
	dated := 0
	for _, n := range notes {
		if n["date_only"] == true {
			dated++
			if n["summary"] != "Date only" {
				t.Errorf("date only: %v", n)
			}
		}
	}
	if dated != 1 {
		t.Errorf("%d date-only notes, want 1: %v", dated, notes)
	}
	if r := mustRun(t, "note", "show", "acme", "Date only", "--db", db); !strings.HasPrefix(r.stdout, "note #") || !strings.Contains(r.stdout, "· 2026-11-02 · call") || strings.Contains(r.stdout, "12:00") {
		t.Errorf("note show: %q", r.stdout)
	}
	show := mustRun(t, "account", "show", "acme", "--db", db).stdout
	if !strings.Contains(show, "2026-11-02       call    Date only") || strings.Contains(show, "12:00") {
		t.Errorf("account show:\n%s", show)
	}
	csv := mustRun(t, "export", "--format", "csv", "--kind", "interactions", "--db", db).stdout
	if !strings.Contains(csv, ",2026-11-02,call,,Date only,") {
		t.Errorf("export:\n%s", csv)
	}
	// the same file in another zone: the date is the date; the timed row
	// is another instant there, so only it is new
	if r := mustRun(t, "import", acts, "--kind", "interactions", "--db", db); !strings.Contains(r.stdout, "1 new, 0 updated, 1 unchanged") {
		t.Errorf("again in UTC: %+v", r)
	}
}
