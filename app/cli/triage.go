package cli

import (
	"bufio"
	"flag"
	"fmt"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

func triageCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON (with the urgency breakdown)")
	all := fs.Bool("all", false, "print every row (a terminal gets a screenful)")
	return func(c *call, _ []string) error {
		s := c.settings()
		tw := s.Triage
		if !*asJSON {
			tw.DateLayout = s.DateFormat // the reasons' words; JSON stays ISO
		}
		page := 0 // every row
		if !*asJSON && !*all && c.env.Rows > 0 {
			page = max(c.env.Rows-2, 10) // a screenful, the "more" line and the prompt
		}
		res, err := app.TriageFirst(c.store(), c.today(), tw, page)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, res.Rows)
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		if len(res.Rows) == 0 {
			fmt.Fprintln(w, "Nothing needs you today.")
			if res.NextOK {
				fmt.Fprintf(w, "Next: %s on %s.\n", domain.Printable(res.NextWhat), res.Next.Format(s.DateFormat))
			}
			return nil
		}
		for _, r := range res.Rows {
			fmt.Fprintf(w, "%5.1f  %s  %s  %s\n", r.Urgency, views.Fit(r.Account, 28), views.Fit(string(r.Reason), 17), views.Clip(r.Why, 90))
		}
		if more := res.Total - len(res.Rows); more > 0 {
			fmt.Fprintf(w, "%d more — `tend triage --all`\n", more)
		}
		return nil
	}
}
