package store

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

func TestSavedViewsOnARealFile(t *testing.T) {
	s := newTestStore(t)
	addAccount(t, s, "Acme")
	// A book from before saved views has no bucket: reads see none, deletes find none.
	err := s.View(func(tx *Tx) error {
		if vs, err := tx.SavedViews(); err != nil || len(vs) != 0 {
			t.Errorf("views of a book without the bucket: %v %v", vs, err)
		}
		if _, err := tx.SavedView("mine"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("read of a missing view: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteView("mine") }); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("delete of a missing view: %v", err)
	}

	put := func(v domain.SavedView) (bool, error) {
		var replaced bool
		err := s.Update(func(tx *Tx) error {
			var err error
			replaced, err = tx.PutView(&v)
			return err
		})
		return replaced, err
	}
	if r, err := put(domain.SavedView{Name: "Key  accounts", Filter: "tier:key  owner:maya", Sort: "ARR", Reverse: true}); err != nil || r {
		t.Fatalf("first save: %v %v", r, err)
	}
	if _, err := put(domain.SavedView{Name: "at risk", Filter: "stage:ret"}); err != nil {
		t.Fatal(err)
	}
	// The same name in another case replaces it.
	if r, err := put(domain.SavedView{Name: "KEY ACCOUNTS", Filter: "tier:key", Sort: "health"}); err != nil || !r {
		t.Fatalf("save again: %v %v", r, err)
	}
	for name, v := range map[string]domain.SavedView{
		"no name":        {Name: "  ", Filter: "tier:key"},
		"long name":      {Name: strings.Repeat("x", 41)},
		"control":        {Name: "a\x1bb"},
		"unknown key":    {Name: "x", Filter: "teir:key"},
		"unknown column": {Name: "x", Sort: "color"},
		"reverse alone":  {Name: "x", Reverse: true},
	} {
		if _, err := put(v); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("%s: want EINVALID, got %v", name, err)
		}
	}
	err = s.View(func(tx *Tx) error {
		vs, err := tx.SavedViews()
		if err != nil {
			return err
		}
		if len(vs) != 2 || vs[0].Name != "at risk" || vs[1].Name != "KEY ACCOUNTS" || vs[1].Filter != "tier:key" || vs[1].Sort != "health" || vs[1].Reverse {
			t.Errorf("views: %+v", vs)
		}
		if !vs[0].Saved.Equal(fixedNow) {
			t.Errorf("saved at %v", vs[0].Saved)
		}
		v, err := tx.SavedView("key accounts")
		if err != nil || v.Name != "KEY ACCOUNTS" {
			t.Errorf("read: %+v %v", v, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteView("At Risk") }); err != nil {
		t.Fatal(err)
	}
	if probs, err := s.Check(); err != nil || len(probs) != 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}

func TestSavedViewOnAMigratedBook(t *testing.T) {
	s := copySchema1(t)
	if err := s.Update(func(tx *Tx) error {
		_, err := tx.PutView(&domain.SavedView{Name: "mine", Filter: "owner:maya"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if probs, err := s.Check(); err != nil || len(probs) != 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}
