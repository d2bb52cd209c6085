package cockpit

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// A view saved with ctrl+s in the filter comes back with v: the filter
// clears, the sort changes, and v shows exactly the filtered rows again, in
// the saved order.
func TestSaveAViewInTheFilterAndRecallItWithV(t *testing.T) {
	tm, st := cockpit(t, 30, 120, 40)
	want := filteredByARR(t, st, "seg:mid")
	keys(tm, "2")
	waitFor(t, tm, "30 of 30 accounts")
	keys(tm, "s", "s", "s", "s", "s", "S") // by ARR, reversed: the smallest first
	waitFor(t, tm, "ARR↑")
	keys(tm, "f")
	typeText(tm, "seg:mid")
	keys(tm, "ctrl+s")
	waitFor(t, tm, "Save view: seg:mid · by arr ↑", "Name")
	typeText(tm, "Mid small first")
	keys(tm, "enter")
	waitFor(t, tm, "saved view Mid small first")
	vs, err := app.ListViews(st)
	if err != nil || len(vs) != 1 || vs[0].Name != "Mid small first" || vs[0].Filter != "seg:mid" || vs[0].Sort != "arr" || !vs[0].Reverse {
		t.Fatalf("stored: %+v %v", vs, err)
	}
	keys(tm, "esc", "s") // clear the filter; sort by the renewal
	waitFor(t, tm, "30 of 30 accounts", "RENEWAL↓")
	keys(tm, "v")
	waitFor(t, tm, "Saved views", "Mid small first — seg:mid · by arr ↑")
	keys(tm, "enter")
	waitFor(t, tm, fmt.Sprintf("%d of 30 accounts · filter: seg:mid", len(want)), "ARR↑")
	checkRows(t, finalView(t, tm), want)
}

// The palette lists saved views as "view: NAME"; choosing one switches to
// the portfolio with it.
func TestPaletteAppliesASavedView(t *testing.T) {
	tm, st := cockpit(t, 30, 120, 40)
	if _, _, err := app.SaveView(st, domain.SavedView{Name: "Big mid", Filter: "seg:mid", Sort: "arr"}); err != nil {
		t.Fatal(err)
	}
	want := filteredByARR(t, st, "seg:mid")
	slices.Reverse(want) // by ARR, not reversed: the biggest first (no ties in the demo)
	waitFor(t, tm, "most urgent first")
	keys(tm, "ctrl+k")
	typeText(tm, "view:big")
	waitFor(t, tm, "view: Big mid · seg:mid · by arr")
	keys(tm, "enter")
	waitFor(t, tm, fmt.Sprintf("%d of 30 accounts · filter: seg:mid", len(want)), "ARR↓")
	v := finalView(t, tm)
	if !strings.Contains(v, "2 Portfolio") {
		t.Errorf("not on the portfolio:\n%s", v)
	}
	checkRows(t, v, want)
}

// filteredByARR is the names of the accounts filter keeps, by ARR (smallest first).
func filteredByARR(t *testing.T, st *store.Store, filter string) []string {
	t.Helper()
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) error {
		var err error
		sums, err = tx.Summaries()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f := domain.ParseFilter(filter)
	sums = slices.DeleteFunc(sums, func(s domain.Summary) bool { return !f.Match(&s) })
	slices.SortStableFunc(sums, func(a, b domain.Summary) int { return cmp.Compare(a.ARR.Amount, b.ARR.Amount) })
	var names []string
	for i, s := range sums {
		if i > 0 && s.ARR.Amount == sums[i-1].ARR.Amount {
			t.Fatalf("two accounts with the same ARR: the order is not the test's to say")
		}
		names = append(names, s.Name)
	}
	if len(names) < 2 || len(names) >= 30 {
		t.Fatalf("%s keeps %d accounts: pick another filter", filter, len(names))
	}
	return names
}

// checkRows checks that the portfolio shows exactly want, in that order.
func checkRows(t *testing.T, view string, want []string) {
	t.Helper()
	var got []string
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, "Mid-Market") {
			got = append(got, l)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(got), len(want), view)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("row %d: %q, want %s\n%s", i, got[i], w, view)
		}
	}
}
