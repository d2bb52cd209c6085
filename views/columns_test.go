package views

import (
	"slices"
	"strings"
	"testing"
)

// The config's portfolio columns (issue 14): exactly those, in that order.
func TestPortfolioConfiguredColumns(t *testing.T) {
	noColour(t)
	b, _ := testData(t)
	ctx := testCtx()
	ctx.Columns = []Column{ColName, ColARR, ColHealth}
	p := NewPortfolio(ctx)
	p.Update(BookMsg{Book: b})
	p.SetSize(140, 40)
	head := strings.Fields(plainLines(t, p.View(), 140, 40)[0])
	if want := []string{"NAME↓", "ARR", "HEALTH"}; !slices.Equal(head, want) {
		t.Errorf("header %q, want %q", head, want)
	}
	// The sort column is shown too, though not configured.
	for p.sortCol != ColTouch {
		press(t, p, "s")
	}
	head = strings.Fields(plainLines(t, p.View(), 140, 40)[0])
	if want := []string{"NAME", "ARR", "HEALTH", "TOUCH↓"}; !slices.Equal(head, want) {
		t.Errorf("sorted by touch: header %q, want %q", head, want)
	}
	// The order given is the order drawn, and a narrow terminal drops from
	// the configured set by the usual priority (owner before tier).
	ctx.Columns = []Column{ColName, ColHealth, ColOwner, ColTier, ColARR}
	p = NewPortfolio(ctx)
	p.Update(BookMsg{Book: b})
	p.SetSize(140, 40)
	head = strings.Fields(plainLines(t, p.View(), 140, 40)[0])
	if want := []string{"NAME↓", "HEALTH", "OWNER", "TIER", "ARR"}; !slices.Equal(head, want) {
		t.Errorf("header %q, want %q", head, want)
	}
	p.SetSize(60, 24)
	if cols, nameW := p.visibleColumns(); !slices.Equal(cols, []Column{ColName, ColHealth, ColTier, ColARR}) || nameW < 24 {
		t.Errorf("at 60: %v, name %d cells", cols, nameW)
	}
}
