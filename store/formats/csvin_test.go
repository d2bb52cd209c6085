package formats

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/tend-cli/tend/domain"
)

func TestParseCSVDelimitersAndHeaders(t *testing.T) {
	opt := CSVOptions{Currency: "USD", Today: domain.NewDate(2026, 11, 28)}
	for name, data := range map[string]string{
		"comma, BOM, CRLF": "\ufeffCompany name,Annual Revenue,Website\r\nAcme,\"1,200\",acme.com\r\n",
		"semicolon":        "Account Name;ARR;Domain\nAcme;1.200,50;acme.com\n",
		"tab":              "Name\tRevenue\tURL\nAcme\t1.2k\tacme.com\n",
		"pipe":             "Organization|Annual Revenue|Website\nAcme|1200|acme.com\n",
	} {
		p, err := ParseCSV(strings.NewReader(data), opt)
		if err != nil || len(p.Accounts) != 1 || len(p.Errors) != 0 {
			t.Errorf("%s: %v %+v", name, err, p)
			continue
		}
		a := p.Accounts[0].Account
		// "Annual Revenue" and "Revenue" are the customer company's own revenue, never ARR.
		got := a.ARR.Amount + a.CompanyRevenue.Amount
		if a.Name != "Acme" || a.Website != "acme.com" || (got != 120_000 && got != 120_050) || (name != "semicolon") != (a.ARR.Amount == 0) {
			t.Errorf("%s: %+v", name, a)
		}
	}
	if _, err := ParseCSV(strings.NewReader("Foo,Bar\n1,2\n"), opt); err == nil || !strings.Contains(err.Error(), "--map") {
		t.Errorf("no name column: %v", err)
	}
	p, err := ParseCSV(strings.NewReader("Client,MRR\nAcme,10\n"), CSVOptions{Map: map[string]string{"Client": "name", "MRR": "arr"}, Today: opt.Today})
	if err != nil || len(p.Accounts) != 1 || p.Accounts[0].Account.ARR.Amount != 1000 {
		t.Errorf("--map: %v %+v", err, p)
	}
	if _, err := ParseCSV(strings.NewReader("Name\nA\n"), CSVOptions{Map: map[string]string{"Name": "nonsense"}}); err == nil {
		t.Error("a map to an unknown field must fail")
	}
}

func TestParseCSVReportsEveryBadRow(t *testing.T) {
	data := "Name,Renewal Date,Employees,Tier\nGood,2027-01-31,10,key\nBadDate,2027-02-30,10,key\nBadEmp,,lots,key\nBadTier,,10,gold\n,,,\nShort,2027-01-01\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Today: domain.NewDate(2026, 11, 28)})
	if err != nil {
		t.Fatal(err)
	}
	// A row missing its trailing cells ("Short") is read: they are empty.
	if len(p.Accounts) != 2 || len(p.Errors) != 3 {
		t.Fatalf("accounts %d, errors %v", len(p.Accounts), p.Errors)
	}
	want := []string{`row 3, column "Renewal Date"`, `row 4, column "Employees"`, `row 5, column "Tier"`}
	for i, w := range want {
		if !strings.HasPrefix(p.Errors[i].String(), w) {
			t.Errorf("error %d = %q, want %q…", i, p.Errors[i], w)
		}
	}
}

// An order's amount is read as --locale says (it was read in English
// whatever the locale: "750.000" was refused as having three decimals).
func TestOrderAmountFollowsTheLocale(t *testing.T) {
	data := "Order ID;Account;Order Date;Amount\nO-1;Acme;2026-04-03;750.000\nO-2;Acme;2026-04-03;1.250,50\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindOrders, Locale: "de", Currency: "EUR", Today: domain.NewDate(2026, 11, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || len(p.Orders) != 2 || p.Orders[0].Order.Amount.Amount != 750_000_00 || p.Orders[1].Order.Amount.Amount != 1_250_50 {
		t.Errorf("orders %+v, errors %v", p.Orders, p.Errors)
	}
	// told nothing, a value that could be either is refused asking for --locale
	p, err = ParseCSV(strings.NewReader(data[:strings.LastIndex(data[:len(data)-1], "\n")+1]), CSVOptions{Kind: KindOrders, Currency: "EUR", Today: domain.NewDate(2026, 11, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Reason, "--locale") {
		t.Errorf("without a locale: %v", p.Errors)
	}
}

// Issue 16, finding 6: a row with more fields than the header is rejected
// (an unquoted comma shifts every column after it), unless every row of the
// file ends with the same empty fields (the export's style).
func TestRowWithAFieldTooManyIsRejected(t *testing.T) {
	opt := CSVOptions{Today: domain.NewDate(2026, 11, 28)}
	p, err := ParseCSV(strings.NewReader("Name,Industry,Segment,Owner\nAcme, Inc.,Retail,SMB,\nBeta,Media,SMB,Kim\n"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Accounts) != 1 || p.Accounts[0].Account.Name != "Beta" || len(p.Errors) != 1 ||
		p.Errors[0].String() != "row 2: has 5 fields, the header has 4: a comma inside a value that is not quoted?" {
		t.Fatalf("accounts %+v, errors %v", p.Accounts, p.Errors)
	}
	p, err = ParseCSV(strings.NewReader("Name,Industry,Segment,Owner\nAcme, Inc.,Retail,SMB,\n"), opt)
	if err != nil || len(p.Accounts) != 0 || len(p.Errors) != 1 {
		t.Fatalf("one row alone shows no style: %v %+v %v", err, p.Accounts, p.Errors)
	}
	p, err = ParseCSV(strings.NewReader("Name;Industry\nAcme;Retail;\nBeta;Media;\n"), opt)
	if err != nil || len(p.Accounts) != 2 || len(p.Errors) != 0 || p.Accounts[1].Account.Industry != "Media" {
		t.Fatalf("every row ends with a delimiter: %v %+v %v", err, p.Accounts, p.Errors)
	}
}

// Issue 16, finding 5: a quote left open does not swallow the rows after
// it into one cell: the import stops, naming the row and column.
func TestUnclosedQuoteStopsTheImport(t *testing.T) {
	data := "Date,Type,Subject,Body,Company\n" +
		"2026-11-01 10:00,CALL,First,\"She said \"\"hi\"\" and left,Acme Robotics\n" +
		"2026-11-02 10:00,CALL,Second,All good,Acme Robotics\n" +
		"2026-11-03 10:00,CALL,Third,Fine,Acme Robotics\n"
	_, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions, Today: domain.NewDate(2026, 11, 28)})
	if err == nil || !strings.Contains(err.Error(), `row 2, column "Body": an unclosed quote: the rows after it were read into this cell`) {
		t.Fatalf("err = %v", err)
	}
	// A quoted line break in a well-formed file is a line break.
	ok := "Date,Type,Subject,Body,Company\n2026-11-01 10:00,CALL,First,\"Line one\nline two, more\",Acme\n2026-11-02 10:00,CALL,Second,x,Acme\n"
	p, err := ParseCSV(strings.NewReader(ok), CSVOptions{Kind: KindInteractions, Today: domain.NewDate(2026, 11, 28)})
	if err != nil || len(p.Interactions) != 2 || len(p.Errors) != 0 {
		t.Fatalf("%v %+v", err, p)
	}
}

// Issue 16, findings 3 and 14: a placeholder (k.A., n.a., TBD…) is an empty
// cell, only when it is the whole cell, and never in a name: a surname Null
// is kept.
func TestPlaceholdersAreEmptyButNotInNames(t *testing.T) {
	data := "First Name,Last Name,Email,Job Title,Company\nAda,Null,ada@acme.example,k.A.,Acme\nBo,None,bo@acme.example,TBD or CTO,Acme\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindContacts, Today: domain.NewDate(2026, 11, 28)})
	if err != nil || len(p.Contacts) != 2 {
		t.Fatalf("%v %+v", err, p)
	}
	if a, b := p.Contacts[0].Contact, p.Contacts[1].Contact; a.Name != "Ada Null" || a.Title != "" || b.Name != "Bo None" || b.Title != "TBD or CTO" {
		t.Errorf("read as %q %q / %q %q", a.Name, a.Title, b.Name, b.Title)
	}
	p, err = ParseCSV(strings.NewReader("Name,Website\nKiosk,n.a.\n"), CSVOptions{Today: domain.NewDate(2026, 11, 28)})
	if err != nil || len(p.Accounts) != 1 || p.Accounts[0].Account.Website != "" {
		t.Fatalf("%v %+v", err, p)
	}
}

// Issue 16, finding 14: "1,2,3" is no number (digits are grouped in
// threes), whatever the locale.
func TestGroupingComesInThrees(t *testing.T) {
	for _, locale := range []string{"", "en", "de"} {
		data := "Name;ARR\nAcme;\"1,2,3\"\nBeta;\"1.2.3\"\n"
		p, err := ParseCSV(strings.NewReader(data), CSVOptions{Locale: locale, Currency: "USD", Today: domain.NewDate(2026, 11, 28)})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Accounts {
			t.Errorf("locale %q: %s read with ARR %d", locale, a.Account.Name, a.Account.ARR.Amount)
		}
	}
}

// Issue 16, finding 14: a UTF-16 file (Excel's "Unicode text"), with its
// byte-order mark or without, is decoded: never accounts named "\x00A\x00c…".
func TestUTF16FilesAreDecoded(t *testing.T) {
	text := "Name\tIndustry\r\nAcme Robotics\tRobotics\r\nMüller GmbH\tHandel\r\n"
	u := utf16.Encode([]rune(text))
	le, be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	var leNoBOM []byte
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
		leNoBOM = append(leNoBOM, byte(c), byte(c>>8))
		be = append(be, byte(c>>8), byte(c))
	}
	for name, data := range map[string][]byte{"le": le, "be": be, "le without BOM": leNoBOM} {
		p, err := ParseCSV(bytes.NewReader(data), CSVOptions{Today: domain.NewDate(2026, 11, 28)})
		if err != nil || len(p.Accounts) != 2 || p.Accounts[0].Account.Name != "Acme Robotics" || p.Accounts[1].Account.Name != "Müller GmbH" || p.Accounts[1].Account.Industry != "Handel" {
			t.Errorf("%s: %v %+v", name, err, p)
		}
	}
}

// Issue 16, finding 14: a time in the hour the clocks skip (a daylight
// saving gap in --tz) is rejected, never moved silently.
func TestTimeInADaylightSavingGapIsRejected(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	data := "Date,Type,Subject,Company\n2026-03-29 02:30,CALL,In the gap,Acme\n2026-03-29 03:30,CALL,After,Acme\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions, Location: berlin, Today: domain.NewDate(2026, 11, 28)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Interactions) != 1 || len(p.Errors) != 1 || !strings.Contains(p.Errors[0].String(), `row 2, column "Date": "2026-03-29 02:30": no such time in Europe/Berlin`) {
		t.Fatalf("%+v %v", p.Interactions, p.Errors)
	}
}

// Issue 16 (new user, 2): a file whose kind nothing says, and that has no
// account name column, is refused with a hint (never written as accounts'
// custom fields); tend's own interactions and action-items exports are told.
func TestDetectKindOwnExportsAndRefusal(t *testing.T) {
	for want, header := range map[string]string{
		KindInteractions: "Account Name,Account UID,Date,Channel,Sentiment,Summary,External ID",
		KindActionItems:  "Account Name,Account UID,UID,Action Item,Due,Done,Snoozed Until,Created",
		KindContacts:     "Account Name,Account UID,Name,Title,Email,Phone,Role,Preferred Channel,Last Touch,External ID",
		KindAccounts:     "UID,Tend No,External ID,Account Name,Industry,Segment,Employees,Tier,Stage,Owner,Account Executive,Website,Tags,ARR,Currency",
	} {
		if got := DetectKind(strings.Split(header, ",")); got != want {
			t.Errorf("%s: detected %q", want, got)
		}
	}
	_, err := ParseCSV(strings.NewReader("Ticket,Priority,Assignee\n1,high,Maya\n"), CSVOptions{Kind: KindDetect})
	if err == nil || !strings.Contains(err.Error(), "--kind") || !strings.Contains(err.Error(), "action-items") {
		t.Errorf("a file of no kind: %v", err)
	}
}

// Issue 16 (new user, 3): a column mapped to the note's text adds a labelled
// line after the body (it replaced the body, which was then dropped); an
// assignee column is said to have no field rather than advised into the text
// as if it were one.
func TestASecondColumnMappedToTheTextIsAdded(t *testing.T) {
	data := "Activity date,Subject,Body,Activity assigned to,Associated Company\n2026-11-02 16:40,Pricing call,They want a 3-year deal,Maya Chen,Acme\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions})
	if err != nil || len(p.Ignored) != 1 || !strings.Contains(p.Ignored[0].Reason, "no owner field") {
		t.Fatalf("%v %+v", err, p.Ignored)
	}
	p, err = ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions, Map: map[string]string{"Activity assigned to": "summary"}})
	if err != nil || len(p.Interactions) != 1 {
		t.Fatalf("%v %+v", err, p)
	}
	if got, want := p.Interactions[0].Interaction.Summary, "Pricing call\n\nThey want a 3-year deal\nActivity assigned to: Maya Chen"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

// Issue 16 (new user, 11): a date column read day/month (or month/day) by
// inference says so in a note, naming a value it decided and the other way.
func TestInferredDateOrderIsNoted(t *testing.T) {
	data := "Activity date,Subject,Associated Company\n03/04/2026 4:40 PM,Call,Acme\n13/02/2026,Visit,Acme\n"
	p, err := ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions})
	if err != nil || len(p.Interactions) != 2 {
		t.Fatalf("%v %+v", err, p)
	}
	want := `column "Activity date": dates like 03/04/2026 read as day/month: the column has 13/02/2026; --date-format mdy reads them the other way`
	if strings.Join(p.Notes, "\n") != want {
		t.Errorf("notes %q, want %q", p.Notes, want)
	}
	p, _ = ParseCSV(strings.NewReader(data), CSVOptions{Kind: KindInteractions, DateFormat: "dmy"})
	if len(p.Notes) != 0 {
		t.Errorf("a format given is no inference: %q", p.Notes)
	}
}

// A --map naming a column the file does not have (a typo: "Anual Revenue")
// is refused naming the file's columns, and two columns mapped to one field
// too: the import went on without a word, ARR left at $0.
func TestAMapOfAColumnTheFileLacksIsRefused(t *testing.T) {
	data := "Company name,Annual Revenue,ARR\nAcme,5000000,120000\n"
	for m, want := range map[string]string{
		"Anual Revenue": `the file has no column "Anual Revenue" (its columns: Company name, Annual Revenue, ARR)`,
		"ARR":           "another column is mapped to company_revenue already",
	} {
		opt := CSVOptions{Kind: KindAccounts, Map: map[string]string{m: "company_revenue"}, Currency: "USD"}
		if m == "ARR" {
			opt.Map["Annual Revenue"] = "company_revenue"
		}
		if _, err := ParseCSV(strings.NewReader(data), opt); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--map %s: %v, want %q", m, err, want)
		}
	}
}
