package store

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// The import's account keys are kept with every account write (renamed,
// given another CRM's id, deleted) and read without decoding the accounts;
// a book whose accounts have no key record yet (written before it existed)
// is read from the accounts' JSON, alike.
func TestAccountKeysFollowEveryWrite(t *testing.T) {
	s := newTestStore(t)
	var ids []uint64
	if err := s.Update(func(tx *Tx) error {
		for _, n := range []string{"Acme", "Globex", "Initech"} {
			a := domain.NewAccount(n)
			a.Website, a.ExternalID = "https://"+n+".example", "X-"+n
			if err := tx.PutAccount(&a); err != nil {
				return err
			}
			ids = append(ids, a.ID)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var first []AccountKey // three written in one transaction: each its own
	if err := s.View(func(tx *Tx) (err error) { first, err = tx.AccountKeys(); return }); err != nil {
		t.Fatal(err)
	}
	if len(first) != 3 || first[0].Name != "Acme" || first[1].Name != "Globex" || first[1].ExternalID != "X-Globex" || first[2].Name != "Initech" {
		t.Errorf("after the first write: %+v", first)
	}
	if err := s.Update(func(tx *Tx) error {
		a, err := tx.Account(ids[0])
		if err != nil {
			return err
		}
		a.Name, a.Custom = "Acme Corp", map[string]string{"salesforce_id": "001A;001B", "tier_note": "gold"}
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		return tx.DeleteAccount(ids[1])
	}); err != nil {
		t.Fatal(err)
	}
	var fromKeys, fromJSON []AccountKey
	read := func() []AccountKey {
		var out []AccountKey
		if err := s.View(func(tx *Tx) (err error) { out, err = tx.AccountKeys(); return }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	fromKeys = read()
	_ = s.View(func(tx *Tx) error {
		if n := tx.tx.Bucket(bAccountKeys).Stats().KeyN; n != 2 {
			t.Errorf("%d key records, want 2", n)
		}
		return nil
	})
	if err := s.Update(func(tx *Tx) error { return tx.tx.DeleteBucket(bAccountKeys) }); err != nil {
		t.Fatal(err)
	}
	fromJSON = read()
	want := []AccountKey{
		{ID: ids[0], Name: "Acme Corp", Website: "https://Acme.example", ExternalID: "X-Acme", Custom: map[string]string{"salesforce_id": "001A;001B"}},
		{ID: ids[2], Name: "Initech", Website: "https://Initech.example", ExternalID: "X-Initech"},
	}
	for _, got := range [][]AccountKey{fromKeys, fromJSON} {
		for i := range got {
			if got[i].UID == "" {
				t.Errorf("no UID: %+v", got[i])
			}
			got[i].UID = ""
			if len(got[i].Custom) == 0 {
				got[i].Custom = nil
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("keys:\n%+v\nwant\n%+v", got, want)
		}
	}
}

// A write of contacts or interactions only rebuilds the account's summary
// and leaves its KPI metrics record as it was; with anything else in the
// same write (an order), the metrics are rebuilt too.
func TestPeopleOnlyWritesKeepTheMetrics(t *testing.T) {
	s := newTestStore(t)
	var id uint64
	metrics := func() (m []byte, contacts int) {
		_ = s.View(func(tx *Tx) error {
			m = append([]byte(nil), tx.b(bMetrics).Get(u64(id))...)
			sum, _ := tx.Summary(id)
			contacts = sum.Contacts
			return nil
		})
		return
	}
	if err := s.Update(func(tx *Tx) error {
		a := domain.NewAccount("Acme")
		a.ContractStart, a.ARR = day("2025-01-01"), domain.Money{Amount: 100_000, Currency: "USD"}
		err := tx.PutAccount(&a)
		id = a.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	m0, _ := metrics()
	if err := s.Update(func(tx *Tx) error {
		c := domain.Contact{AccountID: id, Name: "Dana Ruiz"}
		if err := tx.PutContact(&c); err != nil {
			return err
		}
		return tx.AddInteraction(&domain.Interaction{AccountID: id, At: fixedNow, Channel: domain.ChannelCall, Summary: "hello"})
	}); err != nil {
		t.Fatal(err)
	}
	if m1, n := metrics(); !bytes.Equal(m0, m1) || n != 1 || len(m1) == 0 {
		t.Errorf("after a contact: %d contacts in the summary, metrics changed: %v", n, !bytes.Equal(m0, m1))
	}
	if err := s.Update(func(tx *Tx) error {
		c := domain.Contact{AccountID: id, Name: "Eve Sato"}
		if err := tx.PutContact(&c); err != nil {
			return err
		}
		return tx.PutOrder(&domain.Order{AccountID: id, Date: day("2026-11-01"), Amount: domain.Money{Amount: 500, Currency: "USD"}})
	}); err != nil {
		t.Fatal(err)
	}
	if m2, n := metrics(); bytes.Equal(m0, m2) || n != 2 {
		t.Errorf("after a contact and an order: %d contacts, metrics unchanged: %v", n, bytes.Equal(m0, m2))
	}
}
