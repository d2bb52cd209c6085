package views

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Colours are the theme's colour tokens, each a #RRGGBB for a light and for
// a dark terminal. The defaults pass the contrast test (WCAG AA); the config
// file may change any of them (the user's choice).
type Colours struct {
	Accent, Muted, Good, Warn, Bad, Selection, Match lipgloss.AdaptiveColor
}

// DefaultColours are the theme's own colours.
func DefaultColours() Colours {
	return Colours{
		Accent:    lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"},
		Muted:     lipgloss.AdaptiveColor{Light: "#5F6672", Dark: "#9CA3AF"}, // light: #6B7280 was 4.4:1 on #F5F5F5
		Good:      lipgloss.AdaptiveColor{Light: "#047857", Dark: "#34D399"},
		Warn:      lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FBBF24"},
		Bad:       lipgloss.AdaptiveColor{Light: "#B91C1C", Dark: "#F87171"},
		Selection: lipgloss.AdaptiveColor{Light: "#E9E3FF", Dark: "#3B2F6B"}, // the selected row's background
		Match:     lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FCD34D"},
	}
}

// ColourTokens name the tokens, with what each colours.
var ColourTokens = []struct{ Name, Help string }{
	{"accent", "titles, the active tab, keys, headings, boxes, full bars"},
	{"muted", "tabs, the status line, help, borders, empty bars"},
	{"good", "good health, on track"},
	{"warn", "health to watch, coming due"},
	{"bad", "poor health, overdue, errors"},
	{"selection", "the selected row's background"},
	{"match", "the letters a filter matched"},
}

func (c *Colours) token(name string) *lipgloss.AdaptiveColor {
	switch name {
	case "accent":
		return &c.Accent
	case "muted":
		return &c.Muted
	case "good":
		return &c.Good
	case "warn":
		return &c.Warn
	case "bad":
		return &c.Bad
	case "selection":
		return &c.Selection
	case "match":
		return &c.Match
	}
	return nil
}

// Colour is the colour setting name ("accent_dark", "muted_light"…), or ""
// and false when there is no such setting.
func (c Colours) Colour(name string) (string, bool) {
	tok, variant, _ := strings.Cut(name, "_")
	p := c.token(tok)
	switch {
	case p == nil:
		return "", false
	case variant == "dark":
		return p.Dark, true
	case variant == "light":
		return p.Light, true
	}
	return "", false
}

// SetColour sets the colour setting name to hex (checked by the caller);
// false when there is no such setting.
func (c *Colours) SetColour(name, hex string) bool {
	tok, variant, _ := strings.Cut(name, "_")
	p := c.token(tok)
	switch {
	case p == nil:
		return false
	case variant == "dark":
		p.Dark = hex
	case variant == "light":
		p.Light = hex
	default:
		return false
	}
	return true
}
