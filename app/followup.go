package app

import (
	"fmt"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
)

// BookedError says the next check-in is already booked by an open item.
type BookedError struct{ Item domain.ActionItem }

func (e *BookedError) Error() string {
	due := "no date"
	if e.Item.Due != 0 {
		due = "due " + e.Item.Due.String()
	}
	return fmt.Sprintf("the next check-in is already booked: “%s” (%s, item #%d)", domain.Printable(e.Item.Text), due, e.Item.ID)
}

// BookCheckIn books the next check-in of the follow-up f as an action item
// of the account acct, once: when an open item already books a check-in
// (this cockpit's, another's, one typed by hand), nothing is written and
// the error is a *BookedError naming it.
func BookCheckIn(st Store, acct Ref, f domain.FollowUp) (domain.ActionItem, error) {
	var it domain.ActionItem
	err := onAccount(st, acct, func(tx *store.Tx) error {
		items, err := tx.ActionItems(acct.ID)
		if err != nil {
			return err
		}
		for _, cur := range items {
			if !cur.Done && domain.IsCheckIn(cur.Text) {
				return &BookedError{Item: cur}
			}
		}
		it = f.CheckInItem()
		it.AccountID = acct.ID
		return tx.PutActionItem(&it)
	})
	return it, err
}
