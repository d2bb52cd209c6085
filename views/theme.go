// Package views draws tend's panes. Each pane is a component with its own
// KeyMap, Update, View and SetSize; views render what the app gives them and
// hold no business rules. They never touch the store: they return messages
// that ask the app to act.
package views

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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

// HelpStyles are the key help's styles in the theme's colours (bubbles'
// defaults, grey on grey, fail the contrast check on both backgrounds).
func (t *Theme) HelpStyles() help.Styles {
	return help.Styles{
		ShortKey: t.Key, ShortDesc: t.Muted, ShortSeparator: t.Muted, Ellipsis: t.Muted,
		FullKey: t.Key, FullDesc: t.Muted, FullSeparator: t.Muted,
	}
}

// NewTheme builds the styles in the default colours.
func NewTheme() *Theme { return NewThemeWith(DefaultColours()) }

// NewThemeWith builds the styles in the colours c (the config file's).
func NewThemeWith(c Colours) *Theme {
	cAccent, cMuted, cGood, cWarn, cBad, cSelBg, cMatch := c.Accent, c.Muted, c.Good, c.Warn, c.Bad, c.Selection, c.Match
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

// Marker is drawn in the selection column of the row under the cursor (other
// rows have blanks there): the selection shows in plain text, with NO_COLOR
// too, where the colour theme adds its background highlight.
const Marker = "›"

// Gutter is the width of the selection column in front of every list row.
const Gutter = 2

// Row draws a list row behind the selection column; the selected row carries
// the marker and the highlight across w cells (one style for the whole row:
// inner colours would end its background early).
func (t *Theme) Row(line string, w int, selected bool) string {
	if !selected {
		return "  " + line
	}
	return t.SelectedLine(Marker+" "+ansiStrip(line), w)
}

// SelectedLine highlights an already marked plain line across w cells.
func (t *Theme) SelectedLine(plain string, w int) string {
	if Width(plain) > w {
		plain = ansi.Truncate(plain, max(0, w), "…")
	}
	return t.Selected.Render(plain + strings.Repeat(" ", max(0, w-Width(plain))))
}

// TabLabel draws a pane's label in the tab bar: the active one in brackets (seen
// without colour), the others with a blank either side, so that the bar does
// not move when the focus does.
func (t *Theme) TabLabel(label string, active bool) string {
	if active {
		return t.TabActive.Render("[" + label + "]")
	}
	return t.Tab.Render(" " + label + " ")
}

// huhTheme is the forms' theme: huh's base theme, whose focused field has a
// bar and whose select has a "> " cursor, with the focused button of a
// confirmation in brackets ("[Delete]  Keep ") so it shows without colour.
func huhTheme() *huh.Theme {
	th := huh.ThemeBase()
	focused := th.Focused.FocusedButton.Transform(func(s string) string { return "[" + s + "]" }).Bold(true)
	blurred := th.Focused.BlurredButton.Transform(func(s string) string { return " " + s + " " })
	th.Focused.FocusedButton, th.Blurred.FocusedButton = focused, focused
	th.Focused.BlurredButton, th.Blurred.BlurredButton = blurred, blurred
	return th
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
