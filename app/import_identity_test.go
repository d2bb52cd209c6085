package app

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Issue 16, finding 1: only a CRM's own record ids identify a company, each
// of its CRM: owner and parent ids are plain fields, and one CRM's id never
// matches another's.
func TestOnlyRecordIDsOfOneCRMIdentifyACompany(t *testing.T) {
	st := emptyStore(t)
	hub := "Record ID,Company name,Company Domain Name,Industry,Company owner ID,Parent Company ID\n" +
		"1001,Acme Robotics,acme.example,Robotics,555,\n" +
		"1002,Initech,initech.example,Software,555,1001\n" +
		"1003,Globex,globex.example,Energy,555,\n"
	if res := importKind(t, st, formats.KindAccounts, hub); res.New != 3 || res.Merged != 0 {
		t.Fatalf("hubspot: %+v %s", res, rejectedText(res))
	}
	if a := accountNamed(t, st, "Initech"); a.Custom["Company owner ID"] != "555" || a.Custom["Parent Company ID"] != "1001" || a.ExternalCRM != "hubspot" {
		t.Errorf("Initech: %q %v", a.ExternalCRM, a.Custom)
	}
	// Another export's id 1001 is not HubSpot's record 1001.
	other := "ID,Name,Website,Industry\n1001,Globex Energy,globex-energy.example,Utilities\n"
	if res := importKind(t, st, formats.KindAccounts, other); res.New != 1 || res.Updated != 0 {
		t.Fatalf("other export: %+v", res)
	}
	if a := accountNamed(t, st, "Acme Robotics"); a.Industry != "Robotics" {
		t.Errorf("Acme's industry became %q", a.Industry)
	}
	// The same HubSpot record again is found by its id.
	if res := importKind(t, st, formats.KindAccounts, "Record ID,Company name,Industry\n1001,Acme Robotics GmbH,Robotics\n"); res.New != 0 || res.Skipped+res.Updated != 1 {
		t.Errorf("by record id: %+v", res)
	}
}

// Issue 16, finding 2: record ids compare exactly (Salesforce's are
// case-sensitive); an 18-character Salesforce id is its 15-character form.
func TestSalesforceIDsCompareExactly(t *testing.T) {
	st := emptyStore(t)
	sf := "Account ID;Account Name;Website;Billing Country\n" +
		"0015g00000AbCdE;Alpha;;Deutschland\n" +
		"0015g00000abcde;Beta;;Deutschland\n" +
		"001A0000006Vm9r;Gamma;;Deutschland\n"
	if res := importKind(t, st, formats.KindAccounts, sf); res.New != 3 || res.Merged != 0 {
		t.Fatalf("first: %+v %s", res, rejectedText(res))
	}
	again := "Account ID;Account Name;Website;Billing Country\n001A0000006Vm9rIAC;Gamma AG;;Österreich\n"
	res := importKind(t, st, formats.KindAccounts, again)
	if res.New != 0 || res.Updated != 1 {
		t.Fatalf("18-character id: %+v", res)
	}
	if g := accountNamed(t, st, "Gamma"); g.Custom["Billing Country"] != "Österreich" {
		t.Errorf("Gamma: %v", g.Custom)
	}
}

// Issue 16, finding 3: two records of one CRM are two companies even with
// one website and name (reported as a possible duplicate); a shared
// platform's page, a placeholder or a path naming a part of a company is no
// company's website to match by.
func TestWebsitesThatAreNoIdentity(t *testing.T) {
	st := emptyStore(t)
	hub := "Record ID,Company name,Company Domain Name,Industry\n" +
		"1,Deloitte US,deloitte.com,Consulting\n" +
		"2,Deloitte UK,www.deloitte.com/uk,Consulting\n" +
		"3,Bakery Berg,facebook.com/bakeryberg,Food\n" +
		"4,Cafe Sol,https://www.facebook.com/cafesol,Food\n" +
		"5,Kiosk,k.A.,Retail\n" +
		"6,Stand,n.a.,Retail\n" +
		"7,Acme,acme.example,Robotics\n" +
		"8,Acme,acme.example,Robotics\n"
	res := importKind(t, st, formats.KindAccounts, hub)
	if res.New != 8 || res.Merged != 0 || len(res.Duplicates) != 1 || !strings.Contains(res.Duplicates[0], "Acme has the name of #7") {
		t.Fatalf("%+v %s", res, rejectedText(res))
	}
	// Without record ids, a shared platform's page or a path still matches nothing.
	plain := "Name,Website,Industry\nCafe Luna,facebook.com/cafeluna,Food\nDeloitte DE,deloitte.com/de,Consulting\n"
	if res := importKind(t, st, formats.KindAccounts, plain); res.New != 2 || res.Updated != 0 {
		t.Errorf("plain: %+v", res)
	}
}

// Issue 16, finding 10: a former customer is closed once, as churned (its
// ARR zero from its close day, the churn in its ARR history), on the day of
// the first import when the file gives none; a later import keeps that day.
func TestFormerCustomerIsChurnedOnce(t *testing.T) {
	st := emptyStore(t)
	data := "Company name,Type,ARR,Contract Start\nAcme,Former Customer,50000,2025-01-01\nBeta,Customer,20000,2025-01-01\n"
	first := domain.DateOf(testNow)
	for i, today := range []domain.Date{first, first.AddDays(15)} {
		res, err := ImportCSV(st, strings.NewReader(data), formats.CSVOptions{Currency: "USD", Today: today}, ImportMode{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 && (res.Updated != 0 || len(res.Accounts) != 0) {
			t.Errorf("again: %+v", res)
		}
		a := accountNamed(t, st, "Acme")
		if a.Stage != domain.StageClosed || a.ClosedOn != first || a.ARR.Amount != 0 {
			t.Fatalf("import %d: Acme %s on %s, ARR %d", i+1, a.Stage, a.ClosedOn, a.ARR.Amount)
		}
		var h []domain.ARRChange
		_ = st.View(func(tx *store.Tx) error { h, err = tx.ARRHistory(a.ID); return err })
		if len(h) != 2 || h[0].ARR.Amount != 5_000_000 || h[1].Cause != domain.CauseChurned || h[1].Date != first || h[1].ARR.Amount != 0 {
			t.Errorf("import %d: ARR history %+v", i+1, h)
		}
	}
	// A customer the file later says churned is closed as churned too.
	res, err := ImportCSV(st, strings.NewReader("Company name,Type,ARR,Contract Start\nBeta,Churned,20000,2025-01-01\n"), formats.CSVOptions{Currency: "USD", Today: first.AddDays(20)}, ImportMode{}, nil)
	if err != nil || res.Updated != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	b := accountNamed(t, st, "Beta")
	var h []domain.ARRChange
	_ = st.View(func(tx *store.Tx) error { h, err = tx.ARRHistory(b.ID); return err })
	if b.Stage != domain.StageClosed || b.ClosedOn != first.AddDays(20) || b.ARR.Amount != 0 || len(h) == 0 || h[len(h)-1].Cause != domain.CauseChurned {
		t.Errorf("Beta %s on %s ARR %d, history %+v", b.Stage, b.ClosedOn, b.ARR.Amount, h)
	}
}

// Issue 16, finding 9: an activity's time keeps its fraction of a second, so
// tend's own interactions export imported back onto the same book adds
// nothing (the export writes nanoseconds), and a CRM's milliseconds are kept.
func TestInteractionsRoundTripKeepsSubSeconds(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Company name,Website\nAcme,acme.example\n")
	acme := accountNamed(t, st, "Acme")
	at := time.Date(2026, 11, 30, 0, 10, 54, 1195251, time.UTC)
	if err := st.Update(func(tx *store.Tx) error {
		return tx.AddInteraction(&domain.Interaction{AccountID: acme.ID, At: at, Channel: domain.ChannelNote, Summary: "typed in tend"})
	}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ExportCSV(st, &b, formats.KindInteractions); err != nil {
		t.Fatal(err)
	}
	if res := importKind(t, st, formats.KindInteractions, b.String()); res.New != 0 || res.Skipped != 1 {
		t.Errorf("round trip: %+v\n%s", res, b.String())
	}
	crm := "Activity date,Body,Associated Company\n2026-11-02 16:40:59.999,Called,Acme\n"
	if res := importKind(t, st, formats.KindInteractions, crm); res.New != 1 {
		t.Fatalf("crm: %+v", res)
	}
	_ = st.View(func(tx *store.Tx) error {
		page, _, err := tx.Interactions(acme.ID, store.Cursor{}, 10)
		for _, in := range page {
			if in.Summary == "Called" && in.At.Nanosecond() != 999_000_000 {
				t.Errorf("milliseconds lost: %s", in.At)
			}
		}
		return err
	})
}

// Issue 16, finding 13: a contact whose association id and name name two
// different accounts is rejected naming both; a multi-association with a
// company missing from the book is rejected naming it.
func TestContactAssociationsThatContradict(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Record ID,Company name,Company Domain Name\n101,Acme,acme.example\n102,Globex,globex.example\n")
	data := "First Name,Last Name,Email,Associated Company,Associated Company IDs\n" +
		"Gina,Ross,gina@globex.example,Globex,101\n" +
		"Hal,Berg,hal@acme.example,Acme;Initech,\n" +
		"Ivo,Kahn,ivo@acme.example,,101;109\n" +
		"Jo,Lee,jo@acme.example,ACME Inc.,101\n"
	res := importKind(t, st, formats.KindContacts, data)
	rej := rejectedText(res)
	if res.New != 1 || res.RejectedRows() != 3 {
		t.Fatalf("%+v\n%s", res, rej)
	}
	for _, want := range []string{
		`row 2, column "Associated Company": "Globex": its CRM id names Acme (#1, acme.example) but its company name "Globex" names Globex (#2, globex.example): which is it?`,
		`row 3, column "Associated Company": "Acme;Initech": no account is named "Initech" (of the associated companies "Acme;Initech")`,
		`row 4, column "Associated Company IDs": "101;109": no account has the CRM id 109 (the other, 101, is Acme (#1, acme.example))`,
	} {
		if !strings.Contains(rej, want) {
			t.Errorf("rejections lack %q:\n%s", want, rej)
		}
	}
}

// Issue 16, finding 14: two exports joined into one file (cat a.json b.json)
// are refused, nothing imported.
func TestConcatenatedJSONIsRefused(t *testing.T) {
	src := emptyStore(t)
	importKind(t, src, formats.KindAccounts, "Company name,Website\nAcme,acme.example\n")
	var b bytes.Buffer
	if err := ExportJSON(src, &b); err != nil {
		t.Fatal(err)
	}
	st := emptyStore(t)
	_, err := ImportJSON(st, strings.NewReader(b.String()+b.String()), ImportMode{})
	if err == nil || !strings.Contains(err.Error(), "two exports joined into one file") {
		t.Fatalf("err = %v", err)
	}
	_ = st.View(func(tx *store.Tx) error {
		if !tx.Empty() {
			t.Error("something was imported")
		}
		return nil
	})
	if _, err := ImportJSON(st, strings.NewReader(b.String()+"\n\n"), ImportMode{}); err != nil {
		t.Errorf("one export: %v", err)
	}
}

// Issue 16, finding 14: a value that begins with a quote of its own
// ('=not a formula) survives a CSV round trip: the import drops only the
// guard the export added.
func TestFormulaGuardRoundTripKeepsOwnQuotes(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Company name,Website\nAcme,acme.example\n")
	acme := accountNamed(t, st, "Acme")
	titles := []string{"'=not a formula", "=SUM(A1)", "''+quoted twice", "'plain"}
	if err := st.Update(func(tx *store.Tx) error {
		for i, title := range titles {
			c := domain.Contact{AccountID: acme.ID, Name: fmt.Sprintf("P%d", i), Email: fmt.Sprintf("p%d@acme.example", i), Title: title}
			if err := tx.PutContact(&c); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ExportCSV(st, &b, formats.KindContacts); err != nil {
		t.Fatal(err)
	}
	p, err := formats.ParseCSV(strings.NewReader(b.String()), formats.CSVOptions{Kind: formats.KindContacts, Today: domain.DateOf(testNow)})
	if err != nil || len(p.Contacts) != len(titles) {
		t.Fatalf("%v %+v", err, p)
	}
	for i, c := range p.Contacts {
		if c.Contact.Title != titles[i] {
			t.Errorf("title %q came back as %q\n%s", titles[i], c.Contact.Title, b.String())
		}
	}
}

// Issue 16, finding 14: a survey answer corrected in the source under the
// same Response ID (NPS 3 → 9) is updated, as an order is, not "unchanged".
func TestSurveyAnswerCorrectedInTheSourceIsUpdated(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Company name,Website\nAcme,acme.example\n")
	file := func(score string) string {
		return "Response ID,Account,Date,NPS\nR-1," + "Acme,2026-11-01," + score + "\nR-2,Acme,2026-11-02,10\n"
	}
	if res := importKind(t, st, formats.KindSurveys, file("3")); res.New != 2 {
		t.Fatalf("first: %+v %s", res, rejectedText(res))
	}
	res := importKind(t, st, formats.KindSurveys, file("9"))
	if res.New != 0 || res.Updated != 1 || res.Skipped != 1 {
		t.Fatalf("corrected: %+v", res)
	}
	acme := accountNamed(t, st, "Acme")
	_ = st.View(func(tx *store.Tx) error {
		list, err := tx.Surveys(acme.ID)
		if len(list) != 2 || list[0].Score+list[1].Score != 19 {
			t.Errorf("answers: %+v", list)
		}
		return err
	})
	if res := importKind(t, st, formats.KindSurveys, file("9")); res.Updated != 0 || res.Skipped != 2 {
		t.Errorf("again: %+v", res)
	}
}

// Issue 16, finding 14: an activity corrected in the CRM under the same
// Activity ID is updated, not "unchanged".
func TestActivityCorrectedInTheCRMIsUpdated(t *testing.T) {
	st := emptyStore(t)
	importKind(t, st, formats.KindAccounts, "Company name,Website\nAcme,acme.example\n")
	file := func(body string) string {
		return "Activity ID,Activity date,Activity type,Body,Associated Company\nA-1,2026-11-02 16:40,CALL," + body + ",Acme\nA-2,2026-11-03 10:00,CALL,Other,Acme\n"
	}
	if res := importKind(t, st, formats.KindInteractions, file("Talked to Bo")); res.New != 2 {
		t.Fatalf("first: %+v %s", res, rejectedText(res))
	}
	res := importKind(t, st, formats.KindInteractions, file("Talked to Bo about the renewal"))
	if res.New != 0 || res.Updated != 1 || res.Skipped != 1 {
		t.Fatalf("corrected: %+v", res)
	}
	acme := accountNamed(t, st, "Acme")
	_ = st.View(func(tx *store.Tx) error {
		page, _, err := tx.Interactions(acme.ID, store.Cursor{}, 10)
		n := 0
		for _, in := range page {
			if in.ExternalID == "A-1" {
				n++
				if !strings.Contains(in.Summary, "about the renewal") {
					t.Errorf("not corrected: %q", in.Summary)
				}
			}
		}
		if n != 1 || len(page) != 2 {
			t.Errorf("%d notes, %d of A-1", len(page), n)
		}
		return err
	})
	if res := importKind(t, st, formats.KindInteractions, file("Talked to Bo about the renewal")); res.Updated != 0 || res.Skipped != 2 {
		t.Errorf("again: %+v", res)
	}
}
