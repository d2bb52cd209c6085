package views

import (
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// sameNames tells which account names of a book more than one account
// has, so that the panes can show #N beside them (two "Acme Robotics" told
// apart); the book works it out once, off the event loop.
type sameNames struct{ book *domain.Book }

func nameKey(s string) string { return domain.NameKey(s) }

func (n *sameNames) set(b *domain.Book) { n.book = b }

// shared reports whether another account of the book has name.
func (n *sameNames) shared(name string) bool { return n.book != nil && n.book.SharedName(name) }

// label is the account's name, with " #N" when another account has it too.
func (n *sameNames) label(name string, id uint64) string {
	if n.shared(name) {
		return fmt.Sprintf("%s #%d", name, id)
	}
	return name
}

// SameNameNote says which accounts of the book already have name ("" when none).
func SameNameNote(b *domain.Book, name string) string {
	k := nameKey(name)
	if b == nil || k == "" {
		return ""
	}
	var list []string
	for i := range b.Sums {
		if nameKey(b.Sums[i].Name) == k {
			list = append(list, fmt.Sprintf("%s (#%d)", domain.Printable(b.Sums[i].Name), b.Sums[i].ID))
		}
	}
	if len(list) == 0 {
		return ""
	}
	return "! another account is named " + strings.Join(list, ", ") + ": it saves, but a different name tells them apart"
}
