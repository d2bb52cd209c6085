package store

// Per-book state that is not a record: triage snoozes, note drafts, settings.

import (
	"bytes"
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

// PutDraft stores a draft of the account in its slot: slot 0 is the
// account's draft (the key of files written before slots: the account ID),
// a further slot a draft kept beside it (account ID, slot). Drafts do not
// bump the change counter's summaries: they are not part of the book yet.
func (t *Tx) PutDraft(d *domain.Draft) error {
	d.Saved = t.now()
	return putJSON(t.b(bDrafts), draftKey(d.AccountID, d.Slot), d)
}

func draftKey(acct, slot uint64) []byte {
	if slot == 0 {
		return u64(acct)
	}
	return append(u64(acct), u64(slot)...)
}

// Draft reads the draft of the account in the slot.
func (t *Tx) Draft(acct, slot uint64) (domain.Draft, bool, error) {
	var d domain.Draft
	found, err := getJSON(t.b(bDrafts), draftKey(acct, slot), &d)
	d.Slot = slot
	return d, found, err
}

// Drafts lists every saved draft, an account's in slot order.
func (t *Tx) Drafts() ([]domain.Draft, error) {
	var out []domain.Draft
	err := t.b(bDrafts).ForEach(func(k, v []byte) error {
		var d domain.Draft
		if err := json.Unmarshal(v, &d); err != nil {
			return err
		}
		if len(k) == 16 {
			d.Slot = decodeU64(k[8:])
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// AccountDrafts lists the drafts kept for the account, in slot order.
func (t *Tx) AccountDrafts(acct uint64) ([]domain.Draft, error) {
	var out []domain.Draft
	c := t.b(bDrafts).Cursor()
	p := u64(acct)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		var d domain.Draft
		if err := json.Unmarshal(v, &d); err != nil {
			return nil, err
		}
		if len(k) == 16 {
			d.Slot = decodeU64(k[8:])
		}
		out = append(out, d)
	}
	return out, nil
}

// FreeDraftSlot is the first slot of the account that holds no draft.
func (t *Tx) FreeDraftSlot(acct uint64) uint64 {
	for slot := uint64(1); ; slot++ {
		if t.b(bDrafts).Get(draftKey(acct, slot)) == nil {
			return slot
		}
	}
}

// DeleteDraft removes the account's draft in the slot.
func (t *Tx) DeleteDraft(acct, slot uint64) error { return t.b(bDrafts).Delete(draftKey(acct, slot)) }

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
