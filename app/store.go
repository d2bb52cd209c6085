package app

import (
	"os"
	"time"

	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// Store is the book as the use cases see it: a read transaction and a write
// transaction (*store.Store; tests use a real one on a file in a temporary
// directory, never a stand-in).
type Store interface {
	View(func(*store.Tx) error) error
	Update(func(*store.Tx) error) error
}

var _ Store = (*store.Store)(nil)

// The store's types that the programs hold on to, named here so that a
// program needs the use cases only, not the store.
type (
	// File is a handle on the data file (it holds no open file; copy it freely).
	File = store.Store
	// Identity names one book file: a restored copy has another.
	Identity = store.Identity
	// Cursor is where the next page of an account's timeline starts.
	Cursor = store.Cursor
	// Detail is everything about one account, with the cursor of its
	// timeline's next page.
	Detail = store.Detail
	// CSVOptions say how ImportCSV reads a file: the kind of record, the
	// currency of bare amounts, today.
	CSVOptions = formats.CSVOptions
)

// NewFile returns a handle on the data file at path, on the clock now (time.Now when nil).
func NewFile(path string, now func() time.Time) *File {
	f := store.New(path)
	f.Now = now
	return f
}

// Expecting returns a copy of st that reads and writes only in the book
// named id: on a file that is another book, or another generation of it (a
// restore put a backup in its place), every call fails with an error that
// IsReplaced reports, and nothing is written. A program that loaded a book
// writes through it, so that nothing prepared against one book lands in another.
func Expecting(st File, id Identity) File {
	st.Expect = &id
	return st
}

// IsReplaced reports whether err says the book was replaced since it was loaded.
func IsReplaced(err error) bool { return store.IsReplaced(err) }

// IsBusy reports whether err says another process holds the file's lock.
func IsBusy(err error) bool { return store.IsBusy(err) }

// Probe opens the file for one empty read: it fails fast on a busy,
// damaged or foreign file (and migrates one written by an older tend).
func Probe(st Store) error { return st.View(func(*store.Tx) error { return nil }) }

// Scratch files (a note handed to an editor) sit next to the data file,
// never in a shared temporary directory: mode 0600, named prefix, the
// process id, a random part and suffix.

// NewScratchFile creates a scratch file in dir.
func NewScratchFile(dir, prefix, suffix string) (*os.File, error) {
	return store.TempFile(dir, prefix, suffix)
}

// RemoveLeftovers removes from dir the scratch files (prefix, suffix) of
// processes that no longer run, and the copies of a backup that a restore
// killed before it finished left; those of running processes stay.
func RemoveLeftovers(dir, prefix, suffix string) {
	store.RemoveStale(dir, prefix, suffix)
	store.RemoveStaleRestoreCopies(dir)
}
