package app

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

const crmExport = "Record ID,Company name,Company Domain Name,Industry,ARR,Create Date,Company owner,Lifecycle Stage,Number of Employees\n" +
	"101,Acme Robotics,acme.com,Manufacturing,$120k,2024-03-01,Maya Chen,Customer,250\n" +
	"102,Beta Labs,beta.io,Biotech,50000,2025-01-15,Sam Ortiz,Customer,40\n"

func emptyStore(t *testing.T) *store.Store {
	t.Helper()
	st := store.New(filepath.Join(t.TempDir(), "book.db"))
	st.Now = func() time.Time { return testNow }
	return st
}

func importCRM(t *testing.T, st *store.Store, data string, mode ImportMode) *ImportResult {
	t.Helper()
	res, err := ImportCSV(st, strings.NewReader(data), formats.CSVOptions{Currency: "USD", Today: domain.DateOf(testNow)}, mode, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func accountNamed(t *testing.T, st *store.Store, name string) domain.Account {
	t.Helper()
	var a domain.Account
	err := st.View(func(tx *store.Tx) error {
		s, err := tx.FindAccountExact(name)
		if err != nil {
			return err
		}
		a, err = tx.Account(s.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// After a CRM re-import, a correction made in tend is silently overwritten
// ("1 updated"): issue 13. The correction is kept unless --prefer file, and
// the report names each account and field that changed.
func TestCRMReimportKeepsACorrectionMadeInTend(t *testing.T) {
	st := emptyStore(t)
	if res := importCRM(t, st, crmExport, ImportMode{}); res.New != 2 {
		t.Fatalf("first import: %+v", res)
	}
	// Corrected in tend, the way the cockpit's account form saves it.
	a := accountNamed(t, st, "Acme Robotics")
	a.Industry, a.Owner, a.ARR = "Robotics", "Lee Park", domain.Money{Amount: 150_000_00, Currency: "USD"}
	if err := SaveAccount(st, RefOf(&a), a); err != nil {
		t.Fatal(err)
	}
	// The same CRM file again: nothing changed there, so nothing changes here.
	res := importCRM(t, st, crmExport, ImportMode{})
	if res.Updated != 0 || res.Conflicts != 0 || res.Skipped != 2 {
		t.Errorf("re-import of the same file: %+v", res)
	}
	got := accountNamed(t, st, "Acme Robotics")
	if got.Industry != "Robotics" || got.Owner != "Lee Park" || got.ARR.Amount != 150_000_00 {
		t.Fatalf("the correction was overwritten: %+v", got)
	}
	// The CRM changes the industry and Beta's owner: Acme's is a conflict (kept, named), Beta's is taken (named).
	next := strings.Replace(strings.Replace(crmExport, "Manufacturing", "Industrial Automation", 1), "Sam Ortiz", "Ana Lopez", 1)
	res = importCRM(t, st, next, ImportMode{})
	var out bytes.Buffer
	WriteChanges(&out, res)
	report := out.String()
	for _, want := range []string{"~ Acme Robotics", `account: industry: kept "Robotics"`, "~ Beta Labs", `account: owner: "Sam Ortiz" → "Ana Lopez"`} {
		if !strings.Contains(report, want) {
			t.Errorf("the report does not say %q:\n%s", want, report)
		}
	}
	if res.Updated != 1 || res.Conflicts != 1 {
		t.Errorf("changed CRM file: %+v", res)
	}
	if got := accountNamed(t, st, "Acme Robotics"); got.Industry != "Robotics" {
		t.Errorf("the conflicting correction was not kept: %q", got.Industry)
	}
	if got := accountNamed(t, st, "Beta Labs"); got.Owner != "Ana Lopez" {
		t.Errorf("the CRM's change was not taken: %q", got.Owner)
	}
	// --prefer file takes the file's value, and says so.
	res = importCRM(t, st, next, ImportMode{PreferFile: true})
	out.Reset()
	WriteChanges(&out, res)
	if got := accountNamed(t, st, "Acme Robotics"); got.Industry != "Industrial Automation" || !strings.Contains(out.String(), "--prefer file") {
		t.Errorf("--prefer file: %q\n%s", got.Industry, out.String())
	}
	// The owner and ARR corrected here, which the file never changed, stay even so.
	if got := accountNamed(t, st, "Acme Robotics"); got.Owner != "Lee Park" || got.ARR.Amount != 150_000_00 {
		t.Errorf("--prefer file overwrote what the file did not change: %+v", got)
	}
}

const hubspot = "Record ID,Company name,Company Domain Name,Annual Revenue,Create Date,Lifecycle Stage\n" +
	"101,Acme Robotics,acme.com,$1.2M,2024-03-01,Customer\n" +
	"102,Beta Labs,beta.io,500000,,Customer\n" +
	"103,Gamma,gamma.io,,2025-02-01,Lead\n"

// A CRM import never guesses a contract start from "Create Date", and never
// takes "Annual Revenue" (the customer company's revenue) as ARR.
func TestACRMImportNeverGuessesAContractStartOrTheARR(t *testing.T) {
	today := domain.DateOf(testNow)
	imp := func(opt formats.CSVOptions) (*store.Store, *ImportResult) {
		st := emptyStore(t)
		opt.Currency, opt.Today = "USD", today
		res, err := ImportCSV(st, strings.NewReader(hubspot), opt, ImportMode{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return st, res
	}
	st, res := imp(formats.CSVOptions{})
	acme := accountNamed(t, st, "Acme Robotics")
	if !acme.ContractStart.IsZero() || acme.ARR.Amount != 0 || acme.CompanyRevenue.Amount != 1_200_000_00 {
		t.Errorf("Acme: start %s, ARR %s, company revenue %s", acme.ContractStart, acme.ARR, acme.CompanyRevenue)
	}
	if res.NoContractStart != 2 || len(res.Notes) != 2 ||
		res.Notes[0] != "2 accounts have no contract start: they count as prospects until you set one; use --map 'Create Date=contract_start' or --contract-start DATE" ||
		!strings.Contains(res.Notes[1], `"Annual Revenue" is the customer company's own revenue`) {
		t.Errorf("%d without a start, notes %q", res.NoContractStart, res.Notes)
	}
	// Mapped: the create date is the start where there is one; Beta has none.
	st, res = imp(formats.CSVOptions{Map: map[string]string{"Create Date": "contract_start"}})
	if a := accountNamed(t, st, "Acme Robotics"); a.ContractStart != domain.NewDate(2024, time.March, 1) {
		t.Errorf("mapped: %s", a.ContractStart)
	}
	if res.NoContractStart != 1 || !strings.HasPrefix(res.Notes[0], "1 account has no contract start") {
		t.Errorf("mapped: %d %q", res.NoContractStart, res.Notes)
	}
	// A default given explicitly, for the rows without one; a lead stays a prospect without one.
	st, res = imp(formats.CSVOptions{Map: map[string]string{"Create Date": "contract_start"}, ContractStart: domain.NewDate(2025, time.June, 1)})
	if a := accountNamed(t, st, "Beta Labs"); a.ContractStart != domain.NewDate(2025, time.June, 1) {
		t.Errorf("default: %s", a.ContractStart)
	}
	if a := accountNamed(t, st, "Acme Robotics"); a.ContractStart != domain.NewDate(2024, time.March, 1) {
		t.Errorf("the file's own start lost to the default: %s", a.ContractStart)
	}
	if a := accountNamed(t, st, "Gamma"); a.Stage != domain.StageProspecting || a.ContractStart != domain.NewDate(2025, time.February, 1) {
		t.Errorf("Gamma: %s %s", a.Stage, a.ContractStart)
	}
	if res.NoContractStart != 0 {
		t.Errorf("default: %d %q", res.NoContractStart, res.Notes)
	}
	// An ARR column named for it is ARR.
	st = emptyStore(t)
	if _, err := ImportCSV(st, strings.NewReader("Company name,Annual Recurring Revenue,Annual Revenue\nAcme,120k,$1.2M\n"), formats.CSVOptions{Currency: "USD", Today: today}, ImportMode{}, nil); err != nil {
		t.Fatal(err)
	}
	if a := accountNamed(t, st, "Acme"); a.ARR.Amount != 120_000_00 || a.CompanyRevenue.Amount != 1_200_000_00 {
		t.Errorf("ARR %s, company revenue %s", a.ARR, a.CompanyRevenue)
	}
}

func TestAnImportSaysWhichNewAccountsShareAName(t *testing.T) {
	st := emptyStore(t)
	a := domain.NewAccount("Acme Robotics")
	a.Website = "acme.fr"
	if err := AddAccount(st, &a); err != nil {
		t.Fatal(err)
	}
	// Another website: another account (not matched), with the same name.
	res := importCRM(t, st, "Company name,Company Domain Name,Contract Start\nAcme Robotics,acme.com,2025-01-01\nacme robotics,acme.de,2025-01-01\n", ImportMode{})
	if res.New != 2 || len(res.Duplicates) != 2 || res.Duplicates[1] != "new #3 acme robotics has the name of #1, #2" {
		t.Fatalf("%+v", res)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "2 new account(s) share a name with another account (tend check lists them)") {
		t.Errorf("%q", res.Notes)
	}
}

// A row whose account closed before its contract started is refused, named by row and column.
func TestAnImportRefusesAClosureBeforeTheStart(t *testing.T) {
	st := emptyStore(t)
	res := importCRM(t, st, "Company name,Contract Start,Churn Date,Churn Reason,Type\nAcme,2025-03-01,2025-01-10,budget,Former customer\nBeta,2025-03-01,2025-05-10,budget,Former customer\n", ImportMode{})
	if res.New != 1 || len(res.Rejected) != 1 || res.Rejected[0].Row != 2 || !strings.Contains(res.Rejected[0].String(), "closed before its contract started (2025-03-01)") {
		t.Errorf("%+v", res)
	}
}
