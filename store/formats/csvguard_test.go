package formats

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// tend's own CSV export guards cells a spreadsheet would run as a formula
// with a leading ' (see exportCSV); reading it back drops exactly that.
func TestParseCSVDropsTheFormulaGuard(t *testing.T) {
	opt := CSVOptions{Kind: KindContacts, Today: domain.NewDate(2026, 11, 28)}
	data := "Account Name,Name,Title,Email,Phone\n" +
		"'=Acme,'@Ana,'-VP,ana@acme.example,'+1 555 0100\n" +
		"Acme,'Bo,'' quoted,bo@acme.example,'+44 20 7946 0000\n" +
		"Acme,\"'\tTab\",Mr,tab@acme.example,\n"
	p, err := ParseCSV(strings.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || len(p.Contacts) != 3 {
		t.Fatalf("errors %v, %d contacts", p.Errors, len(p.Contacts))
	}
	got := p.Contacts[0]
	if got.Account.Name+got.Account.Company != "=Acme" || got.Contact.Name != "@Ana" || got.Contact.Title != "-VP" || got.Contact.Phone != "+1 555 0100" {
		t.Errorf("guarded row read as %q %+v", got.Account, got.Contact)
	}
	// A ' before anything else is the value's own.
	if c := p.Contacts[1].Contact; c.Name != "'Bo" || c.Title != "'' quoted" || c.Phone != "+44 20 7946 0000" {
		t.Errorf("unguarded row read as %+v", c)
	}
	if c := p.Contacts[2].Contact; c.Name != "Tab" {
		t.Errorf("tab row read as %+v", c)
	}
	a, err := ParseCSV(strings.NewReader("Account Name,Industry,Tags\n'-Minus Co,'+Plus,'@vip\n"), CSVOptions{Today: opt.Today})
	if err != nil || len(a.Accounts) != 1 {
		t.Fatalf("%v %+v", err, a)
	}
	if x := a.Accounts[0].Account; x.Name != "-Minus Co" || x.Industry != "+Plus" || strings.Join(x.Tags, ",") != "@vip" {
		t.Errorf("account read as %q %q %v", x.Name, x.Industry, x.Tags)
	}
}
