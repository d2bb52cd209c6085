package views

import (
	"fmt"
	"strings"

	"github.com/tend-cli/tend/domain"
)

// sameNames knows which account names of a book more than one account has,
// so that the panes can show #N beside them (two "Acme Robotics" told
// apart). Worked out once per book.
type sameNames struct {
	book *domain.Book
	dup  map[string]bool
}

func nameKey(s string) string { return strings.ToLower(strings.TrimSpace(domain.Printable(s))) }

func (n *sameNames) set(b *domain.Book) {
	if b == n.book {
		return
	}
	n.book, n.dup = b, nil
	if b == nil {
		return
	}
	seen := make(map[string]bool, len(b.Sums))
	for i := range b.Sums {
		k := nameKey(b.Sums[i].Name)
		if seen[k] {
			if n.dup == nil {
				n.dup = map[string]bool{}
			}
			n.dup[k] = true
		}
		seen[k] = true
	}
}

// label is the account's name, with " #N" when another account has it too.
func (n *sameNames) label(name string, id uint64) string {
	if n.dup[nameKey(name)] {
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
