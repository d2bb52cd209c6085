// Package store keeps tend's state in one bbolt file. It never holds the file
// between operations: each call opens it, runs one transaction and closes it,
// so a cockpit, `tend note` from another terminal and a nightly script work on
// one file side by side. Every write bumps a change counter and logs which
// accounts it touched, so a long-running reader reloads only what changed.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this tend writes and the newest it reads.
// Older files are migrated on first use (see migrate.go).
const SchemaVersion = 2

// Magic marks a tend database in its meta bucket.
const Magic = "tend"

// DefaultTimeout is how long an operation waits for another process's lock.
const DefaultTimeout = time.Second

// Store is a handle on a data file. It holds no open file; it is safe to copy
// and to use from several goroutines (each call opens and closes the file).
type Store struct {
	Path    string
	Timeout time.Duration    // lock wait; DefaultTimeout when zero
	Now     func() time.Time // clock; time.Now when nil
	Loc     *time.Location   // the user's zone for civil dates; time.Local when nil
	NoSync  bool             // skip fsync (bulk generation of throw-away books only)
	// BeforeCommit, when set, runs at the end of every write transaction; an
	// error aborts it. Tests use it to inject failures (a full disk, a crash).
	BeforeCommit func() error

	// Notify, when set, is told in a sentence about slow work the store does
	// on its own (upgrading a file written by an older tend).
	Notify func(string)

	migrating bool // a migration's own transactions read an older schema
	noKeep    bool // a migration keeps no copy first (the file is itself a copy)
	// Expect, when set, is the identity of the book the caller loaded: a
	// write (Update) on a file with another identity (a restored or swapped
	// book) is refused with a *ReplacedError and nothing is written.
	Expect *Identity

	hooks *hooks // test seams; nil outside this package's tests
	// noTextIndex: writes leave the full-text index alone, as a tend that
	// predates it would (this package's tests).
	noTextIndex bool
}

// hooks let this package's tests stop an operation at the moment that
// matters (a writer that has opened the file but not yet locked it; a restore
// that holds the lock). They are never set outside tests.
type hooks struct {
	opened   func(*os.File) // bolt.Open has opened the file and is about to lock it
	retried  func()         // open found the path replaced after locking and tries again
	swapping func()         // Restore holds the live file's lock, before the rename
	swapped  func()         // Restore holds the lock, after the rename
	copying  func()         // a snapshot read the meta pages and copies, without the lock
	chunk    func()         // a snapshot copied a chunk, before it looks at the book
	copied   func()         // a snapshot copied, before its last look
}

// New returns a store on the file at path.
func New(path string) *Store { return &Store{Path: path} }

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Store) loc() *time.Location {
	if s.Loc != nil {
		return s.Loc
	}
	return time.Local
}

// BusyError says another process holds the file's lock.
type BusyError struct{ Path string }

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s is busy: another tend is writing to it (try again in a moment)", e.Path)
}

// FileError says the file cannot be used as a tend database; it was not changed.
type FileError struct {
	Path   string
	Reason string
	Err    error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %s", e.Path, e.Reason) }
func (e *FileError) Unwrap() error { return e.Err }

// IsBusy reports whether err is a busy-file error.
func IsBusy(err error) bool {
	var b *BusyError
	return errors.As(err, &b)
}

// Exists reports whether the data file exists.
func (s *Store) Exists() bool {
	_, err := os.Stat(s.Path)
	return err == nil
}

// Init creates the data file (directory 0700, file 0600) if it does not exist.
// Creation is atomic: a fresh database is built in a temporary file and linked
// into place, so a racing process never sees a half-made file, and an existing
// file (even an empty or foreign one) is never overwritten.
func (s *Store) Init() error {
	if _, err := os.Stat(s.Path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return &FileError{Path: s.Path, Reason: "cannot read: " + errText(err), Err: err}
	}
	dir := filepath.Dir(s.Path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &FileError{Path: s.Path, Reason: "cannot create its directory: " + errText(err), Err: err}
	}
	tmp := filepath.Join(dir, "."+filepath.Base(s.Path)+".new-"+strconv.Itoa(os.Getpid()))
	_ = os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: s.timeout()})
	if err != nil {
		return &FileError{Path: s.Path, Reason: "cannot create: " + errText(err), Err: err}
	}
	err = db.Update(func(tx *bolt.Tx) error { return initBuckets(tx, s.now()) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp, s.Path)
		if errors.Is(err, fs.ErrExist) {
			err = nil // another process created it first; use theirs
		}
		if err == nil {
			err = syncDir(dir)
		}
	}
	_ = os.Remove(tmp)
	if err != nil {
		return &FileError{Path: s.Path, Reason: "cannot create: " + errText(err), Err: err}
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func (s *Store) timeout() time.Duration {
	if s.Timeout > 0 {
		return s.Timeout
	}
	return DefaultTimeout
}

// maxSwaps is how many times open tries again when the file it locked was
// replaced (restored) while it waited for the lock.
const maxSwaps = 20

// open opens the file, mapping bbolt's failures to clear errors. It never
// creates it. It returns the file bbolt locked: after taking the lock it
// checks that the path still names that file, because a restore may have
// renamed another file into place while it waited (bbolt's flock is on the
// file it opened, not on the path); if not, it closes and opens the new one,
// so it never writes into a replaced file.
func (s *Store) open(readOnly bool) (*bolt.DB, *os.File, error) {
	for attempt := 0; ; attempt++ {
		db, f, err := s.openOnce(readOnly)
		if err != nil {
			if errors.Is(err, errSwapped) {
				if attempt < maxSwaps {
					s.retried()
					continue
				}
				return nil, nil, s.swappedError()
			}
			return nil, nil, err
		}
		locked, err := f.Stat()
		if err == nil {
			var now os.FileInfo
			if now, err = os.Stat(s.Path); err == nil && os.SameFile(now, locked) {
				return db, f, nil
			}
		}
		db.Close()
		if attempt >= maxSwaps {
			return nil, nil, s.swappedError()
		}
		s.retried()
	}
}

// errSwapped says the path named another file when bbolt failed than when it began.
var errSwapped = errors.New("the data file was replaced while opening it")

func (s *Store) swappedError() error {
	return &FileError{Path: s.Path, Reason: fmt.Sprintf("was replaced or removed %d times while this tend waited for its lock (restores in progress?); nothing was written — try again", maxSwaps+1)}
}

func (s *Store) retried() {
	if s.hooks != nil && s.hooks.retried != nil {
		s.hooks.retried()
	}
}

func (s *Store) openOnce(readOnly bool) (*bolt.DB, *os.File, error) {
	st, err := os.Stat(s.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, &FileError{Path: s.Path, Reason: "no such data file yet (`tend account add NAME` starts it; `tend demo --db OTHER.db` writes a sample book elsewhere)", Err: err}
	case err != nil:
		return nil, nil, &FileError{Path: s.Path, Reason: "cannot read: " + errText(err), Err: err}
	case st.IsDir():
		return nil, nil, &FileError{Path: s.Path, Reason: "is a directory, not a tend data file"}
	case st.Size() == 0:
		return nil, nil, &FileError{Path: s.Path, Reason: "is empty, not a tend database (left untouched; `tend restore FILE` puts a backup in its place)"}
	}
	if !readOnly {
		if err := s.writable(); err != nil {
			return nil, nil, err
		}
	}
	var file *os.File
	opts := &bolt.Options{Timeout: s.timeout(), ReadOnly: readOnly, NoSync: s.NoSync && !readOnly, FreelistType: bolt.FreelistMapType,
		OpenFile: func(name string, flag int, mode os.FileMode) (*os.File, error) {
			f, err := os.OpenFile(name, flag, mode)
			if err == nil {
				file = f
				if s.hooks != nil && s.hooks.opened != nil {
					s.hooks.opened(f)
				}
			}
			return f, err
		}}
	var db *bolt.DB
	err = guard(func() error {
		var oerr error
		db, oerr = bolt.Open(s.Path, 0o600, opts)
		return oerr
	})
	if err != nil {
		if now, serr := os.Stat(s.Path); serr == nil && !os.SameFile(st, now) {
			return nil, nil, errSwapped // it failed on a file that is no longer the data file
		}
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, nil, &BusyError{Path: s.Path}
		case errors.Is(err, fs.ErrPermission):
			return nil, nil, &FileError{Path: s.Path, Reason: "permission denied", Err: err}
		}
		return nil, nil, &FileError{Path: s.Path, Reason: "not a tend database, or damaged (" + errText(err) + "); left untouched (`tend restore FILE` puts a backup in its place)", Err: err}
	}
	return db, file, nil
}

// guard runs fn, turning a panic or a memory fault (a truncated or damaged
// file read through the mmap) into an error.
func guard(fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged data file: %v", r)
		}
	}()
	return fn()
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// view runs fn in a read transaction on a freshly opened file.
func (s *Store) view(fn func(*Tx) error) error {
	db, f, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	err = guard(func() error {
		return db.View(func(btx *bolt.Tx) error {
			if err := s.checkSchema(btx, f); err != nil {
				return err
			}
			return fn(&Tx{tx: btx, s: s})
		})
	})
	return err
}

// update runs fn in a write transaction, refreshes the summaries of the
// accounts it touched, bumps the change counter and commits (fsynced) before
// returning. If fn or the commit fails, nothing is written.
func (s *Store) update(fn func(*Tx) error) error {
	if err := s.Init(); err != nil {
		return err
	}
	db, f, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	err = guard(func() error {
		return db.Update(func(btx *bolt.Tx) error {
			if err := s.checkSchema(btx, f); err != nil {
				return err
			}
			tx := &Tx{tx: btx, s: s, touched: map[uint64]bool{}}
			if err := fn(tx); err != nil {
				return err
			}
			if err := tx.finish(); err != nil {
				return err
			}
			if s.BeforeCommit != nil {
				return s.BeforeCommit()
			}
			return nil
		})
	})
	return err
}

// checkSchema refuses files that are not tend's or are newer than this tend,
// and, with Expect set, a book other than the one expected. The size is that
// of the file bbolt locked (f), not of whatever the path names now.
func (s *Store) checkSchema(tx *bolt.Tx, f *os.File) error {
	if f != nil {
		if st, err := f.Stat(); err == nil && st.Size() < tx.Size() {
			return &FileError{Path: s.Path, Reason: fmt.Sprintf("is truncated (%d bytes, its header says %d); left untouched — restore a backup", st.Size(), tx.Size())}
		}
	}
	m := tx.Bucket(bMeta)
	if m == nil {
		return &FileError{Path: s.Path, Reason: "is a bbolt file but not a tend database; left untouched"}
	}
	if string(m.Get(kMagic)) != Magic {
		return &FileError{Path: s.Path, Reason: "is not a tend database (no tend marker); left untouched"}
	}
	v := decodeU64(m.Get(kSchema))
	if v > SchemaVersion {
		return &FileError{Path: s.Path, Reason: fmt.Sprintf("was written by a newer tend (schema %d; this tend reads up to %d); left untouched", v, SchemaVersion)}
	}
	if v < SchemaVersion && !s.migrating {
		return errOldSchema
	}
	if s.Expect != nil {
		return s.require(tx, *s.Expect)
	}
	return nil
}
