package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

func TestViewSaveListDelete(t *testing.T) {
	db := demoBook(t, "5")
	if r := tend(t, "", "view", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "no saved views") {
		t.Errorf("list of none: %+v", r)
	}
	r := tend(t, "", "view", "save", "Key book", "tier:key owner:maya", "--db", db, "--sort", "arr", "--reverse")
	if r.code != 0 || !strings.Contains(r.stdout, `saved view "Key book": tier:key owner:maya · sort arr reversed`) {
		t.Fatalf("save: %+v", r)
	}
	if r := tend(t, "", "view", "save", "key BOOK", "tier:key", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "replaced view") {
		t.Errorf("save again: %+v", r)
	}
	if r := tend(t, "", "view", "save", "--db", db, "all", "", "--sort", "Health"); r.code != 0 {
		t.Errorf("save an empty filter: %+v", r)
	}
	r = tend(t, "", "view", "list", "--db", db, "--json")
	var vs []domain.SavedView
	if err := json.Unmarshal(minor(r.stdout), &vs); err != nil || r.code != 0 {
		t.Fatalf("list --json: %+v %v", r, err)
	}
	if len(vs) != 2 || vs[0].Name != "all" || vs[0].Sort != "health" || vs[1].Name != "key BOOK" || vs[1].Filter != "tier:key" || !vs[1].Saved.Equal(testNow) {
		t.Errorf("views: %+v", vs)
	}
	if r := tend(t, "", "view", "list", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "(every account) · sort health") {
		t.Errorf("list: %+v", r)
	}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"view", "save", "x"}, 2, "tend view save --help"},
		{[]string{"view", "save", "x", "tier:key", "--sort", "colour"}, 2, "not a portfolio column"},
		{[]string{"view", "save", "x", "tier:key", "--reverse"}, 2, "--sort"},
		{[]string{"view", "save", "x", "teir:key"}, 1, `unknown key "teir"`},
		{[]string{"view", "save", strings.Repeat("n", 41), "tier:key"}, 1, "longer than 40"},
		{[]string{"view", "save", " ", "tier:key"}, 1, "needs a name"},
		{[]string{"view", "delete", "key"}, 1, "no saved view named"},
		{[]string{"view", "delete"}, 2, "needs the NAME"},
		{[]string{"view", "frob"}, 2, ""},
	} {
		r := tend(t, "", append(c.args, "--db", db)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.err) {
			t.Errorf("%q: %+v", c.args, r)
		}
	}
	if r := tend(t, "", "view", "delete", "KEY  book", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "deleted view") {
		t.Errorf("delete: %+v", r)
	}
	if r := tend(t, "", "view", "list", "--db", db); strings.Contains(r.stdout, "key BOOK") {
		t.Errorf("still listed: %+v", r)
	}
	if r := tend(t, "", "check", "--db", db); r.code != 0 {
		t.Errorf("check: %+v", r)
	}
}
