package cli

import (
	"bufio"
	"fmt"

	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/store"
	"github.com/tend-cli/tend/views"
)

func cmdTriage(st *store.Store, args []string, env *Env) error {
	fs := newFlags("triage", "Usage: tend triage [--json]\n\nToday's queue: what needs you, most urgent first, each with its reason.\n\n")
	asJSON := fs.Bool("json", false, "print JSON (with the urgency breakdown)")
	if _, err := parse(fs, args, env); err != nil {
		return err
	}
	var sums []domain.Summary
	if err := st.View(func(tx *store.Tx) (err error) { sums, err = tx.Summaries(); return }); err != nil {
		return err
	}
	b := domain.NewBook(sums, domain.DateOf(env.Now()))
	rows := domain.Triage(b).Rows()
	if *asJSON {
		if rows == nil {
			rows = []domain.TriageRow{}
		}
		return writeJSON(env.Stdout, rows)
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	if len(rows) == 0 {
		fmt.Fprintln(w, "Nothing needs you today.")
		if d, what, ok := domain.NextDue(b); ok {
			fmt.Fprintf(w, "Next: %s on %s.\n", domain.Printable(what), d)
		}
		return nil
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%5.1f  %s  %s  %s\n", r.Urgency, views.Fit(r.Account, 28), views.Fit(string(r.Reason), 17), views.Clip(r.Why, 90))
	}
	return nil
}
