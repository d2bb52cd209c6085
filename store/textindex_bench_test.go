package store

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tend-cli/tend/domain"
)

// textBook is a copy of the generated book of n accounts with its
// full-text index built, kept in the temp directory (the build's time and
// the index's size are logged and kept in a file beside it).
func textBook(b *testing.B, n int) *Store {
	b.Helper()
	src := benchBook(b, n, n*10)
	path := strings.TrimSuffix(src.Path, ".db") + fmt.Sprintf("-text%s.db", textVersion)
	s := New(path)
	s.Now, s.Loc = src.Now, src.Loc
	if _, err := os.Stat(path); err == nil {
		return s
	}
	tmp := path + ".tmp"
	if err := copyFile(src.Path, tmp); err != nil {
		b.Fatal(err)
	}
	before, _ := os.Stat(tmp)
	g := New(tmp)
	g.Now, g.Loc, g.NoSync = s.Now, s.Loc, true
	start := time.Now()
	if err := g.RebuildText(nil); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	after, _ := os.Stat(tmp)
	var docs uint64
	_ = g.View(func(t *Tx) error { docs = decodeU64(t.b(bMeta).Get(kTextCount)); return nil })
	msg := fmt.Sprintf("text index of %d accounts: %d documents, built in %s, the file grew from %.0f MB to %.0f MB (+%.0f MB)\n",
		n, docs, took.Round(time.Second), float64(before.Size())/1e6, float64(after.Size())/1e6, float64(after.Size()-before.Size())/1e6)
	b.Log(msg)
	_ = os.WriteFile(path+".txt", []byte(msg), 0o600)
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return s
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// textQueries are what a person looks for: a word, two words, a stem, a
// phrase, a prefix, filters, a rare word and one that finds nothing (the
// same as store/fulltext's, the bleve index measured against it).
var textQueries = []string{
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

// BenchmarkTextSearch: a whole query as tend search and the cockpit run it
// on the index inside the book (open the file, check the index is current,
// search, read the 20 best documents' references, close), cycling through
// textQueries; p50/p99 over all of them. The records' snippets are read
// by app.Search on top (20 Gets).
func BenchmarkTextSearch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := textBook(b, n)
			today := domain.DateOf(fixedNow)
			var qs []domain.TextQuery
			for _, t := range textQueries {
				q, err := domain.ParseTextQuery(t, today)
				if err != nil {
					b.Fatal(err)
				}
				qs = append(qs, q)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				err := s.View(func(t *Tx) error {
					if st := t.TextState(); st != TextReady {
						return fmt.Errorf("index state %d", st)
					}
					_, _, err := t.SearchText(qs[i%len(qs)], 0, today, 20)
					return err
				})
				if err != nil {
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

// BenchmarkTextScan is the naive baseline: read every note of the book and
// keep those containing every word of the query (case-insensitive
// substring: no stems, no ranking), cycling through the same queries.
func BenchmarkTextScan(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			s := benchBook(b, n, n*10)
			today := domain.DateOf(fixedNow)
			var words [][]string
			for _, t := range textQueries {
				q, _ := domain.ParseTextQuery(t, today)
				words = append(words, append(append(append([]string{}, q.Words...), q.Prefixes...), q.Phrases...))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ws := words[i%len(words)]
				err := s.View(func(t *Tx) error {
					c := t.b(bInteractions).Cursor()
					for k, v := c.First(); k != nil; k, v = c.Next() {
						var in domain.Interaction
						if err := json.Unmarshal(v, &in); err != nil {
							return err
						}
						low := strings.ToLower(in.Summary)
						for _, w := range ws {
							if !strings.Contains(low, w) {
								break
							}
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSaveNoteBusyAccount: a note saved on an account that has 10k
// notes (the busy-account book of BenchmarkOpenAccount), without and with
// the full-text index, which reads that account's records again to see
// what changed.
func BenchmarkSaveNoteBusyAccount(b *testing.B) {
	for _, indexed := range []bool{false, true} {
		b.Run(fmt.Sprintf("indexed=%v", indexed), func(b *testing.B) {
			src := busyBook(b).Path
			tmp := b.TempDir() + "/copy.db"
			if err := copyFile(src, tmp); err != nil {
				b.Fatal(err)
			}
			c := New(tmp)
			c.Now, c.Loc = func() time.Time { return fixedNow }, time.UTC
			if indexed {
				if err := c.RebuildText(nil); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				err := c.Update(func(tx *Tx) error {
					return tx.AddInteraction(&domain.Interaction{AccountID: 50, Channel: domain.ChannelCall, Summary: "call notes about the renewal"})
				})
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// tend check's look at the search index on the 10k-account book (100k
// notes): CheckText alone, and the whole check beside it.
func BenchmarkCheckText(b *testing.B) {
	s := textBook(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		var probs []Problem
		_ = s.View(func(t *Tx) error { probs = t.CheckText(); return nil })
		if len(probs) != 0 {
			b.Fatal(probs)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	s := textBook(b, 10_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Check(); err != nil {
			b.Fatal(err)
		}
	}
}
