package domain

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Book is the loaded portfolio: every account's summary, the fuzzy index over
// it, and what is derived per account for a day (health, trend, key-account
// score). The app owns it; panes read it.
type Book struct {
	Sums     []Summary
	Index    *SearchIndex
	Today    Date
	Health   []int     // per position: health score today, -1 none
	Trend    []int     // per position: health change since last month
	HasTrend []bool    // per position: whether a previous month's score exists
	KeyScore []float64 // per position: key-account score 0–100
	Key      []bool    // per position: a key account (top decile by KeyScore)
	ARRPct   []float64 // per position: share of the book with a lower ARR (0–1)
	pos      map[uint64]int
	shared   map[string]bool // NameKey of the names more than one account has
	names    *nameOrder      // worked out on first use (NameOrder)
	segs     *segments       // worked out on first use (Segments)
}

// segments are the book's segments, worked out once by whoever asks first.
type segments struct {
	once sync.Once
	list []string
}

// Segments are the segments the book's accounts are in, in book order of
// their first account, each once.
func (b *Book) Segments() []string {
	g := b.segs
	g.once.Do(func() {
		seen := map[string]bool{}
		last := ""
		for i := range b.Sums {
			if sg := b.Sums[i].Segment; sg != "" && sg != last && !seen[sg] {
				seen[sg] = true
				g.list = append(g.list, sg)
			}
			last = b.Sums[i].Segment
		}
	})
	return g.list
}

// nameOrder is the book's positions sorted by name, worked out once, by
// whoever asks first (a background command after the first screen, or a pane).
type nameOrder struct {
	once  sync.Once
	ready atomic.Bool
	order []int32 // positions by name (ASCII letters lowercased), ties by position
	group []int32 // per position: the rank of its name among the distinct names
}

// NewBook builds a book from summaries (in any order; kept in ID order) for
// today, with its search index and its order by name.
func NewBook(sums []Summary, today Date) *Book {
	b := NewBookWithoutIndex(sums, today)
	b.Index = NewSearchIndex(b.Sums)
	b.NameOrder()
	return b
}

// NewBookWithoutIndex builds the book without its search index, which the
// cockpit builds in the background so the portfolio shows at once.
func NewBookWithoutIndex(sums []Summary, today Date) *Book {
	if !slices.IsSortedFunc(sums, func(a, b Summary) int { return cmpU64(a.ID, b.ID) }) {
		slices.SortFunc(sums, func(a, b Summary) int { return cmpU64(a.ID, b.ID) })
	}
	b := &Book{Sums: sums, Today: today}
	b.derive()
	return b
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// derive computes health, trend, key accounts and ARR percentiles: health on
// one core, the rest on the other.
func (b *Book) derive() {
	n := len(b.Sums)
	b.Health = make([]int, n)
	b.Trend = make([]int, n)
	b.HasTrend = make([]bool, n)
	both(func() {
		for i := range b.Sums {
			s := &b.Sums[i]
			b.Health[i] = HealthScore(s, b.Today)
			b.Trend[i], b.HasTrend[i] = Trend(s, b.Health[i], b.Today)
		}
	}, func() {
		b.KeyScore, b.Key = KeyAccounts(b.Sums, b.Today)
		b.ARRPct = arrPercentiles(b.Sums)
		b.pos = make(map[uint64]int, n)
		for i := range b.Sums {
			b.pos[b.Sums[i].ID] = i
		}
		b.shared = sharedNames(b.Sums)
	})
	b.names, b.segs = &nameOrder{}, &segments{}
}

// NameKey is how names are compared to tell whether two accounts share one:
// printable, trimmed, lowercased.
func NameKey(s string) string { return strings.ToLower(strings.TrimSpace(Printable(s))) }

func sharedNames(sums []Summary) map[string]bool {
	var shared map[string]bool
	seen := make(map[string]struct{}, len(sums))
	for i := range sums {
		k := NameKey(sums[i].Name)
		if _, ok := seen[k]; ok {
			if shared == nil {
				shared = map[string]bool{}
			}
			shared[k] = true
		}
		seen[k] = struct{}{}
	}
	return shared
}

// SharedName reports whether more than one account of the book has name.
func (b *Book) SharedName(name string) bool {
	return len(b.shared) > 0 && b.shared[NameKey(name)]
}

// NameOrder is the book's positions sorted by name (ASCII letters
// lowercased; equal names in book order), and per position the rank of its
// name among the book's distinct names. Worked out on the first call (the
// cockpit makes it in the background after its first screen); read-only.
func (b *Book) NameOrder() (order, group []int32) {
	o := b.names
	o.once.Do(func() {
		o.order, o.group = sortByName(b.Sums)
		o.ready.Store(true)
	})
	return o.order, o.group
}

// NameOrderReady reports whether NameOrder is worked out (it returns at once).
func (b *Book) NameOrderReady() bool { return b.names.ready.Load() }

func sortByName(sums []Summary) (order, group []int32) {
	size := 0
	for i := range sums {
		size += len(sums[i].Name)
	}
	// The lowercased names in one arena: the sort compares substrings and allocates nothing.
	buf := make([]byte, 0, size)
	ends := make([]int, len(sums))
	for i := range sums {
		for _, c := range []byte(sums[i].Name) {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		ends[i] = len(buf)
	}
	arena := string(buf)
	keys := make([]string, len(ends))
	start := 0
	for i, e := range ends {
		keys[i] = arena[start:e]
		start = e
	}
	order = make([]int32, len(sums))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, c int32) int {
		if r := strings.Compare(keys[a], keys[c]); r != 0 {
			return r
		}
		return cmpU64(uint64(a), uint64(c))
	})
	group = make([]int32, len(sums))
	g := int32(-1)
	for i, p := range order {
		if i == 0 || keys[p] != keys[order[i-1]] {
			g++
		}
		group[p] = g
	}
	return order, group
}

// Pos is the position of an account in the book, or -1.
func (b *Book) Pos(id uint64) int {
	if p, ok := b.pos[id]; ok {
		return p
	}
	return -1
}

// Len is the number of accounts.
func (b *Book) Len() int { return len(b.Sums) }

// With returns a new book with the given summaries replacing (or adding)
// the accounts of the same ID and the removed IDs taken out. The old book is
// not changed, so a pane still drawing it (or a command reading it) is safe.
// When accounts are only changed, not added or removed, only their own
// figures are worked out again; what depends on the whole book (key
// accounts, ARR percentiles, shared names, the order by name, the search
// index) is shared with the old book unless a change moves it.
func (b *Book) With(updated []Summary, removed []uint64) *Book {
	if len(removed) > 0 || b.names == nil {
		return b.Rebuilt(updated, removed)
	}
	at := make([]int, len(updated))
	for i := range updated {
		if at[i] = b.Pos(updated[i].ID); at[i] < 0 {
			return b.Rebuilt(updated, removed)
		}
	}
	today := b.Today
	nb := &Book{Sums: slices.Clone(b.Sums), Index: b.Index, Today: today, Health: slices.Clone(b.Health), Trend: slices.Clone(b.Trend),
		HasTrend: slices.Clone(b.HasTrend), KeyScore: b.KeyScore, Key: b.Key, ARRPct: b.ARRPct, pos: b.pos, shared: b.shared, names: b.names, segs: b.segs}
	ranks, names, search, segs := false, false, false, false
	for i := range updated {
		p, old, u := at[i], &b.Sums[at[i]], &updated[i]
		ranks = ranks || old.ARR.Amount != u.ARR.Amount || old.Active(today) != u.Active(today) ||
			old.GrowthPotential != u.GrowthPotential || old.Replaceability != u.Replaceability
		names = names || old.Name != u.Name
		segs = segs || old.Segment != u.Segment
		search = search || old.Name != u.Name || !slices.Equal(old.ContactNames, u.ContactNames) || !slices.Equal(old.Tags, u.Tags)
		nb.Sums[p] = *u
		s := &nb.Sums[p]
		nb.Health[p] = HealthScore(s, today)
		nb.Trend[p], nb.HasTrend[p] = Trend(s, nb.Health[p], today)
	}
	if ranks {
		nb.KeyScore, nb.Key = KeyAccounts(nb.Sums, today)
		nb.ARRPct = arrPercentiles(nb.Sums)
	}
	if names {
		nb.shared, nb.names = sharedNames(nb.Sums), &nameOrder{}
	}
	if search {
		nb.Index = nil
	}
	if segs {
		nb.segs = &segments{}
	}
	return nb
}

// Rebuilt is With by building the whole book again (without its index):
// how accounts added or removed are taken in.
func (b *Book) Rebuilt(updated []Summary, removed []uint64) *Book {
	sums := slices.Clone(b.Sums)
	gone := map[uint64]bool{}
	for _, id := range removed {
		gone[id] = true
	}
	for _, u := range updated {
		if p := b.Pos(u.ID); p >= 0 {
			sums[p] = u
		} else {
			sums = append(sums, u)
		}
	}
	if len(gone) > 0 {
		sums = slices.DeleteFunc(sums, func(s Summary) bool { return gone[s.ID] })
	}
	return NewBookWithoutIndex(sums, b.Today)
}

func arrPercentiles(sums []Summary) []float64 {
	n := len(sums)
	out := make([]float64, n)
	if n < 2 {
		return out
	}
	arrs := make([]int64, n)
	for i := range sums {
		arrs[i] = sums[i].ARR.Amount
	}
	slices.Sort(arrs)
	for i := range sums {
		below, _ := slices.BinarySearch(arrs, sums[i].ARR.Amount)
		out[i] = float64(below) / float64(n-1)
	}
	return out
}
