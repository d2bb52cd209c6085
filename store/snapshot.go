package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A snapshot is a consistent copy of the book taken without holding the
// file's lock while it copies, so that no writer waits on a backup of a
// large book (a writer waits at most Timeout, then says busy).
//
// It rests on how bbolt writes: a write transaction never writes a page that
// the last committed book reaches (it writes free pages, then the meta page
// that points at them: that is what makes a crash mid-write safe). The pages
// book N reaches stay as they are until a transaction frees them (the old
// copies of what it changed, listed in its freelist) and a later one
// reuses them. So the snapshot reads N's meta pages and freelist under the
// shared lock (a few milliseconds), copies the file up to N's size with no
// lock, and every few megabytes takes the shared lock for a moment to look at
// the last transaction: when one was committed since the last look, the
// pages of N it freed are copied at once, under that lock, before any
// later transaction can reuse them. Only if two transactions were committed
// between two looks (milliseconds apart) may a page be lost: that try stops
// and a new one starts. The copy's two meta pages are N's, as bbolt's own
// Tx.WriteTo writes them.

// snapshotTries bounds how often a snapshot starts again because the book
// was written twice between two looks (a few milliseconds apart: a look
// follows every snapshotChunk bytes); it waits a little longer before each
// new try.
const snapshotTries = 10

var (
	snapshotBackoff = 20 * time.Millisecond
	snapshotChunk   = int64(4 << 20)
)

// errUnchanged says the snapshot was not needed (skip said so).
var errUnchanged = errors.New("unchanged since the last backup")

// errCaught stops bbolt's Tx.WriteTo once it has written the meta pages.
var errCaught = errors.New("meta pages caught")

// snapshotOf says which book a snapshot holds.
type snapshotOf struct {
	Identity Identity `json:"identity"`
	Changes  uint64   `json:"changes"`
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
		if err == nil && done {
			err = verifySnapshot(f.Name(), of)
		}
		if err != nil || done {
			return of, err
		}
		if try == snapshotTries {
			return of, fmt.Errorf("the book was written too often while it was being copied (%d tries); try again in a quieter moment", snapshotTries)
		}
		time.Sleep(time.Duration(try) * snapshotBackoff)
	}
}

// snapshotOnce copies the book once; done is false when it was written
// twice between two looks (or replaced), and the copy must start again.
func (s *Store) snapshotOnce(f *os.File, skip func(snapshotOf) bool) (of snapshotOf, done bool, err error) {
	var (
		src  *os.File
		meta metaPages
		c    pageCopy
	)
	err = s.View(func(tx *Tx) error {
		of = snapshotOf{Identity: tx.Identity(), Changes: tx.Changes()}
		if skip != nil && skip(of) {
			return errUnchanged
		}
		c.ps = int64(tx.tx.DB().Info().PageSize)
		meta.limit = int(2 * c.ps)
		if _, err := tx.tx.WriteTo(&meta); !errors.Is(err, errCaught) {
			if err == nil {
				err = errors.New("the book has no data pages")
			}
			return err
		}
		c.last, c.pages = uint64(tx.tx.ID()), tx.tx.Size()/c.ps
		// While the lock is held, the path names the file read (a
		// restore renames only under the exclusive lock).
		var err error
		if src, err = os.Open(s.Path); err != nil {
			return err
		}
		m, err := readMeta(src, c.ps)
		if err == nil && m.txid != c.last {
			err = fmt.Errorf("the meta page read (transaction %d) is not the book's (%d)", m.txid, c.last)
		}
		if err == nil {
			c.freeAtStart, err = readFreelist(src, m.freelist, c.ps)
		}
		if err != nil {
			src.Close()
		}
		return err
	})
	if err != nil {
		return of, false, err
	}
	defer src.Close()
	c.src, c.dst, c.timeout = src, f, s.timeout()
	if s.hooks != nil {
		c.chunk = s.hooks.chunk
	}
	if s.hooks != nil && s.hooks.copying != nil {
		s.hooks.copying()
	}
	if err := f.Truncate(0); err != nil {
		return of, false, err
	}
	if _, err := f.WriteAt(meta.buf, 0); err != nil {
		return of, false, err
	}
	if ok, err := c.copyAll(); err != nil || !ok {
		return of, false, err
	}
	if s.hooks != nil && s.hooks.copied != nil {
		s.hooks.copied()
	}
	// The last look, and the path still names the file copied.
	if ok, err := c.look(); err != nil || !ok {
		return of, false, err
	}
	a, aerr := src.Stat()
	b, berr := os.Stat(s.Path)
	return of, aerr == nil && berr == nil && os.SameFile(a, b), nil
}

// pageCopy copies book N's pages from src to dst (see above).
type pageCopy struct {
	src, dst    *os.File
	ps          int64             // page size
	pages       int64             // pages of book N
	last        uint64            // the transaction seen at the last look
	freeAtStart map[uint64]bool   // pages free in N: not part of it
	saved       map[uint64]bool   // pages of N copied at a look
	ahead       map[uint64][]byte // of those, the ones the sequential copy has not reached
	cursor      int64             // the sequential copy's next page
	timeout     time.Duration     // lock wait
	chunk       func()            // test hook: a chunk was copied
}

// copyAll copies every page of N after the meta pages, looking between chunks.
func (c *pageCopy) copyAll() (bool, error) {
	per := max(snapshotChunk/c.ps, 1)
	buf := make([]byte, per*c.ps)
	for c.cursor = 2; c.cursor < c.pages; {
		n := min(per, c.pages-c.cursor)
		b := buf[:n*c.ps]
		if _, err := c.src.ReadAt(b, c.cursor*c.ps); err != nil {
			return false, fmt.Errorf("the data file is shorter than its book: %w", err)
		}
		for i := range n { // free in N: no part of the book, zeros (they compress to nothing)
			if c.freeAtStart[uint64(c.cursor+i)] {
				clear(b[i*c.ps : (i+1)*c.ps])
			}
		}
		for id, page := range c.ahead { // saved at a look: the file may hold a newer page there now
			if i := int64(id) - c.cursor; i >= 0 && i < n {
				copy(b[i*c.ps:], page)
				delete(c.ahead, id)
			}
		}
		if _, err := c.dst.WriteAt(b, c.cursor*c.ps); err != nil {
			return false, err
		}
		if c.cursor += n; c.cursor < c.pages {
			if c.chunk != nil {
				c.chunk()
			}
			if ok, err := c.look(); err != nil || !ok {
				return false, err
			}
		}
	}
	return true, nil
}

// look takes the shared lock for a moment: false when two transactions were
// committed since the last look; when one was, it saves the pages of N that
// transaction freed.
func (c *pageCopy) look() (bool, error) {
	if err := lockShared(c.src, c.timeout); err != nil {
		return false, err
	}
	defer unlock(c.src)
	m, err := readMeta(c.src, c.ps)
	if err != nil {
		return false, err
	}
	switch {
	case m.txid == c.last:
		return true, nil
	case m.txid != c.last+1:
		return false, nil
	}
	free, err := readFreelist(c.src, m.freelist, c.ps)
	if err != nil {
		return false, err
	}
	if c.saved == nil {
		c.saved, c.ahead = map[uint64]bool{}, map[uint64][]byte{}
	}
	for id := range free {
		if id < 2 || int64(id) >= c.pages || c.freeAtStart[id] || c.saved[id] {
			continue
		}
		page := make([]byte, c.ps)
		if _, err := c.src.ReadAt(page, int64(id)*c.ps); err != nil {
			return false, err
		}
		c.saved[id] = true
		if int64(id) >= c.cursor {
			c.ahead[id] = page
		} else if _, err := c.dst.WriteAt(page, int64(id)*c.ps); err != nil {
			return false, err
		}
	}
	c.last = m.txid
	return true, nil
}

// bbolt's on-disk layout (go.etcd.io/bbolt internal/common), in the
// machine's byte order: a page starts with a 16-byte header (id uint64,
// flags uint16, count uint16, overflow uint32); a meta page's meta follows
// (magic, version, page size, flags uint32; root bucket 16 bytes; freelist,
// pgid, txid, checksum uint64, the checksum an FNV-64a of what precedes it);
// a freelist page lists page ids (uint64) after the header, their count in
// the header's count, or in the first id when count is 0xFFFF.

type boltMeta struct{ freelist, pgid, txid uint64 }

// readMeta reads the newest valid meta page.
func readMeta(f *os.File, ps int64) (boltMeta, error) {
	var best boltMeta
	found := false
	buf := make([]byte, 16+64)
	for i := int64(0); i < 2; i++ {
		if _, err := f.ReadAt(buf, i*ps); err != nil {
			continue
		}
		m := buf[16:]
		h := fnv.New64a()
		h.Write(m[:56])
		if binary.NativeEndian.Uint32(m[0:4]) != boltMagic || binary.NativeEndian.Uint32(m[4:8]) != 2 || h.Sum64() != binary.NativeEndian.Uint64(m[56:64]) {
			continue
		}
		if txid := binary.NativeEndian.Uint64(m[48:56]); !found || txid > best.txid {
			best, found = boltMeta{freelist: binary.NativeEndian.Uint64(m[32:40]), pgid: binary.NativeEndian.Uint64(m[40:48]), txid: txid}, true
		}
	}
	if !found {
		return best, errors.New("no valid meta page")
	}
	return best, nil
}

const freelistPageFlag = 0x10

// readFreelist reads the ids of the freelist page at id.
func readFreelist(f *os.File, id uint64, ps int64) (map[uint64]bool, error) {
	if id == ^uint64(0) {
		return nil, errors.New("the book keeps no freelist")
	}
	head := make([]byte, 24)
	if _, err := f.ReadAt(head, int64(id)*ps); err != nil {
		return nil, err
	}
	if flags := binary.NativeEndian.Uint16(head[8:10]); flags != freelistPageFlag {
		return nil, fmt.Errorf("page %d is not a freelist (flags %#x)", id, flags)
	}
	n, skip := int64(binary.NativeEndian.Uint16(head[10:12])), int64(0)
	if n == 0xFFFF {
		n, skip = int64(binary.NativeEndian.Uint64(head[16:24])), 1
	}
	if over := int64(binary.NativeEndian.Uint32(head[12:16])); (n+skip)*8 > (over+1)*ps-16 || n < 0 {
		return nil, fmt.Errorf("freelist page %d is damaged", id)
	}
	raw := make([]byte, n*8)
	if _, err := f.ReadAt(raw, int64(id)*ps+16+skip*8); err != nil {
		return nil, err
	}
	free := make(map[uint64]bool, n)
	for i := int64(0); i < n; i++ {
		free[binary.NativeEndian.Uint64(raw[i*8:])] = true
	}
	return free, nil
}

// verifySnapshot opens the copy at path as bbolt does and reads every bucket,
// key and value (through guard: a damaged page is an error, never a crash),
// and checks that it holds the book the snapshot read. A copy that fails is
// never kept as a backup: the snapshot rests on bbolt's file layout, and a
// backup is only worth what a restore can read back.
func verifySnapshot(path string, want snapshotOf) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return fmt.Errorf("the copy does not open: %w", err)
	}
	defer db.Close()
	err = guard(func() error {
		return db.View(func(tx *bolt.Tx) error {
			got := snapshotOf{Identity: readIdentity(tx)}
			if m := tx.Bucket(bMeta); m != nil {
				got.Changes = decodeU64(m.Get(kCounter))
			}
			if got != want {
				return fmt.Errorf("it holds change %d of book %s, not change %d of %s", got.Changes, got.Identity.BookID, want.Changes, want.Identity.BookID)
			}
			return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return readAll(b) })
		})
	})
	if err != nil {
		return fmt.Errorf("the copy does not read back (nothing kept): %w", err)
	}
	return nil
}

// readAll reads every key and value of b and of the buckets in it.
func readAll(b *bolt.Bucket) error {
	var sink byte
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				return readAll(nb)
			}
			return nil
		}
		if len(v) > 0 {
			sink ^= v[0] ^ v[len(v)-1] // the value's pages are read
		}
		return nil
	})
	_ = sink
	return err
}

// freelistReadable reads the book's meta and freelist pages from the file
// and checks that the freelist fits its pages and names pages of the book.
func (s *Store) freelistReadable(ps int64) error {
	f, err := os.Open(s.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	return freelistSane(f, ps)
}

func freelistSane(f *os.File, ps int64) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	m, err := readMeta(f, ps)
	if err != nil {
		return err
	}
	if m.freelist == ^uint64(0) {
		return nil // not synced: bbolt rebuilds it from the pages
	}
	pages := uint64(fi.Size() / ps)
	if m.freelist < 2 || m.freelist >= pages || m.freelist >= m.pgid {
		return fmt.Errorf("the freelist page %d is not a page of the book", m.freelist)
	}
	free, err := readFreelist(f, m.freelist, ps)
	if err != nil {
		return err
	}
	for id := range free {
		if id < 2 || id >= pages || id >= m.pgid || id == m.freelist {
			return fmt.Errorf("the freelist names page %d, not a free data page of the book", id)
		}
	}
	return nil
}

// writable checks, before bbolt opens the file to write (reading its
// freelist, which a damaged count can make it allocate without bound and
// end the process), that the freelist is one bbolt can read: under the
// readers' lock, so that no writer is half way through it.
func (s *Store) writable() error {
	f, err := os.Open(s.Path)
	if err != nil {
		return nil // bbolt says what is wrong
	}
	defer f.Close()
	if err := lockShared(f, s.timeout()); err != nil {
		return nil // busy: bbolt's own wait says so
	}
	defer unlock(f)
	buf := make([]byte, 16+64)
	if _, err := f.ReadAt(buf, 0); err != nil || binary.NativeEndian.Uint32(buf[16:20]) != boltMagic {
		return nil // not a bbolt file: bbolt refuses it
	}
	ps := int64(binary.NativeEndian.Uint32(buf[24:28]))
	if ps < 512 || ps > 1<<20 {
		return nil
	}
	if err := freelistSane(f, ps); err != nil {
		return &FileError{Path: s.Path, Reason: "is damaged (" + err.Error() + "); left untouched: nothing written (`tend check` says more; `tend restore FILE` puts a backup in its place)", Err: err}
	}
	return nil
}
