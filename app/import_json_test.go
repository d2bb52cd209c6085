package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tend-cli/tend/store"
)

// exportedBook is a JSON export of a demo book of n accounts, decoded to be
// edited as a file would be by hand.
func exportedBook(t *testing.T, n int) map[string]any {
	t.Helper()
	st := emptyStore(t)
	if err := st.Generate(DemoOptions(n, 20*n, 5, testNow), nil); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := ExportJSON(st, &out); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// record is the i-th record of kind of the a-th of the file's accounts
// that have two at least.
func record(doc map[string]any, a int, kind string, i int) map[string]any {
	for _, x := range doc["accounts"].([]any) {
		if rs, _ := x.(map[string]any)[kind].([]any); len(rs) >= 2 {
			if a == 0 {
				return rs[i].(map[string]any)
			}
			a--
		}
	}
	panic("the demo book has too few " + kind)
}

func importEdited(t *testing.T, doc map[string]any) (*store.Store, error) {
	t.Helper()
	// In the order of an export: the header first.
	var b strings.Builder
	for _, k := range []string{"format", "version", "book_id", "accounts", "settings"} {
		if v, ok := doc[k]; ok {
			kb, _ := json.Marshal(k)
			vb, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if b.Len() > 0 {
				b.WriteString(",")
			}
			b.Write(kb)
			b.WriteString(":")
			b.Write(vb)
		}
	}
	st := emptyStore(t)
	_, err := ImportJSON(st, strings.NewReader("{"+b.String()+"}"), ImportMode{})
	return st, err
}

func accountsIn(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	if err := st.View(func(tx *store.Tx) error { n = len(tx.AccountIDs()); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// A file that gives two accounts' notes (or two accounts) the same number
// is refused whole, naming both: taken as it is, one of them could never
// be edited or deleted.
func TestAnImportGivingOneNumberTwiceIsRefused(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(doc map[string]any)
		says []string
	}{
		{"two accounts' notes", func(doc map[string]any) {
			record(doc, 1, "interactions", 0)["id"] = record(doc, 0, "interactions", 0)["id"]
		}, []string{"interaction #", "twice"}},
		{"two accounts", func(doc map[string]any) {
			a := doc["accounts"].([]any)
			a[1].(map[string]any)["account"].(map[string]any)["id"] = a[0].(map[string]any)["account"].(map[string]any)["id"]
		}, []string{"account #", "twice"}},
		{"two notes of one account", func(doc map[string]any) {
			record(doc, 0, "interactions", 1)["id"] = record(doc, 0, "interactions", 0)["id"]
		}, []string{"interaction #", "twice"}},
	} {
		doc := exportedBook(t, 3)
		c.edit(doc)
		st, err := importEdited(t, doc)
		if err == nil {
			t.Errorf("%s: imported", c.name)
			continue
		}
		for _, w := range c.says {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v, want %q", c.name, err, w)
			}
		}
		if n := accountsIn(t, st); n != 0 {
			t.Errorf("%s: %d accounts imported", c.name, n)
		}
	}
	// The file as exported is taken.
	if _, err := importEdited(t, exportedBook(t, 3)); err != nil {
		t.Fatal(err)
	}
}

// A JSON import's note dated outside the years every date is held to
// (1900–2200, as the CLI and CSV imports) is refused, naming the record and
// the value; nothing is imported.
func TestAJSONImportRefusesANoteOutsideTheDatesYears(t *testing.T) {
	for i, at := range []string{"1500-06-01T00:00:00Z", "2500-01-01T00:00:00Z", "2400-01-01T00:00:00Z"} {
		doc := exportedBook(t, 2)
		if i < 2 {
			record(doc, 0, "interactions", 0)["at"] = at
		} else { // the times no key is made of are held to the same years
			record(doc, 0, "contacts", 0)["created"] = at
		}
		st, err := importEdited(t, doc)
		if kind := []string{"interaction", "interaction", "contact"}[i]; err == nil || !strings.Contains(err.Error(), at) || !strings.Contains(err.Error(), kind) {
			t.Errorf("a note at %s: %v", at, err)
		}
		if n := accountsIn(t, st); n != 0 {
			t.Errorf("a note at %s: %d accounts imported", at, n)
		}
	}
}

// A JSON import refuses escape sequences and bidi overrides in names and
// text, as the CLI and the CSV imports do (domain.CheckPlain), naming the
// record, the field and the character; a note's line breaks and tabs stay.
func TestAJSONImportRefusesControlCharacters(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(doc map[string]any)
		says string
	}{
		{"an escape in an account's name", func(doc map[string]any) {
			doc["accounts"].([]any)[0].(map[string]any)["account"].(map[string]any)["name"] = "Evil\x1b[2J Corp"
		}, `name "Evil␛[2J Corp": holds a control character (U+001B)`},
		{"OSC 52 in a note", func(doc map[string]any) {
			record(doc, 0, "interactions", 0)["summary"] = "evil \x1b]52;c;ZXZpbA==\x07 osc"
		}, "summary"},
		{"an RTL override in a note", func(doc map[string]any) {
			record(doc, 0, "interactions", 0)["summary"] = "rtl \u202e txt"
		}, "U+202E"},
		{"a bidi isolate in a contact's name", func(doc map[string]any) {
			record(doc, 0, "contacts", 0)["name"] = "Ana \u2066Souza"
		}, "U+2066"},
	} {
		doc := exportedBook(t, 2)
		c.edit(doc)
		st, err := importEdited(t, doc)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %q", c.name, err, c.says)
		}
		if n := accountsIn(t, st); n != 0 {
			t.Errorf("%s: %d accounts imported", c.name, n)
		}
	}
	doc := exportedBook(t, 2)
	record(doc, 0, "interactions", 0)["summary"] = "line one\n\tline two\r\n"
	if _, err := importEdited(t, doc); err != nil {
		t.Errorf("a note with lines and a tab: %v", err)
	}
}
