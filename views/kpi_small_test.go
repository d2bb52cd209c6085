package views

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// At every height the cockpit gives the pane from a 10-line terminal up,
// the selected row shows and an open explanation shows its title, a record
// and its totals; ↓ scrolls the records.
func TestKPIExplanationIsReachableAtSmallHeights(t *testing.T) {
	noColour(t)
	ctx := testCtx()
	in := domain.KPIInput{Currency: "USD", Today: ctx.Today()}
	for i := 0; i < 8; i++ {
		in.Accounts = append(in.Accounts, domain.KPIAccount{ID: uint64(i + 1), Name: "A" + string(rune('a'+i)), Stage: domain.StageRetention,
			ContractStart: domain.NewDate(2025, 1, 1)})
	}
	var recs []string
	for i := 0; i < 20; i++ {
		recs = append(recs, "record "+string(rune('a'+i)))
	}
	recs = append(recs, "total: everything")
	for h := 6; h <= 20; h++ {
		k := NewKPI(ctx)
		k.SetSize(60, h)
		for range domain.KPIDefs {
			press(t, k, "j")
		}
		r := in.Report(domain.Scope{Kind: "book"}, k.period)
		k.Update(KPIReportMsg{Report: &r})
		k.SetReport(&r, recs)
		v := k.View()
		if n := strings.Count(v, "\n") + 1; n > h {
			t.Errorf("height %d: %d lines:\n%s", h, n, v)
		}
		for _, want := range []string{Marker, "Behind the figure", "record a", "total: everything"} {
			if !strings.Contains(v, want) {
				t.Errorf("height %d: no %q:\n%s", h, want, v)
			}
		}
		press(t, k, "j")
		if v := k.View(); strings.Contains(v, "record a") || !strings.Contains(v, "record b") {
			t.Errorf("height %d: ↓ does not scroll the explanation:\n%s", h, v)
		}
	}
}
