package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
)

// benchGen changes whenever the generator or encoding does, so cached books are rebuilt.
const benchGen = 6

// benchBook returns a generated book of n accounts, built once and kept in the
// temp directory across runs (generation takes a while at 100k).
func benchBook(b *testing.B, n, interactions int) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.%d-%d-%d.db", SchemaVersion, benchGen, n, interactions))
	s := New(path)
	s.Now = func() time.Time { return fixedNow }
	s.Loc = time.UTC
	if _, err := os.Stat(path); err == nil {
		return s
	}
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	g := New(tmp)
	g.Now, g.Loc, g.NoSync = s.Now, s.Loc, true
	b.Logf("generating %d accounts, %d interactions into %s", n, interactions, path)
	if err := g.Generate(demo.Options{Accounts: n, Interactions: interactions, Seed: 7, Today: domain.DateOf(fixedNow), Loc: time.UTC}, nil); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkLoadSummaries: open the file, decode every account summary, close.
func BenchmarkLoadSummaries(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := benchBook(b, n, n*10)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var sums []domain.Summary
				if err := s.View(func(tx *Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
					b.Fatal(err)
				}
				if len(sums) != n {
					b.Fatalf("%d summaries", len(sums))
				}
			}
		})
	}
}

// BenchmarkLoadAccountsJSON is the naive baseline: decode every full account record.
func BenchmarkLoadAccountsJSON(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := benchBook(b, n, n*10)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := s.View(func(tx *Tx) error { _, err := tx.Accounts(); return err }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSaveNote: one note, committed and fsynced, on a 10k book.
func BenchmarkSaveNote(b *testing.B) {
	s := benchBook(b, 10_000, 100_000)
	tmp := filepath.Join(b.TempDir(), "copy.db")
	data, err := os.ReadFile(s.Path)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		b.Fatal(err)
	}
	c := New(tmp)
	c.Now, c.Loc = s.Now, s.Loc
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := c.Update(func(tx *Tx) error {
			_, err := tx.SaveNote(Note{AccountID: uint64(i%10_000) + 1, Text: "call notes\n- [ ] follow up @fri"})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKPIReport: read the KPI input and compute the full report (all
// KPIs, current, previous, YTD, 12-period trend) over the book.
func BenchmarkKPIReport(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := benchBook(b, n, n*10)
			q4, _ := domain.ParsePeriod("2026-Q4")
			var in domain.KPIInput
			b.Run("read", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := s.View(func(tx *Tx) (err error) { in, err = tx.KPIInput(); return }); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("compute", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					r := in.Report(domain.Scope{Kind: "book"}, q4)
					if r.Accounts != n {
						b.Fatal(r.Accounts)
					}
				}
			})
		})
	}
}
