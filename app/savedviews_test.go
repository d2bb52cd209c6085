package app

import (
	"testing"

	"github.com/tend-cli/tend/domain"
)

func TestSavedViewUseCases(t *testing.T) {
	st := newBook(t, 3)
	if vs, err := ListViews(st); err != nil || len(vs) != 0 {
		t.Fatalf("a new book's views: %v %v", vs, err)
	}
	v, replaced, err := SaveView(st, domain.SavedView{Name: " Key  book ", Filter: "tier:key owner:maya", Sort: "arr", Reverse: true})
	if err != nil || replaced || v.Name != "Key book" || !v.Saved.Equal(testNow) {
		t.Fatalf("save: %+v %v %v", v, replaced, err)
	}
	if _, replaced, err = SaveView(st, domain.SavedView{Name: "key BOOK", Filter: "tier:key"}); err != nil || !replaced {
		t.Fatalf("save again: %v %v", replaced, err)
	}
	if _, _, err := SaveView(st, domain.SavedView{Name: "bad", Filter: "tier:key", Sort: "colour"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("a bad sort: %v", err)
	}
	if _, _, err := SaveView(st, domain.SavedView{Name: "", Filter: "tier:key"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("no name: %v", err)
	}
	vs, err := ListViews(st)
	if err != nil || len(vs) != 1 || vs[0].Name != "key BOOK" || vs[0].Filter != "tier:key" || vs[0].Sort != "" {
		t.Fatalf("list: %+v %v", vs, err)
	}
	if err := DeleteView(st, "key"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("delete by a part of the name: %v", err)
	}
	if err := DeleteView(st, "KEY book"); err != nil {
		t.Fatal(err)
	}
	if probs, err := Check(st); err != nil || len(probs) != 0 {
		t.Errorf("check: %v %v", probs, err)
	}
}
