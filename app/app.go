// Package app is what tend does for the people who use it, whatever the
// screen: the use cases (import, export, notes, demo books) that both of its
// programs, the command line (app/cli) and the cockpit (app/cockpit), call.
// It holds no terminal code; the store is the only place it reads and writes.
package app

import "strings"

// Version is set at build time with -ldflags "-X github.com/tend-cli/tend/app.Version=…".
var Version = "dev"

// OneLine joins a multi-error into one line, "; "-separated. The error it
// returns wraps err, so that its domain code still reads (domain.ErrorCode).
func OneLine(err error) error {
	if err == nil {
		return nil
	}
	return oneLine{err}
}

type oneLine struct{ err error }

func (e oneLine) Error() string { return strings.ReplaceAll(e.err.Error(), "\n", "; ") }
func (e oneLine) Unwrap() error { return e.err }
