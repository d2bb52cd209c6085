package views

import (
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// The account pane at 80 columns says only what is known: no "0 employees",
// no dangling dash after a closing reason, "closed on" instead of a renewal,
// what a health score lacks instead of signals weighing 0%, and the
// prospect's instruction whole.
func TestAccountPaneSaysOnlyWhatIsKnown(t *testing.T) {
	noColour(t)
	closed := domain.Account{ID: 3, Name: "Gone Ltd", Tier: domain.Tiers[0], Stage: domain.StageClosed, ContractStart: domain.NewDate(2025, 1, 1),
		Renewal: domain.NewDate(2027, 1, 1), ClosedOn: domain.NewDate(2026, 10, 15), ClosedReason: "budget cut", CadenceDays: 30}
	prospect := domain.Account{ID: 4, Name: "Maybe Inc", Tier: domain.Tiers[0], Stage: domain.StageOnboarding, CadenceDays: 30}
	view := func(ac domain.Account) string {
		d := domain.AccountDetail{Account: ac, Summary: domain.Summarize(&ac, domain.Facts{}, nil, testToday, time.UTC)}
		a := NewAccount(testCtx())
		a.SetSize(80, 400)
		a.Update(DetailMsg{Detail: &d})
		return strings.Join(plainLines(t, a.View(), 80, 400), "\n")
	}
	v := view(closed)
	for _, bad := range []string{"0 employees", "budget cut —", "renews", "weight 0%"} {
		if strings.Contains(v, bad) {
			t.Errorf("the closed account shows %q:\n%s", bad, v)
		}
	}
	for _, want := range []string{"Closed 2026-10-15: budget cut", "closed on 2026-10-15", "not enough data", "missing:"} {
		if !strings.Contains(v, want) {
			t.Errorf("the closed account does not show %q:\n%s", want, v)
		}
	}
	if v := view(prospect); !strings.Contains(v, "No contract start: a prospect (e sets one)") {
		t.Errorf("the prospect's instruction is cut:\n%s", v)
	}
}
