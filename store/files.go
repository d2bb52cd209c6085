package store

import (
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Files tend writes besides the book (exports, backups, briefs, the editor's
// copy of a note) are written so that they cannot destroy what they replace:
// into a temporary file in the same directory, fsynced, renamed into place,
// and the directory fsynced. A temporary file's name carries the writer's
// process id, so a later attempt can tell one left by a killed process (which
// it removes) from one still being written (which it leaves alone).

// partialSuffix ends the name of a file being written.
const partialSuffix = ".partial"

// WriteFileAtomic writes path (mode 0600) with what write puts in it. Until
// write has returned without error and the data is on disk, path is left as
// it was; a failure leaves no temporary file behind. A symlink at path is
// kept: the file it points to is replaced. A pipe or device is written to
// directly. It never replaces a file that Protected names (the error is a
// *ProtectedError).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	if what := Protected(path); what != "" {
		return &ProtectedError{Path: path, What: what}
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(path); err == nil {
			path = target
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode()&(os.ModeNamedPipe|os.ModeCharDevice|os.ModeDevice|os.ModeSocket) != 0 {
		// A pipe or a terminal (--out /dev/stdout, >(gzip …)) has nothing to
		// replace: write to it directly.
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return writeAtomic(path, false, func(f *os.File) error {
		if err := write(f); err != nil {
			return err
		}
		// The file may have appeared while write ran: look once more.
		if what := Protected(path); what != "" {
			return &ProtectedError{Path: path, What: what}
		}
		return nil
	})
}

// ProtectedError says a file tend would write for the user is one it never
// replaces (see Protected); nothing was written.
type ProtectedError struct{ Path, What string }

func (e *ProtectedError) Error() string {
	return "refusing to write " + e.Path + ": it is " + e.What + "; choose another file"
}
func (e *ProtectedError) Unwrap() error { return fs.ErrExist }

// Protected says whether the existing file at path (through symlinks) is one
// that a file tend writes for the user (an export, a brief) must never
// replace, and what it is; "" when it may be replaced. By content: any bbolt
// database — a tend book under any name, a backup taken with tend backup
// FILE, the copy kept before a schema upgrade, another program's database.
// By name, whatever the content (a kept copy may be damaged or truncated):
// *.before-schema-*, *.before-restore* and a restore's .*.restoring-* copy.
// Names are not enough on their own: a backup can have any name.
func Protected(path string) string {
	names := []string{filepath.Base(path)}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		names = append(names, filepath.Base(r))
	}
	for _, n := range names {
		switch {
		case strings.Contains(n, ".before-schema-"):
			return "the copy of a book kept before a schema upgrade"
		case strings.Contains(n, ".before-restore"):
			return "the copy of a book kept before a restore"
		case strings.HasPrefix(n, ".") && strings.Contains(n, restoringInfix):
			return "a restore's copy of a backup"
		}
	}
	if IsDatabase(path) {
		return "a database (a tend book or a backup of one)"
	}
	return ""
}

// boltMagic is what bbolt writes in both meta pages (go.etcd.io/bbolt
// internal/common: common.Magic), in the machine's byte order.
const boltMagic = 0xED0CDAED

// IsDatabase reports whether the regular file at path (through symlinks) is
// a bbolt database: one of its two meta pages carries bbolt's magic number.
// A meta page starts with a 16-byte page header (id uint64, flags uint16,
// count uint16, overflow uint32); the meta follows: magic uint32, version
// uint32, page size uint32. Page 0 is at offset 0, page 1 one page size on:
// when page 0 is damaged, the common page sizes are tried for page 1.
func IsDatabase(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var m [4]byte
	magicAt := func(off int64) bool {
		if _, err := f.ReadAt(m[:], off+16); err != nil {
			return false
		}
		return binary.LittleEndian.Uint32(m[0:4]) == boltMagic || binary.BigEndian.Uint32(m[0:4]) == boltMagic
	}
	if magicAt(0) {
		return true
	}
	for _, size := range []int64{int64(os.Getpagesize()), 4096, 8192, 16384, 32768, 65536} {
		if magicAt(size) {
			return true
		}
	}
	return false
}

// existsError says a file that must not be replaced is already there.
type existsError struct{ path string }

func (e *existsError) Error() string { return e.path + " already exists; choose another name" }
func (e *existsError) Unwrap() error { return fs.ErrExist }

// writeAtomic writes path through a temporary file. With exclusive, it never
// replaces an existing path: of two writers of one new name, one wins and the
// other gets an error that wraps fs.ErrExist.
func writeAtomic(path string, exclusive bool, write func(*os.File) error) error {
	if exclusive {
		if _, err := os.Lstat(path); err == nil {
			return &existsError{path}
		}
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	start := time.Now()
	RemoveStale(dir, "."+base+".", partialSuffix)
	// The fixed name older versions used: stale once older than this attempt.
	if fi, err := os.Lstat(path + partialSuffix); err == nil && fi.Mode().IsRegular() && fi.ModTime().Before(start) {
		os.Remove(path + partialSuffix)
	}
	f, err := TempFile(dir, "."+base+".", partialSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	placed := false
	defer func() {
		if !placed {
			os.Remove(tmp)
		}
	}()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if exclusive {
		// A hard link never replaces a file that appeared in the meantime.
		err = os.Link(tmp, path)
		switch {
		case errors.Is(err, fs.ErrExist):
			return &existsError{path}
		case err != nil:
			// No hard links on this file system: check, then rename.
			if _, serr := os.Lstat(path); serr == nil {
				return &existsError{path}
			}
			if err := os.Rename(tmp, path); err != nil {
				return err
			}
		default:
			os.Remove(tmp)
		}
	} else if err := os.Rename(tmp, path); err != nil {
		return err
	}
	placed = true
	return syncDir(dir)
}

// TempFile creates a new file (mode 0600) in dir, named prefix, this
// process's id, a random part and suffix, for RemoveStale to recognise.
func TempFile(dir, prefix, suffix string) (*os.File, error) {
	return os.CreateTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-*"+suffix)
}

// RemoveStale removes the files in dir that TempFile made with prefix and
// suffix for a process that no longer runs. It leaves alone files of running
// processes and names it does not recognise, and returns the names it removed.
func RemoveStale(dir, prefix, suffix string) []string {
	return removeDead(dir, func(name string) string {
		if len(name) < len(prefix)+len(suffix) || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, suffix) {
			return ""
		}
		return name[len(prefix) : len(name)-len(suffix)]
	})
}

// restoringInfix names the copy of a backup that a restore prepares next to
// the data file: .DATA.restoring-PID-RANDOM (see restoredCopy).
const restoringInfix = ".restoring-"

// RemoveStaleRestoreCopies removes from dir the copies of a backup that
// restores killed before they finished left behind (.DATA.restoring-PID-*,
// of any book in dir), each a full copy of a backup. A copy of a restore
// whose process still runs is left alone, and so is one named by an older
// tend (without a process id). It returns the names it removed.
func RemoveStaleRestoreCopies(dir string) []string {
	return removeDead(dir, func(name string) string {
		i := strings.LastIndex(name, restoringInfix)
		if !strings.HasPrefix(name, ".") || i < 2 {
			return ""
		}
		return name[i+len(restoringInfix):]
	})
}

// removeDead removes the regular files in dir for which pidPart returns
// "PID-…" naming a process that no longer runs.
func removeDead(dir string, pidPart func(name string) string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		p, _, ok := strings.Cut(pidPart(name), "-")
		pid, err := strconv.Atoi(p)
		if !ok || err != nil || pid <= 0 || processRuns(pid) {
			continue
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			removed = append(removed, name)
		}
	}
	return removed
}

// processRuns reports whether a process with this id exists (on this machine).
func processRuns(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer p.Release()
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

// OwnFile says whether path is one of the book's own files: the data file
// itself (by name, through symlinks, or as another link to the same file) or
// one of its backups (in the backups directory next to it, DATA-backup-*.db,
// DATA.before-restore*), or any other file that Protected names (a bbolt
// database under any name, a copy kept before an upgrade or a restore). It
// returns what the file is, or "" for any other file. Commands that write a
// file the user names refuse these.
func (s *Store) OwnFile(path string) string {
	if s.isDataFile(path) {
		return "the live data file " + s.Path
	}
	p := resolve(path)
	// Backups sit next to the data file as the user named it and next to
	// the file it links to.
	for _, data := range []string{filepath.Join(resolve(filepath.Dir(s.Path)), filepath.Base(s.Path)), resolve(s.Path)} {
		dir, base := filepath.Dir(data), filepath.Base(data)
		stem := strings.TrimSuffix(base, filepath.Ext(base))
		if strings.HasPrefix(p, filepath.Join(dir, "backups")+string(filepath.Separator)) {
			return "a backup of the book (in " + filepath.Join(dir, "backups") + ")"
		}
		if filepath.Dir(p) != dir {
			continue
		}
		name := filepath.Base(p)
		if strings.HasPrefix(name, base+".before-restore") || strings.HasPrefix(name, base+".restoring") ||
			(strings.HasPrefix(name, stem+"-backup-") && strings.HasSuffix(name, ".db")) {
			return "a backup of the book"
		}
	}
	return Protected(path)
}

// resolve makes path absolute and follows symlinks as far as they exist.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	// The file does not exist (yet): resolve the deepest directory that does.
	dir, rest := abs, ""
	for {
		parent := filepath.Dir(dir)
		rest = filepath.Join(filepath.Base(dir), rest)
		if parent == dir {
			return abs
		}
		if r, err := filepath.EvalSymlinks(parent); err == nil {
			return filepath.Join(r, rest)
		}
		dir = parent
	}
}

// isDataFile reports whether path names the data file: by name, through
// symlinks, or as another hard link to it.
func (s *Store) isDataFile(path string) bool {
	return sameFile(path, s.Path) || resolve(path) == resolve(s.Path)
}

func sameFile(a, b string) bool {
	x, err := os.Stat(a)
	if err != nil {
		return false
	}
	y, err := os.Stat(b)
	return err == nil && os.SameFile(x, y)
}
