package views

import (
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/tend-cli/tend/domain"
)

// The portfolio's sort by name comes from the book's name order: a subset
// of rows either way, equal names in book order both ways; before the
// order is worked out the rows stay in book order (the book comes again).
func TestByNameFromTheBooksOrder(t *testing.T) {
	names := []string{"beta", "alpha", "Alpha", "gamma", "ALPHA", "Beta"}
	sums := make([]domain.Summary, len(names))
	for i, n := range names {
		sums[i] = domain.Summary{ID: uint64(i + 1), Name: n}
	}
	b := domain.NewBookWithoutIndex(sums, domain.NewDate(2026, 11, 28))
	all := func() []int32 { return []int32{0, 1, 2, 3, 4, 5} }
	if got := byName(b, all(), false); !slices.Equal(got, all()) {
		t.Errorf("before the order: %v", got)
	}
	b.NameOrder()
	for _, c := range []struct {
		rows    []int32
		reverse bool
		want    []int32
	}{
		{all(), false, []int32{1, 2, 4, 0, 5, 3}},
		{all(), true, []int32{3, 0, 5, 1, 2, 4}},
		{[]int32{5, 4, 3, 1}, false, []int32{1, 4, 5, 3}},
		{[]int32{5, 4, 3, 1}, true, []int32{3, 5, 1, 4}},
		{nil, true, nil},
	} {
		if got := byName(b, slices.Clone(c.rows), c.reverse); !slices.Equal(got, c.want) {
			t.Errorf("byName(%v, reverse %v) = %v, want %v", c.rows, c.reverse, got, c.want)
		}
	}
}

// At start the book comes before its order by name: the portfolio shows it
// in book order meanwhile, and its cursor is on the first row by name once
// the order has come (not on the account that was first in book order).
func TestPortfolioCursorOnTheFirstByNameOnceSorted(t *testing.T) {
	sums := []domain.Summary{{ID: 1, Name: "Zeta"}, {ID: 2, Name: "Alpha"}, {ID: 3, Name: "Mid"}}
	b := domain.NewBookWithoutIndex(sums, domain.NewDate(2026, 11, 28))
	p := NewPortfolio(NewContext(NewTheme(), nil, false))
	p.SetSize(100, 20)
	p.SetBook(b)
	if p.Selected() != 1 {
		t.Fatalf("before the order: #%d selected", p.Selected())
	}
	b.NameOrder()
	p.SetBook(b)
	if p.Selected() != 2 {
		t.Errorf("once sorted: #%d selected, want #2 (Alpha)", p.Selected())
	}
	// A row the user went to stays selected when the order comes.
	c := domain.NewBookWithoutIndex(slices.Clone(sums), b.Today)
	p.SetBook(c)
	p.Select(3)
	c.NameOrder()
	p.SetBook(c)
	if p.Selected() != 3 {
		t.Errorf("a chosen row: #%d selected, want #3", p.Selected())
	}
}

// A key pressed while the rows wait for the order by name acts on them sorted.
func TestPortfolioKeyWhileWaitingForTheOrder(t *testing.T) {
	sums := []domain.Summary{{ID: 1, Name: "Zeta"}, {ID: 2, Name: "Alpha"}, {ID: 3, Name: "Mid"}}
	b := domain.NewBookWithoutIndex(sums, domain.NewDate(2026, 11, 28))
	p := NewPortfolio(NewContext(NewTheme(), nil, false))
	p.SetSize(100, 20)
	p.SetBook(b)
	p.Update(tea.KeyMsg{Type: tea.KeyDown})
	if p.Selected() != 3 {
		t.Errorf("down from the top: #%d selected, want #3 (Mid, second by name)", p.Selected())
	}
}
