package cli

import (
	"strings"
	"testing"
)

// Survey answers import from CSV: every bad row is reported by row, column
// and value, the good ones are written, and importing the file again adds
// nothing.
func TestImportSurveys(t *testing.T) {
	_, run := bookWith(t)
	run("", "account", "edit", "acme rockets", "--name", "Acme Rockets")
	f := writeFile(t, "answers.csv", "Account,Date,Type,Score,Contact Email,Comment\n"+
		"Acme Robotics,2026-11-02,NPS,9,dana@acme.com,\"Great support, \"\"fast\"\"\"\n"+
		"Acme Robotics,2026-11-03,CSAT,4,,\n"+
		"Acme Robotics,2026-11-03,CSAT,4,,\n"+ // two alike answers are two
		"Acme Rockets,2026-11-03,nps,0,,\n"+
		"Acme Robotics,2026-11-03,CSAT,7,,too high\n"+
		"Nobody Inc,2026-11-03,NPS,7,,\n"+
		"Acme Robotics,2026-13-03,NPS,7,,\n"+
		"Acme Robotics,2026-11-04,NPS,8,ghost@example.com,\n"+
		"Acme Robotics,2026-11-05,NPS,8,,\"bad \x1b[31m red\"\n"+
		"Acme Robotics,2026-11-05,,8,,\n"+
		"Acme Robotics,2030-01-01,NPS,8,,\n"+
		"Acme Robotics,2026-11-06,promoter,8,,\n")
	r := run("", "import", f, "--kind", "surveys")
	if r.code != 1 || !strings.HasPrefix(r.stdout, f+" imported: 4 new, 0 updated, 0 unchanged, 8 rejected\n") {
		t.Fatalf("import: %+v", r)
	}
	for _, want := range []string{
		`row 6, column "Score": "7": a CSAT score is a whole number from 1 to 5`,
		`row 7, column "Account": "Nobody Inc": no account`,
		`row 8, column "Date": "2026-13-03": no such date`,
		`row 9, column "Contact Email": "ghost@example.com": no contact with this email on Acme Robotics`,
		`row 10, column "Comment": "bad ␛[31m red": holds a control character (U+001B)`,
		`row 11, column "Score": "8": is it NPS (0–10) or CSAT (1–5)?`,
		`row 12, column "Date": "2030-01-01": is in the future`,
		`row 13, column "Type": "promoter": want nps or csat`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b") {
		t.Errorf("the report prints an escape: %q", r.stdout)
	}
	list := jsonOf[[]map[string]any](t, run("", "survey", "list", "acme robotics", "--json"))
	if len(list) != 3 || list[0]["contact_id"] != 1.0 || list[0]["contact"] != "Dana Ruiz" || list[0]["comment"] != `Great support, "fast"` || list[1]["kind"] != "csat" {
		t.Errorf("surveys: %v", list)
	}
	r = run("", "import", f, "--kind", "surveys")
	if !strings.HasPrefix(r.stdout, f+" imported: 0 new, 0 updated, 4 unchanged, 8 rejected\n") {
		t.Errorf("again: %+v", r)
	}
	// an NPS column says the kind; an answer id makes the same answer the same
	g := writeFile(t, "nps.csv", "Response ID,Company,Submitted At,NPS,Email\nR1,Acme Robotics,2026-11-07,10,DANA@acme.com\nR2,Acme Robotics,2026-11-07,10,\n")
	for i, want := range []string{"2 new", "0 new, 0 updated, 2 unchanged"} {
		if r := run("", "import", g, "--kind", "surveys"); r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("nps.csv, import %d: %+v", i+1, r)
		}
	}
	if n := len(jsonOf[[]map[string]any](t, run("", "survey", "list", "acme robotics", "--json"))); n != 5 {
		t.Errorf("%d answers, want 5", n)
	}
	if r := run("", "import", writeFile(t, "x.csv", "Account,Date\nAcme Robotics,2026-11-01\n"), "--kind", "surveys"); r.code != 1 || !strings.Contains(r.stderr, "no column for score or nps or csat") {
		t.Errorf("no score column: %+v", r)
	}
}

// Orders import from CSV by account name, CRM ID or UID (never #N); an order id
// (or, without one, the date and amount) makes a re-import add nothing.
func TestImportOrders(t *testing.T) {
	_, run := bookWith(t)
	crm := writeFile(t, "companies.csv", "Company ID,Company name\nHS-77,Acme Robotics\n")
	if r := run("", "import", crm); r.code != 0 {
		t.Fatal(r)
	}
	uid := jsonOf[map[string]any](t, run("", "account", "show", "#2", "--json"))["account"].(map[string]any)["uid"].(string)
	f := writeFile(t, "orders.csv", "Customer,Order Date,Total,Currency,Order ID\n"+
		"Acme Robotics,2026-11-01,\"1,200.50\",EUR,INV-1\n"+
		"HS-77,2026-11-01,100,,\n"+
		"HS-77,2026-11-01,100,,\n"+
		uid+",2026-11-02,$75,,INV-2\n"+
		"Acme Robotics,2026-11-02,-5,,\n"+
		"Acme Robotics,2026-11-02,5,XX1,\n"+
		"Acme Robotics,2026-11-02,five,,\n"+
		"Acme Robotics,,5,,\n"+
		"Acme,2026-11-02,5,,\n")
	r := run("", "import", f, "--kind", "orders")
	if r.code != 1 || !strings.HasPrefix(r.stdout, f+" imported: 4 new, 0 updated, 0 unchanged, 5 rejected\n") {
		t.Fatalf("import: %+v", r)
	}
	for _, want := range []string{
		`row 6, column "Total": "-5": must not be negative`,
		`row 7, column "Currency": "XX1": want a 3-letter currency code`,
		`row 8, column "Total": "five"`,
		`row 9: no date given`,
		`row 10, column "Customer": "Acme"`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
	orders := jsonOf[[]map[string]any](t, run("", "order", "list", "acme robotics", "--json"))
	if len(orders) != 3 || orders[0]["amount"].(map[string]any)["currency"] != "EUR" || orders[0]["amount"].(map[string]any)["amount"] != 1200.5 {
		t.Errorf("orders: %v", orders)
	}
	if r := run("", "import", f, "--kind", "orders"); !strings.HasPrefix(r.stdout, f+" imported: 0 new, 0 updated, 4 unchanged, 5 rejected\n") {
		t.Errorf("again: %+v", r)
	}
	// a dry run writes nothing
	g := writeFile(t, "more.csv", "Account,Date,Amount\nAcme Rockets,2026-11-03,10\n")
	if r := run("", "import", g, "--kind", "orders", "--dry-run"); r.code != 0 || !strings.Contains(r.stdout, "1 new") {
		t.Errorf("dry run: %+v", r)
	}
	if n := len(jsonOf[[]map[string]any](t, run("", "order", "list", "acme rockets", "--json"))); n != 1 {
		t.Errorf("%d orders on Acme Rockets after a dry run, want 1", n)
	}
}
