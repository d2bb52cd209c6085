package domain

// Company identity: what makes two spellings of a company from two CRMs, or
// two rows of one export, the same company.

import (
	"strings"
	"unicode"
)

// legalSuffixes are the legal forms dropped from the end of a company name
// for matching ("Acme Inc." and "Acme" are one company), spelled as they are
// after CompanyKey removed their dots ("B.V." → "bv").
var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"llc": true, "llp": true, "lp": true, "ltd": true, "limited": true, "plc": true,
	"gmbh": true, "ag": true, "kg": true, "ug": true, "se": true,
	"bv": true, "nv": true, "sa": true, "sas": true, "sarl": true, "srl": true, "spa": true,
	"oy": true, "ab": true, "as": true, "aps": true, "pty": true, "pte": true, "kk": true,
}

// CompanyKey is a company's name normalised for matching: case folded,
// whitespace collapsed, punctuation dropped (a dot or apostrophe inside a
// word joins it: "B.V." is "bv"), "&" read as "and", and legal suffixes (Inc,
// Inc., LLC, Ltd, GmbH, AG, B.V., S.A. …) dropped from the end, so that "Acme
// Inc.", "ACME, Inc" and "acme" have one key. A name that is nothing but a
// legal form keeps it. Two companies with one key are the same company only
// when nothing else (a CRM id, a website) says otherwise.
func CompanyKey(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := true
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			space = false
		case r == '.' || r == '\'' || r == '’':
			// joins: "B.V." → "bv", "Macy's" → "macys"
		case r == '&' || r == '+':
			if !space {
				b.WriteByte(' ')
			}
			b.WriteString("and ")
			space = true
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	words := strings.Fields(b.String())
	for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	// "Acme GmbH & Co. KG": the "and" left between two legal forms goes too.
	for len(words) > 2 && words[len(words)-1] == "and" {
		words = words[:len(words)-1]
		for len(words) > 1 && legalSuffixes[words[len(words)-1]] {
			words = words[:len(words)-1]
		}
	}
	return strings.Join(words, " ")
}

// CompanyDomain is a website as the company's domain for matching: scheme,
// "www.", port, path, query and case dropped ("HTTPS://www.Acme.com/about" is
// "acme.com"); "" when there is none.
func CompanyDomain(website string) string {
	d := Domain(website)
	d = strings.TrimSuffix(d, ".")
	if !strings.Contains(d, ".") {
		return ""
	}
	return d
}

// LooksLikeDomain reports whether s is a bare domain or URL ("acme.com",
// "https://acme.com/") rather than a company name.
func LooksLikeDomain(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t") {
		return false
	}
	d := CompanyDomain(s)
	if d == "" {
		return false
	}
	last := d[strings.LastIndexByte(d, '.')+1:]
	if len(last) < 2 {
		return false
	}
	for _, r := range last {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
