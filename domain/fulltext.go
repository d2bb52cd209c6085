package domain

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Full-text search over everything written: the query language. The index
// itself lives in store/fulltext; this file only reads what a person typed.

// Kinds of record the full-text search finds, as typed after kind:.
const (
	TextNote        = "note"        // an interaction's text
	TextContact     = "contact"     // name, title, email
	TextItem        = "item"        // an action item
	TextGoal        = "goal"        // a goal (title and metric)
	TextRisk        = "risk"        // title and detail
	TextOpportunity = "opportunity" // title
	TextHandoff     = "handoff"     // the sales hand-off brief
	TextField       = "field"       // a custom field (name and value)
)

// TextKinds lists the kinds in the order results name them.
var TextKinds = []string{TextNote, TextContact, TextItem, TextGoal, TextRisk, TextOpportunity, TextHandoff, TextField}

// TextQuery is a parsed search: words (matched by their stems), prefixes
// (word*), quoted phrases, and filters. Every word, prefix and phrase must
// match (AND).
type TextQuery struct {
	Words    []string // as typed, lowercased
	Prefixes []string // without the *, lowercased
	Phrases  []string // without the quotes, lowercased
	Account  string   // account: a #N, a number or part of a name
	Owner    string   // owner: part of the account owner's name, lowercased
	Kinds    []string // kind: (one of TextKinds; several with commas)
	From, To Date     // from: / to: inclusive; zero when absent
}

// Empty reports whether the query has nothing to look for (filters alone
// do not make a search).
func (q TextQuery) Empty() bool {
	return len(q.Words) == 0 && len(q.Prefixes) == 0 && len(q.Phrases) == 0
}

// Filtered reports whether the query has a filter: filters alone list
// the records they keep, newest first.
func (q TextQuery) Filtered() bool {
	return q.Account != "" || q.Owner != "" || len(q.Kinds) > 0 || !q.From.IsZero() || !q.To.IsZero()
}

// Unsearchable says why the query can find nothing whatever the book holds
// ("" when it has something to look for): no word and no filter, only
// words too common to be indexed, or one-letter prefixes.
func (q TextQuery) Unsearchable() string {
	if q.Empty() {
		if q.Filtered() {
			return ""
		}
		return "give a word to look for, or a filter (kind:note from:today lists today's notes)"
	}
	if len(q.Phrases) > 0 {
		return ""
	}
	var common, short []string
	for _, w := range q.Words {
		if len(Stems(w)) > 0 {
			return ""
		}
		common = append(common, strconv.Quote(w))
	}
	for _, p := range q.Prefixes {
		if utf8.RuneCountInString(p) >= 2 {
			return ""
		}
		short = append(short, p+"*")
	}
	var why []string
	if len(common) > 0 {
		why = append(why, fmt.Sprintf("%s: too common to search for", strings.Join(common, ", ")))
	}
	if len(short) > 0 {
		why = append(why, fmt.Sprintf("%s: a prefix needs two letters or more", strings.Join(short, ", ")))
	}
	if len(why) == 0 {
		return "give a word to look for"
	}
	return strings.Join(why, "; ")
}

// ParseTextQuery reads a search such as
//
//	sso "data connector" onboard* account:acme kind:note from:2026-01-01 to:-7d owner:maya
//
// Dates are 2026-01-01, today, yesterday, or an age: 30d, 6w, 3m, 1y (that
// long ago; a leading - is allowed). A key a person could mean as a word
// (http://…) is a word when the key is not one of the filters.
func ParseTextQuery(s string, today Date) (TextQuery, error) {
	var q TextQuery
	rest := s
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			var ph string
			if end < 0 {
				ph, rest = rest[1:], "" // an unclosed quote runs to the end: the user is still typing
			} else {
				ph, rest = rest[1:1+end], rest[2+end:]
			}
			if ph = strings.ToLower(strings.Join(strings.Fields(ph), " ")); ph != "" {
				if strings.Contains(ph, " ") {
					q.Phrases = append(q.Phrases, ph)
				} else {
					q.addWord(ph)
				}
			}
			continue
		}
		end := strings.IndexFunc(rest, unicode.IsSpace)
		if end < 0 {
			end = len(rest)
		}
		w := rest[:end]
		rest = rest[end:]
		if k, v, ok := strings.Cut(w, ":"); ok {
			key := strings.ToLower(k)
			if isTextFilter(key) {
				if strings.HasPrefix(v, `"`) { // account:"Acme Corp"
					v = v[1:]
					if i := strings.IndexByte(v, '"'); i >= 0 {
						v = v[:i]
					} else if j := strings.IndexByte(rest, '"'); j >= 0 {
						v, rest = v+rest[:j], rest[j+1:]
					} else {
						v, rest = v+rest, ""
					}
				}
				v = strings.TrimSpace(v)
				if v == "" {
					continue // still being typed
				}
				if err := q.setFilter(key, v, today); err != nil {
					return q, err
				}
				continue
			}
		}
		q.addWord(strings.ToLower(w))
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.From > q.To {
		return q, Invalid("to", q.To.String(), "is before from: %s", q.From)
	}
	return q, nil
}

func isTextFilter(k string) bool {
	switch k {
	case "account", "acct", "owner", "kind", "from", "to":
		return true
	}
	return false
}

func (q *TextQuery) addWord(w string) {
	if p, ok := strings.CutSuffix(w, "*"); ok {
		if p = strings.TrimRight(p, "*"); p != "" {
			q.Prefixes = append(q.Prefixes, p)
		}
		return
	}
	if w != "" {
		q.Words = append(q.Words, w)
	}
}

func (q *TextQuery) setFilter(key, v string, today Date) error {
	switch key {
	case "account", "acct":
		q.Account = v
	case "owner":
		q.Owner = strings.ToLower(v)
	case "kind":
		for _, k := range strings.Split(strings.ToLower(v), ",") {
			kind, ok := textKind(k)
			if !ok {
				return Invalid("kind", k, "want one of %s", strings.Join(TextKinds, ", "))
			}
			q.Kinds = append(q.Kinds, kind)
		}
	case "from", "to":
		d, err := parseSearchDate(v, today)
		if err != nil {
			return Invalid(key, v, "want a date like 2026-01-01, yesterday, or an age like 30d, 6w, 3m")
		}
		if key == "from" {
			q.From = d
		} else {
			q.To = d
		}
	}
	return nil
}

// textKind accepts a kind, its plural and a few short forms.
func textKind(k string) (string, bool) {
	k = strings.TrimSuffix(strings.TrimSpace(k), "s")
	switch k {
	case "note", "interaction":
		return TextNote, true
	case "contact", "person", "people":
		return TextContact, true
	case "item", "action", "todo", "task":
		return TextItem, true
	case "goal":
		return TextGoal, true
	case "risk", "escalation":
		return TextRisk, true
	case "opportunity", "opportunitie", "opp", "deal":
		return TextOpportunity, true
	case "handoff", "hand-off", "brief":
		return TextHandoff, true
	case "field", "custom":
		return TextField, true
	}
	return "", false
}

// parseSearchDate reads a date for from:/to:: ISO, the words ParseDate knows,
// or an age (30d, -6w, 3m, 1y: that long before today).
func parseSearchDate(v string, today Date) (Date, error) {
	if d, err := ParseISODate(v); err == nil {
		return d, nil
	}
	age := strings.TrimPrefix(strings.ToLower(v), "-")
	if len(age) >= 2 {
		if n, err := strconv.Atoi(age[:len(age)-1]); err == nil && n >= 0 && n < 100000 {
			switch age[len(age)-1] {
			case 'd':
				return today.AddDays(-n), nil
			case 'w':
				return today.AddDays(-7 * n), nil
			case 'm':
				return today.AddMonths(-n), nil
			case 'y':
				return today.AddMonths(-12 * n), nil
			}
		}
	}
	return ParseDate(v, today)
}
