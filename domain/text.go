package domain

import (
	"strings"
	"unicode/utf8"
)

// Printable neutralises text from outside (imports, notes, names) for display
// on a terminal: escape sequences, C0 and C1 controls, DEL, bidi overrides and
// invalid UTF-8 become visible placeholders, so no byte of data can move the
// cursor, set the clipboard, open a link or reset the screen. Newlines and tabs
// become spaces. Clean text is returned as is, without allocating.
func Printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune('�')
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r == 0x1b:
			b.WriteRune('␛')
		case r < 0x20:
			b.WriteRune(0x2400 + r) // ␀ … ␟ control pictures
		case r == 0x7f:
			b.WriteRune('␡')
		case r >= 0x80 && r <= 0x9f:
			b.WriteRune('�')
		case isBidiControl(r):
			b.WriteRune('�')
		case isZeroWidth(r):
			// left out: invisible, and terminals disagree on the cell it takes
		case isLeadingJamo(r) && !isVowelJamo(nextRune(s[i+size:])):
			// A Hangul leading consonant that starts no syllable: joined to
			// what follows in one grapheme (2 cells) where a terminal draws
			// each (2 cells each), it would push a box's border out.
			b.WriteRune('�')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isZeroWidth: a character that takes no cell and shows nothing (a zero
// width space or joiner, a word joiner, the byte order mark).
func isZeroWidth(r rune) bool {
	return r >= 0x200b && r <= 0x200d || r >= 0x2060 && r <= 0x2064 || r == 0xfeff
}

// isLeadingJamo and isVowelJamo: the conjoining Hangul jamo that start and
// continue a syllable.
func isLeadingJamo(r rune) bool { return r >= 0x1100 && r <= 0x115f || r >= 0xa960 && r <= 0xa97f }
func isVowelJamo(r rune) bool   { return r >= 0x1160 && r <= 0x11a7 || r >= 0xd7b0 && r <= 0xd7c6 }

func nextRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// Fold lowercases and trims a name for matching (case-insensitive, spaces collapsed).
func Fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Excerpt is s made Printable and cut to at most n characters, ending in "…"
// when cut: for quoting untrusted values (a 100 MB CSV field, a garbage
// environment variable) in messages. Only the head of s is looked at.
func Excerpt(s string, n int) string {
	if n <= 0 {
		return ""
	}
	cut := false
	for i, count := 0, 0; i < len(s); count++ {
		if count == n-1 {
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size < len(s) {
				s, cut = s[:i], true
			}
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if cut {
		return Printable(s) + "…"
	}
	return Printable(s)
}

// PrintableText is Printable for text whose lines and tabs are its own (a
// note, a CSV cell): newlines and tabs stay, every other control, escape
// sequence, bidi override and invalid byte is neutralised as Printable does.
func PrintableText(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return Printable(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		for j, c := range cells {
			cells[j] = Printable(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}
