package domain

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"12,500", "12.5k", "$1.2M", "€3,400.50", "EUR 100", "1.250.000,50", "-5", "1e9", "99999999999999999999", "0.001k", "(100)", "£", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s, "USD")
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: error without the invalid code: %v", s, err)
			}
			return
		}
		if m.Amount < 0 || m.Amount > MaxMoney || m.Currency == "" {
			t.Fatalf("%q parsed to %+v", s, m)
		}
		_ = m.String()
		_ = m.Short()
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-12-01", "today", "fri", "+3d", "2w", "+1m", "eom", "2026-02-30", "+99999d", "x", ""} {
		f.Add(s)
	}
	today := NewDate(2026, 11, 28)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s, today)
		if err != nil {
			return
		}
		y, _, _ := d.Parts()
		if y < 1900 || y > 2200 {
			t.Fatalf("%q parsed to %s", s, d)
		}
		back, err := ParseISODate(d.String())
		if err != nil || back != d {
			t.Fatalf("%q → %s does not round trip", s, d)
		}
	})
}

func FuzzParseNote(f *testing.F) {
	f.Add("Call.\n- [ ] send pricing @fri\n* [ ] book QBR @2026-12-15\n[ ] x @")
	f.Add("- [ ]\n- [x] done\n\x1b]52;c;aGk=\x07- [ ] evil @tomorrow")
	f.Fuzz(func(t *testing.T, s string) {
		p := ParseNote(s, NewDate(2026, 11, 28))
		for _, it := range p.Items {
			if strings.TrimSpace(it.Text) == "" || it.Line < 1 {
				t.Fatalf("empty item from %q: %+v", s, it)
			}
		}
		for _, pr := range p.Problems {
			if !utf8.ValidString(pr) || strings.ContainsRune(pr, 0x1b) {
				t.Fatalf("problem text not printable: %q", pr)
			}
		}
	})
}

func FuzzPrintable(f *testing.F) {
	f.Add("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \u202e \x00\r\b\a \xff")
	f.Add("ᄀᄀᄀ 한국어 \ufeff zero\u200bwidth e\u0301\u0301")
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		for _, r := range p {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || isZeroWidth(r) {
				t.Fatalf("Printable(%q) keeps %U", s, r)
			}
		}
		if !utf8.ValidString(p) {
			t.Fatalf("Printable(%q) is not UTF-8", s)
		}
		for i, r := range p {
			if isLeadingJamo(r) && !isVowelJamo(nextRune(p[i+utf8.RuneLen(r):])) {
				t.Fatalf("Printable(%q) keeps a leading jamo %U that starts no syllable", s, r)
			}
		}
	})
}
