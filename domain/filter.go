package domain

import (
	"slices"
	"strings"
)

// Filter is a parsed portfolio filter: conditions on fields, and the words
// left for the fuzzy search. Field values are lowercased; an empty one does
// not filter.
type Filter struct {
	Segment, Tier, Stage, Industry string // prefix of the field, any case
	Owner                          string // contained in the owner, any case
	Tag                            string // prefix of one of the tags, any case
	Text                           string // the rest, for the fuzzy search
}

// ParseFilter reads a filter such as "acme tier:key seg:smb stage:ret owner:maya tag:beta".
// A word key:value with a known key (seg or segment, tier, stage, owner, tag,
// industry) and a value is a condition (the last one of a key wins); every
// other word is text.
func ParseFilter(q string) Filter {
	var f Filter
	var words []string
	for _, w := range strings.Fields(q) {
		if k, v, ok := strings.Cut(w, ":"); ok && v != "" {
			v = strings.ToLower(v)
			switch strings.ToLower(k) {
			case "seg", "segment":
				f.Segment = v
				continue
			case "tier":
				f.Tier = v
				continue
			case "stage":
				f.Stage = v
				continue
			case "owner":
				f.Owner = v
				continue
			case "tag":
				f.Tag = v
				continue
			case "industry":
				f.Industry = v
				continue
			}
		}
		words = append(words, w)
	}
	f.Text = strings.Join(words, " ")
	return f
}

// HasFields reports whether the filter has a condition on a field.
func (f Filter) HasFields() bool {
	return f.Segment != "" || f.Tier != "" || f.Stage != "" || f.Industry != "" || f.Owner != "" || f.Tag != ""
}

// Match reports whether an account meets every field condition (the text is
// for the fuzzy search, not checked here).
func (f Filter) Match(s *Summary) bool {
	switch {
	case f.Segment != "" && !hasPrefixFold(s.Segment, f.Segment),
		f.Tier != "" && !hasPrefixFold(string(s.Tier), f.Tier),
		f.Stage != "" && !hasPrefixFold(string(StageShown(s.Stage, s.ContractStart)), f.Stage),
		f.Industry != "" && !hasPrefixFold(s.Industry, f.Industry),
		f.Owner != "" && !strings.Contains(strings.ToLower(s.Owner), f.Owner),
		f.Tag != "" && !slices.ContainsFunc(s.Tags, func(t string) bool { return hasPrefixFold(t, f.Tag) }):
		return false
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
