package views

import (
	"testing"
)

func TestColumnNames(t *testing.T) {
	names := ColumnNames()
	if len(names) != int(numColumns) || names[ColARR] != "arr" || ColHealth.Name() != "health" {
		t.Fatalf("names: %v", names)
	}
	for i, n := range names {
		if c, ok := ColumnNamed(n); !ok || c != Column(i) {
			t.Errorf("%q: %v %v", n, c, ok)
		}
	}
	if c, ok := ColumnNamed("ARR"); !ok || c != ColARR {
		t.Errorf("ARR: %v %v", c, ok)
	}
	if _, ok := ColumnNamed("revenue"); ok {
		t.Error("revenue is no column")
	}
}

// The context's sort (the config file's) is the portfolio's first sort; the
// sort keys change it from there.
func TestPortfolioInitialSort(t *testing.T) {
	b, _ := testData(t)
	for _, reverse := range []bool{false, true} {
		ctx := testCtx()
		ctx.SortColumn, ctx.SortReverse = ColARR, reverse
		pf := NewPortfolio(ctx)
		pf.Update(BookMsg{Book: b})
		pf.SetSize(140, 40)
		for i := 1; i < len(pf.rows); i++ {
			prev, cur := b.Sums[pf.rows[i-1]].ARR.Amount, b.Sums[pf.rows[i]].ARR.Amount
			if (!reverse && prev < cur) || (reverse && prev > cur) {
				t.Fatalf("reverse=%v: row %d ARR %d after %d", reverse, i, cur, prev)
			}
		}
		if pf.Rows() != len(b.Sums) {
			t.Errorf("rows: %d", pf.Rows())
		}
		press(t, pf, "s") // the next column: renewal
		if pf.sortCol != ColRenewal || pf.reverse {
			t.Errorf("s after arr: column %v reverse %v", pf.sortCol, pf.reverse)
		}
	}
	// No sort in the context: by name, unsorted (a filter's text ranks by match).
	pf := NewPortfolio(testCtx())
	if pf.sortCol != ColName || pf.sorted || pf.reverse {
		t.Errorf("default sort: %v %v %v", pf.sortCol, pf.sorted, pf.reverse)
	}
}

func TestColourSettings(t *testing.T) {
	c := DefaultColours()
	for _, tok := range ColourTokens {
		for _, v := range []string{"dark", "light"} {
			name := tok.Name + "_" + v
			if hex, ok := c.Colour(name); !ok || len(hex) != 7 {
				t.Errorf("%s: %q %v", name, hex, ok)
			}
			if !c.SetColour(name, "#123456") {
				t.Errorf("%s not set", name)
			}
			if hex, _ := c.Colour(name); hex != "#123456" {
				t.Errorf("%s is %s after setting", name, hex)
			}
		}
	}
	for _, bad := range []string{"accent", "accent_dim", "primary_dark", ""} {
		if _, ok := c.Colour(bad); ok || c.SetColour(bad, "#000000") {
			t.Errorf("%q taken", bad)
		}
	}
	if NewTheme().Selected.GetBackground() != DefaultColours().Selection {
		t.Error("NewTheme is not the default colours")
	}
}
