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
		// Issue 16, finding 3: placeholders, shared platforms and a path that
		// may name a part of the company are no company's identity.
		"k.A.": "", "n.a.": "", "N/A": "", "-": "", "facebook.com/acme": "", "https://www.linkedin.com/company/acme": "",
		"sites.google.com/view/acme": "", "acme.wixsite.com/home": "", "acme.business.site": "", "x.com/acme": "",
		"www.deloitte.com/uk": "", "deloitte.com": "deloitte.com", "acme.com/index.html": "acme.com", "acme.com/contact-us/": "acme.com",
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

// Issue 16, finding 2: Salesforce ids are case-sensitive; an 18-character id
// is its 15-character form only when its checksum says so.
func TestSalesforceID15(t *testing.T) {
	for in, want := range map[string]string{
		"001A0000006Vm9rIAC": "001A0000006Vm9r", // a real id's checksum
		"001a0000006vm9rAAA": "001a0000006vm9r",
		"001A0000006Vm9rAAA": "001A0000006Vm9rAAA", // a checksum that does not fit: another id
		"0015g00000AbCdE":    "0015g00000AbCdE",
		"hs-1":               "hs-1",
	} {
		if got := SalesforceID15(in); got != want {
			t.Errorf("SalesforceID15(%q) = %q, want %q", in, got, want)
		}
	}
}
