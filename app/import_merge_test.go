package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store/formats"
)

// Re-importing an unchanged contacts or deals file keeps what was edited in
// tend since, and fields the file does not give (a contact's title and
// phone, a deal's stage moved on): only what the source changed is taken.
func TestReimportKeepsContactAndDealEditsMadeInTend(t *testing.T) {
	st := emptyStore(t)
	today := domain.DateOf(testNow)
	companies := "Record ID,Company name,Contract Start\n101,Acme,2025-01-01\n102,Beta,2025-01-01\n"
	if res := importKind(t, st, formats.KindAccounts, companies); res.New != 2 {
		t.Fatalf("companies: %+v", res)
	}
	contacts := "Record ID,First Name,Last Name,Email,Associated Company IDs\n" +
		"c1,Dana,Ruiz,dana@acme.example,101\n" +
		"c2,Frank,Hill,frank@beta.example,102\n"
	deals := "Deal ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\n" +
		"601,Acme seats,appointmentscheduled,30000,2027-02-01,101\n"
	if res := importKind(t, st, formats.KindContacts, contacts); res.New != 2 {
		t.Fatalf("contacts: %+v %s", res, rejectedText(res))
	}
	if res := importKind(t, st, formats.KindDeals, deals); res.New != 1 {
		t.Fatalf("deals: %+v %s", res, rejectedText(res))
	}
	acme := accountNamed(t, st, "Acme")
	ref := RefOf(&acme)
	dana, err := FindRecord(st, ref, KindContact, "Dana")
	if err != nil {
		t.Fatal(err)
	}
	dc := dana.Value.(domain.Contact)
	dc.Title, dc.Email, dc.Phone = "VP Eng", "dana.new@acme.example", "+1 555 0100"
	dana.Value = dc
	if _, _, err := SaveRecord(st, ref, dana, today); err != nil {
		t.Fatal(err)
	}
	opp, err := FindRecord(st, ref, KindOpportunity, "seats")
	if err != nil {
		t.Fatal(err)
	}
	oc := opp.Value.(domain.Opportunity)
	oc.Stage, oc.Probability, oc.Value.Amount, oc.CloseDate = domain.OppPropose, 60, 45_000_00, domain.NewDate(2027, 3, 15)
	opp.Value = oc
	if _, _, err := SaveRecord(st, ref, opp, today); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ kind, data string }{{formats.KindContacts, contacts}, {formats.KindDeals, deals}} {
		res := importKind(t, st, f.kind, f.data)
		if res.New != 0 || res.Updated != 0 || len(res.Rejected) != 0 {
			t.Errorf("re-import of the unchanged %s file: %+v %s", f.kind, res, rejectedText(res))
		}
	}
	got, _ := FindRecord(st, ref, KindContact, "Dana")
	if c := got.Value.(domain.Contact); c.Title != "VP Eng" || c.Email != "dana.new@acme.example" || c.Phone != "+1 555 0100" {
		t.Errorf("Dana after the re-import: %+v", c)
	}
	got, _ = FindRecord(st, ref, KindOpportunity, "seats")
	if o := got.Value.(domain.Opportunity); o.Stage != domain.OppPropose || o.Probability != 60 || o.Value.Amount != 45_000_00 || o.CloseDate != domain.NewDate(2027, 3, 15) {
		t.Errorf("the deal after the re-import: %+v", o)
	}
	// The CRM changes the amount edited here too: a conflict, the book's value kept.
	deals2 := "Deal ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\n" +
		"601,Acme seats,appointmentscheduled,35000,2027-02-01,101\n"
	res := importKind(t, st, formats.KindDeals, deals2)
	got, _ = FindRecord(st, ref, KindOpportunity, "seats")
	if o := got.Value.(domain.Opportunity); res.Conflicts != 1 || o.Stage != domain.OppPropose || o.Value.Amount != 45_000_00 {
		t.Errorf("after the CRM changed the amount: %+v, %+v", res, o)
	}
	named := false
	for _, a := range res.Accounts {
		for _, r := range a.Records {
			for _, f := range r.Fields {
				named = named || (a.Account == "Acme" && r.Record == "opportunity Acme seats" && f.Field == "value" && f.Conflict)
			}
		}
	}
	if !named {
		t.Errorf("the report does not name the deal's conflicting field: %+v", res.Accounts)
	}
	// A contact added by hand keeps its title when the CRM file names it.
	beta := accountNamed(t, st, "Beta")
	bref := RefOf(&beta)
	frank, _ := FindRecord(st, bref, KindContact, "Frank")
	fc := frank.Value.(domain.Contact)
	fc.Title = "CFO"
	frank.Value = fc
	if _, _, err := SaveRecord(st, bref, frank, today); err != nil {
		t.Fatal(err)
	}
	importKind(t, st, formats.KindContacts, contacts)
	got, _ = FindRecord(st, bref, KindContact, "Frank")
	if c := got.Value.(domain.Contact); c.Title != "CFO" {
		t.Errorf("Frank's title after a re-import: %q", c.Title)
	}
}

// Issue 16: rows of one company folded into the first keep the first row's
// values; a later row's value that differs is named in the result (row,
// field, kept, dropped), its other spelling of the name too, and one the
// first row lacks is taken.
func TestFoldedRowsNameTheValuesTheyDrop(t *testing.T) {
	st := emptyStore(t)
	data := "Company name,Website,Industry,Number of Employees,Segment\n" +
		"Acme Inc.,acme.example,Robotics,50,\n" +
		"ACME,https://www.acme.example/about,Software,50,Enterprise\n" +
		"Acme Inc,acme.example,,120,SMB\n" +
		"Beta,beta.example,Retail,,\n"
	res := importKind(t, st, formats.KindAccounts, data)
	if res.New != 2 || res.Merged != 2 || len(res.Rejected) != 0 {
		t.Fatalf("%+v %s", res, rejectedText(res))
	}
	acme := accountNamed(t, st, "Acme Inc.")
	var got []string
	for _, f := range res.Folded {
		if f.ID != acme.ID || f.Account != "Acme Inc." {
			t.Errorf("folded value names %q #%d, want Acme Inc. #%d", f.Account, f.ID, acme.ID)
		}
		got = append(got, f.String())
	}
	want := []string{
		fmt.Sprintf(`row 3 folded into Acme Inc. (#%d): industry: kept "Robotics", dropped "Software"`, acme.ID),
		fmt.Sprintf(`row 3 folded into Acme Inc. (#%d): name: kept "Acme Inc.", dropped "ACME"`, acme.ID), // the other spelling, always named
		fmt.Sprintf(`row 4 folded into Acme Inc. (#%d): employees: kept 50, dropped 120`, acme.ID),
		fmt.Sprintf(`row 4 folded into Acme Inc. (#%d): name: kept "Acme Inc.", dropped "Acme Inc"`, acme.ID),
		fmt.Sprintf(`row 4 folded into Acme Inc. (#%d): segment: kept "Enterprise", dropped "SMB"`, acme.ID),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("folded values:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if acme.Industry != "Robotics" || acme.Employees != 50 || acme.Segment != "Enterprise" {
		t.Errorf("kept: %q %d %q", acme.Industry, acme.Employees, acme.Segment)
	}
}
