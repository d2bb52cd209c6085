//go:build !unix

package store

import (
	"errors"
	"os"
	"time"
)

// lockFile is not implemented here: restore needs flock.
func lockFile(f *os.File, timeout time.Duration) error {
	return errors.ErrUnsupported
}

// lockShared is not implemented here: a backup needs flock.
func lockShared(f *os.File, timeout time.Duration) error {
	return errors.ErrUnsupported
}

func unlock(*os.File) {}
