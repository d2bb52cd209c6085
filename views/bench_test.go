package views

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/list"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
)

var (
	benchBooks   = map[int]*domain.Book{}
	benchBooksMu sync.Mutex
)

// benchBook is a generated book of n accounts (summaries built by the domain, no file).
func benchBook(b *testing.B, n int) *domain.Book {
	benchBooksMu.Lock()
	defer benchBooksMu.Unlock()
	if bk, ok := benchBooks[n]; ok {
		return bk
	}
	today := domain.NewDate(2026, 11, 28)
	sums := make([]domain.Summary, 0, n)
	id := uint64(0)
	err := demo.Generate(demo.Options{Accounts: n, Interactions: n, Seed: 7, Today: today, Loc: time.UTC}, func(bd *demo.Bundle) error {
		id++
		bd.Account.ID = id
		var f domain.Facts
		f.Contacts = bd.Contacts
		f.Items = bd.Items
		f.Risks = bd.Risks
		f.Opps = bd.Opportunities
		f.Plan = &bd.Plan
		if k := len(bd.Interactions); k > 0 {
			f.LastTouch = bd.Interactions[k-1].At
		}
		sums = append(sums, domain.Summarize(&bd.Account, f, nil, today, time.UTC))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	bk := domain.NewBook(sums, today)
	benchBooks[n] = bk
	return bk
}

type item string

func (i item) FilterValue() string { return string(i) }
func (i item) Title() string       { return string(i) }
func (i item) Description() string { return "" }

// BenchmarkPortfolioView: drawing the portfolio (120×40) with the cursor in the middle of the book.
func BenchmarkPortfolioView(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			bk := benchBook(b, n)
			p := NewPortfolio(NewContext(NewTheme(), nil, false))
			p.SetSize(120, 40)
			p.SetBook(bk)
			p.cursor = n / 2
			p.clamp()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if len(p.View()) == 0 {
					b.Fatal("empty view")
				}
			}
		})
	}
}

// BenchmarkBubblesListView is the baseline: the stock bubbles list with the same names.
func BenchmarkBubblesListView(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			bk := benchBook(b, n)
			items := make([]list.Item, n)
			for i := range bk.Sums {
				items[i] = item(bk.Sums[i].Name)
			}
			l := list.New(items, list.NewDefaultDelegate(), 120, 40)
			l.Select(n / 2)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = l.View()
			}
		})
	}
}

// keystrokes types a 6-letter query one letter at a time, then deletes it.
var keystrokes = func() []string {
	q := "nordic"
	var out []string
	for i := 1; i <= len(q); i++ {
		out = append(out, q[:i])
	}
	for i := len(q) - 1; i >= 1; i-- {
		out = append(out, q[:i])
	}
	return out
}()

// BenchmarkFuzzyKeystrokeSession: the whole 12-keystroke session, as the portfolio runs it.
func BenchmarkFuzzyKeystrokeSession(b *testing.B) {
	bk := benchBook(b, 100_000)
	ix := bk.Index
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var last domain.Result
		for k, q := range keystrokes {
			var within []int32
			if k > 0 && len(q) > len(last.Query) {
				within = last.Entries
			}
			last = ix.Search(q, within, true)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keystrokes)), "ns/keystroke")
}

// BenchmarkFuzzyCold: one query over all 100k names, no previous result.
func BenchmarkFuzzyCold(b *testing.B) {
	bk := benchBook(b, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = bk.Index.Search("nordic", nil, true)
	}
}

// BenchmarkDefaultFilterSession is the baseline: bubbles' list.DefaultFilter
// (sahilm/fuzzy over every name) for the same 12 keystrokes.
func BenchmarkDefaultFilterSession(b *testing.B) {
	bk := benchBook(b, 100_000)
	names := make([]string, len(bk.Sums))
	for i := range bk.Sums {
		names[i] = bk.Sums[i].Name
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, q := range keystrokes {
			_ = list.DefaultFilter(q, names)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keystrokes)), "ns/keystroke")
}

// TestSameMatchesAsDefaultFilter: the fast path finds exactly the names the baseline finds.
func TestSameMatchesAsDefaultFilter(t *testing.T) {
	var sums []domain.Summary
	_ = demo.Generate(demo.Options{Accounts: 5000, Interactions: 1, Seed: 3, Today: domain.NewDate(2026, 11, 28)}, func(bd *demo.Bundle) error {
		sums = append(sums, domain.Summary{ID: uint64(len(sums) + 1), Name: bd.Account.Name})
		return nil
	})
	bk := domain.NewBook(sums, domain.NewDate(2026, 11, 28))
	names := make([]string, len(sums))
	for i := range sums {
		names[i] = sums[i].Name
	}
	for _, q := range keystrokes {
		base := map[int]bool{}
		for _, r := range list.DefaultFilter(q, names) {
			base[r.Index] = true
		}
		got := bk.Index.Search(q, nil, true)
		if len(got.Entries) != len(base) {
			t.Errorf("%q: %d matches, DefaultFilter %d", q, len(got.Entries), len(base))
		}
		for _, e := range got.Entries {
			if !base[int(e)] {
				t.Errorf("%q: %q matched only here", q, names[e])
			}
		}
	}
}

// BenchmarkTriage: ranking today's queue over the whole book.
func BenchmarkTriage(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			bk := benchBook(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if domain.Triage(bk).Len() == 0 {
					b.Fatal("empty queue")
				}
			}
		})
	}
}

// BenchmarkSearchIndex: building the fuzzy index over names, contacts and tags
// (in the background, after the portfolio is shown).
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			bk := benchBook(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_ = domain.NewSearchIndex(bk.Sums)
			}
		})
	}
}

// BenchmarkPortfolioSetBook: what the portfolio does when a new book arrives
// (start-up, or another process wrote): list and sort every account by name.
func BenchmarkPortfolioSetBook(b *testing.B) {
	bk := benchBook(b, 100_000)
	p := NewPortfolio(NewContext(NewTheme(), nil, false))
	p.SetSize(120, 40)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nb := *bk // a new book each time, as after a write
		_ = p.SetBook(&nb)
	}
}

// BenchmarkAgenda: the agenda of the whole book over 14 days, with the
// renewals of 12 months, from the summaries (one pass, no record read).
func BenchmarkAgenda(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("accounts=%d", n), func(b *testing.B) {
			bk := benchBook(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if ag := domain.NewAgenda(bk.Sums, bk.Today, 14, 0); len(ag.Events) == 0 {
					b.Fatal("empty agenda")
				}
			}
		})
	}
}

// BenchmarkAgendaView: drawing the agenda pane (140×40, the months beside
// the days) with the cursor in the middle of the book's agenda.
func BenchmarkAgendaView(b *testing.B) {
	bk := benchBook(b, 100_000)
	ag := domain.NewAgenda(bk.Sums, bk.Today, 14, 0)
	p := NewAgenda(NewContext(NewTheme(), nil, false))
	p.SetSize(140, 36)
	p.Update(AgendaMsg{Agenda: &ag})
	p.cursor = len(ag.Events) / 2
	p.scroll()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p.View() == "" {
			b.Fatal("empty view")
		}
	}
}
