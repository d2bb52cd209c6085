package views

import (
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// The themes pass WCAG AA for body text (4.5:1) on the terminal's own
// background, which tend does not know and does not paint. Assumed: a dark
// terminal's background is black or near black (#000000, #1E1E1E) under a
// light grey default text (#E5E5E5); a light terminal's is white or near
// white (#FFFFFF, #F5F5F5) under black text (#000000). A style with a
// background and no foreground (the selected row) is the default text on it.

var (
	darkBackgrounds  = []string{"#000000", "#1E1E1E"}
	lightBackgrounds = []string{"#FFFFFF", "#F5F5F5"}
	darkDefaultText  = "#E5E5E5"
	lightDefaultText = "#000000"
)

const (
	aaBody    = 4.5 // WCAG 2.x AA, body text
	aaNonText = 3.0 // WCAG 2.x AA, graphical objects (the box's border)
)

// luminance is the WCAG relative luminance of a #RRGGBB colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("%q is not a #RRGGBB colour", hex)
	}
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("%q: %v", hex, err)
		}
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#FFFFFF", 21}, {"#777777", "#FFFFFF", 4.48}, {"#FFFFFF", "#FFFFFF", 1}} {
		if got := contrast(t, c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// adaptive returns a style colour as an adaptive token; false for no colour.
func adaptive(t *testing.T, name string, c lipgloss.TerminalColor) (lipgloss.AdaptiveColor, bool) {
	t.Helper()
	switch c := c.(type) {
	case lipgloss.NoColor:
		return lipgloss.AdaptiveColor{}, false
	case lipgloss.AdaptiveColor:
		return c, true
	}
	t.Errorf("%s: colour %#v is not an adaptive #RRGGBB token (its contrast cannot be checked)", name, c)
	return lipgloss.AdaptiveColor{}, false
}

func themeStyles() map[string]lipgloss.Style {
	th := NewTheme()
	out := map[string]lipgloss.Style{}
	v := reflect.ValueOf(th).Elem()
	for i := range v.NumField() {
		if s, ok := v.Field(i).Interface().(lipgloss.Style); ok {
			out[v.Type().Field(i).Name] = s
		}
	}
	h := th.HelpStyles()
	out["help.ShortKey"], out["help.ShortDesc"], out["help.ShortSeparator"] = h.ShortKey, h.ShortDesc, h.ShortSeparator
	out["help.FullKey"], out["help.FullDesc"], out["help.FullSeparator"] = h.FullKey, h.FullDesc, h.FullSeparator
	return out
}

func TestThemesPassWCAGAA(t *testing.T) {
	styles := themeStyles()
	if len(styles) < 20 {
		t.Fatalf("only %d styles found in the theme", len(styles))
	}
	check := func(what, fg, bg string, min float64) {
		t.Helper()
		if r := contrast(t, fg, bg); r < min {
			t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", what, fg, bg, r, min)
		} else if testing.Verbose() {
			t.Logf("%s: %s on %s is %.2f:1", what, fg, bg, r)
		}
	}
	for name, s := range styles {
		fg, hasFg := adaptive(t, name+" foreground", s.GetForeground())
		bg, hasBg := adaptive(t, name+" background", s.GetBackground())
		switch {
		case hasFg && hasBg:
			check(name+" (dark)", fg.Dark, bg.Dark, aaBody)
			check(name+" (light)", fg.Light, bg.Light, aaBody)
		case hasFg:
			for _, b := range darkBackgrounds {
				check(name+" (dark)", fg.Dark, b, aaBody)
			}
			for _, b := range lightBackgrounds {
				check(name+" (light)", fg.Light, b, aaBody)
			}
		case hasBg:
			check(name+" (dark, default text)", darkDefaultText, bg.Dark, aaBody)
			check(name+" (light, default text)", lightDefaultText, bg.Light, aaBody)
		}
		if bf, ok := adaptive(t, name+" border", s.GetBorderLeftForeground()); ok {
			for _, b := range darkBackgrounds {
				check(name+" border (dark)", bf.Dark, b, aaNonText)
			}
			for _, b := range lightBackgrounds {
				check(name+" border (light)", bf.Light, b, aaNonText)
			}
		}
	}
}

// The selected row's highlight must not lose the marker: a sanity check
// that the marker is one cell (the gutter is marker and a blank).
func TestMarkerFitsTheGutter(t *testing.T) {
	if w := Width(Marker + " "); w != Gutter {
		t.Errorf("marker and blank take %d cells, the gutter %d", w, Gutter)
	}
}
