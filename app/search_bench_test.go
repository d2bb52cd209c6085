package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// searchQueries are store's textQueries (store/textindex_bench_test.go).
var searchQueries = []string{
	"sso",
	"pricing renewal",
	"escalating",
	`"data connector"`,
	"onboard*",
	"dashboard kind:note from:90d",
	"champion owner:maya",
	"snowflake to:2026-06-30",
	"ticket kind:risk,item",
	"zeppelin",
}

// BenchmarkSearch: app.Search as tend search and ctrl+f run it, whole (parse
// the query, open the file, check the index, search, read the 20 records
// shown and cut their snippets), on the books with their index that
// store's BenchmarkTextSearch builds (run that first: scripts/bench does).
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.7-%d-%d-text%s.db", store.SchemaVersion, n, n*10, store.TextVersion))
			if _, err := os.Stat(path); err != nil {
				b.Skipf("no indexed book %s: run go test -bench TextSearch ./store first", path)
			}
			st := store.New(path)
			now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
			st.Now, st.Loc = func() time.Time { return now }, time.UTC
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if _, err := Search(st, searchQueries[i%len(searchQueries)], domain.DateOf(now), 20, false); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// BenchmarkSearchFiltersAlone: a listing by filters without a word (every
// document the filters keep, one posting read each), on the same books.
func BenchmarkSearchFiltersAlone(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.7-%d-%d-text%s.db", store.SchemaVersion, n, n*10, store.TextVersion))
		for _, q := range []string{"account:#42 kind:note", "kind:risk from:7d", "kind:note from:today"} {
			b.Run(fmt.Sprintf("accounts=%d/%s", n, q), func(b *testing.B) {
				if _, err := os.Stat(path); err != nil {
					b.Skipf("no indexed book %s: run go test -bench TextSearch ./store first", path)
				}
				st := store.New(path)
				now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
				st.Now, st.Loc = func() time.Time { return now }, time.UTC
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Search(st, q, domain.DateOf(now), 20, false); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
