package domain

import (
	"strings"
	"testing"
)

// With no acquisition cost entered on any of the period's new accounts, CAC
// is n/a ("no acquisition cost recorded"), not $0, in the current period and
// in every period of its trend; one cost entered makes it a value again.
func TestCACNeedsAnAcquisitionCost(t *testing.T) {
	in := handBook()
	for i := range in.Accounts {
		in.Accounts[i].AcquisitionCost = 0
	}
	q4, _ := ParsePeriod("2026-Q4")
	r := row(in.Report(Scope{Kind: "book"}, q4), KPICAC)
	if r.Current.OK || !strings.Contains(r.Current.Reason, NoAcquisitionCost) {
		t.Errorf("current: %+v", r.Current)
	}
	for i, v := range r.Trend {
		if v.OK {
			t.Errorf("trend %d drawn: %+v", i, v)
		}
	}
	if ex := strings.Join(in.Explain(KPICAC, Scope{Kind: "book"}, q4), "\n"); !strings.Contains(ex, NoAcquisitionCost) {
		t.Errorf("explain:\n%s", ex)
	}
	in.Accounts[2].AcquisitionCost = 600_000 // C, new in Q4
	if r := row(in.Report(Scope{Kind: "book"}, q4), KPICAC); !r.Current.OK || r.Current.V != 600_000 {
		t.Errorf("with a cost: %+v", r.Current)
	}
}
