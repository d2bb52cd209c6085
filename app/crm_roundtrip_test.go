package app

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

func exportKind(t *testing.T, st *store.Store, kind string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ExportCSV(st, &b, kind); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Issue 16, problem 6: tend's own CSV exports come back exactly. Into the
// book they came from they change nothing (the formula guard dropped, the
// UID deciding, "Tend No" never a CRM id); into an empty book they give the
// same accounts, contacts and interactions, custom fields included. The CSV
// never carries a raw control or escape character.
func TestOwnCSVExportsRoundTrip(t *testing.T) {
	st := emptyStore(t)
	if err := WriteDemo(st, 40, 400, 3, testNow); err != nil {
		t.Fatal(err)
	}
	// Hostile and awkward values: a name with an OSC 52 clipboard write and a
	// bell, a phone number the formula guard quotes, custom fields.
	err := st.Update(func(tx *store.Tx) error {
		a, err := tx.Account(1)
		if err != nil {
			return err
		}
		a.Name = "Evil \x1b]52;c;cm0gLXJmIH4=\x07Corp"
		a.Custom = map[string]string{"salesforce_id": "001X", "Billing Country": "Deutschland"}
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		c := domain.Contact{AccountID: 1, Name: "Ana Lopez", Email: "ana@evil.example", Phone: "+49 30 1234567", ExternalID: "c-9", Custom: map[string]string{"Lifecycle Stage": "customer"}}
		if err := tx.PutContact(&c); err != nil {
			return err
		}
		for i, it := range []domain.ActionItem{{Text: "Send the =SUM deck", Due: domain.DateOf(testNow).AddDays(3)}, {Text: "Call Ana", Done: true}, {Text: "Renewal prep", SnoozedUntil: domain.DateOf(testNow).AddDays(9)}} {
			it.AccountID = uint64(1 + i)
			if err := tx.PutActionItem(&it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{formats.KindAccounts, formats.KindContacts, formats.KindInteractions, formats.KindActionItems}
	files := map[string][]byte{}
	for _, k := range kinds {
		files[k] = exportKind(t, st, k)
		if i := bytes.IndexFunc(files[k], func(r rune) bool { return r == 0x1b || r == 0x07 || r >= 0x80 && r <= 0x9f }); i >= 0 {
			t.Errorf("%s export carries a control character at %d: %q", k, i, files[k][max(0, i-20):i+20])
		}
	}
	if !bytes.Contains(files[formats.KindContacts], []byte("'+49 30 1234567")) || !bytes.Contains(files[formats.KindAccounts], []byte("custom.salesforce_id")) {
		t.Fatalf("export:\n%s", files[formats.KindContacts][:300])
	}
	want := map[string]int{}
	for _, k := range kinds {
		// Issue 16 (new user, 2): without --kind, each export is read as
		// what it is (interactions and action items were read as accounts
		// and written into their custom fields).
		res, err := ImportCSV(st, bytes.NewReader(files[k]), formats.CSVOptions{Kind: formats.KindDetect, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{DryRun: true}, nil)
		if err != nil || res.Kind != k {
			t.Fatalf("%s export imported without --kind: read as %v, %v", k, res, err)
		}
		res, err = ImportCSV(st, bytes.NewReader(files[k]), formats.CSVOptions{Kind: k, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if res.New != 0 || res.Updated != 0 || len(res.Rejected) != 0 || res.Skipped == 0 {
			t.Errorf("%s into its own book: %d new, %d updated, %d unchanged, rejected %v, ignored %v", k, res.New, res.Updated, res.Skipped, res.Rejected, res.Ignored)
		}
		want[k] = res.Skipped
	}
	empty := emptyStore(t)
	for _, k := range kinds {
		res, err := ImportCSV(empty, bytes.NewReader(files[k]), formats.CSVOptions{Kind: k, Currency: "USD", Today: domain.DateOf(testNow)}, ImportMode{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		if res.New != want[k] || len(res.Rejected) != 0 {
			t.Errorf("%s into an empty book: %d new (want %d), rejected %v", k, res.New, want[k], res.Rejected)
		}
	}
	// The same records again (a contact's last touch is tend's, from the
	// attendees of its interactions, which a CSV does not carry).
	for _, k := range kinds[1:] {
		if got := exportKind(t, empty, k); !bytes.Equal(dropLastTouch(got), dropLastTouch(files[k])) {
			t.Errorf("%s: the empty book's export differs from the first:\n%s", k, diffLine(got, files[k]))
		}
	}
	a := accountNamed(t, empty, "Evil ␛]52;c;cm0gLXJmIH4=␇Corp")
	if a.Custom["salesforce_id"] != "001X" || a.Custom["Billing Country"] != "Deutschland" {
		t.Errorf("custom fields: %v", a.Custom)
	}
}

// dropLastTouch empties a contacts export's "Last Touch" column.
func dropLastTouch(b []byte) []byte {
	recs, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	col := -1
	for i, h := range recs[0] {
		if h == "Last Touch" {
			col = i
		}
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for _, r := range recs {
		if col >= 0 {
			r[col] = ""
		}
		_ = w.Write(r)
	}
	w.Flush()
	return out.Bytes()
}

func diffLine(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return la[i] + "\n" + lb[i]
		}
	}
	return "lengths differ"
}
