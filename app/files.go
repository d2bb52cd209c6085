package app

import (
	"fmt"
	"os"
	"syscall"
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
