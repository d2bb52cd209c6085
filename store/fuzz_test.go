package store

import (
	"testing"

	"github.com/tend-cli/tend/domain"
)

// The decoders read bytes from a file that may be damaged: they must fail
// cleanly, never panic or allocate without bound.
func FuzzDecodeSummary(f *testing.F) {
	s := domain.Summary{ID: 7, Name: "Acme", Tags: []string{"a"}, Items: []domain.ItemRef{{ID: 1, Text: "x"}}, ContactNames: []string{"Ana"}}
	f.Add(encodeSummary(nil, &s))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var out domain.Summary
		_ = decodeSummary(b, &out)
	})
}

func FuzzDecodeMetrics(f *testing.F) {
	f.Add(encodeMetrics(nil, &domain.Account{Name: "A", Tier: domain.TierKey}, []domain.ARRChange{{Date: 5, ARR: domain.Money{Amount: 9}}}, []domain.Order{{Date: 3, Amount: domain.Money{Amount: 2}}},
		[]domain.SurveyResponse{{Kind: domain.SurveyCSAT, Score: 4, Date: 2}}, []domain.Opportunity{{Kind: domain.OppUpsell, Stage: domain.OppWon, ClosedOn: 1}}))
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var in domain.KPIInput
		var a domain.KPIAccount
		_, _ = decodeMetrics(b, &a, &in)
	})
}
