package domain

import "testing"

func TestCompanyKey(t *testing.T) {
	same := [][]string{
		{"Acme Inc.", "Acme Inc", "ACME, Inc", "acme", "  Acme   Incorporated ", "Acme LLC"},
		{"Cascade Marine", "cascade marine", "Cascade  Marine Ltd."},
		{"Van Dijk B.V.", "van dijk bv", "Van Dijk BV"},
		{"Müller GmbH", "MÜLLER GmbH & Co. KG", "müller ag"},
		{"Société Générale S.A.", "société générale sa", "Société Générale"},
		{"Macy's", "Macys Inc."},
		{"Johnson & Johnson", "Johnson and Johnson"},
		{"Northwind Traders Ltd", "Northwind Traders"},
	}
	for _, group := range same {
		k := CompanyKey(group[0])
		for _, n := range group[1:] {
			if got := CompanyKey(n); got != k {
				t.Errorf("CompanyKey(%q) = %q, want %q (as %q)", n, got, k, group[0])
			}
		}
	}
	differ := [][2]string{
		{"Northwind", "Northwind Traders Ltd"},
		{"Acme", "Acme Robotics"},
		{"404", "4040"},
		{"AG", "AB"},
	}
	for _, p := range differ {
		if CompanyKey(p[0]) == CompanyKey(p[1]) {
			t.Errorf("%q and %q must not share a key (%q)", p[0], p[1], CompanyKey(p[0]))
		}
	}
	if CompanyKey("GmbH") != "gmbh" || CompanyKey("") != "" {
		t.Errorf("a name that is only a legal form keeps it: %q", CompanyKey("GmbH"))
	}
}

func TestCompanyDomain(t *testing.T) {
	for in, want := range map[string]string{
		"acme.com": "acme.com", "www.acme.com": "acme.com", "HTTPS://WWW.Acme.com/about?x=1": "acme.com",
		"http://acme.com:8080/": "acme.com", " acme.com. ": "acme.com", "": "", "localhost": "", "not a site": "",
	} {
		if got := CompanyDomain(in); got != want {
			t.Errorf("CompanyDomain(%q) = %q, want %q", in, got, want)
		}
	}
	for s, want := range map[string]bool{"acme.com": true, "https://acme.com/": true, "Acme Inc.": false, "404": false, "B.V.": false, "acme.c0m": false} {
		if LooksLikeDomain(s) != want {
			t.Errorf("LooksLikeDomain(%q) = %v", s, !want)
		}
	}
}
