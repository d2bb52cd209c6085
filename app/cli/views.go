package cli

// tend view: saved portfolio views (a filter and a sort under a name), the
// ones the cockpit recalls with v and from the palette.

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

// viewCommand is the view entry of the command table.
func viewCommand() *command {
	return &command{Name: "view", Aliases: []string{"views"}, Short: "save, list and delete saved portfolio views (filter + sort)",
		Usage: "view save|list|delete ...",
		Subs: []*command{
			{Name: "save", Short: "save a portfolio filter and sort under a name",
				Usage: "view save NAME FILTER [--sort COLUMN] [--reverse]",
				Long: "NAME: 1 to 40 printable characters; a view of the same name (case and spacing aside) is replaced.\n" +
					"FILTER: as typed in the portfolio (f): words for the fuzzy search and tier:, seg:, stage:, owner:, tag:, industry:.\n" +
					"The cockpit recalls a view with v on the portfolio, or from ctrl+k (view:NAME).\n\n" +
					"Examples:\n  tend view save mine 'tier:key owner:maya'\n  tend view save renewals 'stage:ret' --sort renewal\n  tend view save biggest '' --sort arr --reverse\n\n",
				Define: viewSaveCmd},
			{Name: "list", Aliases: []string{"ls"}, Short: "list the saved views",
				Usage:  "view list [--json]",
				Long:   "Example:\n  tend view list --json\n\n",
				Define: viewListCmd},
			{Name: "delete", Aliases: []string{"rm"}, Short: "delete a saved view",
				Usage:  "view delete NAME",
				Long:   "NAME is the exact name (case and spacing aside); a part of a name deletes nothing.\n\nExample:\n  tend view delete mine\n\n",
				Define: viewDeleteCmd},
		}}
}

func viewSaveCmd(fs *flag.FlagSet) runFunc {
	sortBy := enum(fs, "sort", "", domain.ViewSortColumns, "sort by a portfolio column: "+orList(domain.ViewSortColumns))
	reverse := fs.Bool("reverse", false, "reverse the sort")
	return func(c *call, args []string) error {
		if len(args) != 2 {
			return usagef("view save needs a NAME and a FILTER (quote them; '' for none), e.g. tend view save mine 'tier:key owner:maya'")
		}
		col := strings.ToLower(*sortBy)
		if col != "" && !slices.Contains(domain.ViewSortColumns, col) {
			return usagef("--sort %q is not a portfolio column: %s", *sortBy, orList(domain.ViewSortColumns))
		}
		if *reverse && col == "" {
			return usagef("--reverse reverses a sort: give --sort COLUMN too")
		}
		v, replaced, err := app.SaveView(c.store(), domain.SavedView{Name: args[0], Filter: args[1], Sort: col, Reverse: *reverse})
		if err != nil {
			return err
		}
		verb := "saved"
		if replaced {
			verb = "replaced"
		}
		fmt.Fprintf(c.env.Stdout, "%s view %q: %s\n", verb, domain.Printable(v.Name), describeView(v))
		return nil
	}
}

func viewListCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, args []string) error {
		if len(args) != 0 {
			return usagef("view list takes no arguments")
		}
		vs, err := app.ListViews(c.store())
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(c.env.Stdout, vs)
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		if len(vs) == 0 {
			fmt.Fprintln(w, "no saved views (tend view save NAME FILTER, or ctrl+s in the portfolio's filter)")
			return nil
		}
		fmt.Fprintf(w, "%s %s\n", views.Fit("NAME", 24), "FILTER · SORT")
		for _, v := range vs {
			fmt.Fprintf(w, "%s %s\n", views.Fit(domain.Printable(v.Name), 24), describeView(v))
		}
		return nil
	}
}

func viewDeleteCmd(fs *flag.FlagSet) runFunc {
	return func(c *call, args []string) error {
		if len(args) != 1 {
			return usagef("view delete needs the NAME of one view")
		}
		if err := app.DeleteView(c.store(), args[0]); err != nil {
			return err
		}
		fmt.Fprintf(c.env.Stdout, "deleted view %q\n", domain.Printable(strings.Join(strings.Fields(args[0]), " ")))
		return nil
	}
}

// describeView says a view's filter and sort in one line.
func describeView(v domain.SavedView) string {
	s := domain.Printable(v.Filter)
	if s == "" {
		s = "(every account)"
	}
	if v.Sort != "" {
		s += " · sort " + v.Sort
		if v.Reverse {
			s += " reversed"
		}
	}
	return s
}
