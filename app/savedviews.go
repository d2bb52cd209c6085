package app

import (
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// SaveView stores a portfolio filter and sort under a name (case and spacing
// aside, a view of the same name is replaced; replaced says so). The view
// is checked first (domain.SavedView.Validate): a bad one writes nothing and
// returns an EINVALID error. It returns the view as stored.
func SaveView(st Store, v domain.SavedView) (saved domain.SavedView, replaced bool, err error) {
	v.Saved = v.Saved.UTC()
	if err := v.Validate(); err != nil {
		return v, false, err
	}
	err = st.Update(func(tx *store.Tx) error {
		replaced, err = tx.PutView(&v)
		return err
	})
	return v, replaced, err
}

// ListViews lists the saved views by name.
func ListViews(st Store) ([]domain.SavedView, error) {
	var out []domain.SavedView
	err := st.View(func(tx *store.Tx) error {
		var err error
		out, err = tx.SavedViews()
		return err
	})
	return out, err
}

// DeleteView removes the saved view named name (case and spacing aside;
// never a part of a name); ENOTFOUND when there is none.
func DeleteView(st Store, name string) error {
	return st.Update(func(tx *store.Tx) error { return tx.DeleteView(name) })
}
