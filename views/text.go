package views

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/tend-cli/tend/domain"
)

// Fit makes untrusted text safe and exactly w cells wide: control and escape
// sequences neutralised, cut with … when too long, padded with spaces when
// short. Wide characters and emoji count as the cells they take.
func Fit(s string, w int) string {
	s, pad := fit(s, w)
	return s + pad
}

// FitRight is Fit aligned to the right (for numbers).
func FitRight(s string, w int) string {
	s, pad := fit(s, w)
	return pad + s
}

// fit neutralises s, cuts it to w cells and returns the padding it lacks.
func fit(s string, w int) (string, string) {
	if w <= 0 {
		return "", ""
	}
	s = domain.Printable(s)
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	return s, strings.Repeat(" ", max(0, w-sw))
}

// Clip makes untrusted text safe and at most w cells wide, without padding.
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = domain.Printable(s)
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s
}

// ansiStrip removes our own styling from a rendered line.
func ansiStrip(s string) string { return ansi.Strip(s) }

// ansiTrunc cuts an already styled line to w cells.
func ansiTrunc(s string, w int) string { return ansi.Truncate(s, w, "…") }

// Width is the number of cells s takes.
func Width(s string) int { return ansi.StringWidth(s) }

// clipLines cuts every line of an already styled block to w cells, each cut ending in ….
func clipLines(s string, w int) string {
	if w <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// ansiWrap wraps our own text at words to w cells.
func ansiWrap(s string, w int) string { return ansi.Wrap(s, max(10, w), " ") }
