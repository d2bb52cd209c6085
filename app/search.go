package app

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// Full-text search over everything written. The index is inside the book
// file (store/textindex.go), written in the same transaction as the
// records, so what was just saved is found at once and a crash cannot
// leave it behind; a book that has none yet (or one a tend that predates
// it wrote to) has it rebuilt from the records.

// SearchHit is one record found, with its snippet and the matches in it.
type SearchHit struct {
	Acct    uint64
	AcctUID string    // the account's UID: a hit opens that account or nothing
	Kind    string    // one of domain.TextKinds
	RecID   uint64    // the record's number (0: the hand-off brief)
	Field   string    // a custom field's name
	Account string    // the account's name (Printable)
	Label   string    // a note's channel, a contact's name, a record's title (Printable)
	Date    time.Time // a note's moment; another record's day
	Score   float64
	Snippet string   // the text around the first match (Printable)
	Marks   [][2]int // byte ranges of Snippet that match
}

// SearchResults are a query's hits.
type SearchResults struct {
	Hits  []SearchHit
	Total int    // matches, before the limit
	Why   string // why the query can find nothing at all ("" when it can)
}

// ErrIndexBuilding says the search index does not exist yet and is being
// (or must be) built; the search can be tried again when it is.
var ErrIndexBuilding = domain.Errorf(domain.ECONFLICT, "the search index is being built from the book (once); try again in a moment")

// Search runs a query such as `sso "data connector" onboard* account:acme
// kind:note from:30d` (domain.ParseTextQuery). With build set, a book
// without an index has it built here and now (the command line); without
// it (the cockpit, which builds it in the background with
// UpdateSearchIndex) the search fails with ErrIndexBuilding.
func Search(st *File, text string, today domain.Date, limit int, build bool) (SearchResults, error) {
	var res SearchResults
	q, err := domain.ParseTextQuery(text, today)
	if err != nil {
		return res, err
	}
	if res.Why = q.Unsearchable(); res.Why != "" {
		return res, nil
	}
	if limit <= 0 {
		limit = 20
	}
	m := newTextMatcher(q)
	for attempt := 0; ; attempt++ {
		res, err = searchIn(st, q, m, today, limit)
		if !errors.Is(err, errNotReady) || attempt > 0 {
			return res, err
		}
		ready, err := catchUpText(st)
		if err != nil {
			return res, err
		}
		if !ready {
			if !build {
				return res, ErrIndexBuilding
			}
			if err := st.RebuildText(nil); err != nil {
				return res, err
			}
		}
	}
}

// errNotReady: the index must be caught up or built before the search.
var errNotReady = domain.Errorf(domain.ECONFLICT, "the search index is not up to date")

// searchIn runs the query in one read of the book (errNotReady when the
// index is not up to date).
func searchIn(st *File, q domain.TextQuery, m *textMatcher, today domain.Date, limit int) (SearchResults, error) {
	var res SearchResults
	err := st.View(func(tx *store.Tx) error {
		if tx.TextState() != store.TextReady {
			return errNotReady
		}
		var acct uint64
		if q.Account != "" {
			s, err := tx.FindAccount(q.Account)
			if err != nil {
				return err
			}
			acct = s.ID
		}
		hits, total, err := tx.SearchText(q, acct, today, limit)
		if err != nil {
			return err
		}
		res.Total = total
		for _, h := range hits {
			text, label, name, ok := recordText(tx, h.TextRef)
			if !ok {
				continue
			}
			at := h.Day.Time()
			if h.Kind == domain.TextNote { // a note keeps its time of day
				if x, err := tx.Interaction(h.Acct, h.RecID); err == nil {
					at = x.At
				}
			}
			snip, marks := m.snippet(domain.Printable(text), 120)
			a, err := tx.Account(h.Acct)
			if err != nil {
				continue
			}
			res.Hits = append(res.Hits, SearchHit{Acct: h.Acct, AcctUID: a.UID, Kind: h.Kind, RecID: h.RecID, Field: h.Field,
				Account: domain.Printable(name), Label: domain.Printable(label), Date: at, Score: h.Score,
				Snippet: snip, Marks: marks})
		}
		if q.Empty() { // a listing by filters: newest first, a note by its time of day too
			slices.SortStableFunc(res.Hits, func(a, b SearchHit) int { return b.Date.Compare(a.Date) })
		}
		return nil
	})
	return res, err
}

// catchUpText brings an index that a tend without it left behind up to the
// book; false when there is no index to bring up (or it is too far behind).
func catchUpText(st *File) (bool, error) {
	var state store.TextIndexState
	if err := st.View(func(tx *store.Tx) error { state = tx.TextState(); return nil }); err != nil {
		return false, err
	}
	switch state {
	case store.TextReady:
		return true, nil
	case store.TextStale:
		return st.CatchUpText()
	}
	return false, nil
}

// UpdateSearchIndex makes sure the book has a search index that is up to
// date: one a tend without it left behind is caught up; a missing one (or
// one whose rebuild died) is rebuilt from the records, minutes on a book of
// 100k accounts: run it in the background. It reports whether it rebuilt.
func UpdateSearchIndex(st *File) (rebuilt bool, err error) {
	ready, err := catchUpText(st)
	if err != nil || ready {
		return false, err
	}
	return true, st.RebuildText(nil)
}

// SearchIndexNote says why the book's search index is not in use, and what
// brings it back; "" when it is (tend check prints it: not a fault).
func SearchIndexNote(st *File) string {
	var note string
	if err := st.View(func(tx *store.Tx) error { note = tx.TextNote(); return nil }); err != nil {
		return ""
	}
	return note
}

// SearchIndexExists reports whether the book's search index can be used.
func SearchIndexExists(st *File) bool {
	ready, err := catchUpText(st)
	return err == nil && ready
}

// recordText reads a found record's text from the book, with a label and
// its account's name.
func recordText(tx *store.Tx, r store.TextRef) (text, label, account string, ok bool) {
	a, err := tx.Account(r.Acct)
	if err != nil {
		return "", "", "", false
	}
	account = a.Name
	switch r.Kind {
	case domain.TextNote:
		if x, err := tx.Interaction(r.Acct, r.RecID); err == nil {
			return x.Summary, string(x.Channel), account, true
		}
	case domain.TextContact:
		if x, err := tx.Contact(r.Acct, r.RecID); err == nil {
			return domain.JoinNonEmpty([]string{x.Name, x.Title, x.Email}), x.Name, account, true
		}
	case domain.TextItem:
		if x, err := tx.ActionItem(r.Acct, r.RecID); err == nil {
			return x.Text, "#" + strconv.FormatUint(x.ID, 10), account, true
		}
	case domain.TextGoal:
		if p, err := tx.Plan(r.Acct); err == nil {
			for _, g := range p.Goals {
				if g.ID == r.RecID {
					return domain.JoinNonEmpty([]string{g.Title, g.Metric}), g.Title, account, true
				}
			}
		}
	case domain.TextRisk:
		if x, err := tx.Risk(r.Acct, r.RecID); err == nil {
			return domain.JoinNonEmpty([]string{x.Title, x.Detail}), x.Title, account, true
		}
	case domain.TextOpportunity:
		if x, err := tx.Opportunity(r.Acct, r.RecID); err == nil {
			return x.Title, x.Title, account, true
		}
	case domain.TextHandoff:
		return domain.HandoffText(&a.Handoff), "hand-off brief", account, true
	case domain.TextField:
		if v, ok := a.Custom[r.Field]; ok {
			return r.Field + ": " + v, r.Field, account, true
		}
	}
	return "", "", "", false
}

// textMatcher marks the words of a text that the query matched.
type textMatcher struct {
	stems    map[string]bool
	prefixes []string
}

func newTextMatcher(q domain.TextQuery) *textMatcher {
	m := &textMatcher{stems: map[string]bool{}}
	for _, w := range q.Words {
		for _, s := range domain.Stems(w) {
			m.stems[s] = true
		}
	}
	for _, ph := range q.Phrases {
		for _, s := range domain.Stems(ph) {
			m.stems[s] = true
		}
	}
	for _, p := range q.Prefixes {
		if utf8.RuneCountInString(p) < 2 {
			continue
		}
		prefixes, exact := store.PrefixStems(p)
		m.prefixes = append(m.prefixes, prefixes...)
		for _, s := range exact {
			m.stems[s] = true
		}
	}
	return m
}

// marks are the byte ranges of text's matching words.
func (m *textMatcher) marks(text string) [][2]int {
	var out [][2]int
	for _, t := range domain.Tokens(text) {
		hit := m.stems[t.Stem]
		if !hit {
			word := strings.ToLower(text[t.Start:t.End])
			for _, p := range m.prefixes {
				if strings.HasPrefix(t.Stem, p) || strings.HasPrefix(word, p) {
					hit = true
					break
				}
			}
		}
		if hit {
			out = append(out, [2]int{t.Start, t.End})
		}
	}
	return out
}

// snippet is about n characters of text around its first match, with the
// matches' byte ranges in it. text must be Printable already.
func (m *textMatcher) snippet(text string, n int) (string, [][2]int) {
	marks := m.marks(text)
	if utf8.RuneCountInString(text) <= n {
		return text, marks
	}
	start := 0
	if len(marks) > 0 {
		// Begin a few words before the first match, at a word's start.
		start = marks[0][0]
		for back := 0; start > 0 && back < 30; back++ {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
		}
		if start > 0 {
			if sp := strings.IndexByte(text[start:marks[0][0]], ' '); sp >= 0 {
				start += sp + 1
			}
		}
	}
	end, count := start, 0
	for end < len(text) && count < n {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		count++
	}
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(text) {
		suffix = "…"
	}
	out := prefix + text[start:end] + suffix
	var kept [][2]int
	for _, mk := range marks {
		if mk[0] >= start && mk[1] <= end {
			kept = append(kept, [2]int{mk[0] - start + len(prefix), mk[1] - start + len(prefix)})
		}
	}
	return out, kept
}

// RebuildSearchIndex builds the search index afresh from the records (tend
// rebuild); progress is told the accounts read and their number.
func RebuildSearchIndex(st *File, progress func(done, total int)) error {
	return st.RebuildText(progress)
}
