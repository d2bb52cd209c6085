package store

import "github.com/tend-cli/tend/domain"

// RequireAccount fails unless the account numbered id is the one whose
// global UID is uid: with an ENOTFOUND error when there is no account id (it
// was deleted), with an ECONFLICT error when the number now names another
// account (a restore of another book, an import that renumbered). A write
// prepared against an account some time ago (a prompt, a confirmation, a
// form) calls it first, so it never lands on another customer.
func (t *Tx) RequireAccount(id uint64, uid string) error {
	if t.b(bAccounts).Get(u64(id)) == nil {
		return domain.Errorf(domain.ENOTFOUND, "account #%d is no longer in the book (deleted elsewhere)", id)
	}
	if got := storedUID(t.b(bAccounts), u64(id)); uid == "" || got != uid {
		return domain.Errorf(domain.ECONFLICT, "account #%d is now another account (the book was replaced or renumbered)", id)
	}
	return nil
}
