package views

import (
	"os"
	"strings"
	"testing"
)

// Every health and trend glyph the portfolio draws is explained in the
// README's key (the portfolio row) and its NO_COLOR cue list.
func TestREADMEExplainsEveryHealthAndTrendGlyph(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	th := NewTheme()
	var glyphs []string
	for _, score := range []int{-1, 10, 60, 90} {
		g, _ := th.HealthGlyph(score)
		glyphs = append(glyphs, g)
	}
	for _, tr := range []struct {
		d  int
		ok bool
	}{{0, false}, {9, true}, {-9, true}, {0, true}} {
		g, _ := th.TrendGlyph(tr.d, tr.ok)
		glyphs = append(glyphs, g)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "| `2` | Portfolio") {
			continue
		}
		for _, g := range glyphs {
			if !strings.Contains(l, g) {
				t.Errorf("the portfolio's key does not explain %q: %s", g, l)
			}
		}
		return
	}
	t.Fatal("no portfolio row in the README's key table")
}
