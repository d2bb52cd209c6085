package store

// Per-book state that is not a record: triage snoozes, note drafts, settings.

import (
	"encoding/json"

	"github.com/tend-cli/tend/domain"
)

// PutSnooze puts off one triage row of an account until a date (a zero date removes the snooze).
func (t *Tx) PutSnooze(z domain.Snooze) error {
	if err := t.mustAccount(z.AccountID); err != nil {
		return err
	}
	if z.Key == "" || len(z.Key) > 200 {
		return domain.Invalid("key", z.Key, "a triage row key is 1 to 200 bytes")
	}
	k := append(u64(z.AccountID), z.Key...)
	t.touch(z.AccountID)
	if z.Until.IsZero() {
		return t.b(bSnoozes).Delete(k)
	}
	return putJSON(t.b(bSnoozes), k, z)
}

// PutDraft stores the account's draft (one per account). Drafts do not bump
// the change counter's summaries: they are not part of the book yet.
func (t *Tx) PutDraft(d *domain.Draft) error {
	d.Saved = t.now()
	return putJSON(t.b(bDrafts), u64(d.AccountID), d)
}

// Drafts lists every saved draft.
func (t *Tx) Drafts() ([]domain.Draft, error) {
	var out []domain.Draft
	err := t.b(bDrafts).ForEach(func(k, v []byte) error {
		var d domain.Draft
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// DeleteDraft removes the account's draft.
func (t *Tx) DeleteDraft(acct uint64) error { return t.b(bDrafts).Delete(u64(acct)) }

// Setting reads a named setting into v; false when unset.
func (t *Tx) Setting(name string, v any) (bool, error) {
	return getJSON(t.b(bSettings), []byte(name), v)
}

// PutSetting stores a named setting.
func (t *Tx) PutSetting(name string, v any) error {
	t.touch(0)
	return putJSON(t.b(bSettings), []byte(name), v)
}

// Settings reads every setting as raw JSON (for a full export).
func (t *Tx) Settings() (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	err := t.b(bSettings).ForEach(func(k, v []byte) error {
		out[string(k)] = append(json.RawMessage(nil), v...)
		return nil
	})
	return out, err
}

// PutSettingRaw stores a setting's raw JSON (from a full export).
func (t *Tx) PutSettingRaw(name string, v json.RawMessage) error {
	if err := ValidateSetting(name, v); err != nil {
		return err
	}
	t.touch(0)
	return t.b(bSettings).Put([]byte(name), v)
}
