package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ReplacedError says the file is not the book the caller loaded: it was
// restored from a backup or otherwise replaced since. Nothing was written.
type ReplacedError struct {
	Path      string
	Want, Got Identity
}

func (e *ReplacedError) Error() string {
	return fmt.Sprintf("%s is no longer the book that was loaded (it was restored or replaced since); nothing was written", e.Path)
}

// IsReplaced reports whether err says the book was replaced since it was loaded.
func IsReplaced(err error) bool {
	var r *ReplacedError
	return errors.As(err, &r)
}

// Require fails with a *ReplacedError unless the book is the one named by id
// (same book id and generation). A write that was prepared against a loaded
// book calls it first (or sets Store.Expect), so it never lands in another.
func (t *Tx) Require(id Identity) error { return t.s.require(t.tx, id) }

func (s *Store) require(tx *bolt.Tx, id Identity) error {
	if got := readIdentity(tx); got != id {
		return &ReplacedError{Path: s.Path, Want: id, Got: got}
	}
	return nil
}

// RestoreResult says what a restore did.
type RestoreResult struct {
	Target   string   // the file replaced: the data path, or the file its symbolic link points at
	Kept     string   // where the replaced file is kept; "" when there was none
	Identity Identity // the restored book: the backup's book id, a new generation
}

// maxRestoreSwaps bounds how often Restore starts again when the file it
// locked was itself replaced (by another restore) while it waited.
const maxRestoreSwaps = 20

// Restore puts a verified copy of the backup src in place of the data file.
//
// The copy is made from one read transaction of src into a temporary file
// next to the data file, must pass the check, gets a new generation (so
// every process can tell the book was replaced) and is fsynced. Restore then
// takes the live file's lock — the flock bbolt itself takes, on the file
// whatever it holds, so it works over an empty, truncated, garbage or
// foreign file — keeps that file as DATA.before-restore-YYYYMMDD-HHMMSS
// (never overwriting an earlier one), renames the copy into place while
// holding the lock and fsyncs the directory. A symbolic link at the data
// path is kept: its target is replaced. Writers that waited on the old
// file's lock notice the swap and write into the new file (see open).
// Copies left by restores that were killed are removed first.
func (s *Store) Restore(src string) (RestoreResult, error) {
	var res RestoreResult
	target, err := resolveLink(s.Path)
	if err != nil {
		return res, &FileError{Path: s.Path, Reason: "cannot resolve: " + errText(err), Err: err}
	}
	res.Target = target
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return res, err
	}
	RemoveStaleRestoreCopies(dir)
	tmp, id, err := s.restoredCopy(src, target)
	if err != nil {
		return res, err
	}
	defer os.Remove(tmp) // fails harmlessly once it is renamed into place
	res.Identity = id

	for attempt := 0; ; attempt++ {
		f, err := os.Open(target)
		if errors.Is(err, fs.ErrNotExist) {
			// No file to replace: link the copy into place, unless a tend creates one first.
			if err := os.Link(tmp, target); errors.Is(err, fs.ErrExist) {
				continue
			} else if err != nil {
				return res, err
			}
			return res, syncDir(dir)
		}
		if err != nil {
			return res, &FileError{Path: s.Path, Reason: "cannot open: " + errText(err), Err: err}
		}
		res.Kept, err = s.swapLocked(f, tmp, target)
		f.Close() // releases the lock
		if errors.Is(err, errSwapped) && attempt < maxRestoreSwaps {
			continue
		}
		if errors.Is(err, errSwapped) {
			return res, s.swappedError()
		}
		return res, err
	}
}

// swapLocked locks f (the file at target), checks that target still names
// it, keeps it and renames tmp over it. The caller closes f, which unlocks.
func (s *Store) swapLocked(f *os.File, tmp, target string) (string, error) {
	if st, err := f.Stat(); err != nil {
		return "", err
	} else if st.IsDir() {
		return "", &FileError{Path: s.Path, Reason: "is a directory, not a tend data file"}
	}
	if err := lockFile(f, s.timeout()); err != nil {
		if errors.Is(err, errLockTimeout) {
			return "", &BusyError{Path: s.Path}
		}
		return "", &FileError{Path: s.Path, Reason: "cannot lock: " + errText(err), Err: err}
	}
	locked, err := f.Stat()
	if err != nil {
		return "", err
	}
	if now, err := os.Stat(target); err != nil || !os.SameFile(now, locked) {
		return "", errSwapped // another restore swapped it while we waited
	}
	if s.hooks != nil && s.hooks.swapping != nil {
		s.hooks.swapping()
	}
	// Lock the new file too, until its name is durable: a writer that opens
	// it as soon as it is in place waits, so nothing is acknowledged in a
	// file whose directory entry a crash could still take back.
	nf, err := os.Open(tmp)
	if err != nil {
		return "", err
	}
	defer nf.Close()
	if err := lockFile(nf, s.timeout()); err != nil {
		return "", fmt.Errorf("locking the restored copy: %w", err)
	}
	kept, err := s.keep(f, target)
	if err != nil {
		return "", fmt.Errorf("keeping the current file before the restore: %w; nothing was changed", err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return kept, fmt.Errorf("putting the restored file in place: %w; the data file is unchanged", err)
	}
	if s.hooks != nil && s.hooks.swapped != nil {
		s.hooks.swapped()
	}
	return kept, syncDir(filepath.Dir(target))
}

// restoredCopy copies the backup into a temporary file next to target,
// checks the copy, gives it a new generation and fsyncs it.
func (s *Store) restoredCopy(src, target string) (string, Identity, error) {
	var id Identity
	// Named for this process (TempFile), so that once it is killed the next
	// restore or cockpit start removes the copy (RemoveStaleRestoreCopies).
	tf, err := TempFile(filepath.Dir(target), "."+filepath.Base(target)+restoringInfix, "")
	if err != nil {
		return "", id, err
	}
	tmp := tf.Name()
	fail := func(err error) (string, Identity, error) {
		tf.Close()
		os.Remove(tmp)
		return "", id, err
	}
	// The source is only read, even when an older tend wrote it (the copy is
	// upgraded below, never the backup itself).
	// A compressed backup (an older day's) is decompressed into the copy;
	// the check below then reads it as it would the backup.
	if IsCompressed(src) {
		if err := decompressTo(src, tf); err != nil {
			return fail(fmt.Errorf("%s cannot be restored: %w", src, err))
		}
	} else {
		b := &Store{Path: src, Timeout: s.timeout(), Now: s.Now, Loc: s.Loc, migrating: true}
		if err := b.view(func(tx *Tx) error { _, err := tx.tx.WriteTo(tf); return err }); err != nil {
			return fail(fmt.Errorf("%s cannot be restored: %w", src, err))
		}
	}
	if err := tf.Sync(); err != nil {
		return fail(err)
	}
	if err := tf.Close(); err != nil {
		return fail(err)
	}
	// Checking the copy upgrades it if an older tend wrote it; the backup it
	// came from is the copy of the old layout, so none is kept beside it.
	c := &Store{Path: tmp, Timeout: s.timeout(), Now: s.Now, Loc: s.Loc, noKeep: true}
	probs, err := c.Check()
	if err == nil && len(probs) > 0 {
		err = fmt.Errorf("it fails the check (%d problems, first: %s)", len(probs), probs[0])
	}
	if err != nil {
		os.Remove(tmp)
		return "", id, fmt.Errorf("%s cannot be restored: %w", src, err)
	}
	// A new generation tells every process that this is not the book it had.
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: s.timeout()})
	if err == nil {
		err = db.Update(func(tx *bolt.Tx) error {
			if err := newGeneration(tx); err != nil {
				return err
			}
			id = readIdentity(tx)
			return nil
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return "", id, fmt.Errorf("preparing the restored copy: %w", err)
	}
	return tmp, id, nil
}

// keep makes the locked file f (at target) survive the restore as
// target.before-restore-YYYYMMDD-HHMMSS, with -2, -3 … when that name is
// taken: a hard link, or where the file system has none, a copy. It never
// overwrites a file.
func (s *Store) keep(f *os.File, target string) (string, error) {
	base := target + ".before-restore-" + s.now().In(s.loc()).Format("20060102-150405")
	for n := 1; ; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		err := os.Link(target, name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			err = copyKept(f, name)
			if errors.Is(err, fs.ErrExist) {
				continue
			}
		}
		if err != nil {
			return "", err
		}
		return name, syncDir(filepath.Dir(target))
	}
}

func copyKept(f *os.File, name string) error {
	out, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, io.NewSectionReader(f, 0, 1<<62))
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// resolveLink follows symbolic links at path (even a dangling one) to the
// file they name, so a restore replaces the target and keeps the link.
func resolveLink(path string) (string, error) {
	for i := 0; i < 40; i++ {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&os.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// errLockTimeout says the lock was not free within the timeout.
var errLockTimeout = errors.New("lock timeout")

// lockPoll is how often a restore waiting for the lock tries again.
const lockPoll = 2 * time.Millisecond
