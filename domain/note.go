package domain

import (
	"fmt"
	"strings"
)

// NoteItem is an action item found in a note.
type NoteItem struct {
	Line int    // 1-based line of the note
	Text string // without the checkbox and the @due
	Due  Date   // zero when the line had no @due
}

// ParsedNote is what a note's text yields.
type ParsedNote struct {
	Items    []NoteItem
	Problems []string // lines whose @due could not be read; the item is kept without a due date
}

// ParseNote finds the open checkboxes in a note: lines such as
//
//   - [ ] send pricing @fri
//   - [ ] book the QBR @2026-12-01
//     [ ] intro to finance @+2w
//
// become action items; the last @word, when it reads as a date, is the due date.
// Ticked boxes ([x]) are not action items.
func ParseNote(text string, today Date) ParsedNote {
	var out ParsedNote
	for n, line := range strings.Split(text, "\n") {
		s := strings.TrimSpace(line)
		s = strings.TrimPrefix(s, "- ")
		s = strings.TrimPrefix(s, "* ")
		s = strings.TrimSpace(s)
		if !strings.HasPrefix(s, "[ ]") && !strings.HasPrefix(s, "[]") {
			continue
		}
		s = strings.TrimSpace(s[strings.IndexByte(s, ']')+1:])
		item := NoteItem{Line: n + 1, Text: s}
		if i := strings.LastIndex(s, " @"); i >= 0 || strings.HasPrefix(s, "@") {
			tok := s[i+1:]
			if strings.HasPrefix(s, "@") && i < 0 {
				tok = s
			}
			if !strings.ContainsAny(tok, " \t") {
				if due, err := ParseDate(tok[1:], today); err == nil {
					item.Due = due
					item.Text = strings.TrimSpace(strings.TrimSuffix(s, tok))
				} else {
					out.Problems = append(out.Problems, fmt.Sprintf("line %d: %s is not a date; the item has no due date", n+1, Printable(tok)))
				}
			}
		}
		if item.Text == "" {
			out.Problems = append(out.Problems, fmt.Sprintf("line %d: an empty checkbox is not an action item", n+1))
			continue
		}
		out.Items = append(out.Items, item)
	}
	return out
}
