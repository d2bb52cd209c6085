package app

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Issue 16 (new user, 4): the same person in HubSpot and Salesforce (the
// same email, case aside, on the same account) is one contact: the second
// CRM's id recorded beside the first's, its fields merged; importing either
// file again changes nothing.
func TestAContactInTwoCRMsIsOneContact(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Record ID,Company name,Company Domain Name,Contract Start\n1,Acme,acme.example,2024-01-01\n")
	hubspot := "Record ID,First Name,Last Name,Email,Associated Company IDs\n501,Farah,Haddad,farah@acme.example,1\n"
	salesforce := "Contact ID,Account Name,Full Name,Email,Title\n003X,Acme,Farah Haddad,Farah@Acme.example,CFO\n"
	if res := importKind(t, st, formats.KindContacts, hubspot); res.New != 1 {
		t.Fatalf("hubspot: %+v %s", res, rejectedText(res))
	}
	if res := importKind(t, st, formats.KindContacts, salesforce); res.New != 0 || res.Updated != 1 || res.Conflicts != 0 {
		t.Errorf("salesforce: %+v %s", res, rejectedText(res))
	}
	for _, f := range []string{hubspot, salesforce} {
		if res := importKind(t, st, formats.KindContacts, f); res.New != 0 || res.Updated != 0 || res.Conflicts != 0 {
			t.Errorf("again: %+v", res)
		}
	}
	var cs []domain.Contact
	_ = st.View(func(tx *store.Tx) (err error) { cs, err = tx.Contacts(accountNamed(t, st, "Acme").ID); return })
	if len(cs) != 1 || cs[0].ExternalID != "501" || cs[0].Custom["crm_id"] != "003X" || cs[0].Title != "CFO" || cs[0].Email != "farah@acme.example" {
		t.Errorf("contacts: %+v", cs)
	}
}

// Issue 16 (new user, 14): a row the same as an earlier row of the file is
// counted as repeated, not as unchanged (nothing was in the book before).
func TestRepeatedRowsAreNotUnchanged(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Record ID,Company name,Company Domain Name,Contract Start\n1,Acme,acme.example,2024-01-01\n")
	for kind, data := range map[string]string{
		formats.KindContacts:     "First Name,Last Name,Email,Associated Company IDs\nFarah,Haddad,farah@acme.example,1\nFarah,Haddad,farah@acme.example,1\n",
		formats.KindInteractions: "Activity date,Subject,Associated Company IDs\n2026-11-02 16:40,Call,1\n2026-11-02 16:40,Call,1\n",
		formats.KindDeals:        "Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\nSeats,Negotiation,100,2026-12-20,1\nSeats,Negotiation,100,2026-12-20,1\n",
	} {
		if res := importKind(t, st, kind, data); res.New != 1 || res.Repeated != 1 || res.Skipped != 0 {
			t.Errorf("%s: %d new, %d repeated, %d unchanged", kind, res.New, res.Repeated, res.Skipped)
		}
		// again, both rows are what the book holds
		if res := importKind(t, st, kind, data); res.New != 0 || res.Skipped != 2 || res.Repeated != 0 {
			t.Errorf("%s again: %d new, %d repeated, %d unchanged", kind, res.New, res.Repeated, res.Skipped)
		}
	}
}

// Issue 16 (new user, 10): an import's progress counts the rows of the file,
// for every kind (companies said 504 of 504 for a file of 524 rows, deals 0 of 0).
func TestImportProgressCountsTheFilesRows(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Record ID,Company name,Company Domain Name,Contract Start\n1,Acme,acme.example,2024-01-01\n")
	for kind, data := range map[string]string{
		formats.KindAccounts: "Company name,Company Domain Name\nZeta,zeta.example\nZeta Inc,zeta.example\nBad,\n",
		formats.KindDeals:    "Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\nSeats,Negotiation,100,2026-12-20,1\nMore,Negotiation,200,2026-12-21,1\nBad,Negotiation,x,2026-12-21,1\n",
	} {
		last := [2]int{-1, -1}
		_, err := ImportCSV(st, strings.NewReader(data), formats.CSVOptions{Kind: kind, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{DryRun: true}, func(done, total int) { last = [2]int{done, total} })
		if err != nil || last != [2]int{3, 3} {
			t.Errorf("%s: last progress %v, want 3 of 3 rows (%v)", kind, last, err)
		}
	}
}
