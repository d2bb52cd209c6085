package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// recordsBook is a book of 406 accounts: #1 Acme Inc. (CRM id HS-1,
// acme.example), #2 and #3 two companies named Twin, fillers, #404 Number
// Four Hundred Four, #405 the company named "404", #406 Acme Rockets.
func recordsBook(t *testing.T) *store.Store {
	t.Helper()
	st := emptyStore(t)
	var b strings.Builder
	b.WriteString("Record ID,Company name,Company Domain Name,Contract Start\n")
	b.WriteString("HS-1,Acme Inc.,acme.example,2025-01-01\nHS-2,Twin,twin-a.example,\nHS-3,Twin,twin-b.example,\n")
	for i := 4; i < 404; i++ {
		fmt.Fprintf(&b, "HS-%d,Filler %d,filler%d.example,\n", i, i, i)
	}
	b.WriteString("HS-404,Number Four Hundred Four,n404.example,\nHS-405,404,four.example,\nHS-406,Acme Rockets,rockets.example,\n")
	if res := importKind(t, st, formats.KindAccounts, b.String()); res.New != 406 {
		t.Fatalf("companies: %+v %s", res, rejectedText(res))
	}
	for id, name := range map[uint64]string{1: "Acme Inc.", 404: "Number Four Hundred Four", 405: "404"} {
		if a := accountNamed(t, st, "#"+fmt.Sprint(id)); a.Name != name {
			t.Fatalf("#%d is %q, want %q", id, a.Name, name)
		}
	}
	return st
}

// Issue 16: an orders or surveys import finds a row's account as the
// contacts import does (UID, CRM id, website, normalised name), never by a
// part of a name or tend's #N; a value several accounts answer to rejects the
// row naming them.
func TestOrdersAndSurveysFindAccountsByIdentity(t *testing.T) {
	st := recordsBook(t)
	acme := accountNamed(t, st, "#1")
	orders := "Customer,Order Date,Total,Order ID\n" +
		"\"ACME, Inc\",2026-11-01,100,O1\n" + // the normalised name
		"www.acme.example,2026-11-01,101,O2\n" + // the website
		"HS-1,2026-11-01,102,O3\n" + // the CRM id
		acme.UID + ",2026-11-01,103,O4\n" + // the UID
		"404,2026-11-01,104,O5\n" + // the company named 404, not #404
		"#404,2026-11-01,105,O6\n" + // tend's #N: never
		"Acme Rock,2026-11-01,106,O7\n" + // a beginning of a name (Acme Rockets): never
		"Twin,2026-11-01,107,O8\n" // two accounts of one name
	res := importKind(t, st, formats.KindOrders, orders)
	rej := rejectedText(res)
	if res.New != 5 || res.RejectedRows() != 3 {
		t.Fatalf("orders: %+v\n%s", res, rej)
	}
	for _, want := range []string{
		`row 7, column "Customer": "#404": no account is named "#404"; an import never takes tend's #N`,
		`row 8, column "Customer": "Acme Rock": no account is named "Acme Rock"`,
		`row 9, column "Customer": "Twin": "Twin" names 2 accounts (by CRM id, website or name): Twin (#2, twin-a.example), Twin (#3, twin-b.example)`,
	} {
		if !strings.Contains(rej, want) {
			t.Errorf("rejections lack %q:\n%s", want, rej)
		}
	}
	count := func(id uint64) (n int) {
		_ = st.View(func(tx *store.Tx) error {
			os, err := tx.Orders(id)
			n = len(os)
			return err
		})
		return n
	}
	if a, n404, n405 := count(1), count(404), count(405); a != 4 || n404 != 0 || n405 != 1 {
		t.Errorf("orders: %d on Acme Inc. (want 4), %d on #404 (want 0), %d on the company 404 (want 1)", a, n404, n405)
	}
	if res := importKind(t, st, formats.KindOrders, orders); res.New != 0 || res.Skipped != 5 {
		t.Errorf("again: %+v", res)
	}

	surveys := "Account,Date,Type,Score\n" +
		"acme inc,2026-11-02,NPS,9\n" +
		"404,2026-11-02,NPS,7\n" +
		"#404,2026-11-02,NPS,3\n" +
		"Acme Rock,2026-11-02,NPS,3\n"
	res = importKind(t, st, formats.KindSurveys, surveys)
	if res.New != 2 || res.RejectedRows() != 2 {
		t.Fatalf("surveys: %+v\n%s", res, rejectedText(res))
	}
	_ = st.View(func(tx *store.Tx) error {
		for id, want := range map[uint64]int{1: 1, 404: 0, 405: 1, 406: 0} {
			if ss, _ := tx.Surveys(id); len(ss) != want {
				t.Errorf("#%d has %d answers, want %d", id, len(ss), want)
			}
		}
		return nil
	})
}

// An order the source gives again with another amount (the same order id)
// is updated, not reported as unchanged; two rows of one order id in a
// file: the later one wins.
func TestAnOrderGivenAgainWithAnotherAmountIsUpdated(t *testing.T) {
	st := emptyStore(t)
	if res := importKind(t, st, formats.KindAccounts, "Company name,Contract Start\nAcme,2025-01-01\n"); res.New != 1 {
		t.Fatalf("%+v", res)
	}
	res := importKind(t, st, formats.KindOrders, "Customer,Order Date,Total,Order ID\nAcme,2026-11-05,500,ORD-5\nAcme,2026-11-06,600,ORD-5\n")
	if res.New != 1 || res.Updated != 1 {
		t.Fatalf("one order id twice in a file: %+v %s", res, rejectedText(res))
	}
	res = importKind(t, st, formats.KindOrders, "Customer,Order Date,Total,Order ID\nAcme,2026-11-06,650,ORD-5\n")
	if res.Updated != 1 {
		t.Fatalf("a corrected amount: %+v %s", res, rejectedText(res))
	}
	acme := accountNamed(t, st, "Acme")
	recs, err := Records(st, RefOf(&acme), KindOrder)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d orders, %v", len(recs), err)
	}
	if o := recs[0].Value.(domain.Order); o.Amount.Amount != 650_00 || o.Date.String() != "2026-11-06" {
		t.Errorf("the order: %+v", o)
	}
	if res := importKind(t, st, formats.KindOrders, "Customer,Order Date,Total,Order ID\nAcme,2026-11-06,650,ORD-5\n"); res.Skipped != 1 || res.Updated != 0 {
		t.Errorf("the same file again: %+v", res)
	}
}
