package store

// Queries on the full-text index (textindex.go), and its rebuild.

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/tend-cli/tend/domain"
	bolt "go.etcd.io/bbolt"
)

// TextHit is one document found.
type TextHit struct {
	TextRef
	Day   domain.Date // the record's date
	Score float64     // relevance × recency
}

// clause is one thing the query requires, as the documents that have it.
type clause struct {
	list []decoded
}

// termList decodes the postings of one term, each scored by its weight:
// idf × √tf / √words (the classic tf-idf with a length norm).
func termList(post *bolt.Bucket, term string, n float64, withPos bool, pos *[]uint32) []decoded {
	prefix := append([]byte(term), 0)
	// The chunks' headers first: the list is allocated once, at its size.
	df := 0
	c := post.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) == len(prefix)+4 && len(v) >= 8 {
			df += min(int(binary.BigEndian.Uint32(v)), len(v)/6) // a posting takes 6 bytes at least: a damaged count allocates no more
		}
	}
	out := make([]decoded, 0, df)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(k) != len(prefix)+4 {
			continue
		}
		out, *pos, _ = decodeChunk(v, out, *pos, withPos) // a damaged chunk is left out (tend check names it)
	}
	idf := 1 + math.Log(n/float64(len(out)+1))
	for i := range out {
		e := &out[i]
		e.score = idf * math.Sqrt(float64(e.tf)) / math.Sqrt(float64(max(e.n, 1)))
	}
	return out
}

// exactFirst marks the documents of a word's list that have the word as
// typed: they rank in a tier above those with only another form of its
// stem (running above runs), whatever their tf-idf or age.
func exactFirst(l []decoded, word string) {
	bit := domain.WordBit(word)
	for i := range l {
		if l[i].forms&bit != 0 {
			l[i].exact = 1
		}
	}
}

// prefixList is the union of the lists of every term that starts with p.
func prefixList(post *bolt.Bucket, p string, n float64) []decoded {
	var lists [][]decoded
	var pos []uint32
	c := post.Cursor()
	var last []byte
	for k, _ := c.Seek([]byte(p)); k != nil && bytes.HasPrefix(k, []byte(p)); k, _ = c.Next() {
		i := bytes.IndexByte(k, 0)
		if i < 0 || bytes.Equal(k[:i], last) {
			continue
		}
		last = slices.Clone(k[:i])
		lists = append(lists, termList(post, string(last), n, false, &pos))
	}
	return unionLists(lists)
}

// unionLists is the union of sorted lists (one alone is itself).
func unionLists(lists [][]decoded) []decoded {
	switch len(lists) {
	case 0:
		return nil
	case 1:
		return lists[0]
	}
	var all []decoded
	for _, l := range lists {
		all = append(all, l...)
	}
	return union(all)
}

// union merges lists concatenated: one entry a document, scores summed.
func union(all []decoded) []decoded {
	slices.SortStableFunc(all, func(a, b decoded) int { return cmp.Compare(a.doc, b.doc) })
	out := all[:0]
	for _, e := range all {
		if k := len(out); k > 0 && out[k-1].doc == e.doc {
			out[k-1].score += e.score
			continue
		}
		out = append(out, e)
	}
	return out
}

// intersect keeps the documents of a that are in b, scores summed.
func intersect(a, b []decoded) []decoded {
	out := a[:0]
	j := 0
	for _, e := range a {
		for j < len(b) && b[j].doc < e.doc {
			j++
		}
		if j < len(b) && b[j].doc == e.doc {
			e.score += b[j].score
			e.exact += b[j].exact
			out = append(out, e)
		}
	}
	return out
}

// phraseList is the documents where the phrase's words stand in order.
func phraseList(post *bolt.Bucket, phrase string, n float64) []decoded {
	toks := domain.Tokens(phrase)
	if len(toks) == 0 {
		return nil
	}
	if len(toks) == 1 {
		var pos []uint32
		return termList(post, toks[0].Stem, n, false, &pos)
	}
	type term struct {
		list []decoded
		pos  []uint32
		off  uint32 // place in the phrase
	}
	terms := make([]term, len(toks))
	for i, tk := range toks {
		terms[i].off = uint32(tk.Pos - toks[0].Pos)
		terms[i].list = termList(post, tk.Stem, n, true, &terms[i].pos)
	}
	// Walk the rarest word's documents; find each in the others.
	w := 0
	for i := range terms {
		if len(terms[i].list) < len(terms[w].list) {
			w = i
		}
	}
	idx := make([]int, len(terms))
	var out []decoded
	ents := make([]decoded, len(terms))
	for _, e := range terms[w].list {
		ok := true
		for i := range terms {
			if i == w {
				ents[i] = e
				continue
			}
			l := terms[i].list
			j := sort.Search(len(l)-idx[i], func(k int) bool { return l[idx[i]+k].doc >= e.doc }) + idx[i]
			idx[i] = j
			if j >= len(l) || l[j].doc != e.doc {
				ok = false
				break
			}
			ents[i] = l[j]
		}
		if !ok {
			continue
		}
		matches := uint32(0)
		for _, p := range terms[w].pos[e.off : e.off+e.tf] {
			if p < terms[w].off {
				continue
			}
			start := p - terms[w].off
			all := true
			for i := range terms {
				if i == w {
					continue
				}
				ps := terms[i].pos[ents[i].off : ents[i].off+ents[i].tf]
				if _, found := slices.BinarySearch(ps, start+terms[i].off); !found {
					all = false
					break
				}
			}
			if all {
				matches++
			}
		}
		if matches == 0 {
			continue
		}
		score := 0.0
		for i := range ents {
			score += ents[i].score
		}
		e.score = score * math.Sqrt(float64(matches)) / math.Sqrt(float64(e.tf))
		out = append(out, e)
	}
	return out
}

// cutStems are the stems a word typed up to p may have been cut to by the
// stemmer (escalat → escal): p less one to three letters, for a p of five
// letters or more.
func cutStems(p string) []string {
	if len(p) < 5 {
		return nil
	}
	var out []string
	for cut := 1; cut <= 3 && len(p)-cut >= 4; cut++ {
		if c := p[:len(p)-cut]; utf8.ValidString(c) {
			out = append(out, c)
		}
	}
	return out
}

// PrefixStems are the stems a prefix search looks for besides the prefix
// itself: its own stem and the stems it may have been cut to.
func PrefixStems(p string) (prefixes, exact []string) {
	prefixes = []string{p}
	if s, ok := domain.StemWord(p); ok && s != p && len(s) >= 2 {
		prefixes = append(prefixes, s)
	}
	return prefixes, cutStems(p)
}

// SearchText runs a query on the full-text index: every word, prefix and
// phrase must match, and every filter hold; acct, when not 0, is the
// account the account: filter named. The best limit documents come first:
// relevance (tf-idf) times recency (1 today, ½ at three months, ⅓ at six;
// a date ahead counts as today); total is how many matched.
func (t *Tx) SearchText(q domain.TextQuery, acct uint64, today domain.Date, limit int) ([]TextHit, int, error) {
	post, docs, refs := textBuckets(t.tx)
	if post == nil || docs == nil || refs == nil {
		return nil, 0, nil
	}
	n := float64(max(decodeU64(t.b(bMeta).Get(kTextCount)), 1))
	var clauses []clause
	var pos []uint32
	for _, w := range q.Words {
		for _, tk := range domain.Tokens(w) {
			l := termList(post, tk.Stem, n, false, &pos)
			exactFirst(l, tk.Word)
			clauses = append(clauses, clause{l})
		}
	}
	for _, p := range q.Prefixes {
		if utf8.RuneCountInString(p) < 2 {
			continue // a one-letter prefix is most of the dictionary
		}
		prefixes, exact := PrefixStems(p)
		var lists [][]decoded
		for _, x := range prefixes {
			if l := prefixList(post, x, n); len(l) > 0 {
				lists = append(lists, l)
			}
		}
		for _, x := range exact {
			if l := termList(post, x, n, false, &pos); len(l) > 0 {
				lists = append(lists, l)
			}
		}
		clauses = append(clauses, clause{unionLists(lists)})
	}
	for _, ph := range q.Phrases {
		clauses = append(clauses, clause{phraseList(post, ph, n)})
	}
	words := len(clauses)
	if words == 0 && !q.Empty() {
		return nil, 0, nil // only stop words
	}
	for _, w := range strings.Fields(q.Owner) {
		l := prefixList(post, ownerTerm+w, n)
		if len(l) == 0 {
			return nil, 0, domain.Errorf(domain.ENOTFOUND, "no account's owner matches %q", domain.Excerpt(q.Owner, 60))
		}
		for i := range l {
			l[i].score = 0 // a filter: adds nothing to the score
		}
		clauses = append(clauses, clause{l})
	}
	if len(clauses) == 0 { // filters alone (kind:, account:, from:, to:): every record they keep, newest first
		clauses = append(clauses, clause{allDocs(post, docs, refs, acct, q.Account != "", q.Kinds)})
	}
	slices.SortFunc(clauses, func(a, b clause) int { return cmp.Compare(len(a.list), len(b.list)) })
	cand := clauses[0].list
	// Filters on the smallest list first.
	var inAcct map[uint32]bool
	if q.Account != "" {
		inAcct = map[uint32]bool{}
		p := u64(acct)
		c := refs.Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if len(v) == 12 {
				inAcct[binary.BigEndian.Uint32(v)] = true
			}
		}
	}
	var kinds []byte
	for _, k := range q.Kinds {
		kinds = append(kinds, kindCode(k))
	}
	from, to := int32(math.MinInt32), int32(math.MaxInt32)
	if !q.From.IsZero() {
		from = int32(q.From)
	}
	if !q.To.IsZero() {
		to = int32(q.To)
	}
	keep := cand[:0]
	for _, e := range cand {
		if e.day < from || e.day > to || (len(kinds) > 0 && !slices.Contains(kinds, e.kind)) || (inAcct != nil && !inAcct[e.doc]) {
			continue
		}
		keep = append(keep, e)
	}
	cand = keep
	for _, cl := range clauses[1:] {
		if len(cand) == 0 {
			break
		}
		cand = intersect(cand, cl.list)
	}
	total := len(cand)
	for i := range cand {
		e := &cand[i]
		days := float64(int32(today) - e.day)
		if today.IsZero() {
			days = 0
		}
		e.score *= 1 / (1 + max(days, 0)/90)
	}
	// The best limit: more words as typed first, then by score, newest
	// first among equals, then by number.
	better := func(a, b decoded) int {
		if a.exact != b.exact {
			return cmp.Compare(b.exact, a.exact)
		}
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if a.day != b.day {
			return cmp.Compare(b.day, a.day)
		}
		if words == 0 { // a listing: the record indexed last (written last) first
			return cmp.Compare(b.doc, a.doc)
		}
		return cmp.Compare(a.doc, b.doc)
	}
	top := topK(cand, limit, better)
	hits := make([]TextHit, 0, len(top))
	for _, e := range top {
		v := docs.Get(binary.BigEndian.AppendUint32(nil, e.doc))
		if v == nil {
			continue
		}
		ref, _ := decodeDocRec(v)
		hits = append(hits, TextHit{TextRef: ref, Day: domain.Date(e.day), Score: e.score})
	}
	return hits, total, nil
}

// allDocs is every document (only the account acct's when byAcct; only
// those of kinds, when given), each with its kind and day, scored 0: a
// listing by filters alone. It reads one posting a document, so it costs
// the documents listed: an account: or kind: filter narrows it.
func allDocs(post, docs, refs *bolt.Bucket, acct uint64, byAcct bool, kinds []string) []decoded {
	var codes []byte
	for _, k := range kinds {
		codes = append(codes, kindCode(k))
	}
	pc := post.Cursor()
	var out []decoded
	var key []byte
	add := func(doc uint32, v []byte) {
		if len(v) < 19 || len(codes) > 0 && !slices.Contains(codes, v[8]) {
			return
		}
		// The document's first term (its record: account, kind, record, field, terms each ended by 0).
		rest := v[min(len(v), 19+int(binary.BigEndian.Uint16(v[17:]))):]
		end := bytes.IndexByte(rest, 0)
		if end <= 0 {
			return
		}
		key = append(append(key[:0], rest[:end+1]...), 0, 0, 0, 0)
		binary.BigEndian.PutUint32(key[end+1:], doc+1)
		k, chunk := seekBefore(pc, key)
		if k == nil || !bytes.HasPrefix(k, key[:end+1]) || len(k) != end+5 {
			return
		}
		if e, ok := findPosting(chunk, doc); ok {
			out = append(out, e)
		}
	}
	if byAcct {
		p := u64(acct)
		c := refs.Cursor()
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if len(v) == 12 {
				doc := binary.BigEndian.Uint32(v)
				add(doc, docs.Get(binary.BigEndian.AppendUint32(nil, doc)))
			}
		}
		slices.SortFunc(out, func(a, b decoded) int { return cmp.Compare(a.doc, b.doc) })
		return out
	}
	c := docs.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) == 4 {
			add(binary.BigEndian.Uint32(k), v)
		}
	}
	return out
}

// findPosting is doc's posting in a chunk (kind, day, words), read
// without its positions and without allocating: the chunk is walked only
// up to it.
func findPosting(chunk []byte, doc uint32) (decoded, bool) {
	if len(chunk) < 8 {
		return decoded{}, false
	}
	count := binary.BigEndian.Uint32(chunk)
	b := chunk[8:]
	d := uint32(0)
	for i := uint32(0); i < count && len(b) > 0; i++ {
		delta, n := binary.Uvarint(b)
		b = b[n:]
		d += uint32(delta)
		if d > doc || len(b) == 0 {
			return decoded{}, false
		}
		kind := b[0]
		b = b[1:]
		day, n := binary.Varint(b)
		b = b[n:]
		words, n := binary.Uvarint(b)
		b = b[n:]
		if d == doc {
			return decoded{doc: doc, kind: kind, day: int32(day), n: uint32(words)}, true
		}
		tf, n := binary.Uvarint(b)
		b = b[n:]
		for j := uint64(0); j <= tf && len(b) > 0; j++ { // the positions, then the forms
			_, n := binary.Uvarint(b)
			b = b[n:]
		}
	}
	return decoded{}, false
}

// topK is the k best of xs by cmp, in order (a partial selection: the
// candidates can be hundreds of thousands).
func topK(xs []decoded, k int, better func(a, b decoded) int) []decoded {
	if k <= 0 {
		return nil
	}
	out := make([]decoded, 0, k+1)
	for _, e := range xs {
		if len(out) == k && better(e, out[k-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, e, better)
		out = slices.Insert(out, i, e)
		if len(out) > k {
			out = out[:k]
		}
	}
	return out
}
