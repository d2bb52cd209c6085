package views

import (
	"testing"

	"github.com/tend-cli/tend/domain"
)

// "Not enough data" is not a score: sorted by health it comes last, whichever
// way, never as 0 (worst) nor among the healthy.
func TestPortfolioSortsUnknownHealthLast(t *testing.T) {
	today := domain.NewDate(2026, 11, 28)
	known := func(id uint64, name string, nps int) domain.Summary {
		return domain.Summary{ID: id, Name: name, Stage: domain.StageRetention, ContractStart: domain.NewDate(2025, 1, 1), CadenceDays: 30,
			LastTouch: today.AddDays(-3), NPS: nps, CSAT: -1, GoalProgress: -1, HealthLast: -1, HealthPrev: -1}
	}
	unknown := domain.Summary{ID: 2, Name: "Nothing Known", Stage: domain.StageRetention, NPS: -1, CSAT: -1, GoalProgress: -1, HealthLast: -1, HealthPrev: -1}
	b := domain.NewBook([]domain.Summary{known(1, "Low", 1), unknown, known(3, "High", 10)}, today)
	if b.Health[1] != -1 || b.Health[0] < 0 || b.Health[2] <= b.Health[0] {
		t.Fatalf("health %v", b.Health)
	}
	p := NewPortfolio(testCtx())
	p.sortCol, p.sorted = ColHealth, true
	p.SetBook(b)
	for _, reverse := range []bool{false, true} {
		p.reverse = reverse
		p.rows = []int32{0, 1, 2}
		p.sortRows()
		if p.rows[2] != 1 {
			t.Errorf("reverse %v: rows %v, the unknown one is not last", reverse, p.rows)
		}
	}
}
