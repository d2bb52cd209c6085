package cli

import (
	"bufio"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
	"github.com/tend-cli/tend/views"
)

func agendaCommand() *command {
	return &command{Name: "agenda", Short: "the days ahead: items due, renewals, check-ins, QBRs, goals",
		Usage: "agenda [--days N] [--account NAME] [--json]",
		Long: "What comes up from today over N days (default 14): open action items falling due, renewals\n" +
			"with the ARR at stake and whether a renewal opportunity is open, check-ins planned from each\n" +
			"account's cadence (last touch + cadence), quarterly business reviews of key and strategic\n" +
			"accounts (every three months from the contract start), goals' due dates and opportunities'\n" +
			"close dates; then the renewals of the next 12 months by month. In the cockpit: pane 6.\n" +
			"tend export --format ics writes the same as a calendar.\n\n" +
			"Examples:\n  tend agenda\n  tend agenda --days 30 --account acme\n  tend agenda --json | jq '.renewals_by_month'\n\n",
		Define: agendaCmd}
}

func agendaCmd(fs *flag.FlagSet) runFunc {
	days := fs.Int("days", 14, "how many days ahead, today included (1 to 366)")
	account := fs.String("account", "", "only this account (name or #ID)")
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, pos []string) error {
		if len(pos) > 0 {
			return usagef("agenda takes no arguments (the account is --account NAME)")
		}
		if *days < 1 || *days > 366 {
			return usagef("--days: want 1 to 366")
		}
		ag, err := app.Agenda(c.store(), c.today(), *days, *account)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, ag)
		}
		return printAgenda(c, &ag)
	}
}

func printAgenda(c *call, ag *domain.Agenda) error {
	layout := c.settings().DateFormat
	w := bufio.NewWriter(c.env.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "Agenda %s to %s: %s", ag.Today.Format(layout), ag.To.Format(layout), domain.Plural(len(ag.Events), "entry"))
	if ag.Overdue > 0 || ag.Late > 0 {
		fmt.Fprintf(w, " (already late: %s, %s; see tend triage)", domain.Plural(ag.Overdue, "item"), domain.Plural(ag.Late, "check-in"))
	}
	fmt.Fprintln(w)
	for i, e := range ag.Events {
		if i == 0 || ag.Events[i-1].On != e.On {
			fmt.Fprintf(w, "\n%s %s\n", e.On.Weekday().String()[:3], e.On.Format(layout))
		}
		detail := e.Title
		switch e.Kind {
		case domain.AgendaRenewal:
			detail = fmt.Sprintf("renews, %s at stake, %s", e.ARR, map[bool]string{true: "renewal opportunity open", false: "no renewal opportunity"}[e.RenewalOpp])
		case domain.AgendaCheckIn:
			detail = "check-in due by the cadence"
			if e.RecordID != 0 {
				detail = "check-in booked: " + e.Title
			}
		case domain.AgendaQBR:
			detail = "quarterly business review"
		}
		ref := ""
		if e.RecordID != 0 {
			kind := e.Kind
			if kind == domain.AgendaCheckIn {
				kind = domain.AgendaItem // a booked check-in is an action item
			}
			ref = fmt.Sprintf(" (%s #%d)", kind, e.RecordID)
		}
		fmt.Fprintf(w, "  %-11s %s  %s%s\n", e.Kind, views.Fit(e.Account, 28), domain.Printable(detail), ref)
	}
	if !slices.ContainsFunc(ag.Renewals, func(m domain.RenewalMonth) bool { return m.Count > 0 }) {
		fmt.Fprintln(w, "\nRenewals, next 12 months: none (no account renews in them)")
		return nil
	}
	fmt.Fprintf(w, "\nRenewals, next 12 months\n  %-9s %8s %16s %s\n", "month", "accounts", "ARR at stake", "without renewal opportunity")
	for _, m := range ag.Renewals {
		var arr []string
		for _, a := range m.ARR {
			arr = append(arr, a.Short())
		}
		if len(arr) == 0 {
			arr = []string{"—"}
		}
		fmt.Fprintf(w, "  %-9s %8d %16s %d\n", m.Month.Format("Jan 2006"), m.Count, strings.Join(arr, " + "), m.Count-m.WithOpp)
	}
	return nil
}
