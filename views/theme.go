// Package views draws tend's panes. Each pane is a component with its own
// KeyMap, Update, View and SetSize; views render what the app gives them and
// hold no business rules. They never touch the store: they return messages
// that ask the app to act.
package views

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/tend-cli/tend/domain"
)

// Theme is the set of styles, built once and passed down. Colours are
// adaptive (light and dark terminals); with NO_COLOR every style is plain, and
// no meaning is carried by colour alone (glyphs and words say it too).
type Theme struct {
	Title, Tab, TabActive, Header    lipgloss.Style
	Status, Error, Muted, Bold, Key  lipgloss.Style
	Selected, Match, Heading, Border lipgloss.Style
	Good, Warn, Bad                  lipgloss.Style
	Box                              lipgloss.Style
	BarFull, BarEmpty                lipgloss.Style
}

var (
	cAccent = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A78BFA"}
	cMuted  = lipgloss.AdaptiveColor{Light: "#6B7280", Dark: "#9CA3AF"}
	cGood   = lipgloss.AdaptiveColor{Light: "#047857", Dark: "#34D399"}
	cWarn   = lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FBBF24"}
	cBad    = lipgloss.AdaptiveColor{Light: "#B91C1C", Dark: "#F87171"}
	cSelBg  = lipgloss.AdaptiveColor{Light: "#E9E3FF", Dark: "#3B2F6B"}
	cMatch  = lipgloss.AdaptiveColor{Light: "#B45309", Dark: "#FCD34D"}
)

// NewTheme builds the styles.
func NewTheme() *Theme {
	s := lipgloss.NewStyle
	t := &Theme{
		Title:     s().Bold(true).Foreground(cAccent),
		Tab:       s().Foreground(cMuted),
		TabActive: s().Bold(true).Underline(true).Foreground(cAccent),
		Header:    s(),
		Status:    s().Foreground(cMuted),
		Error:     s().Bold(true).Foreground(cBad),
		Muted:     s().Foreground(cMuted),
		Bold:      s().Bold(true),
		Key:       s().Bold(true).Foreground(cAccent),
		Selected:  s().Background(cSelBg).Bold(true),
		Match:     s().Underline(true).Foreground(cMatch),
		Heading:   s().Bold(true).Foreground(cAccent),
		Border:    s().Foreground(cMuted),
		Good:      s().Foreground(cGood),
		Warn:      s().Foreground(cWarn),
		Bad:       s().Foreground(cBad),
		Box:       s().Border(lipgloss.RoundedBorder()).BorderForeground(cAccent).Padding(0, 1),
		BarFull:   s().Foreground(cAccent),
		BarEmpty:  s().Foreground(cMuted),
	}
	return t
}

// HealthGlyph is a band's glyph and style: colour and shape both carry it.
func (t *Theme) HealthGlyph(score int) (string, lipgloss.Style) {
	switch domain.BandOf(score) {
	case domain.BandHealthy:
		return "●", t.Good
	case domain.BandWatch:
		return "◐", t.Warn
	case domain.BandAtRisk:
		return "○", t.Bad
	}
	return "·", t.Muted
}

// TrendGlyph is ▲ ▼ or = for a change, with its style; "·" when unknown.
func (t *Theme) TrendGlyph(delta int, ok bool) (string, lipgloss.Style) {
	switch {
	case !ok:
		return "·", t.Muted
	case delta >= 5:
		return "▲", t.Good
	case delta <= -5:
		return "▼", t.Bad
	}
	return "=", t.Muted
}
