package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// SearchIndex is a fuzzy index over account names, contact names and tags.
// Matching follows sahilm/fuzzy (the query's characters appear in order,
// case-insensitively); ranking is a cheap greedy score computed in the same
// pass that tests the match, so a keystroke over 100k names costs a few
// milliseconds instead of scoring every name with fuzzy.Find.
type SearchIndex struct {
	text  []byte   // lowercased entries, concatenated
	off   []uint32 // entry i is text[off[i]:off[i+1]]
	owner []int32  // entry → position of its account in the book
	kind  []EntryKind
	orig  []string // entry as written (for highlighting)
	names int      // entries [0, names) are account names, in book order
	ascii []bool   // entry is pure ASCII (the fast path)
}

// EntryKind says what an index entry is.
type EntryKind uint8

const (
	EntryName EntryKind = iota
	EntryContact
	EntryTag
)

// NewSearchIndex indexes the summaries' names, contacts and tags. Entry i < len(sums) is sums[i]'s name.
func NewSearchIndex(sums []Summary) *SearchIndex {
	ix := &SearchIndex{names: len(sums)}
	n := len(sums)
	ix.off = make([]uint32, 0, n*2+1)
	ix.owner = make([]int32, 0, n*2)
	ix.kind = make([]EntryKind, 0, n*2)
	ix.orig = make([]string, 0, n*2)
	ix.text = make([]byte, 0, n*24)
	add := func(s string, owner int, k EntryKind) {
		ix.off = append(ix.off, uint32(len(ix.text)))
		ix.text = appendLower(ix.text, s)
		ix.owner = append(ix.owner, int32(owner))
		ix.kind = append(ix.kind, k)
		ix.orig = append(ix.orig, s)
	}
	for i := range sums {
		add(sums[i].Name, i, EntryName)
	}
	for i := range sums {
		for _, c := range sums[i].ContactNames {
			add(c, i, EntryContact)
		}
		for _, t := range sums[i].Tags {
			add(t, i, EntryTag)
		}
	}
	ix.off = append(ix.off, uint32(len(ix.text)))
	ix.ascii = make([]bool, len(ix.owner))
	for i := range ix.ascii {
		ix.ascii[i] = isASCII(ix.text[ix.off[i]:ix.off[i+1]])
	}
	return ix
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return append(b, strings.ToLower(s[i:])...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// Len is the number of entries.
func (ix *SearchIndex) Len() int { return len(ix.owner) }

// Owner is the book position of an entry's account; Kind and Text describe the entry.
func (ix *SearchIndex) Owner(e int32) int      { return int(ix.owner[e]) }
func (ix *SearchIndex) Kind(e int32) EntryKind { return ix.kind[e] }
func (ix *SearchIndex) Text(e int32) string    { return ix.orig[e] }

// Result is a search's matches: Entries in index order (for narrowing the
// next, longer query) and Ranked best first.
type Result struct {
	Query   string
	Entries []int32
	Ranked  []int32
}

// Search finds the entries matching q. within, when not nil, limits the search
// to those entries (ascending), as when a query grows by a letter and only the
// previous matches can still match. namesOnly limits it to account names.
// An empty query matches everything, in index order.
func (ix *SearchIndex) Search(q string, within []int32, namesOnly bool) Result {
	limit := len(ix.owner)
	if namesOnly {
		limit = ix.names
	}
	lq := appendLower(nil, q)
	if len(lq) == 0 {
		all := within
		if all == nil {
			all = make([]int32, limit)
			for i := range all {
				all[i] = int32(i)
			}
		}
		return Result{Query: q, Entries: all, Ranked: all}
	}
	qASCII := isASCII(lq)
	qRunes := []rune(string(lq))
	work := func(lo, hi int, out *[]int32, scores *[]int32) {
		test := func(e int32) {
			t := ix.text[ix.off[e]:ix.off[e+1]]
			var ok bool
			var sc int32
			if qASCII && ix.ascii[e] {
				ok, sc = matchASCII(lq, t)
			} else {
				ok, sc = matchRunes(qRunes, t)
			}
			if ok {
				*out = append(*out, e)
				*scores = append(*scores, sc)
			}
		}
		if within != nil {
			for _, e := range within[lo:hi] {
				if int(e) < limit {
					test(e)
				}
			}
			return
		}
		for e := lo; e < hi; e++ {
			test(int32(e))
		}
	}
	n := limit
	if within != nil {
		n = len(within)
	}
	var entries, scores []int32
	const parallelAbove = 20_000
	if n > parallelAbove {
		// Both cores: two halves, concatenated in order.
		var e2, s2 []int32
		mid := n / 2
		both(func() { work(0, mid, &entries, &scores) }, func() { work(mid, n, &e2, &s2) })
		entries = append(entries, e2...)
		scores = append(scores, s2...)
	} else {
		work(0, n, &entries, &scores)
	}
	return Result{Query: q, Entries: entries, Ranked: rankByScore(entries, scores)}
}

// rankByScore orders entries by score, best first, ties in index order: a
// counting sort, linear in the number of matches.
func rankByScore(entries, scores []int32) []int32 {
	if len(entries) == 0 {
		return nil
	}
	lo, hi := scores[0], scores[0]
	for _, s := range scores {
		lo, hi = min(lo, s), max(hi, s)
	}
	count := make([]int32, hi-lo+2)
	for _, s := range scores {
		count[hi-s+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	out := make([]int32, len(entries))
	for i, s := range scores {
		out[count[hi-s]] = entries[i]
		count[hi-s]++
	}
	return out
}

// Scoring of a match, in the spirit of sahilm/fuzzy.
const (
	bonusFirst     = 10 // the first query character is the entry's first
	bonusWordStart = 8  // a character right after a space, dash, dot, slash, & or _
	bonusAdjacent  = 10 // a character right after the previous matched one
	penaltyLeading = -1 // each character before the first match, at most -5
	penaltyGap     = -1 // each unmatched character between matches
)

func isSep(c byte) bool {
	return c == ' ' || c == '-' || c == '_' || c == '.' || c == '/' || c == '&' || c == ','
}

// points is what matching a query character at position i adds, given the
// previous match at last (-1 for none) and whether i starts the entry or a word.
func points(i, last int, wordStart bool) int32 {
	var p int32
	switch {
	case i == 0:
		p += bonusFirst
	case wordStart:
		p += bonusWordStart
	}
	switch {
	case last < 0:
		p += int32(max(i*penaltyLeading, -5))
	case i == last+1:
		p += bonusAdjacent
	default:
		p += int32(i-last-1) * penaltyGap
	}
	return p
}

func matchASCII(q, t []byte) (bool, int32) {
	if len(q) > len(t) {
		return false, 0
	}
	var score int32
	j, last := 0, -1
	for i := 0; i < len(t) && j < len(q); i++ {
		if t[i] != q[j] {
			continue
		}
		score += points(i, last, i > 0 && isSep(t[i-1]))
		last = i
		j++
	}
	return j == len(q), score
}

func matchRunes(q []rune, t []byte) (bool, int32) {
	var score int32
	j, last, i := 0, -1, 0
	prevSep := true
	for pos := 0; pos < len(t) && j < len(q); i++ {
		r, size := utf8.DecodeRune(t[pos:])
		pos += size
		if unicode.ToLower(r) == q[j] {
			score += points(i, last, prevSep)
			last = i
			j++
		}
		prevSep = r < 0x80 && isSep(byte(r))
	}
	return j == len(q), score
}

// Highlight returns the cell positions (rune indexes) of s that the query
// matches, as sahilm/fuzzy reports them, for drawing the matched characters.
// It runs on the handful of visible rows only.
func Highlight(q, s string) []int {
	if q == "" {
		return nil
	}
	m := fuzzy.Find(q, []string{s})
	if len(m) == 0 {
		return nil
	}
	// MatchedIndexes are byte offsets: convert to rune positions.
	out := make([]int, 0, len(m[0].MatchedIndexes))
	byteToRune := 0
	next := 0
	for bi := range s {
		if next < len(m[0].MatchedIndexes) && m[0].MatchedIndexes[next] == bi {
			out = append(out, byteToRune)
			next++
		}
		byteToRune++
	}
	return out
}
