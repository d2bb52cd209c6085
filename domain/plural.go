package domain

import (
	"strconv"
	"strings"
)

// Plural is n and the unit, in the plural unless n is 1: "1 item", "2
// items", "1 entry", "3 entries", "1 kind of reason", "2 kinds of reasons"
// (the last word, and a word before "of": "new account" → "new accounts").
func Plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	words := strings.Fields(unit)
	for i, w := range words {
		if i == len(words)-1 || words[i+1] == "of" {
			words[i] = pluralWord(w)
		}
	}
	return strconv.Itoa(n) + " " + strings.Join(words, " ")
}

// pluralWord is the plural of an English noun, as the units tend counts
// need: entry → entries, check-in → check-ins, day → days.
func pluralWord(w string) string {
	if strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsAny(w[len(w)-2:len(w)-1], "aeiou") {
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}
