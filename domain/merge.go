package domain

import (
	"encoding/json"
	"sort"
	"strings"
)

// Fields is a record as named field values, each the JSON encoding of the
// field ("" for a field the record leaves empty). A map field such as an
// account's custom fields is spread out as "custom.KEY" entries, so that one
// custom field can be merged without the others. Merging works on Fields so
// that one set of rules serves every kind of record.
type Fields map[string]string

// identityFields are bookkeeping, not content: never merged from outside.
var identityFields = map[string]bool{"id": true, "uid": true, "account_id": true, "created": true, "updated": true,
	"last_touch": true, "source_interaction": true, "attendees": true, "contact_id": true}

// FieldsOf spreads a record (any JSON-encodable struct) into Fields, leaving
// out its identity and bookkeeping fields.
func FieldsOf(v any) (Fields, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	f := Fields{}
	for k, v := range raw {
		if identityFields[k] {
			continue
		}
		if k == "custom" {
			var m map[string]string
			if json.Unmarshal(v, &m) == nil {
				for ck, cv := range m {
					b, _ := json.Marshal(cv)
					f["custom."+ck] = string(b)
				}
				continue
			}
		}
		if s := string(v); s != "null" && s != `""` && s != "[]" && s != "{}" {
			f[k] = s
		}
	}
	return f, nil
}

// ApplyFields writes the values of f over the same fields of the record v
// points at (a field f holds as "" is cleared); fields f does not name keep
// their value.
func ApplyFields[T any](v *T, f Fields) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	custom := map[string]string{}
	if c, ok := raw["custom"]; ok {
		_ = json.Unmarshal(c, &custom)
	}
	for k, val := range f {
		if ck, ok := strings.CutPrefix(k, "custom."); ok {
			var s string
			if val == "" {
				delete(custom, ck)
			} else if json.Unmarshal([]byte(val), &s) == nil {
				custom[ck] = s
			}
			continue
		}
		if val == "" {
			delete(raw, k)
		} else {
			raw[k] = json.RawMessage(val)
		}
	}
	delete(raw, "custom")
	if len(custom) > 0 {
		b, _ := json.Marshal(custom)
		raw["custom"] = b
	}
	if data, err = json.Marshal(raw); err != nil {
		return err
	}
	// Decode into a zero value, so that a field removed from raw ends empty.
	var out T
	if err := json.Unmarshal(data, &out); err != nil {
		return err
	}
	*v = out
	return nil
}

// FieldChange is one field that a merge changes, or would change.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
	// Conflict: the field was changed here since that source last gave it,
	// and the source changed it too. Kept says which value the book keeps.
	Conflict bool   `json:"conflict,omitempty"`
	Kept     string `json:"kept,omitempty"`
}

// Merge3 merges the fields a source gives (incoming) into the book's record
// (local), knowing what that source gave last time (base; nil when it never
// gave this record). For each field the source gives:
//   - the same as local: nothing to do;
//   - local is what the source gave last time (or empty, and the source never
//     gave it): the source's new value is taken;
//   - the source gives what it gave last time: the local edit stays;
//   - both changed: a conflict; local stays unless preferIncoming.
//
// It returns the merged fields (the ones to write), the changes (conflicts
// included) in field order, and the new base: what the source gave now.
func Merge3(base, local, incoming Fields, preferIncoming bool) (merged Fields, changes []FieldChange, newBase Fields) {
	merged, newBase = Fields{}, Fields{}
	for k, v := range base {
		newBase[k] = v
	}
	keys := make([]string, 0, len(incoming))
	for k := range incoming {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		in, loc := incoming[k], local[k]
		b, hadBase := base[k]
		newBase[k] = in
		switch {
		case in == loc:
		case hadBase && loc == b, !hadBase && loc == "":
			merged[k] = in
			changes = append(changes, FieldChange{Field: k, Old: loc, New: in})
		case hadBase && in == b:
			// the source did not change it; the edit made here stays
		case preferIncoming:
			merged[k] = in
			changes = append(changes, FieldChange{Field: k, Old: loc, New: in, Conflict: true, Kept: "file"})
		default:
			changes = append(changes, FieldChange{Field: k, Old: loc, New: in, Conflict: true, Kept: "book"})
		}
	}
	return merged, changes, newBase
}
