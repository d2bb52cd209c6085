package store

// Saved views: portfolio filters and sorts kept by name. They are per-book
// state, not records of an account: they bump no change counter (the cockpit
// reads them when it needs them). The bucket is created by the first save, so
// books written before saved views existed open, read and check as before.

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/tend-cli/tend/domain"
)

// PutView validates and stores a saved view under its name (case and spacing
// aside), replacing one of the same name; it reports whether it replaced one.
func (t *Tx) PutView(v *domain.SavedView) (replaced bool, err error) {
	if err := v.Validate(); err != nil {
		return false, err
	}
	b, err := t.tx.CreateBucketIfNotExists(bViews)
	if err != nil {
		return false, err
	}
	k := []byte(domain.ViewKey(v.Name))
	replaced = b.Get(k) != nil
	if v.Saved.IsZero() {
		v.Saved = t.now()
	}
	return replaced, putJSON(b, k, v)
}

// SavedView reads the saved view named name (case and spacing aside).
func (t *Tx) SavedView(name string) (domain.SavedView, error) {
	var v domain.SavedView
	b := t.tx.Bucket(bViews)
	if b == nil {
		return v, viewNotFound(name)
	}
	ok, err := getJSON(b, []byte(domain.ViewKey(name)), &v)
	if err != nil {
		return v, err
	}
	if !ok {
		return v, viewNotFound(name)
	}
	return v, nil
}

// SavedViews lists the saved views by name.
func (t *Tx) SavedViews() ([]domain.SavedView, error) {
	out := []domain.SavedView{}
	b := t.tx.Bucket(bViews)
	if b == nil {
		return out, nil
	}
	err := b.ForEach(func(k, data []byte) error {
		var v domain.SavedView
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("saved view %q does not decode: %w", domain.Printable(string(k)), err)
		}
		out = append(out, v)
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return domain.ViewKey(out[i].Name) < domain.ViewKey(out[j].Name) })
	return out, err
}

// DeleteView removes the saved view named name (case and spacing aside).
func (t *Tx) DeleteView(name string) error {
	b := t.tx.Bucket(bViews)
	k := []byte(domain.ViewKey(name))
	if b == nil || b.Get(k) == nil {
		return viewNotFound(name)
	}
	return b.Delete(k)
}

func viewNotFound(name string) error {
	return domain.Errorf(domain.ENOTFOUND, "no saved view named %q (tend view list shows them)", domain.Printable(name))
}
