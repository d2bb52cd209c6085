package app

import (
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

func importKind(t *testing.T, st *store.Store, kind, data string) *ImportResult {
	t.Helper()
	res, err := ImportCSV(st, strings.NewReader(data), formats.CSVOptions{Kind: kind, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return res
}

func rejectedText(res *ImportResult) string {
	var b strings.Builder
	for _, e := range res.Rejected {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

const ironCompanies = "Record ID,Company name,Company Domain Name\n" +
	"1,Ironbridge Logistics,ironbridge-logistics.example\n" +
	"2,Ironbridge Steel,ironbridge-steel.example\n" +
	"3,Northwind Traders Ltd,northwind.example\n" +
	"4,404,four.example\n" +
	"5,Twin,twin-a.example\n" +
	"6,Twin,twin-b.example\n"

// Issue 16, problems 1 and 2: a contact attaches by the CRM's association
// (record id, then name or domain), not by the free-text company a person
// typed; never by a part of a name or by tend's #N; a name two accounts have
// rejects the row naming both.
func TestContactsAttachByTheAssociation(t *testing.T) {
	st := emptyStore(t)
	if res := importKind(t, st, formats.KindAccounts, ironCompanies); res.New != 6 {
		t.Fatalf("companies: %+v %s", res, rejectedText(res))
	}
	contacts := "First Name,Last Name,Email,Company Name,Associated Company,Associated Company IDs\n" +
		"Ana,Lopez,ana@x.example,Ironbridge,Ironbridge Logistics,1\n" + // by id; the typed name is ambiguous
		"Ben,Okafor,ben@x.example,Ironbridge,,2\n" + // id only
		"Cleo,Park,cleo@x.example,Ironbridge,IRONBRIDGE STEEL INC.,\n" + // the association's name, spelled otherwise
		"Dev,Rao,dev@x.example,,www.ironbridge-logistics.example,\n" + // the association as a domain
		"Eve,Sato,eve@x.example,,404,\n" + // the company named 404
		"Fay,Kim,fay@x.example,Northwind Traders Ltd,Northwind,\n" + // a beginning of a name: rejected, never the free text instead
		"Gus,Berg,gus@x.example,,#2,\n" + // tend's #N is not a company
		"Hal,Ivo,hal@x.example,,Twin,\n" + // two accounts of one name
		"Ida,Ng,ida@x.example,Ironbridge Steel,,\n" + // no association: the typed company, exactly
		"Jo,Wu,jo@x.example,,Ironbridge Steel;ironbridge-steel.example,\n" + // several associations, one account
		"Kai,Oh,kai@x.example,,Ironbridge Steel;404,\n" // several associations, several accounts
	res := importKind(t, st, formats.KindContacts, contacts)
	if res.New != 7 || res.RejectedRows() != 4 {
		t.Fatalf("contacts: %+v\n%s", res, rejectedText(res))
	}
	rej := rejectedText(res)
	for _, want := range []string{`row 7, column "Associated Company": "Northwind": no account is named "Northwind"`, `row 8, column "Associated Company": "#2"`,
		`row 9, column "Associated Company": "Twin": "Twin" names 2 accounts: Twin (#5, twin-a.example), Twin (#6, twin-b.example)`,
		`row 12, column "Associated Company": "Ironbridge Steel;404": "Ironbridge Steel;404" names 2 accounts: Ironbridge Steel (#2, ironbridge-steel.example), 404 (#4, four.example)`} {
		if !strings.Contains(rej, want) {
			t.Errorf("rejections lack %q:\n%s", want, rej)
		}
	}
	where := map[string]string{}
	_ = st.View(func(tx *store.Tx) error {
		accts, _ := tx.Accounts()
		for _, a := range accts {
			cs, _ := tx.Contacts(a.ID)
			for _, c := range cs {
				where[c.Name] = a.Name
			}
		}
		return nil
	})
	for who, want := range map[string]string{"Ana Lopez": "Ironbridge Logistics", "Ben Okafor": "Ironbridge Steel", "Cleo Park": "Ironbridge Steel",
		"Dev Rao": "Ironbridge Logistics", "Eve Sato": "404", "Ida Ng": "Ironbridge Steel", "Jo Wu": "Ironbridge Steel"} {
		if where[who] != want {
			t.Errorf("%s is at %q, want %q", who, where[who], want)
		}
	}
}

// Issue 16, problem 3: "Acme Inc." and "Acme Inc" are one company; a
// Salesforce row without a website finds the HubSpot company of the same
// name, keeps its spelling and id and records the Salesforce id beside them;
// importing either file again changes nothing.
func TestCompanyIdentityAcrossCRMs(t *testing.T) {
	st := emptyStore(t)
	hub := "Record ID,Company name,Company Domain Name,Industry\n" +
		"11,Acme Inc.,acme.example,Software\n" +
		"11,Acme Inc,,\n" +
		"13,Cascade Marine,cascade.example,Shipping\n" +
		"13,cascade  marine,https://www.cascade.example/about,Shipping\n"
	res := importKind(t, st, formats.KindAccounts, hub)
	if res.New != 2 || res.Merged != 2 || len(res.Folded) != 2 || res.Folded[0].Field != "name" {
		t.Fatalf("hubspot: %+v", res)
	}
	sf := "Account ID;Account Name;Website;Industry;Billing Country\n" +
		"001A;ACME GmbH;;Software;Deutschland\n" +
		"001B;Cascade Marine Ltd.;cascade.example;;Norway\n"
	res = importKind(t, st, formats.KindAccounts, sf)
	if res.New != 0 || res.Updated != 2 || len(res.Possible) != 1 || !strings.Contains(res.Possible[0].Reason, "by its name alone") {
		t.Fatalf("salesforce: %+v", res)
	}
	acme, cascade := accountNamed(t, st, "Acme Inc."), accountNamed(t, st, "Cascade Marine")
	if acme.Name != "Acme Inc." || acme.ExternalID != "11" || acme.ExternalCRM != "hubspot" || acme.Custom["salesforce_id"] != "001A" || acme.Custom["Billing Country"] != "Deutschland" {
		t.Errorf("Acme: %q %q %v", acme.Name, acme.ExternalID, acme.Custom)
	}
	if cascade.Name != "Cascade Marine" || cascade.ExternalID != "13" || cascade.Website != "cascade.example" || cascade.Custom["salesforce_id"] != "001B" {
		t.Errorf("Cascade: %q %q %q %v", cascade.Name, cascade.ExternalID, cascade.Website, cascade.Custom)
	}
	for _, data := range []string{hub, sf} {
		if res := importKind(t, st, formats.KindAccounts, data); res.New != 0 || res.Updated != 0 {
			t.Errorf("again: %+v", res)
		}
	}
}

// Issue 16, problems 4 and 5: an activity keeps its subject and its body,
// its time of day and zone; two calls on one day with one subject are two;
// the same activity again (by its id, or by time and text) is one; a column
// an interaction has no field for is listed as ignored, with the reason; a
// contact keeps the CRM's other columns as custom fields.
func TestActivitiesKeepSubjectBodyAndTime(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, ironCompanies)
	acts := "Activity ID,Activity date,Activity type,Subject,Body,Associated Company IDs,Activity assigned to\n" +
		"a1,2026-11-02 16:40,CALL,Renewal call,\"They want SSO.\nSend pricing.\",1,Maya\n" +
		"a2,2026-11-02 09:15,CALL,Renewal call,Second call: legal review.,1,Maya\n" +
		"a3,2026-11-03T10:00:00+01:00,MEETING,QBR,,1,Maya\n" +
		"a1,2026-11-02 16:40,CALL,Renewal call,\"They want SSO.\nSend pricing.\",1,Maya\n"
	res := importKind(t, st, formats.KindInteractions, acts)
	if res.New != 3 || res.Repeated != 1 || len(res.Ignored) != 1 || res.Ignored[0].Column != "Activity assigned to" {
		t.Fatalf("%+v", res)
	}
	var got []domain.Interaction
	_ = st.View(func(tx *store.Tx) error {
		got, _, _ = tx.Interactions(1, store.Cursor{}, 10)
		return nil
	})
	want := map[string]time.Time{
		"Renewal call\n\nThey want SSO.\nSend pricing.": time.Date(2026, 11, 2, 16, 40, 0, 0, time.UTC),
		"Renewal call\n\nSecond call: legal review.":    time.Date(2026, 11, 2, 9, 15, 0, 0, time.UTC),
		"QBR": time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC),
	}
	for _, in := range got {
		if at, ok := want[in.Summary]; !ok || !in.At.Equal(at) {
			t.Errorf("%q at %v", in.Summary, in.At)
		}
	}
	if len(got) != 3 {
		t.Errorf("%d interactions", len(got))
	}
	// Another export of the same activity with its text edited in the CRM is
	// still the same activity (by its id).
	if res := importKind(t, st, formats.KindInteractions, strings.Replace(acts, "Second call", "2nd call", 1)); res.New != 0 {
		t.Errorf("by id: %+v", res)
	}
	res = importKind(t, st, formats.KindContacts, "Record ID,Email,First Name,Associated Company IDs,Lifecycle Stage\n9,ana@x.example,Ana,1,customer\n")
	if res.New != 1 || len(res.Unknown) != 1 {
		t.Fatalf("contact: %+v", res)
	}
	_ = st.View(func(tx *store.Tx) error {
		cs, _ := tx.Contacts(1)
		if len(cs) != 1 || cs[0].Custom["Lifecycle Stage"] != "customer" || cs[0].ExternalID != "9" {
			t.Errorf("contact: %+v", cs)
		}
		return nil
	})
}

// A time without a zone is in the zone the import is told (--tz).
func TestActivityTimesInTheZoneGiven(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, ironCompanies)
	opt := formats.CSVOptions{Kind: formats.KindInteractions, Location: time.FixedZone("CET", 3600), Today: domain.DateOf(testNow)}
	res, err := ImportCSV(st, strings.NewReader("Activity date,Subject,Associated Company IDs\n2026-11-02 16:40,Call,1\n2026-11-02T16:40:00Z,Call,1\n"), opt, ImportMode{}, nil)
	if err != nil || res.New != 2 {
		t.Fatalf("%v %+v", err, res)
	}
	_ = st.View(func(tx *store.Tx) error {
		got, _, _ := tx.Interactions(1, store.Cursor{}, 10)
		if len(got) != 2 || !got[0].At.Equal(time.Date(2026, 11, 2, 16, 40, 0, 0, time.UTC)) || !got[1].At.Equal(time.Date(2026, 11, 2, 15, 40, 0, 0, time.UTC)) {
			t.Errorf("%v", got)
		}
		return nil
	})
}
