package store

import (
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
