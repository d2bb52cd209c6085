package domain

import (
	"slices"
	"testing"
)

// NameOrder sorts the positions by name with ASCII letters lowercased,
// equal names in book order, and numbers each distinct name; SharedName
// tells the names more than one account has (printable, trimmed, any case).
func TestNameOrderAndSharedNames(t *testing.T) {
	names := []string{"beta", "Alpha", "alpha", "Gamma", " ALPHA ", "beta", "delta", "Zeta\x1b"}
	sums := make([]Summary, len(names))
	for i, n := range names {
		sums[i] = Summary{ID: uint64(i + 1), Name: n}
	}
	b := NewBookWithoutIndex(sums, NewDate(2026, 11, 28))
	if b.NameOrderReady() {
		t.Fatal("worked out before it was asked for")
	}
	order, group := b.NameOrder()
	want := []int32{4, 1, 2, 0, 5, 6, 3, 7} // " alpha ", "alpha"×2 (book order), "beta"×2, "delta", "gamma", "zeta"
	if !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	if !b.NameOrderReady() {
		t.Error("not ready after NameOrder")
	}
	if group[1] != group[2] || group[0] != group[5] || group[4] == group[1] || group[0] <= group[1] {
		t.Errorf("groups %v", group)
	}
	for _, n := range []string{"alpha", "ALPHA", "Beta", "  beta"} {
		if !b.SharedName(n) {
			t.Errorf("%q not shared", n)
		}
	}
	for _, n := range []string{"gamma", "delta", "zeta", "omega"} {
		if b.SharedName(n) {
			t.Errorf("%q shared", n)
		}
	}
	// NewBook has it at once.
	if nb := NewBook(slices.Clone(sums), b.Today); !nb.NameOrderReady() {
		t.Error("NewBook without its name order")
	}
}
