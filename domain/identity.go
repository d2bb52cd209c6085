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
// "www.", port, query and case dropped ("HTTPS://www.Acme.com" is
// "acme.com"); "" when the website says nothing of which company it is: no
// host with a top-level domain of two letters or more (a placeholder such as
// "k.A." or "n.a."), a shared platform's (facebook.com/acme,
// sites.google.com/…, acme.wixsite.com: see SharedPlatforms), or a path
// that may name a part of the company (deloitte.com/uk); a home, about or
// contact page is the company's.
func CompanyDomain(website string) string {
	d := strings.TrimSuffix(Domain(website), ".")
	last := d[strings.LastIndexByte(d, '.')+1:]
	if !strings.Contains(d, ".") || len(last) < 2 || strings.IndexFunc(last, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return ""
	}
	for _, p := range SharedPlatforms {
		if d == p || strings.HasSuffix(d, "."+p) {
			return ""
		}
	}
	if !homePaths[strings.ToLower(strings.Trim(sitePath(website), "/"))] {
		return ""
	}
	return d
}

// SharedPlatforms are hosts many companies have pages on: a website there is
// no company's identity.
var SharedPlatforms = []string{"facebook.com", "fb.com", "linkedin.com", "instagram.com", "twitter.com", "x.com",
	"google.com", "wixsite.com", "wix.com", "business.site", "youtube.com", "github.com", "github.io",
	"xing.com", "tiktok.com", "yelp.com", "squarespace.com", "wordpress.com", "blogspot.com", "medium.com"}

// homePaths are the paths of a company's own pages.
var homePaths = map[string]bool{"": true, "index.html": true, "index.htm": true, "index.php": true, "home": true,
	"about": true, "about-us": true, "contact": true, "contact-us": true}

// sitePath is the path of a website ("/uk" of "www.deloitte.com/uk").
func sitePath(website string) string {
	w := strings.TrimSpace(website)
	if i := strings.Index(w, "://"); i >= 0 {
		w = w[i+3:]
	}
	if i := strings.IndexAny(w, "?#"); i >= 0 {
		w = w[:i]
	}
	if i := strings.IndexByte(w, '/'); i >= 0 {
		return w[i:]
	}
	return ""
}

// LooksLikeDomain reports whether s is a bare domain or URL ("acme.com",
// "https://acme.com/") rather than a company name.
func LooksLikeDomain(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t") {
		return false
	}
	return CompanyDomain(s) != ""
}

// SalesforceID15 is a Salesforce 18-character record id as its
// 15-character, case-sensitive form when its last three characters are the
// checksum of the case of the first fifteen (as Salesforce writes them);
// any other id as it is. Record ids compare exactly: "0015g00000AbCdE" and
// "0015g00000abcde" are two records.
func SalesforceID15(id string) string {
	if len(id) != 18 {
		return id
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
	for chunk := range 3 {
		bits := 0
		for i := range 5 {
			c := id[chunk*5+i]
			switch {
			case c >= 'A' && c <= 'Z':
				bits |= 1 << i
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			default:
				return id
			}
		}
		if id[15+chunk] != alphabet[bits] {
			return id
		}
	}
	return id[:15]
}

// CRMIDFields are the custom fields that hold a company's record ids in
// other CRMs (several separated by ";"), with the CRM of each ("": any, the
// generic crm_id). Any other custom field, even one named "owner_id", is a
// plain value, never an identity.
var CRMIDFields = map[string]string{"hubspot_id": "hubspot", "salesforce_id": "salesforce", "crm_id": ""}

// SameCRMID reports whether two CRM record ids are one: exactly, a
// Salesforce 18-character id and its 15-character form alike.
func SameCRMID(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && SalesforceID15(a) == SalesforceID15(b)
}
