package domain

import "testing"

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n          int
		unit, want string
	}{
		{1, "item", "1 item"}, {2, "item", "2 items"}, {1, "entry", "1 entry"}, {0, "entry", "0 entries"},
		{1, "kind of reason", "1 kind of reason"}, {3, "kind of reason", "3 kinds of reasons"},
		{2, "new account", "2 new accounts"}, {2, "day", "2 days"}, {2, "check-in", "2 check-ins"},
	} {
		if got := Plural(c.n, c.unit); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.unit, got, c.want)
		}
	}
}
