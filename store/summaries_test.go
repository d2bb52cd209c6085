package store

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/tend-cli/tend/domain"
)

// Summaries decodes a large book in two halves at once; with accounts
// deleted in either half (gaps in the IDs) it gives the same summaries, in
// ID order, as reading them one by one.
func TestSummariesInTwoHalvesEqualsOneByOne(t *testing.T) {
	s := newTestStore(t)
	for i := 1; i <= 31; i++ {
		addAccount(t, s, fmt.Sprintf("Account %02d", i))
	}
	for _, id := range []uint64{1, 4, 5, 6, 16, 17, 22, 31} { // both halves, the first and the last
		if err := s.Update(func(tx *Tx) error { return tx.DeleteAccount(id) }); err != nil {
			t.Fatal(err)
		}
	}
	defer func(n uint64) { parallelSummaries = n }(parallelSummaries)
	for _, threshold := range []uint64{1, 1_000} {
		parallelSummaries = threshold
		err := s.View(func(tx *Tx) error {
			got, err := tx.Summaries()
			if err != nil {
				return err
			}
			want, err := tx.summariesGrowing()
			if err != nil {
				return err
			}
			if len(want) != 23 {
				t.Fatalf("%d summaries one by one", len(want))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("threshold %d: %v, want %v", threshold, ids(got), ids(want))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func ids(sums []domain.Summary) []uint64 {
	out := make([]uint64, len(sums))
	for i := range sums {
		out[i] = sums[i].ID
	}
	return out
}
