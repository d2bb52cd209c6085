package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// The full export copies each stored record's JSON (AppendAccountRecordsJSON)
// instead of decoding and encoding it: on a book written by this version it
// is byte for byte what encoding the records gives, and on a book written by
// the first schema (records without today's fields) it reads back as the
// same records.
func TestRawExportIsTheStructExport(t *testing.T) {
	demo := emptyStore(t)
	if err := demo.Generate(DemoOptions(40, 0, 7, testNow), nil); err != nil {
		t.Fatal(err)
	}
	// A draft, a snooze and a plan-less account: the kinds a demo may lack.
	if err := demo.Update(func(tx *store.Tx) error {
		if err := tx.PutDraft(&domain.Draft{AccountID: 2, Text: "typed <b>&</b> \u2028 “quoted”", Channel: domain.ChannelCall, Started: testNow, Saved: testNow}); err != nil {
			return err
		}
		if err := tx.PutSnooze(domain.Snooze{AccountID: 3, Key: "quiet", Until: domain.DateOf(testNow).AddDays(3)}); err != nil {
			return err
		}
		a := domain.NewAccount("Bare")
		return tx.PutAccount(&a)
	}); err != nil {
		t.Fatal(err)
	}
	compare(t, demo, true)

	data, err := os.ReadFile("../store/testdata/schema1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	old := store.New(path)
	old.Now, old.Loc = func() time.Time { return testNow }, time.UTC
	compare(t, old, false)
}

func compare(t *testing.T, st *store.Store, bytesToo bool) {
	t.Helper()
	n := 0
	err := st.View(func(tx *store.Tx) error {
		for _, id := range tx.AccountIDs() {
			rec, err := tx.AccountRecords(id)
			if err != nil {
				return err
			}
			want, err := json.Marshal(&rec)
			if err != nil {
				return err
			}
			got, err := tx.AppendAccountRecordsJSON(nil, id)
			if err != nil {
				return err
			}
			if bytesToo && string(got) != string(want) {
				t.Errorf("account %d:\n raw    %s\n struct %s", id, got, want)
				continue
			}
			var back domain.AccountRecords
			if err := json.Unmarshal(got, &back); err != nil {
				t.Errorf("account %d: the raw export does not decode: %v", id, err)
				continue
			}
			if !reflect.DeepEqual(back, rec) {
				t.Errorf("account %d: the raw export reads back otherwise:\n%+v\n%+v", id, back, rec)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no account compared")
	}
}
