package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/tend-cli/tend/domain"
)

// Import baselines: for each source (a CRM's CSV exports, another book) and
// each record it gave, the fields it gave the last time it was imported. A
// re-import merges against them (domain.Merge3), so that what was edited in
// tend since is not silently overwritten.

func importKey(source, uid string) []byte {
	k := make([]byte, 0, len(source)+1+len(uid))
	k = append(k, source...)
	k = append(k, 0)
	return append(k, uid...)
}

// ImportBase reads what source gave for the record uid last time; nil when it never did.
func (t *Tx) ImportBase(source, uid string) (domain.Fields, error) {
	var f domain.Fields
	found, err := getJSON(t.b(bImports), importKey(source, uid), &f)
	if err != nil || !found {
		return nil, err
	}
	return f, nil
}

// PutImportBase records what source gave for the record uid now.
func (t *Tx) PutImportBase(source, uid string, f domain.Fields) error {
	if source == "" || uid == "" {
		return fmt.Errorf("import baseline needs a source and a UID")
	}
	return putJSON(t.b(bImports), importKey(source, uid), f)
}

// ReplaceARRHistory sets the account's ARR history to exactly h.
func (t *Tx) ReplaceARRHistory(acct uint64, h []domain.ARRChange) error {
	if err := t.mustAccount(acct); err != nil {
		return err
	}
	if err := deletePrefix(t.b(bARR), u64(acct)); err != nil {
		return err
	}
	for i := range h {
		c := h[i]
		c.AccountID = acct
		if err := t.PutARRChange(&c); err != nil {
			return err
		}
	}
	return nil
}

// Empty reports whether the book has no account.
func (t *Tx) Empty() bool {
	k, _ := t.b(bAccounts).Cursor().First()
	return k == nil
}

// RecordUIDs maps the UID of every record of the book that belongs to an
// account (contacts, interactions, items, opportunities, risks, orders,
// surveys, wins, goals) to its account. An import reads it to refuse a file
// that would give one identity to two records.
func (t *Tx) RecordUIDs() (map[string]uint64, error) {
	out := map[string]uint64{}
	for _, name := range [][]byte{bContacts, bInteractions, bActions, bOpps, bRisks, bOrders, bSurveys, bWins} {
		c := t.b(name).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if len(k) < 8 {
				continue
			}
			if uid := uidInJSON(v); uid != "" {
				out[uid] = decodeU64(k[:8])
			}
		}
	}
	err := t.b(bPlans).ForEach(func(k, v []byte) error {
		var p domain.Plan
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("plan %d does not decode: %w", decodeU64(k), err)
		}
		for _, g := range p.Goals {
			if g.UID != "" {
				out[g.UID] = decodeU64(k)
			}
		}
		return nil
	})
	return out, err
}

// uidInJSON finds a record's "uid" without decoding it: records are written
// from structs whose UID follows the ID, so it sits near the start.
func uidInJSON(v []byte) string {
	const key = `"uid":"`
	i := bytes.Index(v[:min(len(v), 96)], []byte(key))
	if i < 0 {
		var x struct {
			UID string `json:"uid"`
		}
		if json.Unmarshal(v, &x) == nil {
			return x.UID
		}
		return ""
	}
	rest := v[i+len(key):]
	if j := bytes.IndexByte(rest, '"'); j == 36 {
		return string(rest[:j])
	}
	return ""
}
