package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/store/formats"
)

// OpenImport opens a file to import. Only a regular file is read: a device
// (/dev/zero) never ends, a FIFO or a socket can block for ever, a directory
// holds no rows. The path is checked before it is opened (opening a FIFO
// blocks until someone writes), and the opened file again (the path may have
// changed in between; O_NONBLOCK keeps that open from blocking).
func OpenImport(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regularFile(path, fi); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if fi, err = f.Stat(); err == nil {
		err = regularFile(path, fi)
	}
	if err == nil && store.IsDatabase(path) {
		err = fmt.Errorf("%s is a tend data file (a book), not an export: `tend --db %s export --format json` writes one to import, `tend restore %s` puts it in place of this book", path, path, path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// regularFile says what path is when it is not a regular file.
func regularFile(path string, fi os.FileInfo) error {
	m := fi.Mode()
	what := "not a regular file"
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a directory"
	case m&os.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		what = "a socket"
	case m&os.ModeCharDevice != 0:
		what = "a character device"
	case m&os.ModeDevice != 0:
		what = "a block device"
	}
	return fmt.Errorf("%s is %s; tend imports only from a regular file", path, what)
}

// ImportFileKind is what an import would read the file at path as, from its
// name and its header alone: "json" for a tend JSON export, the kind a CSV's
// columns say ("" when they say nothing), or why it cannot be imported.
func ImportFileKind(path string) (string, error) {
	f, err := OpenImport(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("no such file: %s", path)
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		return "json", nil
	}
	return formats.HeaderKind(f)
}

// TimeZone is the time zone named (as --tz takes it), or an error in words.
func TimeZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a time zone (want a name like Europe/Berlin, or UTC)", domain.Printable(name))
	}
	return loc, nil
}

// ParseColumnMap reads a column map as the cockpit's import form takes it
// ("Column=field, …") for the kind of record the file holds.
func ParseColumnMap(s, kind string) (map[string]string, error) {
	return formats.ParseColumnMap(s, kind)
}
