package domain

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Fields is a record as named field values, each the JSON encoding of the
// field ("" for a field the record leaves empty). A map field such as an
// account's custom fields is spread out as "custom.KEY" entries, so that one
// custom field can be merged without the others. Merging works on Fields so
// that one set of rules serves every kind of record.
type Fields map[string]string

// identityFields are bookkeeping, not content: never merged from outside.
var identityFields = map[string]bool{"id": true, "uid": true, "account_id": true, "created": true, "updated": true,
	"last_touch": true, "source_interaction": true, "attendees": true, "contact_id": true, "moved_book": true}

// FieldsOf spreads a record (a pointer to a JSON-encodable struct) into
// Fields, leaving out its identity and bookkeeping fields. Each field holds
// what encoding/json writes for it; a field that encoding/json leaves out
// (omitempty, omitzero) or writes empty is absent.
func FieldsOf(v any) (Fields, error) {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("FieldsOf: want a struct, got %s", rv.Kind())
	}
	f := make(Fields, 24)
	for _, fd := range fieldsOfType(rv.Type()) {
		fv := rv.Field(fd.index)
		if fd.omitzero && fv.IsZero() || fd.omitempty && isEmptyValue(fv) {
			continue
		}
		if fd.name == "custom" && fv.Kind() == reflect.Map {
			iter := fv.MapRange()
			for iter.Next() {
				b, err := json.Marshal(iter.Value().Interface())
				if err != nil {
					return nil, err
				}
				f["custom."+iter.Key().String()] = string(b)
			}
			continue
		}
		b, err := json.Marshal(fv.Interface())
		if err != nil {
			return nil, err
		}
		if s := string(b); s != "null" && s != `""` && s != "[]" && s != "{}" {
			f[fd.name] = s
		}
	}
	return f, nil
}

// jsonField is one field of a struct as encoding/json names it.
type jsonField struct {
	name                string
	index               int
	omitempty, omitzero bool
}

var jsonFields sync.Map // reflect.Type → []jsonField

func fieldsOfType(t reflect.Type) []jsonField {
	if v, ok := jsonFields.Load(t); ok {
		return v.([]jsonField)
	}
	var out []jsonField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		if identityFields[name] {
			continue
		}
		out = append(out, jsonField{name: name, index: i,
			omitempty: strings.Contains(","+opts+",", ",omitempty,"), omitzero: strings.Contains(","+opts+",", ",omitzero,")})
	}
	jsonFields.Store(t, out)
	return out
}

// isEmptyValue is encoding/json's notion of empty, for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
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
// included) in field order, and the new base: what the source gave now,
// except for a conflict that kept the local value: its base stays, so the
// conflict is reported again by the next import until it is resolved (the
// field edited to agree, or an import with preferIncoming).
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
			// A conflict: the local value stays, and so does the base, so that
			// the next import reports it again until it is resolved.
			if hadBase {
				newBase[k] = b
			} else {
				delete(newBase, k)
			}
			changes = append(changes, FieldChange{Field: k, Old: loc, New: in, Conflict: true, Kept: "book"})
		}
	}
	return merged, changes, newBase
}
