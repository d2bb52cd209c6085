//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockFile takes the lock bbolt takes on its data file, flock(LOCK_EX), on
// f whatever f holds (a valid book or not), waiting up to timeout.
func lockFile(f *os.File, timeout time.Duration) error { return flock(f, syscall.LOCK_EX, timeout) }

// lockShared takes the lock bbolt's readers take, flock(LOCK_SH), waiting
// up to timeout; unlock releases it.
func lockShared(f *os.File, timeout time.Duration) error { return flock(f, syscall.LOCK_SH, timeout) }

func flock(f *os.File, how int, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return err
		}
		if time.Now().After(deadline) {
			return errLockTimeout
		}
		time.Sleep(lockPoll)
	}
}

func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
