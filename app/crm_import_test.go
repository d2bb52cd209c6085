package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
	"github.com/tend-cli/tend/store/formats/crmgen"
)

// counts is what an import reported, in the manifest's terms.
func counts(res *ImportResult) crmgen.Counts {
	return crmgen.Counts{New: res.New, Updated: res.Updated, Unchanged: res.Skipped, Merged: res.Merged, Repeated: res.Repeated,
		RejectedRows: res.RejectedRows(), RejectedCells: len(res.Rejected), PossibleDuplicates: len(res.Possible), SameName: len(res.Duplicates), Footer: res.Footer}
}

func importFile(t *testing.T, st *store.Store, f *crmgen.File) *ImportResult {
	t.Helper()
	res, err := ImportCSV(st, bytes.NewReader(f.Data), formats.CSVOptions{Kind: f.Kind, Locale: f.Locale, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return res
}

// TestCRMExportsMatchTheManifest imports generated HubSpot companies,
// contacts and activities and a Salesforce accounts report, each with its
// mess at a known count, and then each file again: what every import reports
// must be exactly what the manifest says (issue 16).
func TestCRMExportsMatchTheManifest(t *testing.T) {
	exp := crmgen.Generate(crmgen.Config{Seed: 16})
	st := emptyStore(t)
	for _, f := range exp.Files {
		res := importFile(t, st, f)
		// Issue 16 (new user, 15): the possible duplicates exactly, by the
		// account each was merged into (Ironbridge with another website is
		// another company, with a name note: SameName).
		var possible []string
		for _, d := range res.Possible {
			possible = append(possible, d.Account)
		}
		if strings.Join(possible, "|") != strings.Join(f.Possible, "|") {
			t.Errorf("%s: possible duplicates\n got %q\nwant %q", f.Name, possible, f.Possible)
		}
		if got := counts(res); got != f.First {
			t.Errorf("%s, first import:\n got %+v\nwant %+v", f.Name, got, f.First)
			for i, e := range res.Rejected {
				if i < 12 {
					t.Logf("  rejected %s", e)
				}
			}
			for i, d := range res.Possible {
				if i < 12 {
					t.Logf("  possible duplicate %+v", d)
				}
			}
		}
	}
	for _, f := range exp.Files {
		res := importFile(t, st, f)
		if got := counts(res); got != f.Again {
			t.Errorf("%s, imported again:\n got %+v\nwant %+v", f.Name, got, f.Again)
			for i, a := range res.Accounts {
				if i < 5 {
					t.Logf("  %+v", a)
				}
			}
		}
	}
	companies, sf := exp.File("hubspot-companies.csv"), exp.File("salesforce-accounts.csv")
	// A merge keeps the first spelling and id, and records the other CRM's id
	// beside it; the same record twice records no second id.
	inc := accountNamed(t, st, companies.Facts["inc_name"])
	if inc.Name != companies.Facts["inc_name"] || inc.Custom["salesforce_id"] != sf.Facts["salesforce_id_of_inc"] || inc.Custom["hubspot_id"] != "" {
		t.Errorf("merged account: %q, custom %v", inc.Name, inc.Custom)
	}
	dup := accountNamed(t, st, companies.Facts["case_dup_name"])
	if dup.ExternalID != companies.Facts["case_dup_id"] || dup.Custom["salesforce_id"] != sf.Facts["salesforce_id_of_case_dup"] {
		t.Errorf("merged by domain: %q %q, custom %v", dup.Name, dup.ExternalID, dup.Custom)
	}
	// German numbers read as German.
	de := accountNamed(t, st, sf.Facts["german_revenue_name"])
	want := strings.ReplaceAll(sf.Facts["german_revenue"], ".", "")
	if got := decimal(de.CompanyRevenue.Amount); got != want || de.ARR.Amount != 0 {
		t.Errorf("German revenue %s read as %s (ARR %d)", sf.Facts["german_revenue"], got, de.ARR.Amount)
	}
}
