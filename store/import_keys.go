package store

// What identifies each account to an import, read without decoding whole
// accounts.

import (
	"encoding/json"
	"fmt"
)

// AccountKey is what an import matches an account by.
type AccountKey struct {
	ID         uint64            `json:"id"`
	UID        string            `json:"uid"`
	Name       string            `json:"name"`
	Website    string            `json:"website"`
	ExternalID string            `json:"external_id"`
	Custom     map[string]string `json:"custom"`
}

// AccountKeys reads every account's AccountKey, in ID order.
func (t *Tx) AccountKeys() ([]AccountKey, error) {
	b := t.b(bAccounts)
	out := make([]AccountKey, 0, min(b.Sequence(), 10_000_000))
	err := b.ForEach(func(k, v []byte) error {
		out = append(out, AccountKey{})
		if err := json.Unmarshal(v, &out[len(out)-1]); err != nil {
			return fmt.Errorf("account %d does not decode: %w", decodeU64(k), err)
		}
		return nil
	})
	return out, err
}
