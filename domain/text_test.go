package domain

import (
	"strings"
	"testing"
)

func TestPrintableNeutralisesEverything(t *testing.T) {
	hostile := []string{
		"\x1b]52;c;aGVsbG8=\x07",        // OSC 52 clipboard write
		"\x1b]8;;http://evil\x1b\\link", // OSC 8 link
		"\x1b[2J\x1b[H",                 // clear screen, cursor home
		"\x1bc",                         // reset
		"a\rb\bc\x07d\x00e",             // C0 controls
		"\u009b31m",                     // C1 CSI
		"bad \xff\xfe utf8",             // invalid UTF-8
		"\u202eevil\u202c",              // right-to-left override
		"line\nbreak\ttab\x7f",
	}
	for _, s := range hostile {
		p := Printable(s)
		for _, r := range p {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) {
				t.Errorf("Printable(%q) = %q still holds %U", s, p, r)
			}
		}
		if strings.ContainsRune(p, 0x1b) {
			t.Errorf("Printable(%q) keeps ESC", s)
		}
	}
	for _, clean := range []string{"Acme Robotics", "Société Générale", "株式会社", "🚀 rocket"} {
		if got := Printable(clean); got != clean {
			t.Errorf("Printable(%q) = %q; clean text must pass unchanged", clean, got)
		}
	}
}

func TestExcerpt(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 5, ""},
		{"abcde", 5, "abcde"},
		{"abcdef", 5, "abcd…"},
		{"ééééé", 5, "ééééé"},
		{"éééééé", 5, "éééé…"},
		{"a\x1b[2Jb", 3, "a␛…"},
		{"\xff\xfeabc", 3, "��…"},
		{"abc", 0, ""},
		{strings.Repeat("x", 1<<20), 60, strings.Repeat("x", 59) + "…"},
	} {
		if got := Excerpt(c.in, c.n); got != c.want {
			t.Errorf("Excerpt(%.20q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
