package store

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// A snapshot is a consistent copy of the book taken without holding the
// file's lock while it copies, so that no writer waits on a backup of a
// large book (a writer waits at most Timeout, then says busy).
//
// It rests on how bbolt writes: a write transaction never writes a page that
// the book as of the previous commit can reach (it writes new pages, then
// the meta page that points at them; that is what makes a crash mid-write
// safe). So the pages the book at transaction N reaches stay as they are
// through the next write, N+1, and only a second write, N+2, may reuse them.
// The snapshot reads the meta page of N under the (shared) lock, which takes
// a few milliseconds, copies the file up to N's size with no lock at all,
// and takes the lock again to read the transaction now: N or N+1, the copy
// holds book N exactly (pages N+1 wrote are free space in N); any later, it
// starts again. The copy's two meta pages are N's, as bbolt's own
// Tx.WriteTo writes them.

// snapshotTries bounds how often a snapshot starts again because the book
// was written twice or more while it was being copied.
const snapshotTries = 5

// errUnchanged says the snapshot was not needed (skip said so).
var errUnchanged = errors.New("unchanged since the last backup")

// errCaught stops bbolt's Tx.WriteTo once it has written the meta pages.
var errCaught = errors.New("meta pages caught")

// snapshotOf says which book a snapshot holds.
type snapshotOf struct {
	Identity Identity
	Changes  uint64
}

// metaPages keeps the first limit bytes written to it, then refuses.
type metaPages struct {
	buf   []byte
	limit int
}

func (p *metaPages) Write(b []byte) (int, error) {
	if len(p.buf)+len(b) > p.limit {
		return 0, errCaught
	}
	p.buf = append(p.buf, b...)
	return len(b), nil
}

// snapshot writes a consistent copy of the book into f (truncated first).
// skip, when set, is asked first: true ends it with errUnchanged and
// nothing written.
func (s *Store) snapshot(f *os.File, skip func(snapshotOf) bool) (snapshotOf, error) {
	for try := 1; ; try++ {
		of, done, err := s.snapshotOnce(f, skip)
		if err != nil || done {
			return of, err
		}
		if try == snapshotTries {
			return of, fmt.Errorf("the book was written %d times while it was being copied (try again in a quieter moment)", snapshotTries)
		}
	}
}

// snapshotOnce copies the book once; done is false when it was written
// more than once meanwhile (or replaced), and the copy must start again.
func (s *Store) snapshotOnce(f *os.File, skip func(snapshotOf) bool) (of snapshotOf, done bool, err error) {
	var (
		src  *os.File
		meta metaPages
		txid int
		size int64
	)
	err = s.View(func(tx *Tx) error {
		of = snapshotOf{Identity: tx.Identity(), Changes: tx.Changes()}
		if skip != nil && skip(of) {
			return errUnchanged
		}
		meta.limit = 2 * tx.tx.DB().Info().PageSize
		if _, err := tx.tx.WriteTo(&meta); !errors.Is(err, errCaught) {
			if err == nil {
				err = errors.New("the book has no data pages")
			}
			return err
		}
		txid, size = tx.tx.ID(), tx.tx.Size()
		// While the lock is held, the path names the file read (a
		// restore renames only under the exclusive lock).
		var err error
		src, err = os.Open(s.Path)
		return err
	})
	if err != nil {
		return of, false, err
	}
	defer src.Close()
	if s.hooks != nil && s.hooks.copying != nil {
		s.hooks.copying()
	}
	if err := f.Truncate(0); err != nil {
		return of, false, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return of, false, err
	}
	if _, err := f.Write(meta.buf); err != nil {
		return of, false, err
	}
	if _, err := src.Seek(int64(len(meta.buf)), io.SeekStart); err != nil {
		return of, false, err
	}
	// A file-to-file copy: the kernel copies (copy_file_range).
	if n, err := f.ReadFrom(io.LimitReader(src, size-int64(len(meta.buf)))); err != nil {
		return of, false, err
	} else if n != size-int64(len(meta.buf)) {
		return of, false, fmt.Errorf("the data file is shorter (%d bytes) than its book (%d)", n+int64(len(meta.buf)), size)
	}
	if s.hooks != nil && s.hooks.copied != nil {
		s.hooks.copied()
	}
	same := false
	err = s.View(func(tx *Tx) error {
		now := tx.tx.ID()
		a, aerr := src.Stat()
		b, berr := os.Stat(s.Path)
		same = aerr == nil && berr == nil && os.SameFile(a, b) && now <= txid+1
		return nil
	})
	return of, same, err
}
