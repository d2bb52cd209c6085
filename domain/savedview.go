package domain

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SavedView is a portfolio filter and sort kept under a name, to be recalled
// from the cockpit (v, the palette) or listed by the command line.
type SavedView struct {
	Name    string    `json:"name"`
	Filter  string    `json:"filter"`            // as typed in the portfolio's filter
	Sort    string    `json:"sort,omitempty"`    // one of ViewSortColumns; empty: the default order
	Reverse bool      `json:"reverse,omitempty"` // the sort reversed
	Saved   time.Time `json:"saved"`
}

// ViewSortColumns are the portfolio's columns a view may sort by, in the
// portfolio's column order (views checks that they match its columns).
var ViewSortColumns = []string{"name", "tier", "stage", "segment", "owner", "arr", "renewal", "health", "touch", "items"}

// MaxViewName and MaxViewFilter bound a saved view's name and filter.
const (
	MaxViewName   = 40
	MaxViewFilter = 200
)

// filterKeys are the keys ParseFilter knows.
var filterKeys = []string{"seg", "segment", "tier", "stage", "owner", "tag", "industry"}

// ViewKey is the name a view is unique by: case and spacing aside.
func ViewKey(name string) string { return Fold(name) }

// Validate checks the name (1–40 printable characters), the filter (what
// ParseFilter reads, with no unknown key:value word, which is a typo more
// often than a search) and the sort column.
func (v *SavedView) Validate() error {
	v.Name = strings.Join(strings.Fields(v.Name), " ")
	v.Filter = strings.Join(strings.Fields(v.Filter), " ")
	v.Sort = strings.ToLower(strings.TrimSpace(v.Sort))
	switch {
	case v.Name == "":
		return Invalid("name", v.Name, "a view needs a name (1 to %d characters)", MaxViewName)
	case !utf8.ValidString(v.Name):
		return Invalid("name", v.Name, "not valid UTF-8")
	case utf8.RuneCountInString(v.Name) > MaxViewName:
		return Invalid("name", Excerpt(v.Name, MaxViewName), "longer than %d characters", MaxViewName)
	case strings.IndexFunc(v.Name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return Invalid("name", v.Name, "only printable characters")
	}
	if err := ValidateFilter(v.Filter); err != nil {
		return err
	}
	if v.Sort != "" && !slices.Contains(ViewSortColumns, v.Sort) {
		return Invalid("sort", v.Sort, "not a portfolio column (one of %s)", strings.Join(ViewSortColumns, ", "))
	}
	if v.Sort == "" && v.Reverse {
		return Invalid("reverse", "", "reverses a sort: give --sort too")
	}
	return nil
}

// ValidateFilter checks a portfolio filter as ParseFilter reads it: at most
// MaxViewFilter characters, printable, and every key:value word with a known key.
func ValidateFilter(q string) error {
	switch {
	case !utf8.ValidString(q):
		return Invalid("filter", q, "not valid UTF-8")
	case utf8.RuneCountInString(q) > MaxViewFilter:
		return Invalid("filter", Excerpt(q, 40), "longer than %d characters", MaxViewFilter)
	case strings.IndexFunc(q, func(r rune) bool { return !unicode.IsPrint(r) && !unicode.IsSpace(r) }) >= 0:
		return Invalid("filter", q, "only printable characters")
	}
	f := ParseFilter(q)
	for _, w := range strings.Fields(f.Text) {
		k, val, ok := strings.Cut(w, ":")
		if ok && val != "" && k != "" && strings.IndexFunc(k, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 &&
			!slices.Contains(filterKeys, strings.ToLower(k)) {
			return Invalid("filter", w, "unknown key %q (known: %s)", k, strings.Join(filterKeys, ", "))
		}
	}
	return nil
}
