package store

// What identifies each account to an import, read without decoding whole
// accounts: a compact record per account (bAccountKeys) written with its
// summary whenever the account is written (refresh), read by AccountKeys. An
// account without one (a book written before it existed) is read from its
// JSON instead, so the index needs no migration.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// AccountKey is what an import matches an account by. Custom holds only the
// custom fields named like "salesforce_id" (the other CRMs' ids).
type AccountKey struct {
	ID         uint64 `json:"id"`
	UID        string `json:"uid"`
	Name       string `json:"name"`
	Website    string `json:"website"`
	ExternalID string `json:"external_id"`
	// ExternalCRM is whose id ExternalID is (see domain.Account).
	ExternalCRM string            `json:"external_crm"`
	Custom      map[string]string `json:"custom"`
}

const (
	accountKeyV1 = 1
	accountKeyV2 = 2 // and the external id's CRM, after the external id
)

// encodeAccountKey is a's AccountKey, compact: a version byte, then the UID,
// name, website, external id and its CRM, then the number of "*_id" custom fields
// and each one's name and value, by name.
func encodeAccountKey(b []byte, a *domain.Account) []byte {
	b = append(b, accountKeyV2)
	for _, s := range []string{a.UID, a.Name, a.Website, a.ExternalID, a.ExternalCRM} {
		b = appendString(b, s)
	}
	var ids []string
	for k := range a.Custom {
		if strings.HasSuffix(k, "_id") {
			ids = append(ids, k)
		}
	}
	sort.Strings(ids)
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, k := range ids {
		b = appendString(appendString(b, k), a.Custom[k])
	}
	return b
}

func decodeAccountKey(id uint64, v []byte, k *AccountKey) error {
	if len(v) == 0 || v[0] != accountKeyV1 && v[0] != accountKeyV2 {
		return fmt.Errorf("account %d: its import key record is of an unknown version", id)
	}
	blob := string(v[1:]) // one allocation: every string is a slice of it
	r := &reader{b: v[1:], blob: blob, total: len(v) - 1}
	*k = AccountKey{ID: id, UID: r.str(), Name: r.str(), Website: r.str(), ExternalID: r.str()}
	if v[0] == accountKeyV2 {
		k.ExternalCRM = r.str()
	}
	if n := r.count(); n > 0 {
		k.Custom = make(map[string]string, n)
		for range n {
			name := r.str()
			k.Custom[name] = r.str()
		}
	}
	if r.err != nil {
		return fmt.Errorf("account %d: its import key record: %w", id, r.err)
	}
	return nil
}

// putAccountKey writes a's key record when it changed (inside refresh).
func (t *Tx) putAccountKey(a *domain.Account) error {
	b, err := t.tx.CreateBucketIfNotExists(bAccountKeys)
	if err != nil {
		return err
	}
	b.FillPercent = 0.9
	t.keyBuf = encodeAccountKey(t.keyBuf[:0], a)
	if bytes.Equal(b.Get(u64(a.ID)), t.keyBuf) {
		return nil
	}
	return b.Put(u64(a.ID), bytes.Clone(t.keyBuf)) // bbolt keeps the value until the commit
}

// hasAccountKey reports whether the account has its key record.
func (t *Tx) hasAccountKey(id uint64) bool {
	b := t.tx.Bucket(bAccountKeys)
	return b != nil && b.Get(u64(id)) != nil
}

// deleteAccountKey drops the key record of a deleted account.
func (t *Tx) deleteAccountKey(id uint64) error {
	if b := t.tx.Bucket(bAccountKeys); b != nil {
		return b.Delete(u64(id))
	}
	return nil
}

// AccountKeys reads every account's AccountKey, in ID order: from its key
// record, else (none yet) from the account's JSON.
func (t *Tx) AccountKeys() ([]AccountKey, error) {
	b := t.b(bAccounts)
	out := make([]AccountKey, 0, min(b.Sequence(), 10_000_000))
	var kc *bolt.Cursor
	if kb := t.tx.Bucket(bAccountKeys); kb != nil {
		kc = kb.Cursor()
	}
	var kk, kv []byte
	if kc != nil {
		kk, kv = kc.First()
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		for kk != nil && bytes.Compare(kk, k) < 0 {
			kk, kv = kc.Next()
		}
		out = append(out, AccountKey{})
		if kk != nil && bytes.Equal(kk, k) {
			if err := decodeAccountKey(decodeU64(k), kv, &out[len(out)-1]); err != nil {
				return nil, err
			}
			continue
		}
		if err := json.Unmarshal(v, &out[len(out)-1]); err != nil {
			return nil, fmt.Errorf("account %d does not decode: %w", decodeU64(k), err)
		}
		for name := range out[len(out)-1].Custom {
			if !strings.HasSuffix(name, "_id") {
				delete(out[len(out)-1].Custom, name)
			}
		}
	}
	return out, nil
}
