package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Token is one word of a text as the full-text search sees it: its byte
// range in the text, its place among the words (stop words counted, so a
// phrase keeps its gaps), its stem (Snowball English, lowercased) and the
// word itself (lowercased, a possessive 's dropped).
type Token struct {
	Start, End int
	Pos        int
	Stem       string
	Word       string
}

// Tokens splits text into words (runs of letters and digits; an
// apostrophe inside a word is part of it, a possessive 's is dropped) and
// stems them. Stop words (the, and, of…) are left out but counted.
func Tokens(text string) []Token {
	var out []Token
	pos := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			// don't, o'brien: an apostrophe between letters stays in the word.
			if (r == '\'' || r == '’') && i+size < len(text) {
				if n, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(n) {
					i += size
					continue
				}
			}
			break
		}
		word := strings.ToLower(text[start:i])
		word = strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
		if stem, ok := StemWord(word); ok {
			out = append(out, Token{Start: start, End: i, Pos: pos, Stem: stem, Word: word})
		}
		pos++
	}
	return out
}

// StemWord is a lowercased word's stem, or false for a stop word.
func StemWord(word string) (string, bool) {
	if english.IsStopWord(word) {
		return "", false
	}
	if len(word) > 64 {
		word = word[:64] // a run of letters that long is no word; keep it whole-ish, bounded
		for !utf8.ValidString(word) {
			word = word[:len(word)-1]
		}
	}
	if s := english.Stem(word, false); s != "" {
		return s, true
	}
	return word, true
}

// Stems are the stems of text's words, in order.
func Stems(text string) []string {
	var out []string
	for _, t := range Tokens(text) {
		out = append(out, t.Stem)
	}
	return out
}

// WordBit is the bit of a word in a 32-bit set of a stem's forms: the
// search index keeps, with each document's stem, the bits of the words it
// was written as, so that the word typed exactly ranks above its other
// forms (a set of bits, not the words: two words may share a bit, 1 in 32).
func WordBit(word string) uint32 {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(word); i++ {
		h ^= uint32(word[i])
		h *= 16777619
	}
	return 1 << (h % 32)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
