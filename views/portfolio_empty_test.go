package views

import (
	"strings"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// An empty book says how to start, not that a filter matches nothing.
func TestEmptyBookPortfolioSaysHowToStart(t *testing.T) {
	p := NewPortfolio(NewContext(nil, nil, true))
	p.SetSize(80, 20)
	p.SetBook(domain.NewBook(nil, domain.Date(20000)))
	v := p.View()
	if !strings.Contains(v, "No accounts yet. First step: a adds an account; I imports a CRM") || strings.Contains(v, "matches the filter") || strings.Count(v, "\n") > 19 {
		t.Fatalf("empty book:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if Width(l) > 80 {
			t.Errorf("wider than 80: %q", l)
		}
	}
}
