package app

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Issue 16: a deal imported as won (or moved to won by a re-import) moves
// the book as winning it in tend does: an upsell (or "Existing Business")
// raises the ARR by its value from its close date, a renewal rolls the
// renewal date and sets the ARR; only for customers, only once, and not for
// "New Business" or a deal whose type says nothing. The summary says which.
func TestWonDealsMoveTheBook(t *testing.T) {
	st := emptyStore(t)
	companies := "Record ID,Company name,ARR,Contract Start,Renewal Date\n" +
		"1,Acme,100000,2025-01-01,2026-12-31\n" +
		"2,Globex,50000,2025-06-01,2027-05-31\n" +
		"3,Prospect Co,,,\n"
	if res := importKind(t, st, formats.KindAccounts, companies); res.New != 3 {
		t.Fatalf("companies: %+v %s", res, rejectedText(res))
	}
	deals := func(d7 string) string {
		return "Deal ID,Deal Name,Deal Stage,Amount,Close Date,Deal Type,Associated Company IDs\n" +
			"D1,Acme seats,Closed Won,20000,2026-10-01,Upsell,1\n" +
			"D2,Acme 2027,Closed Won,130000,2026-11-01,Renewal,1\n" +
			"D3,Globex API,Closed Won,5000,2026-09-15,Existing Business,2\n" +
			"D4,Globex second site,Closed Won,50000,2026-08-01,New Business,2\n" +
			"D5,Prospect pilot,Closed Won,9000,2026-10-10,Upsell,3\n" +
			"D6,Prospect partner,Closed Won,9000,2026-10-11,Partner,3\n" +
			"D7,Acme analytics," + d7 + ",7000,2026-11-20,Upsell,1\n"
	}
	res := importKind(t, st, formats.KindDeals, deals("Negotiation"))
	if res.New != 7 || len(res.Rejected) != 0 {
		t.Fatalf("deals: %+v %s", res, rejectedText(res))
	}
	// A new-business deal, or one whose type says nothing, is kept as new
	// business: never an expansion the upsell rate would count.
	var opps []domain.Opportunity
	_ = st.View(func(tx *store.Tx) (err error) { opps, err = tx.Opportunities(accountNamed(t, st, "Globex").ID); return })
	for _, o := range opps {
		if o.Title == "Globex second site" && o.Kind != domain.OppNewBusiness {
			t.Errorf("a won New Business deal is kept as %q", o.Kind)
		}
	}
	_ = st.View(func(tx *store.Tx) (err error) {
		opps, err = tx.Opportunities(accountNamed(t, st, "Prospect Co").ID)
		return
	})
	for _, o := range opps {
		if o.Title == "Prospect partner" && o.Kind.Grows() {
			t.Errorf("a deal of type Partner is kept as %q, which the upsell rate counts", o.Kind)
		}
	}
	notes := strings.Join(res.Notes, "\n")
	for _, want := range []string{
		"2 won deal(s) (upsell, expansion, cross-sell) raised ARR",
		"1 won renewal(s) rolled the renewal date",
		"2 won deal(s) on prospects",
		"1 won new-business deal(s) left ARR alone",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	check := func(when, name string, arr int64, renewal string, causes int) {
		t.Helper()
		a := accountNamed(t, st, name)
		var h []domain.ARRChange
		_ = st.View(func(tx *store.Tx) (err error) { h, err = tx.ARRHistory(a.ID); return })
		if a.ARR.Amount != arr*100 || a.Renewal.String() != renewal || len(h) != causes {
			t.Errorf("%s: %s: ARR %v, renewal %s, history %v; want ARR %d, renewal %s, %d entries", when, name, a.ARR, a.Renewal, h, arr, renewal, causes)
		}
	}
	// Acme: 100k, +20k on 2026-10-01 (upsell), renewed at 130k on 2026-11-01
	check("first import", "Acme", 130000, "2027-12-31", 3)
	check("first import", "Globex", 55000, "2027-05-31", 2)
	check("first import", "Prospect Co", 0, "", 0) // a prospect at $0: no ARR history
	a := accountNamed(t, st, "Acme")
	var h []domain.ARRChange
	_ = st.View(func(tx *store.Tx) (err error) { h, err = tx.ARRHistory(a.ID); return })
	if len(h) == 3 && (h[1].Date.String() != "2026-10-01" || h[1].ARR.Amount != 12000000 || h[1].Cause != "upsell won: Acme seats" ||
		h[2].Date.String() != "2026-11-01" || h[2].Cause != "renewal won: Acme 2027") {
		t.Errorf("Acme's history: %+v", h)
	}

	// the same file again moves nothing
	if res := importKind(t, st, formats.KindDeals, deals("Negotiation")); res.New != 0 || res.Updated != 0 || strings.Contains(strings.Join(res.Notes, "\n"), "raised ARR") {
		t.Errorf("again: %+v", res)
	}
	check("again", "Acme", 130000, "2027-12-31", 3)
	// D7 won in the CRM since: the re-import raises the ARR, once
	for i := 0; i < 2; i++ {
		importKind(t, st, formats.KindDeals, deals("Closed Won"))
		check("D7 won", "Acme", 137000, "2027-12-31", 4)
	}
	// A win that moved the book stays won: a conflict at every import until
	// resolved (issue 16, new user, 5: the second import said nothing of it,
	// counting it unchanged), and the dry run lists no change of its stage
	// (7: it listed won → negotiate, which the import then rejected).
	unwon := strings.Replace(deals("Closed Won"), "D1,Acme seats,Closed Won", "D1,Acme seats,Negotiation", 1)
	for i, mode := range []ImportMode{{DryRun: true}, {}, {}, {PreferFile: true}} {
		res, err := ImportCSV(st, strings.NewReader(unwon), formats.CSVOptions{Kind: formats.KindDeals, Currency: "USD", Today: domain.DateOf(testNow)}, mode, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		WriteChanges(&out, res)
		if res.Conflicts != 1 || res.Skipped != 6 || len(res.Rejected) != 0 || !strings.Contains(strings.Join(res.Notes, "\n"), `"Acme seats" was won on 2026-10-01 and moved the book`) ||
			!strings.Contains(out.String(), `! opportunity Acme seats: stage: kept "won"`) || strings.Contains(out.String(), `stage: "won" →`) {
			t.Errorf("D1 back to open, import %d %+v: %+v notes %v\n%s", i, mode, res, res.Notes, out.String())
		}
		check("D1 back to open", "Acme", 137000, "2027-12-31", 4)
	}

	// a deals export without a type column: the deals are imported, the ARR left alone, and the summary says why
	plain := "Deal ID,Deal Name,Deal Stage,Amount,Close Date,Associated Company IDs\n" +
		"D8,Globex more,Closed Won,1000,2026-10-20,2\n"
	res = importKind(t, st, formats.KindDeals, plain)
	if res.New != 1 || !strings.Contains(strings.Join(res.Notes, "\n"), "1 won deal(s) left ARR alone: the file has no deal type column") {
		t.Errorf("no type: %+v", res)
	}
	check("no type", "Globex", 55000, "2027-05-31", 2)
}
