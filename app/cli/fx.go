package cli

import (
	"bufio"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/tend-cli/tend/app"
	"github.com/tend-cli/tend/domain"
)

func fxFrom(c *call, from string) (domain.Date, error) {
	if from == "" {
		return 0, nil
	}
	d, err := domain.ParseDate(from, c.today())
	if err != nil {
		return 0, usagef("--from: %v", err)
	}
	return d, nil
}

func fxSetCmd(fs *flag.FlagSet) runFunc {
	from := fs.String("from", "", "the rate holds from this `DATE` on (default: from the beginning)")
	return func(c *call, args []string) error {
		if len(args) != 2 {
			return usagef("fx set needs a currency and a rate, e.g. tend fx set EUR 1.08")
		}
		d, err := fxFrom(c, *from)
		if err != nil {
			return err
		}
		if _, err := domain.ParseRate(args[1]); err != nil {
			return usagef("%v", err)
		}
		fx, err := app.SetFXRate(c.store(), args[0], args[1], d)
		if err != nil {
			return err
		}
		u, _ := domain.ParseRate(args[1])
		when := ""
		if d != 0 {
			when = " from " + d.String()
		}
		fmt.Fprintf(c.env.Stdout, "1 %s = %s %s%s\n", strings.ToUpper(domain.Printable(args[0])), domain.FormatRate(u), fx.Currency, when)
		return nil
	}
}

func fxDeleteCmd(fs *flag.FlagSet) runFunc {
	from := fs.String("from", "", "delete only the rate that holds from this `DATE` (default: every rate of the currency)")
	return func(c *call, args []string) error {
		if len(args) != 1 {
			return usagef("fx delete needs a currency, e.g. tend fx delete EUR")
		}
		d, err := fxFrom(c, *from)
		if err != nil {
			return err
		}
		return app.DeleteFXRate(c.store(), args[0], d, *from == "")
	}
}

func fxListCmd(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print JSON")
	return func(c *call, _ []string) error {
		fx, err := app.FXRates(c.store())
		if err != nil {
			return err
		}
		if *asJSON {
			if fx.Rates == nil {
				fx.Rates = map[string][]domain.FXRate{}
			}
			return writeJSON(c.env.Stdout, fx)
		}
		w := bufio.NewWriter(c.env.Stdout)
		defer w.Flush()
		fmt.Fprintf(w, "book currency %s\n", fx.Currency)
		var curs []string
		for k := range fx.Rates {
			curs = append(curs, k)
		}
		slices.Sort(curs)
		for _, k := range curs {
			for _, r := range fx.Rates[k] {
				from := "from the beginning"
				if r.From != 0 {
					from = "from " + r.From.String()
				}
				fmt.Fprintf(w, "1 %s = %s %s  %s\n", k, r.Rate, fx.Currency, from)
			}
		}
		if len(curs) == 0 {
			fmt.Fprintf(w, "no exchange rates (tend fx set EUR 1.08)\n")
		}
		return nil
	}
}
