package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
)

// benchGen changes whenever the generator or encoding does, so cached books are rebuilt.
const benchGen = 7

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

// BenchmarkStartup: start to a usable portfolio: open the file, decode every
// summary, compute health and key accounts (the cockpit builds the fuzzy
// index right after, in the background: see BenchmarkSearchIndex in views).
func BenchmarkStartup(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := benchBook(b, n, n*10)
			today := domain.DateOf(fixedNow)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var sums []domain.Summary
				if err := s.View(func(tx *Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
					b.Fatal(err)
				}
				if bk := domain.NewBookWithoutIndex(sums, today); bk.Len() != n {
					b.Fatal(bk.Len())
				}
			}
		})
	}
}

// BenchmarkMemoryAfterLoad reports the heap held by a loaded 100k book and the process's peak RSS.
func BenchmarkMemoryAfterLoad(b *testing.B) {
	s := benchBook(b, 100_000, 1_000_000)
	var bk *domain.Book
	for i := 0; i < b.N; i++ {
		bk = nil
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		var sums []domain.Summary
		if err := s.View(func(tx *Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
			b.Fatal(err)
		}
		bk = domain.NewBook(sums, domain.DateOf(fixedNow))
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-min(after.HeapAlloc, before.HeapAlloc))/(1<<20), "heap-MB")
	}
	runtime.KeepAlive(bk)
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				var kb float64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(l, "VmHWM:"), "kB")), &kb)
				b.ReportMetric(kb/1024, "peak-RSS-MB")
			}
		}
	}
}

// BenchmarkOpenAccount: an account with 10k interactions: its first page
// (the whole account pane's read) and the next page as the user scrolls.
func BenchmarkOpenAccount(b *testing.B) {
	s := busyBook(b)
	var cur Cursor
	b.Run("first-page", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			err := s.View(func(tx *Tx) error {
				d, err := tx.Detail(50)
				cur = d.Next
				if len(d.Interactions) != PageSize {
					b.Fatalf("page of %d", len(d.Interactions))
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("next-page", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			err := s.View(func(tx *Tx) error {
				page, _, err := tx.Interactions(50, cur, PageSize)
				if len(page) != PageSize {
					b.Fatalf("page of %d", len(page))
				}
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSaveNote: one note, committed and fsynced, on a 10k book.
func BenchmarkSaveNote(b *testing.B) { saveNoteBench(b, benchBook(b, 10_000, 100_000)) }

// BenchmarkSaveNoteIndexed is BenchmarkSaveNote on the book with its
// full-text index, which every write keeps up in its own transaction.
func BenchmarkSaveNoteIndexed(b *testing.B) { saveNoteBench(b, textBook(b, 10_000)) }

func saveNoteBench(b *testing.B, s *Store) {
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
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		err := c.Update(func(tx *Tx) error {
			// What saving a note writes: the interaction and the action item it names.
			acct := uint64(i%10_000) + 1
			in := domain.Interaction{AccountID: acct, Channel: domain.ChannelCall, Summary: "call notes\n- [ ] follow up @fri"}
			err := tx.AddInteraction(&in)
			if err == nil {
				err = tx.PutActionItem(&domain.ActionItem{AccountID: acct, Text: "follow up", Due: tx.Today().AddDays(3), Source: in.ID})
			}
			return err
		})
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
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

// busyBook is a book of 100 accounts where account 50 has 10k notes, built
// once in the temp directory.
func busyBook(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tend-bench-v%d.%d-busy-account.db", SchemaVersion, benchGen))
	s := New(path)
	s.Now, s.Loc = func() time.Time { return fixedNow }, time.UTC
	if _, err := os.Stat(path); err != nil {
		g := New(path + ".tmp")
		g.Now, g.Loc, g.NoSync = s.Now, s.Loc, true
		_ = os.Remove(g.Path)
		if err := g.Generate(demo.Options{Accounts: 100, Interactions: 100, Seed: 3, Today: domain.DateOf(fixedNow), Loc: time.UTC}, nil); err != nil {
			b.Fatal(err)
		}
		for batch := 0; batch < 10; batch++ {
			err := g.Update(func(tx *Tx) error {
				for i := 0; i < 1000; i++ {
					at := fixedNow.Add(-time.Duration(batch*1000+i) * time.Hour)
					if err := tx.AddInteraction(&domain.Interaction{AccountID: 50, At: at, Channel: domain.ChannelEmail, Summary: "weekly sync notes, adoption up, asked about SSO"}); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := os.Rename(g.Path, path); err != nil {
			b.Fatal(err)
		}
	}
	return s
}
