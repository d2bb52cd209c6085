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

// A posting chunk from a damaged file decodes or is errDamagedChunk: no
// panic, no allocation beyond its bytes.
func FuzzDecodeChunk(f *testing.F) {
	var c []byte
	c = appendPosting(c, &posting{doc: 3, kind: 1, day: 20000, n: 9, pos: []uint32{1, 4}, forms: 3})
	c = appendPosting(c, &posting{doc: 70000, kind: 0, day: -5, n: 2, pos: []uint32{0}})
	f.Add(c)
	f.Add([]byte{0, 0, 0, 8, 0, 0, 0, 0x54, 0x24, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, pos, err := decodeChunk(b, nil, nil, true)
		if err != nil && (len(out) != 0 || len(pos) != 0) {
			t.Fatalf("a damaged chunk left %d postings", len(out))
		}
		if len(out) > len(b) || len(pos) > len(b) {
			t.Fatalf("%d postings, %d positions from %d bytes", len(out), len(pos), len(b))
		}
		for _, e := range out {
			if int(e.off+e.tf) > len(pos) {
				t.Fatalf("positions %d+%d of %d", e.off, e.tf, len(pos))
			}
		}
		if err == nil { // written again, it reads the same
			var again []byte
			for _, e := range out {
				again = appendPosting(again, &posting{doc: e.doc, kind: e.kind, day: e.day, n: e.n, pos: pos[e.off : e.off+e.tf], forms: e.forms})
			}
			if out2, _, err := decodeChunk(again, nil, nil, true); len(out) > 0 && (err != nil || len(out2) != len(out)) {
				t.Fatalf("re-encoded: %v %d/%d", err, len(out2), len(out))
			}
		}
	})
}
