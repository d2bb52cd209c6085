package store

// Interactions: the timeline, keyed account + time + ID so that a page of the
// newest is a cursor seek.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tend-cli/tend/domain"
)

// validInteraction validates i, and refuses a time its key cannot hold
// (defence in depth: validation keeps times well inside).
func validInteraction(i *domain.Interaction) error {
	if err := i.Validate(); err != nil {
		return err
	}
	return keyable("at", i.At)
}

// AddInteraction validates and stores an interaction; its attendees' last touch moves forward.
func (t *Tx) AddInteraction(i *domain.Interaction) error {
	if i.At.IsZero() {
		i.At = t.now()
	}
	i.At = i.At.UTC()
	if err := validInteraction(i); err != nil {
		return err
	}
	if err := t.mustAccount(i.AccountID); err != nil {
		return err
	}
	if i.ID == 0 {
		id, err := t.nextID(bInteractions)
		if err != nil {
			return err
		}
		i.ID = id
	} else if err := keepID(t.b(bInteractions), i.ID); err != nil {
		return err
	}
	if i.UID == "" {
		i.UID = NewUID()
	}
	k := interactionKey(i.AccountID, i.At, i.ID)
	if err := putJSON(t.b(bInteractions), k, i); err != nil {
		return err
	}
	if err := t.b(bInterIDs).Put(u64(i.ID), k); err != nil {
		return err
	}
	for _, cid := range i.Attendees {
		var c domain.Contact
		if found, err := getJSON(t.b(bContacts), key2(i.AccountID, cid), &c); err != nil {
			return err
		} else if found && c.LastTouch.Before(i.At) {
			c.LastTouch = i.At
			if err := putJSON(t.b(bContacts), key2(i.AccountID, cid), &c); err != nil {
				return err
			}
		}
	}
	t.touchNote(i.AccountID, i.ID, false)
	return nil
}

// Interactions returns up to n interactions of the account, newest first,
// strictly older than the cursor (pass the zero Cursor for the newest page),
// and the cursor for the next page (zero when there is none).
func (t *Tx) Interactions(acct uint64, after Cursor, n int) ([]domain.Interaction, Cursor, error) {
	c := t.b(bInteractions).Cursor()
	p := u64(acct)
	from := u64(acct + 1)
	if after.key != nil {
		from = after.key
	}
	k, v := seekBefore(c, from)
	var out []domain.Interaction
	for ; k != nil && bytes.HasPrefix(k, p) && len(out) < n; k, v = c.Prev() {
		var i domain.Interaction
		if err := json.Unmarshal(v, &i); err != nil {
			return out, Cursor{}, fmt.Errorf("interaction %x does not decode: %w", k, err)
		}
		out = append(out, i)
	}
	next := Cursor{}
	if len(out) == n && k != nil && bytes.HasPrefix(k, p) {
		last := out[len(out)-1]
		next.key = interactionKey(acct, last.At, last.ID)
	}
	return out, next, nil
}

// Cursor marks a place in a timeline.
type Cursor struct{ key []byte }

// More reports whether there is a next page.
func (c Cursor) More() bool { return c.key != nil }

// lastInteraction is the newest interaction's time, or zero.
func (t *Tx) lastInteraction(acct uint64) time.Time {
	k, _ := seekBefore(t.b(bInteractions).Cursor(), u64(acct+1))
	if k == nil || len(k) != 24 || binary.BigEndian.Uint64(k) != acct {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k[8:])^(1<<63))).UTC()
}

// CountInteractions counts the account's interactions.
func (t *Tx) CountInteractions(acct uint64) int {
	n := 0
	p := u64(acct)
	c := t.b(bInteractions).Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		n++
	}
	return n
}

// DeleteInteraction removes one interaction (undo of a logged touch).
func (t *Tx) DeleteInteraction(acct, id uint64) error {
	k := t.b(bInterIDs).Get(u64(id))
	if k == nil || !bytes.HasPrefix(k, u64(acct)) {
		return notFound("interaction", id)
	}
	k = bytes.Clone(k)
	if err := t.b(bInteractions).Delete(k); err != nil {
		return err
	}
	t.touchNote(acct, id, true)
	return t.b(bInterIDs).Delete(u64(id))
}
