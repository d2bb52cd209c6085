package domain

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestMerge3(t *testing.T) {
	cases := []struct {
		name                  string
		base, local, incoming Fields
		prefer                bool
		merged                Fields
		conflicts             int
	}{
		{"same value", Fields{"a": "1"}, Fields{"a": "2"}, Fields{"a": "2"}, false, Fields{}, 0},
		{"source changed, book did not", Fields{"a": "1"}, Fields{"a": "1"}, Fields{"a": "2"}, false, Fields{"a": "2"}, 0},
		{"book changed, source did not", Fields{"a": "1"}, Fields{"a": "3"}, Fields{"a": "1"}, false, Fields{}, 0},
		{"both changed: book kept", Fields{"a": "1"}, Fields{"a": "3"}, Fields{"a": "2"}, false, Fields{}, 1},
		{"both changed: prefer file", Fields{"a": "1"}, Fields{"a": "3"}, Fields{"a": "2"}, true, Fields{"a": "2"}, 0},
		{"never given, book empty", nil, Fields{}, Fields{"a": "2"}, false, Fields{"a": "2"}, 0},
		{"never given, book has its own", nil, Fields{"a": "3"}, Fields{"a": "2"}, false, Fields{}, 1},
		{"source clears a field the book did not touch", Fields{"a": "1"}, Fields{"a": "1"}, Fields{"a": ""}, false, Fields{"a": ""}, 0},
		{"fields the source does not give are left alone", Fields{"a": "1"}, Fields{"a": "1", "b": "9"}, Fields{"a": "1"}, false, Fields{}, 0},
	}
	for _, c := range cases {
		merged, changes, newBase := Merge3(c.base, c.local, c.incoming, c.prefer)
		if !reflect.DeepEqual(merged, c.merged) {
			t.Errorf("%s: merged %v, want %v", c.name, merged, c.merged)
		}
		n := 0
		for _, ch := range changes {
			if ch.Conflict && ch.Kept == "book" {
				n++
			}
		}
		if n != c.conflicts {
			t.Errorf("%s: %d conflicts kept, want %d (%+v)", c.name, n, c.conflicts, changes)
		}
		for k, v := range c.incoming {
			want := v
			if n > 0 { // a kept conflict leaves the base as it was
				want = c.base[k]
			}
			if newBase[k] != want {
				t.Errorf("%s: the new base has %s=%q, want %q", c.name, k, newBase[k], want)
			}
		}
	}
}

// FieldsOf sees a record as encoding/json does, without its bookkeeping.
func TestFieldsOfMatchesEncodingJSON(t *testing.T) {
	a := NewAccount("Acme <Robotics> & Co")
	a.ID, a.UID, a.Segment, a.Tags = 7, "0192f3a4-5b6c-7d8e-9f00-112233445566", "SMB", []string{"beta"}
	a.Renewal = Date(20000)
	a.Custom = map[string]string{"Lead Source": "web", "Notes": "line 1\nline 2"}
	f, err := FieldsOf(&a)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(&a)
	var raw map[string]json.RawMessage
	_ = json.Unmarshal(data, &raw)
	for k, v := range raw {
		switch {
		case identityFields[k]:
			if _, ok := f[k]; ok {
				t.Errorf("bookkeeping field %s in the fields", k)
			}
		case k == "custom":
		case string(v) == `""` || string(v) == "[]" || string(v) == "{}" || string(v) == "null":
			if _, ok := f[k]; ok {
				t.Errorf("empty %s present: %q", k, f[k])
			}
		default:
			if f[k] != string(v) {
				t.Errorf("%s: %q, encoding/json writes %q", k, f[k], v)
			}
		}
	}
	if f["custom.Lead Source"] != `"web"` || f["custom.Notes"] != `"line 1\nline 2"` {
		t.Errorf("custom fields: %v", f)
	}
	if _, ok := f["employees"]; ok {
		t.Error("employees is omitempty and zero, yet present")
	}
}

func TestApplyFieldsRoundTrip(t *testing.T) {
	a := NewAccount("Acme")
	a.ID, a.UID, a.Custom = 3, "0192f3a4-5b6c-7d8e-9f00-112233445566", map[string]string{"x": "1", "y": "2"}
	b := NewAccount("Acme Robotics")
	b.Segment, b.Employees, b.Custom = "Enterprise", 1200, map[string]string{"y": "3"}
	fb, _ := FieldsOf(&b)
	fb["custom.x"] = "" // the source clears one custom field
	if err := ApplyFields(&a, fb); err != nil {
		t.Fatal(err)
	}
	if a.ID != 3 || a.UID == "" {
		t.Errorf("identity lost: %d %q", a.ID, a.UID)
	}
	if a.Name != "Acme Robotics" || a.Segment != "Enterprise" || a.Employees != 1200 || !reflect.DeepEqual(a.Custom, map[string]string{"y": "3"}) {
		t.Errorf("applied: %+v", a)
	}
	// A field cleared by the merge ends empty.
	if err := ApplyFields(&a, Fields{"segment": ""}); err != nil || a.Segment != "" {
		t.Errorf("clear: %q %v", a.Segment, err)
	}
}
