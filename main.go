// Command tend is a terminal cockpit for account managers: triage, notes,
// portfolio, account, plan and KPIs over one local bbolt file.
package main

import (
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/tend-cli/tend/app"
)

func main() {
	interactive := term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stderr.Fd())
	os.Exit(app.Main(os.Args[1:], app.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Interactive: interactive}))
}
