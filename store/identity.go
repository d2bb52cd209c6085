package store

import (
	"fmt"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Identity names one book file. BookID is given when the book is created and
// kept by every copy of it (a backup, a restored backup). Generation changes
// whenever the file is replaced wholesale (a restore), so a process that
// holds an older view of the book, or that waited on the lock of a file that
// has since been swapped, can tell that the book under the path is not the
// one it was about to write to.
type Identity struct {
	BookID     string `json:"book_id"`
	Generation string `json:"generation"`
}

// Meta keys of the identity.
var (
	kBookID     = []byte("book_id")
	kGeneration = []byte("generation")
	kDevice     = []byte("device") // the installation that created the file; change stamps name it
)

// NewUID returns a new globally unique, time-ordered record id (UUIDv7).
func NewUID() string { return uuid.Must(uuid.NewV7()).String() }

// Identity reads the book's identity.
func (t *Tx) Identity() Identity { return readIdentity(t.tx) }

func readIdentity(tx *bolt.Tx) Identity {
	m := tx.Bucket(bMeta)
	if m == nil {
		return Identity{}
	}
	return Identity{BookID: string(m.Get(kBookID)), Generation: string(m.Get(kGeneration))}
}

// ensureIdentity gives a book that has none (a new file, or one written
// before identities existed) its book id, generation and device.
func ensureIdentity(tx *bolt.Tx) error {
	m := tx.Bucket(bMeta)
	for _, k := range [][]byte{kBookID, kGeneration, kDevice} {
		if len(m.Get(k)) == 0 {
			if err := m.Put(k, []byte(NewUID())); err != nil {
				return err
			}
		}
	}
	return nil
}

// newGeneration marks the book as replaced (called on a restored copy before it is put in place).
func newGeneration(tx *bolt.Tx) error {
	if err := ensureIdentity(tx); err != nil {
		return err
	}
	return tx.Bucket(bMeta).Put(kGeneration, []byte(NewUID()))
}

// AdoptBookID makes an empty book a copy of the book with the given id (a
// full export taken back into it): the book id is taken, the generation is new.
func (t *Tx) AdoptBookID(bookID string) error {
	if !t.Empty() {
		return fmt.Errorf("only an empty book can take another book's id")
	}
	if err := t.tx.Bucket(bMeta).Put(kBookID, []byte(bookID)); err != nil {
		return err
	}
	t.touch(0)
	return newGeneration(t.tx)
}
