package cli

import (
	"fmt"

	"github.com/tend-cli/tend/store"
)

func cmdRebuild(st *store.Store, args []string, env *Env) error {
	fs := newFlags("rebuild", `Usage: tend rebuild

Recomputes every derived record (the account summaries the portfolio and
triage read, the metrics the KPI report reads) from the primary records:
accounts, contacts, interactions, plans, items, opportunities, risks, orders,
surveys. Safe while cockpits run; they reload. A file written by an older tend
is migrated first (a copy is kept next to it).

`)
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	n := 0
	err := st.Rebuild(func(done, total int) {
		n = total
		if env.Interactive {
			fmt.Fprintf(env.Stderr, "\rrebuilding… %d of %d accounts", done, total)
		}
	})
	if env.Interactive {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "rebuilt the summaries and metrics of %d accounts\n", n)
	return nil
}
