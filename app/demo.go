package app

import (
	"time"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/domain/demo"
	"github.com/tend-cli/tend/store"
)

// DemoOptions are the settings of a demo book generated now.
func DemoOptions(accounts, interactions int, seed uint64, now time.Time) demo.Options {
	return demo.Options{Accounts: accounts, Interactions: interactions, Seed: seed, Today: domain.DateOf(now), Loc: now.Location()}
}

// WriteDemo fills a book with a generated demo book.
func WriteDemo(st *store.Store, accounts, interactions int, seed uint64, now time.Time) error {
	return st.Generate(DemoOptions(accounts, interactions, seed, now), nil)
}
