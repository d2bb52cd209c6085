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
