package store

// Contacts: the people at an account.

import (
	"github.com/tend-cli/tend/domain"
)

// PutContact validates and stores c; a zero ID creates it.
func (t *Tx) PutContact(c *domain.Contact) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := t.mustAccount(c.AccountID); err != nil {
		return err
	}
	if c.ID == 0 {
		id, err := t.nextID(bContacts)
		if err != nil {
			return err
		}
		c.ID, c.Created = id, t.now()
	} else if err := keepID(t.b(bContacts), c.ID); err != nil {
		return err
	}
	c.UID = uidOf(c.UID, func() string { return storedUID(t.b(bContacts), key2(c.AccountID, c.ID)) })
	t.touchPeople(c.AccountID)
	return putJSON(t.b(bContacts), key2(c.AccountID, c.ID), c)
}

// Contacts of an account, in creation order.
func (t *Tx) Contacts(acct uint64) ([]domain.Contact, error) {
	return listPrefix[domain.Contact](t.b(bContacts), acct)
}

// DeleteContact removes a contact.
func (t *Tx) DeleteContact(acct, id uint64) error {
	t.touchPeople(acct)
	return t.b(bContacts).Delete(key2(acct, id))
}
