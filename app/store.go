package app

import "github.com/tend-cli/tend/store"

// Store is the book as the use cases see it: a read transaction and a write
// transaction (*store.Store; tests use a real one on a file in a temporary
// directory, never a stand-in).
type Store interface {
	View(func(*store.Tx) error) error
	Update(func(*store.Tx) error) error
}

var _ Store = (*store.Store)(nil)
