package app

import (
	"fmt"
	"os"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
	"github.com/tend-cli/tend/store"
)

func demoOptions(accounts, interactions int, seed uint64, env *Env) demo.Options {
	now := env.Now()
	return demo.Options{Accounts: accounts, Interactions: interactions, Seed: seed, Today: domain.DateOf(now), Loc: now.Location()}
}

func runCockpit(g globals, env *Env) error {
	path := dbPath(g.db, env)
	if g.demo {
		dir, err := os.MkdirTemp("", "tend-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = dir + "/demo.db"
		if err := writeDemo(newStore(path, env), 30, 0, 1, env); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stdout, "the cockpit would open %s\n", path)
	_ = store.New
	return nil
}
