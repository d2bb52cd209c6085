// Command tend is a terminal cockpit for account managers: triage, notes,
// portfolio, account, plan and KPIs over one local bbolt file.
package main

import (
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/tend-cli/tend/app/cli"
	"github.com/tend-cli/tend/app/cockpit"
)

func main() {
	interactive := term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stderr.Fd())
	rows := 0
	if term.IsTerminal(os.Stdout.Fd()) {
		if _, h, err := term.GetSize(os.Stdout.Fd()); err == nil && h > 0 {
			rows = h
		} else {
			rows = 24
		}
	}
	os.Exit(cli.Main(os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Interactive: interactive, Rows: rows,
		Cockpit: func(l cli.Launch) error {
			return cockpit.Run(cockpit.Config{Path: l.Path, ConfigPath: l.Config, Demo: l.Demo, NoBackup: l.NoBackup, Getenv: l.Getenv, Now: l.Now, Stderr: l.Stderr})
		}}))
}
